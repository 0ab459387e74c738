"""Rules of a report on a period (month, quarter, half-year, 9 months, year): period, symbol and subject, actuals
that add up, are whole counts and do not fall, task progress complete (the report's dates: report_dates.py; all of them listed in registry.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from reportgen.check.rules.common import failed, natural, num, passed, unknown
from reportgen.check.findings import Finding
from reportgen.model.plan import Annex, Row
from reportgen.model.report import TOTAL_LABEL, Actuals, Report, plan_year_forms
from reportgen.model.progress import actual_value, baseline_value
from reportgen.model.tasks import task_lead


def report_period(report: Report) -> Iterator[Finding]:
    year = report.plan.meta.plan_year
    shown = f"Kỳ báo cáo {report.period.code}"
    if report.period.year == year:
        yield passed("report-period", f"{shown} thuộc năm của kế hoạch ({year}).", report.meta_loc)
    else:
        yield failed("report-period", f"{shown} không thuộc năm của kế hoạch ({year}): chọn một kỳ của năm {year}.",
                     report.period.code, plan_year_forms(year), report.meta_loc)


def report_symbol(report: Report) -> Iterator[Finding]:
    meta = report.meta
    if meta.kind != "bao_cao":
        yield failed("report-symbol", f"Văn bản báo cáo ghi 'kind: {meta.kind}': ghi 'kind: bao_cao'.", meta.kind,
                     "bao_cao", report.meta_loc)
    if meta.symbol.startswith("BC-"):
        yield passed("report-symbol", f"Ký hiệu {meta.symbol} là ký hiệu báo cáo.", report.symbol_loc)
    else:
        yield failed("report-symbol", f"Ký hiệu '{meta.symbol}' không phải ký hiệu báo cáo: viết 'BC-…' (ví dụ "
                     f"BC-{meta.symbol.split('-')[-1]}).", meta.symbol, "BC-…", report.symbol_loc)


def actual_sums(report: Report) -> Iterator[Finding]:
    """The units' values add up to the total row, indicator by indicator: this report's and the earlier one's."""
    for actuals, name in _both(report):
        yield from _sums(actuals, name)


def _both(report: Report) -> list[tuple[Actuals, str]]:
    """This report's actuals and, when it was read for comparison, the earlier report's (named as such)."""
    both = [(report.actuals, "")]
    if report.previous is not None:
        both.append((report.previous, f"Báo cáo kỳ {report.previous_period.code}: "))
    return both


def _sums(actuals: Actuals, prefix: str) -> Iterator[Finding]:
    for indicator in actuals.indicators:
        values = [v for v in (actual_value(row, indicator) for row in actuals.rows.values()) if v is not None]
        printed = actual_value(actuals.total, indicator)
        where = actuals.total.cells[indicator].loc if actuals.total is not None else actuals.loc
        name = f"{prefix}Thực hiện chỉ tiêu '{indicator}'"
        if printed is None:
            if values:
                yield unknown("actual-sum", f"{name}: dòng tổng để trống; các đơn vị cộng lại {num(sum(values))}.",
                              where)
        elif sum(values) == printed:
            yield passed("actual-sum", f"{name}: các đơn vị cộng lại {num(printed)}, đúng dòng tổng.", where)
        else:
            yield _unequal(actuals, indicator, name, printed, where)


def _unequal(actuals: Actuals, indicator: str, name: str, printed, where) -> Finding:
    """Both sides and every unit, blaming neither (issue #14): the total or a unit may be the wrong one."""
    units = [(unit, row) for unit, row in actuals.rows.items() if actual_value(row, indicator) is not None]
    total = sum((actual_value(row, indicator) for _, row in units), Decimal(0))
    parts = " + ".join(f"{unit} {num(actual_value(row, indicator))}" for unit, row in units)
    return failed("actual-sum", f"{name}: dòng tổng ghi {num(printed)}, còn {len(units)} đơn vị có số cộng lại được "
                  f"{num(total)} ({parts}); lệch {num(abs(printed - total))}. Đối chiếu dòng tổng và từng đơn vị "
                  "với số liệu gốc để tìm ô ghi sai.", None, None, where,
                  *(row.cells[indicator].loc for _, row in units if indicator in row.cells))


def actual_counts(report: Report) -> Iterator[Finding]:
    """Where the plan counts an indicator (its later period column is `type: count`), actuals are whole numbers ≥ 0."""
    for actuals, prefix in _both(report):
        yield from _counts(report.plan.annex(actuals.annex_id), actuals, prefix)


