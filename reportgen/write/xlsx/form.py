"""A return form as a workbook (XlsxWriter): its cells exactly as composed, inputs unlocked and validated, the rest
locked by sheet protection (against slips, not a secret), the identity sheet very hidden; the same bytes each run.

The form (model/forms.py) is read by its fields only, as the tree is read by its nodes: write imports no model.
"""

from __future__ import annotations

import datetime as _dt
import io
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from reportgen.collector import collector_paused
from reportgen.write.options import WriterOptions
from reportgen.write.xlsx.formulas import cell_number, number_format
from reportgen.write.xlsx.layout import row_height, text_height

DATE_FORMAT = "dd/mm/yyyy"
_INPUT_FILL = "#FFF2CC"              # the light yellow the instructions call the cells to type in
_SIZES = {"title": 13, "line": 12, "header": 12, "body": 12, "text": 12}
_BOLD = {"title", "header"}


def form_bytes(form, options: WriterOptions) -> bytes:
    """The workbook of one form: its sheets in order, the identity sheet last and very hidden."""
    with collector_paused(freeze=False):
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {
            "in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
            "default_format_properties": {"font_name": options.sheet.font, "font_size": 12}})
        identity = form.identity
        # Every timestamp is the plan's date: the same form gives the same bytes on any day.
        book.set_properties({"title": form.title, "subject": identity.unit, "author": identity.plan_symbol,
                             "created": _dt.datetime.combine(identity.plan_date, _dt.time())})
        formats = _Formats(book)
        for sheet in form.sheets:
            _sheet(book.add_worksheet(sheet.name), sheet, formats)
        book.close()
        return output.getvalue()


class _Formats:
    """One XlsxWriter format per (style, role, kind, decimals): a form of many rows asks the same few."""

    def __init__(self, book) -> None:
        self.book, self.made = book, {}

    def of(self, cell, bordered: bool):
        key = (cell.style, cell.role, cell.kind, cell.decimals, bordered)
        if key not in self.made:
            properties = {"font_size": _SIZES.get(cell.style, 12), "bold": cell.style in _BOLD, "text_wrap": True,
                          "valign": "vcenter", "align": _align(cell), "num_format": _pattern(cell),
                          "locked": cell.role != "input"}
            if bordered:
                properties["border"] = 1
            if cell.role == "input":
                properties["bg_color"] = _INPUT_FILL
            self.made[key] = self.book.add_format(properties)
        return self.made[key]


def _align(cell) -> str:
    if cell.style in ("title", "header"):
        return "center"
    if cell.style in ("line", "text") or cell.kind in ("text", "note"):
        return "left"
    return "center"


def _pattern(cell) -> str:
    """Figures as numbers, dates as dates, so a value typed into a blank cell is a number or a date, never text."""
    if cell.kind in ("count", "decimal"):
        return number_format(cell.kind, cell.decimals if cell.kind == "decimal" else 0)
    if cell.kind == "date":
        return DATE_FORMAT
    return "@" if cell.kind in ("text", "note", "status") else "General"


def _sheet(ws, sheet, formats: _Formats) -> None:
    widths = list(sheet.widths)
    heights: dict[int, float] = {}
    for cell in sorted(sheet.cells, key=lambda c: (c.row, c.column)):
        bordered = cell.style in ("header", "body")
        fmt = formats.of(cell, bordered)
        row, col = cell.row - 1, cell.column - 1
        if cell.colspan > 1:
            ws.merge_range(row, col, row, col + cell.colspan - 1, "", fmt)
        _write(ws, row, col, cell.value, fmt)
        if cell.is_input:
            _validate(ws, row, col, cell)
        if isinstance(cell.value, str) and widths:
            width = sum(widths[col:col + cell.colspan]) if col < len(widths) else widths[-1]
            need = text_height(cell.value, width, Decimal(_SIZES.get(cell.style, 12)), cell.style in _BOLD)
            heights[row] = max(heights.get(row, 0), need)
    for col, chars in enumerate(widths):
        ws.set_column(col, col, chars)
    for row, points in sorted(heights.items()):
        ws.set_row(row, row_height(points))
    if sheet.header_rows:
        ws.freeze_panes(sheet.header_rows, 0)
    ws.set_landscape()
    ws.set_paper(9)  # A4
    ws.fit_to_pages(1, 0)
    if sheet.protected:
        ws.protect()  # no password: it keeps slips out of the locked cells, it hides nothing
    if sheet.very_hidden:
        ws.very_hidden()


def _write(ws, row: int, col: int, value, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, Decimal):
        ws.write_number(row, col, cell_number(value), fmt)
    elif isinstance(value, _dt.date):
        ws.write_datetime(row, col, _dt.datetime.combine(value, _dt.time()), fmt)
    else:
        ws.write_string(row, col, str(value), fmt)


def _validate(ws, row: int, col: int, cell) -> None:
    """What the spreadsheet refuses as it is typed: collect checks the same again, whatever program filled it."""
    rule = _rule(cell, xl_rowcol_to_cell(row, col))
    if rule is None:
        return
    if cell.message:
        rule |= {"error_message": cell.message[:255]}
    ws.data_validation(row, col, row, col, rule | {"ignore_blank": True})


def _rule(cell, ref: str) -> dict | None:
    if cell.kind == "count":
        return {"validate": "integer", "criteria": ">=", "value": 0}
    if cell.kind == "decimal":
        # "decimal" >= 0 cannot limit the places: a formula can (a blank passes by ignore_blank)
        return {"validate": "custom", "value": f"=AND(ISNUMBER({ref}),{ref}>=0,ROUND({ref},{cell.decimals})={ref})"}
    if cell.kind == "date" and cell.within is not None:
        first, last = (_dt.datetime.combine(day, _dt.time()) for day in cell.within)
        return {"validate": "date", "criteria": "between", "minimum": first, "maximum": last}
    if cell.kind == "status" and cell.choices:
        return {"validate": "list", "source": list(cell.choices)}
    return None
