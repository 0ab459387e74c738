"""A long annex table laid out in parts on several cores reads exactly as the same table laid out whole."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import os
import re
import subprocess
import sys
from decimal import Decimal

import pytest
from pypdf import PdfReader

from reportgen import pipeline
from reportgen.errors import OutputError
from reportgen.tree import nodes as n
from reportgen.write.pdf import document as pdf, parts as pdf_parts, plan as pdf_plan
from reportgen.write.pdf.html import html_text
from reportgen.write.options import WriterOptions
from tests.conftest import OPTIONS, ROOT, SAMPLE, SHEET


_WORDS = ["Huyện", "Lục", "Nam", "thị", "trấn", "Đồi", "Ngô-Tiên", "Hưng/Bảo", "Đài", "xã", "Phương", "Sơn",
          "Nghĩa", "Phương-Cẩm", "Lý", "KhuDânCưSốMộtTrămHaiMươiBa"]


def _named(body: tuple[n.Row, ...]) -> tuple[n.Row, ...]:
    """Unit names of 1 to 14 words, some joined by - or /, one too long for a line: rows of 1 to 3 lines."""
    rows = []
    for index, row in enumerate(body):
        if row.kind == "data":
            words = [_WORDS[(index * 7 + k * 3) % len(_WORDS)] for k in range(1 + index * 5 % 14)]
            name = n.Cell((n.Text(" ".join(words)),), row.cells[1].colspan, 1, row.cells[1].align)
            row = n.Row("data", row.cells[:1] + (name,) + row.cells[2:])
        rows.append(row)
    return tuple(rows)


def long_annex(label: str, times: int, extra: str = "", names: bool = False) -> n.Document:
    """The sample's annex `label` alone, its body rows repeated `times` (a made-up long table)."""
    _, document = pipeline.compose_folder(SAMPLE)
    section = next(s for s in document.sections if s.label == label)
    table = next(b for b in section.blocks if isinstance(b, n.Table))
    body = _numbered(table.body * times)
    body = _named(body) if names else body
    if extra:  # a letter no font has, in the name of the last data row
        at = max(i for i, row in enumerate(body) if row.kind == "data")
        cells = body[at].cells
        named = n.Cell((n.Text(extra),), cells[1].colspan, cells[1].rowspan, cells[1].align)
        body = body[:at] + (n.Row("data", cells[:1] + (named,) + cells[2:]),) + body[at + 1:]
    blocks = tuple(n.Table(table.columns, table.header, body) if b is table else b for b in section.blocks)
    return n.Document(document.kind, document.title, document.author, document.subject, document.date,
                      (n.Section(section.name, section.orientation, True, blocks, section.label),))


def _numbered(body: tuple[n.Row, ...]) -> tuple[n.Row, ...]:
    """Data rows numbered 1, 2, 3 … through the repeats, so each row reads differently."""
    rows, number = [], 0
    for row in body:
        first = row.cells[0].content
        if row.kind == "data" and first and isinstance(first[0], n.Num):
            number += 1
            first = row.cells[0]
            row = n.Row("data", (n.Cell((n.Num(Decimal(number)),), first.colspan, first.rowspan, first.align),)
                        + row.cells[1:])
        rows.append(row)
    return tuple(rows)


@pytest.fixture
def small_parts():
    """Parts of two pages from tables of 30 rows, so that a short table is cut as a nationwide one is."""
    return WriterOptions(SHEET, long_rows=30, part_pages=2)


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


def whole(document: n.Document) -> bytes:
    return pdf._render(html_text(document, OPTIONS), document.date, OPTIONS.templates)[1]


