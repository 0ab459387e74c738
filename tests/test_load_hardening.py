"""Issue #19, the loader's part: wrong numbers not read from workbooks, inputs not read from outside their folder,
permissions, line endings, file names, odd characters, and long lists of problems capped."""

from __future__ import annotations

import json
import os
import shutil
import unicodedata
import zipfile
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.errors import Location, Problems
from reportgen.pipeline import check_folder
from tests.conftest import ROOT, findings, locations, replace_once
from reportgen.load.xlsx_file import _read_sheet
from tests.workbook import edited_workbook, point_annexes_at_workbook, write_annexes

HOA_PHONG = ROOT / "tests" / "data" / "hoa-phong-2024"


def hoa_phong(tmp_path):
    folder = tmp_path / "dau-vao"
    shutil.copytree(HOA_PHONG, folder)
    return folder


def workbook_folder(tmp_path):
    """Hòa Phong with its annexes' rows in bieu.xlsx."""
    folder = hoa_phong(tmp_path)
    write_annexes(list(check_folder(folder).plan.annexes), folder / "bieu.xlsx")
    point_annexes_at_workbook(folder, "bieu.xlsx")
    return folder


def messages(report: dict) -> list[str]:
    return [f"{p['location']['text'] if p.get('location') else ''}: {p['message']}" for p in report["problems"]]


# 16. Long lists of problems ------------------------------------------------------------------------------------

def test_twenty_thousand_unknown_keys_give_twenty_lines_and_a_count(tmp_path, run_check):
    folder = hoa_phong(tmp_path)
    with (folder / "van-ban.yaml").open("a", encoding="utf-8") as handle:
        handle.writelines(f"khoa_la_{i}: 1\n" for i in range(20_000))
    code, report = run_check(folder)
    assert code == 2
    said = report["problems"]
    assert len(said) == Problems.MAX_OF_A_KIND + 1
    assert "khoa_la_0'" in said[0]["message"] and "khoa_la_19'" in said[19]["message"]
    assert said[-1]["message"].startswith("… và 19.980 lỗi khác cùng loại")
    assert said[-1]["location"]["text"].endswith("van-ban.yaml")


def test_the_cap_counts_each_kind_apart_and_keeps_the_order():
    problems = Problems()
    for row in range(30):
        problems.add(f"Cột 'so_xa': 'x{row}' không phải là số.", Location("a.yaml", row + 1, 3))
        problems.add(f"Khóa 'k{row}' lặp lại (đã có ở dòng {row}).", Location("a.yaml", row + 1, 1))
    problems.add("Cột 'so_xa': 'x' không phải là số.", Location("b.yaml", 1, 1))  # another file, another kind
    texts = [p.message for p in problems.items]
    assert len(texts) == 20 + 1 + 20 + 1 + 1 and problems.total == 61
    assert texts[40].startswith("… và 10 lỗi khác") and texts[41].startswith("… và 10 lỗi khác")
    assert texts[-1] == "Cột 'so_xa': 'x' không phải là số."
    problems.add("Cột 'so_xa': 'x0' không phải là số.", Location("a.yaml", 1, 3))  # said already: not counted
    assert problems.total == 61


# 4. Line endings ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("ending", ["\r", "\r\n"])
def test_old_mac_and_windows_line_endings_are_lines(sample, run_check, ending):
    narrative = sample / "noi-dung.md"
    text = narrative.read_text(encoding="utf-8").replace("\nd) Sở Nội vụ", "\ne) Sở Nội vụ")
    narrative.write_text(text, encoding="utf-8")
    code, lf = run_check(sample)
    narrative.write_bytes(text.replace("\n", ending).encode("utf-8"))
    assert run_check(sample) == (code, lf)
    failed = findings(lf, "point-letters", "fail")
    assert code == 1 and failed and locations(failed[0])[0].endswith("noi-dung.md:93:1")


# 7. Links out of the folder -----------------------------------------------------------------------------------

