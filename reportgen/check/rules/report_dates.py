"""Dates of a report: its own date after the period, completion dates within the plan and the period
(due dates within the plan's year are the plan's rule: plan_year.py)."""

from __future__ import annotations

import datetime as _dt
from typing import Iterator

from reportgen.check.rules.common import failed, passed
from reportgen.check.findings import Finding
from reportgen.model.report import Report, TaskState
from reportgen.vi import format_date_short as short


def report_date(report: Report) -> Iterator[Finding]:
    """A report on a period is dated on or after its last day (before it, what is due is not yet known) and at the
    latest in the year after the plan's (a year-end report is signed in January)."""
    if report.period.year != report.plan.meta.plan_year:
        return  # report-period says the period is wrong: its end is no measure of the date
    end, date = report.period.end, report.meta.date
    ky = report.period.words
    latest = _dt.date(report.plan.meta.plan_year + 1, 12, 31)
    if date > latest:
        yield failed("report-date", f"Ngày báo cáo {short(date)} quá xa {ky}: báo cáo về kế hoạch năm "
                     f"{report.plan.meta.plan_year} ghi ngày trong năm đó hoặc năm sau (đến {short(latest)}); sửa "
                     "'date' (gõ nhầm năm?).", short(date), f"từ {short(end)} đến {short(latest)}", report.date_loc)
    elif date >= end:
        yield passed("report-date", f"Ngày báo cáo {short(date)} không trước ngày cuối {ky} ({short(end)}).",
                     report.date_loc)
    else:
        yield failed("report-date", f"Ngày báo cáo {short(date)} trước ngày cuối {ky} ({short(end)}): báo cáo kết "
                     f"quả đến hết {ky} ghi ngày từ {short(end)} trở đi; sửa 'date' hoặc chọn đúng kỳ (--period).",
                     short(date), f"từ {short(end)}", report.date_loc)


def plan_start(report: Report) -> _dt.date:
    """The first day a task of the plan may be done: 1 January of the plan's year, or the plan's date if earlier."""
    return min(_dt.date(report.plan.meta.plan_year, 1, 1), report.plan.meta.date)


def task_dates(report: Report) -> Iterator[Finding]:
    """A task done has a completion date within the plan and the period; a task not done has none."""
    for task in (t for t in report.tasks if t.progress is not None):
        problem = _done_date_problem(report, task)
        if problem is not None:
            yield problem
        else:
            yield passed("task-done-date", f"Nhiệm vụ {task.key}: {task.progress.status}.", task.progress.loc)


def _done_date_problem(report: Report, task: TaskState) -> Finding | None:
    progress, name, rule = task.progress, f"Nhiệm vụ {task.key}", "task-done-date"
    if not task.done:
        return None if progress.done is None else failed(
            rule, f"{name} ghi '{progress.status}' nhưng có ngày hoàn thành: bỏ 'done' hoặc ghi 'hoàn thành'.",
            progress.status, "hoàn thành", progress.status_loc)
    if progress.done is None:
        return failed(rule, f"{name} ghi 'hoàn thành' nhưng thiếu ngày hoàn thành: thêm 'done: YYYY-MM-DD'.",
                      "(trống)", "ngày hoàn thành", progress.loc)
    done, start, end = progress.done, plan_start(report), report.period.end
    if done < start:
        return failed(rule, f"{name}: ngày hoàn thành {short(done)} trước khi kế hoạch bắt đầu ({short(start)}): "
                      "sửa 'done'.", short(done), f"từ {short(start)}", progress.loc)
    if done > report.meta.date:
        return failed(rule, f"{name}: ngày hoàn thành {short(done)} sau ngày báo cáo {short(report.meta.date)}.",
                      short(done), f"trước {short(report.meta.date)}", progress.loc)
    if done > end:
        ky = report.period.words
        return failed(rule, f"{name}: ngày hoàn thành {short(done)} sau ngày cuối {ky} ({short(end)}): đến hết kỳ "
                      "nhiệm vụ chưa xong; kỳ này ghi 'status: đang thực hiện' (bỏ 'done'), báo hoàn thành ở kỳ "
                      "sau.", short(done), f"đến {short(end)}", progress.loc)
    return None