@pytest.mark.parametrize("label, times, names", [("Biểu 05", 3, False), ("Biểu 01", 8, False), ("Biểu 01", 8, True)])
def test_parts_read_page_for_page_as_the_table_laid_out_whole(small_parts, label, times, names):
    document = long_annex(label, times, names=names)
    parts, _ = pdf_parts.cut(document, small_parts)
    assert len(parts) >= 3 and all(len(p.breaks) + 1 == 2 for p in parts[:-1])
    expected, got = page_texts(whole(document)), page_texts(pdf.pdf_bytes(document, small_parts))
    assert len(got) == len(expected) >= 5
    assert got == expected  # the same rows on every page, the header repeated, the numbers 2, 3, … at the top
    # pypdf reads the page number (top centre, drawn last) at the end of each page's text
    assert [t.rstrip().rsplit("\n", 1)[-1] for t in got[1:]] == [str(k) for k in range(2, len(got) + 1)]
    assert not got[0].rstrip().endswith("\n1")


def test_parts_give_the_same_bytes_every_run_and_on_one_core(small_parts):
    document = long_annex("Biểu 01", 8)
    first, second = pdf.pdf_bytes(document, small_parts), pdf.pdf_bytes(document, small_parts)
    assert first == second == pdf.pdf_bytes(document, dataclasses.replace(small_parts, workers=1))


def test_parts_give_the_same_bytes_in_another_process(small_parts):
    """Cut, laid out in workers and joined by a fresh interpreter (another hash seed): the same file as here."""
    code = ("import hashlib, sys; from reportgen.write.options import WriterOptions; "
            "from reportgen.write.pdf import document as pdf; from tests.conftest import SHEET; "
            "from tests.test_pdf_parts import long_annex; "
            "data = pdf.pdf_bytes(long_annex('Biểu 01', 8), WriterOptions(SHEET, long_rows=30, part_pages=2)); "
            "print(hashlib.sha256(data).hexdigest())")
    environment = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | {"PYTHONHASHSEED": "99"}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, env=environment)
    assert run.returncode == 0, run.stderr
    here = pdf.pdf_bytes(long_annex("Biểu 01", 8), small_parts)
    assert len(pdf_parts.cut(long_annex("Biểu 01", 8), small_parts)[0]) > 1  # it was laid out in parts
    assert run.stdout.split() == [hashlib.sha256(here).hexdigest()]


def _overfull(monkeypatch):
    planned = pdf_plan.page_starts

    def overfull(document, section, table, options):
        plan = planned(document, section, table, options)
        return pdf_plan.PagePlan(plan.geometry, [0, plan.starts[1] + 6] + plan.starts[2:])  # 6 rows too many on page 1
    monkeypatch.setattr(pdf_parts, "page_starts", overfull)


def test_a_wrong_plan_is_cut_again_where_the_rows_fell(small_parts, monkeypatch):
    """Each part measures its rows as laid out; where they fell otherwise than planned the run is cut again."""
    _overfull(monkeypatch)
    document = long_annex("Biểu 01", 8)
    assert page_texts(pdf.pdf_bytes(document, small_parts)) == page_texts(whole(document))


def test_a_part_that_overflows_unmeasured_renumbers_those_after(small_parts, monkeypatch):
    """Should its rows not be measurable, an overfull part takes a page more: the parts after it number on."""
    _overfull(monkeypatch)
    monkeypatch.setattr(pdf, "laid_heights", lambda rendered: ())
    document = long_annex("Biểu 01", 8)
    got = page_texts(pdf.pdf_bytes(document, small_parts))
    assert len(got) == len(page_texts(whole(document))) + 1
    assert [t.rstrip().rsplit("\n", 1)[-1] for t in got[1:]] == [str(k) for k in range(2, len(got) + 1)]
    rows = [int(m.group(1)) for text in got for m in re.finditer(r"^(\d+) (?:Huyện|TP) ", text, re.M)]
    assert rows == list(range(1, 8 * 10 + 1))  # every district row once, in order


def test_a_table_the_planner_cannot_measure_is_laid_out_whole(small_parts, monkeypatch):
    def refuse(document, section, table, options):
        raise pdf_plan.Unplannable("test")
    monkeypatch.setattr(pdf_parts, "page_starts", refuse)
    document = long_annex("Biểu 01", 8)
    assert len(pdf_parts.cut(document, small_parts)[0]) == 1
    assert pdf.pdf_bytes(document, small_parts) == whole(document)


