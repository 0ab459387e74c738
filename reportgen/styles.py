"""The style sheet (templates/styles.yaml): page sizes, margins, paragraph styles, layout widths, rule lengths."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

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


_NUMBERS = ("size", "first_line", "hanging", "before", "after", "line")
_FLAGS = ("bold", "italic", "keep_with_next", "keep_together")
ALIGNS = ("left", "center", "right", "justify")
ORIENTATIONS = ("portrait", "landscape")
ROW_KINDS = ("header", "group", "data", "total", "comparison")
# Styles the writers use on their own (body text size, table cells, page numbers).
WRITER_STYLES = ("body", "trang")


class StyleSheetError(Exception):
    """templates/styles.yaml is not as the writers need it; the message says which key."""


@lru_cache(maxsize=1)
def style_sheet() -> StyleSheet:
    """The sheet, checked: a typo in a key must not silently fall back to a default."""
    try:
        data = yaml.safe_load((TEMPLATES / "styles.yaml").read_text(encoding="utf-8"))
        pages = {name: Page(**{k: Decimal(str(v)) for k, v in data["pages"][name].items()}) for name in ORIENTATIONS}
        paragraphs = {name: _paragraph(name, spec) for name, spec in data["paragraphs"].items()}
        sheet = StyleSheet(data["font"], data["font_fallback"], pages, Decimal(str(data["page_number"]["size"])),
                           {k: tuple(Decimal(str(w)) for w in v) for k, v in data["layouts"].items()},
                           {k: Decimal(str(v)) for k, v in data["rules"].items()}, paragraphs,
                           TableMeasures(**{k: Decimal(str(v)) for k, v in data["tables"].items()}),
                           {kind: str(data["rows"][kind]) for kind in ROW_KINDS})
    except (KeyError, TypeError, ValueError, ArithmeticError, AttributeError, yaml.YAMLError) as exc:
        raise StyleSheetError(f"templates/styles.yaml: thiếu hoặc sai khóa ({type(exc).__name__}: {exc}).") from None
    missing = [name for name in (*WRITER_STYLES, *sheet.row_styles.values()) if name not in paragraphs]
    if missing:
        raise StyleSheetError(f"templates/styles.yaml: thiếu kiểu đoạn {', '.join(missing)}.")
    return sheet


def _paragraph(name: str, spec: dict) -> ParagraphStyle:
    unknown = sorted(set(spec) - set(_NUMBERS) - set(_FLAGS) - {"align"})
    if unknown or "size" not in spec or spec.get("align", "left") not in ALIGNS:
        raise ValueError(f"kiểu '{name}': khóa không biết {unknown}" if unknown else
                         f"kiểu '{name}': cần 'size' và 'align' là một trong {', '.join(ALIGNS)}")
    numbers = {k: Decimal(str(spec[k])) for k in _NUMBERS if k in spec}
    flags = {k: bool(spec[k]) for k in _FLAGS if k in spec}
    return ParagraphStyle(name, align=spec.get("align", "left"), **numbers, **flags)
