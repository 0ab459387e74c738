"""XLSX workbooks to grids of Raw cells located as workbook.xlsx!Sheet!E12; refuses what is unsafe or untrue.

A sheet is read when check asks for it (the ones the annexes name), streamed row by row in openpyxl's read-only
way and bounded: a workbook whose unused sheets declare a million rows costs nothing. Each cell gives the value a
spreadsheet saved and whether it is a formula, so a formula without a computed value (an array formula saved
without its values) or with a placeholder no spreadsheet would have computed (`=14.3` saved as 0 by a program
that writes formulas without computing them) is refused, never read as blank or as 0; so is a formula such as
`=SUM(C6:C15)` saved with a value it does not give from the sheet's values (load/xlsx_formulas.py recomputes it).
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.cell.read_only import ReadOnlyCell
from openpyxl.utils import get_column_letter, range_boundaries
# The parser read-only mode itself streams a sheet with (openpyxl 3.1): one pass gives cached values, formulas and
# merged ranges, which the read-only worksheet does not expose.
from openpyxl.worksheet._reader import FORMULA_TAG, VALUE_TAG, WorkSheetParser

from reportgen.errors import Location, Problems
from reportgen.load import xlsx_formulas
from reportgen.load.raw import (CONTROL_CHARACTERS, Raw, control_character_message, display_path, number_problem,
                                odd_character, read_bytes)
from reportgen.vi import format_number, nfc

MAX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
# What one sheet may cost: cells in the file (blank styled ones too) and the used range, rows × columns.
# A 10.000-row annex of 20 columns is 200.000.
MAX_SHEET_CELLS = 2_000_000
_ERROR_VALUES = frozenset({"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"})
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_RESAVE = "Mở tệp bằng Excel hoặc LibreOffice, để nó tính lại, lưu rồi chạy lại."


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


class WorkbookFile:
    """An opened workbook: its sheet names at once, each sheet's grid when first asked for."""

    def __init__(self, shown: str, book) -> None:
        self.shown = shown
        self._book = book
        self._sheets = {nfc(ws.title): ws for ws in book.worksheets}
        self._read: dict[str, tuple[SheetGrid | None, list]] = {}

    @property
    def sheet_names(self) -> tuple[str, ...]:
        return tuple(self._sheets)

    def refused(self, name: str) -> bool:
        """The sheet was read and refused (too large), its reason said."""
        return name in self._read and self._read[name][0] is None

    def grid(self, name: str, problems: Problems) -> SheetGrid | None:
        """The sheet's cells, or None when it is too large to read; its problems go to `problems` every time."""
        if name not in self._read:
            said = Problems()
            self._read[name] = (_read_sheet(self.shown, self._book, self._sheets[name], said), said.items)
        grid, said = self._read[name]
        for problem in said:
            problems.add(problem.message, problem.location)
        return grid


def open_workbook(path: Path, problems: Problems) -> WorkbookFile | None:
    """The workbook, its sheets not read yet; None, with located problems, when it cannot be opened."""
    shown = display_path(path)
    data = read_bytes(path, problems)
    return None if data is None else workbook_from_bytes(data, shown, problems)


def workbook_from_bytes(data: bytes, shown: str, problems: Problems) -> WorkbookFile | None:
    """The workbook in `data` (read once: a returned form's sha256 is of these very bytes), shown as `shown`."""
    if not safe_to_open(data, shown, problems):
        return None
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        problems.add(f"Không đọc được sổ tính ({type(exc).__name__}). Mở bằng Excel/LibreOffice, "
                     "lưu lại dạng .xlsx rồi chạy lại.", Location(shown))
        return None
    return WorkbookFile(shown, book)


# The main part of the other Office Open XML documents, as a zip names it, and what the clerk calls each.
_OTHER_OFFICE = (("word/document.xml", "văn bản Word"), ("ppt/presentation.xml", "bản trình chiếu PowerPoint"))


def safe_to_open(data: bytes, shown: str, problems: Problems) -> bool:
    """Whether openpyxl may be handed these bytes: an .xlsx zip whose unpacked size and ratio are bounded (not an old
    .xls or a password-protected file, not a zip bomb); else False with the reason added to `problems`."""
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
        other = next((what for part, what in _OTHER_OFFICE if part in archive.namelist()), None)
    if other is not None:  # a document renamed .xlsx: opening it in a spreadsheet program would not help
        problems.add(f"Tệp này là {other}, không phải sổ tính (biểu nhập): gửi đúng sổ tính .xlsx đã điền.",
                     Location(shown))
        return False
    if unpacked > MAX_UNPACKED_BYTES or unpacked / packed > MAX_COMPRESSION_RATIO:
        problems.add("Sổ tính giải nén ra quá lớn (nghi là bom nén): không đọc.", Location(shown))
        return False
    return True


