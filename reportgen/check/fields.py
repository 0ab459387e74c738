"""Reading typed fields out of Raw mappings, each problem located and worded for a clerk."""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

from reportgen.errors import Location, Problems
from reportgen.load.raw import Raw
from reportgen.model.plan import Column
from reportgen.vi import parse_number, round_half_up


MAX_DECIMALS = 6
# A figure YAML would read as a number, were it not quoted ('7', "12.5").
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def decimals_allowed(decimals: int) -> bool:
    """Digits after the comma a column, a fact or a ratio may print: 0 to MAX_DECIMALS."""
    return 0 <= decimals <= MAX_DECIMALS


def within_decimals(value: Decimal | None, column: Column, node: Raw, what: str, problems: Problems):
    """A figure has no more decimals than its column prints (counts: the count rule judges 12.5), else the printed
    rows would not add up to the printed total: the figure as written, or None when it has more (said)."""
    if value is None or column.type == "count" or round_half_up(value, column.decimals) == value:
        return value
    problems.add(f"{what}: {node.text} có nhiều chữ số thập phân hơn cột cho phép ({column.decimals}).", node.loc)
    return None


class Fields:
    """A Raw mapping read key by key; unknown keys are reported once all reads are done."""

    def __init__(self, raw: Raw | None, what: str, problems: Problems, loc: Location | None = None) -> None:
        self.problems = problems
        self.what = what
        self.loc = raw.loc if raw is not None else loc
        self.ok = raw is not None and raw.is_map
        if raw is not None and not raw.is_map:
            problems.add(f"{what} phải là một bảng khóa: giá trị.", raw.loc)
        self.values: dict[str, Raw] = raw.value if self.ok else {}
        self.key_locs = raw.keys if self.ok else {}
        self.used: set[str] = set()

    def node(self, key: str, required: bool = True) -> Raw | None:
        self.used.add(key)
        node = self.values.get(key)
        if node is None or (node.value is None and required):
            if required and self.ok and not (node is not None and node.refused):
                self.problems.add(f"{self.what}: thiếu '{key}'.", node.loc if node else self.loc)
            return None
        return node

    def text(self, key: str, required: bool = True) -> str | None:
        node = self.node(key, required)
        return None if node is None else as_text(node, f"{self.what}: '{key}'", self.problems, required)

    def texts(self, key: str, required: bool = True) -> tuple[str, ...]:
        node = self.node(key, required)
        if node is None:
            return ()
        items = node.value if node.is_list else [node]
        if required and not items:
            self.problems.add(f"{self.what}: '{key}' là danh sách rỗng; ghi ít nhất một dòng.", node.loc)
        return tuple(t for t in (as_text(i, f"{self.what}: '{key}'", self.problems) for i in items) if t)

    def integer(self, key: str, required: bool = True, default: int | None = None) -> int | None:
        node = self.node(key, required)
        if node is None:
            return default
        if isinstance(node.value, Decimal) and node.value.as_tuple().exponent >= 0:
            return int(node.value)  # 2020, not 2020.0: a whole number is written without a decimal point
        quoted = " (bỏ dấu nháy)" if isinstance(node.value, str) and node.value.strip().isdigit() else ""
        if isinstance(node.value, Decimal) and node.value == node.value.to_integral_value():
            quoted = f" (viết {int(node.value)}, không có phần thập phân)"
        self.problems.add(f"{self.what}: '{key}' phải là số nguyên, thấy '{node.text}'{quoted}.", node.loc)
        return default

    def number(self, key: str, required: bool = True) -> Decimal | None:
        node = self.node(key, required)
        return None if node is None else as_number(node, f"{self.what}: '{key}'", self.problems)

    def date(self, key: str) -> _dt.date | None:
        node = self.node(key)
        if node is None:
            return None
        if isinstance(node.value, _dt.date):
            return node.value
        self.problems.add(f"{self.what}: '{key}' phải là ngày dạng 2020-02-17, thấy '{node.text}'.", node.loc)
        return None

    def flag(self, key: str) -> bool:
        node = self.node(key, required=False)
        if node is None:
            return False
        if isinstance(node.value, bool):
            return node.value
        self.problems.add(f"{self.what}: '{key}' phải là true hoặc false.", node.loc)
        return False

    def choice(self, key: str, choices: frozenset[str], required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and value not in choices:
            self.problems.add(f"{self.what}: '{key}' là '{value}', phải là một trong: "
                              f"{', '.join(sorted(choices))}.", self.values[key].loc)
            return None
        return value

    def finish(self) -> None:
        """Reports every key nobody asked for: a typo must not pass silently."""
        allowed = ", ".join(sorted(self.used))
        for key in self.values:
            if key not in self.used:
                self.problems.add(f"{self.what}: khóa '{key}' không được biết. Các khóa dùng được: {allowed}.",
                                  self.key_locs.get(key, self.loc))


def as_text(node: Raw, what: str, problems: Problems, required: bool = True) -> str | None:
    """A scalar as words: numbers and dates keep the text they were written with."""
    if node.is_map or node.is_list:
        problems.add(f"{what} phải là một dòng chữ, không phải danh sách hay bảng.", node.loc)
        return None
    if node.is_blank:
        if required:
            problems.add(f"{what} đang để trống.", node.loc)
        return None
    text = node.value if isinstance(node.value, str) else (node.text or str(node.value))
    return " ".join(text.split())


def as_number(node: Raw, what: str, problems: Problems) -> Decimal | None:
    """A figure; Vietnamese-written numbers in YAML get a message saying how to write them."""
    if isinstance(node.value, Decimal):
        return node.value
    if node.value is None:
        return None
    if node.loc.sheet is not None:
        problems.add(f"{what}: ô chứa '{node.text}', không phải số. Định dạng ô là Số (Number) rồi nhập lại "
                     "con số, hoặc xóa trắng ô nếu không có số liệu.", node.loc)
        return None
    if isinstance(node.value, str):
        parsed = parse_number(node.value)
        if parsed is not None and ("," in node.value or "." in node.value):
            problems.add(f"{what}: '{node.value}' viết theo kiểu Việt Nam; trong YAML số thập phân dùng "
                         f"dấu chấm và không có dấu phân cách nghìn: viết {parsed}.", node.loc)
            return None
        if _PLAIN_NUMBER.fullmatch(node.value.strip()):
            problems.add(f"{what}: '{node.value}' là con số viết trong dấu nháy nên được đọc thành chữ: bỏ dấu "
                         f"nháy, viết {node.value.strip()}.", node.loc)
            return None
    problems.add(f"{what}: '{node.text}' không phải là số. Ghi con số (ví dụ 12 hoặc 12.5) "
                 "hoặc để trống bằng ~.", node.loc)
    return None
