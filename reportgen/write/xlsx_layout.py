"""Sheet names and column widths for the XLSX writer: what fits Excel's limits and Vietnamese text."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.tree.grid import placed_rows
from reportgen.tree.nodes import Table

_SHEET_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
# Landscape A4 between the margins holds about 120 characters of 12 pt Times New Roman; a column gets its share,
# and never less than its longest header word (a word does not break).
_LINE_CHARS = Decimal(120)
_MIN_CHARS = 5


def sheet_names(labels: list[str]) -> list[str]:
    """"Biểu 01" as it is; characters Excel refuses replaced, 31 characters at most, each name once."""
    names: list[str] = []
    for label in labels:
        base = _FORBIDDEN.sub("-", label).strip("'") or "Biểu"
        name, number = base[:_SHEET_LIMIT], 2
        while name.lower() in (n.lower() for n in names):
            suffix = f" ({number})"
            name, number = base[:_SHEET_LIMIT - len(suffix)] + suffix, number + 1
        names.append(name)
    return names


def column_widths(table: Table) -> list[float]:
    whole = sum(c.width for c in table.columns)
    words = _longest_words(table)
    return [float(max(Decimal(_MIN_CHARS), column.width * _LINE_CHARS / whole, Decimal(words.get(i, 0) + 1))
                  .quantize(Decimal("0.1"))) for i, column in enumerate(table.columns)]


def _longest_words(table: Table) -> dict[int, int]:
    """The longest word of each single-column header cell, in characters."""
    longest: dict[int, int] = {}
    for placed in placed_rows(table.header, len(table.columns)):
        for item in placed:
            text = "".join(getattr(i, "text", "") for i in item.cell.content) if item.cell is not None else ""
            if item.colspan == 1 and text.split():
                longest[item.column] = max(longest.get(item.column, 0), max(len(w) for w in text.split()))
    return longest
