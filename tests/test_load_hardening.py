"""Issue #19, the loader's part: wrong numbers not read from workbooks, inputs not read from outside their folder,
permissions, line endings, file names, odd characters, and long lists of problems capped."""

from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
import zipfile
from decimal import Decimal
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

def _unreadable(monkeypatch, refused: Path) -> None:
    """Root reads every file whatever its mode: the refusal is made where the bytes are read."""
    read = Path.read_bytes

    def refuse(path):
        if path == refused:
            raise PermissionError(13, "Permission denied", str(path))
        return read(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)


def test_a_file_the_user_cannot_read_is_the_inputs_fault(sample, run_check, monkeypatch):
    """Root reads every file whatever its mode, so the refusal is simulated where the bytes are read."""
    narrative = sample / "noi-dung.md"
    _unreadable(monkeypatch, narrative)
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


# 2. Formulas saved with a value they do not compute (load/xlsx_formulas.py) ----------------------------------------

_TOTALS = {("Biểu 01", "C10"): "=SUM(C6:C9)", ("Biểu 01", "D10"): "=D6+D7+D8+D9",
           ("Biểu 01", "G10"): "=ROUND(SUM(G6:G9)-0,0)"}


@pytest.mark.parametrize("values", [None, {"C10": 60, "D10": 34, "G10": 11}])
def test_totals_written_without_computing_are_refused_at_each_cell(tmp_path, run_check, values):
    from tests.workbook import rewritten_by_xlsxwriter
    folder = workbook_folder(tmp_path)
    rewritten_by_xlsxwriter(folder / "bieu.xlsx", {key: (formula, values and values[key[1]])
                                                   for key, formula in _TOTALS.items()})
    code, report = run_check(folder)
    if values:
        assert code == 0, messages(report)
        return
    assert code == 2
    said = [m.split("bieu.xlsx!")[1] for m in messages(report)]
    assert [m.split(":")[0] for m in said] == ["Biểu 01!C10", "Biểu 01!D10", "Biểu 01!G10"]
    assert said[0] == ("Biểu 01!C10: Ô là công thức '=SUM(C6:C9)', tính từ các ô của trang tính thì được '60', nhưng "
                       "giá trị lưu trong tệp là '0': tệp được ghi bởi một chương trình không tính công thức (con số "
                       "lưu chỉ là giá trị tạm) hoặc đã bị sửa ngoài bảng tính. Mở tệp bằng Excel hoặc LibreOffice, "
                       "để nó tính lại, lưu rồi chạy lại.")
    assert "'=D6+D7+D8+D9', tính từ các ô của trang tính thì được '34', nhưng giá trị lưu trong tệp là '0'" in said[1]


