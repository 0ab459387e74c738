"""Rules cross-annex-count and unit-known: list annexes agree with the unit table they refer to.

References (annex ids, column ids) are checked while typing the input (check/references.py);
here they are known to exist.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from reportgen.model import tables
from reportgen.check.rules.common import column_name, failed, num, passed, unknown
from reportgen.check.findings import Finding
from reportgen.check.unit_match import misspelling, unit_key
from reportgen.errors import Location
from reportgen.model.plan import Annex, Plan, Row, RowsPerUnit


def cross_annex_counts(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        for rule in annex.rules:
            yield from _rows_per_unit(plan.annex(rule.annex), annex, rule, plan)


def units_known(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        if annex.unit_groups_from is None:
            continue
        reference = plan.annex(annex.unit_groups_from)
        units = tables.rows_by_unit(reference)
        keys = {unit_key(unit) for unit in units}   # "TP Bắc Giang" in one table is "Thành phố Bắc Giang" in another
        for group in annex.groups:
            if unit_key(group.label) in keys:
                yield passed("unit-known", f"{annex.label}: '{group.label}' có trong {reference.label}.", group.loc)
                continue
            near = misspelling(group.label, group.loc, _unpaired(reference, annex), plan.register)
            if near is not None:  # a unit spelled two ways: the misspelled cell is blamed, never the right one
                found, expected = (near.there, near.here) if near.wrong == "there" else (near.here, near.there)
                yield failed("unit-known", f"{annex.label} (nhóm) và {reference.label}: {near.words()}.", found,
                             expected, *near.blamed())
            else:
                yield failed("unit-known", f"{annex.label}: nhóm '{group.label}' không phải đơn vị nào trong "
                             f"{reference.label}.", group.label, f"một trong: {', '.join(units)}", group.loc)


def _unpaired(reference: Annex, annex: Annex) -> dict[str, Location]:
    """The reference's units no group of `annex` names, with their cells: where a misspelled group's unit is."""
    groups = {unit_key(g.label) for g in annex.groups if g.label is not None}
    key = reference.unit_key
    return {unit: row.cells[key].loc for unit, row in tables.rows_by_unit(reference).items()
            if unit_key(unit) not in groups}


def _rows_per_unit(reference: Annex, annex: Annex, rule: RowsPerUnit, plan: Plan) -> Iterator[Finding]:
    name = "cross-annex-count"
    group = reference.top(rule.column)
    counts = _rows_per_group(annex)
    units = tables.rows_by_unit(reference)
    strays = {g.label: g.loc for g in annex.groups if g.label is not None   # groups naming no unit of the table
              and unit_key(g.label) not in {unit_key(unit) for unit in units}}
    for unit, row in units.items():
        expected, cells, blank = _measure(reference, row, rule)
        where = [c.loc for c in cells] + [g.loc for g in annex.groups if unit_key(g.label or "") == unit_key(unit)]
        found = counts.get(unit_key(unit), 0)
        what = f"{annex.label}, {unit}: {found} dòng; {column_name(reference, group)}"
        near = misspelling(unit, row.cells[reference.unit_key].loc, strays, plan.register) if not found else None
        if near is not None:  # its rows sit under a misspelled name: counting them 0 would blame the right cells
            yield unknown(name, f"{what}: chưa đối chiếu được, {near.words()}.", *near.blamed())
        elif expected is None:
            yield unknown(name, f"{what}: ô {blank} để trống nên không đối chiếu được.", *where)
        elif Decimal(found) == expected:
            yield passed(name, f"{what} {_measure_words(rule.measure)} {num(expected)}: khớp.", *where)
        else:
            yield failed(name, f"{what} {_measure_words(rule.measure)} {num(expected)}: không khớp.", str(found),
                         num(expected), *where)


def _rows_per_group(annex: Annex) -> dict:
    """Data rows under each group's unit (a unit may head two groups, however typed): only this rule counts them."""
    counts: dict = {}
    for group in annex.groups:
        if group.label is not None:
            key = unit_key(group.label)
            counts[key] = counts.get(key, 0) + len(group.rows)
    return counts


def _measure(reference: Annex, row: Row, rule: RowsPerUnit):
    """The figure the row count must equal, the cells it comes from, and which one is blank."""
    before, after = reference.period_columns(reference.top(rule.column))
    first, last = row.value(before.key), row.value(after.key)
    if rule.measure == "value_from":
        return first, [row.cells[before.key]], before.header
    if rule.measure == "value_to":
        return last, [row.cells[after.key]], after.header
    cells = [row.cells[before.key], row.cells[after.key]]
    blank = next((c.header for c, v in ((before, first), (after, last)) if v is None), "")
    if first is None or last is None:
        return None, cells, blank
    return last - first, cells, blank


def _measure_words(measure: str) -> str:
    return {"increase": "tăng", "value_from": "năm trước ghi", "value_to": "năm sau ghi"}[measure]
