"""The HTML and PDF writers: page sizes, numbering, Vietnamese text, fonts, repeated headers, fixed bytes."""

from __future__ import annotations

import hashlib

import dataclasses
import datetime as dt
import io
import re
import unicodedata
from decimal import Decimal

import pytest
from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer
from pypdf import PdfReader

from reportgen import pipeline
from reportgen.errors import ReportgenError
from reportgen.tree.nodes import Cell, Column, Document, Num, Paragraph, Row, Section, Table, Text
from reportgen.write.pdf import document as pdf_writer, weasy
from reportgen.write.pdf.html import html_text
from reportgen.write.inline import plain_text
from reportgen.write.options import WriterOptions
from tests.conftest import OPTIONS, SAMPLE, SHEET

PORTRAIT, LANDSCAPE = (595, 842), (842, 595)
TOP_MARGIN_PT = 20 * 72 / 25.4


@pytest.fixture(scope="session")
def plan():
    return pipeline.check_folder(SAMPLE).plan


@pytest.fixture(scope="session")
def sample_pdf(sample_document) -> bytes:
    return pdf_writer.pdf_bytes(sample_document, OPTIONS)


@pytest.fixture(scope="session")
def reader(sample_pdf) -> PdfReader:
    return PdfReader(io.BytesIO(sample_pdf))


