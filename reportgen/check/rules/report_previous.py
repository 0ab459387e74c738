"""What the earlier period's report already said: a task it reports done stays done on the same day."""

from __future__ import annotations

from collections.abc import Iterator

from reportgen.check.rules.common import failed, passed
from reportgen.check.findings import Finding
from reportgen.model.report import TASK_STATUSES, Report, TaskProgress
from reportgen.vi import format_date_short as short

DONE = TASK_STATUSES[0]


def tasks_stay_done(report: Report) -> Iterator[Finding]:
    """A task the earlier report gives as done is done in this one too, with the same completion date."""
    if not report.previous_tasks:
        return
    earlier = f"báo cáo kỳ {report.previous_period.code}"
    now = {t.key: t.progress for t in report.tasks if not t.awaited}   # awaited: its agency has not reported yet
    kept = 0
    for key, before in report.previous_tasks.items():
        if before.status != DONE or before.done is None or key not in now:
            continue  # not done then (or said wrong there: that report's own check says so)
        finding = _changed(key, before, now[key], earlier, report)
        if finding is None:
            kept += 1
        else:
            yield finding
    if kept:
        yield passed("task-stays-done", f"{kept} nhiệm vụ đã hoàn thành theo {earlier} vẫn ghi hoàn thành, cùng "
                     "ngày.", report.tasks_loc)


def _changed(key: str, before: TaskProgress, progress: TaskProgress | None, earlier: str,
             report: Report) -> Finding | None:
    said = f"Nhiệm vụ {key}: {earlier} ({before.loc}) ghi hoàn thành ngày {short(before.done)}"
    fix = (f"ghi 'status: hoàn thành, done: {before.done.isoformat()}' như kỳ trước, hoặc sửa {earlier} nếu kỳ "
           "trước ghi sai")
    if progress is None:
        return failed("task-stays-done", f"{said} nhưng kỳ này không ghi nhiệm vụ này: {fix}.", "(không ghi)",
                      f"hoàn thành ngày {short(before.done)}", report.tasks_loc, before.loc)
    if progress.status != DONE:
        return failed("task-stays-done", f"{said} nhưng kỳ này ghi '{progress.status}': nhiệm vụ đã hoàn thành "
                      f"không trở lại chưa xong; {fix}.", progress.status, f"hoàn thành ngày {short(before.done)}",
                      progress.status_loc, before.loc)
    if progress.done is not None and progress.done != before.done:
        return failed("task-stays-done", f"{said} nhưng kỳ này ghi ngày {short(progress.done)}: {fix}.",
                      short(progress.done), short(before.done), progress.loc, before.loc)
    return None
