"""Two readers, one model: the sample's tables from a workbook give the same data as from YAML."""

from __future__ import annotations

import re

import pytest


from reportgen.pipeline import check_folder
from tests.conftest import SAMPLE, findings, locations
from tests.workbook import edited_workbook, point_annexes_at_workbook, write_annexes


def xlsx_sample(sample):
    write_annexes(list(check_folder(SAMPLE).plan.annexes), sample / "bieu.xlsx")
    point_annexes_at_workbook(sample, "bieu.xlsx")
    return sample


def test_workbook_round_trip_gives_identical_data(sample):
    from_yaml = check_folder(SAMPLE).plan
    from_xlsx = check_folder(xlsx_sample(sample)).plan
    assert len(from_xlsx.annexes) == 4
    for expected, actual in zip(from_yaml.annexes, from_xlsx.annexes):
        assert actual == expected, expected.label
    cell = from_xlsx.annex("01").rows()[2].cells["xa_ntm.kh_2020"]
    assert cell.value == 11 and str(cell.loc).endswith("bieu.xlsx!Biểu 01!L8")


def test_workbook_input_checks_and_locates_by_sheet_and_cell(sample, run_check):
    xlsx_sample(sample)
    code, report = run_check(sample)
    assert code == 0, report["problems"]
    book_path = sample / "bieu.xlsx"
    with edited_workbook(book_path) as book:
        sheet = book["Biểu 01"]
        assert sheet["B8"].value == "Huyện Lục Ngạn" and sheet["L8"].value == 11
        sheet["L8"] = 12
    code, report = run_check(sample)
    assert code == 1
    fail = findings(report, "column-sum", "fail")[0]
    assert "Huyện Lục Ngạn 12" in fail["message"]
    assert re.search(r"bieu\.xlsx!Biểu 01!L16$", locations(fail)[0])
    assert any(w.endswith("bieu.xlsx!Biểu 01!L8") for w in locations(fail))


@pytest.mark.parametrize(("sheet", "cell", "value", "words"), [
    ("Biểu 01", "L8", "mười một", ["'mười một'", "không phải số"]),
    ("Biểu 01", "L16", "=SUM(L6:L15)", ["công thức", "lưu"]),  # openpyxl stores no cached value
    ("Biểu 04", "C4", "Thôn", ["Đăng ký Thôn NTM kiểu mẫu"]),   # a changed header
])
def test_bad_cell_is_located_by_sheet_and_cell(sample, run_check, sheet, cell, value, words):
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book[sheet][cell] = value
    code, report = run_check(sample)
    assert code == 2
    problem = report["problems"][0]
    assert problem["location"]["text"].endswith(f"bieu.xlsx!{sheet}!{cell}")
    assert all(word in problem["message"] for word in words), problem["message"]


def test_not_a_workbook_is_refused_with_its_name(sample, run_check):
    xlsx_sample(sample)
    (sample / "bieu.xlsx").write_text("đây không phải sổ tính", encoding="utf-8")
    code, report = run_check(sample)
    assert code == 2
    assert report["problems"][0]["location"]["text"].endswith("bieu.xlsx")
    assert "không phải sổ tính .xlsx" in report["problems"][0]["message"]


def test_merged_cells_inside_data_are_refused(sample, run_check):
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 01"].merge_cells("C7:D7")
    code, report = run_check(sample)
    assert code == 2
    assert any(p["location"]["text"].endswith("Biểu 01!C7") and "gộp" in p["message"]
               for p in report["problems"])


def test_control_character_in_a_cell_is_located():
    """Excel keeps U+000C as _x000C_ in shared strings and openpyxl hands it back raw: XML (DOCX) cannot carry it."""
    from reportgen.errors import Location, Problems
    from reportgen.load.xlsx_file import _cell

    problems = Problems()
    loc = Location("bieu.xlsx", sheet="Biểu 04", cell="C6")
    raw = _cell("Thôn\x0cĐông", loc, problems)
    assert raw.value == "ThônĐông"
    [problem] = problems.items
    assert problem.location == loc and "U+000C" in problem.message
