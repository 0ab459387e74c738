"""Issue #14 item 4: computed columns and computed total/comparison rows, on the made-up example
examples/lam-dong-2025 (DỮ LIỆU GIẢ LẬP — shape B: bands of communes with their shares, a table by district with
% of plan, a difference and a sum, a 13-commune list) and on the sample.

Biểu 01: 57 / 21 / 24 / 2 of 104 communes = 54,807…% / 20,192…% / 23,076…% / 1,923…% → 54,8 / 20,2 / 23,1 / 1,9
(half-up; the rounded shares add up to 100,0). Biểu 02: 57 of a plan of 59 = 96,610…% → 96,6%; Di Linh 7/8 = 87,5%.
"""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from reportgen import pipeline
from reportgen.cli import main
from tests.conftest import ROOT, SAMPLE, findings, line_of, locations, replace_once

EXAMPLE = ROOT / "examples" / "lam-dong-2025"
MARKER = "DỮ LIỆU GIẢ LẬP"


@pytest.fixture
def example(tmp_path: Path) -> Path:
    target = tmp_path / "lam-dong-2025"
    shutil.copytree(EXAMPLE, target)
    return target


def fails(report: dict) -> list[tuple[str, str]]:
    return [(f["rule"], f["message"]) for f in report["findings"] if f["status"] == "fail"]


def at(report: dict, rule: str) -> list[str]:
    return [loc["text"].rsplit("/", 1)[-1] for f in findings(report, rule, "fail") for loc in f["locations"]]


def tree(folder: Path, capsys) -> str:
    assert main(["tree", str(folder)]) == 0
    return capsys.readouterr().out


