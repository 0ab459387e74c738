"""One failing case per rule, each made by mutating the sample; the finding names the place."""

from __future__ import annotations

import pytest

from tests.conftest import findings, line_of, locations, replace_once


def only_fail(report: dict, rule: str) -> dict:
    failed = findings(report, rule, "fail")
    assert len(failed) == 1, [f["message"] for f in failed]
    return failed[0]


def test_sum_rule_names_annex_column_district_and_total(sample, run_check):
    annex = sample / "bieu-01.yaml"
    row = replace_once(annex, "xa_ntm: [7, 11]", "xa_ntm: [7, 12]")
    total = line_of(annex, "xa_ntm: [101, 124]")
    code, report = run_check(sample)
    assert code == 1 and report["status"] == "fail"
    fail = only_fail(report, "column-sum")
    message = fail["message"]
    assert "Biểu 01" in message and "Số xã đạt chuẩn nông thôn mới" in message
    assert "Kế hoạch đến năm 2020" in message and "Tổng cộng" in message
    assert "Huyện Lục Ngạn 12" in message
    # Both sides and the gap, and no "found/expected" that would tell the clerk to change the total (issue #14).
    assert "ghi 124, còn 10 dòng có số cộng lại được 125" in message and "lệch 1" in message
    assert "found" not in fail and "expected" not in fail
    where = locations(fail)
    assert where[0].startswith(f"{annex}:{total}:")
    assert any(w.startswith(f"{annex}:{row}:") for w in where)


def test_comparison_value_must_equal_the_difference(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "Tăng 22 thôn", "Tăng 21 thôn")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "comparison-value")
    assert "Tăng 21 thôn" in fail["message"] and fail["expected"] == "22"
    assert locations(fail)[0].startswith(str(sample / "bieu-01.yaml") + ":")


def test_a_change_that_cannot_be_computed_is_not_checkable_never_passed(sample, run_check):
    """Issue #19 item 22: a weighted mean without weights and its 2020 total left blank: no difference to compare."""
    replace_once(sample / "bieu-01.yaml", "tieu_chi_binh_quan: [15.8, 16.2]", "tieu_chi_binh_quan: [15.8, ~]")
    replace_once(sample / "noi-dung.md", "{{ tang(bieu01.tieu_chi_binh_quan) }}", "0,4")  # the narrative would
    replace_once(sample / "noi-dung.md", "{{ tong(bieu01.tieu_chi_binh_quan.kh_2020) }}", "16,2")  # stop first
    line = line_of(sample / "bieu-01.yaml", "tieu_chi_binh_quan: Tăng 0,4 tiêu chí")
    code, report = run_check(sample)
    assert code == 0
    name = 'Biểu 01, dòng "So sánh 2020/2019", cột "Bình quân chung số tiêu chí đạt chuẩn/xã"'
    for rule, said in [("comparison-value", "thiếu tổng của một trong hai năm nên không tính được thay đổi."),
                       ("comparison-wording", "không tính được thay đổi để đối chiếu lời ghi.")]:
        found = [f for f in findings(report, rule) if f["message"].startswith(name)]
        assert [(f["status"], f["message"]) for f in found] == [("not_checkable", f"{name}: {said}")]
        assert locations(found[0]) == [f"{sample / 'bieu-01.yaml'}:{line}:25"]


def test_comparison_wording_must_agree_with_the_sign(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "Giảm 9 xã", "Tăng 9 xã")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "comparison-wording")
    assert fail["expected"] == "Giảm 9 xã"
    assert not findings(report, "comparison-value", "fail")


def test_comparison_wording_must_use_the_column_measure(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "Tăng 23 xã", "Tăng 23 thôn")
    code, report = run_check(sample)
    assert code == 1
    assert only_fail(report, "comparison-wording")["expected"] == "xã"


