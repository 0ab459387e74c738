"""DOCX style definitions from the style sheet (styles.xml, built with python-docx), and the units of measure."""

from __future__ import annotations

import math
from decimal import Decimal

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Pt

from reportgen.styles import ParagraphStyle, StyleSheet
from reportgen.write.docx.xml import JC as _JC, attribute

# The one style this writer adds to the sheet's: DOCX technique, not layout the PDF shares.
RULE_STYLE = "duong-ke"          # the empty paragraph that carries a rule (and a section break)
PAGE_NUMBER_STYLE = "trang"

_KEEP = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
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

BODY_STYLE = "body"
_RULE_DISPLAY = "Đường kẻ"


def define_styles(document, sheet: StyleSheet) -> None:
    """Replaces the template's styles with the sheet's, as a chain: "Nội dung" holds the font and the size, every
    other style is based on it and says only what differs (Word: change the body size once, the rest follows)."""
    root = document.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in _KEEP:
            root.remove(style)
    _doc_defaults(root, sheet)
    _quiet_gallery(root)
    normal = document.styles["Normal"]
    _set_fonts(normal.element.get_or_add_rPr(), sheet.font)
    normal.font.size = Pt(_default_size(sheet))
    body = sheet.paragraphs[BODY_STYLE]
    specs = _all_styles(sheet)
    order = {spec.name: rank for rank, spec in enumerate((s for s in specs if s.gallery), start=1)}
    for spec in specs:
        root.append(parse_xml(_style_xml(spec, None if spec is body else body, sheet.font, order.get(spec.name))))


def _default_size(sheet: StyleSheet) -> float:
    return float(sheet.default_size)


def _all_styles(sheet: StyleSheet) -> list[ParagraphStyle]:
    specs = list(sheet.paragraphs.values())
    # A 6 pt mark: the rule sits a hair under the text above it (1 pt touches descenders in LibreOffice).
    # It keeps with next: a rule belongs to the title above it and to what follows.
    specs.append(ParagraphStyle(RULE_STYLE, Decimal(6), keep_with_next=True, display=_RULE_DISPLAY))
    return specs


def _quiet_gallery(root) -> None:
    """Word's latent styles (Heading 1, Title, Quote …) leave the Quick Style gallery to the sheet's; Normal too."""
    latent = root.find(qn("w:latentStyles"))
    if latent is not None:
        for exception in latent.findall(qn("w:lsdException")):
            if exception.get(qn("w:qFormat")) is not None:
                exception.set(qn("w:qFormat"), "0")
    normal = root.find(f"{qn('w:style')}[@{qn('w:styleId')}='Normal']")
    for q_format in normal.findall(qn("w:qFormat")):
        normal.remove(q_format)


def _style_xml(spec: ParagraphStyle, base: ParagraphStyle | None, font: str, gallery_rank: int | None) -> str:
    """A paragraph style as WordprocessingML (schema order), with only what differs from `base` (None: all)."""
    head = [f'<w:name w:val="{attribute(spec.display or spec.name)}"/>',
            f'<w:basedOn w:val="{attribute(base.name) if base else "Normal"}"/>']
    if base is None or spec.outline:
        head.append(f'<w:next w:val="{BODY_STYLE}"/>')  # Enter after a heading (or in the body) types body text
    if gallery_rank is not None:
        head.append(f'<w:uiPriority w:val="{gallery_rank}"/><w:qFormat/>')
    else:  # as Word marks its own seldom-used styles: out of the gallery and the recommended list
        head.append('<w:uiPriority w:val="99"/><w:semiHidden/>')
    return (f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{attribute(spec.name)}">'
            f'{"".join(head)}<w:pPr>{_paragraph_properties(spec, base)}</w:pPr>'
            f'<w:rPr>{_run_properties(spec, base, font)}</w:rPr></w:style>')


def _differs(spec: ParagraphStyle, base: ParagraphStyle | None, *names: str) -> bool:
    return base is None or any(getattr(spec, name) != getattr(base, name) for name in names)


def _flag(tag: str, on: bool, base_on: bool) -> str:
    """A toggle written only where it changes what the base says."""
    if on == base_on:
        return ""
    return f"<w:{tag}/>" if on else f'<w:{tag} w:val="0"/>'


def _paragraph_properties(spec: ParagraphStyle, base: ParagraphStyle | None) -> str:
    parts = [_flag("keepNext", spec.keep_with_next, bool(base and base.keep_with_next)),
             _flag("keepLines", spec.keep_together, bool(base and base.keep_together))]
    spacing = []
    if _differs(spec, base, "before"):
        spacing.append(f'w:before="{round(spec.before * 20)}"')
    if _differs(spec, base, "after"):
        spacing.append(f'w:after="{round(spec.after * 20)}"')
    if _differs(spec, base, "line"):
        spacing.append(f'w:line="{round(spec.line * 240)}" w:lineRule="auto"')
    if spacing:
        parts.append(f'<w:spacing {" ".join(spacing)}/>')
    if _differs(spec, base, "first_line", "hanging"):
        if spec.hanging:
            parts.append(f'<w:ind w:left="{twips(spec.hanging)}" w:hanging="{twips(spec.hanging)}"/>')
        else:
            parts.append(f'<w:ind w:left="0" w:firstLine="{twips(spec.first_line)}"/>')
    if _differs(spec, base, "align"):
        parts.append(f'<w:jc w:val="{_JC[spec.align]}"/>')
    if spec.outline:
        parts.append(f'<w:outlineLvl w:val="{spec.outline - 1}"/>')
    return "".join(parts)


def _run_properties(spec: ParagraphStyle, base: ParagraphStyle | None, font: str) -> str:
    parts = []
    if base is None:  # the one style that names the font: explicit on every script, no theme font over it
        parts.append(fonts_xml(font))
    parts += [_flag("b", spec.bold, bool(base and base.bold)), _flag("i", spec.italic, bool(base and base.italic))]
    if _differs(spec, base, "size"):
        half_points = round(spec.size * 2)
        parts.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    return "".join(parts)
def _doc_defaults(root, sheet: StyleSheet) -> None:
    size = str(int(_default_size(sheet) * 2))
    defaults = parse_xml(
        f'<w:docDefaults {nsdecls("w")}><w:rPrDefault><w:rPr>{fonts_xml(sheet.font)}'
        f'<w:color w:val="000000"/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/>'
        '<w:lang w:val="vi-VN" w:eastAsia="vi-VN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>'
        '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>'
        '</w:docDefaults>')
    old = root.find(qn("w:docDefaults"))
    if old is not None:
        root.remove(old)
    root.insert(0, defaults)


def fonts_xml(font: str) -> str:
    """<w:rFonts>: explicit names on every script, and no theme attribute (a theme font would override them)."""
    name = attribute(font)
    return f'<w:rFonts w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'


def _set_fonts(rpr, font: str) -> None:
    """The template's Normal names theme fonts: its <w:rFonts> replaced in place by ours (parsed from fonts_xml)."""
    rfonts = parse_xml(f'<w:rPr {nsdecls("w")}>{fonts_xml(font)}</w:rPr>')[0]
    old = rpr.find(qn("w:rFonts"))
    if old is None:
        rpr.insert(0, rfonts)
    else:
        rpr.replace(old, rfonts)