def docx_text(folder: Path, out: Path) -> list[str]:
    """Every paragraph and table cell of the built DOCX, in order."""
    assert main(["build", str(folder), "-o", str(out), "--format", "docx"]) == 0
    document = docx.Document(io.BytesIO(next(out.glob("*.docx")).read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return [p.text for p in document.paragraphs] + cells


# The example ---------------------------------------------------------------------------------------------------

def test_every_file_of_the_example_says_it_is_made_up():
    files = [p for p in EXAMPLE.iterdir() if p.suffix in (".yaml", ".md")]
    assert len(files) >= 5
    for path in files:
        assert MARKER in path.read_text(encoding="utf-8").splitlines()[0], path.name


def test_the_example_checks_clean_with_its_typed_shares_checked(run_check):
    code, report = run_check(EXAMPLE)
    assert code == 0, fails(report) or report["problems"]
    passed = [f["message"] for f in findings(report, "computed-cell", "pass")]
    assert len(passed) == 4
    assert passed[0] == 'Biểu 01, cột "Tỷ lệ so với tổng số xã (%)", dòng "Xã đạt 19 tiêu chí": ghi 54,8%, đúng bằng ' \
                        "57/104 = 54,8%."


def test_shares_percent_of_plan_differences_and_sums_are_computed_and_printed(capsys):
    dump = tree(EXAMPLE, capsys)
    assert "Xã đạt 19 tiêu chí | «57» | «54,8%» =c2÷Σc2" in dump
    assert "Xã đạt dưới 10 tiêu chí | «2» | «1,9%»" in dump
    assert "total: Tổng cộng⇥2 | «104» =Σ | «100,0%» =c2÷Σc2" in dump  # the % total left out: computed
    assert "Huyện Di Linh | «6» | «7» | «8» | «87,5%» =c3÷c4 | «1» =c3−c2 | «2» | «0» | «2» =c7+c8" in dump
    # Biểu 02's total and comparison rows are only labels in the input: computed, and the total's % of plan is
    # the total's own ratio (57/59), not a sum of percentages.
    assert "total: Tổng cộng⇥2 | «50» =Σ | «57» =Σ | «59» =Σ | «96,6%» =c3÷c4 | «7» =c3−c2 | «25» =Σ | «6» =Σ | " \
           "«31» =c7+c8" in dump
    assert "comparison: So sánh 2024/2023⇥2 | Tăng «7» xã⇥2 =c3−c2" in dump


def test_a_share_rounds_half_up(example, capsys):
    """2/16 = 12,5% exactly; 1/16 = 6,25% → 6,3 (banker's rounding would give 6,2)."""
    bands = example / "bieu-01.yaml"
    text = bands.read_text(encoding="utf-8")
    for old, new in (("so_xa: 57, ty_le: 54.8", "so_xa: 12, ty_le: ~"), ("so_xa: 21, ty_le: 20.2", "so_xa: 1, ty_le: ~"),
                     ("so_xa: 24, ty_le: 23.1", "so_xa: 1, ty_le: ~"), ("so_xa: 2, ty_le: 1.9", "so_xa: 2, ty_le: ~"),
                     ("values: {so_xa: 104}", "values: {so_xa: 16}")):
        text = text.replace(old, new)
    bands.write_text(text, encoding="utf-8")
    plan = pipeline.check_folder(example).plan
    shares = [str(row.value("ty_le")) for row in plan.annex("01").rows()]
    assert shares == ["75.0", "6.3", "6.3", "12.5"]


# One mutation per rule -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("total", ["{so_xa: 104}", "{so_xa: 104, ty_le: ~}", "{so_xa: 104, ty_le: 100.1}"],
                         ids=["total-share-left-out", "total-share-blank", "total-share-100,1"])
def test_a_typed_share_off_by_a_tenth_fails_at_its_cell_whatever_the_total_share(example, run_check, total):
    line = replace_once(example / "bieu-01.yaml", "so_xa: 57, ty_le: 54.8", "so_xa: 57, ty_le: 54.9")
    replace_once(example / "bieu-01.yaml", "values: {so_xa: 104}", f"values: {total}")
    code, report = run_check(example)
    assert code == 1
    messages = [m for rule, m in fails(report) if rule == "computed-cell"]
    assert messages[0] == 'Biểu 01, cột "Tỷ lệ so với tổng số xã (%)", dòng "Xã đạt 19 tiêu chí": ghi 54,9% nhưng ' \
                          "57/104 = 54,8%."
    assert at(report, "computed-cell")[0] == f"bieu-01.yaml:{line}:50"
    if "100.1" in total:  # the % total retyped as 100,1 is wrong on its own account, and hides nothing
        assert messages[1] == 'Biểu 01, cột "Tỷ lệ so với tổng số xã (%)", dòng Tổng cộng: ghi 100,1% nhưng ' \
                              "104/104 = 100,0%."
    assert {rule for rule, _ in fails(report)} == {"computed-cell"}
    # a computed column's total is computed-cell's to check: column-sum said "ghi 100,0 … không kiểm tra được"
    # of a cell typed 100,1 (it read the computed figure) and doubted a cell it has no claim on
    assert not [f for f in findings(report, "column-sum") if "Tỷ lệ" in f["message"]]


@pytest.mark.parametrize("old, new", [("so_xa: 57, ty_le: 54.8", "so_xa: 58, ty_le: 54.8"),
                                      ("values: {so_xa: 104}", "values: {so_xa: 105}")], ids=["row", "total"])
def test_a_row_or_total_typed_wrong_leaves_the_typed_shares_not_checkable(example, run_check, old, new):
    """57 typed 58: the rows add up to 105 against a total of 104, and column-sum cannot say which side is wrong.
    The shares were each failed against 105 (three failures at cells typed right); now none is judged."""
    replace_once(example / "bieu-01.yaml", old, new)
    code, report = run_check(example)
    assert code == 1 and "column-sum" in [rule for rule, _ in fails(report)]   # (the total: stated-ratio too)
    assert "computed-cell" not in [rule for rule, _ in fails(report)]
    doubts = findings(report, "computed-cell", "not_checkable")
    assert len(doubts) == 4 and all("chưa kiểm tra được vì Biểu 01, cột \"Số xã\": dòng Tổng cộng ghi" in f["message"]
                                    for f in doubts), [f["message"] for f in doubts]


def test_a_typed_percent_of_plan_a_difference_and_a_sum_are_checked(example, run_check):
    path = example / "bieu-02.yaml"
    replace_once(path, "xa_ntm: [6, 7], kh_2024: 8,  nang_cao_kieu_mau: [2, 0, ~], kh_2025: 2}",
                 "xa_ntm: [6, 7], kh_2024: 8, ty_le_kh: 87.6, tang: 2, nang_cao_kieu_mau: [2, 0, 3], kh_2025: 2}")
    code, report = run_check(example)
    assert code == 1
    assert [m.split(": ", 1)[1] for rule, m in fails(report)] == [
        "ghi 87,6% nhưng 7/8 = 87,5%.", "ghi 2 nhưng 7 − 6 = 1.", "ghi 3 nhưng 2 + 0 = 2."]
    assert all('dòng "Huyện Di Linh"' in m for _, m in fails(report))


def test_a_total_left_out_is_computed_and_prints_as_typed(example, capsys):
    typed = tree(EXAMPLE, capsys)
    replace_once(example / "bieu-01.yaml", "  values: {so_xa: 104}\n", "")
    assert tree(example, capsys) == typed


def test_a_total_typed_wrong_fails_giving_both_sides_and_blaming_neither(example, run_check):
    replace_once(example / "bieu-02.yaml", "total:\n  label: Tổng cộng\n",
                 "total:\n  label: Tổng cộng\n  values: {xa_ntm: [51, 57]}\n")
    code, report = run_check(example)
    assert code == 1
    assert fails(report) == [("column-sum", 'Biểu 02, cột "Số xã đạt chuẩn nông thôn mới (lũy kế) — Đến 31/12/2023": '
                              "dòng Tổng cộng ghi 51, còn 10 dòng có số cộng lại được 50 (Thành phố Đà Lạt 4 + Thành "
                              "phố Bảo Lộc 5 + Huyện Đam Rông 1 + Huyện Lạc Dương 2 + Huyện Lâm Hà 8 + Huyện Đơn Dương "
                              "5 + Huyện Đức Trọng 9 + Huyện Di Linh 6 + Huyện Bảo Lâm 4 + Huyện Đạ Huoai 6); lệch 1. "
                              "Đối chiếu dòng tổng và từng dòng với bản gốc để tìm ô ghi sai.")]
    # The total and every row it was added from, and no "tìm thấy/mong đợi" telling the clerk to change the total.
    assert len(at(report, "column-sum")) == 11
    assert main(["check", str(example)]) == 1


def test_the_printer_no_longer_says_which_side_to_change(example, capsys):
    replace_once(example / "bieu-02.yaml", "total:\n  label: Tổng cộng\n",
                 "total:\n  label: Tổng cộng\n  values: {kh_2024: 60}\n")
    assert main(["check", str(example)]) == 1
    out = capsys.readouterr().out
    assert "ghi 60, còn 10 dòng có số cộng lại được 59" in out and "mong đợi" not in out


def test_a_comparison_typed_wrong_fails_and_typed_right_prints_as_computed(example, run_check, capsys):
    computed = tree(EXAMPLE, capsys)
    path = example / "bieu-02.yaml"
    replace_once(path, "comparison:\n  label: So sánh 2024/2023\n",
                 "comparison:\n  label: So sánh 2024/2023\n  values: {xa_ntm: Tăng 7 xã}\n")
    assert tree(example, capsys) == computed
    replace_once(path, "Tăng 7 xã", "Tăng 8 xã")
    code, report = run_check(example)
    assert code == 1 and [rule for rule, _ in fails(report)] == ["comparison-value"]


# Declarations refused with their place -------------------------------------------------------------------------

@pytest.mark.parametrize(("old", "new", "words"), [
    ("computed: {share: so_xa}", "computed: {ratio: so_xa}", "'computed' ghi một trong share, percent, sum, difference"),
    ("computed: {share: so_xa}", "computed: {share: so_ca}", "dùng cột 'so_ca' không có trong biểu"),
    ("computed: {share: so_xa}", "computed: {share: [so_xa, tt]}", "cần một mã cột"),
    ("type: percent, decimals: 1, computed", "type: count, computed", "phải có 'type: percent'"),
    ("decimals: 1, computed: {share", "decimals: 1, aggregate: sum, computed: {share", "không khai 'aggregate'"),
    ("computed: {share: so_xa}", "computed: {share: nhom}", "không phải cột số"),
    ("computed: {share: so_xa}}\n", "computed: {share: so_xa}}\n  - {id: gap_doi, header: Gấp đôi, type: percent, "
     "decimals: 1, computed: {sum: [ty_le, ty_le]}}\n", "dùng cột tỷ lệ 'ty_le' (share)"),
])
def test_a_bad_declaration_is_an_input_error_at_its_place(example, run_check, old, new, words):
    line = replace_once(example / "bieu-01.yaml", old, new) + new.count("\n") - old.count("\n")
    code, report = run_check(example)
    assert code == 2
    problems = [p for p in report["problems"] if words in p["message"]]
    assert problems, report["problems"]
    assert problems[0]["location"]["line"] == line


def test_a_group_column_is_not_computed(example, run_check):
    line = replace_once(example / "bieu-02.yaml", "    header: Số xã đạt chuẩn nâng cao, kiểu mẫu đến 31/12/2024\n",
                        "    header: Số xã đạt chuẩn nâng cao, kiểu mẫu đến 31/12/2024\n    computed: {sum: [kh_2024, kh_2024]}\n")
    code, report = run_check(example)
    assert code == 2
    assert [(p["message"], p["location"]["line"]) for p in report["problems"]] == [
        ("Biểu 02: cột nhóm 'nang_cao_kieu_mau' không tính được; ghi 'computed' ở từng cột con.", line + 1)]


def test_an_operand_declared_after_its_column_is_refused(example, run_check):
    path = example / "bieu-02.yaml"
    replace_once(path, "computed: {difference: [xa_ntm.th_2024, xa_ntm.th_2023]}",
                 "computed: {difference: [nang_cao_kieu_mau.cong, xa_ntm.th_2023]}")
    code, report = run_check(path.parent)
    assert code == 2
    assert any("dùng cột 'nang_cao_kieu_mau.cong' khai sau nó" in p["message"] for p in report["problems"])


# The printed documents are the same either way -----------------------------------------------------------------

def _without_totals(folder: Path) -> None:
    """The sample with its total and comparison rows left out wherever reportgen can compute them: Biểu 01 keeps
    only the weighted means it cannot recompute (no weights) and the cells the print leaves blank (`~`)."""
    path = folder / "bieu-01.yaml"
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"  values: \{thon_ntm: .*\n", "  values: {tieu_chi_binh_quan: [15.8, 16.2], xa_duoi_10: [~, ~]}\n",
                  text)
    start = text.index("comparison:\n  label: So sánh 2020/2019\n  values:\n")
    end = text.index("notes:", start)
    path.write_text(text[:start] + "comparison:\n  label: So sánh 2020/2019\n" + text[end:], encoding="utf-8")


