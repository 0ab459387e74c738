"""DOCX tables: data tables (thin borders, repeated header rows, merged cells, long ones split) and layout tables."""

from __future__ import annotations

from decimal import Decimal

from docx.oxml.ns import qn
from lxml import etree

from reportgen.tree.grid import placed_rows
from reportgen.tree.nodes import Layout, Table
from reportgen.styles import style_sheet
from reportgen.write.docx.rows import RowText, RowWriter
from reportgen.write.docx.split import split_body
from reportgen.write.docx.styles import RULE_STYLE, add_blocks, add_paragraph, eighths, twips

W_TBL, W_TR, W_TRPR, W_TC, W_TCPR, W_TCW, W_VAL, W_W, W_TYPE = (
    qn(t) for t in ("w:tbl", "w:tr", "w:trPr", "w:tc", "w:tcPr", "w:tcW", "w:val", "w:w", "w:type"))


def grid_widths(weights: list[Decimal], total_tw: int) -> list[int]:
    """Relative widths scaled to total_tw; rounding the running sum keeps the total exact."""
    whole, edges, running = sum(weights), [0], Decimal(0)
    for weight in weights:
        running += weight
        edges.append(round(running * total_tw / whole))
    return [b - a for a, b in zip(edges, edges[1:])]


# Data tables -----------------------------------------------------------------------------------

def add_data_table(parent, table: Table, width_tw: int, rows_text: RowText) -> None:
    """The table, or past ROWS_PER_TABLE body rows consecutive tables of the same grid, each with the header rows."""
    grid = grid_widths([c.width for c in table.columns], width_tw)
    padding = twips(style_sheet().tables.cell_padding)
    writer = RowWriter(grid, [c.align for c in table.columns], style_sheet().row_styles)
    placed = placed_rows(table.header + table.body, len(grid))
    header = [writer.row(row, cells, header=True) for row, cells in zip(table.header, placed)]
    body = placed[len(table.header):]
    for number, part in enumerate(split_body(table.body, body)):
        if number:
            add_paragraph(parent, RULE_STYLE, ())   # Word merges two tables that touch
        # Word (and LibreOffice) put the first cell's text, not its border, at tblInd: indent by the padding so
        # the borders stand exactly on the margins, as in the PDF.
        tbl = _table(parent, grid, "single", padding, indent=padding)
        rows_text.mark(tbl, header + [writer.row(table.body[k], body[k], header=False) for k in part])


# Layout tables (header and signature blocks) ---------------------------------------------------

def add_layout_table(parent, layout: Layout):
    """Borderless, fixed widths; a row never splits, so the signature block stays on one page."""
    grid = [twips(w) for w in layout.widths_mm]
    measures = style_sheet().tables
    padding = twips(measures.layout_padding)
    top = round(measures.signature_gap * 20) if layout.role == "signature" else 0  # pt to twips
    tbl = _table(parent, grid, "none", padding, top)
    for cells in layout.rows:
        tr = _row(tbl, header=False)
        for column, blocks in enumerate(cells):
            tc = _cell(tr, grid, column, 1, "top", None)
            add_blocks(tc, blocks, grid[column] - 2 * padding)
            if len(tc) == 1:
                add_paragraph(tc, "Normal", ())   # a cell must hold a paragraph
    return tbl


# Shared pieces ---------------------------------------------------------------------------------

def _table(parent, grid: list[int], borders: str, margin: int, top: int = 0, indent: int = 0):
    tbl = etree.SubElement(parent, W_TBL)
    tblpr = etree.SubElement(tbl, qn("w:tblPr"))
    _width(etree.SubElement(tblpr, qn("w:tblW")), sum(grid))
    _width(etree.SubElement(tblpr, qn("w:tblInd")), indent)
    edges = etree.SubElement(tblpr, qn("w:tblBorders"))
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        line = etree.SubElement(edges, qn(f"w:{edge}"))
        line.set(W_VAL, borders)
        if borders != "none":
            line.set(qn("w:sz"), eighths(style_sheet().tables.border))
            line.set(qn("w:space"), "0")
            line.set(qn("w:color"), "000000")
    etree.SubElement(tblpr, qn("w:tblLayout")).set(W_TYPE, "fixed")
    margins = etree.SubElement(tblpr, qn("w:tblCellMar"))
    for side, width in (("top", top), ("left", margin), ("right", margin)):
        _width(etree.SubElement(margins, qn(f"w:{side}")), width)
    etree.SubElement(tblpr, qn("w:tblLook")).set(W_VAL, "0000")
    tblgrid = etree.SubElement(tbl, qn("w:tblGrid"))
    for width in grid:
        etree.SubElement(tblgrid, qn("w:gridCol")).set(W_W, str(width))
    return tbl


def _row(tbl, header: bool):
    tr = etree.SubElement(tbl, W_TR)
    trpr = etree.SubElement(tr, W_TRPR)
    etree.SubElement(trpr, qn("w:cantSplit"))
    if header:
        etree.SubElement(trpr, qn("w:tblHeader"))
    return tr


def _cell(tr, grid: list[int], column: int, span: int, valign: str, vmerge: str | None):
    tc = etree.SubElement(tr, W_TC)
    tcpr = etree.SubElement(tc, W_TCPR)
    _width(etree.SubElement(tcpr, W_TCW), sum(grid[column:column + span]))
    if span > 1:
        etree.SubElement(tcpr, qn("w:gridSpan")).set(W_VAL, str(span))
    if vmerge == "restart":
        etree.SubElement(tcpr, qn("w:vMerge")).set(W_VAL, "restart")
    elif vmerge:
        etree.SubElement(tcpr, qn("w:vMerge"))
    etree.SubElement(tcpr, qn("w:vAlign")).set(W_VAL, valign)
    return tc


def _width(element, value: int) -> None:
    element.set(W_W, str(value))
    element.set(W_TYPE, "dxa")
