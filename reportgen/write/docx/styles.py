"""DOCX style definitions from the style sheet, and the paragraphs, runs and rules that use them."""

from __future__ import annotations

import math
from decimal import Decimal

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt, Twips
from lxml import etree

from reportgen.styles import ParagraphStyle, StyleSheet, style_sheet
from reportgen.tree.nodes import Emph, Inline, Num, Paragraph, Rule, Spacer, Strong, Text
from reportgen.write.inline import num_text

# The one style this writer adds to the sheet's: DOCX technique, not layout the PDF shares.
RULE_STYLE = "duong-ke"          # the empty paragraph that carries a rule (and a section break)
PAGE_NUMBER_STYLE = "trang"

_KEEP = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
_ALIGN = {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
          "right": WD_ALIGN_PARAGRAPH.RIGHT, "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}
JC = {"left": "left", "center": "center", "right": "right", "justify": "both"}

W_P, W_PPR, W_PSTYLE, W_JC, W_R, W_RPR, W_T = (
    qn(t) for t in ("w:p", "w:pPr", "w:pStyle", "w:jc", "w:r", "w:rPr", "w:t"))
W_VAL, XML_SPACE = qn("w:val"), "{http://www.w3.org/XML/1998/namespace}space"


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


# Paragraph-level elements --------------------------------------------------------------------

def add_blocks(parent, blocks, width_tw: int, keep_last: bool = False) -> None:
    """Paragraphs, rules and spacers of one container (page text width or cell) as w:p children of parent."""
    for index, block in enumerate(blocks):
        keep = keep_last and index == len(blocks) - 1
        if isinstance(block, Paragraph):
            add_paragraph(parent, block.style, block.content, keep_next=keep)
        elif isinstance(block, Rule):
            add_rule(parent, block.width_mm, width_tw)
        elif isinstance(block, Spacer):
            for _ in range(block.lines):
                add_paragraph(parent, "Normal", ())
        else:
            raise TypeError(f"khối {type(block).__name__} không đặt được trong đoạn văn")


def add_paragraph(parent, style: str, content: tuple[Inline, ...], align: str | None = None,
                  keep_next: bool = False):
    p = etree.SubElement(parent, W_P)
    ppr = etree.SubElement(p, W_PPR)
    if style != "Normal":
        etree.SubElement(ppr, W_PSTYLE).set(W_VAL, style)
    if keep_next:
        etree.SubElement(ppr, qn("w:keepNext"))
    if align:
        etree.SubElement(ppr, W_JC).set(W_VAL, JC[align])
    _runs(p, content, False, False)
    return p


def add_rule(parent, width_mm: Decimal, container_tw: int):
    """An empty paragraph whose bottom border is the rule, centred by equal indents inside its container."""
    p = add_paragraph(parent, RULE_STYLE, ())
    ppr = p.find(W_PPR)
    border = etree.SubElement(etree.SubElement(ppr, qn("w:pBdr")), qn("w:bottom"))
    size = eighths(style_sheet().tables.rule)
    for name, value in (("w:val", "single"), ("w:sz", size), ("w:space", "1"), ("w:color", "000000")):
        border.set(qn(name), value)
    side = max(0, (container_tw - twips(width_mm)) // 2)
    ind = etree.SubElement(ppr, qn("w:ind"))
    ind.set(qn("w:left"), str(side))
    ind.set(qn("w:right"), str(side))
    return p


def _runs(p, content: tuple[Inline, ...], bold: bool, italic: bool) -> None:
    for item in content:
        if isinstance(item, Text):
            _run(p, item.text, bold, italic)
        elif isinstance(item, Num):
            _run(p, num_text(item), bold, italic)
        elif isinstance(item, Strong):
            _runs(p, item.children, True, italic)
        elif isinstance(item, Emph):
            _runs(p, item.children, bold, True)


def _run(p, text: str, bold: bool, italic: bool) -> None:
    if not text:
        return
    r = etree.SubElement(p, W_R)
    if bold or italic:
        rpr = etree.SubElement(r, W_RPR)
        if bold:
            etree.SubElement(rpr, qn("w:b"))
        if italic:
            etree.SubElement(rpr, qn("w:i"))
    t = etree.SubElement(r, W_T)
    t.text = text
    t.set(XML_SPACE, "preserve")
