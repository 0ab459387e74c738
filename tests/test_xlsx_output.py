"""The XLSX writer: sheets laid out as the annexes, live totals whose cached values are the check engine's,
formulas a real engine (LibreOffice) recalculates to the same figures, and a workbook the reader takes back."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen import pipeline
from reportgen.compose.document import compose_plan
from reportgen.model.tables import effective_total
from reportgen.write.xlsx.workbook import xlsx_bytes
from tests.conftest import OPTIONS, ROOT, SAMPLE, SHEET
from tests.workbook import point_annexes_at_workbook

HOA_PHONG = ROOT / "tests" / "data" / "hoa-phong-2024"
EDGES = ROOT / "tests" / "data" / "bieu-bien-2024"   # percent means, two decimals, a figure first, no TT column
FOLDERS = pytest.mark.parametrize("folder", [SAMPLE, HOA_PHONG, EDGES], ids=["bac-giang-2020", "hoa-phong-2024",
                                                                            "bieu-bien-2024"])
KEM_THEO = ("(Kèm theo Kế hoạch số 552/KH-BCĐ ngày 17/02/2020 của Ban Chỉ đạo các Chương trình MTQG tỉnh "
            "Bắc Giang)")


def workbook_of(folder: Path, path: Path) -> Path:
    result = pipeline.check_folder(folder)
    path.write_bytes(xlsx_bytes(compose_plan(result.plan, result.evaluated, SHEET, OPTIONS.templates), OPTIONS))
    return path


@pytest.fixture(scope="module")
def book_path(tmp_path_factory) -> Path:
    return workbook_of(SAMPLE, tmp_path_factory.mktemp("xlsx") / "bieu.xlsx")


@pytest.fixture(scope="module")
def book(book_path):
    return load_workbook(book_path)


@pytest.fixture(scope="module")
def cached(book_path):
    return load_workbook(book_path, data_only=True)


def test_one_sheet_per_annex_with_its_lines_above_the_table(book):
    assert book.sheetnames == ["Biểu 01", "Biểu 03", "Biểu 04", "Biểu 05"]
    ws = book["Biểu 01"]
    assert ws["A1"].value == "Biểu 01" and ws["A1"].font.b
    assert ws["A2"].value.startswith("CHI TIẾT KHẢ NĂNG VÀ CHỈ SỐ ĐẠT CHUẨN")
    assert ws["A3"].value == KEM_THEO and ws["A3"].font.i
    assert {"A1:N1", "A2:N2", "A3:N3"} <= {str(r) for r in ws.merged_cells.ranges}


def test_multi_level_header_merged_with_borders_on_every_cell(book, book_path):
    ws = book["Biểu 01"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A5:A6", "B5:B6", "C5:D5", "M5:N5"} <= merged
    assert ws["C5"].value == "Số thôn đạt chuẩn nông thôn mới" and ws["C6"].value == "Thực hiện đến năm 2019 (Lũy kế)"
    # openpyxl draws only a merged range's outline when it reads one; the file itself is read here.
    with zipfile.ZipFile(book_path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    style_of = dict(re.findall(r'<c r="([A-Z]+\d+)" s="(\d+)"', sheet))
    borders = re.findall(r"<border>.*?</border>|<border/>", re.search(r"<borders[^>]*>(.*?)</borders>", styles,
                                                                       re.S).group(1), re.S)
    xfs = re.findall(r"<xf [^>]*>", re.search(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles, re.S).group(1))
    for cell_range in ws.merged_cells.ranges:
        if not 5 <= cell_range.min_row <= 18:
            continue  # the lines above and the notes below the table are borderless
        for row in ws.iter_rows(min_row=cell_range.min_row, max_row=cell_range.max_row,
                                min_col=cell_range.min_col, max_col=cell_range.max_col):
            for cell in row:
                xf = xfs[int(style_of[cell.coordinate])]
                border = borders[int(re.search(r'borderId="(\d+)"', xf).group(1))]
                for side in ("left", "right", "top", "bottom"):
                    assert f'<{side} style="thin">' in border, f"{cell.coordinate} in {cell_range}: {side}"


def test_times_new_roman_everywhere(book):
    for ws in book.worksheets:
        fonts = {cell.font.name for row in ws.iter_rows() for cell in row if cell.value is not None}
        assert fonts == {"Times New Roman"}, ws.title


def test_figures_are_numbers_with_formats_and_blanks_stay_blank(book):
    ws = book["Biểu 01"]
    assert ws["B9"].value == "Huyện Lục Ngạn" and ws["L9"].value == 11 and isinstance(ws["L9"].value, int)
    assert ws["L9"].number_format == "#,##0"
    assert ws["G9"].value == pytest.approx(14.3) and ws["G9"].number_format == "#,##0.0"
    assert ws["C7"].value is None and ws["D7"].value is None        # TP Bắc Giang: no thôn NTM figures
    assert ws["A7"].value == 1 and ws["A16"].value == 10             # TT numbered by reportgen
    assert ws["J17"].value is None                                   # the printed total left blank stays blank


def test_total_row_is_live_and_caches_the_check_engines_totals(book, cached):
    plan = pipeline.check_folder(SAMPLE).plan
    annex = plan.annex("01")
    ws, values = book["Biểu 01"], cached["Biểu 01"]
    assert ws["A17"].value == "Tổng cộng"
    sums = 0
    for index, leaf in enumerate(annex.leaves()):
        cell = ws.cell(17, index + 1)
        if isinstance(cell.value, str) and cell.value.startswith("="):
            letter = cell.column_letter
            assert cell.value == f"=SUM({letter}7:{letter}16)"
            assert Decimal(str(values.cell(17, index + 1).value)) == effective_total(annex, leaf)
            sums += 1
    assert sums == 8
    assert ws["G17"].value == pytest.approx(15.8)  # a mean without weights: the printed figure, no formula


def test_comparison_row_is_the_difference_shown_in_words(book, cached):
    ws = book["Biểu 01"]
    assert ws["A18"].value == "So sánh 2020/2019"
    assert ws["C18"].value == "=ROUND(D17-C17,0)" and cached["Biểu 01"]["C18"].value == 22
    assert ws["C18"].number_format == '"Tăng "#,##0" thôn";"Giảm "#,##0" thôn";"Không đổi"'
    assert ws["G18"].value == "=ROUND(H17-G17,1)" and ws["G18"].number_format.startswith('"Tăng "#,##0.0" tiêu chí"')
    # Its totals are blank in print: the rows' sums give the change (test_a_comparison_over_blank_totals_sums_the_rows).
    assert ws["I18"].value == "=ROUND(SUM(J7:J16)-SUM(I7:I16),0)"


def test_panes_print_setup_and_widths(book):
    for ws in book.worksheets:
        header = 5
        assert ws.page_setup.orientation == "landscape" and ws.page_setup.paperSize == 9, ws.title
        # fit to one page wide (fitToWidth absent means 1), as many pages tall as it takes
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows is not None and ws.print_title_rows.startswith(f"${header}:")
        # the header rows and the TT and name columns stay on screen
        assert ws.freeze_panes == f"C{int(ws.print_title_rows.split(':')[1].strip('$')) + 1}"
    ws = book["Biểu 01"]
    assert ws.print_title_rows == "$5:$6" and ws.freeze_panes == "C7"
    assert ws.column_dimensions["B"].width >= len("Huyện Lạng Giang")
    assert ws.row_dimensions[5].height > ws.row_dimensions[7].height  # wrapped headers get their lines


def test_list_annex_group_rows_and_notes(book):
    ws = book["Biểu 04"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=6)]
    assert rows[0][:2] == ["I", "Huyện Lục Nam"] and rows[1][:3] == [1, "Xã Đông Phú", "Thôn Thanh Sơn"]


def test_same_bytes_every_time(sample_document):
    assert xlsx_bytes(sample_document, OPTIONS) == xlsx_bytes(sample_document, OPTIONS)
    with zipfile.ZipFile(__import__("io").BytesIO(xlsx_bytes(sample_document, OPTIONS))) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2020-02-17T00:00:00Z" in core


def test_text_that_looks_like_a_formula_stays_text(sample, tmp_path):
    path = sample / "bieu-04.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("{xa: Xã Đông Phú, thon: Thôn Thanh Sơn}",
                                                            "{xa: Xã Đông Phú, thon: '=HYPERLINK(\"http://x\")'}"),
                    encoding="utf-8")
    ws = load_workbook(workbook_of(sample, tmp_path / "b.xlsx"))["Biểu 04"]
    cell = ws["C7"]
    assert cell.value == '=HYPERLINK("http://x")' and cell.data_type == "s"


@FOLDERS
@pytest.mark.parametrize("saved_by", ["reportgen", "libreoffice"])
def test_exported_workbook_reads_back_to_the_same_data(folder, saved_by, tmp_path):
    """As written, and as a spreadsheet that recalculated every formula saves it: the same annexes."""
    copy = tmp_path / folder.name
    shutil.copytree(folder, copy)
    book = workbook_of(folder, tmp_path / "bieu.xlsx")
    shutil.copy(book if saved_by == "reportgen" else recalculated(book, tmp_path), copy / "bieu.xlsx")
    point_annexes_at_workbook(copy, "bieu.xlsx")
    expected, actual = pipeline.check_folder(folder).plan, pipeline.check_folder(copy).plan
    assert [a.label for a in actual.annexes] == [a.label for a in expected.annexes]
    for before, after in zip(expected.annexes, actual.annexes):
        assert after == before, before.label
    assert str(actual.annex("01").rows()[0].loc).endswith("bieu.xlsx!Biểu 01!A7")


# A real engine recalculates -------------------------------------------------------------------------------------

def recalculated(path: Path, folder: Path) -> Path:
    """The workbook as LibreOffice computes it: its profile told to recalculate every formula on load."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.fail("LibreOffice (soffice) không có trên máy: cài gói libreoffice-calc-nogui để chạy phép thử này.")
    profile = folder / "lo-profile" / "user"
    profile.mkdir(parents=True, exist_ok=True)
    (profile / "registrymodifications.xcu").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
        'xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
        '<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">'
        '<value>0</value></prop></item>\n</oor:items>\n', encoding="utf-8")
    out = folder / "recalculated"
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{folder}/lo-profile", "--headless", "--norestore",
                           "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), str(path)],
                          capture_output=True, text=True, timeout=180)
    result = out / path.name
    assert done.returncode == 0 and result.exists(), done.stderr
    return result


