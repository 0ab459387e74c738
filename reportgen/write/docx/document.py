"""DOCX writer: the Document tree as an ND30 Word file (sections, page-number headers, reproducible bytes)."""

from __future__ import annotations

import datetime as _dt
import io
import zipfile
from collections.abc import Callable

import docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from reportgen.collector import collector_paused
from reportgen.styles import Page, StyleSheet, style_sheet
from reportgen.tree.nodes import Document, Layout, Rule, Section, Table
from reportgen.write.docx.styles import (PAGE_NUMBER_STYLE, RULE_STYLE, XML_SPACE, add_blocks, add_paragraph,
                                         define_styles, page_twips)
from reportgen.write.docx.rows import RowText
from reportgen.write.docx.table import add_data_table, add_layout_table

# Template parts that describe python-docx's blank sample rather than our document.
_DROPPED = ("/metadata/thumbnail", "/stylesWithEffects")
_DOCUMENT_PART = "word/document.xml"


def docx_bytes(document: Document) -> bytes:
    # Also when called on its own (bench, tests): the collector's passes over a large tree cost more than its rows.
    with collector_paused(freeze=False):
        return _docx_bytes(document)


def _docx_bytes(document: Document) -> bytes:
    sheet = style_sheet()
    word = docx.Document()
    _drop_template_extras(word)
    define_styles(word, sheet)
    rows_text = RowText()
    _write_body(word, document, sheet, rows_text)
    for docx_section in word.sections:
        _page_number_headers(docx_section)
    _core_properties(word, document)
    out = io.BytesIO()
    word.save(out)
    return _repack(out.getvalue(), document.date, {_DOCUMENT_PART: rows_text.fill})


# Body and sections -------------------------------------------------------------------------------

def _write_body(word, document: Document, sheet: StyleSheet, rows_text: RowText) -> None:
    body = word.element.body
    for child in list(body):
        body.remove(child)
    last = len(document.sections) - 1
    for index, section in enumerate(document.sections):
        page = sheet.pages[section.orientation]
        _write_section(body, section, _text_width(page), rows_text)
        sect_pr = _sect_pr(section, page)
        if index == last:
            body.append(sect_pr)
        else:
            # A section's properties ride on its last paragraph: a tiny empty one, as it may end with a table.
            add_paragraph(body, RULE_STYLE, ()).find(qn("w:pPr")).append(sect_pr)


def _text_width(page: Page) -> int:
    return page_twips(page.width) - page_twips(page.left) - page_twips(page.right)


def _write_section(body, section: Section, text_tw: int, rows_text: RowText) -> None:
    blocks = section.blocks
    for index, block in enumerate(blocks):
        previous = blocks[index - 1] if index else None
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        if isinstance(block, (Table, Layout)) and isinstance(previous, (Rule, Table, Layout)):
            # A gap: a rule would sit on the table's top border, and Word merges two tables that touch.
            add_paragraph(body, RULE_STYLE, ())
        if isinstance(block, Table):
            add_data_table(body, block, text_tw, rows_text)
        elif isinstance(block, Layout):
            add_layout_table(body, block)
        else:
            keep = isinstance(following, Layout) and following.role == "signature"
            add_blocks(body, (block,), text_tw, keep_last=keep)


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
        p = add_paragraph(element, PAGE_NUMBER_STYLE, ())
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


def _core_properties(word, document: Document) -> None:
    stamp = _dt.datetime.combine(document.date, _dt.time())
    props = word.core_properties
    props.title, props.author, props.subject = document.title, document.author, document.subject
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
