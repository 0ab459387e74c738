"""`reportgen report` after review: plan-typed results, a plan's own year, completion dates as typed."""

from __future__ import annotations

import docx

from tests.conftest import replace_once
from tests.test_report_checks import Q2, _report


def test_results_table_prints_each_indicator_as_the_plan_types_it(sample, tmp_path, capsys):
    """A decimal indicator (one decimal in the plan) prints 133,5 in Phụ lục I, not a rounded count."""
    bieu = (sample / "bieu-01.yaml").read_text(encoding="utf-8")
    head, tail = bieu.split("id: thon_kieu_mau", 1)
    (sample / "bieu-01.yaml").write_text(head.replace("type: count, aggregate: sum", "type: decimal, decimals: 1, "
                                                      "aggregate: sum") + "id: thon_kieu_mau" + tail, encoding="utf-8")
    replace_once(sample / Q2 / "tien-do.yaml", "thon_ntm: 99,", "thon_ntm: 99.5,")
    replace_once(sample / Q2 / "tien-do.yaml", "total: {thon_ntm: 133,", "total: {thon_ntm: 133.5,")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    results = docx.Document(str(next((tmp_path / "ra").glob("*.docx")))).tables[2]
    rows = {row.cells[1].text: [c.text for c in row.cells] for row in results.rows}
    assert rows["Huyện Hiệp Hòa"][2:5] == ["104,0", "99,5", "95,7%"]
    total = [c.text for c in results.rows[-1].cells]
    assert total[2:5] == ["144,0", "133,5", "92,7%"] and total[5:7] == ["55", "21"]  # thôn kiểu mẫu stays a count


def test_a_plan_signed_in_december_for_the_next_year_is_reported_on(sample, tmp_path, capsys):
    replace_once(sample / "van-ban.yaml", "date: 2020-02-17", "date: 2019-12-25")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 1 and "Kỳ báo cáo 2020-Q2 không thuộc năm của kế hoạch (2019)" in out
    replace_once(sample / "van-ban.yaml", "date: 2019-12-25", "date: 2019-12-25\nyear: 2020")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    body = [p.text for p in docx.Document(str(next((tmp_path / "ra").glob("*.docx")))).paragraphs]
    assert any(t.startswith("Thực hiện Kế hoạch số 552/KH-BCĐ ngày 25/12/2019") for t in body)


def test_a_quoted_iso_completion_date_is_the_same_day(sample, tmp_path, capsys):
    replace_once(sample / Q2 / "tien-do.yaml", "done: 2020-02-25", 'done: "2020-02-25"')
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    replace_once(sample / Q2 / "tien-do.yaml", 'done: "2020-02-25"', 'done: "25/02/2020"')
    code, out = _report(sample, tmp_path / "rb", capsys)
    assert code == 2 and "'done' phải là ngày dạng 2020-03-10 (năm-tháng-ngày), thấy '25/02/2020'" in out


def test_a_report_dated_on_the_periods_last_day_counts_zero_days_overdue(sample, tmp_path, capsys):
    replace_once(sample / Q2 / "van-ban.yaml", "date: 2020-07-06", "date: 2020-06-30")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    overdue = docx.Document(str(next((tmp_path / "ra").glob("*.docx")))).tables[4]
    days = {row.cells[0].text: row.cells[6].text for row in overdue.rows}
    assert days["II.6"] == "0" and days["I.11"] == "91"  # due 30/06/2020 and 31/03/2020


def test_the_quarter_before_has_a_name_and_rolls_back_the_year():
    from reportgen.expressions.report_vocabulary import period_figures
    from reportgen.model.report import Period
    assert Period(2020, 2).preceding() == Period(2020, 1) and Period(2020, 1).preceding() == Period(2019, 4)
    figures = period_figures(Period(2020, 1).preceding())
    assert (figures["quy"].value, figures["quy"].kind, figures["nam"].value) == (4, "roman", 2019)


def test_more_decimals_than_the_column_prints_is_one_check_for_plan_cells_and_actuals(sample, tmp_path, capsys):
    """The plan's cell and the report's actual are refused alike (check/fields.within_decimals), each at its line."""
    bieu = (sample / "bieu-01.yaml").read_text(encoding="utf-8")
    head, tail = bieu.split("id: thon_kieu_mau", 1)
    (sample / "bieu-01.yaml").write_text(head.replace("type: count, aggregate: sum", "type: decimal, decimals: 1, "
                                                      "aggregate: sum") + "id: thon_kieu_mau" + tail, encoding="utf-8")
    line = replace_once(sample / Q2 / "tien-do.yaml", "thon_ntm: 99,", "thon_ntm: 99.55,")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 2 and f"tien-do.yaml:{line}:" in out
    assert "99.55 có nhiều chữ số thập phân hơn cột cho phép (1)." in out
    replace_once(sample / Q2 / "tien-do.yaml", "thon_ntm: 99.55,", "thon_ntm: 99,")
    line = replace_once(sample / "bieu-01.yaml", "tieu_chi_binh_quan: [12.7, 13.4]", "tieu_chi_binh_quan: [12.7, 13.45]")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 2 and f"bieu-01.yaml:{line}:" in out
    assert "13.45 có nhiều chữ số thập phân hơn cột cho phép (1)." in out