def _counts(annex: Annex, actuals: Actuals, prefix: str) -> Iterator[Finding]:
    lines = list(actuals.rows.items()) + [(TOTAL_LABEL, actuals.total)]
    for indicator in actuals.indicators:
        if annex.period_columns(annex.top(indicator))[1].type != "count":
            continue
        name = f"{prefix}Thực hiện chỉ tiêu '{indicator}'"
        bad = [(unit, row, value) for unit, row in lines
               if (value := actual_value(row, indicator)) is not None and not natural(value)]
        for unit, row, value in bad:
            yield failed("actual-count-integer", f"{name}, '{unit}': số đếm phải là số nguyên không âm, thấy "
                         f"{num(value)}.", num(value), "số nguyên ≥ 0", row.cells[indicator].loc)
        if not bad:
            yield passed("actual-count-integer", f"{name}: mọi ô là số nguyên không âm.", actuals.loc)


def actual_cumulative(report: Report) -> Iterator[Finding]:
    """A cumulative indicator does not fall from the earlier report of any kind (or, without one, from last year)."""
    annex = report.plan.annex(report.actuals.annex_id)
    earlier = f"báo cáo kỳ {report.previous_period.code}" if report.previous is not None else "năm trước (kế hoạch)"
    for indicator in (i for i in report.actuals.indicators if annex.top(i).cumulative):
        lines = [(unit, row, _previous(report, indicator, unit)) for unit, row in report.actuals.rows.items()]
        lines.append((TOTAL_LABEL, report.actuals.total, _previous(report, indicator, None)))
        held = 0
        for unit, row, before in lines:
            now = actual_value(row, indicator)
            if before is None or unit in report.actuals.not_reported:
                continue  # nothing to fall from; a unit that has not reported yet (the narrative says so) lost none
            where = row.cells[indicator].loc if row is not None else report.actuals.loc
            if now is None:
                yield failed("actual-cumulative", f"Chỉ tiêu lũy kế '{indicator}', '{unit}': để trống nhưng {earlier} "
                             f"ghi {num(before)}: số lũy kế không mất đi; ghi số đến hết kỳ (không thấp hơn "
                             f"{num(before)}).", "(trống)", f"≥ {num(before)}", where)
            elif now < before:
                yield failed("actual-cumulative", f"Chỉ tiêu lũy kế '{indicator}', '{unit}': {num(now)} thấp hơn "
                             f"{earlier} ({num(before)}).", num(now), f"≥ {num(before)}", where)
            else:
                held += 1
        if held:
            yield passed("actual-cumulative", f"Chỉ tiêu lũy kế '{indicator}': {held} dòng không thấp hơn {earlier}.",
                         report.actuals.loc)


def _previous(report: Report, indicator: str, unit: str | None):
    if report.previous is None:
        return baseline_value(report.plan.annex(report.actuals.annex_id), indicator, unit)
    previous = report.previous
    if indicator not in previous.indicators:
        return None
    row: Row | None = previous.total if unit is None else previous.rows.get(unit)
    return actual_value(row, indicator)


def tasks_reported(report: Report) -> Iterator[Finding]:
    """Every task due by the period's end (and recurring work) has a progress line."""
    if report.period.year != report.plan.meta.plan_year:
        return  # which tasks are due means nothing for a period outside the plan's year (report-period says so)
    due = [t for t in report.tasks if t.due_by(report.period.end) and t.progress is None]
    for task in (t for t in due if t.awaited):  # collect --partial: its agency's form is not in yet
        lead = task_lead(report.plan.annex(report.task_annex), task.row)
        yield unknown("task-reported", f"Nhiệm vụ {task.key} (thời hạn '{task.deadline}') đến hạn trong kỳ: {lead} "
                      "chưa báo cáo (ghi trong 'chua_bao_cao' của 'tasks'), chưa biết tình trạng.", task.row.loc)
    missing = [t for t in due if not t.awaited]
    for task in missing:
        yield failed("task-reported", f"Nhiệm vụ {task.key} (thời hạn '{task.deadline}') đến hạn trong kỳ nhưng tệp "
                     "tiến độ không ghi tình trạng: thêm một dòng 'task: " + task.key + "'.", "(không ghi)",
                     "tình trạng của nhiệm vụ", task.row.loc)
    if not due:
        yield passed("task-reported", "Mọi nhiệm vụ đến hạn trong kỳ đều có tình trạng.", report.tasks_loc)

