"""The style sheet (templates/styles.yaml): page sizes, margins, paragraph styles, layout widths, rule lengths."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


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
class StyleSheet:
    font: str
    font_fallback: str
    pages: dict[str, Page]
    page_number_size: Decimal
    layouts: dict[str, tuple[Decimal, ...]]
    rules: dict[str, Decimal]
    paragraphs: dict[str, ParagraphStyle]


@lru_cache(maxsize=1)
def style_sheet() -> StyleSheet:
    data = yaml.safe_load((TEMPLATES / "styles.yaml").read_text(encoding="utf-8"))
    pages = {name: Page(**{k: Decimal(str(v)) for k, v in page.items()}) for name, page in data["pages"].items()}
    paragraphs = {name: _paragraph(name, spec) for name, spec in data["paragraphs"].items()}
    return StyleSheet(data["font"], data["font_fallback"], pages, Decimal(str(data["page_number"]["size"])),
                      {k: tuple(Decimal(str(w)) for w in v) for k, v in data["layouts"].items()},
                      {k: Decimal(str(v)) for k, v in data["rules"].items()}, paragraphs)


def _paragraph(name: str, spec: dict) -> ParagraphStyle:
    numbers = {k: Decimal(str(v)) for k, v in spec.items() if k in ("size", "first_line", "hanging", "before", "after",
                                                                         "line")}
    flags = {k: v for k, v in spec.items() if k in ("bold", "italic", "align", "keep_with_next")}
    return ParagraphStyle(name, **numbers, **flags)
