"""DOCX writer: the sample plan opened with python-docx and read as XML, laid out to ND30 (shared/nd30.md §5)."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import unicodedata
import zipfile
from collections import Counter
from decimal import Decimal

import docx
import pytest
from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from lxml import etree

from reportgen.pipeline import check_folder
from reportgen.tree import nodes as n
from reportgen.write.docx.document import docx_bytes
from tests.conftest import OPTIONS, SAMPLE, SHEET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
TNR = "Times New Roman"
DATE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
NUMBER = re.compile(r"^Số: (0[1-9]|[1-9]\d+)/[A-ZĐ]+(-[A-ZĐ0-9]+)+$")
KEM_THEO = ("(Kèm theo Kế hoạch số 552/KH-BCĐ ngày 17/02/2020 của Ban Chỉ đạo các Chương trình MTQG "
            "tỉnh Bắc Giang)")
PORTRAIT_TEXT_TW, LANDSCAPE_TEXT_TW = 11906 - 1701 - 851, 16838 - 1701 - 851


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def twips(mm) -> int:
    return round(Decimal(mm) * 1440 / Decimal("25.4"))


_TEXTS = etree.XPath(".//w:t/text()", namespaces=NS)
_FIELDS = etree.XPath(".//w:fldChar|.//w:fldSimple|.//w:instrText", namespaces=NS)


def text(element) -> str:
    return "".join(_TEXTS(element))


def attr(element, path: str, name: str = "val"):
    found = element.find(path, NS)
    return None if found is None else found.get(q(name))


@pytest.fixture(scope="session")
def data(sample_document) -> bytes:
    return docx_bytes(sample_document, OPTIONS)


@pytest.fixture(scope="session")
def word(data):
    return docx.Document(io.BytesIO(data))


@pytest.fixture(scope="session")
def plan():
    return check_folder(SAMPLE).plan


@pytest.fixture(scope="session")
def sections(word) -> list[list]:
    """Body children (w:p, w:tbl) per DOCX section: a section ends at the paragraph holding its sectPr."""
    found, current = [], []
    for child in word.element.body:
        if child.tag == q("sectPr"):
            found.append(current)
            break
        current.append(child)
        if child.find("w:pPr/w:sectPr", NS) is not None:
            found.append(current)
            current = []
    return found


@pytest.fixture(scope="session")
def styles(word) -> dict:
    return {style.style_id: style for style in word.styles}


def paragraphs(elements) -> list:
    return [p for el in elements for p in ([el] if el.tag == q("p") else el.iter(q("p")))]


def find(elements, wanted: str):
    return next(p for p in paragraphs(elements) if text(p) == wanted)


def resolved(style, read):
    """A property as Word resolves it: the style's own, else its base's, up the basedOn chain (None at the end)."""
    while style is not None:
        value = read(style)
        if value is not None:
            return value
        style = style.base_style
    return None


def look(styles, p) -> dict:
    """Size, bold, italic and alignment as the paragraph's style resolves them (runs carry no size)."""
    style = styles[attr(p, "w:pPr/w:pStyle")]
    own_jc = attr(p, "w:pPr/w:jc")
    return {"size": resolved(style, lambda s: s.font.size).pt, "bold": bool(resolved(style, lambda s: s.font.bold)),
            "italic": bool(resolved(style, lambda s: s.font.italic)),
            "align": own_jc or resolved(style, lambda s: attr(s.element, "w:pPr/w:jc"))}


def tables(elements, bordered: bool) -> list:
    return [el for el in elements if el.tag == q("tbl")
            and (attr(el, "w:tblPr/w:tblBorders/w:top") != "none") == bordered]


def annex_section(sections, label: str) -> list:
    return next(s for s in sections[1:] if text(paragraphs(s)[0]) == label)


# Pages and sections ------------------------------------------------------------------------------

def test_one_section_per_tree_section_portrait_body_then_landscape_annexes(word, sections, sample_document):
    assert len(word.sections) == len(sections) == len(sample_document.sections) == 5
    for docx_section, tree_section, elements in zip(word.sections, sample_document.sections, sections):
        size = docx_section._sectPr.find(q("pgSz"))
        margins = docx_section._sectPr.find(q("pgMar"))
        if tree_section.orientation == "portrait":
            assert (size.get(q("w")), size.get(q("h")), size.get(q("orient"))) == ("11906", "16838", None)
        else:
            assert (size.get(q("w")), size.get(q("h")), size.get(q("orient"))) == ("16838", "11906", "landscape")
            assert docx_section.start_type == WD_SECTION.NEW_PAGE
            assert text(paragraphs(elements)[0]).startswith("Biểu 0")
        assert {k: margins.get(q(k)) for k in ("top", "bottom", "left", "right", "header")} == {
            "top": "1134", "bottom": "1134", "left": "1701", "right": "851", "header": "567"}
    assert [text(paragraphs(s)[0]) for s in sections[1:]] == ["Biểu 01", "Biểu 03", "Biểu 04", "Biểu 05"]