class _Parser(WorkSheetParser):
    """Each cell as openpyxl parses it with data_only (the saved value), and its formula beside it."""

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        formula = element.find(FORMULA_TAG)
        cell["formula"] = None if formula is None else (formula.get("t"), formula.get("ref"), formula.text or "",
                                                        formula.get("si"))
        if formula is not None and cell["value"] is None and formula.get("t") != "array" \
                and element.find(VALUE_TAG) is not None:
            cell["value"] = ""  # empty text (IF(…,"")) as Excel saves it, or no value: _recomputed tells them apart
            cell["text"] = element.get("t") == "str"  # typed as text by the program that computed it: "" is its value
        return cell


def _read_sheet(shown: str, book, ws, problems: Problems) -> SheetGrid | None:
    grid = SheetGrid(shown, nfc(ws.title))
    formats: dict[int, bool] = {}
    arrays: list[str] = []
    formulas = xlsx_formulas.SheetFormulas()
    with ws._get_source() as source:
        parser = _Parser(source, ws._shared_strings, data_only=True, epoch=book.epoch,
                         date_formats=book._date_formats, timedelta_formats=book._timedelta_formats)
        seen = 0
        for _, row in parser.parse():
            seen += len(row)
            if seen > MAX_SHEET_CELLS:
                return _too_large(grid, f"có hơn {MAX_SHEET_CELLS:,} ô".replace(",", "."), problems)
            for cell in row:
                if cell["value"] is None and cell["formula"] is None:
                    continue
                r, c = cell["row"], cell["column"]
                grid.max_row, grid.max_col = max(grid.max_row, r), max(grid.max_col, c)
                if grid.max_row * grid.max_col > MAX_SHEET_CELLS:
                    return _too_large(grid, f"có vùng dùng tới ô {get_column_letter(grid.max_col)}{grid.max_row}",
                                      problems)
                if cell["formula"] and cell["formula"][0] == "array" and cell["formula"][1]:
                    arrays.append(cell["formula"][1])
                style = cell["style_id"]
                if style not in formats:
                    formats[style] = _is_percent_format(ReadOnlyCell(ws, r, c, None, "n", style).number_format or "")
                grid.cells[(r, c)] = _raw(cell, formats[style], grid.loc(r, c), problems)
                if cell["formula"]:
                    formulas.add(r, c, cell["formula"][0], cell["formula"][2], cell["formula"][3], cell["value"])
                    if cell.get("text"):
                        formulas.empty_text.add((r, c))
    grid.merged = [_rows_first(m.ref) for m in (parser.merged_cells.mergeCell if parser.merged_cells else [])]
    _unsaved_array_cells(grid, arrays, problems)
    _recomputed(grid, formulas, problems)
    return grid


def _rows_first(ref: str) -> tuple[int, int, int, int]:
    """"C7:C8" as (top, left, bottom, right)."""
    left, top, right, bottom = range_boundaries(ref)
    return top, left, bottom, right


def _too_large(grid: SheetGrid, how: str, problems: Problems) -> None:
    problems.add(f"Trang tính {how}, quá lớn để đọc. Xóa các dòng, cột thừa ở cuối trang (hoặc chép bảng sang "
                 "một sổ tính mới) rồi lưu lại.", Location(grid.workbook, sheet=grid.name))
    return None


def _unsaved_array_cells(grid: SheetGrid, arrays: list[str], problems: Problems) -> None:
    """The other cells an array formula fills hold no formula of their own: blank, they were never computed."""
    for ref in arrays:
        left, top, right, bottom = range_boundaries(ref)
        for r in range(top, min(bottom, grid.max_row) + 1):
            for c in range(left, min(right, grid.max_col) + 1):
                if grid.get(r, c).value is None and not grid.get(r, c).refused:
                    loc = grid.loc(r, c)
                    problems.add(f"Ô thuộc công thức mảng {ref} nhưng sổ tính không lưu giá trị đã tính. {_RESAVE}",
                                 loc)
                    grid.cells[(r, c)] = Raw(None, loc, refused=True)