def test_villages_per_district_must_match_the_increase_in_annex_01(sample, run_check):
    villages = sample / "bieu-04.yaml"
    replace_once(villages, "      - {xa: Xã Khám Lạng, thon: Thôn Lưu}\n", "")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "cross-annex-count")
    assert "Biểu 04" in fail["message"] and "Huyện Lục Nam" in fail["message"]
    assert (fail["found"], fail["expected"]) == ("5", "6")
    assert any(w.startswith(f"{villages}:") for w in locations(fail))
    assert any(w.startswith(str(sample / "bieu-01.yaml")) for w in locations(fail))


def test_a_district_with_no_rows_at_all_in_the_list_annex_fails_by_name(sample, run_check):
    """Issue #19 item 21: the rule walks Biểu 01's districts, not only those the list annex has rows for."""
    replace_once(sample / "bieu-04.yaml", "  - label: Huyện Yên Dũng\n    rows:\n"
                 "      - {xa: Xã Xuân Phú, thon: Thôn Xuân Trung}\n      - {xa: Xã Đức Giang, thon: Thôn Trung Sơn}\n"
                 "      - {xa: Xã Tiên Dũng, thon: Thôn Huyện}\n", "")
    row = line_of(sample / "bieu-01.yaml", "unit: Huyện Yên Dũng")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "cross-annex-count")
    assert fail["message"].startswith("Biểu 04, Huyện Yên Dũng: 0 dòng;")
    assert (fail["found"], fail["expected"]) == ("0", "3")
    assert locations(fail) and all(w.startswith(f"{sample / 'bieu-01.yaml'}:{row}:") for w in locations(fail))


def test_communes_per_district_must_match_annex_01(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "xa_ntm: [9, 12],  xa_nang_cao: [0, 1]",
                 "xa_ntm: [9, 12],  xa_nang_cao: [0, 2]")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "cross-annex-count")
    assert "Biểu 03" in fail["message"] and "Huyện Yên Dũng" in fail["message"]


def test_districts_in_list_annexes_must_exist_in_annex_01(sample, run_check):
    line = replace_once(sample / "bieu-03.yaml", "- label: Huyện Lục Nam", "- label: Huyện Lục Nam Mới")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "unit-known")
    assert "Huyện Lục Nam Mới" in fail["message"]
    assert locations(fail)[0].startswith(f"{sample / 'bieu-03.yaml'}:{line}:")


def test_counts_must_be_non_negative_integers(sample, run_check):
    line = replace_once(sample / "bieu-01.yaml", "thon_ntm: [4, 5]", "thon_ntm: [4, 5.5]")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "count-integer")
    assert "Huyện Lục Ngạn" in fail["message"] and fail["found"] == "5,5"
    assert locations(fail)[0].startswith(f"{sample / 'bieu-01.yaml'}:{line}:")


def test_negative_count_fails(sample, run_check):
    replace_once(sample / "so-lieu.yaml", "value: 184", "value: -184")
    code, report = run_check(sample)
    assert code == 1
    assert "so_xa_toan_tinh" in only_fail(report, "count-integer")["message"]


def test_cumulative_values_may_not_fall(sample, run_check):
    replace_once(sample / "bieu-01.yaml", "thon_ntm: [14, 25]", "thon_ntm: [26, 25]")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "cumulative")
    assert "Huyện Yên Thế" in fail["message"] and "26" in fail["message"]


def test_a_cumulative_total_row_that_falls_fails_even_when_every_district_holds(sample, run_check):
    """Issue #19 item 22: the total row is checked too. A weighted mean without weights cannot be recomputed from
    the rows, so nothing else sees its total fall from 15,8 to 15,7 while each district rises."""
    annex = sample / "bieu-01.yaml"
    replace_once(annex, "measure: tiêu chí\n    columns:", "measure: tiêu chí\n    cumulative: true\n    columns:")
    line = replace_once(annex, "tieu_chi_binh_quan: [15.8, 16.2]", "tieu_chi_binh_quan: [15.8, 15.7]")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "cumulative")
    assert fail["message"] == ('Biểu 01, cột "Bình quân chung số tiêu chí đạt chuẩn/xã" (lũy kế), dòng "Tổng cộng": '
                               "lũy kế giảm từ 15,8 xuống 15,7.")
    assert (fail["found"], fail["expected"]) == ("15,7", "≥ 15,8")
    assert [w.rsplit(":", 1)[0] for w in locations(fail)] == [f"{annex}:{line}"] * 2
    assert not findings(report, "column-mean", "fail")


