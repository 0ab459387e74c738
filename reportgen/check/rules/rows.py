"""Rules count-integer, cumulative and duplicate-row: each row on its own terms."""

from __future__ import annotations

from typing import Iterator

from reportgen.check.rules.common import cell_loc, column_name, failed, natural, num, passed, row_name, unknown
from reportgen.check.findings import Finding
from reportgen.model.plan import Annex, Plan, Row


def count_integers(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        for column in annex.leaves():
            if column.type != "count" or column.computed is not None:
                continue  # a computed count is reportgen's (a difference may fall below 0); typed ones: computed-cell
            bad = [(row, row.value(column.key)) for row in annex.rows()
                   if row.value(column.key) is not None and not natural(row.value(column.key))]
            for row, value in bad:
                yield failed("count-integer", f"{column_name(annex, column)}, {row_name(annex, row)}: số đếm phải "
                             f"là số nguyên không âm, thấy {num(value)}.", num(value), "số nguyên ≥ 0",
                             cell_loc(row, column.key))
            if not bad:
                yield passed("count-integer", f"{column_name(annex, column)}: mọi ô là số nguyên không âm.",
                             annex.source)
    for fact in plan.facts.values():
        if fact.kind == "count" and not fact.pending and not natural(fact.value):
            yield failed("count-integer", f"Số liệu '{fact.id}' ({fact.label}) là số đếm nhưng ghi "
                         f"{num(fact.value)}.", num(fact.value), "số nguyên ≥ 0", fact.loc)


def cumulative(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        for group in (c for c in annex.columns if c.cumulative and annex.period_columns(c)):
            yield from _cumulative(annex, group)


def _cumulative(annex: Annex, group) -> Iterator[Finding]:
    """Each falling or half-blank row by name; the rows that hold summed up in one finding."""
    before, after = annex.period_columns(group)
    name = f'{annex.label}, cột "{group.header}" (lũy kế)'
    lines = [(row_name(annex, row), row) for row in annex.rows()]
    if annex.total is not None:
        lines.append((f'dòng "{annex.total.label}"', Row(annex.total.cells, annex.source)))
    held = 0
    for label, row in lines:
        first, last = row.value(before.key), row.value(after.key)
        where = cell_loc(row, after.key)
        if first is None and last is None:
            continue
        if first is None or last is None:
            yield unknown("cumulative", f"{name}, {label}: một trong hai năm để trống ({num(first)} → "
                          f"{num(last)}).", where)
        elif last < first:
            yield failed("cumulative", f"{name}, {label}: lũy kế giảm từ {num(first)} xuống {num(last)}.",
                         num(last), f"≥ {num(first)}", where, cell_loc(row, before.key))
        else:
            held += 1
    if held:
        yield passed("cumulative", f"{name}: {held} dòng có năm sau không nhỏ hơn năm trước.", annex.source)


def duplicates(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        if annex.key:
            yield from _duplicate_rows(annex)
        yield from _duplicate_groups(annex)


def _duplicate_rows(annex: Annex) -> Iterator[Finding]:
    seen: dict[tuple, object] = {}
    clean = True
    for row in annex.rows():
        key = tuple(str(row.value(k) or "").casefold() for k in annex.key)
        if not any(key):
            continue  # a row without its name is already an input problem
        if any(row.cells[k].pending for k in annex.key if k in row.cells):
            continue  # a deadline still "chưa nhập" tells the rows apart only once typed (input-pending says so)
        if key in seen:
            clean = False
            shown = " / ".join(str(row.value(k) or "") for k in annex.key)
            yield failed("duplicate-row", f"{annex.label}: dòng '{shown}' lặp lại.", shown, "mỗi dòng một lần",
                         row.loc, seen[key].loc)
        seen[key] = row
    if clean:
        yield passed("duplicate-row", f"{annex.label}: không có dòng lặp (theo {', '.join(annex.key)}).",
                     annex.source)


def _duplicate_groups(annex: Annex) -> Iterator[Finding]:
    seen = {}
    for group in annex.groups:
        if group.label is None:
            continue
        if group.label in seen:
            yield failed("duplicate-row", f"{annex.label}: nhóm '{group.label}' xuất hiện hai lần.", group.label,
                         "mỗi nhóm một lần", group.loc, seen[group.label].loc)
        seen[group.label] = group
