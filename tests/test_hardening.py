"""The second review's cases: no internal errors, no echoed problems, no false passes."""

from __future__ import annotations

import unicodedata

import pytest

from reportgen.check.evaluation import Quiet, Unloaded
from reportgen.errors import Problems
from reportgen.expressions.evaluate import Evaluator
from reportgen.expressions.vocabulary import ExpressionError, context
from tests.conftest import SAMPLE, findings, replace_once
from tests.test_input_errors import problem_at
from tests.test_review_cases import generic  # noqa: F401  (fixture)
from tests.test_xlsx_input import xlsx_sample
from tests.workbook import edited_workbook, point_annexes_at_workbook, write_annexes


def messages(report: dict) -> list[str]:
    return [p["message"] for p in report["problems"]]


def test_empty_required_list_is_a_problem_not_a_crash(sample, run_check):
    line = replace_once(sample / "van-ban.yaml", "title: [TRƯỞNG BAN]", "title: []")
    code, report = run_check(sample)
    assert code == 2
    assert "danh sách rỗng" in problem_at(report, sample / "van-ban.yaml", line)["message"]


def test_ratio_too_large_to_compute_is_a_finding(sample, run_check):
    facts = sample / "so-lieu.yaml"
    replace_once(facts, "facts:\n", "facts:\n  lon: {label: L, value: 999999999999999, unit: xã}\n"
                 "  nho: {label: N, value: 0.000001, kind: decimal}\n")
    replace_once(facts, "numerator: tong(bieu01.xa_ntm.kh_2020)", "numerator: so_lieu.lon")
    replace_once(facts, "denominator: so_lieu.so_xa_toan_tinh", "denominator: so_lieu.nho")
    replace_once(facts, "    decimals: 1\n", "    decimals: 6\n")
    code, report = run_check(sample)
    assert code == 1
    assert "quá lớn" in findings(report, "stated-ratio", "fail")[0]["message"]


def test_tiny_number_is_refused(sample, run_check):
    line = replace_once(sample / "so-lieu.yaml", "value: 3.5,", "value: 3.5e-20, kind: decimal,")
    code, report = run_check(sample)
    assert code == 2
    assert "quá nhỏ" in problem_at(report, sample / "so-lieu.yaml", line)["message"]


def test_percent_cells_are_read_as_percentage_points(generic, run_check):  # noqa: F811
    annex = generic / "bieu-01.yaml"
    replace_once(annex, "  - id: xa_ntm\n", "  - {id: ho_ngheo, header: Tỷ lệ hộ nghèo (%), type: percent, decimals: 1}\n"
                 "  - id: xa_ntm\n")
    text = annex.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.lstrip().startswith("- {unit:")]
    for row, value in zip(rows, ("5.5", "2", "1", "4")):
        text = text.replace(row, row.replace("so_xa:", f"ho_ngheo: {value}, so_xa:"))
    annex.write_text(text, encoding="utf-8")
    from reportgen.pipeline import check_folder

    write_annexes(list(check_folder(generic).plan.annexes), generic / "bieu.xlsx")
    point_annexes_at_workbook(generic, "bieu.xlsx")
    with edited_workbook(generic / "bieu.xlsx") as book:
        sheet = book["Biểu 01"]
        column = next(c.column_letter for c in sheet[4] if c.value == "Tỷ lệ hộ nghèo (%)")
        first = next(r for r in range(1, 20) if sheet[f"B{r}"].value == "Thành phố Hòa Phong")
        sheet[f"{column}{first}"] = 0.055
        sheet[f"{column}{first}"].number_format = "0.0%"
    code, report = run_check(generic)
    assert code == 0, report["problems"]
    plan = check_folder(generic).plan
    assert str(plan.annex("01").rows()[0].value("ho_ngheo")) == "5.5"


def test_percent_format_on_a_count_cell_is_refused(sample, run_check):
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 01"]["L8"].number_format = "0%"
    code, report = run_check(sample)
    assert code == 2
    assert "định dạng phần trăm" in problem_at(report, sample / "bieu.xlsx")["message"]


def test_broken_annex_does_not_echo_through_references_and_expressions(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "key: [unit]", "key: [unit")
    code, report = run_check(sample)
    assert code == 2
    assert len(report["problems"]) == 1 and "YAML sai cú pháp" in report["problems"][0]["message"]


def test_broken_fact_does_not_echo_through_expressions(sample, run_check):
    replace_once(sample / "so-lieu.yaml", "value: 184", "value: 18O")
    code, report = run_check(sample)
    assert code == 2
    assert len(report["problems"]) == 1 and "'18O'" in report["problems"][0]["message"]


@pytest.mark.parametrize("message", ["Không có tên 'bieu05'. Các tên dùng được: bieu01.", "Tên bieu05 chưa có.", "?"])
def test_echo_suppression_keys_on_the_names_an_expression_failed_on_never_its_message(message):
    """Rewording a message changes nothing: only ExpressionError.names say what is an echo."""
    problems = Problems()
    quiet = Quiet(problems, Unloaded(frozenset({"bieu05", "so_lieu.dan_so"})))
    quiet.add(ExpressionError(message, ("bieu05",)), message, None)
    quiet.add(ExpressionError(message, ("so_lieu.dan_so",)), message, None)
    assert not problems
    quiet.add(ExpressionError(message, ("bieu06",)), message, None)       # a name that never existed
    quiet.add(ExpressionError(message), message + "!", None)              # no name: a syntax error, ...
    assert [p.message for p in problems.items] == [message, message + "!"]


