"""The names a report's narrative adds to the plan's: thuc_hien, dat_ke_hoach (per indicator), nhiem_vu (counts),
ky, ky_truoc and ky_sau (the period, the one before and the next, of any kind: nam, so_thang, quy, thang)."""

from __future__ import annotations

from decimal import Decimal

from reportgen.expressions.vocabulary import NamedFigures, context
from reportgen.model.plan import Figure
from reportgen.model.report import MONTH, QUARTER, Period, Report
from reportgen.model.progress import PERCENT_DECIMALS, achieved, actual_value, due_by, due_next, overdue, plan_value


def report_context(report: Report, ratios: dict[str, Figure]) -> dict[str, object]:
    """The plan's names (bieu01, tong, so_lieu, ...) and the report's own."""
    names = context(report.plan, ratios)
    blank = _blank_totals(report)
    names["thuc_hien"] = NamedFigures("thuc_hien", _actual_figures(report), blank)
    names["dat_ke_hoach"] = NamedFigures("dat_ke_hoach", _achieved_figures(report), _blank_plans(report) | blank)
    names["nhiem_vu"] = NamedFigures("nhiem_vu", task_counts(report))
    # units that have not reported yet (collect --partial): "còn {{ chua_bao_cao.don_vi }} đơn vị chưa báo cáo"
    names["chua_bao_cao"] = NamedFigures("chua_bao_cao", {
        "don_vi": Figure(Decimal(len(report.actuals.not_reported)), "count")})
    names["ky"] = NamedFigures("ky", period_figures(report.period))
    names["ky_sau"] = NamedFigures("ky_sau", period_figures(report.period.following()))
    names["ky_truoc"] = NamedFigures("ky_truoc", period_figures(report.period.preceding()))
    return names


def period_figures(period: Period) -> dict[str, Figure]:
    """The period's numbers, never typed by hand: ky.nam → 2020 and ky.so_thang (months covered: 1, 3, 6, 9, 12) for
    every kind; ky.quy → II (a quarter, a Roman numeral), ky.thang → 5 (a month; 01, 02 as dates write them)."""
    figures = {"nam": Figure(Decimal(period.year), "year"), "so_thang": Figure(Decimal(period.months), "count")}
    if period.kind == QUARTER:
        figures["quy"] = Figure(Decimal(period.number), "roman")
    if period.kind == MONTH:
        figures["thang"] = Figure(Decimal(period.number), "count", pad=2 if period.number < 3 else 0)
    return figures


def _column(report: Report, indicator: str):
    annex = report.plan.annex(report.actuals.annex_id)
    return annex, annex.period_columns(annex.top(indicator))[1], annex.top(indicator)


def _actual_figures(report: Report) -> dict[str, Figure]:
    figures = {}
    for indicator in report.actuals.indicators:
        value = actual_value(report.actuals.total, indicator)
        if value is not None:  # a blank total has no figure: the name is then unknown, never 0
            _, later, group = _column(report, indicator)
            figures[indicator] = Figure(value, later.type, later.decimals, group.measure)
    return figures


def _blank_totals(report: Report) -> dict[str, str]:
    """Indicators whose total is blank (no unit has a figure yet: collect --partial), said as such, not as unknown."""
    waiting = report.actuals.not_reported
    why = ("tổng thực hiện của chỉ tiêu này để trống trong tệp tiến độ"
           + (f" (còn {len(waiting)} đơn vị chưa báo cáo)" if waiting else ""))
    return {i: why for i in report.actuals.indicators if actual_value(report.actuals.total, i) is None}


def _blank_plans(report: Report) -> dict[str, str]:
    annex = report.plan.annex(report.actuals.annex_id)
    return {i: "kế hoạch năm của chỉ tiêu này để trống hoặc bằng 0, không tính được tỷ lệ"
            for i in report.actuals.indicators if not plan_value(annex, i, None)}


def _achieved_figures(report: Report) -> dict[str, Figure]:
    figures = {}
    annex = report.plan.annex(report.actuals.annex_id)
    for indicator in report.actuals.indicators:
        share = achieved(actual_value(report.actuals.total, indicator), plan_value(annex, indicator, None))
        if share is not None:
            figures[indicator] = Figure(share, "percent", PERCENT_DECIMALS)
    return figures


def task_counts(report: Report) -> dict[str, Figure]:
    """nhiem_vu.den_han (due by the period's end), hoan_thanh, hoan_thanh_cham, qua_han, chua_bao_cao (due, its
    agency not reported yet), ky_sau (due in the next period; quy_sau the same), thuong_xuyen."""
    due = [t for t in due_by(report, report.period.end) if not t.recurring]
    following = sum(1 for t in due_next(report) if not t.recurring)
    counts = {
        "den_han": len(due),
        "hoan_thanh": sum(1 for t in due if t.done),
        "hoan_thanh_dung_han": sum(1 for t in due if t.done and not t.late),
        "hoan_thanh_cham": sum(1 for t in due if t.late),
        "qua_han": len(overdue(report)),
        "chua_bao_cao": sum(1 for t in due if t.awaited),   # due, its lead agency's form not in (collect --partial)
        "quy_sau": following,   # the quarters' name of ky_sau
        "ky_sau": following,
        "thuong_xuyen": sum(1 for t in report.tasks if t.recurring),
        "tat_ca": len(report.tasks),
    }
    return {name: Figure(Decimal(count), "count", unit="nhiệm vụ") for name, count in counts.items()}
