"""Where each table cell sits on the column grid, rowspans included: one answer for every writer."""

from __future__ import annotations

from typing import NamedTuple

from reportgen.tree.nodes import Cell, Row


class Placed(NamedTuple):
    """A cell at its grid column, or (cell None) the continuation a rowspan above leaves in this row.

    A named tuple: a 10.000-row table places 140.000 cells, and a frozen dataclass made that cost half a second.
    """

    cell: Cell | None
    column: int
    colspan: int


class GridError(ValueError):
    """A row that does not fill the grid exactly (too few or too many cells for the columns)."""


def placed_rows(rows: tuple[Row, ...], width: int) -> list[list[Placed]]:
    held: dict[int, tuple[int, int]] = {}    # start column -> (rows still covered, colspan)
    result = []
    for number, row in enumerate(rows, start=1):
        placed = _simple(row, width) if not held else None  # most rows: no span reaches into them
        if placed is None:
            placed = _placed(row, number, width, held)
        result.append(placed)
    return result


def _simple(row: Row, width: int) -> list[Placed] | None:
    placed, column = [], 0
    for cell in row.cells:
        if cell.rowspan > 1:
            return None
        placed.append(Placed(cell, column, cell.colspan))
        column += cell.colspan
    return placed if column == width else None


def _placed(row: Row, number: int, width: int, held: dict[int, tuple[int, int]]) -> list[Placed]:
    placed, column, cells = [], 0, list(row.cells)
    while column < width and (cells or column in held):
        if column in held:
            left, span = held.pop(column)
            if left > 1:
                held[column] = (left - 1, span)
            placed.append(Placed(None, column, span))
            column += span
            continue
        cell = cells.pop(0)
        placed.append(Placed(cell, column, cell.colspan))
        if cell.rowspan > 1:
            held[column] = (cell.rowspan - 1, cell.colspan)
        column += cell.colspan
    if cells or column != width:
        raise GridError(f"dòng {number} ({row.kind}) chiếm {column} cột thay vì {width}"
                        + (f", thừa {len(cells)} ô" if cells else ""))
    return placed