def test_page_numbers_in_a_centred_page_field_hidden_on_each_first_page(word, styles, sample_document):
    for docx_section, tree_section in zip(word.sections, sample_document.sections):
        assert docx_section._sectPr.find(q("titlePg")) is not None
        header, first = docx_section.header, docx_section.first_page_header
        assert not header.is_linked_to_previous and not first.is_linked_to_previous
        xml = header._element
        instructions = "".join(i.text for i in xml.iter(q("instrText")))
        simple = [f.get(q("instr")) for f in xml.iter(q("fldSimple"))]
        assert instructions.strip() == "PAGE" or [i.strip() for i in simple] == ["PAGE"]
        assert [f.get(q("fldCharType")) for f in xml.iter(q("fldChar"))] in (["begin", "separate", "end"], [])
        [p] = header._element.findall(q("p"))
        assert look(styles, p)["align"] == "center"
        assert look(styles, p)["size"] == float(SHEET.page_number_size)
        assert text(first._element) == "" and not _FIELDS(first._element)
        start = attr(docx_section._sectPr, "w:pgNumType", "start")
        assert start == ("1" if tree_section.restart_numbering else None)
    assert [s.restart_numbering for s in sample_document.sections] == [False, True, True, True, True]


# Fonts and styles --------------------------------------------------------------------------------

def test_times_new_roman_black_14_by_default_and_no_other_font(data, styles):
    package = zipfile.ZipFile(io.BytesIO(data))
    styles_xml = docx.oxml.parse_xml(package.read("word/styles.xml"))
    fonts = styles_xml.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
    assert dict(fonts.attrib) == {q(k): TNR for k in ("ascii", "hAnsi", "eastAsia", "cs")}
    assert attr(styles_xml, "w:docDefaults/w:rPrDefault/w:rPr/w:sz") == "28"
    assert attr(styles_xml, "w:docDefaults/w:rPrDefault/w:rPr/w:color") == "000000"
    assert styles["Normal"].font.name == TNR
    parts = [name for name in package.namelist() if re.fullmatch(r"word/(document|styles|header\d+)\.xml", name)]
    for name in parts:
        root = docx.oxml.parse_xml(package.read(name))
        for element in root.iter(q("rFonts")):
            assert set(element.attrib.values()) == {TNR}, name
        assert {c.get(q("val")) for c in root.iter(q("color"))} <= {"000000", "auto"}, name


def test_runs_set_no_size_font_or_colour_only_strong_and_emph(word):
    for run_props in word.element.body.iter(q("rPr")):
        assert {child.tag for child in run_props} <= {q("b"), q("i")}


@pytest.mark.parametrize("name", sorted(SHEET.paragraphs))
def test_every_sheet_style_is_a_docx_paragraph_style(styles, name):
    """Each measure as Word resolves it through the basedOn chain (docDefaults: single line, 0 pt after)."""
    spec, style = SHEET.paragraphs[name], styles[name]
    assert style.style_id == name and style.name == spec.display
    assert style.base_style.style_id == ("Normal" if name == "body" else "body")

    def fmt(read):
        return resolved(style, lambda s: read(s.paragraph_format))
    assert (resolved(style, lambda s: s.font.size).pt, bool(resolved(style, lambda s: s.font.bold)),
            bool(resolved(style, lambda s: s.font.italic))) == (float(spec.size), spec.bold, spec.italic)
    assert fmt(lambda f: f.alignment) == {"left": WD_ALIGN_PARAGRAPH.LEFT, "center": WD_ALIGN_PARAGRAPH.CENTER,
                                          "right": WD_ALIGN_PARAGRAPH.RIGHT,
                                          "justify": WD_ALIGN_PARAGRAPH.JUSTIFY}[spec.align]
    indent = -twips(spec.hanging) if spec.hanging else twips(spec.first_line)
    assert (fmt(lambda f: f.first_line_indent) or docx.shared.Twips(0)).twips == indent
    assert (fmt(lambda f: f.left_indent) or docx.shared.Twips(0)).twips == twips(spec.hanging)
    assert (fmt(lambda f: f.space_before).pt, (fmt(lambda f: f.space_after) or docx.shared.Pt(0)).pt) == (
        float(spec.before), float(spec.after))
    assert (resolved(style, lambda s: attr(s.element, "w:pPr/w:spacing", "line")) or "240") == str(
        round(240 * spec.line))
    assert bool(fmt(lambda f: f.keep_with_next)) == spec.keep_with_next
    assert bool(fmt(lambda f: f.keep_together)) == spec.keep_together