def test_a_narrative_linked_to_a_file_outside_is_refused_unread(sample, tmp_path, capsys):
    secret = tmp_path / "thu-rieng.md"
    secret.write_text("Mật khẩu ngân hàng: 123456\n", encoding="utf-8")
    (sample / "noi-dung.md").unlink()
    (sample / "noi-dung.md").symlink_to(secret)
    assert main(["build", str(sample), "-o", str(tmp_path / "ra")]) == 2
    out = capsys.readouterr().out
    assert "noi-dung.md: Tệp là liên kết (symlink) tới một tệp nằm ngoài thư mục đầu vào: không đọc." in out
    assert "123456" not in out and not (tmp_path / "ra").exists()


@pytest.mark.parametrize("name", ["so-lieu.yaml", "bieu-01.yaml", "van-ban.yaml"])
def test_a_yaml_linked_outside_is_refused_and_its_keys_never_echoed(sample, tmp_path, run_check, name):
    outside = tmp_path / "khac.yaml"
    outside.write_text("mat_khau_bi_mat: 1\n", encoding="utf-8")
    (sample / name).unlink()
    (sample / name).symlink_to(outside)
    code, report = run_check(sample)
    assert code == 2
    assert any(m.endswith(f"{name}: Tệp là liên kết (symlink) tới một tệp nằm ngoài thư mục đầu vào: không đọc. "
                          "Chép chính tệp đó vào thư mục đầu vào (thay cho liên kết) rồi chạy lại.")
               for m in messages(report))
    assert "mat_khau_bi_mat" not in json.dumps(report, ensure_ascii=False)


def test_a_workbook_linked_outside_is_refused(tmp_path, run_check):
    folder = workbook_folder(tmp_path)
    moved = tmp_path / "bieu-that.xlsx"
    (folder / "bieu.xlsx").rename(moved)
    (folder / "bieu.xlsx").symlink_to(moved)
    code, report = run_check(folder)
    assert code == 2 and messages(report)[0].endswith("bieu.xlsx: Tệp là liên kết (symlink) tới một tệp nằm ngoài "
                                                      "thư mục đầu vào: không đọc. Chép chính tệp đó vào thư mục "
                                                      "đầu vào (thay cho liên kết) rồi chạy lại.")


def test_links_that_stay_inside_the_folder_are_read(sample, run_check):
    (sample / "ban-goc").mkdir()
    (sample / "noi-dung.md").rename(sample / "ban-goc" / "noi-dung.md")
    (sample / "noi-dung.md").symlink_to(sample / "ban-goc" / "noi-dung.md")
    code, report = run_check(sample)
    assert code == 0, report["problems"]


# 11. Permissions ----------------------------------------------------------------------------------------------

def test_a_file_the_user_cannot_read_is_the_inputs_fault(sample, run_check, monkeypatch):
    """Root reads every file whatever its mode, so the refusal is simulated where the bytes are read."""
    narrative, read = sample / "noi-dung.md", Path.read_bytes

    def refuse(path):
        if path == narrative:
            raise PermissionError(13, "Permission denied", str(path))
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    code, report = run_check(sample)
    assert code == 2
    assert messages(report) == [f"{narrative}: Không có quyền đọc tệp: cấp quyền đọc cho người dùng đang chạy "
                                "reportgen (hoặc chép tệp vào một thư mục của mình) rồi chạy lại."]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_a_file_without_read_permission_exits_2(sample, run_check):
    (sample / "bieu-01.yaml").chmod(0)
    code, report = run_check(sample)
    assert code == 2 and "Không có quyền đọc tệp" in messages(report)[0]


# 19. File names as macOS writes them --------------------------------------------------------------------------

def test_a_file_named_in_nfd_is_found(sample, run_check):
    nfd = unicodedata.normalize("NFD", "nội-dung.md")
    (sample / "noi-dung.md").rename(sample / nfd)
    replace_once(sample / "van-ban.yaml", "narrative: noi-dung.md", "narrative: nội-dung.md")
    assert nfd != "nội-dung.md" and not (sample / "nội-dung.md").exists()
    code, report = run_check(sample)
    assert code == 0, report["problems"]


