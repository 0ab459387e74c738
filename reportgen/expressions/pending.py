"""An expression over a column with cells still "chưa nhập" has no value yet: said as a disagreement with the data
(rule narrative-expression fails, exit 1), never as a figure computed from the cells that happen to be typed."""

from __future__ import annotations

from reportgen.model.plan import Annex


class PendingInput(Exception):
    """A figure the expression needs is still to be typed (model.plan.PENDING)."""


def refuse_pending(annex: Annex, columns) -> None:
    """Raises PendingInput when any row or the total of one of `columns` is "chưa nhập"."""
    for column in columns:
        cells = [row.cells.get(column.key) for row in annex.rows()]
        if annex.total is not None:
            cells.append(annex.total.cells.get(column.key))
        waiting = sum(1 for cell in cells if cell is not None and cell.pending)
        if waiting:
            raise PendingInput(f"{annex.label}, cột '{column.key}' còn {waiting} ô chưa nhập: nhập số liệu rồi "
                               "kiểm tra lại.")