def formula_cells(path: Path) -> list[tuple[str, str, str]]:
    book = load_workbook(path)
    return [(ws.title, cell.coordinate, cell.value) for ws in book.worksheets for row in ws.iter_rows()
            for cell in row if isinstance(cell.value, str) and cell.value.startswith("=")]


@FOLDERS
def test_libreoffice_recalculates_every_formula_to_our_figure(folder, tmp_path):
    path = workbook_of(folder, tmp_path / "bieu.xlsx")
    cells = same_after_recalculation(path, tmp_path)
    assert len(cells) >= 10
    if folder != SAMPLE:  # their weighted means are checkable, so they are formulas too
        assert any("SUMPRODUCT" in formula for _, _, formula in cells)


def same_after_recalculation(path: Path, folder: Path) -> list[tuple[str, str, str]]:
    """Every formula's cached value is what LibreOffice computes, to the last binary digit the figure has."""
    ours = load_workbook(path, data_only=True)
    theirs = load_workbook(recalculated(path, folder), data_only=True)
    cells = formula_cells(path)
    for sheet, coordinate, formula in cells:
        mine, engine = ours[sheet][coordinate].value, theirs[sheet][coordinate].value
        if mine is None:  # a % of plan without a plan: blank for both
            assert engine in (None, ""), f"{sheet}!{coordinate} {formula}: {engine} ≠ blank"
            continue
        assert engine == pytest.approx(mine, rel=1e-15, abs=1e-15), f"{sheet}!{coordinate} {formula}: {engine} ≠ {mine}"
    return cells


