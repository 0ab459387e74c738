"""A workbook as the loader hands it over: its sheets by name, each read as a table when check names the columns.

The layout parser (load/sheet.py) needs the columns an annex declares, and only check knows them once it has
typed the annex's definition; so check passes them here and receives the same located rows a YAML file gives.
A sheet is read when first asked for, so sheets no annex names cost nothing; its problems are said then.
"""

from __future__ import annotations

from reportgen.errors import Problems
from reportgen.load.raw import SheetRows
from reportgen.load.sheet import read_sheet
from reportgen.load.xlsx_file import WorkbookFile
from reportgen.model.plan import Column


class Workbook:
    """The sheets of one workbook; a sheet refused (too large) is named but has no table."""

    def __init__(self, book: WorkbookFile) -> None:
        self._book = book

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return self._book.sheet_names

    def refused(self, name: str) -> bool:
        """The sheet exists and was refused, its reason said."""
        return self._book.refused(name)

    def table(self, name: str, columns: tuple[Column, ...], total_label: str | None, comparison_label: str | None,
              problems: Problems) -> SheetRows | None:
        """The sheet's table as rows or groups of Raw cells located at their cells; None, with problems, if unreadable."""
        grid = self._book.grid(name, problems)
        return None if grid is None else read_sheet(grid, columns, total_label, comparison_label, problems)