# 1, 2, 3, 15. What a workbook says ------------------------------------------------------------------------------

def test_every_blank_cell_of_an_array_formula_is_refused(tmp_path, run_check):
    from openpyxl.worksheet.formula import ArrayFormula
    folder = workbook_folder(tmp_path)
    with edited_workbook(folder / "bieu.xlsx") as book:
        sheet = book["Biểu 01"]
        for cell in ("D10", "E10"):
            sheet[cell] = None  # as a program that writes formulas without computing them leaves them
        sheet["C10"] = ArrayFormula("C10:E10", "=C6:E6+C7:E7")
    code, report = run_check(folder)
    assert code == 2
    assert [m.split("bieu.xlsx!")[1] for m in messages(report)] == [
        f"Biểu 01!{cell}: Ô {kind}C10:E10 nhưng sổ tính không lưu giá trị đã tính. Mở tệp bằng Excel hoặc "
        "LibreOffice, để nó tính lại, lưu rồi chạy lại." for cell, kind in
        (("C10", "là công thức mảng "), ("D10", "thuộc công thức mảng "), ("E10", "thuộc công thức mảng "))]


@pytest.mark.parametrize(("formula", "cached", "refused"), [
    ("14.3", 0, True), ("14.3", 14.3, False), ("(1+2)*3", 9, False), ("-2/4", -0.5, False), ("1/3", 0.333333333333333,
                                                                                             False),
    ("1/3", 0, True), ("14.3", "14,3", True), ("14.3", True, True),
    ("SUM(C6:C9)", 0, False),   # names cells: the column-sum rule judges the figure
    ("C6", 0, False), ("1/0", 0, False),
])
def test_a_constant_formula_must_hold_its_own_value(formula, cached, refused):
    from reportgen.load.xlsx_file import _computed
    problems = Problems()
    assert _computed(cached, (None, None, formula), Location("b.xlsx", sheet="S", cell="A1"), problems) != refused
    assert bool(problems) == refused
    if refused:
        assert problems.items[0].message.startswith(f"Ô là công thức ={formula} nhưng giá trị lưu trong tệp là ")


def test_a_workbook_saved_by_a_spreadsheet_reads_its_constant_formulas(tmp_path, run_check):
    folder = workbook_folder(tmp_path)
    path = folder / "bieu.xlsx"
    with zipfile.ZipFile(path) as source:
        parts = {item: source.read(item) for item in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert sheet.count(b'<c r="H6" t="n"><v>18.5</v></c>') == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<c r="H6" t="n"><v>18.5</v></c>',
                                                      b'<c r="H6" t="n"><f>18.5</f><v>18.5</v></c>')
    with zipfile.ZipFile(path, "w") as target:
        for item, data in parts.items():
            target.writestr(item, data)
    assert run_check(folder)[0] == 0


def test_only_the_sheets_the_annexes_name_are_read(tmp_path, run_check, monkeypatch):
    from reportgen.load import xlsx_file
    folder = workbook_folder(tmp_path)
    with edited_workbook(folder / "bieu.xlsx") as book:
        book.create_sheet("Nháp")["XFD1048576"] = 1
    read = []
    monkeypatch.setattr(xlsx_file, "_read_sheet", lambda shown, book, ws, problems: read.append(ws.title) or
                        _read_sheet(shown, book, ws, problems))
    assert run_check(folder)[0] == 0
    assert read == ["Biểu 01", "Biểu 02", "Biểu 03"]


