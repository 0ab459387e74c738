"""DOCX tables as text: data tables (thin borders, repeated header rows, merged cells, long ones split) and layout
tables (the header and signature blocks)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from reportgen.styles import StyleSheet
from reportgen.tree.grid import Placed, placed_rows
from reportgen.tree.nodes import Layout, Row, Table
from reportgen.write.docx import xml
from reportgen.write.docx.split import split_body
from reportgen.write.docx.styles import RULE_STYLE, eighths, twips


def grid_widths(weights: list[Decimal], total_tw: int) -> list[int]:
    """Relative widths scaled to total_tw; rounding the running sum keeps the total exact."""
    whole, edges, running = sum(weights), [0], Decimal(0)
    for weight in weights:
        running += weight
        edges.append(round(running * total_tw / whole))
    return [b - a for a, b in zip(edges, edges[1:])]


# Data tables -----------------------------------------------------------------------------------

# runs(out, content) appends the runs of a cell's inlines to out; blocks(out, blocks, width) a layout cell's blocks
# (DocxWriter's, which walks them).
Runs = Callable[[list[str], tuple], None]
Blocks = Callable[[list[str], tuple, int], None]


def data_table(out: list[str], table: Table, width_tw: int, sheet: StyleSheet, runs: Runs) -> None:
    """The table, or past ROWS_PER_TABLE body rows consecutive tables of the same grid, each with the header rows."""
    grid = grid_widths([c.width for c in table.columns], width_tw)
    padding = twips(sheet.tables.cell_padding)
    rows = RowWriter(grid, [c.align for c in table.columns], sheet.row_styles, runs)
    placed = placed_rows(table.header + table.body, len(grid))
    header = [rows.row(row, cells, header=True) for row, cells in zip(table.header, placed)]
    body = placed[len(table.header):]
    border = eighths(sheet.tables.border)
    for number, part in enumerate(split_body(table.body, body)):
        if number:
            out.append(xml.empty_paragraph(RULE_STYLE))   # Word merges two tables that touch
        # Word (and LibreOffice) put the first cell's text, not its border, at tblInd: indent by the padding so
        # the borders stand exactly on the margins, as in the PDF.
        out.append(xml.table_opening(grid, border, padding, indent=padding))
        out.extend(header)
        out.extend(rows.row(table.body[k], body[k], header=False) for k in part)
        out.append("</w:tbl>")


class RowWriter:
    """Turns one table's placed rows into w:tr text; the cell openings repeat, so each is built once."""

    def __init__(self, grid: list[int], aligns: list[str], row_styles: dict[str, str], runs: Runs):
        self.grid, self.aligns, self.row_styles, self.runs = grid, aligns, row_styles, runs
        self._openings: dict[tuple, str] = {}

    def row(self, row: Row, placed: list[Placed], header: bool) -> str:
        style = self.row_styles[row.kind]
        parts = [xml.row_opening(header)]
        opening, runs = self._opening, self.runs
        for item in placed:
            cell = item.cell
            if cell is None:  # under a vertically merged cell: vMerge without 'restart'
                parts.append(opening(item.column, item.colspan, "continue", style, None))
                parts.append("</w:p></w:tc>")
                continue
            align = cell.align or (None if header else self.aligns[item.column])
            merge = "restart" if cell.rowspan > 1 else None
            parts.append(opening(item.column, item.colspan, merge, style, align))
            runs(parts, cell.content)
            parts.append("</w:p></w:tc>")
        parts.append("</w:tr>")
        return "".join(parts)

    def _opening(self, column: int, span: int, vmerge: str | None, style: str, align: str | None) -> str:
        key = (column, span, vmerge, style, align)
        text = self._openings.get(key)
        if text is None:
            width = sum(self.grid[column:column + span])
            text = self._openings[key] = (xml.cell_opening(width, span, vmerge, "center")
                                          + xml.paragraph_opening(style, align))
        return text


# Layout tables (header and signature blocks) ---------------------------------------------------

def layout_table(out: list[str], layout: Layout, sheet: StyleSheet, blocks: Blocks) -> None:
    """Borderless, fixed widths; a row never splits, so the signature block stays on one page. Each cell's blocks
    are written by `blocks`, knowing the cell's text width."""
    grid = [twips(w) for w in layout.widths_mm]
    measures = sheet.tables
    padding = twips(measures.layout_padding)
    top = round(measures.signature_gap * 20) if layout.role == "signature" else 0  # pt to twips
    out.append(xml.table_opening(grid, None, padding, top))
    for cells in layout.rows:
        out.append(xml.row_opening(header=False))
        for column, content in enumerate(cells):
            out.append(xml.cell_opening(grid[column], 1, None, "top"))
            before = len(out)
            blocks(out, content, grid[column] - 2 * padding)
            if len(out) == before:
                out.append(xml.empty_paragraph())   # a cell must hold a paragraph
            out.append("</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
