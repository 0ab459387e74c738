"""Where the pages of a long annex table break, planned before it is laid out, so its parts can be laid out apart.

A small calibration document (the section's own heading, header rows and one row of each kind, laid out by
WeasyPrint) gives the page geometry, the height of a one-line row and the column widths; the fonts WeasyPrint
chose give each letter's advance. Each row's lines are then counted by wrapping its words at spaces with the sum
of their advances (a "/" never ends a line: the HTML writer glues it, and the hyphens of "552/KH-BCĐ"). That is
an estimate (no kerning, no break after a hyphen elsewhere): write/pdf/join.py measures the rows
as laid out and has the table cut again where they really fell (replanned).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from fontTools.ttLib import TTFont

from reportgen.styles import StyleSheet
from reportgen.tree.nodes import Cell, Document, Emph, Num, Row, Section, Strong, Table, Text
from reportgen.tree.visitor import Visitor
from reportgen.write.pdf.html import html_text
from reportgen.write.inline import plain_text
from reportgen.write.pdf import weasy
from reportgen.write.options import WriterOptions

PX_PER_PT = 4 / 3
_SLACK_PX = 3          # room left at the foot of a page planned from estimates: rounding, a kerning pair


class Unplannable(Exception):
    """The table holds something the planner does not measure (a rowspan, a font it did not see): lay it out whole."""


@dataclass(frozen=True)
class Geometry:
    first_top: float                 # px: where the first body row starts on the section's first page
    next_top: float                  # px: where it starts on a following page (under the repeated header)
    bottom: float                    # px: the foot of the text area
    pitch: dict[str, float]          # row kind -> height of a one-line row, its border included
    line: dict[str, float]           # row kind -> height of each further line
    columns: tuple[float, ...]       # px: width of each grid column
    overhead: float                  # px: a cell's padding and border, taken from its column's width


def long_table(section: Section) -> Table | None:
    """The section's table, when it is the section's only table."""
    tables = [b for b in section.blocks if isinstance(b, Table)]
    return tables[0] if len(tables) == 1 else None


@dataclass(frozen=True)
class PagePlan:
    """Where the pages of one long table begin (not model.plan.Plan, the checked input plan)."""

    geometry: Geometry
    starts: list[int]                # the body rows that begin each page (the first is 0)


def page_starts(document: Document, section: Section, table: Table, options: WriterOptions) -> PagePlan:
    """Where the pages of `section` begin, from each row's estimated height; Unplannable when it cannot."""
    if any(cell.rowspan > 1 for row in table.body for cell in row.cells):
        raise Unplannable("rowspan")
    geometry, fonts = _calibrate(document, section, table, options)
    widths = _Widths(fonts)
    heights = [_row_height(row, geometry, widths, options.sheet) for row in table.body]
    return PagePlan(geometry, _paginate(table.body, heights, geometry))


def replanned(plan: PagePlan, body: tuple[Row, ...], heights: list[float]) -> list[int]:
    """The page starts again from the rows' heights as laid out (write/pdf/join.py measures them in each part)."""
    return _paginate(body, heights, plan.geometry, slack=0.0)  # heights as laid out: a row fits to the last pixel


def laid_heights(rendered) -> tuple[float, ...]:
    """The height of every body row of a layout's data table, in order: how far down it moves the next row."""
    heights: list[float] = []
    for page in weasy.page_boxes(rendered):
        rows = page.rows
        pitches = [b.top - a.top for a, b in zip(rows, rows[1:])]
        heights += pitches
        if rows:  # the last row on the page has no next one: its own height, with the border the others add
            border = (pitches[0] - rows[0].height) if pitches else 0.0
            heights.append(rows[-1].height + border)
    return tuple(heights)


def _paginate(body: tuple[Row, ...], heights: list[float], geometry: Geometry, slack: float = _SLACK_PX
              ) -> list[int]:
    starts, y = [0], geometry.first_top
    limit = geometry.bottom - slack + 1e-6
    for index, height in enumerate(heights):
        if y + height > limit and index > starts[-1]:
            # A group row ("I. Huyện …") does not end a page: it goes over with its first row.
            start = index - 1 if body[index - 1].kind == "group" and index - 1 > starts[-1] else index
            starts.append(start)
            y = geometry.next_top + sum(heights[start:index])
        y += height
    return starts


def _row_height(row: Row, geometry: Geometry, widths: "_Widths", sheet: StyleSheet) -> float:
    style = sheet.paragraphs[sheet.row_styles[row.kind]]
    size = float(style.size) * PX_PER_PT
    advance, widest = widths.of(style.bold, style.italic)
    lines, column = 1, 0
    for cell in row.cells:
        room = sum(geometry.columns[column:column + cell.colspan]) - geometry.overhead
        column += cell.colspan
        # Most cells are short: even in the widest letters they fit one line, so their letters are not summed.
        if _longest(cell) * widest * size > room:
            lines = max(lines, _lines(plain_text(cell.content), room, advance, size))
    return geometry.pitch[row.kind] + (lines - 1) * geometry.line[row.kind]


