"""Rules cross-annex-count, cross-annex-sum and unit-known: a list annex agrees with the table it is counted in.

References (annex ids, column ids, group labels) are checked while typing the input (check/references.py);
here they are known to exist. Every row of the other annex is walked, so a name with no rows at all counts 0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from reportgen.check.rules.common import failed, num, passed, unknown
from reportgen.check.rules.cross_measure import Named, Target, rows_named, selected, selection_words
from reportgen.check.findings import Finding
from reportgen.check.unit_match import misspelling, unit_key
from reportgen.errors import Location
from reportgen.expressions.suggest import closest
from reportgen.model import tables
from reportgen.model.plan import Annex, Plan, Row
from reportgen.model.ties import CrossRule


def cross_annex_counts(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        for rule in annex.rules:
            if rule.kind == "count":
                yield from _per_name(plan.annex(rule.annex), annex, rule, "cross-annex-count", plan)


def cross_annex_sums(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        for rule in annex.rules:
            if rule.kind == "sum":
                yield from _per_name(plan.annex(rule.annex), annex, rule, "cross-annex-sum", plan)


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


def _per_name(other: Annex, annex: Annex, rule: CrossRule, name: str, plan: Plan) -> Iterator[Finding]:
    target = Target(other, rule)
    rows, names = rows_named(annex, rule), target.rows()
    sides = (annex.label, target.annex.label)
    strays = {n.name: n.locs[0] for key, n in rows.items()   # names of the list no row of the other table has
              if n.name is not None and n.locs and key not in names}
    for key, (unit, row) in names.items():
        expected, cells, blank = target.measure(row)
        mine = rows.pop(key, Named())
        where = [c.loc for c in cells] + mine.locs
        found, missing = _found(annex, rule, mine.rows)
        what = f"{annex.label}, {unit}{selection_words(annex, rule)}: {_found_words(annex, rule, found)}; {target.name}"
        near = misspelling(unit, target.name_loc(row), strays, plan.register)
        if near is not None and mine.rows and near.wrong != "there":
            near = None  # rows under this very name: only the register makes the near stray one of its rows
        if near is not None:  # its rows sit under a misspelled name: counting them 0 would blame the right cells
            yield unknown(name, f"{what}: chưa đối chiếu được, {near.words()}.", *near.blamed())
        else:
            blank_words = f"ô {blank or missing} để trống" if expected is None or missing else None
            yield _compared(name, what, target.words, found, expected, blank_words, where, sides)
    if not (rule.per is None and annex.unit_groups_from == rule.annex):  # else unit-known names the group
        yield from _unmatched(target, annex, rule, rows, name, plan)
    if not rule.first_form:
        yield from _total(target, annex, rule, name)


def _found(annex: Annex, rule: CrossRule, rows: list[Row]) -> tuple[Decimal | None, str | None]:
    """The rows' count, or the sum of their `column` and the header of a blank cell among them."""
    if rule.kind == "count":
        return Decimal(len(rows)), None
    values = [row.value(rule.summed) for row in rows]
    if any(not isinstance(v, Decimal) for v in values):
        return None, next(c.header for c in annex.leaves() if c.key == rule.summed)
    return sum(values, Decimal(0)), None


def _found_words(annex: Annex, rule: CrossRule, found: Decimal | None) -> str:
    if rule.kind == "count":
        return f"{num(found)} dòng"
    header = next(c.header for c in annex.leaves() if c.key == rule.summed)
    return f'cột "{header}" cộng {num(found)}'


def _unmatched(target: Target, annex: Annex, rule: CrossRule, rows: dict, name: str, plan: Plan) -> Iterator[Finding]:
    """Rows whose name the other annex lacks (a misspelt district): counted nowhere, so said where they are written;
    a look-alike row of the other annex is named too, and the register, if any, says which of the two is misspelt."""
    other, rows_of_other = target.annex, target.rows()
    names = dict(rows_of_other.values())
    unpaired = {unit: target.name_loc(row) for key, (unit, row) in rows_of_other.items() if key not in rows}
    for mine in rows.values():
        shown = mine.name if mine.name is not None else "(trống)"
        what = f"{annex.label}{selection_words(annex, rule)}: {len(mine.rows)} dòng ghi '{shown}'"
        near = misspelling(mine.name, mine.locs[0], unpaired, plan.register) if mine.name and mine.locs else None
        if near is not None:
            found, expected = (near.there, near.here) if near.wrong == "there" else (near.here, near.there)
            yield failed(name, f"{what}, {other.label} không có dòng đó: {near.words()}.", found, expected,
                         *near.blamed())
            continue
        like = closest(mine.name, names, limit=1) if mine.name is not None else []
        also = (f"; {other.label} có dòng '{like[0]}': hai nơi viết tên khác nhau, sửa nơi viết sai" if like
                else f"; các dòng của {other.label}: {', '.join(names)}")
        where = list(mine.locs) + [target.name_loc(names[like[0]])] if like else mine.locs
        yield failed(name, f"{what} nhưng {other.label} không có dòng '{shown}'{also}.", shown,
                     f"một dòng của {other.label}", *where)


def _total(target: Target, annex: Annex, rule: CrossRule, name: str) -> Iterator[Finding]:
    """The whole selection against the other annex's total (as printed and checked, else its rows' sum)."""
    expected = target.total()
    found, missing = _found(annex, rule, selected(annex, rule))
    what = f"{annex.label}{selection_words(annex, rule)}, cả biểu: {_found_words(annex, rule, found)}; {target.name}"
    where = [rule.loc, *target.total_locs()]
    blank_words = "không có tổng hoặc có ô để trống" if expected is None or missing else None
    yield _compared(name, what, "tổng", found, expected, blank_words, where, (annex.label, target.annex.label))


def _compared(name: str, what: str, words: str, found: Decimal | None, expected: Decimal | None,
              blank_words: str | None, where: list[Location], sides: tuple[str, str]) -> Finding:
    """One figure of the list against the other annex's: unknown while a cell is blank, else matched or not;
    when not, either table may hold the wrong figure, so the gap and both to compare with the source."""
    if blank_words is not None:
        return unknown(name, f"{what}: {blank_words} nên không đối chiếu được.", *where)
    if found == expected:
        return passed(name, f"{what} {words} {num(expected)}: khớp.", *where)
    return failed(name, f"{what} {words} {num(expected)}: không khớp, lệch {num(abs(found - expected))}; "
                  "đối chiếu cả hai biểu với bản gốc để tìm chỗ ghi sai.",
                  num(found), num(expected), *where, sides=sides)