def test_the_sample_without_its_totals_and_comparisons_prints_the_same(sample, capsys, tmp_path):
    _without_totals(sample)
    assert "thon_ntm: [122" not in (sample / "bieu-01.yaml").read_text(encoding="utf-8")
    assert tree(sample, capsys) == tree(SAMPLE, capsys)
    assert docx_text(sample, tmp_path / "a") == docx_text(SAMPLE, tmp_path / "b")


def test_the_example_with_its_totals_typed_prints_the_same(example, capsys, tmp_path, run_check):
    path = example / "bieu-02.yaml"
    replace_once(path, "total:\n  label: Tổng cộng\n", "total:\n  label: Tổng cộng\n  values: {xa_ntm: [50, 57], "
                 "kh_2024: 59, ty_le_kh: 96.6, tang: 7, nang_cao_kieu_mau: [25, 6, 31]}\n")
    replace_once(path, "comparison:\n  label: So sánh 2024/2023\n",
                 "comparison:\n  label: So sánh 2024/2023\n  values: {xa_ntm: Tăng 7 xã}\n")
    code, report = run_check(example)
    assert code == 0, fails(report)
    assert len(findings(report, "computed-cell", "pass")) == 4 + 3  # the total's % of plan, difference and sum
    assert tree(example, capsys) == tree(EXAMPLE, capsys)
    assert docx_text(example, tmp_path / "a") == docx_text(EXAMPLE, tmp_path / "b")


