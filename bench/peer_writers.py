"""The peers of our writers, each used the plain way its library's documentation shows, on the table ours writes."""

from __future__ import annotations

import io
from pathlib import Path

import yaml

COLUMNS = 14  # TT, Xã, then 6 indicators × (Năm trước, Năm sau): bench/check_speed.make_input's annex
FONT, SIZE = "Times New Roman", 12


def table_from_input(folder: Path) -> dict:
    """make_input's annex as a grid: two header rows of text, then data, total and comparison rows (None: blank).

    Read back from the YAML the bench wrote, not from reportgen's tree, so the peers depend on no reportgen internals.
    """
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when there: 10.000 rows load in a second
    annex = yaml.load((folder / "bieu-01.yaml").read_text(encoding="utf-8"), Loader=loader)
    first, groups = annex["columns"][:2], annex["columns"][2:]
    header = [[c["header"] for c in first] + [x for g in groups for x in (g["header"], None)],
              [None, None] + [c["header"] for g in groups for c in g["columns"]]]
    body = [[n, row["unit"]] + [v for g in groups for v in row[g["id"]]] for n, row in enumerate(annex["rows"], 1)]
    totals = [v for g in groups for v in annex["total"]["values"][g["id"]]]
    changes = [_change(totals[2 * i], totals[2 * i + 1], g["measure"]) for i, g in enumerate(groups)]
    body.append([annex["total"]["label"], None] + totals)
    body.append([annex["comparison"]["label"], None] + [x for change in changes for x in (change, None)])
    return {"header": header, "body": body}


def _change(before: int, after: int, measure: str) -> str:
    if after == before:
        return "Không đổi"
    return f"{'Tăng' if after > before else 'Giảm'} {text(abs(after - before))} {measure}"


def text(value) -> str:
    """A grid value as the DOCX peers print it: 1.234 for a count, '' for a blank."""
    if value is None:
        return ""
    return f"{value:,}".replace(",", ".") if isinstance(value, int) else value


def texts(rows: list[list]) -> list[list[str]]:
    return [[text(v) for v in row] for row in rows]


def python_docx_add_row(header: list[list[str]], body: list[list[str]]) -> bytes:
    """The naive DOCX: python-docx's add_table for the header, then add_row and cell.text for every row."""
    from docx import Document
    document = Document()
    table = document.add_table(rows=len(header), cols=COLUMNS)
    table.style = "Table Grid"
    for row, values in zip(table.rows, header):
        _fill(row, values)
    for values in body:
        _fill(table.add_row(), values)
    return _saved(document)


def _fill(row, values: list[str]) -> None:
    for cell, value in zip(row.cells, values):
        cell.text = value


def _saved(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docxtpl_template(header: list[list[str]]) -> bytes:
    """A template DOCX: the header rows, then docxtpl's row loop ({%tr for %}, a row of {{ r[i] }}, {%tr endfor %})."""
    from docx import Document
    document = Document()
    table = document.add_table(rows=len(header) + 3, cols=COLUMNS)
    table.style = "Table Grid"
    rows = table.rows
    for row, values in zip(rows, header):
        _fill(row, values)
    loop = len(header)
    rows[loop].cells[0].text = "{%tr for r in rows %}"
    _fill(rows[loop + 1], [f"{{{{ r[{i}] }}}}" for i in range(COLUMNS)])
    rows[loop + 2].cells[0].text = "{%tr endfor %}"
    return _saved(document)


def docxtpl_render(template: bytes, body: list[list[str]]) -> bytes:
    from docxtpl import DocxTemplate
    document = DocxTemplate(io.BytesIO(template))
    document.render({"rows": body})
    return _saved(document)


def openpyxl_cells(rows: list[list]) -> bytes:
    """The naive XLSX: every cell one by one, each with our font, a thin border and, for a count, #,##0."""
    from openpyxl import Workbook
    from openpyxl.styles import Border, Font, Side
    book = Workbook()
    sheet = book.active
    font, thin = Font(name=FONT, size=SIZE), Side(style="thin")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for number, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(number, column, value)
            cell.font, cell.border = font, border
            if isinstance(value, int):
                cell.number_format = "#,##0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsxwriter_plain(rows: list[list]) -> bytes:
    """The reference XLSX: XlsxWriter's write() per cell with two shared formats (text, count) of the same style."""
    import xlsxwriter
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    style = {"font_name": FONT, "font_size": SIZE, "border": 1}
    plain, count = book.add_format(style), book.add_format(dict(style, num_format="#,##0"))
    for number, values in enumerate(rows):
        for column, value in enumerate(values):
            sheet.write(number, column, value, count if isinstance(value, int) else plain)
    book.close()
    return out.getvalue()


def weasyprint_one_document(html: str, base_url: str) -> bytes:
    """The whole table as ONE WeasyPrint document, as a plain HTML-to-PDF user would print it."""
    from weasyprint import HTML
    return HTML(string=html, base_url=base_url).write_pdf()
