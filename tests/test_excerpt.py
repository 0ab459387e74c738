"""The lines or cells a page shows around a finding's place (load/excerpt.py), and what it refuses to read."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from reportgen.errors import Location
from reportgen.pipeline import Excerpt, ExcerptRow, check_folder, display_path, excerpt
from tests.conftest import ROOT, SAMPLE, line_of

RETURN = "inputs/bac-giang-2020/bao-cao-2020-q2/tra-ve/so-lieu-Huyện-Hiệp-Hòa.xlsx"


def test_a_yaml_line_with_the_lines_around_it():
    line = line_of(SAMPLE / "van-ban.yaml", "number: 552")
    shown = excerpt(Location("inputs/bac-giang-2020/van-ban.yaml", line, 9), ROOT)
    assert shown == Excerpt("lines", (
        ExcerptRow(line - 2, ("issuing_body: [BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG]",)),
        ExcerptRow(line - 1, ("issuing_body_name: Ban Chỉ đạo các Chương trình MTQG tỉnh Bắc Giang",)),
        ExcerptRow(line, ("number: 552",), 0),
        ExcerptRow(line + 1, ("symbol: KH-BCĐ",)),
        ExcerptRow(line + 2, ("place: Bắc Giang",))), col=9)


def test_a_markdown_line_at_the_top_has_no_lines_before_it_and_radius_is_kept():
    text = (SAMPLE / "noi-dung.md").read_text(encoding="utf-8").split("\n")
    shown = excerpt(Location("inputs/bac-giang-2020/noi-dung.md", 1), ROOT, radius=1)
    assert [(r.number, r.values, r.located) for r in shown.rows] == [(1, (text[0],), 0), (2, (text[1],), None)]
    assert shown.col is None and shown.columns == ()
    last = len(text) - 1 if text[-1] == "" else len(text)
    assert [r.number for r in excerpt(Location("inputs/bac-giang-2020/noi-dung.md", last), ROOT).rows] == \
        [last - 2, last - 1, last]
    assert excerpt(Location("inputs/bac-giang-2020/noi-dung.md", last + 1), ROOT) is None


def test_every_place_the_samples_check_names_is_shown_at_its_line(sample, monkeypatch):
    """The locations check really gives (display paths, relative to the working folder), each at its line."""
    monkeypatch.chdir(sample.parent)
    result = check_folder(Path(sample.name))
    places = {loc for finding in result.findings for loc in finding.locations if loc.line is not None}
    assert len(places) > 50 and all(not Path(loc.file).is_absolute() for loc in places)
    for loc in places:
        shown = excerpt(loc, sample.parent)
        assert [r.number for r in shown.rows if r.located == 0] == [loc.line], loc
        assert loc.col is None or loc.col <= len(shown.rows[loc.line - shown.rows[0].number].values[0]) + 1


def test_a_workbook_cell_with_the_cells_around_it_and_the_indicator_column():
    """Column B names the indicator (A is its number, C its measure): shown left of the window D-F."""
    shown = excerpt(Location(RETURN, sheet="Số liệu", cell="F7"), ROOT)
    assert shown == Excerpt("cells", (
        ExcerptRow(5, ("Chỉ tiêu", "Kế hoạch năm 2020", "Đã báo cáo đến hết quý I năm 2020",
                       "Thực hiện đến hết quý II năm 2020 (nhập)")),
        ExcerptRow(6, ("Số thôn đạt chuẩn nông thôn mới", "104", "96", "99")),
        ExcerptRow(7, ("Số thôn đạt chuẩn nông thôn mới kiểu mẫu", "5", "1", "2"), 3),
        ExcerptRow(8, ("Số xã đạt chuẩn nông thôn mới (Tính theo xã sáp nhập)", "22", "15", "17")),
        ExcerptRow(9, ("Số xã đạt chuẩn nông thôn mới nâng cao/kiểu mẫu", "1", "0", "0"))), ("B", "D", "E", "F"))


def test_a_cell_below_the_header_gets_the_header_row_above_its_window():
    """trial18 #7: F8's window is rows 6-9, numbers only; the header (row 5) comes first, not the title lines 1-3
    (text in column A only). An agency's G9: the header, then rows 7-11 after a gap, the task's content (B)."""
    shown = excerpt(Location(RETURN, sheet="Số liệu", cell="F8"), ROOT)
    assert [r.number for r in shown.rows] == [5, 6, 7, 8, 9] and shown.columns == ("B", "D", "E", "F")
    assert shown.rows[0].values[1:] == ("Kế hoạch năm 2020", "Đã báo cáo đến hết quý I năm 2020",
                                        "Thực hiện đến hết quý II năm 2020 (nhập)")
    assert shown.rows[3] == ExcerptRow(8, ("Số xã đạt chuẩn nông thôn mới (Tính theo xã sáp nhập)", "22", "15", "17"), 3)
    agency = RETURN.replace("so-lieu-Huyện-Hiệp-Hòa", "nhiem-vu-UBND-huyện-TP")
    shown = excerpt(Location(agency, sheet="Nhiệm vụ", cell="G9"), ROOT)
    assert shown.columns == ("B", "E", "F", "G", "H") and [r.number for r in shown.rows] == [5, 7, 8, 9, 10, 11]
    assert shown.rows[0].values == ("Nội dung nhiệm vụ", "Ngày hoàn thành đã báo cáo", "Tình trạng (chọn)",
                                    "Ngày hoàn thành (ngày/tháng/năm)", "Ghi chú")
    assert shown.rows[3].located == 3 and shown.rows[3].values[0].startswith("Rà soát, điều chỉnh Đồ án quy hoạch")
    # a task's content beside the window is cut at 60 characters: the excerpt stays a few lines high
    assert shown.rows[1].values[0] == "Xây dựng kế hoạch thực hiện Chương trình nông thôn mới năm 2…"


def test_a_made_sheet_a_two_level_header_and_no_header_no_label(tmp_path):
    """Without knowing the sheet: a title over column A or a unit line over F is not the header; a header of two rows is shown whole; the
    label column is the longest text left of the window in the located row (the unit, not its code); a sheet of
    numbers gets neither."""
    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu 01"
    sheet.append(["BIỂU TỔNG HỢP"])
    sheet.append([None] * 5 + ["Đơn vị tính: thôn, xã"])     # over column F, as many a biểu has it: not the header
    sheet.append(["Mã", "Đơn vị", "Số thôn", None, "Số xã", None])
    sheet.append([None, None, "2019", "2020", "2019", "2020"])
    for n in range(1, 11):
        sheet.append([f"H{n}", f"Huyện {n}", n, n + 1, n + 2, n + 3])
    numbers = book.create_sheet("So")
    for n in range(1, 11):
        numbers.append([n, n * 2, n * 3, n * 4, n * 5])
    book.save(tmp_path / "bieu.xlsx")
    shown = excerpt(Location("bieu.xlsx", sheet="Biểu 01", cell="E12"), tmp_path, radius=1)
    assert shown.columns == ("B", "D", "E", "F") and [r.number for r in shown.rows] == [3, 4, 11, 12, 13]
    assert shown.rows[0].values == ("Đơn vị", "", "Số xã", "") and shown.rows[1].values == ("", "2020", "2019", "2020")
    assert shown.rows[3] == ExcerptRow(12, ("Huyện 8", "9", "10", "11"), 2)
    shown = excerpt(Location("bieu.xlsx", sheet="So", cell="D8"), tmp_path, radius=1)
    assert shown.columns == ("C", "D", "E") and [r.number for r in shown.rows] == [7, 8, 9]


def test_a_cell_in_the_corner_and_a_made_workbook_with_numbers_dates_and_percentages(tmp_path):
    from datetime import date

    from openpyxl import Workbook
    book = Workbook()
    sheet = book.active
    sheet.title = "Biểu 01"
    sheet.append(["Tên", "Ngày", "Tỷ lệ", "Số"])
    sheet.append(["Xã Đồng Tân", date(2020, 2, 17), 0.674, 1234.5])
    sheet["C2"].number_format = "0.0%"
    book.save(tmp_path / "bieu.xlsx")
    shown = excerpt(Location("bieu.xlsx", sheet="Biểu 01", cell="A1"), tmp_path, radius=1)
    assert shown == Excerpt("cells", (ExcerptRow(1, ("Tên", "Ngày"), 0),
                                      ExcerptRow(2, ("Xã Đồng Tân", "17/02/2020"))), ("A", "B"))
    shown = excerpt(Location("bieu.xlsx", sheet="Biểu 01", cell="D2"), tmp_path, radius=1)
    assert shown.columns == ("A", "C", "D") and shown.rows[1] == ExcerptRow(2, ("Xã Đồng Tân", "67,4%", "1.234,5"), 2)
    assert excerpt(Location("bieu.xlsx", sheet="Biểu 09", cell="A1"), tmp_path) is None
    assert excerpt(Location("bieu.xlsx", sheet="Biểu 01", cell="1A"), tmp_path) is None


def test_a_path_outside_base_is_not_read(tmp_path):
    base, secret = tmp_path / "goc", tmp_path / "bi-mat.yaml"
    base.mkdir()
    secret.write_text("password: x\nkey: y\n", encoding="utf-8")
    (base / "lien-ket.yaml").symlink_to(secret)
    (base / "thu-muc").symlink_to(tmp_path)
    shutil.copy(SAMPLE / "van-ban.yaml", base / "van-ban.yaml")
    assert excerpt(Location("van-ban.yaml", 8), base) is not None
    for name in ("../bi-mat.yaml", str(secret), "lien-ket.yaml", "thu-muc/bi-mat.yaml", "./../goc/../bi-mat.yaml"):
        assert excerpt(Location(name, 1), base) is None, name


def test_a_missing_file_a_folder_a_fifo_and_a_large_file_are_not_read(tmp_path):
    import os
    (tmp_path / "thu-muc").mkdir()
    os.mkfifo(tmp_path / "ong")
    (tmp_path / "lon.md").write_bytes(b"x\n" * (3 * 1024 * 1024))
    (tmp_path / "nhi-phan.md").write_bytes(b"\x00\x01\x02\n")
    for name in ("khong-co.yaml", "thu-muc", "ong", "lon.md", "nhi-phan.md", ""):
        assert excerpt(Location(name, 1), tmp_path) is None, name
    assert excerpt(Location("khong-co.xlsx", sheet="A", cell="A1"), tmp_path) is None


def test_a_zip_bomb_and_a_text_file_named_xlsx_are_refused(tmp_path):
    """The bomb is a good workbook with a member that unpacks 1000 times its size: openpyxl alone would open it."""
    from openpyxl import Workbook
    Workbook().save(tmp_path / "so.xlsx")
    shutil.copy(tmp_path / "so.xlsx", tmp_path / "bom.xlsx")
    with zipfile.ZipFile(tmp_path / "bom.xlsx", "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/dem.bin", b"0" * (20 * 1024 * 1024))
    assert (tmp_path / "bom.xlsx").stat().st_size < 100 * 1024
    (tmp_path / "thu.xlsx").write_text("Kính gửi", encoding="utf-8")
    assert excerpt(Location("so.xlsx", sheet="Sheet", cell="A1"), tmp_path) is not None
    for name in ("bom.xlsx", "thu.xlsx"):
        assert excerpt(Location(name, sheet="Sheet", cell="A1"), tmp_path) is None, name


@pytest.mark.parametrize("location", [Location("inputs/bac-giang-2020/noi-dung.md", 3, place="đoạn 3 («I. MỤC»)"),
                                      Location("inputs/bac-giang-2020/noi-dung.md"), Location(RETURN, sheet="Số liệu")])
def test_a_word_paragraph_a_file_and_a_sheet_give_none(location):
    assert excerpt(location, ROOT) is None


def test_display_paths_resolve_against_the_working_folder(monkeypatch):
    monkeypatch.chdir(ROOT)
    shown = display_path(SAMPLE / "van-ban.yaml")
    assert excerpt(Location(shown, 4), Path.cwd()).rows[2] == ExcerptRow(4, ("kind: ke_hoach",), 0)
