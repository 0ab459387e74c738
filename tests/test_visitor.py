"""Every node class through every writer: each is handled, a made-up one stops each writer, XLSX's skips are chosen."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass
from decimal import Decimal

import pytest

from reportgen.tree import nodes as n
from reportgen.tree.visitor import SkipNode, UnknownNode, Visitor
from reportgen.write.docx.document import docx_bytes
from reportgen.write.pdf.html import html_text
from reportgen.write.tree import tree_text
from reportgen.write.xlsx.workbook import xlsx_bytes
from tests.conftest import OPTIONS


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