def test_duplicate_rows_fail(sample, run_check):
    villages = sample / "bieu-04.yaml"
    replace_once(villages, "      - {xa: Xã Khám Lạng, thon: Thôn Lưu}\n",
                 "      - {xa: Xã Khám Lạng, thon: Thôn Lưu}\n      - {xa: Xã Chu Điện, thon: Thôn Ngọc Sơn}\n")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "duplicate-row")
    assert "Xã Chu Điện / Thôn Ngọc Sơn" in fail["message"] and len(fail["locations"]) == 2


def test_duplicate_district_rows_fail(sample, run_check):
    annex = sample / "bieu-01.yaml"
    text = annex.read_text(encoding="utf-8")
    line = next(l for l in text.splitlines() if "unit: Huyện Sơn Động" in l)
    annex.write_text(text.replace(line, line + "\n" + line), encoding="utf-8")
    code, report = run_check(sample)
    assert code == 1
    assert "Huyện Sơn Động" in only_fail(report, "duplicate-row")["message"]


def test_stated_ratio_must_recompute(sample, run_check):
    line = replace_once(sample / "so-lieu.yaml", "stated: 67.4", "stated: 67.5")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "stated-ratio")
    assert "124/184" in fail["message"] and (fail["found"], fail["expected"]) == ("67,5%", "67,4%")
    assert locations(fail)[0].startswith(f"{sample / 'so-lieu.yaml'}:{line}:")


def test_ratio_follows_the_data(sample, run_check):
    replace_once(sample / "so-lieu.yaml", "value: 184", "value: 185")
    code, report = run_check(sample)
    assert code == 1
    assert only_fail(report, "stated-ratio")["expected"] == "67,0%"


def test_narrative_wording_must_agree_with_the_data(sample, run_check):
    narrative = sample / "noi-dung.md"
    line = replace_once(narrative, "Có thêm {{ tang(bieu01.thon_ntm) }}", "Có thêm {{ giam(bieu01.thon_ntm) }}")
    code, report = run_check(sample)
    assert code == 1
    fail = only_fail(report, "narrative-expression")
    assert "tăng 22 chứ không giảm" in fail["message"]
    assert locations(fail)[0].startswith(f"{narrative}:{line}:")


@pytest.mark.parametrize("old, new, found", [
    ("đ) Đề nghị", "e) Đề nghị", "e)"),      # the seed's own slip: after d) comes đ)
    ("b) Sở Kế hoạch", "c) Sở Kế hoạch", "c)"),
])
def test_point_letters_follow_the_vietnamese_alphabet(sample, run_check, old, new, found):
    line = replace_once(sample / "noi-dung.md", old, new)
    code, report = run_check(sample)
    assert code == 1
    fail = findings(report, "point-letters", "fail")[0]  # a skipped letter also puts the next one out of step
    assert fail["found"] == found and locations(fail) == [f"{sample / 'noi-dung.md'}:{line}:1"]


@pytest.mark.parametrize("insert, passes", [
    ("<!--\na) ghi chú cũ\n-->\na) Một\nb) Hai\n", True),                 # commented points print nothing
    ("1. Khoản một\na) Một\nb) Hai\n2. Khoản hai\na) Ba\n", True),      # a khoản typed "2. ..." restarts
    ("".join(f"{letter}) Điểm\n" for letter in "a b c d đ e g h i k l m n o p q r s t u v x y".split())
     + "a) Điểm thừa\n", False),
])
def test_point_letters_skip_comments_and_restart_at_each_khoan(sample, run_check, insert, passes):
    replace_once(sample / "noi-dung.md", "# II. NHIỆM VỤ", insert + "\n# II. NHIỆM VỤ")
    code, report = run_check(sample)
    fails = findings(report, "point-letters", "fail")
    assert (code == 0 and not fails) if passes else (code == 1 and "không còn chữ nào sau 'y)'" in fails[0]["message"])
