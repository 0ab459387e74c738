"""XLSX workbooks to grids of Raw cells located as workbook.xlsx!Sheet!E12; refuses what is unsafe."""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from reportgen.errors import Location, Problems
from reportgen.load.raw import (CONTROL_CHARACTERS, Raw, control_character_message, display_path, number_problem,
                                read_bytes)
from reportgen.vi import nfc

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_SHEET_CELLS = 2_000_000  # the used range, rows × columns: a 10.000-row annex is far below
_ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class SheetGrid:
    """One sheet: cells by (row, column), 1-based, and its merged ranges."""

    workbook: str
    name: str
    cells: dict[tuple[int, int], Raw] = field(default_factory=dict)
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)
    max_row: int = 0
    max_col: int = 0

    def loc(self, row: int, col: int) -> Location:
        return Location(self.workbook, sheet=self.name, cell=f"{get_column_letter(col)}{row}")

    def get(self, row: int, col: int) -> Raw:
        return self.cells.get((row, col)) or Raw(None, self.loc(row, col))


def load_workbook_grids(path: Path, problems: Problems) -> dict[str, SheetGrid | None] | None:
    """Every sheet of a workbook as a grid; None, with located problems, when it cannot be read."""
    shown = display_path(path)
    data = read_bytes(path, problems)
    if data is None or not _safe_to_open(data, shown, problems):
        return None
    try:
        values = load_workbook(io.BytesIO(data), data_only=True)
        formulas = load_workbook(io.BytesIO(data), data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.add(f"Không đọc được sổ tính ({type(exc).__name__}). Mở bằng Excel/LibreOffice, "
                     "lưu lại dạng .xlsx rồi chạy lại.", Location(shown))
        return None
    # A refused sheet stays in the result as None, so nobody reports it missing as well.
    return {nfc(ws.title): _grid(shown, ws, formulas[ws.title], problems) if _small_enough(shown, ws, problems)
            else None for ws in values.worksheets}


def _small_enough(shown: str, ws, problems: Problems) -> bool:
    if ws.max_row * ws.max_column <= MAX_SHEET_CELLS:
        return True
    problems.add(f"Trang tính có vùng dùng tới ô {get_column_letter(ws.max_column)}{ws.max_row}, quá lớn để đọc. "
                 "Xóa các dòng, cột thừa ở cuối trang rồi lưu lại.", Location(shown, sheet=ws.title))
    return False


def _safe_to_open(data: bytes, shown: str, problems: Problems) -> bool:
    if data[:8] == _OLE_MAGIC:
        problems.add("Sổ tính được đặt mật khẩu hoặc là định dạng .xls cũ: hãy bỏ mật khẩu và lưu "
                     "dạng .xlsx.", Location(shown))
        return False
    if not zipfile.is_zipfile(io.BytesIO(data)):
        problems.add("Tệp không phải sổ tính .xlsx (không phải tệp nén Office Open XML).", Location(shown))
        return False
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        unpacked = sum(info.file_size for info in archive.infolist())
        packed = max(1, sum(info.compress_size for info in archive.infolist()))
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        problems.add("Sổ tính giải nén ra quá lớn (nghi là bom nén): không đọc.", Location(shown))
        return False
    return True


def _grid(shown: str, ws, ws_formulas, problems: Problems) -> SheetGrid:
    grid = SheetGrid(shown, nfc(ws.title), max_row=ws.max_row, max_col=ws.max_column)
    grid.merged = [(r.min_row, r.min_col, r.max_row, r.max_col) for r in ws.merged_cells.ranges]
    for row, formula_row in zip(ws.iter_rows(), ws_formulas.iter_rows()):
        for cell, formula_cell in zip(row, formula_row):
            formula = formula_cell.value
            is_formula = isinstance(formula, str) and formula.startswith("=")
            if cell.value is None and not is_formula:
                continue
            loc = grid.loc(cell.row, cell.column)
            raw = _cell(cell.value, is_formula, loc, problems)
            if isinstance(raw.value, Decimal) and _is_percent_format(cell.number_format or ""):
                raw = Raw(raw.value, loc, text=raw.text, percent=True)
            grid.cells[(cell.row, cell.column)] = raw
    return grid


# Quoted text ("Giảm "0.0" %") and escaped characters (\%) in a number format are printed as they are.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.')


def _is_percent_format(number_format: str) -> bool:
    """0.0% shows a fraction as a percentage; a % inside the format's quoted words does not."""
    return "%" in _FORMAT_LITERALS.sub("", number_format)


def _cell(value, is_formula: bool, loc: Location, problems: Problems) -> Raw:
    if value is None:
        problems.add("Ô là công thức nhưng sổ tính không lưu giá trị đã tính. Mở tệp bằng Excel hoặc "
                     "LibreOffice, để nó tính lại, lưu rồi chạy lại.", loc)
        return Raw(None, loc)
    if isinstance(value, bool):
        return Raw(value, loc, text=str(value))
    if isinstance(value, (int, float)):
        # 15 significant digits is what the spreadsheet itself keeps (0.1+0.2 is 0.3 to a clerk).
        number = Decimal(value) if isinstance(value, int) else Decimal(f"{value:.15g}")
        reason = number_problem(number)
        if reason:
            problems.add(f"Số trong ô {reason}.", loc)
            return Raw(None, loc, text=str(value))
        return Raw(number, loc, text=str(value))
    if isinstance(value, _dt.datetime):
        return Raw(value.date(), loc, text=value.date().isoformat())
    if isinstance(value, _dt.date):
        return Raw(value, loc, text=value.isoformat())
    text = nfc(str(value))
    control = CONTROL_CHARACTERS.search(text)
    if control:
        problems.add(control_character_message(control.group()), loc)
        text = CONTROL_CHARACTERS.sub("", text)  # the problem is recorded; go on without echoes
    if text in _ERROR_VALUES:
        problems.add(f"Ô chứa lỗi công thức {text}: sửa công thức trong sổ tính.", loc)
        return Raw(None, loc, text=text)
    return Raw(text.strip(), loc, text=text)
