"""Returned forms (biểu nhập đã điền): the workbooks named on the command line, each read once with its sha256.

A workbook is read as Excel, LibreOffice or any other program saved it, by the bounded reader of xlsx_file.py:
a formula gives its saved value, and one saved without a value (or with a placeholder no spreadsheet computed) is
refused at its cell, never read as blank or 0. A file that is not a workbook, or one that unpacks far too big (a
zip bomb), is refused by the same reader with its reason. check/returns.py compares what is read here with the
form `forms` wrote.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.raw import display_path, read_bytes
from reportgen.load.xlsx_file import SheetGrid, WorkbookFile, workbook_from_bytes
from reportgen.model.forms import IDENTITY_SHEET

# What a folder given on the command line is searched for (a file named on its own is read whatever its name):
# the workbooks a district mails back, the old and the other formats among them so that each is refused aloud.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass
class ReturnedBook:
    """One returned file: where it is, the sha256 of its bytes, and its sheets read when first asked for."""

    path: Path
    file: str                        # as the clerk reads it in messages
    sha256: str
    book: WorkbookFile

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return self.book.sheet_names

    def grid(self, name: str, problems: Problems) -> SheetGrid | None:
        """The sheet's cells by (row, column), or None (said) when it cannot be read."""
        return self.book.grid(name, problems)

    def identity_rows(self, problems: Problems) -> list[tuple[str, str]] | None:
        """The hidden identity sheet's (name, text) rows; None when the workbook has no such sheet."""
        if IDENTITY_SHEET not in self.sheet_names:
            return None
        grid = self.grid(IDENTITY_SHEET, problems)
        if grid is None:
            return None
        rows = []
        for row in range(1, grid.max_row + 1):
            name, text = grid.get(row, 1), grid.get(row, 2)
            if name.value is not None:
                rows.append((_text(name), _text(text)))
        return rows


def _text(raw) -> str:
    """A cell as the text the identity was written with (a number typed back by a program as 98, not 98.0)."""
    if raw.value is None:
        return ""
    return raw.value if isinstance(raw.value, str) else (raw.text or str(raw.value))


def returned_paths(paths: list[Path], problems: Problems) -> list[Path]:
    """The files named, and the workbooks directly inside each folder named (sorted by name), each once. Lock files
    a spreadsheet leaves beside an open workbook (~$x.xlsx, .~lock.x#) and hidden files are not returns."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in WORKBOOK_SUFFIXES
                            and not p.name.startswith(("~$", ".")))
            if not inside:
                problems.add("Thư mục không có sổ tính nào (.xlsx) để thu về.", Location(display_path(path)))
            found += inside
        elif not path.exists():
            problems.add("Không tìm thấy tệp hay thư mục này.", Location(display_path(path)))
        else:
            found.append(path)
    unique = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def load_return(path: Path, problems: Problems) -> ReturnedBook | None:
    """The returned workbook, its bytes read once; None, with the located reason, when it is not one that can be
    read (missing, not a workbook, too large, a zip bomb, damaged, an old .xls)."""
    data = read_bytes(path, problems)
    return None if data is None else returned_book(data, path, display_path(path), problems)


def returned_book(data: bytes, path: Path, shown: str, problems: Problems) -> ReturnedBook | None:
    """The returned workbook in `data` (a file's bytes, or an upload's before it is kept); None, said, as above."""
    book = workbook_from_bytes(data, shown, problems)
    return None if book is None else ReturnedBook(path, shown, hashlib.sha256(data).hexdigest(), book)
