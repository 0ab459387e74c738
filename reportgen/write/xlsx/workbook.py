"""XLSX writer (XlsxWriter): each table of the tree on its own sheet, totals as live formulas with cached values."""

from __future__ import annotations

import datetime as _dt
import io
from decimal import Decimal

import xlsxwriter
from xlsxwriter.utility import xl_rowcol_to_cell

from reportgen.errors import OutputError, Problem
from reportgen.collector import collector_paused
from reportgen.styles import StyleSheet
from reportgen.tree.grid import placed_rows
from reportgen.tree.nodes import Cell, Document, Layout, Live, Num, Paragraph, Rule, Section, Spacer, Table
from reportgen.tree.visitor import SkipNode, Visitor
from reportgen.vi import format_number
from reportgen.write.inline import plain_text
from reportgen.write.options import WriterOptions
from reportgen.write.xlsx.formulas import (cell_number, change_format, change_formula, computed_formula,
                                           mean_formula, number_format, ratio_formula, rows_change_formula,
                                           sum_formula)
from reportgen.sheet_names import sheet_names
from reportgen.write.xlsx.layout import column_widths, row_height, text_height
from reportgen.write.xlsx.package import first_pages_unnumbered

_MM_PER_INCH = Decimal("25.4")
_CELL_LIMIT = 32767                  # characters in one cell (Excel's limit, which XlsxWriter keeps)
_COMPUTED = ("share", "add", "minus")  # a computed column's formulas (formulas.computed_formula); ratio: % of plan
_ALIGN = {"justify": "left"}         # a spreadsheet justifies no lines: a justified paragraph is left-aligned


def xlsx_bytes(document: Document, options: WriterOptions) -> bytes:
    """The workbook of every table in the document; the same bytes for the same tree."""
    # Writing makes hundreds of thousands of short-lived objects and no reference cycles: the collector's passes
    # over the (large) tree would cost a third of the time for nothing.
    with collector_paused(freeze=False):
        return _workbook(document, options.sheet)


def _workbook(document: Document, style_sheet: StyleSheet) -> bytes:
    writer = WorkbookWriter(style_sheet)
    writer.walk(document)
    return writer.data


class WorkbookWriter(Visitor):
    """What goes on a sheet: a sheet per section that holds a table, its paragraphs as lines around that table."""

    def __init__(self, style_sheet: StyleSheet) -> None:
        self.style_sheet = style_sheet
        self.output = io.BytesIO()                    # the workbook's bytes as XlsxWriter writes them
        self.book: xlsxwriter.Workbook | None = None
        self.sheet_names: dict[int, str] = {}        # id() of a section with a table -> its worksheet's name
        self.sheet_table: Table | None = None        # the table of the section being written
        self.sheet_writer: SheetWriter | None = None  # the worksheet of the section being written
        self.data = b""

    def visit_document(self, document: Document) -> None:
        style_sheet = self.style_sheet
        # Text is always written as text: a cell typed "=HYPERLINK(...)" or "http://..." stays what was typed.
        self.book = xlsxwriter.Workbook(self.output, {
            "in_memory": True, "strings_to_numbers": False, "strings_to_formulas": False, "strings_to_urls": False,
            "default_format_properties": {"font_name": style_sheet.font,
                                          "font_size": float(style_sheet.paragraphs["bang"].size)}})
        stamp = _dt.datetime.combine(document.date, _dt.time())
        self.book.set_properties({"title": document.title, "author": document.author, "subject": document.subject,
                                  "created": stamp, "company": document.author})
        sections = [s for s in document.sections if _first_table(s) is not None]
        self.sheet_names = dict(zip(map(id, sections), sheet_names([s.label or s.name for s in sections])))

    def depart_document(self, document: Document) -> None:
        self.book.close()
        self.data = first_pages_unnumbered(self.output.getvalue())

    def visit_section(self, section: Section) -> None:
        table = _first_table(section)
        if table is None:
            # A workbook holds the annex tables: a section without one (the plan's own text) is not a sheet.
            raise SkipNode
        self.sheet_table = table
        worksheet = self.book.add_worksheet(self.sheet_names[id(section)])
        self.sheet_writer = SheetWriter(self.book, worksheet, self.style_sheet, table)

    def depart_section(self, section: Section) -> None:
        self.sheet_writer.page_setup()

    def visit_paragraph(self, paragraph: Paragraph) -> None:
        self.sheet_writer.line(paragraph)  # a title above the table, a note below it: one merged line each
        raise SkipNode  # its inlines are read as plain text (bold and italic come from its style)

    def visit_table(self, table: Table) -> None:
        if table is not self.sheet_table:
            # One table a sheet: its header rows are frozen and repeat on every printed page, and formulas name
            # its rows. Compose gives an annex one table; a second one would need a sheet of its own.
            raise SkipNode
        self.sheet_writer.table(table)
        raise SkipNode  # its rows are placed on the grid by SheetWriter.table

    def visit_layout(self, layout: Layout) -> None:
        # The header and signature blocks of a letter (body name, motto, signer): not part of a data sheet.
        raise SkipNode

    def visit_rule(self, rule: Rule) -> None:
        raise SkipNode  # a line under a title: a spreadsheet has cell borders, not drawn lines

    def visit_spacer(self, spacer: Spacer) -> None:
        raise SkipNode  # room for a signature: nothing to sign on a sheet


