"""What a page shows around a finding's place: the lines of a text file, or the cells of a sheet, near it."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.raw import Raw, read_text
from reportgen.load.xlsx_file import open_workbook
from reportgen.vi import format_date_short, format_number

# A longer line or cell text is cut, marked with …: a narrative's paragraph is one line, its located column far in.
_LINE_CHARS = 10_000
_CELL_CHARS = 300
_CELL = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


@dataclass(frozen=True)
class ExcerptRow:
    number: int                          # the line's number, or the sheet row's
    values: tuple[str, ...]              # the line's text (one value), or the row's cells as a spreadsheet shows them
    located: int | None = None           # the index in `values` of the located line or cell; None on the rows around


@dataclass(frozen=True)
class Excerpt:
    kind: str                            # "lines" or "cells"
    rows: tuple[ExcerptRow, ...]
    columns: tuple[str, ...] = ()        # the cells' column letters ("D", "E", "F"); none for lines
    col: int | None = None               # the located line's column (1-based), when the location names one


def excerpt(location: Location, base: Path, radius: int = 2) -> Excerpt | None:
    """The lines line-radius..line+radius of a text file's location (file:line[:col]), or the cells radius rows and
    columns around a workbook's (workbook!sheet!cell); None for a Word paragraph, a file-only location, a path
    outside `base` (symbolic links resolved), anything but a regular file, or one its reader refuses (larger than
    the loader reads, not UTF-8, a zip bomb). `location.file` is a display path, resolved against `base`."""
    if location.place is not None or radius < 0:
        return None
    if location.sheet is not None and location.cell:
        path = _regular_file(location.file, base)
        return None if path is None else _cells(path, location.sheet, location.cell, radius)
    if location.sheet is None and location.line is not None:
        path = _regular_file(location.file, base)
        return None if path is None else _lines(path, location.line, location.col, radius)
    return None


def _regular_file(shown: str, base: Path) -> Path | None:
    if not shown:
        return None
    try:
        root = base.resolve(strict=True)
        path = (base / shown).resolve(strict=True)
    except (OSError, RuntimeError):      # missing, unreadable, a loop of links
        return None
    return path if root in path.parents and path.is_file() else None


def _lines(path: Path, line: int, col: int | None, radius: int) -> Excerpt | None:
    text = read_text(path, Problems())   # the loader's own reading: size limit, UTF-8, no control characters
    lines = text.split("\n") if text is not None else []
    if text is not None and text.endswith("\n"):
        lines.pop()
    if not 1 <= line <= len(lines):
        return None
    numbers = range(max(1, line - radius), min(len(lines), line + radius) + 1)
    rows = tuple(ExcerptRow(n, (_cut(lines[n - 1], _LINE_CHARS),), 0 if n == line else None) for n in numbers)
    return Excerpt("lines", rows, col=col)


def _cut(text: str, limit: int = _CELL_CHARS) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _cells(path: Path, sheet: str, cell: str, radius: int) -> Excerpt | None:
    match = _CELL.fullmatch(cell.upper())
    if match is None:
        return None
    row, col = int(match[2]), _column_number(match[1])
    book = open_workbook(path, Problems())   # the loader's opening: size and zip-bomb limits, damaged files refused
    if book is None or sheet not in book.sheet_names:
        return None
    grid = book.grid(sheet, Problems())
    if grid is None:
        return None
    rows_shown = range(max(1, row - radius), max(row, min(grid.max_row, row + radius)) + 1)
    cols_shown = range(max(1, col - radius), max(col, min(grid.max_col, col + radius)) + 1)
    rows = tuple(ExcerptRow(r, tuple(_shown(grid.cells.get((r, c))) for c in cols_shown),
                            col - cols_shown.start if r == row else None) for r in rows_shown)
    return Excerpt("cells", rows, tuple(_column_letters(c) for c in cols_shown))


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _shown(raw: Raw | None) -> str:
    """A cell's value as the clerk reads it: 1.234,5, 67,4%, 17/02/2020, its text; "" when blank."""
    if raw is None:
        return ""
    value = raw.value
    if isinstance(value, Decimal):
        return f"{format_number((value * 100).normalize())}%" if raw.percent else format_number(value)
    if isinstance(value, _dt.date):
        return format_date_short(value)
    if isinstance(value, str):
        return _cut(value)
    return _cut(raw.text or "")          # a refused cell: what it held (an error value), or blank
