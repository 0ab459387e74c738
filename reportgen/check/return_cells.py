"""One returned workbook against the form that was sent, cell by cell: locked cells unchanged, no row inserted or
deleted, nothing typed outside the form, and each input of its kind (count, decimal, date, status, note).

The expected Form comes from the pipeline (compose builds it the way `forms` wrote it): this module never builds
one. Every problem is located at its cell, `file!sheet!cell`, in the clerk's words, and begins with who and what
the cell is as the form shows it (FormProblems): "Huyện Lục Nam, «Số xã đạt chuẩn nông thôn mới», cột «Thực hiện
đến hết quý II năm 2020»: Ô số đếm chứa «ba», …".
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

from reportgen.errors import Location, Problems
from reportgen.load.raw import Raw
from reportgen.model.forms import Form, FormCell, FormSheet, TaskKey
from reportgen.model.report import TASK_STATUSES
from reportgen.vi import format_date_short, format_number, nfc

# How far a shifted table is looked for: rows inserted or deleted above a row of the form.
_MAX_SHIFT = 50
_LOCKED = "đã khóa, không được sửa: trả lại như biểu đã gửi (tải lại biểu nếu cần) rồi gửi lại"
_CELL = re.compile(r"([A-Z]{1,3})([0-9]+)")
_NAME_CHARS = 60                     # a task's content is cut here in a message, at a word, marked with …
_HINT = re.compile(r"\s*\([^()]*\)$")  # what a column's header tells the clerk to do: "(nhập)", "(chọn)"


class FormProblems:
    """The problems of one returned form. One at a cell of a visible sheet begins with who and what, in the words
    the form shows: the unit; in the table's body, the row's indicator («Số xã đạt chuẩn nông thôn mới») or task
    (nhiệm vụ I.3 «Phân bổ nguồn vốn…») and the column's header without its hint (cột «Tình trạng»). A problem of
    the whole file or sheet is said as it is. The loader's problems at a cell (a formula without its value) too."""

    def __init__(self, form: Form, problems: Problems) -> None:
        self.form, self.problems = form, problems
        self._sheets: dict[str, tuple[dict[int, str], dict[int, str]]] = {}

    def add(self, message: str, location: Location | None = None, named: bool = True) -> None:
        """`named`: False for a cell whose row is not the form's (rows inserted or deleted): the unit only."""
        subject = self.subject(location, named)
        self.problems.add(f"{subject}: {message}" if subject else message, location)

    def subject(self, location: Location | None, named: bool = True) -> str:
        """Who and what the located cell is ("" for a place that is not a cell of a visible sheet of the form)."""
        sheet = self.form.sheet(location.sheet) if location is not None and location.sheet and location.cell else None
        match = _CELL.fullmatch(location.cell.upper()) if sheet is not None and not sheet.very_hidden else None
        if match is None:
            return ""
        rows, headers = self._names(sheet)
        row, column = int(match[2]), _column_number(match[1])
        parts = [self.form.identity.unit]
        if named and row in rows:
            parts.append(rows[row])
            if column in headers:
                parts.append(f"cột «{headers[column]}»")
        return ", ".join(parts)

    def _names(self, sheet: FormSheet) -> tuple[dict[int, str], dict[int, str]]:
        """The table's body rows by number (what names each) and its columns' headers by column, made once."""
        if sheet.name not in self._sheets:
            names = {c.row: c.value for c in sheet.cells if c.column == sheet.name_column and c.row > sheet.header_rows
                     and isinstance(c.value, str)}
            rows = {}
            for cell in sheet.inputs():
                name = _short(names.get(cell.row, ""))
                if isinstance(cell.key, TaskKey):
                    rows[cell.row] = f"nhiệm vụ {cell.key.task} «{name}»" if name else f"nhiệm vụ {cell.key.task}"
                elif name:
                    rows[cell.row] = f"«{name}»"
            headers = {c.column: _HINT.sub("", " ".join(c.value.split())) for c in sheet.cells
                       if c.row == sheet.header_rows and c.role == "label" and isinstance(c.value, str)}
            self._sheets[sheet.name] = rows, {k: v for k, v in headers.items() if v}
        return self._sheets[sheet.name]