def _first_table(section: Section) -> Table | None:
    return next((b for b in section.blocks if isinstance(b, Table)), None)


class SheetWriter:
    """One section's worksheet: its paragraphs as merged lines (line), its table (table), the page setup."""

    def __init__(self, book, ws, style_sheet: StyleSheet, table: Table) -> None:
        self.book, self.ws, self.style_sheet = book, ws, style_sheet
        self.formats: dict[tuple, object] = {}
        self.row = 0
        self.total_row = -1                          # the sheet row a comparison row speaks of
        self.totals: dict[int, Num] = {}             # its figures by grid column
        self.heights: dict[int, float] = {}          # points each sheet row needs for its wrapped text
        self.figures: dict[tuple, tuple] = {}        # a plain figure cell met before: the cell, its number, format
        self.width = len(table.columns)
        self.columns = table.columns
        self.widths = column_widths(table)
        names = [i for i, column in enumerate(table.columns[:3]) if column.align == "left"]
        self.name_columns = names[0] + 1 if names else 0
        self.header_rows = (0, -1)                   # the table's header rows, first and last (set by table)

    def line(self, paragraph: Paragraph) -> None:
        width = self.width
        style = self.style_sheet.paragraphs[paragraph.style]
        fmt = self._format(("line", paragraph.style), {
            "bold": style.bold, "italic": style.italic, "font_size": float(style.size),
            "align": _ALIGN.get(style.align, style.align), "valign": "vcenter", "text_wrap": True})
        text = plain_text(paragraph.content)
        self._needs(self.row, text, sum(self.widths), style.size, style.bold)
        if width > 1:
            self.ws.merge_range(self.row, 0, self.row, width - 1, text, fmt)
        else:
            self.ws.write_string(self.row, 0, text, fmt)
        self.row += 1

    def table(self, table: Table) -> None:
        """The table, an empty row above it; it ends at its first empty row (what the reader expects)."""
        self.row += 1
        rows = table.header + table.body
        first_row = self.row
        data_rows = [first_row + i for i, row in enumerate(rows) if row.kind == "data"]
        span = (data_rows[0], data_rows[-1]) if data_rows else None
        self.header_rows = (first_row, first_row + len(table.header) - 1)
        aligns = [c.align for c in table.columns]
        for row, placed in zip(rows, placed_rows(rows, len(table.columns))):
            if row.kind == "total":
                self.total_row, self.totals = self.row, {}
            for item in placed:
                if item.cell is not None:
                    header = row.kind == "header"
                    align = item.cell.align or ("center" if header else aligns[item.column])
                    self._cell(item.cell, item.column, row.kind, align, span)
            self.row += 1
        self.row += 1

    def _cell(self, cell: Cell, col: int, kind: str, align: str, span: tuple[int, int] | None) -> None:
        # Compose gives the rows that print one figure the same cell: its number and format are found once.
        known = self.figures.get((id(cell), kind, align))
        if known is not None:
            self.ws.write_number(self.row, col, known[1], known[2])
            return
        num = cell.content[0] if len(cell.content) == 1 and isinstance(cell.content[0], Num) else None
        if kind == "total" and num is not None:
            self.totals[col] = num
        live = self._usable(cell.live, span)
        fmt = self._cell_format(kind, align, num if num is not None or cell.content else self._blank(col, kind), live)
        top, left = self.row, col
        bottom, right = top + cell.rowspan - 1, col + cell.colspan - 1
        if num is None:  # a figure fits its column on one line; text wraps
            style = self.style_sheet.paragraphs[self.style_sheet.row_styles[kind]]
            self._needs(top, plain_text(cell.content), sum(self.widths[left:right + 1]), style.size, style.bold,
                        cell.rowspan)
        if (bottom, right) != (top, left):
            self.ws.merge_range(top, left, bottom, right, "", fmt)  # every cell of the range gets the borders
        if live is not None:
            self.ws.write_formula(top, left, self._formula(live, col, span, num), fmt, self._cached(num, live))
        elif num is not None:
            value = _number(num)
            self.ws.write_number(top, left, value, fmt)
            if kind == "data" and (bottom, right) == (top, left):
                self.figures[(id(cell), kind, align)] = (cell, value, fmt)  # the cell is kept: its id stays its own
        elif cell.content:
            self.ws.write_string(top, left, self._fitting(plain_text(cell.content), top, left), fmt)
        elif (bottom, right) == (top, left):
            self.ws.write_blank(top, left, None, fmt)

    def _blank(self, col: int, kind: str) -> Num | None:
        """A blank cell of a figure column (a data or total row) is formatted as its figures: what someone types in it
        is a number, which the total adds, not text it skips."""
        column = self.columns[col]
        if column.figure is None or kind not in ("data", "total"):
            return None
        return Num(Decimal(0), column.figure, column.decimals)

    def _fitting(self, text: str, row: int, col: int) -> str:
        """A spreadsheet cell holds 32.767 characters: a longer text would be cut without a word."""
        units = len(text.encode("utf-16-le")) // 2  # Excel counts UTF-16 units: a letter past U+FFFF is two
        if units > _CELL_LIMIT:
            raise OutputError([Problem(f"Ô {self.ws.name}!{xl_rowcol_to_cell(row, col)} của bảng tính có "
                                       f"{format_number(Decimal(units))} ký tự, quá {format_number(Decimal(_CELL_LIMIT))}"
                                       " ký tự một ô nhận được: rút gọn nội dung ô này trong đầu vào.")])
        return text

    def _needs(self, row: int, text: str, width: float, size, bold: bool, rows: int = 1) -> None:
        """A cell spanning several rows shares its height among them."""
        need = text_height(text, width, size, bold) / rows
        for r in range(row, row + rows):
            self.heights[r] = max(self.heights.get(r, 0), need)

    def _usable(self, live: Live | None, span: tuple[int, int] | None) -> Live | None:
        """A sum needs data rows; a change needs the total row's two figures above it."""
        if live is None:
            return None
        if live.op == "change":
            return live if live.earlier in self.totals and live.later in self.totals else None
        if live.op in ("ratio", "add", "minus"):
            return live  # the row's own cells
        return live if span is not None else None  # sum, mean, share: over the data rows

    def _formula(self, live: Live, col: int, span: tuple[int, int] | None, num: Num | None) -> str:
        """Rounded as the check engine rounds, so a workbook saved by a spreadsheet reads back the same figures
        (0,4, not 0,399999999999999); a percent cell holds a fraction, two decimals more than its points."""
        if live.op == "change":
            percent = self.totals[live.earlier].kind == "percent"
            return change_formula(self.total_row, live.earlier, live.later, live.decimals, 100 if percent else 1)
        if live.op == "ratio":
            return ratio_formula(self.row, live.earlier, live.later, live.decimals + 2)
        if live.op == "change_rows":
            return rows_change_formula(live.earlier, live.later, *span, live.decimals)
        if live.op in _COMPUTED:
            return computed_formula(live, self.row, span)
        decimals = num.decimals + (2 if num.kind == "percent" else 0)
        if live.op == "sum":
            return sum_formula(col, *span, decimals if num.kind != "count" else None)
        return mean_formula(col, live.weight, *span, decimals)

    def _cached(self, num: Num | None, live: Live):
        """The check engine's figure: the printed total (checked), or the difference of the printed totals."""
        if live.op == "change":
            return cell_number(self.totals[live.later].value - self.totals[live.earlier].value)
        if live.op == "change_rows":
            return cell_number(live.difference)
        return _number(num) if num is not None else ""  # a ratio without a plan: blank, as printed

    def _cell_format(self, kind: str, align: str, num: Num | None, live: Live | None):
        change = live is not None and live.op in ("change", "change_rows")
        if live is not None and live.op in ("ratio", "share"):
            num = Num(Decimal(0), "percent", live.decimals)  # a blank % of plan still shows one when a plan is typed
        elif live is not None and live.op in ("add", "minus"):
            num = Num(Decimal(0), live.kind, live.decimals)
        key = ("cell", kind, align, num.kind if num else None, num.decimals if num else None,
               (live.decimals, live.measure) if change else None)
        found = self.formats.get(key)  # a 10.000-row table asks this 140.000 times: the key is cheap to make
        if found is not None:
            return found
        style = self.style_sheet.paragraphs[self.style_sheet.row_styles[kind]]
        if change:
            pattern = change_format(live.decimals, live.measure)
        else:
            pattern = number_format(num.kind, num.decimals) if num is not None else "@"
        return self._format(key, {
            "bold": style.bold, "italic": style.italic, "font_size": float(style.size), "border": 1,
            "align": _ALIGN.get(align, align), "valign": "vcenter", "text_wrap": True,
            "num_format": pattern})

    def _format(self, key: tuple, properties: dict):
        if key not in self.formats:
            self.formats[key] = self.book.add_format(properties)
        return self.formats[key]

    def page_setup(self) -> None:
        ws, page = self.ws, self.style_sheet.pages["landscape"]
        for col, chars in enumerate(self.widths):
            ws.set_column(col, col, chars)
        for row, points in self.heights.items():
            ws.set_row(row, row_height(points))
        # The header rows and the column that names the rows (the first left-aligned one: TT and codes are centred)
        # stay on screen: on the wide Biểu 01 the district names do not scroll away.
        ws.freeze_panes(self.header_rows[1] + 1, self.name_columns)
        ws.set_landscape()
        ws.set_paper(9)  # A4
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(*self.header_rows)
        ws.set_margins(left=float(page.left / _MM_PER_INCH), right=float(page.right / _MM_PER_INCH),
                       top=float(page.top / _MM_PER_INCH), bottom=float(page.bottom / _MM_PER_INCH))
        ws.set_header(f'&C&"{self.style_sheet.font}"&{int(self.style_sheet.page_number_size)}&P',
                      {"margin": float(page.header / _MM_PER_INCH)})
        ws.hide_gridlines(1)  # print no grid: the table has its own borders


def _number(num: Num):
    """Counts as integers, other figures as floats; a percentage (67,4) as the fraction a % cell holds."""
    value = num.value / 100 if num.kind == "percent" else num.value
    return cell_number(value)
