"""DOCX writer: the Document tree as an ND30 Word file (sections, page-number headers, reproducible bytes)."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from collections.abc import Callable

import docx
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from lxml import etree

from reportgen.collector import collector_paused
from reportgen.styles import Page, StyleSheet
from reportgen.tree.nodes import Document, Emph, Layout, Num, Paragraph, Rule, Section, Spacer, Strong, Table, Text
from reportgen.tree.visitor import SkipNode, Visitor
from reportgen.write.docx import xml
from reportgen.write.docx.styles import PAGE_NUMBER_STYLE, RULE_STYLE, XML_SPACE, define_styles, eighths, page_twips, twips
from reportgen.write.docx.table import data_table, layout_table
from reportgen.write.docx.xml import TextMarks
from reportgen.write.inline import num_text
from reportgen.write.options import WriterOptions

# Template parts that describe python-docx's blank sample rather than our document.
_DROPPED = ("/metadata/thumbnail", "/stylesWithEffects")
_DOCUMENT_PART = "word/document.xml"


def docx_bytes(document: Document, options: WriterOptions) -> bytes:
    # Also when called on its own (bench, tests): the collector's passes over a large tree cost more than its rows.
    with collector_paused(freeze=False):
        return _docx_bytes(document, options.sheet)


def _docx_bytes(document: Document, sheet: StyleSheet) -> bytes:
    word = docx.Document()
    _drop_template_extras(word)
    define_styles(word, sheet)
    marks = TextMarks()
    DocxWriter(word.element.body, sheet, marks).walk(document)
    for docx_section in word.sections:
        _page_number_headers(docx_section)
    _core_properties(word, document)
    out = io.BytesIO()
    word.save(out)
    return _repack(out.getvalue(), document.date, {_DOCUMENT_PART: marks.fill})


class DocxWriter(Visitor):
    """The body: each section's blocks as WordprocessingML text (write/docx/xml.py), then its section properties."""

    def __init__(self, body, sheet: StyleSheet, marks: TextMarks) -> None:
        self.body, self.sheet, self.marks = body, sheet, marks
        self.out: list[str] = []          # where the text of the block being written goes
        self.width_tw = 0                 # the text width of the container: a rule is centred in it
        self.keep_next = False            # the paragraph being written keeps with the next (signature below)
        self.bold = self.italic = 0       # inside how many Strong / Emph

    def visit_document(self, document: Document) -> None:
        for child in list(self.body):
            self.body.remove(child)
        self.last = document.sections[-1] if document.sections else None

    def visit_section(self, section: Section) -> None:
        page = self.sheet.pages[section.orientation]
        out: list[str] = []
        self._section_blocks(out, section.blocks, _text_width(page))
        self.marks.mark(self.body, out)
        sect_pr = _sect_pr(section, page)
        if section is self.last:
            self.body.append(sect_pr)
        else:
            # A section's properties ride on its last paragraph: a tiny empty one, as it may end with a table.
            _bare_paragraph(self.body, RULE_STYLE).find(qn("w:pPr")).append(sect_pr)
        raise SkipNode  # its blocks are walked above, each knowing its neighbours

    def _section_blocks(self, out: list[str], blocks, text_tw: int) -> None:
        for index, block in enumerate(blocks):
            previous = blocks[index - 1] if index else None
            following = blocks[index + 1] if index + 1 < len(blocks) else None
            if isinstance(block, (Table, Layout)) and isinstance(previous, (Rule, Table, Layout)):
                # A gap: a rule would sit on the table's top border, and Word merges two tables that touch.
                out.append(xml.empty_paragraph(RULE_STYLE))
            keep = isinstance(following, Layout) and following.role == "signature"
            self._block(out, block, text_tw, keep)

    def blocks(self, out: list[str], blocks, width_tw: int) -> None:
        """Appends to `out` the blocks of a layout cell `width_tw` wide (layout_table)."""
        outer = self.out, self.width_tw, self.keep_next
        for block in blocks:
            self._block(out, block, width_tw, False)
        self.out, self.width_tw, self.keep_next = outer

    def runs(self, out: list[str], content) -> None:
        """Appends to `out` the runs of a table cell's inlines (RowWriter)."""
        outer, self.out = self.out, out
        self.walk_all(content)
        self.out = outer

    def _block(self, out: list[str], block, width_tw: int, keep_next: bool) -> None:
        self.out, self.width_tw, self.keep_next = out, width_tw, keep_next
        self.walk(block)

    def visit_paragraph(self, paragraph: Paragraph) -> None:
        self.out.append(xml.paragraph_opening(paragraph.style, keep_next=self.keep_next))

    def depart_paragraph(self, paragraph: Paragraph) -> None:
        self.out.append("</w:p>")

    def visit_rule(self, rule: Rule) -> None:
        """An empty paragraph whose bottom border is the rule, centred by equal indents inside its container."""
        side = max(0, (self.width_tw - twips(rule.width_mm)) // 2)
        border = (f'<w:pBdr><w:bottom w:val="single" w:sz="{eighths(self.sheet.tables.rule)}" w:space="1" '
                  f'w:color="000000"/></w:pBdr><w:ind w:left="{side}" w:right="{side}"/>')
        self.out.append(xml.empty_paragraph(RULE_STYLE, border))

    def visit_spacer(self, spacer: Spacer) -> None:
        self.out.extend(xml.empty_paragraph() for _ in range(spacer.lines))

    def visit_table(self, table: Table) -> None:
        data_table(self.out, table, self.width_tw, self.sheet, self.runs)
        raise SkipNode  # its rows are placed on the grid by data_table

    def visit_layout(self, layout: Layout) -> None:
        layout_table(self.out, layout, self.sheet, self.blocks)
        raise SkipNode  # its cells' blocks are walked by layout_table through blocks()

    # Inlines: runs, bold and italic as the Strong and Emph around them say.

    def visit_text(self, text: Text) -> None:
        self.out.append(xml.run(xml.escape(text.text), self.bold > 0, self.italic > 0))

    def visit_num(self, num: Num) -> None:
        # Digits, dots, commas, %, Roman letters: nothing to escape.
        self.out.append(xml.run(num_text(num), self.bold > 0, self.italic > 0))

    def visit_strong(self, strong: Strong) -> None:
        self.bold += 1

    def depart_strong(self, strong: Strong) -> None:
        self.bold -= 1

    def visit_emph(self, emph: Emph) -> None:
        self.italic += 1

    def depart_emph(self, emph: Emph) -> None:
        self.italic -= 1


def _text_width(page: Page) -> int:
    return page_twips(page.width) - page_twips(page.left) - page_twips(page.right)


def _bare_paragraph(parent, style: str):
    """An empty paragraph as an element (the one carrying a section's properties, the page-number header's):
    xml.empty_paragraph's text, parsed, so that the body's emitter stays the one that writes it."""
    p = parse_xml(f"<w:body {nsdecls('w')}>{xml.empty_paragraph(style)}</w:body>")[0]
    parent.append(p)
    return p


def _sect_pr(section: Section, page: Page):
    sect_pr = OxmlElement("w:sectPr")
    etree.SubElement(sect_pr, qn("w:type")).set(qn("w:val"), "nextPage")
    size = etree.SubElement(sect_pr, qn("w:pgSz"))
    size.set(qn("w:w"), str(page_twips(page.width)))
    size.set(qn("w:h"), str(page_twips(page.height)))
    if section.orientation == "landscape":
        size.set(qn("w:orient"), "landscape")
    margins = etree.SubElement(sect_pr, qn("w:pgMar"))
    for name, mm in (("top", page.top), ("right", page.right), ("bottom", page.bottom), ("left", page.left),
                     ("header", page.header), ("footer", page.header), ("gutter", 0)):
        margins.set(qn(f"w:{name}"), str(page_twips(mm)))
    if section.restart_numbering:
        etree.SubElement(sect_pr, qn("w:pgNumType")).set(qn("w:start"), "1")
    etree.SubElement(sect_pr, qn("w:titlePg"))
    return sect_pr


# Page numbers ------------------------------------------------------------------------------------

def _page_number_headers(docx_section) -> None:
    """Every section defines both headers: a centred PAGE field, and an empty one for its first page (titlePg)."""
    for header, numbered in ((docx_section.header, True), (docx_section.first_page_header, False)):
        header.is_linked_to_previous = False
        element = header._element
        for child in list(element):
            element.remove(child)
        p = _bare_paragraph(element, PAGE_NUMBER_STYLE)
        if numbered:
            _page_field(p)


def _page_field(p) -> None:
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "2"), ("end", None)):
        run = etree.SubElement(p, qn("w:r"))
        if kind == "instr":
            etree.SubElement(run, qn("w:instrText"), {XML_SPACE: "preserve"}).text = text
        elif kind == "text":
            etree.SubElement(run, qn("w:t")).text = text
        else:
            etree.SubElement(run, qn("w:fldChar")).set(qn("w:fldCharType"), kind)


