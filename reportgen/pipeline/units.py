"""`reportgen units`: a unit register (don-vi.yaml) scaffolded from the dataset for a province at a date."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Location, Problems, UsageError
from reportgen.load.raw import Raw, display_path
from reportgen.load.yaml_file import load_yaml
from reportgen.names import near_names
from reportgen.output.files import write_file
from reportgen.units_data.dataset import DatasetError as DatasetError
from reportgen.units_data.dataset import TWO_LEVEL_FROM, find_province, province, province_names
from reportgen.units_data.scaffold import register_text
from reportgen.vi import format_date_short

REGISTER = "don-vi.yaml"


@dataclass
class Scaffolded:
    path: Path
    province: str
    as_of: _dt.date
    count: int            # units written, every level


def units_for_folder(folder: Path, force: bool = False) -> Scaffolded:
    """FOLDER/don-vi.yaml for the province and date FOLDER/van-ban.yaml names."""
    name, as_of = _document_province(folder)
    return units_to(name, as_of, folder / REGISTER, force)


def units_to(name: str, as_of: _dt.date, out: Path, force: bool = False) -> Scaffolded:
    """The register of province `name` as the dataset has it for `as_of`, written to `out` (never over one
    without `force`: the clerk edits it)."""
    known = find_province(name, as_of)
    if known is None:
        raise UsageError(f"không có tỉnh '{name}' trong bộ dữ liệu đơn vị hành chính "
                         f"{'từ' if as_of >= TWO_LEVEL_FROM else 'trước'} ngày {format_date_short(TWO_LEVEL_FROM)}"
                         + "".join(f" (có phải '{near}' không?)" for near in near_names(name, province_names(as_of),
                                                                                          1)))
    if out.is_dir():
        raise UsageError(f"{display_path(out)} là một thư mục: ghi tên tệp, ví dụ -o {display_path(out / REGISTER)}")
    if out.exists() and not force:
        raise UsageError(f"đã có {display_path(out)} (có thể đã được sửa tay): không ghi đè. Đổi tên hoặc xóa tệp "
                         "cũ, hoặc chạy lại với --force để thay")
    data = province(known, as_of)
    write_file(out, register_text(data, as_of).encode("utf-8"))
    return Scaffolded(out, _lower_first(data.full_name), as_of, _count(data.units))


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _count(units) -> int:
    return sum(1 + _count(unit.units) for unit in units)


def _document_province(folder: Path) -> tuple[str, _dt.date]:
    """The province (from `place`, else the bodies' names) and the date of van-ban.yaml; ReportgenError if not."""
    problems = Problems()
    path = folder / "van-ban.yaml"
    document = load_yaml(path, problems)
    problems.raise_if_any()
    where = document.loc if document is not None else Location(display_path(path))
    day = document.get("date") if document is not None else None
    if day is None or not isinstance(day.value, _dt.date):
        problems.add("Cần ngày văn bản (date: YYYY-MM-DD) để biết các đơn vị hành chính có vào ngày đó.",
                     day.loc if day is not None else where)
        problems.raise_if_any()
    for candidate in _province_candidates(document):
        if find_province(candidate, day.value) is not None:
            return candidate, day.value
    problems.add("Không nhận ra tỉnh của văn bản từ địa danh (place) hay tên cơ quan (parent_body, issuing_body_"
                 "name). Ghi tỉnh trên dòng lệnh: reportgen units --province \"Tên tỉnh\" --as-of "
                 f"{day.value.isoformat()} -o {display_path(folder / REGISTER)}", where)
    problems.raise_if_any()
    raise AssertionError("unreachable")


def _province_candidates(document: Raw) -> list[str]:
    """`place` first (ND30: a province's bodies write the province's name), then "... TỈNH X" in the bodies."""
    found = []
    for key in ("place", "parent_body", "issuing_body_name"):
        raw = document.get(key)
        text = raw.value if raw is not None and isinstance(raw.value, str) else ""
        found.append(text)
        lowered = text.casefold()
        for word in ("tỉnh ", "thành phố "):
            if word in lowered:
                found.append(text[lowered.rindex(word) + len(word):])
    return [text for text in found if text.strip()]