def test_district_workbooks_recalculate_to_their_own_totals(tmp_path):
    from reportgen.cli import main
    out = tmp_path / "bieu"
    assert main(["export", str(EDGES), "-o", str(out), "--format", "xlsx", "--by-unit", "--jobs", "1"]) == 0
    books = sorted(out.glob("*/bieu-0[14].xlsx"))
    assert len(books) == 8
    for number, book in enumerate(books):
        assert same_after_recalculation(book, tmp_path / f"u{number}")


def test_the_engine_really_recalculates(tmp_path):
    """A data cell changed behind the formulas' back: LibreOffice's total moves, our cached one did not."""
    path = workbook_of(SAMPLE, tmp_path / "bieu.xlsx")
    edited = tmp_path / "edited" / "bieu.xlsx"
    edited.parent.mkdir()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data, count = re.subn(rb'(<c r="L9"[^>]*><v>)11(</v>)', rb"\g<1>12\g<2>", data)
                assert count == 1
            target.writestr(item, data)
    theirs = load_workbook(recalculated(edited, tmp_path), data_only=True)["Biểu 01"]
    assert load_workbook(edited, data_only=True)["Biểu 01"]["L17"].value == 124
    assert theirs["L17"].value == 125 and theirs["K18"].value == 24


def test_a_label_excel_refuses_as_a_sheet_name_still_reads_back(sample, tmp_path):
    path = sample / "bieu-04.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Biểu 04", "label: Biểu 04/KH"), encoding="utf-8")
    book = workbook_of(sample, tmp_path / "bieu.xlsx")
    assert load_workbook(book).sheetnames[2] == "Biểu 04-KH"
    shutil.copy(book, sample / "bieu.xlsx")
    point_annexes_at_workbook(sample, "bieu.xlsx")
    assert pipeline.check_folder(sample).plan.annex("04").label == "Biểu 04/KH"