def _longest(cell: Cell) -> int:
    """At least as many letters as the cell prints."""
    counter = _Letters()
    counter.walk_all(cell.content)
    return counter.length


class _Letters(Visitor):
    """An upper bound of the letters a cell's inlines print (an inline type added later: UnknownNode, not a guess)."""

    def __init__(self) -> None:
        self.length = 0

    def visit_text(self, text: Text) -> None:
        self.length += len(text.text)

    def visit_num(self, num: Num) -> None:
        digits = len(str(abs(int(num.value))))
        self.length += digits + digits // 3 + num.decimals + 3 + num.pad  # separators, comma, sign, "%"

    def visit_strong(self, strong: Strong) -> None:
        raise Unplannable("bold text inside a cell")  # its letters are wider: the widths measured are not its own

    def visit_emph(self, emph: Emph) -> None:
        raise Unplannable("italic text inside a cell")


def _lines(text: str, room: float, advance, size: float) -> int:
    """Lines of `text` wrapped at spaces in `room` px; a word longer than a line breaks anywhere (as print.css)."""
    if not text:
        return 1
    space = advance(" ") * size
    lines, used = 1, 0.0
    for word in text.split(" "):
        width = sum(advance(ch) for ch in word) * size
        if used and used + space + width <= room:
            used += space + width
            continue
        if used:
            lines += 1
        extra = max(0, math.ceil(width / room) - 1) if room > 0 else 0
        lines += extra
        used = width - extra * room
    return lines


class _Widths:
    """Letter advances (in em) of the fonts WeasyPrint used, by bold and italic."""

    def __init__(self, fonts: dict[tuple[bool, bool], TTFont]) -> None:
        self._fonts = fonts
        self._measures: dict[tuple[bool, bool], tuple] = {}

    def of(self, bold: bool, italic: bool):
        """The advance of a letter in em, and the widest advance of the font."""
        if (bold, italic) not in self._measures:
            self._measures[(bold, italic)] = self._measure(bold, italic)
        return self._measures[(bold, italic)]

    def _measure(self, bold: bool, italic: bool):
        if (bold, italic) not in self._fonts:
            raise Unplannable(f"no font seen for bold={bold} italic={italic}")
        font = self._fonts[(bold, italic)]
        cmap, metrics, em = font.getBestCmap(), font["hmtx"].metrics, font["head"].unitsPerEm
        widest = max(advance for advance, _ in metrics.values()) / em
        cache: dict[str, float] = {}

        def advance(ch: str) -> float:
            if ch not in cache:
                glyph = cmap.get(ord(ch))
                # A letter the font lacks comes from another font: count it as the widest letter.
                cache[ch] = metrics[glyph][0] / em if glyph in metrics else widest
            return cache[ch]
        return advance, widest


# Calibration ------------------------------------------------------------------------------------

def _calibrate(document: Document, section: Section, table: Table, options: WriterOptions
               ) -> tuple[Geometry, dict]:
    kinds = list(dict.fromkeys(row.kind for row in table.body))
    samples = [_one_line(next(r for r in table.body if r.kind == kind)) for kind in kinds]
    # One row of each kind, then two more: the last is forced onto a second page, under the repeated header.
    rows = tuple(samples + [samples[0], samples[0]])
    # Blocks after the table (notes) do not change where its rows fall.
    upto = next(i for i, b in enumerate(section.blocks) if b is table)
    blocks = section.blocks[:upto] + (Table(table.columns, table.header, rows),)
    probe = Document(document.kind, document.title, document.author, document.subject, document.date,
                     (Section(section.name, section.orientation, section.restart_numbering, blocks, section.label),))
    rendered = weasy.lay_out(html_text(probe, options, breaks=frozenset({len(rows) - 1})), options.templates)
    pages = weasy.page_boxes(rendered)
    if len(pages) != 2:
        raise Unplannable(f"calibration laid out on {len(pages)} pages")
    first, second = pages[0].rows, pages[1].rows
    if len(first) != len(rows) - 1 or len(second) != 1:
        raise Unplannable("calibration rows not where expected")
    if any(row.line is None for row in first[:len(kinds)]):
        raise Unplannable("no line in a calibration row")
    pitch = {kind: first[i + 1].top - first[i].top for i, kind in enumerate(kinds)}
    line = {kind: first[i].line for i, kind in enumerate(kinds)}
    columns = pages[0].columns
    cell = first[len(kinds)]
    overhead = sum(columns[:cell.first_cell_span]) - cell.first_cell_width
    geometry = Geometry(first[0].top, second[0].top, pages[0].bottom, pitch, line, columns, overhead)
    weasy.pdf_data(rendered)  # WeasyPrint gathers the fonts it used while drawing
    return geometry, weasy.used_fonts(rendered)


def _one_line(row: Row) -> Row:
    return Row(row.kind, tuple(Cell((Text("1"),), c.colspan, 1, c.align) for c in row.cells))
