"""One tree, two writers: the annex tables of the DOCX and of the HTML (the PDF's source) say the same."""

from __future__ import annotations

import io
from html.parser import HTMLParser

import docx
from docx.oxml.ns import qn

from reportgen.write.docx.document import docx_bytes
from reportgen.write.pdf.html import html_text
from tests.conftest import OPTIONS, SHEET


class _DataTables(HTMLParser):
    """Rows of every <table class="data">: (row kind, [cell text, ...])."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: list[list[tuple[str, list[str]]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and attributes.get("class") == "data":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append((attributes.get("class", ""), []))
        elif tag in ("td", "th") and self.tables:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:  # the word joiners glued around "/" for the PDF print nothing (test_pdf: slash)
            self._cell.append(data.replace("\u2060", ""))


def _docx_tables(data: bytes) -> list[list[tuple[str, list[str]]]]:
    """Rows of every bordered table: (style of its cells, [cell text, ...]); vMerge continuations skipped."""
    body = docx.Document(io.BytesIO(data)).element.body
    found = []
    for tbl in body.iter(qn("w:tbl")):
        borders = tbl.find(f"{qn('w:tblPr')}/{qn('w:tblBorders')}")
        if borders is None or borders[0].get(qn("w:val")) == "none":
            continue
        rows = []
        for tr in tbl.iter(qn("w:tr")):
            cells = [tc for tc in tr.iter(qn("w:tc"))
                     if not any(m.get(qn("w:val")) in (None, "continue") for m in tc.iter(qn("w:vMerge")))]
            styles = {p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}").get(qn("w:val")) for tc in cells
                      for p in tc.iter(qn("w:p"))}
            texts = [" ".join("".join(t.text or "" for t in tc.iter(qn("w:t"))).split()) for tc in cells]
            rows.append((styles.pop() if len(styles) == 1 else sorted(styles), texts))
        found.append(rows)
    return found


def test_annex_tables_agree_cell_by_cell(sample_document):
    parser = _DataTables()
    parser.feed(html_text(sample_document, OPTIONS))
    from_html = parser.tables
    from_docx = _docx_tables(docx_bytes(sample_document, OPTIONS))
    row_styles = SHEET.row_styles
    assert len(from_html) == len(from_docx) == 4
    for html_rows, docx_rows in zip(from_html, from_docx):
        assert [texts for _, texts in html_rows] == [texts for _, texts in docx_rows]
        assert [row_styles[kind] for kind, _ in html_rows] == [style for style, _ in docx_rows]


def test_report_tables_agree_cell_by_cell():
    """The quarterly report's four annexes, drawn by the same writers, agree too."""
    from reportgen import pipeline
    from reportgen.model.report import Period
    from tests.conftest import SAMPLE

    _, document = pipeline.compose_report_folder(SAMPLE, Period(2020, 2))
    parser = _DataTables()
    parser.feed(html_text(document, OPTIONS))
    from_docx = _docx_tables(docx_bytes(document, OPTIONS))
    assert len(parser.tables) == len(from_docx) == 4
    for html_rows, docx_rows in zip(parser.tables, from_docx):
        assert [texts for _, texts in html_rows] == [texts for _, texts in docx_rows]