def _with_sheet_xml(path: Path, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as source:
        parts = {item: source.read(item) for item in source.namelist()}
    assert parts["xl/worksheets/sheet1.xml"].count(old) == 1
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(old, new)
    with zipfile.ZipFile(path, "w") as target:
        for item, data in parts.items():
            target.writestr(item, data)


@pytest.mark.parametrize(("xml", "refused"), [
    (b'<c r="C10" t="n"><f>SUM(C6:C9)</f><v>61</v></c>', ["C10"]),        # edited outside a spreadsheet
    (b'<c r="C10" t="n"><f>SUM(C6:C9)</f><v>60</v></c>', []),
    (b'<c r="C10" t="n"><f>SUM($C$6:C9)+0*AVERAGE(C6:C7)-MIN(C6:C9)+MAX(C6,C7,C8,C9)+COUNT(C6:C9)-IF(AND(ISNUMBER(C6),'
     b'C7&gt;=12),ROUND(-C8/4,-1)+28,1)</f><v>60</v></c>', []),
    (b'<c r="C10" t="n"><f>SUM(C6:C9)*(1+1/3-1/3)</f><v>60.000000000000007</v></c>', []),  # binary float noise
    # shared: the first cell holds the text, the others are it moved; D10 is =SUM(D6:D9), 34, not 0
    (b'<c r="C10" t="n"><f t="shared" ref="C10:D10" si="0">SUM(C6:C9)</f><v>60</v></c><c r="D10" t="n"><f '
     b't="shared" si="0"/><v>0</v></c>', ["D10"]),
    # outside the grammar: read as saved (the column-sum rule judges the figure)
    (b'<c r="C10" t="n"><f>SUMPRODUCT(C6:C9)</f><v>60</v></c>', []),
    ("<c r=\"C10\" t=\"n\"><f>'Biểu 02'!Z1+60</f><v>60</v></c>".encode(), []),
    # empty text as LibreOffice and Excel save it (t="str"), in and out of the grammar: a value, not a missing one
    (b'<c r="C10" t="n"><v>60</v></c><c r="T10" t="str"><f>IFERROR(1/0,"")</f><v></v></c>', []),
    (b'<c r="C10" t="n"><v>60</v></c><c r="T10" t="str"><f>IF(Z8="","",Z8*2)</f><v></v></c>', []),
    # the same formula as openpyxl writes it, never computed: no type, no value
    (b'<c r="C10" t="n"><v>60</v></c><c r="T10"><f>IFERROR(1/0,"")</f><v></v></c>', ["T10"]),
])
def test_a_formula_is_recomputed_from_the_sheet(tmp_path, run_check, xml, refused):
    folder = workbook_folder(tmp_path)
    old = b'<c r="C10" t="n"><v>60</v></c>' + (b'<c r="D10" t="n"><v>34</v></c>' if b"D10" in xml else b"")
    _with_sheet_xml(folder / "bieu.xlsx", old, xml)
    code, report = run_check(folder)
    assert [m.split("bieu.xlsx!Biểu 01!")[1].split(":")[0] for m in messages(report)] == refused
    assert code == (2 if refused else 0)


def test_a_cycle_and_a_long_chain_end(tmp_path, run_check):
    """A1 = B1, B1 = A1 is not judged (a spreadsheet says it is circular); a running total down 30.000 rows is judged
    without recursion, its last cell's wrong figure found."""
    from reportgen.load.xlsx_formulas import SheetFormulas
    formulas = SheetFormulas()
    formulas.add(1, 1, None, "B1", None, 0)
    formulas.add(1, 2, None, "A1+1", None, 5)
    values = {(row, 3): Decimal(1) for row in range(1, 30_001)}
    for row in range(2, 30_001):
        formulas.add(row, 4, None, f"D{row - 1}+C{row}", None, row - 1 if row < 30_000 else 0)
    formulas.add(1, 4, None, "C1-1", None, 0)
    found = formulas.mismatches(values, lambda r, c: values.get((r, c)))
    assert [(cell, text, saved, computed) for cell, text, saved, computed in found] == [
        ((30_000, 4), "D29999+C30000", 0, Decimal(29_999))]


def test_every_formula_of_our_own_workbooks_recomputes_to_its_cached_value(tmp_path):
    """The plan's export (sums, changes over blank totals) and the report's (% of plan: IF, AND, ISNUMBER, ROUND);
    a district figure typed over, its formulas left stale, is caught at each formula that names it."""
    from reportgen import pipeline
    from reportgen.load.xlsx_file import open_workbook
    from reportgen.model.report import Period
    from reportgen.write.xlsx.workbook import xlsx_bytes
    from tests.conftest import OPTIONS, SAMPLE
    (tmp_path / "bieu.xlsx").write_bytes(xlsx_bytes(pipeline.compose_folder(SAMPLE)[1], OPTIONS))
    (tmp_path / "bao-cao.xlsx").write_bytes(xlsx_bytes(pipeline.compose_report_folder(SAMPLE, Period(2020, 1))[1],
                                                       OPTIONS))
    judged = []
    for name in ("bieu.xlsx", "bao-cao.xlsx"):
        problems = Problems()
        book = open_workbook(tmp_path / name, problems)
        for sheet in book.sheet_names:
            book.grid(sheet, problems)
        assert not problems, [p.message for p in problems.items]
        judged.append(book)
    with zipfile.ZipFile(tmp_path / "bao-cao.xlsx") as source:
        sheet = source.read("xl/worksheets/sheet1.xml")
    _with_sheet_xml(tmp_path / "bao-cao.xlsx", re.search(rb'<c r="G9"[^>]*><v>1</v>', sheet).group(),
                    re.search(rb'<c r="G9"[^>]*><v>', sheet).group() + b"3</v>")
    problems = Problems()
    book = open_workbook(tmp_path / "bao-cao.xlsx", problems)
    book.grid(book.sheet_names[0], problems)
    assert [(p.location.cell, p.message.split("'")[1:4:2]) for p in problems.items] == [
        ("H9", ['=IF(AND(ISNUMBER(G9),ISNUMBER(F9),F9>0),ROUND(G9/F9,3),"")', "1"]),
        ("G17", ["=SUM(G7:G16)", "11"]),
        ("H17", ['=IF(AND(ISNUMBER(G17),ISNUMBER(F17),F17>0),ROUND(G17/F17,3),"")', "0,2"])]


@pytest.mark.parametrize(("formula", "cells", "expected"), [
    ("SUM(A1:A3)", {"A1": "1", "A2": "x", "A3": None}, "1"),           # text and blanks in a range are skipped
    ("A1+A2", {"A1": "1", "A2": "x"}, None),                              # text in arithmetic: not judged
    ("A1/A2", {"A1": "1", "A2": None}, None),                             # #DIV/0!
    ("AVERAGE(A1:A2)", {"A1": "1", "A2": "2"}, "1.5"),
    ("AVERAGE(A1:A2)", {}, None),
    ("MIN(A1:A2)+MAX(A1:A2)*10+COUNT(A1:A3)*100", {"A1": "-1", "A2": "2"}, "219"),
    ("ROUND(2.675,2)", {}, "2.68"), ("ROUND(-2.5,0)", {}, "-3"), ("ROUND(1250,-2)", {}, "1300"),
    ("ROUND(A1/A2,3)", {"A1": "0.1", "A2": "0.3"}, "0.333"),
    ("ROUND(1/3*3-0.5,0)", {}, "1"),          # 0,5 to the 15 digits a spreadsheet keeps, not 0,4999…
    ('IF(A1>0,"có","")', {"A1": "0"}, ""), ("IF(A1>0,1)", {"A1": "0"}, None),  # FALSE is no figure
    ("IF(AND(ISNUMBER(A1),A1<>2),A1,-1)", {"A1": "2"}, "-1"),
    ("A1", {}, "0"), ("-(-A1)*2", {"A1": "1.5"}, "3"),
    ("SUMPRODUCT(A1:A2)", {"A1": "1"}, None), ("A:A", {}, None), ("Z1!A1", {}, None), ("50%", {}, None),
    ("A1^2", {}, None), ("A1&A2", {}, None), ("TRUE", {}, None), ("_xlfn.CONCAT(A1)", {}, None),
    ("A1:A2", {}, None), ("1+", {}, None), ("(1", {}, None), ("SUM(1,)", {}, None),
    ("(" * 40 + "1" + ")" * 40, {}, None),                                # nesting past the bound
])
def test_the_formula_grammar(formula, cells, expected):
    from openpyxl.utils.cell import coordinate_from_string, column_index_from_string
    from reportgen.load.xlsx_formulas import SheetFormulas

    def at(name):
        letters, row = coordinate_from_string(name)
        return row, column_index_from_string(letters)
    values = {at(name): Decimal(v) if v is not None and v[-1].isdigit() else v for name, v in cells.items()}
    formulas = SheetFormulas()
    formulas.add(99, 1, None, formula, None, "sentinel")  # a saved value nothing computes: judged means found
    found = formulas.mismatches(values, lambda r, c: values.get((r, c)))
    computed = found[0][3] if found else None
    assert computed == (Decimal(expected) if expected and expected[-1].isdigit() else expected)


@pytest.mark.parametrize(("saved", "computed", "same"), [
    (60, Decimal(60), True), (0, Decimal(60), False), (1_000_000_001, Decimal(1_000_000_000), False),
    (61, Decimal(60), False), (60.0, Decimal(60), True),
    (0.30000000000000004, Decimal("0.3"), True), (5.551115123125783e-17, Decimal(0), True),
    (0.333333333333333, Decimal(1) / 3, True), (0.3334, Decimal(1) / 3, False),
    ("", "", True), (0, "", False), ("", Decimal(0), False), (True, Decimal(1), True),
])
def test_a_saved_value_agrees_exactly_for_integers_and_to_1e9_for_fractions(saved, computed, same):
    from reportgen.load.xlsx_formulas import agrees
    assert agrees(saved, computed) is same


def test_a_range_over_a_whole_column_costs_what_the_sheet_holds():
    """Twenty =SUM(A1:A1048576) would visit 20 million cells one by one; they look at the 3 cells filled."""
    from reportgen.load.xlsx_formulas import MAX_WORK, SheetFormulas
    values = {(row, 1): Decimal(row) for row in (1, 2, 3)}
    formulas = SheetFormulas()
    for col in range(2, 22):
        formulas.add(1, col, None, "SUM(A1:A1048576)", None, 6 if col < 21 else 0)
    assert 20 * 1_048_576 > MAX_WORK
    assert [cell for cell, *_ in formulas.mismatches(values, lambda r, c: values.get((r, c)))] == [(1, 21)]


def test_a_word_narrative_the_user_cannot_read_is_the_inputs_fault(sample, run_check, monkeypatch):
    """The .docx reader goes through the same read as every input (it once opened the file itself: exit 3)."""
    from tests.word import markdown_to_docx
    narrative = sample / "noi-dung.docx"
    markdown_to_docx((sample / "noi-dung.md").read_text(encoding="utf-8"), narrative).save(str(narrative))
    replace_once(sample / "van-ban.yaml", "narrative: noi-dung.md", "narrative: noi-dung.docx")
    _unreadable(monkeypatch, narrative)
    code, report = run_check(sample)
    assert code == 2
    assert messages(report) == [f"{narrative}: Không có quyền đọc tệp: cấp quyền đọc cho người dùng đang chạy "
                                "reportgen (hoặc chép tệp vào một thư mục của mình) rồi chạy lại."]


def test_export_into_a_folder_that_cannot_be_made_exits_73(sample, tmp_path, capsys):
    """A file where the output folder should be: the disk's fault, said in Vietnamese (it was exit 3 for export)."""
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    code = main(["export", str(sample), "-o", str(tmp_path / "afile" / "sub"), "--annex", "01", "--format", "xlsx"])
    err = capsys.readouterr().err
    assert code == 73, err
    assert "Không ghi được tệp" in err and "không bị thay bằng bản dở dang" in err and "Lỗi nội bộ" not in err
