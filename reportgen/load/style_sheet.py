"""The style sheet (templates/styles.yaml) read and checked into styles.StyleSheet: loaded once, handed on."""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml

from reportgen.errors import OutputError, Problem
from reportgen.styles import (ALIGNS, ORIENTATIONS, ROW_KINDS, TEMPLATES, WRITER_STYLES, Page, ParagraphStyle,
                              StyleSheet, StyleSheetError, TableMeasures)

STYLE_SHEET = TEMPLATES / "styles.yaml"
_NUMBERS = ("size", "first_line", "hanging", "before", "after", "line")
_FLAGS = ("bold", "italic", "keep_with_next", "keep_together", "gallery")


def load_style_sheet(path: Path = STYLE_SHEET) -> StyleSheet:
    """The sheet for compose and the writers; a broken one (someone edited it) is an OutputError naming the key."""
    try:
        return read_style_sheet(path)
    except StyleSheetError as error:
        raise OutputError([Problem(f"Mẫu văn bản trong reportgen/templates không dùng được: {error}. Sửa mẫu, hoặc "
                                   "lấy lại bản gốc của reportgen.")]) from None


@lru_cache(maxsize=4)
def read_style_sheet(path: Path = STYLE_SHEET) -> StyleSheet:
    """The sheet, checked: a typo in a key must not silently fall back to a default."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
    unknown = sorted(set(spec) - set(_NUMBERS) - set(_FLAGS) - {"align", "display", "outline"})
    if unknown or "size" not in spec or spec.get("align", "left") not in ALIGNS:
        raise ValueError(f"kiểu '{name}': khóa không biết {unknown}" if unknown else
                         f"kiểu '{name}': cần 'size' và 'align' là một trong {', '.join(ALIGNS)}")
    numbers = {k: Decimal(str(spec[k])) for k in _NUMBERS if k in spec}
    flags = {k: bool(spec[k]) for k in _FLAGS if k in spec}
    outline = spec.get("outline", 0)
    if type(outline) is not int or not 0 <= outline <= 9:
        raise ValueError(f"kiểu '{name}': 'outline' là cấp đề mục từ 1 đến 9")
    return ParagraphStyle(name, align=spec.get("align", "left"), display=str(spec.get("display", name)),
                          outline=outline, **numbers, **flags)
