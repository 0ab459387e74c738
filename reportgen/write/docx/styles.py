"""DOCX style definitions from the style sheet (styles.xml, built with python-docx), and the units of measure."""

from __future__ import annotations

import math
from decimal import Decimal

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
from lxml import etree

from reportgen.styles import ParagraphStyle, StyleSheet

# The one style this writer adds to the sheet's: DOCX technique, not layout the PDF shares.
RULE_STYLE = "duong-ke"          # the empty paragraph that carries a rule (and a section break)
PAGE_NUMBER_STYLE = "trang"

_KEEP = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def twips(mm: Decimal) -> int:
    return round(Decimal(mm) * 1440 / Decimal("25.4"))


def eighths(points: Decimal) -> str:
    """A line width as DOCX writes it, in eighths of a point (0,75 pt → "6")."""
    return str(round(Decimal(points) * 8))


def page_twips(mm: Decimal) -> int:
    """Page sizes and margins round up: 15 mm is 850,4 tw, and 850 would sit below ND30's 15 mm minimum."""
    return math.ceil(Decimal(mm) * 1440 / Decimal("25.4"))


# Style definitions ---------------------------------------------------------------------------

def define_styles(document, sheet: StyleSheet) -> None:
    """Replaces the template's styles with the sheet's: Times New Roman 14 black by default."""
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEEP:
            root.remove(style)
    _doc_defaults(root, sheet)
    normal = document.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), sheet.font)
    normal.font.size = Pt(_default_size(sheet))
    for spec in _all_styles(sheet):
        _add_style(document, spec)


def _default_size(sheet: StyleSheet) -> float:
    return float(sheet.default_size)


def _all_styles(sheet: StyleSheet) -> list[ParagraphStyle]:
    specs = list(sheet.paragraphs.values())
    # A 6 pt mark: the rule sits a hair under the text above it (1 pt touches descenders in LibreOffice).
    # It keeps with next: a rule belongs to the title above it and to what follows.
    specs.append(ParagraphStyle(RULE_STYLE, Decimal(6), keep_with_next=True))
    return specs


def _doc_defaults(root, sheet: StyleSheet) -> None:
    size = str(int(_default_size(sheet) * 2))
    defaults = parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr><w:rFonts/>'
        f'<w:color w:val="000000"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>')
    _fonts(defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}"), sheet.font)
    old = root.find(qn("w:docDefaults"))
    if old is not None:
        root.remove(old)
    root.insert(0, defaults)


def _fonts(rpr, font: str) -> None:
    """Explicit names on every script, and no theme attribute: a theme font would override them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = etree.SubElement(rpr, qn("w:rFonts"))
        rpr.insert(0, rfonts)
    for name in list(rfonts.attrib):
        del rfonts.attrib[name]
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        rfonts.set(qn(attr), font)


def _add_style(document, spec: ParagraphStyle) -> None:
    style = document.styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    style.font.size = Pt(float(spec.size))
    style.font.bold = spec.bold or None
    style.font.italic = spec.italic or None
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[spec.align]
    fmt.first_line_indent = Twips(twips(spec.first_line)) if spec.first_line else None
    if spec.hanging:
        fmt.left_indent, fmt.first_line_indent = Twips(twips(spec.hanging)), Twips(-twips(spec.hanging))
    fmt.space_before = Pt(float(spec.before))
    fmt.space_after = Pt(float(spec.after))
    fmt.line_spacing = float(spec.line)
    fmt.keep_with_next = True if spec.keep_with_next else None
    fmt.keep_together = True if spec.keep_together else None