# The workbook ---------------------------------------------------------------------------------------------------

def test_computed_cells_are_live_formulas_caching_the_check_engines_figures(tmp_path):
    from tests.test_xlsx_output import workbook_of
    path = workbook_of(EXAMPLE, tmp_path / "bieu.xlsx")
    formulas, values = load_workbook(path)["Biểu 01"], load_workbook(path, data_only=True)["Biểu 01"]
    assert formulas["D7"].value == '=IF(AND(ISNUMBER(C7),SUM(C7:C10)>0),ROUND(C7/SUM(C7:C10),3),"")'
    assert (values["D7"].value, formulas["D7"].number_format) == (0.548, "0.0%")
    assert values["D11"].value == 1
    sheet, cached = load_workbook(path)["Biểu 02"], load_workbook(path, data_only=True)["Biểu 02"]
    assert sheet["G15"].value == '=IF(AND(ISNUMBER(D15),ISNUMBER(C15)),ROUND(D15-C15,0),"")'
    assert cached["G15"].value == 1
    assert sheet["F15"].value.endswith("ROUND(D15/E15,3),\"\")") and cached["F15"].value == 0.875
    assert sheet["J15"].value == '=IF(COUNT(H15,I15)>0,ROUND(SUM(H15,I15),0),"")' and cached["J15"].value == 2


