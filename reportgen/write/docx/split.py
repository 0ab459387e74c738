"""Where the DOCX writer cuts a long data table into consecutive tables, each repeating the header rows."""

from __future__ import annotations

from reportgen.tree.grid import Placed
from reportgen.tree.nodes import Row

# LibreOffice lays out one 10.000-row table in about 1.100 s and the same rows as 500-row tables in 42 s.
ROWS_PER_TABLE = 500
_SUMMARY = ("total", "comparison")


def split_body(body: tuple[Row, ...], placed: list[list[Placed]], limit: int = ROWS_PER_TABLE) -> list[range]:
    """Consecutive ranges of body rows, at most `limit` each where a cut is allowed, all of them when none is."""
    tail = len(body)   # the closing total and comparison rows stay with the last rows: no cut among them
    while tail and body[tail - 1].kind in _SUMMARY:
        tail -= 1
    parts, start = [], 0
    while len(body) - start > limit:
        cut = _cut(body, placed, start, limit, tail)
        if cut is None:
            break
        parts.append(range(start, cut))
        start = cut
    parts.append(range(start, len(body)))
    return parts


def _cut(body: tuple[Row, ...], placed: list[list[Placed]], start: int, limit: int, tail: int) -> int | None:
    """The last allowed cut that keeps the part within limit; else the first one beyond it (a longer part)."""
    for k in range(min(start + limit, tail - 1), start, -1):
        if _allowed(body, placed, k):
            return k
    for k in range(start + limit + 1, tail):
        if _allowed(body, placed, k):
            return k
    return None


def _allowed(body: tuple[Row, ...], placed: list[list[Placed]], k: int) -> bool:
    """A new table may start at row k: not after a group row (it heads the rows that follow), nor in a vertical
    merge (row k holds a continuation cell)."""
    return body[k - 1].kind != "group" and all(item.cell is not None for item in placed[k])
