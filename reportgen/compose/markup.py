"""Parses the markup our templates render (tags named after tree nodes) into the Document tree."""

from __future__ import annotations

import datetime as _dt
import xml.etree.ElementTree as ET
from decimal import Decimal

from reportgen.styles import ORIENTATIONS
from reportgen.tree import nodes as n
from reportgen.tree.grid import GridError, placed_rows
from reportgen.vi import nfc


class MarkupError(Exception):
    """A template rendered markup the parser does not know: a bug of ours, not of the input."""


def parse_document(markup: str, tables: dict | None = None, styles: dict | None = None) -> n.Document:
    """The tree of the markup; `<table key="KEY"/>` takes `tables[KEY]`, a table compose built as nodes (compose.annex);
    each paragraph's style must be one of `styles` (the style sheet's paragraph styles)."""
    # The markup is our templates' output with every value autoescaped: no DTD, no entities beyond XML's own.
    root = ET.fromstring(markup)
    _expect(root, "document")
    sections = tuple(_section(child, tables or {}) for child in root)
    _known_styles([b for s in sections for b in s.blocks], styles or {})
    return n.Document(kind=root.get("kind", ""), title=_text_attr(root, "title"), author=_text_attr(root, "author"),
                      subject=_text_attr(root, "subject"), date=_dt.date.fromisoformat(root.get("date", "")),
                      sections=sections)


def _section(element: ET.Element, tables: dict) -> n.Section:
    _expect(element, "section")
    return n.Section(name=element.get("name", ""), orientation=_one_of(element, "orientation", ORIENTATIONS),
                     restart_numbering=element.get("restart") == "yes",
                     blocks=tuple(_block(child, tables) for child in element), label=_text_attr(element, "label"))


def _block(element: ET.Element, tables: dict | None = None):
    if element.tag == "table":  # the one block compose builds as nodes, not as markup
        return _table(element, tables or {})
    builder = _BLOCKS.get(element.tag)
    if builder is None:
        raise MarkupError(f"thẻ <{element.tag}> không dùng ở đây")
    return builder(element)


def _paragraph(element: ET.Element) -> n.Paragraph:
    return n.Paragraph(element.get("style", "body"), inlines(element))


def _known_styles(blocks, styles: dict) -> None:
    for block in blocks:
        if isinstance(block, n.Paragraph) and block.style not in styles:
            raise MarkupError(f"kiểu đoạn '{block.style}' không có trong templates/styles.yaml")
        if isinstance(block, n.Layout):
            _known_styles([b for row in block.rows for cell in row for b in cell], styles)


def _layout(element: ET.Element) -> n.Layout:
    widths = tuple(Decimal(w) for w in element.get("widths", "").split())
    rows = tuple(tuple(tuple(_cell_block(b) for b in cell) for cell in row) for row in element)
    if any(len(row) != len(widths) for row in rows):
        raise MarkupError("số ô của bảng bố cục khác số độ rộng")
    return n.Layout(element.get("role", ""), widths, rows)


def _cell_block(element: ET.Element):
    """A layout cell holds text, rules and spacers only: tables do not nest (DOCX and HTML draw them alike)."""
    if element.tag not in ("p", "rule", "spacer"):
        raise MarkupError(f"thẻ <{element.tag}> không dùng trong ô bảng bố cục")
    return _block(element)


def _table(element: ET.Element, tables: dict) -> n.Table:
    key = element.get("key")
    if key not in tables or len(element) or (element.text or "").strip():
        raise MarkupError(f"<table key=\"{key}\">: không có bảng này")
    table = tables[key]
    try:
        placed_rows(table.header + table.body, len(table.columns))  # every writer relies on full rows
    except GridError as error:
        raise MarkupError(f"bảng: {error}") from None
    return table


_BLOCKS = {
    "p": _paragraph,
    "rule": lambda e: n.Rule(Decimal(e.get("width", "30"))),
    "spacer": lambda e: n.Spacer(int(e.get("lines", "1"))),
    "layout": _layout,
}


def inlines(element: ET.Element) -> tuple[n.Inline, ...]:
    """Text, <b>, <i> and <num> children in order; runs of whitespace collapse as in HTML."""
    found: list[n.Inline] = []
    _add_text(found, element.text)
    for child in element:
        if child.tag == "b":
            found.append(n.Strong(inlines(child)))
        elif child.tag == "i":
            found.append(n.Emph(inlines(child)))
        elif child.tag == "num":
            found.append(n.Num(Decimal(child.get("value", "")), child.get("kind", "count"),
                               int(child.get("decimals", "0")), int(child.get("pad", "0"))))
        else:
            raise MarkupError(f"thẻ <{child.tag}> không dùng trong đoạn văn")
        _add_text(found, child.tail)
    return _trimmed(found)


def _add_text(found: list[n.Inline], text: str | None) -> None:
    if text:
        squeezed = " ".join(text.split())
        squeezed = (" " if text[0].isspace() else "") + squeezed + (" " if text[-1].isspace() and squeezed else "")
        if squeezed:
            found.append(n.Text(nfc(squeezed)))


def _trimmed(found: list[n.Inline]) -> tuple[n.Inline, ...]:
    """Drops the leading and trailing blanks that template indentation leaves."""
    if found and isinstance(found[0], n.Text):
        found[0] = n.Text(found[0].text.lstrip())
    if found and isinstance(found[-1], n.Text):
        found[-1] = n.Text(found[-1].text.rstrip())
    return tuple(item for item in found if not (isinstance(item, n.Text) and not item.text))


def _text_attr(element: ET.Element, name: str) -> str:
    return nfc(element.get(name, ""))


def _one_of(element: ET.Element, name: str, allowed: tuple[str, ...], default: str | None = None) -> str:
    value = element.get(name, default)
    if value not in allowed:
        raise MarkupError(f"<{element.tag} {name}=\"{value}\">: chỉ dùng {', '.join(allowed)}")
    return value


def _expect(element: ET.Element, tag: str) -> None:
    if element.tag != tag:
        raise MarkupError(f"cần thẻ <{tag}>, gặp <{element.tag}>")