def test_libreoffice_recalculates_the_computed_cells_to_our_figures(tmp_path):
    from tests.test_xlsx_output import same_after_recalculation, workbook_of
    cells = same_after_recalculation(workbook_of(EXAMPLE, tmp_path / "bieu.xlsx"), tmp_path)
    assert sum("ROUND(C7/SUM" in formula or "SUM(H" in formula for _, _, formula in cells) >= 2


def test_the_exported_workbook_reads_back_to_the_same_annexes(tmp_path):
    """Read from the workbook, every computed cell is typed (its cached value) and checks against itself."""
    from tests.test_xlsx_output import workbook_of
    from tests.workbook import point_annexes_at_workbook
    copy = tmp_path / "lam-dong-2025"
    shutil.copytree(EXAMPLE, copy)
    workbook_of(EXAMPLE, copy / "bieu.xlsx")
    point_annexes_at_workbook(copy, "bieu.xlsx")
    before, after = pipeline.check_folder(EXAMPLE), pipeline.check_folder(copy)
    assert after.plan.annexes == before.plan.annexes
    assert not after.failed
    assert len([f for f in after.findings if f.rule == "computed-cell"]) == 5 + 33  # every cell typed in the sheet


# Units of the example: the list's groups against Biểu 02 (unit-known), every name against don-vi.yaml ---------

def test_a_misspelled_district_in_the_list_fails_at_its_label(example, run_check):
    line = replace_once(example / "bieu-03.yaml", "  - label: Huyện Lâm Hà\n", "  - label: Huyện Lâm Ha\n")
    code, report = run_check(example)
    assert code == 1
    assert "unit-known" in {rule for rule, _ in fails(report)}
    assert any(loc.startswith(f"bieu-03.yaml:{line}:") for loc in at(report, "unit-known"))


@pytest.mark.parametrize(("file", "old", "new", "name"), [
    # A commune listed under a district it does not belong to (Hà Lâm is in Đạ Huoai).
    ("bieu-03.yaml", "      - {xa: Xã Lộc Lâm, so_tieu_chi: 16}\n",
     "      - {xa: Xã Lộc Lâm, so_tieu_chi: 16}\n      - {xa: Xã Hà Lâm, so_tieu_chi: 18}\n", "Hà Lâm"),
    ("bieu-03.yaml", "{xa: Xã Tân Lâm, so_tieu_chi: 17}", "{xa: Xã Tân Lam, so_tieu_chi: 17}", "Tân Lam"),
    ("bieu-02.yaml", "{unit: Huyện Đức Trọng,", "{unit: Huyện Đức Trong,", "Đức Trong"),
], ids=["commune-under-the-wrong-district", "misspelled-commune", "misspelled-district-in-the-count-table"])
def test_a_unit_against_the_register_fails_at_its_cell(example, run_check, file, old, new, name):
    assert run_check(example)[0] == 0
    line = replace_once(example / file, old, new) + (1 if old.endswith("\n") and new.count("\n") > 1 else 0)
    code, report = run_check(example)
    assert code == 1
    failed = findings(report, "unit-register", "fail")
    assert failed and any(name in f["message"] for f in failed)
    assert any(loc.startswith(f"{file}:{line}:") for loc in at(report, "unit-register"))


def test_a_difference_of_counts_may_fall_below_zero(example, run_check, capsys):
    """A computed difference is reportgen's figure, not a typed count: -1 is a fall, not a bad count."""
    path = example / "bieu-02.yaml"
    replace_once(path, "    cumulative: true\n", "")
    replace_once(path, "{unit: Huyện Đam Rông,    xa_ntm: [1, 2]", "{unit: Huyện Đam Rông,    xa_ntm: [3, 2]")
    replace_once(path, "{unit: Huyện Lâm Hà,      xa_ntm: [8, 9]", "{unit: Huyện Lâm Hà,      xa_ntm: [6, 9]")
    code, report = run_check(example)
    assert code == 0, fails(report)
    assert "Huyện Đam Rông | «3» | «2» | «2» | «100,0%» =c3÷c4 | «-1» =c3−c2" in tree(example, capsys)


# the example's declared cross rule and a fact pointing at a table -----------------------------------------------