def test_which_names_each_part_that_failed_to_load_covers():
    unnamed, facts = Unloaded(unnamed_annex=True), Unloaded(facts_file=True)
    assert unnamed.covers("bieu07") and unnamed.annexes
    assert not unnamed.covers("bieu01.khong_co") and not unnamed.covers("so_lieu.dan_so")
    assert facts.covers("so_lieu.dan_so") and facts.covers("ty_le.ho_ngheo") and not facts.covers("bieu07")
    assert not facts.annexes and Unloaded(frozenset({"bieu05"})).annexes


@pytest.mark.parametrize("source, names", [
    ("tong(bieu99.xa_ntm.kh_2020) + tong(bieu98.x)", ("bieu98", "bieu99")),
    ("so_lieu.khong_co", ("so_lieu.khong_co",)),
    ("ty_le.khong_co", ("ty_le.khong_co",)),
    ("tong(bieu01.khong_co)", ("bieu01.khong_co",)),
    ("tong(bieu01.xa_ntm.khong_co)", ("bieu01.xa_ntm.khong_co",)),
    ("tong(bieu01.xa_ntm.kh_2020", ()),
])
def test_the_evaluator_says_which_names_an_expression_failed_on(source, names):
    from reportgen.pipeline import check_folder
    plan = check_folder(SAMPLE).plan
    with pytest.raises(ExpressionError) as error:
        Evaluator(context(plan, {})).figure(source)
    assert error.value.names == names


def test_narrative_problem_is_still_reported_beside_a_broken_annex(sample, run_check):
    replace_once(sample / "bieu-05.yaml", "key: [noi_dung, thoi_han]", "key: [noi_dung, thoi_han")
    line = replace_once(sample / "noi-dung.md", "{{ tong(bieu01.xa_ntm.kh_2020) }}", "{{ tong(bieu01.xa_ntm.kh_202) }}")
    code, report = run_check(sample)
    assert code == 2
    assert "kh_202" in problem_at(report, sample / "noi-dung.md", line)["message"]
    assert problem_at(report, sample / "bieu-05.yaml")


def test_huge_sheet_is_reported_once(sample, run_check):
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 04"]["AZ300000"] = "x"
    code, report = run_check(sample)
    assert code == 2
    assert len(report["problems"]) == 1 and "AZ300000" in report["problems"][0]["message"]


def _verdicts(report: dict) -> list[tuple[str, str, str]]:
    return [(f["rule"], f["status"], f["message"]) for f in report["findings"]]


