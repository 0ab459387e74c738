"""Computed figures of an annex: computed columns (shares, % of plan, sums, differences) and the total and
comparison cells the input left out. The model holds what reportgen computed; a figure the input typed in a
computed column is kept in `Annex.typed` for rule computed-cell."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from reportgen.check.annex_lines import figure_change
from reportgen.model import tables
from reportgen.model.plan import Annex, Cell, Column, Comparison, Group, TotalRow, TypedCell
from reportgen.vi import round_half_up

_HUNDRED = Decimal(100)


def complete(annex: Annex) -> Annex:
    """The annex with every computed cell filled in (rows, then the total row, then shares, then comparisons)."""
    computed = [leaf for leaf in annex.leaves() if leaf.computed is not None]
    if not computed and not _left_out(annex):
        return annex  # nothing to compute: the annex stays the very value the input gave
    typed: list[TypedCell] = []
    plain = [leaf for leaf in computed if leaf.computed.op != "share"]
    shares = [leaf for leaf in computed if leaf.computed.op == "share"]
    annex = _rows(annex, plain, typed)
    if annex.total is not None:
        annex = replace(annex, total=_total(annex, plain, typed))
    annex = _rows(annex, shares, typed)
    if annex.total is not None and shares:
        annex = replace(annex, total=_fill(annex, annex.total, shares, None, typed))
    if annex.comparison is not None and annex.comparison.computed:
        annex = replace(annex, comparison=_comparison(annex))
    return replace(annex, typed=tuple(typed))


def _left_out(annex: Annex) -> bool:
    return bool((annex.total and annex.total.computed) or (annex.comparison and annex.comparison.computed))


def value_of(annex: Annex, leaf: Column, cells) -> Decimal | None:
    """What a computed leaf is on one row (or the total row), from that row's cells, rounded half-up."""
    op, operands = leaf.computed.op, leaf.computed.operands
    figures = [_figure(cells, key) for key in operands]
    if op == "sum":
        present = [f for f in figures if f is not None]
        result = sum(present, Decimal(0)) if present else None
    elif op == "difference":
        result = None if None in figures else figures[0] - figures[1]
    else:
        whole = share_base(annex, operands[0]) if op == "share" else figures[1]
        result = None if figures[0] is None or not whole else figures[0] * _HUNDRED / whole
    return None if result is None else round_half_up(result, leaf.decimals)


def share_base(annex: Annex, key: str) -> Decimal | None:
    """The total a share is of: what the rows add up to (a total typed wrong fails column-sum alone, and does not
    turn every share into a failure too), else the total row's figure."""
    rows = tables.column_sum(annex, key)
    return rows if rows is not None else tables.printed_total(annex, key)


def _figure(cells, key: str) -> Decimal | None:
    cell = cells.get(key)
    return cell.value if cell is not None and isinstance(cell.value, Decimal) else None


def _rows(annex: Annex, leaves: list[Column], typed: list[TypedCell]) -> Annex:
    if not leaves:
        return annex
    position = 0
    groups = []
    for group in annex.groups:
        rows = []
        for row in group.rows:
            rows.append(_fill(annex, row, leaves, position, typed))
            position += 1
        groups.append(Group(group.label, tuple(rows), group.loc, group.numeral))
    return replace(annex, groups=tuple(groups))


def _fill(annex: Annex, line, leaves: list[Column], position: int | None, typed: list[TypedCell]):
    """One row (or the total row) with its computed leaves, in column order (an operand comes first)."""
    cells = dict(line.cells)
    for leaf in leaves:
        cell = cells.get(leaf.key) or Cell(None, getattr(line, "loc", annex.source))
        if isinstance(cell.value, Decimal):
            typed.append(TypedCell(leaf.key, position, cell.value, cell.loc))
        value = value_of(annex, leaf, cells)
        if value is not None:  # not computable (a blank operand): what was typed stays, and is not checkable
            cells[leaf.key] = Cell(value, cell.loc)
    return replace(line, cells=cells)


def _total(annex: Annex, leaves: list[Column], typed: list[TypedCell]) -> TotalRow:
    """The total row: the cells the input left out summed (or averaged by weight) from the rows; computed
    columns by their own formula over the total row."""
    cells = dict(annex.total.cells)
    for leaf in annex.leaves():
        if leaf.key in annex.total.computed and leaf.computed is None and leaf.aggregate:
            cells[leaf.key] = Cell(tables.computed_total(annex, leaf), annex.source)
        elif leaf.type != "index":
            cells.setdefault(leaf.key, Cell(None, annex.source))  # as a typed row has every cell, blank or not
    total = replace(annex.total, cells=cells)
    return _fill(annex, total, leaves, None, typed)


def _comparison(annex: Annex) -> Comparison:
    """The changes the input left out, from the two totals of each grouped column, worded by the template."""
    changes = dict(annex.comparison.changes)
    for column in annex.columns:
        periods = annex.period_columns(column) if column.id in annex.comparison.computed else None
        if periods is None:
            continue
        before, after = (tables.effective_total(annex, leaf) for leaf in periods)
        if before is None or after is None:
            continue
        changes[column.id] = figure_change(after - before, column, annex.source)  # as a sheet's figure reads
    return replace(annex.comparison, changes=changes)