def _short(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= _NAME_CHARS:
        return text
    cut = text[:_NAME_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - ord("A") + 1
    return number


def compare_form(form: Form, book, problems: FormProblems) -> dict:
    """The inputs' typed values by their key (None where blank); every difference from `form` said in `problems`
    (the form's, so that each begins with the cell's unit, row and column). `book` is a load.returns.ReturnedBook."""
    values: dict = {}
    for sheet in form.sheets:
        if sheet.very_hidden:
            continue  # the identity: matched by check/returns.py before this
        if sheet.name not in book.sheet_names:
            problems.add(f"Sổ tính thiếu trang '{sheet.name}' của biểu (trang bị xóa hoặc đổi tên). Các trang có: "
                         f"{', '.join(n for n in book.sheet_names if not n.startswith('_'))}.", _file_loc(book))
            continue
        grid = book.grid(sheet.name, problems)
        if grid is None:
            continue  # too large: said by the reader
        if _rows_moved(sheet, grid, problems) or not _locked_kept(sheet, grid, problems):
            continue  # the inputs cannot be trusted to be where the form put them
        _nothing_outside(sheet, grid, problems)
        for cell in sheet.inputs():
            values[cell.key] = typed_input(cell, grid.get(cell.row, cell.column), problems)
    return values


def _file_loc(book) -> Location:
    return Location(book.file)


def _same(expected, raw: Raw) -> bool:
    """A locked cell reads back as it was written (a program may give 3 for 3.0, a date for a date)."""
    found = raw.value
    if expected is None or (isinstance(expected, str) and not expected.strip()):
        return raw.is_blank
    if isinstance(expected, Decimal):
        return isinstance(found, Decimal) and found == expected
    if isinstance(expected, _dt.date):
        return isinstance(found, _dt.date) and found == expected
    if isinstance(found, str):
        return " ".join(nfc(found).split()) == " ".join(nfc(str(expected)).split())
    return isinstance(found, Decimal) and str(expected).strip() == format(found.normalize(), "f")


def _signatures(sheet: FormSheet) -> dict[int, tuple]:
    """Each row's locked and label cells that show something, as (column, value): what a row is recognised by."""
    rows: dict[int, list] = {}
    for cell in sheet.cells:
        rows.setdefault(cell.row, [])
        if cell.role != "input" and cell.value is not None:
            rows[cell.row].append((cell.column, cell.value))
    return {row: tuple(cells) for row, cells in sorted(rows.items())}


def _rows_moved(sheet: FormSheet, grid, problems: FormProblems) -> bool:
    """Rows inserted or deleted in the table: the first row of the form found lower or higher, said once."""
    signatures = _signatures(sheet)
    rows = list(signatures)
    for index, row in enumerate(rows):
        signature = signatures[row]
        if not signature or all(_same(v, grid.get(row, col)) for col, v in signature):
            continue
        for shift in range(1, _MAX_SHIFT + 1):
            if all(_same(v, grid.get(row + shift, col)) for col, v in signature):
                problems.add(f"Có {shift} dòng được chèn vào biểu trước dòng này (dòng {row} của biểu nay ở dòng "
                             f"{row + shift}): biểu {_LOCKED}.", grid.loc(row, 1), named=False)
                return True
            later = signatures.get(row + shift)
            if later and all(_same(v, grid.get(row, col)) for col, v in later):
                problems.add(f"Có {shift} dòng của biểu bị xóa từ dòng này (dòng {row + shift} của biểu nay ở dòng "
                             f"{row}): biểu {_LOCKED}.", grid.loc(row, 1), named=False)
                return True
        if all(grid.get(r, c).is_blank for r in rows[index:] for c, _ in signatures[r]):
            problems.add(f"Các dòng từ dòng {row} của biểu bị xóa: biểu {_LOCKED}.", grid.loc(row, 1), named=False)
            return True
        return False  # edited cells, not moved rows: each said by _locked_kept
    return False


def _locked_kept(sheet: FormSheet, grid, problems: FormProblems) -> bool:
    kept = True
    for cell in sheet.cells:
        if cell.role == "input":
            continue
        raw = grid.get(cell.row, cell.column)
        if not raw.refused and not _same(cell.value, raw):
            problems.add(f"Ô {_LOCKED}; biểu gửi đi ghi {_shown(cell.value)}, tệp gửi về ghi {_shown(raw.value)}.",
                         raw.loc)
            kept = False
    return kept


def _nothing_outside(sheet: FormSheet, grid, problems: FormProblems) -> None:
    """Something typed where the form has no cell (a row added under the table, a column beside it)."""
    known = {(c.row, c.column + span) for c in sheet.cells for span in range(c.colspan)}
    for (row, col), raw in sorted(grid.cells.items()):
        if (row, col) not in known and not raw.is_blank:
            problems.add(f"Ô nằm ngoài biểu nhưng có dữ liệu ({_shown(raw.value)}): chỉ ghi vào các ô nhập của biểu; "
                         "xóa ô này rồi gửi lại.", raw.loc)


def _shown(value) -> str:
    if value is None or (isinstance(value, str) and not value.strip()):
        return "(trống)"
    if isinstance(value, Decimal):
        return format_number(value.normalize() if value == value.to_integral_value() else value)
    if isinstance(value, _dt.date):
        return format_date_short(value)
    return f"«{value}»"


def typed_input(cell: FormCell, raw: Raw, problems: FormProblems):
    """An input's value as its kind takes it, None when blank or refused (said)."""
    if raw.refused or raw.is_blank:
        return None  # a formula without a saved value: the reader said so; never 0
    check = _KINDS.get(cell.kind, _note)
    return check(cell, raw, problems)


def _count(cell: FormCell, raw: Raw, problems: FormProblems):
    value = raw.value
    if not isinstance(value, Decimal):
        problems.add(f"Ô số đếm chứa {_shown(value)}, không phải con số: ghi số nguyên không âm (hoặc để trống).",
                     raw.loc)
        return None
    if value < 0:
        problems.add(f"Ô số đếm chứa số âm {_shown(value)}: ghi số nguyên không âm.", raw.loc)
        return None
    if value != value.to_integral_value():
        problems.add(f"Ô số đếm chứa số lẻ {_shown(value)}: ghi số nguyên không âm.", raw.loc)
        return None
    return value.to_integral_value()


def _decimal(cell: FormCell, raw: Raw, problems: FormProblems):
    value = raw.value
    if not isinstance(value, Decimal):
        problems.add(f"Ô số chứa {_shown(value)}, không phải con số: ghi một số (hoặc để trống).", raw.loc)
        return None
    if value < 0:
        problems.add(f"Ô số chứa số âm {_shown(value)}: ghi số không âm.", raw.loc)
        return None
    if -value.normalize().as_tuple().exponent > cell.decimals:
        problems.add(f"Ô số chứa {_shown(value)}, nhiều hơn {cell.decimals} chữ số thập phân của chỉ tiêu: làm tròn "
                     "theo biểu rồi gửi lại.", raw.loc)
        return None
    return value


def _date(cell: FormCell, raw: Raw, problems: FormProblems):
    value = raw.value
    if not isinstance(value, _dt.date):
        problems.add(f"Ô ngày chứa {_shown(value)}, không phải một ngày: ghi ngày dạng 25/06/{_year(cell)} trong ô "
                     "(định dạng ngày).", raw.loc)
        return None
    if cell.within is not None and not cell.within[0] <= value <= cell.within[1]:
        problems.add(f"Ngày {_shown(value)} nằm ngoài năm của kế hoạch ({_shown(cell.within[0])} đến "
                     f"{_shown(cell.within[1])}).", raw.loc)
        return None
    return value


def _year(cell: FormCell) -> str:
    return str(cell.within[0].year) if cell.within is not None else "2020"


def _status(cell: FormCell, raw: Raw, problems: FormProblems):
    text = " ".join(nfc(str(raw.value)).split()).lower()
    choices = cell.choices or TASK_STATUSES
    if text not in choices:
        problems.add(f"Tình trạng {_shown(raw.value)} không có trong danh sách: chọn một trong "
                     f"{', '.join(choices)}.", raw.loc)
        return None
    return text


def _note(cell: FormCell, raw: Raw, problems: FormProblems):
    value = raw.value
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return raw.text or format(value, "f")
    return " ".join(nfc(str(value)).split()) or None


_KINDS = {"count": _count, "decimal": _decimal, "date": _date, "status": _status, "note": _note}
