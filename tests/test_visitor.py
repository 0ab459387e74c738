"""Every node class through every writer: each is handled, a made-up one stops each writer, XLSX's skips are chosen."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from lxml import etree

from reportgen.tree import nodes as n
from reportgen.tree.visitor import SkipNode, UnknownNode, Visitor
from reportgen.write.docx.document import docx_bytes
from reportgen.write.docx.styles import eighths, page_twips, twips
from reportgen.write.pdf.css import SINGLE_LINE, number
from reportgen.write.pdf.html import html_text
from reportgen.write.tree import tree_text
from reportgen.write.xlsx.workbook import xlsx_bytes
from tests.conftest import OPTIONS, SHEET


@dataclass(frozen=True)
class Marquee:
    """A node class no writer knows."""

    text: str = "chữ chạy"


INLINES = (n.Text("chữ "), n.Num(Decimal(1234)), n.Strong((n.Text("đậm"),)), n.Emph((n.Text("nghiêng"),)))


def every_node(block=None, paragraph=None, cell=None, layout=None) -> n.Document:
    """One of each node class (the made-up ones where asked): inlines in a paragraph and in a table cell."""
    para = n.Paragraph("body", INLINES + ((paragraph,) if paragraph else ()))
    signature = n.Layout("signature", (Decimal(80), Decimal(80)),
                         (((n.Paragraph("body", (n.Text("trái"),)), n.Rule(Decimal(20))),
                           (n.Spacer(1),) + ((layout,) if layout else ())),))
    table = n.Table((n.Column(Decimal(1)), n.Column(Decimal(2), "right")),
                    (n.Row("header", (n.Cell((n.Text("Tên"),)), n.Cell((n.Text("Số"),)))),),
                    (n.Row("data", (n.Cell(INLINES + ((cell,) if cell else ())), n.Cell((n.Num(Decimal(5)),)))),
                     n.Row("total", (n.Cell((n.Text("Tổng"),)), n.Cell((n.Num(Decimal(5)),), live=n.Live("sum"))))))
    second = n.Table((n.Column(Decimal(1)),), (), (n.Row("data", (n.Cell((n.Text("bảng hai"),)),)),))
    body = n.Section("body", "portrait", False, (para, n.Rule(Decimal(30)), n.Spacer(2), signature))
    annex = n.Section("annex-01", "landscape", True,
                      (para, table, n.Paragraph("body", (n.Text("ghi chú"),)), second) + ((block,) if block else ()),
                      "Biểu 01")
    return n.Document("ke_hoach", "Kế hoạch 1/KH", "UBND", "thử", dt.date(2024, 1, 2), (body, annex))


def _part(data: bytes, name: str) -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")


WRITERS = {
    "tree": lambda d: tree_text(d),
    "html": lambda d: html_text(d, OPTIONS),
    "docx": lambda d: _part(docx_bytes(d, OPTIONS), "word/document.xml"),
    "xlsx": lambda d: _part(xlsx_bytes(d, OPTIONS), "xl/sharedStrings.xml"),
}


def test_the_document_holds_every_node_class():
    classes = {cls for cls in vars(n).values() if isinstance(cls, type) and cls.__module__ == n.__name__}
    seen: set[type] = set()

    def collect(value):
        if isinstance(value, tuple):
            for item in value:
                collect(item)
        elif type(value) in classes:
            seen.add(type(value))
            for name in value.__dataclass_fields__:
                collect(getattr(value, name))
    collect(every_node())
    assert seen == classes  # so that the test below walks every node class through every writer


@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_every_writer_handles_every_node(writer):
    text = WRITERS[writer](every_node())
    for words in ("đậm", "nghiêng", "1.234", "Tổng", "ghi chú"):
        assert words in text, (writer, words)
    shown = {"tree": ("**đậm**", "*nghiêng*", "«1.234»", "=Σ", "rule 30 mm", "spacer 2", "layout signature"),
             "html": ("<strong>đậm</strong>", "<em>nghiêng</em>", 'class="rule"', 'class="spacer"',
                      "table class=\"layout signature\"", "bảng hai"),
             "docx": ('<w:b/></w:rPr><w:t xml:space="preserve">đậm', '<w:i/></w:rPr><w:t xml:space="preserve">nghiêng',
                      "<w:pBdr>", "trái", "bảng hai"),
             "xlsx": ("chữ 1.234đậmnghiêng",)}[writer]
    for mark in shown:
        assert mark in text, (writer, mark)


def test_what_the_workbook_leaves_out_is_chosen():
    """A sheet per section with a table; its paragraphs as lines; not the layout, rules, spacers or a second table."""
    data = xlsx_bytes(every_node(), OPTIONS)
    book = zipfile.ZipFile(io.BytesIO(data))
    assert [name for name in book.namelist() if name.startswith("xl/worksheets/")] == ["xl/worksheets/sheet1.xml"]
    strings = _part(data, "xl/sharedStrings.xml")
    assert "trái" not in strings and "bảng hai" not in strings
    assert "ghi chú" in strings


# What each writer makes of each node (every_node() above): a writer that drops or mangles one fails here.

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def test_the_tree_dump_shows_every_node():
    assert tree_text(every_node()) == """document ke_hoach «Kế hoạch 1/KH» 2024-01-02
  author: UBND
  subject: thử
  section body portrait
    p.body: chữ «1.234»**đậm***nghiêng*
    rule 30 mm
    spacer 2
    layout signature 80 | 80 mm
      row
        cell
          p.body: trái
          rule 20 mm
        cell
          spacer 1
  section annex-01 «Biểu 01» landscape restart
    p.body: chữ «1.234»**đậm***nghiêng*
    table [1l 2r]
      header: Tên | Số
      data: chữ «1.234»**đậm***nghiêng* | «5»
      total: Tổng | «5» =Σ
    p.body: ghi chú
    table [1l]
      data: bảng hai