def test_signature_block_below_a_sheet_table_is_allowed(sample, run_check):
    xlsx_sample(sample)
    _, plain = run_check(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 01"]["B20"] = "NGƯỜI LẬP BIỂU"
        book["Biểu 01"]["F20"] = "THỦ TRƯỞNG ĐƠN VỊ"
    code, report = run_check(sample)
    assert code == 0, messages(report)
    assert _verdicts(report) == _verdicts(plain)  # read as nothing: no row, no unit, no figure


def test_total_row_below_a_blank_sheet_row_is_refused(sample, run_check):
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 01"].insert_rows(16)
    code, report = run_check(sample)
    assert code == 2
    assert any("sau dòng trống 16" in m for m in messages(report))


def test_empty_columns_give_one_clear_problem(generic, run_check):  # noqa: F811
    replace_once(generic / "bieu-03.yaml", "columns:\n", "columns: []\nold_columns:\n")
    code, report = run_check(generic)
    assert code == 2
    text = " ".join(messages(report))
    assert "'columns' phải là danh sách cột" in text and "'groups' không được biết" not in text


def test_ratio_on_an_unverifiable_average_is_not_passed_in_the_narrative(sample, run_check):
    replace_once(sample / "so-lieu.yaml", "numerator: tong(bieu01.xa_ntm.kh_2020)",
                 "numerator: tong(bieu01.tieu_chi_binh_quan.kh_2020)")
    replace_once(sample / "so-lieu.yaml", "stated: 67.4", "stated: 8.8")
    code, report = run_check(sample)
    assert code == 0
    assert findings(report, "stated-ratio", "not_checkable")
    assert any("ty_le.xa_dat_chuan" in f["message"] for f in findings(report, "narrative-expression", "not_checkable"))


@pytest.mark.parametrize(("file", "old", "new", "words"), [
    ("bieu-01.yaml", "periods: {from: th_2019, to: kh_2020}", "periods: {from: kh_2020, to: kh_2020}", "hai cột con khác"),
    ("bieu-01.yaml", "periods: {from: th_2019, to: kh_2020}", "periods: {from: nam_2019, to: kh_2020}",
     "không cột nhóm nào"),
    ("bieu-01.yaml", "periods: {from: th_2019, to: kh_2020}\n", "", "cần 'periods"),
    ("bieu-01.yaml", "thon_ntm: [4, 5]", "thon_ntm: [4, 5.000]", "viết 5000"),
    ("bieu-01.yaml", "    thon_ntm: Tăng 22 thôn\n", "    thon_ntm: [Tăng 22 thôn]\n", "một dòng chữ"),
    ("so-lieu.yaml", 'value: 3.5, unit: "%"', 'value: 3.5, kind: decimal, unit: "%"', "không hợp với"),
    ("so-lieu.yaml", "stated: 67.4", "stated: 67.42", "nhiều chữ số thập phân"),
    ("van-ban.yaml", "number: 552", 'number: "552"', "bỏ dấu nháy"),
    ("bieu-04.yaml", "key: [xa, thon]", "key: !!set [xa, thon]", "thẻ YAML"),
    ("bieu-04.yaml", 'unit_groups_from: "01"', 'unit_groups_from: "01"\ntotal: {label: Tổng cộng, values: {xa: 46 xã}}',
     "chỉ ghi số"),
    ("bieu-01.yaml", "id: \"01\"", "id: \"03\"", "Hai biểu cùng mã"),
    ("bieu-01.yaml", "{unit: Huyện Việt Yên,", "{unit: Tổng cộng,", "nằm giữa các dòng số liệu"),
    ("noi-dung.md", "{{ dem(bieu04) }} thôn phấn đấu", "{{ dem(bieu04) * 100000000 }} thôn phấn đấu", "phép tính"),
    ("bieu-03.yaml", "- {rule: rows_per_unit, annex: \"01\", column: xa_nang_cao, measure: increase}",
     "- {rule: rows_per_unit, annex: \"01\", column: unit, measure: increase}", "cột nhóm"),
    ("van-ban.yaml", "kind: ke_hoach", "kind: ke_hoach\n---\nkind: bao_cao", "một tài liệu YAML"),
    ("van-ban.yaml", "place: Bắc Giang", "place: Bắc\x00Giang", "ký tự điều khiển"),
    ("so-lieu.yaml", "  so_xa_toan_tinh:", "  so_xa_toan_tinh[:", "chỉ dùng chữ không dấu"),  # found by fuzzing
])
def test_located_input_problems(sample, run_check, file, old, new, words):
    replace_once(sample / file, old, new)
    code, report = run_check(sample)
    assert code == 2, report["summary"]
    assert any(words in m for m in messages(report)), messages(report)
    assert all(p.get("location") for p in report["problems"])


def test_unit_groups_on_a_flat_annex_and_no_comparison_without_periods(generic, run_check):  # noqa: F811
    replace_once(generic / "bieu-01.yaml", "periods:", "unit_groups_from: \"01\"\nold_periods:")
    code, report = run_check(generic)
    assert code == 2
    joined = " ".join(messages(report))
    assert "chia nhóm theo đơn vị" in joined and "cần 'periods" in joined


def test_changes_with_a_final_full_stop_are_read(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "Tăng 22 thôn", "Tăng 22 thôn.")
    code, report = run_check(sample)
    assert code == 0
    name = 'Biểu 01, dòng "So sánh 2020/2019", cột "Số thôn đạt chuẩn nông thôn mới"'
    assert [(f["status"], f["message"]) for f in report["findings"] if f["message"].startswith(name + ":")] == [
        ("pass", f"{name}: 'Tăng 22 thôn' đúng bằng thay đổi của hai tổng (tăng 22)."),  # read without the stop
        ("pass", f"{name}: lời ghi 'Tăng 22 thôn' đúng chiều thay đổi.")]


def test_decomposed_sheet_names_are_found(sample, run_check):
    xlsx_sample(sample)
    _, plain = run_check(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        for sheet in book.worksheets:
            sheet.title = unicodedata.normalize("NFD", sheet.title)
    code, report = run_check(sample)
    assert code == 0, messages(report)
    assert _verdicts(report) == _verdicts(plain)  # every sheet read, the same figures


def test_sheet_without_a_name_column_is_a_problem_not_a_crash(sample, run_check):
    import yaml

    xlsx_sample(sample)
    path = sample / "bieu-04.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for column in data["columns"]:
        column["type"] = "deadline" if column["type"] == "text" else column["type"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    code, report = run_check(sample)
    assert code == 2
    assert any("cột tên dòng" in m for m in messages(report))


def test_huge_number_in_a_cell_is_refused(sample, run_check):
    xlsx_sample(sample)
    with edited_workbook(sample / "bieu.xlsx") as book:
        book["Biểu 01"]["L8"] = 1e20
    code, report = run_check(sample)
    assert code == 2
    assert "quá lớn" in problem_at(report, sample / "bieu.xlsx")["message"]


def test_yaml_annex_without_a_name_column_is_a_problem_not_a_crash(sample, run_check):  # found by fuzzing
    annex = sample / "bieu-04.yaml"
    annex.write_text(annex.read_text(encoding="utf-8").replace("type: text}", "type: deadline}"), encoding="utf-8")
    code, report = run_check(sample)
    assert code == 2
    assert any("cột tên dòng" in m for m in messages(report))
