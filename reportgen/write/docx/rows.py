"""Data-table rows as WordprocessingML text, spliced into the saved part: the elements docx_styles would build, unparsed."""

from __future__ import annotations

import re

from lxml import etree

from reportgen.tree.grid import Placed
from reportgen.tree.nodes import Emph, Inline, Num, Row, Strong, Text
from reportgen.write.docx.styles import JC
from reportgen.write.inline import num_text

# What lxml refuses in text (it raises ValueError on assignment); a bad character here would only break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARK = "reportgen-rows-"
_MARKS = re.compile(rb"<!--reportgen-rows-(\d+)-->")


class RowText:
    """Rows kept as text beside the tree: a comment holds their place in their w:tbl until the part is serialised.

    Parsing 10.000 rows (29 MB of XML) and serialising them again cost lxml about 0,6 s; the text is what
    lxml would write for the same elements, so splicing it in gives the same bytes.
    """

    def __init__(self) -> None:
        self._texts: list[str] = []

    def mark(self, tbl, texts: list[str]) -> None:
        tbl.append(etree.Comment(f"{_MARK}{len(self._texts)}"))
        self._texts.append("".join(texts))

    def fill(self, xml: bytes) -> bytes:
        """The serialised document part with each mark replaced by its rows (user text is escaped: no false mark)."""
        pieces = _MARKS.split(xml)
        pieces[1::2] = [self._texts[int(number)].encode() for number in pieces[1::2]]
        return b"".join(pieces)


class RowWriter:
    """Turns one table's placed rows into w:tr text; the cell openings repeat, so each is built once."""

    def __init__(self, grid: list[int], aligns: list[str], row_styles: dict[str, str]):
        self.grid, self.aligns, self.row_styles = grid, aligns, row_styles
        self._openings: dict[tuple, str] = {}

    def row(self, row: Row, placed: list[Placed], header: bool) -> str:
        style = self.row_styles[row.kind]
        parts = ["<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header
                 else "<w:tr><w:trPr><w:cantSplit/></w:trPr>"]
        opening = self._opening
        for item in placed:
            cell = item.cell
            if cell is None:  # under a vertically merged cell: vMerge without 'restart'
                parts.append(opening(item.column, item.colspan, "continue", style, None))
                parts.append("</w:p></w:tc>")
                continue
            align = cell.align or (None if header else self.aligns[item.column])
            merge = "restart" if cell.rowspan > 1 else None
            parts.append(opening(item.column, item.colspan, merge, style, align))
            _runs(parts, cell.content, False, False)
            parts.append("</w:p></w:tc>")
        parts.append("</w:tr>")
        return "".join(parts)

    def _opening(self, column: int, span: int, vmerge: str | None, style: str, align: str | None) -> str:
        key = (column, span, vmerge, style, align)
        text = self._openings.get(key)
        if text is None:
            text = self._openings[key] = _cell_opening(sum(self.grid[column:column + span]), span, vmerge, style, align)
        return text


def _cell_opening(width: int, span: int, vmerge: str | None, style: str, align: str | None) -> str:
    """<w:tc> up to the paragraph's runs, as docx_table._cell and docx_styles.add_paragraph build them."""
    parts = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        parts.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        parts.append('<w:vMerge w:val="restart"/>')
    elif vmerge:
        parts.append("<w:vMerge/>")
    parts.append('<w:vAlign w:val="center"/></w:tcPr><w:p>')
    properties = []
    if style != "Normal":
        properties.append(f'<w:pStyle w:val="{_attribute(style)}"/>')
    if align:
        properties.append(f'<w:jc w:val="{JC[align]}"/>')
    parts.append(f"<w:pPr>{''.join(properties)}</w:pPr>" if properties else "<w:pPr/>")
    return "".join(parts)


def _runs(parts: list[str], content: tuple[Inline, ...], bold: bool, italic: bool) -> None:
    for item in content:
        if isinstance(item, Num):
            _run(parts, num_text(item), bold, italic)   # digits, dots, commas, %, Roman letters: nothing to escape
        elif isinstance(item, Text):
            _run(parts, _escape(item.text), bold, italic)
        elif isinstance(item, Strong):
            _runs(parts, item.children, True, italic)
        elif isinstance(item, Emph):
            _runs(parts, item.children, bold, True)


def _run(parts: list[str], text: str, bold: bool, italic: bool) -> None:
    if not text:
        return
    if bold or italic:
        marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        parts.append(f'<w:r><w:rPr>{marks}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>')
    else:
        parts.append(f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>')


def _escape(text: str) -> str:
    """Text as lxml serialises it; a carriage return stays a character reference (a parser turns a bare one into \\n)."""
    if _NOT_XML.search(text):
        raise ValueError("All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters")
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _attribute(text: str) -> str:
    """An attribute value as lxml serialises it."""
    text = _escape(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")