@pytest.mark.parametrize(("far", "words"), [
    ("L20", "có vùng dùng tới ô L20"),      # one far cell: rows × columns, though two cells hold little
    (None, "có hơn 100 ô"),                  # blank cells with a format set: each costs as it is parsed
])
def test_what_one_sheet_may_cost_is_bounded(tmp_path, run_check, monkeypatch, far, words):
    from reportgen.load import xlsx_file
    folder = workbook_folder(tmp_path)
    with edited_workbook(folder / "bieu.xlsx") as book:
        if far:
            book["Biểu 01"][far] = "ghi chú"
        else:
            for row in range(20, 120):
                book["Biểu 01"].cell(row, 1).number_format = "0.0"
    monkeypatch.setattr(xlsx_file, "MAX_SHEET_CELLS", 100)  # Biểu 01 uses A1:I11, 99 cells
    code, report = run_check(folder)
    assert code == 2
    assert messages(report)[0].endswith(f"bieu.xlsx!Biểu 01: Trang tính {words}, quá lớn để đọc. Xóa các dòng, cột "
                                        "thừa ở cuối trang (hoặc chép bảng sang một sổ tính mới) rồi lưu lại.")


# 17, 18. Messages that say what is odd ---------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Huyện Lục N\u0430m", (11, "Chữ 'а' ở ký tự thứ 12 của 'Huyện Lục Nаm' là chữ Kirin (Nga) U+0430")),
    ("Xã \u0391n Hòa", (3, "Chữ 'Α' ở ký tự thứ 4 của 'Xã Αn Hòa' là chữ Hy Lạp U+0391")),
    ("Huyện\u200b Lục Nam", (5, "Có ký tự vô hình U+200B (khoảng trắng không độ rộng) ở ký tự thứ 6")),
    ("Huyện Lục Nam", None), ("Москва", None), ("hệ số α = 0,5", None), ("Huyện Lục Nam", None),
])
def test_an_invisible_or_look_alike_character_is_named(text, expected):
    from reportgen.load.raw import odd_character
    found = odd_character(text)
    assert (found if expected is None else (found[0], found[1][:len(expected[1])])) == expected


def test_a_look_alike_letter_in_a_workbook_cell_and_a_yaml_key_is_placed(tmp_path, run_check):
    folder = workbook_folder(tmp_path)
    with edited_workbook(folder / "bieu.xlsx") as book:
        assert book["Biểu 01"]["B7"].value == "Thị xã Nam Hà"
        book["Biểu 01"]["B7"] = "Thị xã N\u0430m Hà"
    replace_once(folder / "so-lieu.yaml", "lop_tap_huan:", "l\u043ep_tap_huan:")
    code, report = run_check(folder)
    assert code == 2
    said = messages(report)
    assert any(m.endswith("so-lieu.yaml:6:4: Chữ 'о' ở ký tự thứ 2 của 'lоp_tap_huan' là chữ Kirin (Nga) U+043E, "
                          "trông giống chữ Latinh nhưng máy coi là chữ khác, nên tên không khớp: xóa chữ đó và gõ "
                          "lại bằng bàn phím tiếng Việt.") for m in said), said
    assert any(m.endswith("bieu.xlsx!Biểu 01!B7: Chữ 'а' ở ký tự thứ 9 của 'Thị xã Nаm Hà' là chữ Kirin (Nga) "
                          "U+0430, trông giống chữ Latinh nhưng máy coi là chữ khác, nên tên không khớp: xóa chữ đó "
                          "và gõ lại bằng bàn phím tiếng Việt.") for m in said), said


@pytest.mark.parametrize(("written", "words"), [
    ("'12.5'", "'12.5' là con số viết trong dấu nháy nên được đọc thành chữ: bỏ dấu nháy, viết 12.5."),
    ('"7"', "'7' là con số viết trong dấu nháy nên được đọc thành chữ: bỏ dấu nháy, viết 7."),
    ("'mười hai'", "'mười hai' không phải là số."),
])
def test_a_number_in_quotes_is_called_so(tmp_path, run_check, written, words):
    folder = hoa_phong(tmp_path)
    line = replace_once(folder / "so-lieu.yaml", "value: 62.5,", f"value: {written},")
    code, report = run_check(folder)
    assert code == 2
    assert any(f"so-lieu.yaml:{line}:" in m and words in m for m in messages(report)), messages(report)
