"""The one WordprocessingML emitter of the body: paragraphs, runs, tables, rows and cells as text, spliced into
the saved part (python-docx and lxml build only the styles, the headers and the sections' properties)."""

from __future__ import annotations

import re

from lxml import etree

JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}

# What lxml refuses in text (it raises ValueError on assignment); a bad character here would only break the file.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MARK = "reportgen-rows-"
_MARKS = re.compile(rb"<!--reportgen-rows-(\d+)-->")


class TextMarks:
    """Body text kept beside the element tree: a comment holds its place until the part is serialised.

    Parsing 10.000 rows (29 MB of XML) and serialising them again cost lxml about 0,6 s; the text is what
    lxml would write for the same elements, so splicing it in gives the same bytes.
    """

    def __init__(self) -> None:
        self._texts: list[str] = []

    def mark(self, parent, texts: list[str]) -> None:
        parent.append(etree.Comment(f"{_MARK}{len(self._texts)}"))
        self._texts.append("".join(texts))

    def fill(self, xml: bytes) -> bytes:
        """The serialised document part with each mark replaced by its text (user text is escaped: no false mark)."""
        pieces = _MARKS.split(xml)
        pieces[1::2] = [self._texts[int(number)].encode() for number in pieces[1::2]]
        return b"".join(pieces)


# Paragraphs and runs ---------------------------------------------------------------------------

def paragraph_opening(style: str, align: str | None = None, keep_next: bool = False, more: str = "") -> str:
    """<w:p> and its properties, up to the runs; `more` is further properties (a border, indents)."""
    properties = []
    if style != "Normal":
        properties.append(f'<w:pStyle w:val="{attribute(style)}"/>')
    if keep_next:
        properties.append("<w:keepNext/>")
    if align:
        properties.append(f'<w:jc w:val="{JC[align]}"/>')
    properties.append(more)
    inside = "".join(properties)
    return f"<w:p><w:pPr>{inside}</w:pPr>" if inside else "<w:p><w:pPr/>"


def empty_paragraph(style: str = "Normal", more: str = "") -> str:
    return paragraph_opening(style, more=more) + "</w:p>"


def run(text: str, bold: bool, italic: bool) -> str:
    """A run of escaped text (an empty one is no run)."""
    if not text:
        return ""
    if bold or italic:
        marks = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
        return f'<w:r><w:rPr>{marks}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


# Tables, rows and cells ----------------------------------------------------------------------

def table_opening(grid: list[int], border: str | None, margin: int, top: int = 0, indent: int = 0) -> str:
    """<w:tbl> up to its rows: fixed layout, `border` the line size in eighths of a point (None: borderless)."""
    line = (f'w:val="single" w:sz="{border}" w:space="0" w:color="000000"' if border is not None
            else 'w:val="none"')
    edges = "".join(f"<w:{edge} {line}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    margins = "".join(f'<w:{side} w:w="{width}" w:type="dxa"/>'
                      for side, width in (("top", top), ("left", margin), ("right", margin)))
    columns = "".join(f'<w:gridCol w:w="{width}"/>' for width in grid)
    return (f'<w:tbl><w:tblPr><w:tblW w:w="{sum(grid)}" w:type="dxa"/><w:tblInd w:w="{indent}" w:type="dxa"/>'
            f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar>{margins}'
            f'</w:tblCellMar><w:tblLook w:val="0000"/></w:tblPr><w:tblGrid>{columns}</w:tblGrid>')


def row_opening(header: bool) -> str:
    return ("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if header
            else "<w:tr><w:trPr><w:cantSplit/></w:trPr>")


def cell_opening(width: int, span: int, vmerge: str | None, valign: str) -> str:
    """<w:tc> and its properties, up to its paragraphs."""
    parts = [f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>']
    if span > 1:
        parts.append(f'<w:gridSpan w:val="{span}"/>')
    if vmerge == "restart":
        parts.append('<w:vMerge w:val="restart"/>')
    elif vmerge:
        parts.append("<w:vMerge/>")
    parts.append(f'<w:vAlign w:val="{valign}"/></w:tcPr>')
    return "".join(parts)


# Escaping ----------------------------------------------------------------------------------

def escape(text: str) -> str:
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


def attribute(text: str) -> str:
    """An attribute value as lxml serialises it."""
    text = escape(text).replace('"', "&quot;")
    return text.replace("\n", "&#10;").replace("\t", "&#9;")