@pytest.mark.parametrize("wanted, size, bold, italic, align", [
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, True, False, "center"),
    ("Độc lập - Tự do - Hạnh phúc", 14, True, False, "center"),
    ("BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG", 13, True, False, "center"),
    ("Số: 552/KH-BCĐ", 13, False, False, "center"),
    ("Bắc Giang, ngày 17 tháng 02 năm 2020", 14, False, True, "center"),
    ("KẾ HOẠCH", 14, True, False, "center"),
    ("Nơi nhận:", 12, True, True, "left"),
    ("- Lưu: VT, NN Thăng.", 11, False, False, "left"),
    ("TRƯỞNG BAN", 14, True, False, "center"),
    ("CHỦ TỊCH UBND TỈNH", 14, True, False, "center"),
    ("Dương Văn Thái", 14, True, False, "center"),
])
def test_elements_have_their_nd30_size_and_face(sections, styles, wanted, size, bold, italic, align):
    assert look(styles, find(sections[0], wanted)) == {"size": size, "bold": bold, "italic": italic, "align": align}


def test_body_paragraphs_justified_indented_spaced(sections, styles):
    body = [p for p in sections[0] if p.tag == q("p") and attr(p, "w:pPr/w:pStyle") in ("body", "muc", "khoan")]
    assert len(body) > 30
    for p in body:
        style = styles[attr(p, "w:pPr/w:pStyle")]
        assert look(styles, p)["align"] == "both"
        assert resolved(style, lambda s: attr(s.element, "w:pPr/w:ind", "firstLine")) == "567"
        assert int(resolved(style, lambda s: attr(s.element, "w:pPr/w:spacing", "before"))) >= 120
        assert 240 <= int(resolved(style, lambda s: attr(s.element, "w:pPr/w:spacing", "line"))) <= 360
    for p in body:
        if attr(p, "w:pPr/w:pStyle") in ("muc", "khoan"):
            assert look(styles, p)["bold"] and styles[attr(p, "w:pPr/w:pStyle")].paragraph_format.keep_with_next
    for p in (p for p in sections[0] if p.tag == q("p") and attr(p, "w:pPr/w:pStyle") == "can-cu"):
        assert look(styles, p)["italic"] and look(styles, p)["align"] == "both"


def test_subject_follows_the_title_bold_centred_then_a_rule(sections, styles):
    items = [el for el in sections[0] if el.tag == q("p")]
    title = items.index(find(sections[0], "KẾ HOẠCH"))
    subject, rule = items[title + 1], items[title + 2]
    assert text(subject).startswith("Triển khai thực hiện Chương trình")
    assert look(styles, subject) == {"size": 14, "bold": True, "italic": False, "align": "center"}
    assert rule.find("w:pPr/w:pBdr/w:bottom", NS) is not None and text(rule) == ""


# Header, rules, signature ------------------------------------------------------------------------

