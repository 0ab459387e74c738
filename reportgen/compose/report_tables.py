"""The report's annex tables as Annex models (so the plan's annex view and template draw them): results, tasks."""

from __future__ import annotations

from decimal import Decimal

from reportgen.model.plan import Annex, Cell, Column, Group, Row, TotalRow
from reportgen.model.report import Report, TaskState
from reportgen.model.progress import achieved, actual_value, due_by, due_next, overdue, plan_value
from reportgen.vi import format_date_short, format_quarter, roman

# Every word these tables print: titles, column headers, statuses.
WORDS = {
    "label": "Phụ lục {}",
    "results": "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐẾN HẾT {}",
    "due": "TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ CÓ THỜI HẠN ĐẾN HẾT {}",
    "overdue": "CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH ĐẾN HẾT {}",
    "next": "CÁC NHIỆM VỤ ĐẾN HẠN TRONG {}",
    "tt": "TT", "key": "TT", "plan": "Kế hoạch năm {}", "actual": "Thực hiện đến hết {}",
    "share": "Tỷ lệ so với kế hoạch", "total": "Tổng cộng", "status": "Tình trạng", "done": "Ngày hoàn thành",
    "note": "Ghi chú", "late_days": "Số ngày quá hạn đến ngày báo cáo",
    "results_note": "Tỷ lệ so với kế hoạch năm, làm tròn một chữ số thập phân; ô trống: đơn vị không có kế hoạch "
                    "hoặc không có số liệu.",
    "late": "Hoàn thành chậm", "none": "(Không có nhiệm vụ nào)",
    "recurring": "Nhiệm vụ thường xuyên: đến hạn vào cuối mỗi quý, không tính quá hạn.",
}


def report_annexes(report: Report) -> list[Annex]:
    """Phụ lục I results, II tasks due by the period's end, III overdue tasks, IV tasks of the next quarter."""
    period, following = format_quarter(report.period.year, report.period.quarter), report.period.following()
    tables = [
        _results(report, WORDS["results"].format(period.upper())),
        _tasks(report, due_by(report, report.period.end), WORDS["due"].format(period.upper()), "due"),
        _tasks(report, overdue(report), WORDS["overdue"].format(period.upper()), "overdue"),
        _tasks(report, due_next(report), WORDS["next"].format(format_quarter(following.year, following.quarter)
                                                              .upper()), "next"),
    ]
    return [Annex(f"bc{n}", WORDS["label"].format(roman(n)), t.title, t.columns, t.groups, total=t.total,
                  notes=t.notes) for n, t in enumerate(tables, start=1)]


def _results(report: Report, title: str) -> Annex:
    annex = report.plan.annex(report.actuals.annex_id)
    period = format_quarter(report.period.year, report.period.quarter)
    columns = [Column("tt", WORDS["tt"], type="index", key="tt"),
               Column("unit", annex.top(annex.unit_key).header, type="unit", key="unit")]
    for indicator in report.actuals.indicators:
        group = annex.top(indicator)
        later = annex.period_columns(group)[1]  # the year's plan: the actuals are typed as it is
        typed = {"type": later.type, "decimals": later.decimals, "aggregate": "sum"}
        columns.append(Column(indicator, group.header, measure=group.measure, key=indicator, children=(
            Column("kh", WORDS["plan"].format(report.period.year), key=f"{indicator}.kh", **typed),
            Column("th", WORDS["actual"].format(period), key=f"{indicator}.th", **typed),
            Column("tl", WORDS["share"], type="percent", decimals=1, key=f"{indicator}.tl"))))
    rows = tuple(Row(_result_cells(report, annex, unit, report.actuals.rows.get(unit)) | {"unit": Cell(unit)})
                 for unit in (str(r.value(annex.unit_key)) for r in annex.rows()))
    total = TotalRow(WORDS["total"], _result_cells(report, annex, None, report.actuals.total))
    return Annex("", "", title, tuple(columns), (Group(None, rows),), total=total, notes=(WORDS["results_note"],))


def _result_cells(report: Report, annex: Annex, unit: str | None, row: Row | None) -> dict[str, Cell]:
    cells = {}
    for indicator in report.actuals.indicators:
        planned, actual = plan_value(annex, indicator, unit), actual_value(row, indicator)
        cells[f"{indicator}.kh"], cells[f"{indicator}.th"] = Cell(planned), Cell(actual)
        cells[f"{indicator}.tl"] = Cell(achieved(actual, planned))
    return cells


def _tasks(report: Report, tasks: list[TaskState], title: str, which: str) -> Annex:
    """The plan's task columns after the task's key, then status, completion date and note, by the plan's groups."""
    annex = report.plan.annex(report.task_annex)
    # The key ("I.3") is what the progress file and the plan's printed numbering share: it replaces a new TT.
    # A mark-type column is narrow and centred, as a key should be.
    columns = [Column("key", WORDS["key"], type="mark", key="key")]
    columns += [leaf for leaf in annex.leaves() if leaf.type != "index"]
    columns += [Column("status", WORDS["status"], type="text", key="status")]
    if which == "overdue":
        columns += [Column("late_days", WORDS["late_days"], type="count", key="late_days")]
    else:
        columns += [Column("done", WORDS["done"], type="deadline", key="done")]
    columns += [Column("note", WORDS["note"], type="text", key="note")]
    chosen = {task.key: task for task in tasks}
    groups = []
    for position, group in enumerate(annex.groups, start=1):
        numeral = f"{roman(position)}." if group.label is not None else ""
        rows = tuple(_task_row(report, chosen[key], which) for key in chosen if key.startswith(numeral)
                     and "." not in key[len(numeral):])
        if rows:  # the plan's numeral, as the keys (II.2) under it say, not the position in this table
            groups.append(Group(group.label, rows, numeral=roman(position)))
    notes = (WORDS["recurring"],) if any(t.recurring for t in tasks) else ()
    return Annex("", "", title, tuple(columns), tuple(groups), notes=notes)


def _task_row(report: Report, task: TaskState, which: str) -> Row:
    # Recurring work starts afresh next quarter: this quarter's completion is not its state there.
    progress = None if which == "next" and task.recurring else task.progress
    cells = dict(task.row.cells)
    status = WORDS["late"] if task.late and progress is not None else (progress.status if progress else None)
    cells["key"] = Cell(task.key)
    cells["status"] = Cell(status[:1].upper() + status[1:] if status else None)
    cells["done"] = Cell(format_date_short(progress.done) if progress is not None and progress.done else None)
    cells["note"] = Cell(progress.note if progress is not None else None)
    if task.due is not None and task.due <= report.meta.date:  # a report dated on the due day: 0, not blank
        cells["late_days"] = Cell(Decimal((report.meta.date - task.due).days))
    return Row(cells)
