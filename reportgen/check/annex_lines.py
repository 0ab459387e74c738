"""The annex's special lines: periods (earlier/later sub-columns), the total row, the comparison row."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.check.annex_rows import RowReader
from reportgen.check.fields import Fields, as_text
from reportgen.check.pending import is_pending
from reportgen.errors import Problems
from reportgen.load.raw import Raw, SheetRows
from reportgen.model.plan import Change, Column, Comparison, Periods, TotalRow
from reportgen.vi import format_number, parse_number

_CHANGE = re.compile(r"^(Tăng|Giảm)(?: thêm)? (\S+) (.+)$", re.IGNORECASE)
_NO_CHANGE = re.compile(r"^Không (thay đổi|đổi|tăng|giảm)$", re.IGNORECASE)


def build_periods(raw: Raw | None, columns: tuple[Column, ...], what: str, problems: Problems) -> Periods | None:
    """`periods: {from: th_2019, to: kh_2020}`: needed by lũy kế columns, comparison rows and tang/giam."""
    needing = [c for c in columns if c.cumulative]
    if raw is None:
        for column in needing:
            problems.add(f"{what}: cột lũy kế '{column.id}' cần 'periods: {{from: ..., to: ...}}' của biểu "
                         "để biết năm trước, năm sau.", column.loc)
        return None
    f = Fields(raw, f"{what}, periods", problems)
    from_id, to_id = f.text("from"), f.text("to")
    f.finish()
    if from_id is None or to_id is None:
        return None
    if from_id == to_id:
        problems.add(f"{what}: 'periods' cần hai cột con khác nhau (from và to đang cùng là '{from_id}').", raw.loc)
        return None
    groups = [c for c in columns if c.is_group]
    if not any(c.child(from_id) and c.child(to_id) for c in groups):
        problems.add(f"{what}: không cột nhóm nào có hai cột con '{from_id}' và '{to_id}'.", raw.loc)
        return None
    for column in needing:
        if not (column.child(from_id) and column.child(to_id)):
            problems.add(f"{what}: cột lũy kế '{column.id}' cần hai cột con '{from_id}' và '{to_id}'.", column.loc)
    return Periods(from_id, to_id)


def build_total(definition: Raw | None, data: SheetRows, columns, what: str, problems: Problems) -> TotalRow | None:
    """The total row: the figures typed are kept to be checked; the columns it leaves out (all of them when it
    has no `values`, or no row in the sheet) are computed from the rows (check.annex_computed)."""
    if definition is None:
        return None
    f = Fields(definition, f"{what}, dòng tổng", problems)
    label = f.text("label")
    f.node("values", required=False)
    f.finish()
    if label is None:
        return None
    leaves = {leaf.key: leaf for c in columns for leaf in c.leaves()}
    if data.total is None:
        return TotalRow(label, {}, computed=frozenset(leaves))
    row = RowReader(columns, f"{what}, dòng {label}", problems).row(data.total)
    for key, cell in (row.cells.items() if row else ()):
        if cell.value is not None and not leaves[key].is_numeric:
            problems.add(f"{what}, dòng {label}: chỉ ghi số ở các cột số; cột '{key}' ghi '{cell.value}'.", cell.loc)
    return TotalRow(label, dict(row.cells) if row else {}, computed=_left_out(data.total, columns))


def _left_out(values: Raw, columns) -> frozenset[str]:
    """The leaves of the columns a YAML `values` does not name (`~` names a cell and keeps it blank)."""
    if not values.is_map:
        return frozenset()
    return frozenset(leaf.key for c in columns if c.id not in values.value for leaf in c.leaves())


def build_comparison(definition: Raw | None, data: SheetRows, columns: tuple[Column, ...],
                     periods: Periods | None, what: str, problems: Problems) -> Comparison | None:
    """The printed comparison row, one change ("Tăng 22 thôn") per grouped column."""
    if definition is None:
        return None
    what = f"{what}, dòng so sánh"
    f = Fields(definition, what, problems)
    label = f.text("label")
    f.node("values", required=False)
    f.finish()
    if label is None:
        return None
    if periods is None:
        problems.add(f"{what}: cần 'periods: {{from: ..., to: ...}}' của biểu để biết so sánh năm nào.",
                     definition.loc)
        return None
    both = frozenset(c.id for c in columns if c.child(periods.from_id) and c.child(periods.to_id))
    if data.comparison is None:  # computed from the totals (check.annex_computed), worded by the template
        return Comparison(label, {}, computed=both)
    left_out = both - set(data.comparison.value) if data.comparison.is_map else frozenset()
    pending: dict = {}
    changes = _changes(data.comparison, columns, periods, what, problems, pending)
    return Comparison(label, changes, computed=left_out, pending=pending)


def _changes(values: Raw, columns, periods: Periods, what: str, problems: Problems,
             pending: dict) -> dict[str, Change]:
    """Each change under a grouped column that has both period sub-columns (`pending` gets those "chưa nhập")."""
    changes = {}
    if not values.is_map:
        problems.add(f"{what}: 'values' phải là bảng 'mã cột nhóm: Tăng 22 thôn'.", values.loc)
        return changes
    for column_id, node in values.value.items():
        column = next((c for c in columns if c.id == column_id), None)
        if column is None or not (column.child(periods.from_id) and column.child(periods.to_id)):
            problems.add(f"{what}: '{column_id}' phải là cột nhóm có hai cột con '{periods.from_id}' và "
                         f"'{periods.to_id}'.", values.keys.get(column_id, node.loc))
            continue
        if is_pending(node):
            pending[column_id] = node.loc
            continue
        change = figure_change(node.value, column, node.loc) if _is_sheet_figure(node) else \
            parse_change(node, what, problems)
        if change is not None:
            changes[column_id] = change
    return changes


def _is_sheet_figure(node: Raw) -> bool:
    """A workbook cell holding the difference itself (=D17-C17), its format showing "Tăng 23 xã"."""
    return isinstance(node.value, Decimal) and node.loc.sheet is not None and not node.percent


def figure_change(difference: Decimal, column: Column, loc) -> Change:
    """The change a difference stands for, as a clerk would write it (a sheet's figure, or one check computed)."""
    direction = (difference > 0) - (difference < 0)
    if direction == 0:
        return Change("Không đổi", 0, Decimal(0), "", loc)
    amount = abs(difference)
    measure = column.measure or ""
    text = f"{'Tăng' if direction > 0 else 'Giảm'} {format_number(amount)} {measure}".strip()
    return Change(text, direction, amount, measure, loc)


def parse_change(node: Raw, what: str, problems: Problems) -> Change | None:
    """"Tăng 22 thôn", "Giảm 9 xã", "Tăng 0,4 tiêu chí", "Không đổi"."""
    text = as_text(node, what, problems, required=False)
    if text is None:
        return None
    text = text.rstrip(" .;")
    if _NO_CHANGE.match(text):
        return Change(text, 0, parse_number("0"), "", node.loc)
    match = _CHANGE.match(text)
    amount = parse_number(match.group(2)) if match else None
    if match is None or amount is None or amount < 0:
        problems.add(f"{what}: không đọc được '{text}'. Viết theo mẫu 'Tăng 22 thôn', 'Giảm 9 xã' hoặc "
                     "'Không đổi' (số không mang dấu).", node.loc)
        return None
    direction = 1 if match.group(1).lower() == "tăng" else -1
    return Change(text, direction, amount, match.group(3).strip(), node.loc)