def test_a_letter_no_font_has_is_refused_from_any_part(small_parts):
    with pytest.raises(OutputError) as raised:
        pdf.pdf_bytes(long_annex("Biểu 01", 8, extra="Xã \U0001D11E"), small_parts)
    assert "\U0001D11E" in raised.value.characters


def test_a_group_row_never_ends_a_planned_page():
    geometry = pdf_plan.Geometry(first_top=0, next_top=0, bottom=100 + pdf_plan._SLACK_PX, pitch={}, line={},
                                 columns=(), overhead=0)
    kinds = ["data"] * 4 + ["group"] + ["data"] * 6
    body = tuple(n.Row(kind, ()) for kind in kinds)
    starts = pdf_plan._paginate(body, [20.0] * len(body), geometry)
    assert starts == [0, 4, 9]  # five rows fit a page; the group row (index 4) goes over with its first row
    assert all(body[s - 1].kind != "group" for s in starts[1:])


def test_the_table_layout_stays_fixed():
    """With automatic layout WeasyPrint measured every cell first and, once, squeezed the unit column to a letter
    a line (1.112 pages instead of 295); fixed layout also keeps the planner's column widths those of every part."""
    css = html_text(long_annex("Biểu 01", 1), OPTIONS)
    assert "table.data { width: 100%; table-layout: fixed;" in css


def test_bookmarks_of_parts_joined_are_those_of_the_document_laid_out_whole(small_parts):
    from tests.test_pdf import outline
    _, sample = pipeline.compose_folder(SAMPLE)
    annex = long_annex("Biểu 01", 8)
    document = n.Document(annex.kind, annex.title, annex.author, annex.subject, annex.date,
                          (sample.sections[0],) + annex.sections + sample.sections[2:])
    assert len(pdf_parts.cut(document, small_parts)[0]) >= 3
    expected = outline(PdfReader(io.BytesIO(whole(document))))
    assert outline(PdfReader(io.BytesIO(pdf.pdf_bytes(document, small_parts)))) == expected
    assert [t for _, t, _ in expected if t.startswith("Biểu")] == ["Biểu 01", "Biểu 03", "Biểu 04", "Biểu 05"]


def test_the_planner_counts_text_and_figures_and_names_what_it_cannot_measure():
    from tests.test_visitor import Marquee
    from reportgen.tree.visitor import UnknownNode

    # "Số" and 1.234 with its separator, comma, sign and "%" room: 2 + (4 + 1 + 3)
    assert pdf_plan._longest(n.Cell((n.Text("Số"), n.Num(Decimal(1234))))) == 10
    with pytest.raises(pdf_plan.Unplannable, match="bold"):
        pdf_plan._longest(n.Cell((n.Text("a"), n.Strong((n.Text("đậm"),)))))
    with pytest.raises(UnknownNode, match="Marquee"):  # a node class added without its case: a bug, not a fallback
        pdf_plan._longest(n.Cell((Marquee(),)))


def test_each_part_laid_out_is_told_in_order(small_parts):
    """`reportgen build` of a long table shows the parts coming back (a 10.000-row PDF took 1,5 minutes silent)."""
    told = []
    document = long_annex("Biểu 01", 8)
    pdf.pdf_bytes(document, dataclasses.replace(small_parts, parts_done=lambda done, total: told.append((done, total))))
    parts = len(pdf_parts.cut(document, small_parts)[0])
    assert parts > 1 and told == [(done, parts) for done in range(1, parts + 1)]


def test_build_tells_the_pdf_parts_to_its_progress(monkeypatch, tmp_path):
    """The pipeline hands the writer a parts_done that names the format and the parts, as the terminal shows it."""
    from reportgen import pipeline
    seen = []

    def writer(document, fmt, options):
        if options.parts_done is not None:
            options.parts_done(2, 5)
        return b"x"
    monkeypatch.setattr(pipeline, "render", writer)
    pipeline.build_folder(SAMPLE, tmp_path / "ra", ("docx", "pdf"), progress=lambda *step: seen.append(step))
    assert (1, 2, "PDF: phần 2/5 của bảng dài") in seen and (0, 2, "DOCX: phần 2/5 của bảng dài") in seen
