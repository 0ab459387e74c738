"""DOCX writer on long annexes: tables past ROWS_PER_TABLE body rows split into consecutive tables with the header."""

from __future__ import annotations

import datetime as dt
import io
import math
from decimal import Decimal

import docx
import pytest
from lxml import etree

from bench.check_speed import make_input
from reportgen import pipeline
from reportgen.tree import nodes as n
from reportgen.tree.grid import placed_rows
from reportgen.write.docx.document import docx_bytes
from reportgen.write.docx.split import ROWS_PER_TABLE, split_body
from reportgen.write.docx.styles import RULE_STYLE
from tests.conftest import OPTIONS

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
ROWS = 1234


def q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def text(element) -> str:
    return "".join(element.itertext(q("t")))


def bordered_tables(data: bytes) -> list:
    body = docx.Document(io.BytesIO(data)).element.body
    return [t for t in body.iterfind("w:tbl", NS) if t.find("w:tblPr/w:tblBorders/w:top", NS).get(q("val")) != "none"]


def header_count(tbl) -> int:
    return sum(tr.find("w:trPr/w:tblHeader", NS) is not None for tr in tbl.iterfind("w:tr", NS))


def cells(tr) -> list[str]:
    return [text(tc) for tc in tr.iterfind("w:tc", NS)]


@pytest.fixture(scope="module")
def long_annex(tmp_path_factory) -> tuple[n.Document, bytes]:
    """The benchmark's made-up annex (1.234 communes, grouped columns, total and comparison rows), composed."""
    folder = tmp_path_factory.mktemp("long")
    make_input(folder, ROWS, as_xlsx=False)
    result, document = pipeline.compose_folder(folder)
    assert document is not None, result
    return document, docx_bytes(document, OPTIONS)


def test_a_long_annex_is_split_into_tables_of_at_most_500_body_rows(long_annex):
    document, data = long_annex
    [node] = [b for s in document.sections for b in s.blocks if isinstance(b, n.Table)]
    tables = bordered_tables(data)
    body_rows = ROWS + 2   # and the total and comparison rows
    assert len(tables) == math.ceil(body_rows / ROWS_PER_TABLE) == 3
    for tbl in tables:
        rows = tbl.findall(q("tr"))
        heads = len(node.header)
        assert header_count(tbl) == heads and all(r.find("w:trPr/w:tblHeader", NS) is not None for r in rows[:heads])
        assert [cells(r) for r in rows[:heads]] == [cells(r) for r in tables[0].findall(q("tr"))[:heads]]
        assert 0 < len(rows) - heads <= ROWS_PER_TABLE
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)


def test_every_data_row_once_in_order_and_the_closing_rows_only_in_the_last_table(long_annex):
    _, data = long_annex
    tables = bordered_tables(data)
    heads = header_count(tables[0])
    parts = [[cells(tr) for tr in tbl.findall(q("tr"))[heads:]] for tbl in tables]
    units = [row[1] for part in parts for row in part if row[0] not in ("Tổng cộng", "So sánh")]
    assert units == [f"Xã số {k}" for k in range(1, ROWS + 1)]
    assert [row[0] for row in parts[-1][-2:]] == ["Tổng cộng", "So sánh"]
    assert all(row[0] not in ("Tổng cộng", "So sánh") for part in parts[:-1] for row in part)


def test_the_parts_share_one_grid_and_table_properties_with_a_gap_paragraph_between(long_annex):
    _, data = long_annex
    tables = bordered_tables(data)
    first = tables[0]
    for tbl in tables[1:]:
        for part in ("w:tblPr", "w:tblGrid"):
            assert etree.tostring(tbl.find(part, NS)) == etree.tostring(first.find(part, NS))
        gap = tbl.getprevious()
        assert gap.tag == q("p") and gap.find("w:pPr/w:pStyle", NS).get(q("val")) == RULE_STYLE and text(gap) == ""
        assert gap.getprevious().tag == q("tbl")


def test_a_long_annex_gives_the_same_bytes_twice(long_annex):
    document, data = long_annex
    assert docx_bytes(document, OPTIONS) == data


def test_the_sample_annexes_stay_one_table_each(sample_document):
    for section in sample_document.sections:
        for table in (b for b in section.blocks if isinstance(b, n.Table)):
            placed = placed_rows(table.header + table.body, len(table.columns))
            assert split_body(table.body, placed[len(table.header):]) == [range(len(table.body))]


# The split rule, on tables built by hand ---------------------------------------------------------

def _row(kind: str, label: str, rowspan: int = 1) -> n.Row:
    first = n.Cell((n.Text(label),), rowspan=rowspan)
    return n.Row(kind, (first, n.Cell((n.Num(Decimal(1)),))))


