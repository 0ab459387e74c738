"""The Document tree as one HTML5 page for print (WeasyPrint → PDF): sections, paragraphs, tables."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from reportgen.styles import StyleSheet, style_sheet
from reportgen.tree.grid import placed_rows
from reportgen.tree.nodes import (Block, Cell, Column, Document, Emph, Inline, Layout, Num, Paragraph, Row, Rule,
                                  Section, Spacer, Strong, Table, Text)
from reportgen.vi import nfc
from reportgen.write.pdf.css import SINGLE_LINE, PageGroup, css_text, number
from reportgen.write.inline import num_text

_PAGE_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")


def html_text(document: Document, start: int = 0, breaks: frozenset[int] = frozenset()) -> str:
    """The page; for a part of a long table laid out apart, `start` is the number its first page shows and
    `breaks` the rows of the first section's table that begin a page (write/pdf/parts.py)."""
    sheet = style_sheet()
    groups = page_groups(document.sections, start)
    head = _head(document, css_text(sheet, groups))
    body = "\n".join(_section(section, group, sheet, breaks if index == 0 else frozenset())
                     for index, (section, group) in enumerate(zip(document.sections, groups)))
    return f'<!DOCTYPE html>\n<html lang="vi">\n{head}\n<body>\n{body}\n</body>\n</html>\n'


def page_groups(sections: tuple[Section, ...], start: int = 0) -> list[PageGroup]:
    """A CSS page name per section: its own name when that is a plain, unused identifier."""
    groups, used = [], set()
    for index, section in enumerate(sections):
        name = section.name if _PAGE_NAME.match(section.name) and section.name not in used else f"phan-{index + 1}"
        used.add(name)
        groups.append(PageGroup(name, section.orientation, index == 0, section.restart_numbering,
                                start if index == 0 else 0))
    return groups


def escape(text: str) -> str:
    return html.escape(nfc(text), quote=True)


def _head(document: Document, css: str) -> str:
    date = document.date.isoformat()
    meta = [("author", document.author), ("description", document.subject), ("generator", "reportgen"),
            # WeasyPrint takes the PDF's CreationDate and ModDate from these, never from the clock.
            ("dcterms.created", date), ("dcterms.modified", date)]
    lines = ['<head>', '<meta charset="utf-8">', f"<title>{escape(document.title)}</title>"]
    lines += [f'<meta name="{name}" content="{escape(value)}">' for name, value in meta]
    lines += ["<style>", css, "</style>", "</head>"]
    return "\n".join(lines)


def _section(section: Section, group: PageGroup, sheet: StyleSheet, breaks: frozenset[int]) -> str:
    continued = " continued" if group.start else ""  # a part laid out apart, its table begun on an earlier page
    classes = escape(f"{section.orientation}{'' if group.first else ' follows'}{continued}")
    blocks = "\n".join(_table(block, breaks) if isinstance(block, Table) else _block(block, sheet)
                       for block in section.blocks)
    return f'<section class="{classes}" style="page: {group.name}">\n{blocks}\n</section>'


def _block(block: Block | Table | Layout, sheet: StyleSheet) -> str:
    if isinstance(block, Paragraph):
        return _paragraph(block)
    if isinstance(block, Rule):
        return f'<div class="rule" style="width: {number(block.width_mm)}mm"></div>'
    if isinstance(block, Spacer):
        return _spacer(block, sheet)
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Layout):
        return _layout(block, sheet)
    raise TypeError(f"unknown block {type(block).__name__}")


def _paragraph(paragraph: Paragraph) -> str:
    # An empty paragraph still takes a line, as it does in the DOCX.
    content = inline_html(paragraph.content) or "<br>"
    return f'<p class="{escape(paragraph.style)}">{content}</p>'


def _spacer(spacer: Spacer, sheet: StyleSheet) -> str:
    height = Decimal(spacer.lines) * SINGLE_LINE * sheet.default_size
    return f'<div class="spacer" style="height: {number(height)}pt"></div>'


def inline_html(content: tuple[Inline, ...]) -> str:
    parts = []
    for item in content:
        if isinstance(item, Text):
            parts.append(escape(item.text))
        elif isinstance(item, Num):
            parts.append(escape(num_text(item)))
        elif isinstance(item, Strong):
            parts.append(f"<strong>{inline_html(item.children)}</strong>")
        elif isinstance(item, Emph):
            parts.append(f"<em>{inline_html(item.children)}</em>")
    return "".join(parts)


def _layout(layout: Layout, sheet: StyleSheet) -> str:
    width = sum(layout.widths_mm, Decimal(0))
    cols = "".join(f'<col style="width: {number(w)}mm">' for w in layout.widths_mm)
    rows = "\n".join("<tr>" + "".join(_layout_cell(cell, sheet) for cell in row) + "</tr>" for row in layout.rows)
    return (f'<table class="layout {escape(layout.role)}" style="width: {number(width)}mm">'
            f"<colgroup>{cols}</colgroup>\n<tbody>\n{rows}\n</tbody></table>")


def _layout_cell(blocks: tuple[Block, ...], sheet: StyleSheet) -> str:
    return "<td>" + "".join(_block(block, sheet) for block in blocks) + "</td>"


def _table(table: Table, breaks: frozenset[int] = frozenset()) -> str:
    total = sum((c.width for c in table.columns), Decimal(0)) or Decimal(1)
    cols = "".join(f'<col style="width: {number(round(c.width * 100 / total, 3))}%">' for c in table.columns)
    head = "\n".join(_rows(table.header, table.columns, "th"))
    body = "\n".join(_rows(table.body, table.columns, "td", breaks))
    return (f'<table class="data"><colgroup>{cols}</colgroup>\n'
            f"<thead>\n{head}\n</thead>\n<tbody>\n{body}\n</tbody></table>")


def _rows(rows: tuple[Row, ...], columns: tuple[Column, ...], tag: str, breaks: frozenset[int] = frozenset()
          ) -> list[str]:
    out = []
    for index, (row, placed) in enumerate(zip(rows, placed_rows(rows, len(columns)))):
        cells = "".join(_cell(p.cell, _align(p.cell, columns, p.column, tag), tag) for p in placed if p.cell)
        # A page planned to begin here (a long table laid out in parts): forced, so every part paginates as planned.
        brk = ' style="break-before: page"' if index in breaks else ""
        out.append(f'<tr class="{escape(row.kind)}"{brk}>{cells}</tr>')
    return out


def _align(cell: Cell, columns: tuple[Column, ...], start: int, tag: str) -> str:
    if cell.align:
        return cell.align
    if tag == "th":  # header cells follow their style (bang-dau), whatever their column holds
        return style_sheet().paragraphs["bang-dau"].align
    return columns[start].align


def _cell(cell: Cell, align: str, tag: str) -> str:
    spans = "".join(f' {name}="{value}"' for name, value in (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                    if value > 1)
    return f'<{tag} class="a-{escape(align)}"{spans}>{inline_html(cell.content)}</{tag}>'
