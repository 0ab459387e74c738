"""A register's YAML text (don-vi.yaml) for one province at one date, with the header a clerk needs to edit it."""

from __future__ import annotations

import datetime as _dt
import json
import re

from reportgen.units_data.dataset import Province, Unit
from reportgen.vi import format_date_short

_PLAIN = re.compile(r"[^\W\d_][\w .'()-]*", re.UNICODE)   # a name YAML reads back as the same text unquoted


def register_text(province: Province, as_of: _dt.date) -> str:
    """don-vi.yaml: the header (where it came from, what date it reflects, what to edit), then the tree."""
    lines = _header(province, as_of) + [
        f"province: {_scalar(province.name)}",
        f"code: {_scalar(province.code)}",
        f"as_of: {as_of.isoformat()}",
        f"source: {_scalar(province.source)}",
        "units:",
    ]
    for unit in province.units:
        lines += _unit_lines(unit, "  ")
    return "\n".join(lines) + "\n"


def _header(province: Province, as_of: _dt.date) -> list[str]:
    day = format_date_short(as_of)
    if province.two_level:
        snapshot = ["# các xã, phường, đặc khu từ ngày 01/07/2025 (chính quyền địa phương hai cấp, không còn huyện).",
                    "# Hãy sửa tệp này cho đúng các đơn vị có hiệu lực vào ngày văn bản (sáp nhập, đổi tên...).",
                    "# Mỗi đơn vị một mục {name: tên, code: mã} (code có thể bỏ); units: các đơn vị cấp dưới",
                    "# (có thể thêm xã -> thôn). Tên trong các biểu phải có ở đây, dưới đúng đơn vị cấp trên."]
    else:
        snapshot = [f"# các đơn vị ngay trước ngày 01/07/2025 (tỉnh - huyện - xã), không phải các đơn vị ngày {day}.",
                    "# Hãy sửa tệp này cho đúng các đơn vị có hiệu lực vào ngày văn bản: xã sáp nhập, huyện",
                    "# lên thị xã, đổi tên... Mỗi đơn vị một mục {name: tên, code: mã} (code có thể bỏ); units:",
                    "# các đơn vị cấp dưới (huyện -> xã, có thể thêm xã -> thôn). Tên trong các biểu phải có ở",
                    "# đây, dưới đúng đơn vị cấp trên."]
    return [f"# Danh mục đơn vị hành chính {province.full_name[:1].lower()}{province.full_name[1:]}, cho văn bản ngày {day} (as_of).",
            "# Dựng bằng `reportgen units` từ bộ dữ liệu (giấy phép MIT)",
            f"# {province.source}. Bộ dữ liệu là ảnh chụp:"] + snapshot


def _unit_lines(unit: Unit, indent: str) -> list[str]:
    head = f"name: {_scalar(unit.name)}" + (f", code: {_scalar(unit.code)}" if unit.code else "")
    if not unit.units:
        return [f"{indent}- {{{head}}}"]
    lines = [f"{indent}- {head.replace(', code: ', chr(10) + indent + '  code: ')}", f"{indent}  units:"]
    for child in unit.units:
        lines += _unit_lines(child, indent + "    ")
    return lines


def _scalar(text: str | None) -> str:
    """A YAML scalar that reads back as this text: plain when safe, else double-quoted (JSON is valid YAML)."""
    if text is None:
        return "~"
    if _PLAIN.fullmatch(text) and text.lower() not in ("yes", "no", "true", "false", "null", "on", "off", "y", "n"):
        return text
    return json.dumps(text, ensure_ascii=False)
