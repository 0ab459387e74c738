"""The plan's year in a plan (issue #15 item 4): deadlines fail outside it; titles and headers naming another year
warn at their place; the sample's legitimate other years (the earlier period's "Thực hiện đến năm 2019", "So sánh
2020/2019", "giai đoạn 2016-2020" in the legal bases, "đến năm 2040" in a task) stay clean."""

from __future__ import annotations

from reportgen.check.rules.plan_year import _years
from tests.conftest import ROOT, SAMPLE, findings, line_of, replace_once


def test_the_sample_and_the_test_plans_are_clean(run_check):
    for folder in (SAMPLE, ROOT / "tests" / "data" / "hoa-phong-2024", ROOT / "tests" / "data" / "bieu-bien-2024"):
        code, report = run_check(folder)
        assert code == 0
        assert [f["status"] for f in findings(report, "plan-year-title")] == ["pass"], folder
        assert report["summary"]["warning"] == 0


def test_a_deadline_outside_the_plans_year_fails_in_the_plan_check(sample, run_check):
    line = replace_once(sample / "bieu-05.yaml", "thoi_han: Trước 31/12/2020", "thoi_han: Trước 31/12/2019")
    code, report = run_check(sample)
    [bad] = findings(report, "task-due-year", "fail")
    assert code == 1 and bad["locations"][0]["line"] == line and "Nhiệm vụ III.4" in bad["message"]


def test_a_title_or_header_naming_another_year_warns_at_its_place(sample, run_check):
    title = replace_once(sample / "bieu-03.yaml", "KIỂU MẪU NĂM 2020", "KIỂU MẪU NĂM 2019")
    replace_once(sample / "bieu-05.yaml", "label: Nhiệm vụ trong Quý IV/2020", "label: Nhiệm vụ trong Quý IV/2021")
    group = line_of(sample / "bieu-05.yaml", "label: Nhiệm vụ trong Quý IV/2021")
    header = replace_once(sample / "bieu-01.yaml",
                          '- {id: kh_2020, header: "Kế hoạch đến năm 2020 (Lũy kế)", type: decimal',
                          '- {id: kh_2020, header: "Kế hoạch đến năm 2021 (Lũy kế)", type: decimal')
    replace_once(sample / "van-ban.yaml", "tỉnh Bắc Giang năm 2020", "tỉnh Bắc Giang năm 2020 - 2021 và năm 2022")
    code, report = run_check(sample)
    assert code == 0                                      # a warning never fails the check
    warned = {(f["locations"][0]["file"].rsplit("/", 1)[-1], f["locations"][0].get("line"),
               f["message"].split(" nêu ")[1].split(",")[0]) for f in findings(report, "plan-year-title", "warning")}
    assert warned == {("bieu-03.yaml", title, "năm 2019"), ("bieu-05.yaml", group, "năm 2021"),
                      ("bieu-01.yaml", header, "năm 2021"), ("van-ban.yaml", 12, "năm 2022")}, warned
    assert report["summary"]["warning"] == 4 and report["status"] == "pass"


def test_a_plan_copied_to_the_next_year_is_no_longer_clean(sample, run_check, capsys):
    """The issue's case: number, date and subject changed, every figure, title and deadline still last year's."""
    replace_once(sample / "van-ban.yaml", "date: 2020-02-17", "date: 2021-02-17")
    replace_once(sample / "van-ban.yaml", "tỉnh Bắc Giang năm 2020", "tỉnh Bắc Giang năm 2021")
    code, report = run_check(sample)
    assert code == 1 and len(findings(report, "task-due-year", "fail")) == 36
    titles = [f["message"] for f in findings(report, "plan-year-title", "warning")]
    assert any(m.startswith("Tên Biểu 03 «DANH SÁCH XÃ") and "nêu năm 2020" in m for m in titles), titles
    assert any(m.startswith("Biểu 01, cột «Kế hoạch đến năm 2020 (Lũy kế)» nêu năm 2020") for m in titles), titles


def test_years_a_text_names():
    assert list(_years("Thực hiện đến năm 2019 (Lũy kế)")) == [2019]
    assert list(_years("giai đoạn 2016-2020, 2021 – 2025; So sánh 2020/2019")) == []
    assert list(_years("ngày 18/12/2019, Nghị quyết 07/2019/NQ-HĐND, Quý I/2020, mã 12020")) == [2020]