"""


def test_the_html_writer_writes_every_node():
    page = html_text(every_node(), OPTIONS)
    body = page[page.index("<body>"):page.index("</body>")]
    line = SINGLE_LINE * SHEET.default_size  # a spacer's line, in pt
    words = "chữ 1.234<strong>đậm</strong><em>nghiêng</em>"
    assert body == f"""<body>
<section class="portrait" style="page: body">
<p class="body">{words}</p>
<div class="rule" style="width: 30mm"></div>
<div class="spacer" style="height: {number(2 * line)}pt"></div>
<table class="layout signature" style="width: 160mm"><colgroup><col style="width: 80mm"><col style="width: 80mm">\
</colgroup>
<tbody>
<tr><td><p class="body">trái</p><div class="rule" style="width: 20mm"></div></td><td><div class="spacer" \
style="height: {number(line)}pt"></div></td></tr>
</tbody></table>
</section>
<section class="landscape follows" style="page: annex-01">
<p class="body">{words}</p>
<table class="data"><colgroup><col style="width: 33.333%"><col style="width: 66.667%"></colgroup>
<thead>
<tr class="header"><th class="a-center">Tên</th><th class="a-center">Số</th></tr>
</thead>
<tbody>
<tr class="data"><td class="a-left">{words}</td><td class="a-right">5</td></tr>
<tr class="total"><td class="a-left">Tổng</td><td class="a-right">5</td></tr>
</tbody></table>
<p class="body">ghi chú</p>
<table class="data"><colgroup><col style="width: 100%"></colgroup>
<thead>