def test_header_block_is_a_fixed_borderless_two_by_two_table(sections):
    table = sections[0][0]
    assert table.tag == q("tbl")
    edges = table.find("w:tblPr/w:tblBorders", NS)
    assert len(edges) == 6 and {e.get(q("val")) for e in edges} == {"none"}
    assert attr(table, "w:tblPr/w:tblLayout", "type") == "fixed"
    grid = [int(c.get(q("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS)]
    assert grid == [twips(65), twips(100)] and sum(grid) == PORTRAIT_TEXT_TW
    rows = table.findall(q("tr"))
    assert len(rows) == 2
    for row in rows:
        assert [int(attr(tc, "w:tcPr/w:tcW", "w")) for tc in row.findall(q("tc"))] == grid
    number, date = (text(tc) for tc in rows[1].findall(q("tc")))
    assert NUMBER.match(number) and DATE.match(date)
    assert "BAN CHỈ ĐẠO" in text(rows[0]) and "CỘNG HÒA" in text(rows[0])


def _rules(blocks, container_mm):
    """(rule length, container width) in document order, as the tree places them."""
    for block in blocks:
        if isinstance(block, n.Rule):
            yield block.width_mm, container_mm
        elif isinstance(block, n.Layout):
            for cells in block.rows:
                for width, cell in zip(block.widths_mm, cells):
                    yield from _rules(cell, width)


def test_rules_are_bottom_borders_centred_in_their_cell_or_page(word, styles, sample_document):
    sheet = SHEET
    expected = [rule for s in sample_document.sections
                for rule in _rules(s.blocks, sheet.pages[s.orientation].text_width)]
    found = [p for p in word.element.body.iter(q("p")) if p.find("w:pPr/w:pBdr", NS) is not None]
    assert len(found) == len(expected) and expected
    rule_size = str(round(sheet.tables.rule * 8))           # eighths of a point
    padding = twips(sheet.tables.layout_padding)
    page_widths = {sheet.pages[o].text_width: tw for o, tw in (("portrait", PORTRAIT_TEXT_TW),
                                                               ("landscape", LANDSCAPE_TEXT_TW))}
    for p, (length, container) in zip(found, expected):
        bottom = p.find("w:pPr/w:pBdr/w:bottom", NS)
        assert (bottom.get(q("val")), bottom.get(q("sz"))) == ("single", rule_size) and text(p) == ""
        left, right = int(attr(p, "w:pPr/w:ind", "left")), int(attr(p, "w:pPr/w:ind", "right"))
        in_cell = p.getparent().tag == q("tc")
        inner = (int(attr(p.getparent(), "w:tcPr/w:tcW", "w")) - 2 * padding) if in_cell else page_widths[container]
        assert left == right and abs(inner - 2 * left - twips(length)) <= 1
        assert not in_cell or twips(container) == int(attr(p.getparent(), "w:tcPr/w:tcW", "w"))
    rule_style = styles["duong-ke"]
    assert rule_style.font.size.pt <= 6 and rule_style.paragraph_format.space_before.pt == 0


def test_signature_block_stays_on_one_page(sections, styles, sample_document, plan):
    table = next(t for t in tables(sections[0], bordered=False) if "Nơi nhận:" in text(t))
    assert attr(table, "w:tblPr/w:tblLayout", "type") == "fixed"
    assert {e.get(q("val")) for e in table.find("w:tblPr/w:tblBorders", NS)} == {"none"}
    assert [int(c.get(q("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS)] == [twips(60), twips(105)]
    [row] = table.findall(q("tr"))
    assert row.find("w:trPr/w:cantSplit", NS) is not None
    left, right = row.findall(q("tc"))
    items = [text(p) for p in left.findall(q("p"))]
    # One line per recipient, and one more for a recipient with "+ ..." items under it (as the seed prints it).
    recipients = sum(2 if r.items else 1 for r in plan.meta.recipients)
    assert items[0] == "Nơi nhận:" and len(items) == 1 + recipients + 1  # heading, lines, "- Lưu: ..."
    assert all(i.startswith(("- ", "+ ")) for i in items[1:]) and items[-1].startswith("- Lưu: ")
    assert all(look(styles, p)["size"] == 11 for p in left.findall(q("p"))[1:])
    spacer = next(b for b in sample_document.sections[0].blocks[-1].rows[0][1] if isinstance(b, n.Spacer))
    assert [text(p) for p in right.findall(q("p"))] == (
        ["TRƯỞNG BAN"] + [""] * spacer.lines + ["CHỦ TỊCH UBND TỈNH", "Dương Văn Thái"])
    before = table.getprevious()
    assert before.find("w:pPr/w:keepNext", NS) is not None and text(before).endswith("./.")


# Data tables -------------------------------------------------------------------------------------

def test_data_tables_fixed_bordered_with_repeated_headers_and_rows_that_do_not_split(sections, sample_document):
    for elements, tree_section in zip(sections[1:], sample_document.sections[1:]):
        [table] = tables(elements, bordered=True)
        [node] = [b for b in tree_section.blocks if isinstance(b, n.Table)]
        edges = table.find("w:tblPr/w:tblBorders", NS)
        assert {e.get(q("val")) for e in edges} == {"single"} and len(edges) == 6
        assert attr(table, "w:tblPr/w:tblLayout", "type") == "fixed"
        # Borders on the margins: the indent equals the left cell margin (Word indents to the text).
        padding = twips(SHEET.tables.cell_padding)
        assert attr(table, "w:tblPr/w:tblInd", "w") == attr(table, "w:tblPr/w:tblCellMar/w:left", "w") == str(padding)
        grid = [int(c.get(q("w"))) for c in table.iterfind("w:tblGrid/w:gridCol", NS)]
        total = sum(c.width for c in node.columns)
        assert sum(grid) == LANDSCAPE_TEXT_TW
        assert all(abs(g - c.width / total * LANDSCAPE_TEXT_TW) <= 1 for g, c in zip(grid, node.columns))
        rows = table.findall(q("tr"))
        assert len(rows) == len(node.header) + len(node.body)
        assert [r.find("w:trPr/w:tblHeader", NS) is not None for r in rows] == (
            [True] * len(node.header) + [False] * len(node.body))
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        for row in rows:
            column = 0
            for tc in row.findall(q("tc")):
                span = int(attr(tc, "w:tcPr/w:gridSpan") or 1)
                assert int(attr(tc, "w:tcPr/w:tcW", "w")) == sum(grid[column:column + span])
                assert attr(tc, "w:tcPr/w:vAlign") == "center"
                column += span
            assert column == len(grid)


def test_biểu_01_header_merges_cells_across_and_down(sections):
    table = tables(annex_section(sections, "Biểu 01"), bordered=True)[0]
    first, second = table.findall(q("tr"))[:2]
    cells = first.findall(q("tc"))
    assert [attr(tc, "w:tcPr/w:vMerge") for tc in cells[:2]] == ["restart", "restart"]
    assert [attr(tc, "w:tcPr/w:gridSpan") for tc in cells[2:]] == ["2"] * 6
    below = second.findall(q("tc"))
    assert len(below) == 14
    for tc in below[:2]:
        merge = tc.find("w:tcPr/w:vMerge", NS)
        assert merge is not None and merge.get(q("val")) in (None, "continue") and text(tc) == ""


def test_cell_styles_bold_group_and_total_rows_and_column_alignment(sections, styles, sample_document):
    kinds = {"header": "bang-dau", "group": "bang-dam", "total": "bang-dam", "data": "bang"}
    for elements, tree_section in zip(sections[1:], sample_document.sections[1:]):
        [node] = [b for b in tree_section.blocks if isinstance(b, n.Table)]
        rows = tables(elements, bordered=True)[0].findall(q("tr"))
        for row, tree_row in zip(rows, node.header + node.body):
            if tree_row.kind not in kinds:
                continue
            for p in (tc.find(q("p")) for tc in row.findall(q("tc")) if tc.find("w:tcPr/w:vMerge", NS) is None):
                assert attr(p, "w:pPr/w:pStyle") == kinds[tree_row.kind]
                assert look(styles, p)["size"] == 12
                assert look(styles, p)["bold"] == (tree_row.kind != "data")
    data_row = tables(annex_section(sections, "Biểu 01"), bordered=True)[0].findall(q("tr"))[2]
    assert [attr(tc, "w:p/w:pPr/w:jc") for tc in data_row.findall(q("tc"))[:3]] == ["center", "left", "center"]


# Text --------------------------------------------------------------------------------------------

def test_each_annex_carries_the_reference_line(sections, styles):
    for elements in sections[1:]:
        line = find(elements, KEM_THEO)
        assert look(styles, line)["italic"]


def test_every_village_of_biểu_04_and_task_of_biểu_05_is_in_its_table(sections, plan):
    for annex_id, key, count in (("04", "thon", 46), ("05", "noi_dung", 36)):
        annex = plan.annex(annex_id)
        wanted = Counter(row.value(key) for row in annex.rows())
        assert sum(wanted.values()) == count
        table = tables(annex_section(sections, annex.label), bordered=True)[0]
        cells = Counter(text(tc) for tc in table.iter(q("tc")))
        assert all(cells[name] >= times for name, times in wanted.items()), wanted - cells


def test_key_figures_and_blanks(sections, plan):
    body = "\n".join(text(p) for p in paragraphs(sections[0]))
    assert "124/184" in body and "67,4%" in body
    annex = plan.annex("01")
    table = tables(annex_section(sections, annex.label), bordered=True)[0]
    figures = {text(tc) for tc in table.iter(q("tc"))}
    assert {"16,2", "19,0"} <= figures
    keys = [leaf.key for leaf in annex.leaves()]
    row = next(r for r in table.findall(q("tr")) if text(r.findall(q("tc"))[1]) == "TP Bắc Giang")
    source = next(r for r in annex.rows() if r.value("unit") == "TP Bắc Giang")
    for key in ("thon_ntm.th_2019", "thon_ntm.kh_2020"):
        assert source.value(key) is None
        cell = row.findall(q("tc"))[keys.index(key)]
        assert text(cell) == "" and cell.find(".//w:r", NS) is None


def test_text_stays_nfc(word):
    for t in word.element.body.iter(q("t")):
        assert unicodedata.is_normalized("NFC", t.text or "")


# Package -----------------------------------------------------------------------------------------

def test_same_tree_gives_the_same_bytes_stamped_with_the_document_date(data, word, sample_document):
    assert docx_bytes(sample_document, OPTIONS) == data
    infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(2020, 2, 17, 0, 0, 0)}
    props = word.core_properties
    assert (props.title, props.author, props.subject) == (
        sample_document.title, sample_document.author, sample_document.subject)
    assert props.created == props.modified == dt.datetime(2020, 2, 17, tzinfo=dt.timezone.utc)
    assert (props.last_modified_by, props.revision) == ("reportgen", 1)


def test_a_cell_spanning_three_rows_gets_continuation_cells_in_each(word):
    cell = n.Cell((n.Text("gộp"),), colspan=2, rowspan=3)
    rows = (n.Row("data", (n.Cell((n.Text("1"),)), cell)),) + tuple(
        n.Row("data", (n.Cell((n.Text(str(i)),)),)) for i in (2, 3)) + (
        n.Row("data", (n.Cell((n.Text("4"),)), n.Cell((n.Text("5"),), colspan=2))),)
    table = n.Table(tuple(n.Column(Decimal(1)) for _ in range(3)), (), rows)
    document = n.Document("ke_hoach", "t", "a", "s", dt.date(2020, 2, 17),
                          (n.Section("bieu", "landscape", True, (table,)),))
    built = docx.Document(io.BytesIO(docx_bytes(document, OPTIONS))).element.body.find(q("tbl"))
    spans = [[(text(tc), attr(tc, "w:tcPr/w:gridSpan"), attr(tc, "w:tcPr/w:vMerge"),
               tc.find("w:tcPr/w:vMerge", NS) is not None) for tc in tr.findall(q("tc"))]
             for tr in built.findall(q("tr"))]
    assert spans == [[("1", None, None, False), ("gộp", "2", "restart", True)],
                     [("2", None, None, False), ("", "2", None, True)],
                     [("3", None, None, False), ("", "2", None, True)],
                     [("4", None, None, False), ("5", "2", None, False)]]


# LibreOffice -------------------------------------------------------------------------------------

def test_libreoffice_converts_it_to_a_pdf_with_landscape_annexes(data, tmp_path_factory):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) không có trên máy: cài gói libreoffice-writer để chạy phép thử này.")
    from pdfminer.high_level import extract_text
    from pypdf import PdfReader

    folder = tmp_path_factory.mktemp("docx-pdf")
    source = folder / "ke-hoach.docx"
    source.write_bytes(data)
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(folder), str(source)],
                          capture_output=True, text=True, timeout=120)
    pdf = folder / "ke-hoach.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    pages = PdfReader(pdf).pages
    shapes = [page.mediabox.width > page.mediabox.height for page in pages]
    assert not shapes[0] and sum(shapes) >= 4
    content = unicodedata.normalize("NFC", extract_text(str(pdf)))
    assert "KẾ HOẠCH" in content and "Dương Văn Thái" in content


def test_a_subject_longer_than_a_core_property_is_cut_there_and_printed_whole(sample_document):
    """python-docx refuses a core property over 255 characters: a 360-letter subject once crashed the build (exit 3)."""
    import dataclasses
    subject = "Triển khai thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới " * 5
    document = dataclasses.replace(sample_document, subject=subject.strip(), title="K" * 300)
    built = docx.Document(io.BytesIO(docx_bytes(document, OPTIONS)))
    properties = built.core_properties
    assert len(properties.subject) == 255 and properties.subject.endswith("…")
    assert subject.startswith(properties.subject[:-1])
    assert properties.title == "K" * 254 + "…"
    assert properties.author == sample_document.author  # short ones stay as they are