@pytest.fixture(scope="session")
def page_texts(reader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


@pytest.fixture(scope="session")
def top_texts(sample_pdf) -> list[str]:
    """Per page, the text printed in the top margin: the page number or nothing."""
    found = []
    for page in extract_pages(io.BytesIO(sample_pdf)):
        boxes = [box for box in page if isinstance(box, LTTextContainer) and box.y0 > page.height - TOP_MARGIN_PT]
        found.append(" ".join(box.get_text().strip() for box in boxes))
    return found


@pytest.fixture(scope="session")
def groups(page_texts, plan) -> dict[str, list[int]]:
    """Page indexes of the body and of each annex, cut where an annex label opens a page."""
    starts = {label: i for label in (a.label for a in plan.annexes)
              for i, text in enumerate(page_texts) if text.lstrip().startswith(label + "\n")}
    assert list(starts) == [a.label for a in plan.annexes], starts
    bounds = [0, *starts.values(), len(page_texts)]
    names = ["body", *starts]
    return {name: list(range(bounds[i], bounds[i + 1])) for i, name in enumerate(names)}


def squeeze(text: str) -> str:
    return " ".join(text.split())


# Pages ------------------------------------------------------------------------------------

def test_body_portrait_then_four_landscape_annexes(reader, groups):
    sizes = [(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in reader.pages]
    assert len(groups) == 5 and groups["body"]
    assert all(sizes[i] == PORTRAIT for i in groups["body"])
    for name, pages in groups.items():
        if name != "body":
            assert pages and all(sizes[i] == LANDSCAPE for i in pages), name


def test_page_numbers_top_centre_hidden_on_each_first_page_and_restarted(groups, top_texts):
    assert top_texts[0] == "" and top_texts[1] == "2"
    for name, pages in groups.items():
        assert [top_texts[i] for i in pages] == ["", *(str(n) for n in range(2, len(pages) + 1))], name
    assert any(len(pages) > 1 for name, pages in groups.items() if name != "body")


def test_table_header_repeats_on_every_page_of_an_annex(groups, page_texts):
    pages = groups["Biểu 05"]
    assert len(pages) > 1
    for i in pages:
        assert "Nội dung" in page_texts[i] and "Cơ quan chủ trì" in page_texts[i], i


# Text -------------------------------------------------------------------------------------

@pytest.mark.parametrize("expected", [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bắc Giang, ngày 17 tháng 02 năm 2020",
    "Số: 552/KH-BCĐ", "124/184", "67,4%", "16,2", "Dương Văn Thái",
    "(Kèm theo Kế hoạch số 552/KH-BCĐ ngày 17/02/2020 của Ban Chỉ đạo các Chương trình MTQG tỉnh Bắc Giang)",
])
def test_vietnamese_text_round_trips_as_nfc(page_texts, expected):
    text = squeeze("\n".join(page_texts))
    assert unicodedata.is_normalized("NFC", text)
    assert expected in text


@pytest.mark.parametrize("label", ["Biểu 04", "Biểu 05"])
def test_every_text_cell_of_an_annex_is_printed_on_its_pages(plan, groups, page_texts, label):
    annex = next(a for a in plan.annexes if a.label == label)
    keys = [leaf.key for leaf in annex.leaves() if leaf.type in ("unit", "text", "deadline")]
    printed = squeeze(" ".join(page_texts[i] for i in groups[label]))
    values = [row.value(key) for row in annex.rows() for key in keys if isinstance(row.value(key), str)]
    assert len(values) >= len(annex.rows())
    missing = [value for value in values if squeeze(value) not in printed]
    assert not missing


# File -------------------------------------------------------------------------------------

def test_fonts_are_liberation_or_times_and_embedded(reader):
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        assert re.search(r"LiberationSerif|TimesNewRoman", name.replace("-", "")), name
        descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, name


def test_two_builds_are_byte_identical_with_dates_from_the_document(sample_document, sample_pdf, reader):
    assert pdf_writer.pdf_bytes(sample_document, OPTIONS) == sample_pdf
    info = reader.metadata
    assert info["/CreationDate"] == info["/ModDate"] == "D:" + sample_document.date.strftime("%Y%m%d")
    expected = hashlib.sha256(html_text(sample_document, OPTIONS).encode("utf-8")).hexdigest()[:32]
    first = reader.trailer["/ID"][0]
    assert (first if isinstance(first, str) else bytes(first).decode("ascii")) == expected  # from the content
    assert info["/Title"] == sample_document.title


# Font check and fetching ------------------------------------------------------------------

def small_document(*texts: str) -> Document:
    blocks = tuple(Paragraph("body", (Text(text),)) for text in texts)
    return Document("ke_hoach", "Thử", "Thử", "Thử", dt.date(2020, 2, 17),
                    (Section("van-ban", "portrait", False, blocks),))


def test_small_document_passes_the_font_check():
    data = pdf_writer.pdf_bytes(small_document("Độc lập - Tự do - Hạnh phúc"), OPTIONS)
    assert data.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert unicodedata.normalize("NFC", " ".join(text.split())) == "Độc lập - Tự do - Hạnh phúc"


def test_missing_font_raises_with_how_to_install():
    missing = dataclasses.replace(SHEET, font="Không Có Phông", font_fallback="Không Có Phông Nào")
    with pytest.raises(ReportgenError) as raised:
        pdf_writer.pdf_bytes(small_document("Kế hoạch"), WriterOptions(missing))
    message = str(raised.value)
    assert "Không Có Phông" in message and "apt-get install fonts-liberation" in message


def test_glyph_that_falls_back_to_another_font_is_named():
    with pytest.raises(ReportgenError) as raised:
        pdf_writer.pdf_bytes(small_document("Đạt ✓"), OPTIONS)
    assert "«✓»" in str(raised.value)


def test_character_no_font_has_is_refused_not_left_blank():
    # A plane-16 private-use character: no font draws it, so WeasyPrint would leave a hole.
    with pytest.raises(ReportgenError) as raised:
        pdf_writer.pdf_bytes(small_document("Đạt \U0010FFFD"), OPTIONS)
    assert "Không phông nào trên máy có các chữ «\U0010FFFD»" in str(raised.value)


@pytest.mark.parametrize("url", ["http://example.com/x.png", "file:///etc/hostname"])
def test_fetcher_refuses_every_url(url):
    from weasyprint import HTML
    from weasyprint.urls import FatalURLFetchingError

    with pytest.raises(ValueError):
        weasy.RefusingFetcher().fetch(url)
    with pytest.raises(FatalURLFetchingError):
        HTML(string=f'<p>x<img src="{url}"></p>', url_fetcher=weasy.RefusingFetcher()).render()


# HTML -------------------------------------------------------------------------------------

def test_html_escapes_text_and_carries_language_and_dates():
    page = html_text(small_document("<script>alert('x')</script> & Bắc Giang"), OPTIONS)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; Bắc Giang" in page
    assert '<html lang="vi">' in page and '<meta charset="utf-8">' in page
    assert '<meta name="dcterms.created" content="2020-02-17">' in page


def test_print_css_is_read_from_the_options_templates(tmp_path):
    import shutil

    copy = tmp_path / "templates"
    shutil.copytree(OPTIONS.templates, copy)
    with (copy / "print.css").open("a", encoding="utf-8") as css:
        css.write("/* sửa thử */\n")
    assert "/* sửa thử */" in html_text(small_document("x"), dataclasses.replace(OPTIONS, templates=copy))
    assert "/* sửa thử */" not in html_text(small_document("x"), OPTIONS)


def test_html_pages_and_styles_come_from_the_style_sheet(sample_document):
    page = html_text(sample_document, OPTIONS)
    sheet = SHEET
    assert page.count("<section") == len(sample_document.sections)
    assert '<section class="landscape follows" style="page: bieu-01">' in page
    assert "@page bieu-01 { size: 297mm 210mm; margin: 20mm 15mm 20mm 30mm;" in page
    assert "@page :nth(1 of bieu-05) { counter-reset: page 1; @top-center { content: none; } }" in page
    assert "@page :nth(1 of van-ban) { @top-center { content: none; } }" in page
    assert f'"{sheet.font}", "{sheet.font_fallback}"' in page
    assert "p.body { font-size: 14pt;" in page and "text-indent: 10mm" in page
    recipients = page[page.index("p.noi-nhan-muc {"):].split("}")[0]
    hanging = sheet.paragraphs["noi-nhan-muc"].hanging
    assert hanging and f"text-indent: -{hanging}mm" in recipients and f"padding-left: {hanging}mm" in recipients


def test_html_table_widths_spans_and_alignment():
    table = Table((Column(Decimal(1), "center"), Column(Decimal(3), "left"), Column(Decimal(1), "right")),
                  (Row("header", (Cell((Text("TT"),), rowspan=2), Cell((Text("Chỉ tiêu"),), colspan=2))),
                   Row("header", (Cell((Text("Tên"),)), Cell((Text("Số"),))))),
                  (Row("total", (Cell((Text("Tổng"),), colspan=2, align="center"), Cell((Num(Decimal(1234)),)))),))
    document = dataclasses.replace(small_document(), sections=(Section("bieu-01", "landscape", True, (table,)),))
    page = html_text(document, OPTIONS)
    assert '<col style="width: 20%"><col style="width: 60%"><col style="width: 20%">' in page
    assert '<th class="a-center" rowspan="2">TT</th><th class="a-center" colspan="2">Chỉ tiêu</th>' in page
    assert '<tr class="total"><td class="a-center" colspan="2">Tổng</td><td class="a-right">1.234</td></tr>' in page


def test_a_word_longer_than_the_line_wraps_instead_of_running_off_the_page(tmp_path):
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTChar

    path = tmp_path / "long.pdf"
    path.write_bytes(pdf_writer.pdf_bytes(small_document("Từ " + "x" * 600), OPTIONS))
    page = SHEET.pages["portrait"]
    right_edge_pt = float(page.width - page.right) * 72 / 25.4
    chars = [c for p in extract_pages(str(path)) for c in _chars(p, LTChar) if c.get_text() == "x"]
    assert len(chars) == 600 and max(c.x1 for c in chars) <= right_edge_pt + 1


def _chars(item, kind):
    if isinstance(item, kind):
        yield item
    for child in getattr(item, "_objs", []):
        yield from _chars(child, kind)


# Bookmarks ---------------------------------------------------------------------------------------

def outline(reader: PdfReader) -> list[tuple[int, str, int]]:
    """(level, title, page number) of every bookmark, in order."""
    found = []

    def walk(items, level):
        for item in items:
            if isinstance(item, list):
                walk(item, level + 1)
            else:
                found.append((level, unicodedata.normalize("NFC", item.title), reader.get_destination_page_number(item) + 1))
    walk(reader.outline, 1)
    return found


def test_bookmarks_for_each_muc_khoan_and_bieu_on_their_pages(reader, sample_document, page_texts):
    marks = outline(reader)
    styles = {"muc": 1, "khoan": 2, "bieu-so": 1}
    wanted = [(styles[b.style], " ".join(plain_text(b.content).split())) for s in sample_document.sections
              for b in s.blocks if isinstance(b, Paragraph) and b.style in styles]
    assert [(level, title) for level, title, _ in marks] == wanted
    assert [t for level, t, _ in marks if level == 1 and t.startswith("Biểu")] == [
        "Biểu 01", "Biểu 03", "Biểu 04", "Biểu 05"]
    assert sum(level == 2 for level, _, _ in marks) >= 8
    for _, title, page in marks:  # each takes the reader to the page its heading is printed on
        assert title[:30] in " ".join(unicodedata.normalize("NFC", page_texts[page - 1]).split())


# No break at "/" ---------------------------------------------------------------------------------

SLASHED = ("Quý II/2020", "đồng/người/năm", "552/KH-BCĐ")


def _narrow_cells() -> Document:
    """The slashed words in cells 44 to 88 mm wide: in many of them a line would end after a "/"."""
    from reportgen.tree.nodes import Layout
    words = "Kết quả Quý II/2020 thu nhập đồng/người/năm theo Kế hoạch 552/KH-BCĐ đạt"
    blocks = tuple(Layout("header", (Decimal(width),), (((Paragraph("body", (Text(words),)),),),))
                   for width in range(44, 90, 2))
    return Document("ke_hoach", "t", "a", "s", dt.date(2020, 2, 17), (Section("body", "portrait", False, blocks),))


def _lines(data: bytes) -> list[str]:
    from pdfminer.layout import LTTextLine

    def walk(item):
        if isinstance(item, LTTextLine):
            yield unicodedata.normalize("NFC", item.get_text()).strip()
        elif hasattr(item, "__iter__"):
            for child in item:
                yield from walk(child)
    return [line for page in extract_pages(io.BytesIO(data)) for line in walk(page) if line]


def test_no_line_breaks_at_a_slash_and_the_text_reads_as_typed():
    data = pdf_writer.pdf_bytes(_narrow_cells(), OPTIONS)
    lines = _lines(data)
    assert len(lines) > 60
    assert not [line for line in lines if line.endswith(("/", "/KH-")) or line.startswith("/")]
    joined = " ".join(lines)
    # Whole in every cell, extracted as typed (a line may end at the space of "Quý II/2020", not at its "/").
    assert [joined.count(word) for word in ("II/2020", *SLASHED[1:])] == [23, 23, 23]
    assert "\u2060" not in joined and "\u2060" not in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    assert any(line.endswith("Quý") for line in lines)              # the break went before the word, not after "/"
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    assert text.count("Quý II/2020") >= 12
