"""The Document tree as one HTML5 page for print (WeasyPrint → PDF): sections, paragraphs, tables."""

from __future__ import annotations

import html
import re
from decimal import Decimal

from reportgen.tree.grid import placed_rows
from reportgen.tree.nodes import (Block, Cell, Column, Document, Emph, Layout, Num, Paragraph, Row, Rule,
                                  Section, Spacer, Strong, Table, Text)
from reportgen.tree.visitor import SkipNode, Visitor
from reportgen.vi import nfc
from reportgen.write.pdf.css import SINGLE_LINE, PageGroup, css_text, number
from reportgen.write.inline import num_text, plain_text
from reportgen.write.options import WriterOptions

_PAGE_NAME = re.compile(r"[a-z][a-z0-9-]*\Z")
# Unicode line breaking lets a line end after "/" (class SY): "Quý II/ ↵ 2020", "đồng/ ↵ người/năm". A WORD JOINER
# either side glues it to its neighbours, as Word and LibreOffice keep them; Pango draws no glyph for it and the
# PDF's text reads "Quý II/2020". A token longer than its cell still breaks (print.css: overflow-wrap).
# In a slashed token a hyphen is glued too: "552/KH-BCĐ" is one number, not "552/KH- ↵ BCĐ".
_SLASHED = re.compile(r"\S+/\S+")
_JOINTS = re.compile(r"(?<=\S)/(?=\S)|(?<=\S)-(?=\S)")
_WORD_JOINER = "\u2060"


def _glued(match: re.Match) -> str:
    return _JOINTS.sub(lambda joint: (_WORD_JOINER if joint[0] == "/" else "") + joint[0] + _WORD_JOINER, match[0])


def html_text(document: Document, options: WriterOptions, start: int = 0, breaks: frozenset[int] = frozenset()
              ) -> str:
    """The page; for a part of a long table laid out apart, `start` is the number its first page shows and
    `breaks` the rows of the first section's table that begin a page (write/pdf/parts.py)."""
    writer = HtmlWriter(options, start, breaks)
    writer.walk(document)
    return writer.page


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


