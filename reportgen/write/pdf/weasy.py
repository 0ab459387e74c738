"""Every use of WeasyPrint, its private box tree included: a WeasyPrint upgrade touches this file only.

The rest of write/pdf/ hands it HTML text and reads back plain values (bytes, page counts, row positions in px,
font facts, fontTools fonts); no other module imports weasyprint or names one of its classes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from fontTools.ttLib import TTFont
from weasyprint import HTML
from weasyprint.text.fonts import get_hb_object_data
from weasyprint.urls import FatalURLFetchingError, URLFetcher

# What a fetch refused by RefusingFetcher raises out of a layout.
FetchRefused = FatalURLFetchingError


class RefusingFetcher(URLFetcher):
    """Fetches nothing: our HTML names no outside resource, so any request is a bug or an injection."""

    def __init__(self) -> None:
        # fail_on_errors turns a refusal into FatalURLFetchingError: rendering stops instead of a silent hole.
        super().__init__(allowed_protocols=(), allow_redirects=False, fail_on_errors=True)

    def fetch(self, url, headers=None):
        raise ValueError(f"reportgen không tải tài nguyên ngoài: {url}")


def lay_out(text: str, base: Path):
    """The page laid out (WeasyPrint's Document): pass it to the functions below, never read it elsewhere."""
    return HTML(string=text, base_url=str(base), url_fetcher=RefusingFetcher()).render()


def pdf_data(rendered, identifier: bytes | None = None) -> bytes:
    """The PDF's bytes; drawing the pages is also when WeasyPrint gathers the fonts it used."""
    return rendered.write_pdf(pdf_identifier=identifier) if identifier is not None else rendered.write_pdf()


def page_count(rendered) -> int:
    return len(rendered.pages)


@dataclass(frozen=True)
class FontFacts:
    """What the font check reads of a WeasyPrint font, small enough to come back from a worker."""

    family: str
    to_unicode: dict
    missing: frozenset


def font_facts(rendered) -> tuple[FontFacts, ...]:
    """The fonts of a layout drawn with pdf_data (WeasyPrint fills them while it draws, not in lay_out)."""
    return tuple(FontFacts(f.family, dict(f.to_unicode), frozenset(f.missing)) for f in rendered.fonts.values())


def used_fonts(rendered) -> dict[tuple[bool, bool], TTFont]:
    """The font files drawn with, by (bold, italic), for fontTools to read letter advances from."""
    found: dict[tuple[bool, bool], TTFont] = {}
    for font in rendered.fonts.values():
        key = (font.weight >= 600, font.style != 0)
        if key not in found:
            found[key] = TTFont(io.BytesIO(get_hb_object_data(font.hb_face)), fontNumber=font.index, lazy=True)
    return found


# The box tree ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RowBox:
    """A body row of a data table as laid out, in px."""

    top: float
    height: float
    line: float | None               # the height of its first line box (None: it has none)
    first_cell_width: float          # its first cell's width, padding and border excluded
    first_cell_span: int


@dataclass(frozen=True)
class PageBoxes:
    """What the planner reads of one laid-out page."""

    rows: tuple[RowBox, ...]         # body rows of its data table (header rows excluded), top to bottom
    bottom: float                    # px: the foot of the text area
    columns: tuple[float, ...]       # px: the grid columns of its first table (empty when it has none)


def page_boxes(rendered) -> list[PageBoxes]:
    pages = []
    for page in rendered.pages:
        box = page._page_box
        table = _find(box, "TableBox")
        pages.append(PageBoxes(tuple(_row(row) for row in _body_rows(box)), box.content_box_y() + box.height,
                               tuple(table.column_widths) if table is not None else ()))
    return pages


def _row(box) -> RowBox:
    line = _find(box, "LineBox")
    cell = box.children[0] if box.children else None
    return RowBox(box.position_y, box.height, line.height if line is not None else None,
                  cell.width if cell is not None else 0.0, cell.colspan if cell is not None else 1)


def _body_rows(page_box) -> list:
    found = []

    def walk(box):
        name = type(box).__name__
        if name == "TableRowGroupBox" and box.is_header:
            return
        if name == "TableRowBox":
            found.append(box)
            return
        for child in getattr(box, "children", ()) or ():
            walk(child)
    walk(page_box)
    return found


def _find(box, name: str):
    if type(box).__name__ == name:
        return box
    for child in getattr(box, "children", ()) or ():
        found = _find(child, name)
        if found is not None:
            return found
    return None