def test_two_annexes_with_one_label_are_refused(sample, run_check):
    path = sample / "bieu-03.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("label: Biểu 03", "label: Biểu 04"), encoding="utf-8")
    code, report = run_check(sample)
    message = report["problems"][0]["message"]
    assert code == 2 and "Hai biểu cùng tên 'Biểu 04'" in message and "bieu-03.yaml và" in message


# The report workbook: % of plan as formulas -------------------------------------------------------------------

def report_workbook(path: Path) -> Path:
    from reportgen.model.report import Period
    _, document = pipeline.compose_report_folder(SAMPLE, Period(2020, 1))
    path.write_bytes(xlsx_bytes(document, OPTIONS))
    return path


def _edited(path: Path, target: Path, sheet: int, cell: str, old: bytes, new: bytes) -> Path:
    """The workbook with one figure typed over, as a clerk would, its formulas left to recalculate."""
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{sheet}.xml":
                data, count = re.subn(rb'(<c r="%s"[^>]*><v>)%s(</v>)' % (cell.encode(), old), rb"\g<1>%s\g<2>" % new,
                                      data)
                assert count == 1
            out.writestr(item, data)
    return target


def test_percent_of_plan_is_a_formula_whose_cached_value_is_the_check_engines(tmp_path):
    path = report_workbook(tmp_path / "bao-cao.xlsx")
    ws, cached_ws = load_workbook(path)["Phụ lục I"], load_workbook(path, data_only=True)["Phụ lục I"]
    assert ws["E6"].value == "Tỷ lệ so với kế hoạch" and ws["H6"].value == "Tỷ lệ so với kế hoạch"
    assert ws["H9"].value == '=IF(AND(ISNUMBER(G9),ISNUMBER(F9),F9>0),ROUND(G9/F9,3),"")'
    assert ws["H17"].value.startswith("=IF(") and ws["G17"].value == "=SUM(G7:G16)"
    assert (cached_ws["H9"].value, cached_ws["H17"].value, cached_ws["E7"].value) == (0.333, 0.164, None)
    assert ws["H9"].number_format == ws["E7"].number_format == "0.0%"
    cells = same_after_recalculation(path, tmp_path)
    assert sum("ROUND(G" in formula for _, _, formula in cells) == 11


def test_a_district_figure_changed_moves_its_percent_of_plan_and_the_totals(tmp_path):
    path = report_workbook(tmp_path / "bao-cao.xlsx")
    assert load_workbook(path)["Phụ lục I"]["G9"].value == 1     # Lục Ngạn: 1 of 3 thôn kiểu mẫu
    edited = _edited(path, tmp_path / "edited" / "bao-cao.xlsx", 1, "G9", b"1", b"3")
    theirs = load_workbook(recalculated(edited, tmp_path), data_only=True)["Phụ lục I"]
    assert (theirs["G9"].value, theirs["H9"].value) == (3, 1.0)
    assert (theirs["G17"].value, theirs["H17"].value) == (11, 0.2)   # 11 of 55, was 9 of 55 (16,4%)


def test_a_comparison_over_blank_totals_sums_the_rows(book, cached, tmp_path, book_path):
    ws = book["Biểu 01"]
    assert ws["I17"].value is None and ws["J17"].value is None         # printed blank, as typed
    assert ws["I18"].value == "=ROUND(SUM(J7:J16)-SUM(I7:I16),0)" and cached["Biểu 01"]["I18"].value == -9
    assert ws["I18"].number_format.startswith('"Tăng "#,##0" xã";"Giảm "#,##0" xã"')
    edited = _edited(book_path, tmp_path / "edited" / "bieu.xlsx", 1, "I9", b"2", b"5")   # Lục Ngạn: 5 xã, not 2
    theirs = load_workbook(recalculated(edited, tmp_path), data_only=True)["Biểu 01"]
    assert theirs["I18"].value == -12


def test_name_column_and_header_rows_frozen_first_pages_unnumbered(book, book_path, tmp_path):
    assert [book[name].freeze_panes for name in book.sheetnames] == ["C7", "C6", "C6", "C6"]
    report = load_workbook(report_workbook(tmp_path / "bao-cao.xlsx"))
    assert report["Phụ lục I"].freeze_panes == "C7"
    for ws in book.worksheets + report.worksheets:
        assert ws.HeaderFooter.differentFirst and "&P" in ws.oddHeader.center.text
        assert not ws.firstHeader.center.text
