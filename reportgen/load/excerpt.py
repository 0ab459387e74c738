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
_LABEL_CHARS = 60                    # a label column beside the window names its rows: a task's content is cut
_CELL = re.compile(r"([A-Z]{1,3})([1-9][0-9]{0,6})")


@dataclass(frozen=True)
class ExcerptRow:
    number: int                          # the line's number, or the sheet row's
    values: tuple[str, ...]              # the line's text (one value), or the row's cells as a spreadsheet shows them
    located: int | None = None           # the index in `values` of the located line or cell; None on the rows around


@dataclass(frozen=True)
class Excerpt:
    kind: str                            # "lines" or "cells"
    rows: tuple[ExcerptRow, ...]         # cells: the header row(s) when outside the window first ("5", then "7"...)
    columns: tuple[str, ...] = ()        # the cells' column letters ("B", "D", "E", "F": the label column first when
                                         # outside the window); none for lines
    col: int | None = None               # the located line's column (1-based), when the location names one


def excerpt(location: Location, base: Path, radius: int = 2) -> Excerpt | None:
    """The lines line-radius..line+radius of a text file's location (file:line[:col]), or the cells radius rows and
    columns around a workbook's (workbook!sheet!cell) with the table's header row(s) above them and the column that
    names the row left of them, when the window does not show them (the row numbers and column letters jump: a page
    draws a gap row); None for a Word paragraph, a file-only location, a path
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
    labels = _label_columns(grid, row, cols_shown)
    columns = labels + list(cols_shown)
    numbers = _header_rows(grid, rows_shown, cols_shown) + list(rows_shown)
    rows = tuple(ExcerptRow(r, tuple(_shown(grid.cells.get((r, c)), _LABEL_CHARS if c in labels else _CELL_CHARS)
                                     for c in columns), columns.index(col) if r == row else None) for r in numbers)
    return Excerpt("cells", rows, tuple(_column_letters(c) for c in columns))


def _text(grid, row: int, col: int) -> str | None:
    raw = grid.cells.get((row, col))
    return (raw.value.strip() or None) if raw is not None and isinstance(raw.value, str) else None


def _header_rows(grid, rows_shown: range, cols_shown: range) -> list[int]:
    """The table's header above the window, when the window does not show it: the first row from the top whose
    cells in the window's columns are text, at least half of them (a title or a unit line over column A is not),
    with the row under it when it is such a row too, or else the row over it when its cells there are text (a
    header of two levels: groups over their columns); none found, none. Whatever the sheet
    (a returned form, a plan's table), without knowing it."""
    def heading(r: int, least: int) -> bool:
        filled = [raw for raw in (grid.cells.get((r, c)) for c in cols_shown) if raw is not None and not raw.is_blank]
        return len(filled) >= least and all(isinstance(raw.value, str) for raw in filled)
    half = (len(cols_shown) + 1) // 2
    for r in range(1, rows_shown.start):
        if heading(r, half):
            if r + 1 < rows_shown.start and heading(r + 1, half):
                return [r, r + 1]
            return [r - 1, r] if r > 1 and heading(r - 1, 1) else [r]   # over it, a group's name spanning columns
    return []


def _label_columns(grid, row: int, cols_shown: range) -> list[int]:
    """The column left of the window that names the located row: the one whose cell in that row holds the longest
    text (the indicator's name, the task's content, the unit, not its number or its measure); none when no cell
    left of the window holds text."""
    texts = [(len(text), -c) for c in range(1, cols_shown.start) if (text := _text(grid, row, c))]
    return [-max(texts)[1]] if texts else []


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


def _shown(raw: Raw | None, limit: int = _CELL_CHARS) -> str:
    """A cell's value as the clerk reads it: 1.234,5, 67,4%, 17/02/2020, its text; "" when blank."""
    if raw is None:
        return ""
    value = raw.value
    if isinstance(value, Decimal):
        return f"{format_number((value * 100).normalize())}%" if raw.percent else format_number(value)
    if isinstance(value, _dt.date):
        return format_date_short(value)
    if isinstance(value, str):
        return _cut(value, limit)
    return _cut(raw.text or "", limit)          # a refused cell: what it held (an error value), or blank
