"""Inputs that once slipped through: each must now give a located problem or an honest finding."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reportgen.cli import main
from tests.workbook import edited_workbook
from tests.conftest import findings, replace_once
from tests.test_input_errors import problem_at
from tests.test_xlsx_input import xlsx_sample

GENERIC = Path(__file__).parent / "data" / "hoa-phong-2024"


@pytest.fixture
def generic(tmp_path: Path) -> Path:
    target = tmp_path / "hoa-phong-2024"
    shutil.copytree(GENERIC, target)
    return target


def test_blank_row_inside_a_sheet_is_refused_not_truncated(sample, run_check):
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 05"].insert_rows(12)
    code, report = run_check(sample)
    assert code == 2
    problem = problem_at(report, sample / "bieu.xlsx")
    assert problem["location"]["text"].endswith("Biểu 05!A13") and "dòng trống 12" in problem["message"]


def test_missing_total_rows_in_a_sheet_are_computed_but_a_mean_without_weights_cannot_be(sample, run_check):
    """Issue #14: a total or comparison row left out is computed from the rows (it was refused). Biểu 01's
    weighted means have no weights, so their totals cannot be computed: the narrative that needs one says so."""
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 01"].delete_rows(16, 2)
    code, report = run_check(sample)
    assert code == 2
    messages = [p["message"] for p in report["problems"]]
    assert messages and all("tieu_chi_binh_quan" in m for m in messages), messages
    assert not any("không có dòng 'Tổng cộng'" in m for m in messages)


def test_missing_total_values_in_yaml_are_computed(sample, run_check):
    annex = sample / "bieu-01.yaml"
    text = annex.read_text(encoding="utf-8")
    start = text.index("  values: {thon_ntm: [122, 144]")
    annex.write_text(text[:start] + "  values: {tieu_chi_binh_quan: [15.8, 16.2], xa_duoi_10: [~, ~]}\n"
                     + text[text.index("\n", start) + 1:], encoding="utf-8")
    code, report = run_check(sample)
    assert code == 0, report["problems"]
    sums = [f for f in report["findings"] if f["rule"] == "column-sum"]
    # The totals left out were computed (no claim of the clerk's to check); `~` kept two cells blank as printed.
    assert len(sums) == 2 and all("Số xã đạt dưới 10" in f["message"] and f["status"] == "not_checkable"
                                  for f in sums)


@pytest.mark.parametrize(("old", "new", "words"), [
    ("decimals: 1, aggregate: weighted_mean}\n      - {id: kh_2020",
     "decimals: 40, aggregate: weighted_mean}\n      - {id: kh_2020", "'decimals'"),
    ("thon_ntm: [4, 5]", "thon_ntm: [4, 12345678901234567890]", "quá lớn"),
    ("key: [unit]", "key: [tt]", "số thứ tự"),
    ("Tăng 23 xã", "Tăng -23 xã", "không mang dấu"),
])
def test_definition_and_value_limits(sample, run_check, old, new, words):
    line = replace_once(sample / "bieu-01.yaml", old, new)
    code, report = run_check(sample)
    assert code == 2
    assert words in problem_at(report, sample / "bieu-01.yaml", line)["message"]


@pytest.mark.parametrize("depth", [100, 3000])  # past our limit (40), and past libyaml's own (1000)
def test_deeply_nested_yaml_is_refused(sample, run_check, depth):
    (sample / "so-lieu.yaml").write_text("facts: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    code, report = run_check(sample)
    assert code == 2
    message = problem_at(report, sample / "so-lieu.yaml")["message"]
    assert ("lồng quá 40 tầng" if depth == 100 else "lồng quá") in message


def test_encrypted_or_old_excel_file_is_refused(sample, run_check):
    xlsx_sample(sample)
    (sample / "bieu.xlsx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 512)
    code, report = run_check(sample)
    assert code == 2
    assert "mật khẩu" in problem_at(report, sample / "bieu.xlsx")["message"]


def test_fractional_fact_needs_its_kind(sample, run_check):
    line = replace_once(sample / "so-lieu.yaml", "value: 10, unit: lớp", "value: 10.5, unit: lớp")
    code, report = run_check(sample)
    assert code == 2
    assert "kind: decimal" in problem_at(report, sample / "so-lieu.yaml", line)["message"]


def test_unknown_reference_between_annexes_is_an_input_problem(sample, run_check):
    line = replace_once(sample / "bieu-03.yaml", 'unit_groups_from: "01"', 'unit_groups_from: "09"')
    code, report = run_check(sample)
    assert code == 2
    assert "'09'" in problem_at(report, sample / "bieu-03.yaml", line)["message"]


def test_all_problems_in_one_run_including_the_narrative(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "thon_ntm: [4, 5]", "thon_ntm: [4, năm]")
    replace_once(sample / "noi-dung.md", "{{ dem(bieu04) }} thôn phấn đấu", "{{ dem(bieu02) }} thôn phấn đấu")
    replace_once(sample / "bieu-04.yaml", "{xa: Xã Đông Phú, thon: Thôn Thanh Sơn}",
                 "{xa: Xã Đông Phú, thon: Thôn Thanh Sơn, lang: x}")
    code, report = run_check(sample)
    assert code == 2
    files = {p["location"]["file"].rsplit("/", 1)[-1] for p in report["problems"]}
    assert files == {"bieu-01.yaml", "bieu-04.yaml", "noi-dung.md"}


def test_figures_resting_on_an_unverifiable_average_are_not_passed(run_check):
    from tests.conftest import SAMPLE

    _, report = run_check(SAMPLE)
    unverified = findings(report, "narrative-expression", "not_checkable")
    assert sorted(f["message"].split(" = ")[0] for f in unverified) == [
        "{{ tang(bieu01.tieu_chi_binh_quan) }}", "{{ tong(bieu01.tieu_chi_binh_quan.kh_2020) }}"]


def test_cumulative_is_checked_without_a_comparison_row(generic, run_check):
    annex = generic / "bieu-01.yaml"
    text = annex.read_text(encoding="utf-8")
    annex.write_text(text[:text.index("comparison:")], encoding="utf-8")
    replace_once(annex, "xa_ntm: [6, 7]", "xa_ntm: [6, 5]")
    code, report = run_check(generic)
    assert code == 1
    assert findings(report, "cumulative", "fail")
    assert not findings(report, "comparison-value")


def test_weighted_mean_with_a_missing_weight_is_not_checkable(generic, run_check):
    annex = generic / "bieu-01.yaml"
    text = annex.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if l.lstrip().startswith("- {unit:") and "so_xa: 8" in l)
    annex.write_text(text.replace(line, line.replace("so_xa: 8", "so_xa: ~")), encoding="utf-8")
    _, report = run_check(generic)
    assert not findings(report, "column-mean", "pass")
    assert len(findings(report, "column-mean", "not_checkable")) == 2


def test_no_change_wording_is_read_and_checked(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "Tăng 22 thôn", "Không thay đổi")
    code, report = run_check(sample)
    assert code == 1
    fail = findings(report, "comparison-wording", "fail")[0]
    assert fail["found"] == "Không thay đổi" and fail["expected"] == "Tăng 22 thôn"


def test_printed_total_of_a_column_without_aggregation_is_not_checkable(sample, run_check):
    replace_once(sample / "bieu-01.yaml",
                 '{id: th_2019, header: "Thực hiện đến năm 2019 (Lũy kế)", type: count, aggregate: sum}\n'
                 '      - {id: kh_2020, header: "Kế hoạch đến năm 2020 (Lũy kế)", type: count, aggregate: sum}\n'
                 '  - id: thon_kieu_mau',
                 '{id: th_2019, header: "Thực hiện đến năm 2019 (Lũy kế)", type: count, aggregate: none}\n'
                 '      - {id: kh_2020, header: "Kế hoạch đến năm 2020 (Lũy kế)", type: count}\n'
                 '  - id: thon_kieu_mau')
    code, report = run_check(sample)
    assert code == 0
    unsummed = [f for f in findings(report, "column-sum", "not_checkable") if "aggregate" in f["message"]]
    assert len(unsummed) == 2 and "122" in unsummed[0]["message"]


def test_command_line_mistakes_exit_64_in_vietnamese(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["kiem-tra"])
    assert stop.value.code == 64
    assert "lỗi dòng lệnh" in capsys.readouterr().err