# Package -----------------------------------------------------------------------------------------

def _drop_template_extras(word) -> None:
    for owner in (word.part.package, word.part):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.endswith(_DROPPED):
                del owner.rels[rid]


# A core property holds at most 255 characters (python-docx refuses more; Word shows them in File > Info only):
# a long subject is cut there, the document itself prints it whole.
_PROPERTY_LIMIT = 255


def _property(text: str) -> str:
    return text if len(text) <= _PROPERTY_LIMIT else text[:_PROPERTY_LIMIT - 1].rstrip() + "…"


def _core_properties(word, document: Document) -> None:
    stamp = _dt.datetime.combine(document.date, _dt.time())
    props = word.core_properties
    props.title, props.author, props.subject = (_property(document.title), _property(document.author),
                                                _property(document.subject))
    props.comments, props.keywords, props.category = "", "", ""
    props.language = "vi-VN"
    props.created = props.modified = stamp
    props.last_modified_by = "reportgen"
    props.revision = 1


def _repack(data: bytes, date: _dt.date, fill: dict[str, Callable[[bytes], bytes]]) -> bytes:
    """Same members (passed through fill by name), fixed order and timestamps: the same tree gives the same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=(date.year, date.month, date.day, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            content = source.read(name)
            target.writestr(info, fill[name](content) if name in fill else content)
    return out.getvalue()