def _continued(kind: str = "data") -> n.Row:
    return n.Row(kind, (n.Cell((n.Num(Decimal(2)),)),))   # its first column is held by a rowspan above


def _parts(body: list[n.Row], limit: int = ROWS_PER_TABLE) -> list[tuple[int, int]]:
    placed = placed_rows(tuple(body), 2)
    return [(part.start, part.stop) for part in split_body(tuple(body), placed, limit)]


def _data(count: int) -> list[n.Row]:
    return [_row("data", f"Xã {k}") for k in range(count)]


def test_split_rule_cuts_every_500_rows_and_keeps_total_and_comparison_with_rows():
    assert _parts(_data(500)) == [(0, 500)]
    assert _parts(_data(1001)) == [(0, 500), (500, 1000), (1000, 1001)]
    closing = [_row("total", "Tổng cộng"), _row("comparison", "So sánh")]
    # 1.000 rows would fill two parts exactly: the last data row moves on to keep the closing rows company.
    assert _parts(_data(1000) + closing) == [(0, 500), (500, 999), (999, 1002)]
    assert _parts(_data(998) + closing) == [(0, 500), (500, 1000)]


def test_split_rule_starts_a_part_with_its_group_row():
    body = _data(498) + [_row("group", "I. Huyện A"), _row("group", "1. Xã B")] + _data(600)
    assert _parts(body) == [(0, 498), (498, 998), (998, 1100)]


def test_split_rule_keeps_a_vertical_merge_in_one_part():
    body = _data(498) + [_row("data", "Xã gộp", rowspan=3), _continued(), _continued()] + _data(600)
    assert _parts(body) == [(0, 498), (498, 998), (998, 1101)]


def test_split_rule_makes_a_longer_part_when_no_cut_fits():
    body = [_row("data", "Xã gộp", rowspan=8)] + [_continued() for _ in range(7)] + _data(5)
    assert _parts(body, limit=4) == [(0, 8), (8, 12), (12, 13)]
    assert _parts([_row("group", f"{k}.") for k in range(6)], limit=4) == [(0, 6)]


def _document(body: list[n.Row]) -> n.Document:
    header = (n.Row("header", (n.Cell((n.Text("Tên"),)), n.Cell((n.Text("Số"),)))),)
    table = n.Table((n.Column(Decimal(3)), n.Column(Decimal(1), "right")), header, tuple(body))
    section = n.Section("bieu-01", "landscape", True, (table,), "Biểu 01")
    return n.Document("ke_hoach", "Thử", "Thử", "Thử", dt.date(2024, 1, 2), (section,))


def test_a_group_row_never_ends_a_part_in_the_docx():
    body = _data(24)
    for group in range(1, 49):   # groups of 25 rows after 24 rows: the 20th group row would be row 500
        body.append(_row("group", f"{group}. Huyện {group}"))
        body.extend(_row("data", f"Xã {group}.{k}") for k in range(24))
    tables = bordered_tables(docx_bytes(_document(body), OPTIONS))
    labels = [[cells(tr)[0] for tr in tbl.findall(q("tr"))[1:]] for tbl in tables]
    assert [len(part) for part in labels] == [499, 500, 225]
    assert [label for part in labels for label in part] == [row.cells[0].content[0].text for row in body]
    assert all(". Huyện" not in part[-1] for part in labels)
    assert labels[1][0] == "20. Huyện 20" and labels[2][0] == "40. Huyện 40"


# Rows written as text ------------------------------------------------------------------------------

def test_cell_text_is_escaped_and_read_back_as_written_with_its_bold_and_italic_runs():
    tricky = "a & b < c > d \"e\" 'f'\r\ng\th  <!--reportgen-rows-0-->"
    body = [n.Row("data", (n.Cell((n.Text(tricky), n.Strong((n.Text("đậm"), n.Emph((n.Text("nghiêng"),)))))),
                           n.Cell((n.Num(Decimal("1234.5"), "decimal", 1),))))]
    [tbl] = bordered_tables(docx_bytes(_document(body), OPTIONS))
    tr = tbl.findall(q("tr"))[1]
    runs = tr.findall(".//w:r", NS)
    assert [text(r) for r in runs] == [tricky, "đậm", "nghiêng", "1.234,5"]
    assert [(r.find("w:rPr/w:b", NS) is not None, r.find("w:rPr/w:i", NS) is not None) for r in runs] == [
        (False, False), (True, False), (True, True), (False, False)]
    assert all(t.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve" for t in tr.iter(q("t")))


def test_a_character_xml_cannot_hold_is_refused_as_lxml_refuses_it():
    with pytest.raises(ValueError):
        docx_bytes(_document([_row("data", "Xã\x01")]), OPTIONS)