def test_a_whole_districts_rows_deleted_fail_the_count(example, run_check):
    code, report = run_check(example)
    assert code == 0, fails(report) or report["problems"]
    path = example / "bieu-03.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - label: Huyện Đạ Huoai\n")
    path.write_text(text[:start], encoding="utf-8")  # the last group: all three of its communes gone
    code, report = run_check(example)
    assert code == 1
    messages = [m for rule, m in fails(report) if rule == "cross-annex-count"]
    assert any("Huyện Đạ Huoai" in m for m in messages), fails(report)


def test_a_fact_that_drifts_from_its_table_fails(example, run_check):
    path = example / "so-lieu.yaml"
    fact = ('  xa_15_18: {label: Số xã đạt từ 15 đến 18 tiêu chí, value: 21, unit: xã, '
            'ref: \'dong(bieu01.so_xa, "Xã đạt từ 15 đến 18 tiêu chí")\'}\n')
    replace_once(path, "facts:\n", "facts:\n" + fact)
    code, report = run_check(example)
    assert code == 0, fails(report) or report["problems"]
    replace_once(path, "value: 21,", "value: 22,")
    code, report = run_check(example)
    assert code == 1 and [rule for rule, _ in fails(report)] == ["fact-reference"]


@pytest.mark.parametrize("name", ["hoa-phong-2024", "bieu-bien-2024"])
def test_folders_with_weights_print_the_same_with_no_total_or_comparison_typed(name, tmp_path, capsys):
    """Every total (sums, and weighted means that have their weights: 16,45 → 16,5) and every comparison
    computed from the rows gives the tree the typed rows gave."""
    folder = tmp_path / name
    shutil.copytree(ROOT / "tests" / "data" / name, folder)
    for path in folder.glob("bieu-*.yaml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"^(total|comparison):\n  label: ([^\n]*)\n  values:(?: \{[^\n]*\}\n|\n(?:    [^\n]*\n)+)",
                      r"\1:\n  label: \2\n", text, flags=re.M)
        path.write_text(text, encoding="utf-8")
    assert "values:" not in "".join(p.read_text(encoding="utf-8") for p in folder.glob("bieu-*.yaml"))
    assert tree(folder, capsys) == tree(ROOT / "tests" / "data" / name, capsys)


@pytest.mark.parametrize("folder", sorted(p for p in (ROOT / "examples").iterdir() if p.is_dir()),
                         ids=lambda p: p.name)
def test_every_example_folder_checks_clean(folder, run_check):
    """Exit 0 and no warning either: a clerk copying an example should see it clean (lam-dong-2025, a 2025 plan
    reporting 2024, said its results 'đến 31/12/2024', not 'năm 2024' that old-year and plan-year-title question)."""
    code, report = run_check(folder)
    assert code == 0
    assert [f["message"] for f in report["findings"] if f["status"] not in ("pass", "not_applicable")] == []


def test_the_example_still_warns_of_a_year_copied_from_last_years_plan(example, run_check):
    replace_once(example / "bieu-03.yaml", "XÃ PHẤN ĐẤU ĐẠT CHUẨN NÔNG THÔN MỚI NĂM 2025", "XÃ PHẤN ĐẤU ĐẠT CHUẨN "
                 "NÔNG THÔN MỚI NĂM 2024")
    replace_once(example / "noi-dung.md", "# II. MỤC TIÊU NĂM 2025", "# II. MỤC TIÊU NĂM 2024")
    code, report = run_check(example)
    assert code == 0
    assert {f["rule"] for f in report["findings"] if f["status"] == "warning"} == {"old-year", "plan-year-title"}


def test_a_count_against_a_computed_total_points_at_the_cells_it_adds_up(example, run_check):
    """Biểu 02 leaves its total to reportgen: the total line of the cross rule names Biểu 02's typed cells of the
    column (what a clerk can correct), not the annex's first line where the computed total has no place."""
    path = example / "bieu-03.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  - label: Huyện Lâm Hà\n")
    path.write_text(text[:start] + text[text.index("  - label:", start + 5):], encoding="utf-8")
    code, report = run_check(example)
    assert code == 1
    [total] = [f for f in findings(report, "cross-annex-count", "fail") if "cả biểu" in f["message"]]
    places = [loc for loc in locations(total) if "bieu-02.yaml" in loc]
    rows = [line_of(example / "bieu-02.yaml", "{unit: Huyện Đam Rông"), line_of(example / "bieu-02.yaml",
                                                                           "{unit: Huyện Lâm Hà")]
    assert len(places) == 10 and all(any(p.split(":")[-2] == str(r) for p in places) for r in rows), places