class HtmlWriter(Visitor):
    """The page: a <section> per tree Section, each block its own piece of it, joined by lines."""

    def __init__(self, options: WriterOptions, start: int = 0, breaks: frozenset[int] = frozenset()) -> None:
        self.options, self.sheet, self.start, self.first_breaks = options, options.sheet, start, breaks
        self.breaks: frozenset[int] = frozenset()
        self.sections: list[str] = []
        self.blocks: list[str] = []   # finished blocks of the section
        self.out: list[str] = []      # the block being written
        self.page = ""

    def visit_document(self, document: Document) -> None:
        self.groups = page_groups(document.sections, self.start)
        self.head = _head(document, css_text(self.options, self.groups))

    def depart_document(self, document: Document) -> None:
        body = "\n".join(self.sections)
        self.page = f'<!DOCTYPE html>\n<html lang="vi">\n{self.head}\n<body>\n{body}\n</body>\n</html>\n'

    def visit_section(self, section: Section) -> None:
        self.blocks = []
        self.breaks = self.first_breaks if not self.sections else frozenset()

    def depart_section(self, section: Section) -> None:
        group = self.groups[len(self.sections)]
        continued = " continued" if group.start else ""  # a part laid out apart, its table begun on an earlier page
        classes = escape(f"{section.orientation}{'' if group.first else ' follows'}{continued}")
        blocks = "\n".join(self.blocks)
        self.sections.append(f'<section class="{classes}" style="page: {group.name}">\n{blocks}\n</section>')

    def _done(self, piece: str) -> None:
        self.blocks.append(piece)

    def visit_paragraph(self, paragraph: Paragraph) -> None:
        self.out = []

    def depart_paragraph(self, paragraph: Paragraph) -> None:
        # An empty paragraph still takes a line, as it does in the DOCX.
        content = "".join(self.out) or "<br>"
        style = self.sheet.paragraphs.get(paragraph.style)
        # A heading's bookmark reads its words as typed (its text holds the joiners glued around "/").
        label = f' data-bookmark="{escape(plain_text(paragraph.content))}"' if style and style.outline else ""
        self._done(f'<p class="{escape(paragraph.style)}"{label}>{content}</p>')

    def visit_rule(self, rule: Rule) -> None:
        self._done(f'<div class="rule" style="width: {number(rule.width_mm)}mm"></div>')

    def visit_spacer(self, spacer: Spacer) -> None:
        height = Decimal(spacer.lines) * SINGLE_LINE * self.sheet.default_size
        self._done(f'<div class="spacer" style="height: {number(height)}pt"></div>')

    def visit_layout(self, layout: Layout) -> None:
        width = sum(layout.widths_mm, Decimal(0))
        cols = "".join(f'<col style="width: {number(w)}mm">' for w in layout.widths_mm)
        rows = "\n".join("<tr>" + "".join(self._layout_cell(cell) for cell in row) + "</tr>" for row in layout.rows)
        self._done(f'<table class="layout {escape(layout.role)}" style="width: {number(width)}mm">'
                   f"<colgroup>{cols}</colgroup>\n<tbody>\n{rows}\n</tbody></table>")
        raise SkipNode  # its cells' blocks are walked above

    def _layout_cell(self, blocks: tuple[Block, ...]) -> str:
        inner = HtmlWriter(self.options)
        inner.walk_all(blocks)
        return "<td>" + "".join(inner.blocks) + "</td>"

    def visit_table(self, table: Table) -> None:
        total = sum((c.width for c in table.columns), Decimal(0)) or Decimal(1)
        cols = "".join(f'<col style="width: {number(round(c.width * 100 / total, 3))}%">' for c in table.columns)
        head = "\n".join(self._rows(table.header, table.columns, "th"))
        body = "\n".join(self._rows(table.body, table.columns, "td", self.breaks))
        self._done(f'<table class="data"><colgroup>{cols}</colgroup>\n'
                   f"<thead>\n{head}\n</thead>\n<tbody>\n{body}\n</tbody></table>")
        raise SkipNode  # its rows are placed on the grid above

    def _rows(self, rows: tuple[Row, ...], columns: tuple[Column, ...], tag: str,
              breaks: frozenset[int] = frozenset()) -> list[str]:
        out = []
        for index, (row, placed) in enumerate(zip(rows, placed_rows(rows, len(columns)))):
            cells = "".join(self._cell(p.cell, self._align(p.cell, columns, p.column, tag), tag)
                            for p in placed if p.cell)
            # A page planned to begin here (a long table laid out in parts): forced, so every part paginates as planned.
            brk = ' style="break-before: page"' if index in breaks else ""
            out.append(f'<tr class="{escape(row.kind)}"{brk}>{cells}</tr>')
        return out

    def _align(self, cell: Cell, columns: tuple[Column, ...], start: int, tag: str) -> str:
        if cell.align:
            return cell.align
        if tag == "th":  # header cells follow their style (bang-dau), whatever their column holds
            return self.sheet.paragraphs["bang-dau"].align
        return columns[start].align

    def _cell(self, cell: Cell, align: str, tag: str) -> str:
        spans = "".join(f' {name}="{value}"' for name, value in (("colspan", cell.colspan), ("rowspan", cell.rowspan))
                        if value > 1)
        self.out = []
        self.walk_all(cell.content)
        return f'<{tag} class="a-{escape(align)}"{spans}>{"".join(self.out)}</{tag}>'

    def visit_text(self, text: Text) -> None:
        words = text.text
        self.out.append(escape(_SLASHED.sub(_glued, words) if "/" in words else words))

    def visit_num(self, num: Num) -> None:
        self.out.append(escape(num_text(num)))

    def visit_strong(self, strong: Strong) -> None:
        self.out.append("<strong>")

    def depart_strong(self, strong: Strong) -> None:
        self.out.append("</strong>")

    def visit_emph(self, emph: Emph) -> None:
        self.out.append("<em>")

    def depart_emph(self, emph: Emph) -> None:
        self.out.append("</em>")
