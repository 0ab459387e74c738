"""A workbook as the loader hands it over: its sheets by name, each read as a table when check names the columns.

The layout parser (load/sheet.py) needs the columns an annex declares, and only check knows them once it has
typed the annex's definition; so check passes them here and receives the same located rows a YAML file gives.
The cells were read, and their problems said, when the workbook was loaded.
"""

from __future__ import annotations

from reportgen.errors import Problems
from reportgen.load.raw import SheetRows
from reportgen.load.sheet import read_sheet
from reportgen.load.xlsx_file import SheetGrid
from reportgen.model.plan import Column


class Workbook:
    """The sheets of one workbook; a sheet the loader refused (too large) is named but has no table."""

    def __init__(self, grids: dict[str, SheetGrid | None]) -> None:
        self._grids = grids

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(self._grids)

    def refused(self, name: str) -> bool:
        """The sheet exists and the loader already said why it was not read."""
        return name in self._grids and self._grids[name] is None

    def table(self, name: str, columns: tuple[Column, ...], total_label: str | None, comparison_label: str | None,
              problems: Problems) -> SheetRows | None:
        """The sheet's table as rows or groups of Raw cells located at their cells; None, with problems, if unreadable."""
        return read_sheet(self._grids[name], columns, total_label, comparison_label, problems)
