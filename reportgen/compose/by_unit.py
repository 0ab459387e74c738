"""One district's share of an annex: only its rows, with its own total and comparison rows computed from them.

What compose adds has no words of the clerk's: a total's label and a "no change" text stay None, and the table
is worded by the templates (compose.annex).
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from reportgen.model.plan import Annex, Cell, Change, Comparison, Group, TotalRow
from reportgen.model.tables import computed_total
from reportgen.names import name_key


def units_of(annexes: tuple[Annex, ...]) -> list[str]:
    """The units the annexes speak of, in the order they first appear (Biểu 01's rows, then group labels), each once
    however typed ("H. Lục Nam" and "Huyện Lục Nam" are one folder, named as first written)."""
    seen: dict = {}
    for annex in annexes:
        for name in _unit_names(annex):
            seen.setdefault(name_key(name), name)
    return list(seen.values())


def _unit_names(annex: Annex) -> list[str]:
    if annex.unit_key is not None:
        return [str(v) for v in (row.value(annex.unit_key) for row in annex.rows()) if v is not None]
    if annex.unit_groups_from is not None:
        return [g.label for g in annex.groups if g.label is not None]
    return []


def unit_annex(annex: Annex, unit: str) -> Annex | None:
    """The annex cut to one unit; None when the annex has no rows by unit, or none for this one."""
    key = name_key(unit)
    if annex.unit_key is not None:
        rows = tuple(r for r in annex.rows() if r.value(annex.unit_key) is not None
                     and name_key(str(r.value(annex.unit_key))) == key)
        groups = (Group(None, rows),) if rows else ()
    elif annex.unit_groups_from is not None:
        groups = tuple(g for g in annex.groups if g.label is not None and name_key(g.label) == key)
    else:
        return None
    if not groups:
        return None
    part = replace(annex, groups=groups, total=None, comparison=None, notes=())
    total = _total(part, annex.total.label if annex.total else None) if _sums(annex) else None
    part = replace(part, total=total)
    if annex.comparison is not None and total is not None:
        part = replace(part, comparison=_comparison(part, annex.comparison.label))
    return part


def _sums(annex: Annex) -> bool:
    return any(leaf.aggregate for leaf in annex.leaves())


def _total(part: Annex, label: str | None) -> TotalRow:
    """The unit's own total: what its rows add up to (one row's mean is its own value)."""
    cells = {}
    for leaf in part.leaves():
        if not leaf.aggregate:
            continue
        value = computed_total(part, leaf)
        if value is None and leaf.aggregate == "weighted_mean" and len(part.rows()) == 1:
            value = part.rows()[0].value(leaf.key)
        cells[leaf.key] = Cell(value if isinstance(value, Decimal) else None)
    return TotalRow(label, cells)


def _comparison(part: Annex, label: str) -> Comparison:
    changes = {}
    for column in part.columns:
        periods = part.period_columns(column) if column.is_group else None
        if periods is None:
            continue
        before, after = (part.total.cells.get(leaf.key) for leaf in periods)
        if before is None or after is None or before.value is None or after.value is None:
            continue
        difference = after.value - before.value
        direction = (difference > 0) - (difference < 0)
        # compose.annex words it from direction, amount and measure.
        changes[column.id] = Change(None, direction, abs(difference), column.measure or "")
    return Comparison(label, changes)