</thead>
<tbody>
<tr class="data"><td class="a-left">bảng hai</td></tr>
</tbody></table>
</section>
"""


def _words(element) -> str:
    return "".join(t.text for t in element.iter(f"{W}t"))


def test_the_docx_writer_writes_every_node():
    xml = zipfile.ZipFile(io.BytesIO(docx_bytes(every_node(), OPTIONS))).read("word/document.xml")
    body = list(etree.fromstring(xml).find(f"{W}body"))
    # The body section: paragraph, rule, two empty paragraphs (spacer 2), layout, its break; then the annex's
    # paragraph, table, note, second table and the last section's properties.
    assert [child.tag[len(W):] for child in body] == ["p", "p", "p", "p", "tbl", "p", "p", "tbl", "p", "tbl", "sectPr"]
    paragraph, rule, spacer_1, spacer_2, layout, section_break = body[:6]
    runs = [(_words(r), r.find(f"{W}rPr/{W}b") is not None, r.find(f"{W}rPr/{W}i") is not None)
            for r in paragraph.iter(f"{W}r")]
    assert runs == [("chữ ", False, False), ("1.234", False, False), ("đậm", True, False), ("nghiêng", False, True)]
    line = rule.find(f"{W}pPr/{W}pBdr/{W}bottom")
    assert (line.get(f"{W}val"), line.get(f"{W}sz")) == ("single", eighths(SHEET.tables.rule))
    page = SHEET.pages["portrait"]
    text_width = page_twips(page.width) - page_twips(page.left) - page_twips(page.right)
    indent = rule.find(f"{W}pPr/{W}ind")
    assert int(indent.get(f"{W}left")) == int(indent.get(f"{W}right")) == (text_width - twips(Decimal(30))) // 2
    for empty in (spacer_1, spacer_2):
        assert [child.tag for child in empty] == [f"{W}pPr"] and len(empty[0]) == 0  # a bare line, no run
    assert [col.get(f"{W}w") for col in layout.iter(f"{W}gridCol")] == [str(twips(Decimal(80)))] * 2
    assert {edge.get(f"{W}val") for edge in layout.find(f"{W}tblPr/{W}tblBorders")} == {"none"}
    cells = [cell.findall(f"{W}p") for cell in layout.iter(f"{W}tc")]
    assert [[_words(p) for p in cell] for cell in cells] == [["trái", ""], [""]]
    assert cells[0][1].find(f"{W}pPr/{W}pBdr/{W}bottom") is not None  # the 20 mm rule; the spacer's line beside
    assert section_break.find(f"{W}pPr/{W}sectPr") is not None
    table, note, second = body[7:10]
    rows = table.findall(f"{W}tr")
    assert [[_words(cell) for cell in row.iter(f"{W}tc")] for row in rows] == [
        ["Tên", "Số"], ["chữ 1.234đậmnghiêng", "5"], ["Tổng", "5"]]
    assert [row.find(f"{W}trPr/{W}tblHeader") is not None for row in rows] == [True, False, False]
    assert _words(note) == "ghi chú" and _words(second) == "bảng hai"


def test_the_workbook_holds_the_first_table_of_each_section_with_its_lines():
    book = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(every_node(), OPTIONS)))
    assert book.sheetnames == ["Biểu 01"]
    sheet = book["Biểu 01"]
    assert [[cell.value for cell in row] for row in sheet.iter_rows()] == [
        ["chữ 1.234đậmnghiêng", None],   # the paragraph above the table, a line across it
        [None, None],
        ["Tên", "Số"],
        ["chữ 1.234đậmnghiêng", 5],
        ["Tổng", "=SUM(B4:B4)"],         # the total's Live sum
        [None, None],
        ["ghi chú", None],               # the note below; the second table is left out (above)
    ]
    assert {str(cells) for cells in sheet.merged_cells.ranges} == {"A1:B1", "A7:B7"}
    assert sheet.freeze_panes == "B4" and sheet.print_title_rows == "$3:$3"


PLACES = ("block", "paragraph", "cell", "layout")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("writer", sorted(WRITERS))
def test_a_made_up_node_stops_every_writer(writer, place):
    document = every_node(**{place: Marquee()})
    if writer == "xlsx" and place == "layout":  # the workbook leaves layouts out (above): it never meets it
        WRITERS[writer](document)
        return
    with pytest.raises(UnknownNode, match="Marquee") as raised:
        WRITERS[writer](document)
    # The writer is named: the workbook reads a paragraph's or a cell's inlines as plain text (PlainText).
    names = {"tree": ["TreeDump"], "html": ["HtmlWriter"], "docx": ["DocxWriter"],
             "xlsx": ["WorkbookWriter"] if place == "block" else ["PlainText"]}[writer]
    assert str(raised.value).startswith(tuple(names)), str(raised.value)


def test_skip_node_skips_children_and_departure():
    class Names(Visitor):
        def __init__(self):
            self.seen = []

        def visit_paragraph(self, node):
            self.seen.append("p")

        def depart_paragraph(self, node):
            self.seen.append("/p")

        def visit_strong(self, node):
            self.seen.append("strong")
            raise SkipNode

        def depart_strong(self, node):
            self.seen.append("/strong")

        def visit_text(self, node):
            self.seen.append(node.text)

    names = Names()
    names.walk(n.Paragraph("body", (n.Text("a"), n.Strong((n.Text("b"),)), n.Text("c"))))
    assert names.seen == ["p", "a", "strong", "c", "/p"]
    with pytest.raises(UnknownNode, match="Names không xử lý nút Num"):
        names.walk(n.Num(Decimal(1)))