def _recomputed(grid: SheetGrid, formulas: xlsx_formulas.SheetFormulas, problems: Problems) -> None:
    """A formula whose saved value is not what it gives from the sheet's values (load/xlsx_formulas.py) is refused;
    so is an empty saved value (openpyxl writes <v></v>) unless the formula gives empty text, as IF(…,"") does, or
    the program that saved it typed the result as text (t="str": LibreOffice and Excel computed it)."""
    wrong = formulas.mismatches(grid.cells, lambda r, c: _value(grid.cells.get((r, c))))
    for (r, c), (text, saved) in formulas.saved.items():
        if saved == "" and (r, c) not in formulas.empty_text and formulas.values.get((r, c)) != "" \
                and not grid.cells[(r, c)].refused:
            _computed(None, (None, None, text), grid.loc(r, c), problems)
            grid.cells[(r, c)] = Raw(None, grid.loc(r, c), refused=True)
    for (r, c), text, saved, computed in wrong:
        if grid.cells[(r, c)].refused:
            continue  # said already: no saved value, or a constant that is not its own
        shown = _shown(computed)
        problems.add(f"Ô là công thức '={text}', tính từ các ô của trang tính thì được '{shown}', nhưng giá trị lưu "
                     f"trong tệp là '{_shown(saved)}': tệp được ghi bởi một chương trình không tính công thức (con số "
                     f"lưu chỉ là giá trị tạm) hoặc đã bị sửa ngoài bảng tính. {_RESAVE}", grid.loc(r, c))
        grid.cells[(r, c)] = Raw(None, grid.loc(r, c), refused=True)


def _value(raw: Raw | None):
    """A cell's value for a formula that names it: a number, text, None when blank; LookupError when it is not one
    a formula can take as read (an error value, TRUE, a date, a cell refused)."""
    if raw is None:
        return None
    if raw.refused or isinstance(raw.value, _dt.date) or (raw.value is None and raw.text):
        raise LookupError(raw.loc)
    return raw.value


def _shown(value) -> str:
    """A saved or computed value as the clerk reads it: 1.234,5 (15 digits, as a spreadsheet shows), "text"."""
    if isinstance(value, Decimal):
        return format_number(xlsx_formulas.fifteen(value).normalize())
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(Decimal(value) if isinstance(value, int) else Decimal(f"{value:.15g}"))
    return f'"{value}"' if isinstance(value, str) else str(value)


def _raw(cell: dict, percent: bool, loc: Location, problems: Problems) -> Raw:
    value, formula = cell["value"], cell["formula"]
    if formula is not None and not _computed(value, formula, loc, problems):
        return Raw(None, loc, refused=True)
    if formula is not None and value == "":
        return Raw(None, loc)  # shown as a blank cell
    raw = _cell(value, loc, problems)
    if isinstance(raw.value, Decimal) and percent:
        raw = Raw(raw.value, loc, text=raw.text, percent=True)
    return raw


def _computed(value, formula: tuple, loc: Location, problems: Problems) -> bool:
    """A formula's saved value is one a spreadsheet computed: there is one, and a constant formula equals it."""
    kind, ref, text = formula[:3]
    if value is None:
        where = f" mảng {ref}" if kind == "array" else ""
        problems.add(f"Ô là công thức{where} nhưng sổ tính không lưu giá trị đã tính. {_RESAVE}", loc)
        return False
    constant = xlsx_formulas.constant(text) if kind is None else None
    if constant is not None and (isinstance(value, bool) or not isinstance(value, (int, float))
                                 or abs(Decimal(f"{value:.15g}") - constant) > abs(constant) * Decimal("1e-14")):
        problems.add(f"Ô là công thức ={text} nhưng giá trị lưu trong tệp là {value!r}, không phải giá trị của công "
                     "thức: tệp được ghi bởi một chương trình không tính công thức (con số đó chỉ là giá trị tạm). "
                     f"{_RESAVE}", loc)
        return False
    return True


# Quoted text ("Giảm "0.0" %") and escaped characters (\%) in a number format are printed as they are.
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.')


def _is_percent_format(number_format: str) -> bool:
    """0.0% shows a fraction as a percentage; a % inside the format's quoted words does not."""
    return "%" in _FORMAT_LITERALS.sub("", number_format)


def _cell(value, loc: Location, problems: Problems) -> Raw:
    if isinstance(value, bool):
        # TRUE would be 1 to a sum; no column of an annex holds a yes/no, as `true` is refused in YAML too.
        problems.add(f"Ô chứa giá trị đúng/sai {str(value).upper()} (kiểu logic), không phải số hay chữ: ghi con "
                     "số, chữ, hoặc xóa trắng ô.", loc)
        return Raw(None, loc, text=str(value).upper(), refused=True)
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
    odd = odd_character(text)
    if odd is not None:
        problems.add(odd[1], loc)
    if text in _ERROR_VALUES:
        problems.add(f"Ô chứa lỗi công thức {text}: sửa công thức trong sổ tính.", loc)
        return Raw(None, loc, text=text)
    return Raw(text.strip(), loc, text=text)
