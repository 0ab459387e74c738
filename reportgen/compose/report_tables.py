"""The report's annex tables as Annex models, drawn as the plan's are (compose.annex): results, tasks."""

from __future__ import annotations

from decimal import Decimal

from reportgen.compose.annex import AnnexTable, Words, annex_tables
from reportgen.expressions.env import UndefinedError
from reportgen.model.plan import Annex, Cell, Column, Group, Row, TotalRow
from reportgen.model.report import Period, Report, TaskState
from reportgen.model.progress import achieved, actual_value, due_by, due_next, overdue, plan_value
from reportgen.tree.nodes import Table
from reportgen.vi import format_date_short, roman

# Every word these tables print (titles, column headers, statuses, notes) is the template's.
_WORDS = "phu-luc-bao-cao.j2"


def period_words(period: Period) -> dict[str, object]:
    """What templates/ky-bao-cao.j2 words a period from: its kind (M, Q, H, T, Y), number and year."""
    return {"loai": period.kind, "so": period.number, "nam": period.year}


def report_tables(report: Report, env) -> tuple[list[AnnexTable], dict[str, Table]]:
    """The report's annexes and their tables (compose.annex_tables), worded by templates/phu-luc-bao-cao.j2."""
    words = Words(env, _WORDS, {"nam": report.period.year, "ky_bao_cao": period_words(report.period),
                                "ky_tiep_theo": period_words(report.period.following())})
    annexes = report_annexes(report, words)
    ratios = {f"{i}.tl": (f"{i}.th", f"{i}.kh") for i in report.actuals.indicators}  # % of plan: actual / plan
    return annex_tables(env, annexes, empty=words.khong_co_nhiem_vu, ratios=ratios)


def report_annexes(report: Report, words: Words) -> list[Annex]:
    """Phụ lục I results, II tasks due by the period's end, III overdue tasks, IV tasks of the next period."""
    tables = [
        _results(report, words),
        _tasks(report, words, due_by(report, report.period.end), words.ten_den_han, "due"),
        _tasks(report, words, overdue(report), words.ten_qua_han, "overdue"),
        _tasks(report, words, due_next(report), words.ten_quy_sau, "next"),
    ]
    if len(words.so_phu_luc) != len(tables):  # someone edited the template: say so, as for a missing name
        raise UndefinedError(f"{_WORDS}: so_phu_luc cần đúng {len(tables)} tên phụ lục")
    return [Annex(f"bc{n}", label, t.title, t.columns, t.groups, total=t.total, notes=t.notes)
            for n, (label, t) in enumerate(zip(words.so_phu_luc, tables), start=1)]


def _results(report: Report, words: Words) -> Annex:
    annex = report.plan.annex(report.actuals.annex_id)
    columns = [Column("tt", words.tt, type="index", key="tt"),
               Column("unit", annex.top(annex.unit_key).header, type="unit", key="unit")]
    for indicator in report.actuals.indicators:
        group = annex.top(indicator)
        later = annex.period_columns(group)[1]  # the year's plan: the actuals are typed as it is
        typed = {"type": later.type, "decimals": later.decimals, "aggregate": "sum"}
        columns.append(Column(indicator, group.header, measure=group.measure, key=indicator, children=(
            Column("kh", words.ke_hoach, key=f"{indicator}.kh", **typed),
            Column("th", words.thuc_hien, key=f"{indicator}.th", **typed),
            Column("tl", words.ty_le, type="percent", decimals=1, key=f"{indicator}.tl"))))
    rows = tuple(Row(_result_cells(report, annex, unit, report.actuals.rows.get(unit)) | {"unit": Cell(unit)})
                 for unit in (str(r.value(annex.unit_key)) for r in annex.rows()))
    total = TotalRow(words.tong_cong, _result_cells(report, annex, None, report.actuals.total))
    return Annex("", "", words.ten_ket_qua, tuple(columns), (Group(None, rows),), total=total,
                 notes=(words.chu_thich_ket_qua,))


def _result_cells(report: Report, annex: Annex, unit: str | None, row: Row | None) -> dict[str, Cell]:
    cells = {}
    for indicator in report.actuals.indicators:
        planned, actual = plan_value(annex, indicator, unit), actual_value(row, indicator)
        cells[f"{indicator}.kh"], cells[f"{indicator}.th"] = Cell(planned), Cell(actual)
        cells[f"{indicator}.tl"] = Cell(achieved(actual, planned))
    return cells


def _tasks(report: Report, words: Words, tasks: list[TaskState], title: str, which: str) -> Annex:
    """The plan's task columns after the task's key, then status, completion date and note, by the plan's groups."""
    annex = report.plan.annex(report.task_annex)
    # The key ("I.3") is what the progress file and the plan's printed numbering share: it replaces a new TT.
    # A mark-type column is narrow and centred, as a key should be.
    columns = [Column("key", words.tt, type="mark", key="key")]
    columns += [leaf for leaf in annex.leaves() if leaf.type != "index"]
    columns += [Column("status", words.tinh_trang, type="text", key="status")]
    if which == "overdue":
        columns += [Column("late_days", words.so_ngay_qua_han, type="count", key="late_days")]
    else:
        columns += [Column("done", words.ngay_hoan_thanh, type="deadline", key="done")]
    columns += [Column("note", words.ghi_chu, type="text", key="note")]
    chosen = {task.key: task for task in tasks}
    groups = []
    for position, group in enumerate(annex.groups, start=1):
        numeral = f"{roman(position)}." if group.label is not None else ""
        rows = tuple(_task_row(report, words, chosen[key], which) for key in chosen if key.startswith(numeral)
                     and "." not in key[len(numeral):])
        if rows:  # the plan's numeral, as the keys (II.2) under it say, not the position in this table
            groups.append(Group(group.label, rows, numeral=roman(position)))
    notes = (words.chu_thich_thuong_xuyen,) if any(t.recurring for t in tasks) else ()
    return Annex("", "", title, tuple(columns), tuple(groups), notes=notes)


def _task_row(report: Report, words: Words, task: TaskState, which: str) -> Row:
    # Recurring work starts afresh next period: this period's completion is not its state there.
    progress = None if which == "next" and task.recurring else task.progress
    cells = dict(task.row.cells)
    status = words.hoan_thanh_cham if task.late and progress is not None else (progress.status if progress else None)
    if task.awaited and which != "next":
        status = words.chua_bao_cao    # its lead agency's form is not in yet (collect --partial)
    cells["key"] = Cell(task.key)
    cells["status"] = Cell(status[:1].upper() + status[1:] if status else None)
    cells["done"] = Cell(format_date_short(progress.done) if progress is not None and progress.done else None)
    cells["note"] = Cell(progress.note if progress is not None else None)
    if task.due is not None and task.due <= report.meta.date:  # a report dated on the due day: 0, not blank
        cells["late_days"] = Cell(Decimal((report.meta.date - task.due).days))
    return Row(cells)
