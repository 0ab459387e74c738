"""Rules cross-annex-count and unit-known: list annexes agree with the unit table they refer to."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from reportgen import tables
from reportgen.check.rules.common import column_name, failed, num, passed, unknown
from reportgen.errors import Finding
from reportgen.model import Annex, Plan, Row, RowsPerUnit


def cross_annex_counts(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        for rule in annex.rules:
            yield from _rows_per_unit(plan, annex, rule)


def units_known(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        if annex.unit_groups_from is None:
            continue
        reference = plan.annex(annex.unit_groups_from)
        if reference is None:
            yield failed("unit-known", f"{annex.label}: 'unit_groups_from' chỉ tới biểu "
                         f"'{annex.unit_groups_from}' không có trong văn bản.", annex.unit_groups_from,
                         "mã một biểu có trong văn bản", annex.source)
            continue
        units = tables.rows_by_unit(reference)
        for group in annex.groups:
            if group.label in units:
                yield passed("unit-known", f"{annex.label}: '{group.label}' có trong {reference.label}.", group.loc)
            else:
                yield failed("unit-known", f"{annex.label}: nhóm '{group.label}' không phải đơn vị nào trong "
                             f"{reference.label}.", group.label, f"một trong: {', '.join(units)}", group.loc)


def _rows_per_unit(plan: Plan, annex: Annex, rule: RowsPerUnit) -> Iterator[Finding]:
    name = "cross-annex-count"
    reference = plan.annex(rule.annex)
    group = reference.top(rule.column) if reference else None
    if reference is None or group is None or not group.is_group or reference.comparison is None:
        yield failed(name, f"{annex.label}: quy tắc rows_per_unit chỉ tới biểu '{rule.annex}', cột "
                     f"'{rule.column}' không có (cần một cột nhóm của biểu có dòng so sánh).",
                     f"{rule.annex}/{rule.column}", "một cột nhóm có thật", rule.loc)
        return
    counts = tables.rows_per_group(annex)
    for unit, row in tables.rows_by_unit(reference).items():
        expected, cells = _measure(reference, row, rule)
        where = [c.loc for c in cells] + [g.loc for g in annex.groups if g.label == unit]
        what = (f"{annex.label}, {unit}: {counts.get(unit, 0)} dòng; {column_name(reference, group)} "
                f"{_measure_words(rule.measure)}")
        if expected is None:
            yield unknown(name, f"{what} để trống nên không đối chiếu được.", *where)
        elif Decimal(counts.get(unit, 0)) == expected:
            yield passed(name, f"{what} {num(expected)}: khớp.", *where)
        else:
            yield failed(name, f"{what} {num(expected)}: không khớp.", str(counts.get(unit, 0)), num(expected),
                         *where)


def _measure(reference: Annex, row: Row, rule: RowsPerUnit):
    group = reference.top(rule.column)
    before = group.child(reference.comparison.from_id)
    after = group.child(reference.comparison.to_id)
    cells = [row.cells[c.key] for c in (before, after) if c.key in row.cells]
    values = {c: row.value(c.key) for c in (before, after)}
    if rule.measure == "value_from":
        return values[before], cells
    if rule.measure == "value_to":
        return values[after], cells
    if values[before] is None or values[after] is None:
        return None, cells
    return values[after] - values[before], cells


def _measure_words(measure: str) -> str:
    return {"increase": "tăng", "value_from": "năm trước ghi", "value_to": "năm sau ghi"}[measure]
