"""The style sheet's types (templates/styles.yaml, read by load/style_sheet.py): pages, paragraph styles, measures."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class ParagraphStyle:
    name: str
    size: Decimal
    bold: bool = False
    italic: bool = False
    align: str = "left"              # left, center, right, justify
    first_line: Decimal = Decimal(0)  # mm
    hanging: Decimal = Decimal(0)    # mm: wrapped lines start this far right of the first ("- " items)
    before: Decimal = Decimal(0)     # pt
    after: Decimal = Decimal(0)      # pt
    line: Decimal = Decimal(1)       # multiple of single spacing
    keep_with_next: bool = False
    keep_together: bool = False      # the lines of one paragraph stay on one page (headings, titles)
    display: str = ""                # the name a clerk sees in Word ("Nội dung"); `name` stays the ASCII styleId
    gallery: bool = False            # shown in Word's Quick Style gallery (the styles a clerk applies)
    outline: int = 0                 # 1, 2: a heading level (Word's navigation pane and TOC, PDF bookmarks)


@dataclass(frozen=True)
class Page:
    width: Decimal                   # mm, as the page is read
    height: Decimal
    top: Decimal
    bottom: Decimal
    left: Decimal
    right: Decimal
    header: Decimal

    @property
    def text_width(self) -> Decimal:
        return self.width - self.left - self.right


@dataclass(frozen=True)
class TableMeasures:
    border: Decimal                  # pt, data table lines
    rule: Decimal                    # pt, the short rules under titles
    cell_padding: Decimal            # mm, left and right, data cells
    layout_padding: Decimal          # mm, left and right, header and signature cells
    signature_gap: Decimal           # pt above the signature block


@dataclass(frozen=True)
class StyleSheet:
    font: str
    font_fallback: str
    pages: dict[str, Page]
    page_number_size: Decimal
    layouts: dict[str, tuple[Decimal, ...]]
    rules: dict[str, Decimal]
    paragraphs: dict[str, ParagraphStyle]
    tables: TableMeasures
    row_styles: dict[str, str]       # table row kind -> paragraph style of its cells

    @property
    def default_size(self) -> Decimal:
        """The body text size: docDefaults in DOCX, the root font size in CSS."""
        return self.paragraphs["body"].size


ALIGNS = ("left", "center", "right", "justify")
ORIENTATIONS = ("portrait", "landscape")
ROW_KINDS = ("header", "group", "data", "total", "comparison")
# Styles the writers use on their own (body text size, table cells, page numbers).
WRITER_STYLES = ("body", "trang")


class StyleSheetError(Exception):
    """templates/styles.yaml is not as the writers need it; the message says which key."""
