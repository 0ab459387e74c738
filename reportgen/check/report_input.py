"""The report's document and progress files into typed parts: metadata, Kính gửi, task progress, actuals."""

from __future__ import annotations

import datetime as _dt
import re

from reportgen.check.document import build_meta
from reportgen.check.fields import Fields, as_number, within_decimals
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.load.workbook import Workbook
from reportgen.model.plan import Annex, Cell, Column, DocumentMeta, Plan, Row
from reportgen.model.report import TASK_STATUSES, TOTAL_LABEL, Actuals, TaskProgress
from reportgen.names import name_key, suggestion

# Keys of a report's van-ban.yaml beyond those of a plan's.
REPORT_KEYS = ("kinh_gui", "progress")


def build_report_meta(raw: Raw, problems: Problems) -> tuple[DocumentMeta | None, tuple[str, ...]]:
    """The metadata as for a plan, and the Kính gửi lines."""
    if raw.get("year") is not None:
        problems.add("Văn bản báo cáo không ghi 'year': năm là năm của kế hoạch, kỳ là --period.", raw.get("year").loc)
    plain = {k: v for k, v in raw.value.items() if k not in REPORT_KEYS + ("year",)}
    meta = build_meta(Raw(plain, raw.loc, {k: v for k, v in raw.keys.items() if k in plain}), problems)
    f = Fields(raw, "Văn bản", problems)
    kinh_gui = f.texts("kinh_gui", required=False)
    return meta, kinh_gui


def build_progress(raw: Raw, plan: Plan, problems: Problems, workbook: Workbook | None = None
                   ) -> tuple[str | None, list[TaskProgress], Actuals | None]:
    """The task annex id, each task's progress as written, and the actuals (None where unreadable)."""
    annex_id, items, actuals, _ = build_progress_awaiting(raw, plan, problems, workbook)
    return annex_id, items, actuals


def build_progress_awaiting(raw: Raw, plan: Plan, problems: Problems, workbook: Workbook | None = None
                            ) -> tuple[str | None, list[TaskProgress], Actuals | None, AwaitedAgencies]:
    """As build_progress, and the lead agencies that have not reported yet (tasks' `chua_bao_cao`, by name, each
    with where it is written)."""
    f = Fields(raw, "Tiến độ", problems)
    tasks_node, actuals_node = f.node("tasks"), f.node("actuals")
    f.finish()
    annex_id, items, awaited = _tasks(tasks_node, plan, problems) if tasks_node is not None else (None, [], {})
    actuals = build_actuals(actuals_node, plan, problems, workbook) if actuals_node is not None else None
    return annex_id, items, actuals, awaited


AwaitedAgencies = dict                # lead agency -> Location of its name in `chua_bao_cao`


def _annex(f: Fields, plan: Plan, problems: Problems) -> Annex | None:
    annex_id = f.text("annex")
    annex = plan.annex(annex_id) if annex_id else None
    if annex_id and annex is None:
        problems.add(f"{f.what}: kế hoạch không có biểu '{annex_id}'. Các biểu: "
                     f"{', '.join(a.id for a in plan.annexes)}.", f.values["annex"].loc)
    return annex


def _tasks(raw: Raw, plan: Plan, problems: Problems) -> tuple[str | None, list[TaskProgress], AwaitedAgencies]:
    f = Fields(raw, "Tiến độ: 'tasks'", problems)
    annex, items = _annex(f, plan, problems), f.node("items")
    awaited = f.texts(NOT_REPORTED, required=False)
    f.finish()
    awaited = {name: raw.get(NOT_REPORTED).loc for name in awaited}
    if annex is not None and annex.deadline_key is None:
        problems.add(f"{annex.label} không có cột thời hạn (type: deadline): không theo dõi tiến độ được.",
                     raw.get("annex").loc)
        annex = None
    if items is not None and not items.is_list:
        problems.add("Tiến độ: 'items' phải là danh sách, mỗi nhiệm vụ một dòng.", items.loc)
        return None, [], {}
    found = [_task(item, problems) for item in (items.value if items is not None else [])]
    return (annex.id if annex else None), [t for t in found if t is not None], awaited


def _task(raw: Raw, problems: Problems) -> TaskProgress | None:
    f = Fields(raw, "Nhiệm vụ", problems)
    key, status, note = f.text("task"), f.text("status"), f.text("note", required=False)
    done = _date(f.node("done", required=False), problems)
    f.finish()
    if status is not None and status.lower() not in TASK_STATUSES:
        problems.add(f"Nhiệm vụ: 'status' là '{status}', phải là một trong: {', '.join(TASK_STATUSES)}.",
                     raw.get("status").loc)
        return None
    if key is None or status is None:
        return None
    return TaskProgress(key, status.lower(), done, note, raw.loc, raw.get("status").loc)


def _date(node: Raw | None, problems: Problems) -> _dt.date | None:
    if node is None or node.is_blank:
        return None
    if isinstance(node.value, _dt.date):
        return node.value
    if isinstance(node.value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", node.value.strip()):
        try:  # a quoted "2020-02-25" is the same day
            return _dt.date.fromisoformat(node.value.strip())
        except ValueError:
            pass  # 2020-02-30: said below
    problems.add(f"Nhiệm vụ: 'done' phải là ngày dạng 2020-03-10 (năm-tháng-ngày), thấy '{node.text}'.", node.loc)
    return None


def build_actuals(raw: Raw, plan: Plan, problems: Problems, workbook: Workbook | None = None
                  ) -> Actuals | None:
    """Values at the period's end of grouped indicators of one annex, one row per unit of that annex, and the total."""
    f = Fields(raw, "Tiến độ: 'actuals'", problems)
    annex, indicators = _annex(f, plan, problems), f.texts("indicators")
    source, sheet = f.text("source", required=False), f.text("sheet", required=False)
    rows_node = f.node("rows", required=source is None)
    total_node = f.node("total", required=source is None)
    not_reported = f.texts(NOT_REPORTED, required=False)
    f.finish()
    if annex is None or not indicators or not _indicators_known(annex, indicators, raw.get("indicators"), problems):
        return None
    if source is not None:
        if rows_node is not None or total_node is not None:
            problems.add("Tiến độ: đã có 'source' (sổ tính) thì không ghi 'rows' hay 'total' trong YAML.", raw.loc)
            return None
        rows_node, total_node = _from_sheet(workbook, sheet or ACTUALS_SHEET, annex, indicators, raw, problems)
    if rows_node is None:
        return None
    if not rows_node.is_list:
        problems.add("Tiến độ: 'rows' phải là danh sách, mỗi đơn vị một dòng.", rows_node.loc)
        return None
    rows = _unit_rows(rows_node, annex, indicators, problems)
    total = _row(total_node, annex, indicators, problems, with_unit=False)[1] if total_node is not None else None
    return Actuals(annex.id, indicators, rows, total, raw.loc, _not_reported(not_reported, rows, raw, problems))


NOT_REPORTED = "chua_bao_cao"        # units that have not reported yet (collect --partial): their rows stay blank


def _not_reported(units: tuple[str, ...], rows: dict[str, Row], raw: Raw, problems: Problems) -> tuple[str, ...]:
    """Each unit named has a row, and every figure of it is blank: a unit that has not reported has no figures."""
    spelled = {name_key(name): name for name in rows}   # the annex's spelling of each unit with a row
    units = tuple(spelled.get(name_key(unit), unit) for unit in units)
    for unit in units:
        row = rows.get(unit)
        if row is None:
            problems.add(f"Tiến độ: '{NOT_REPORTED}' ghi '{unit}', không phải đơn vị nào của 'rows'.",
                         raw.get(NOT_REPORTED).loc)
        elif any(cell.value is not None for cell in row.cells.values()):
            problems.add(f"Tiến độ: '{unit}' ghi trong '{NOT_REPORTED}' nhưng dòng của đơn vị có số: đã báo cáo thì "
                         f"bỏ tên khỏi '{NOT_REPORTED}', chưa thì để trống các ô (~).", row.loc)
    return tuple(dict.fromkeys(units))


def _unit_rows(rows_node: Raw, annex: Annex, indicators, problems: Problems) -> dict[str, Row]:
    """Each unit's row once; every unit of the annex must have one."""
    rows = {}
    for item in rows_node.value:
        unit, row = _row(item, annex, indicators, problems, with_unit=True)
        if unit in rows:
            problems.add(f"Đơn vị '{unit}' ghi hai lần trong 'actuals'.", item.loc)
        elif unit is not None:
            rows[unit] = row
    units = [row.value(annex.unit_key) for row in annex.rows()]
    for unit in (u for u in units if u not in rows):
        problems.add(f"Tiến độ: 'actuals' thiếu dòng của '{unit}' ({annex.label}); thêm dòng đó (ô trống ghi ~).",
                     rows_node.loc)
    return rows


ACTUALS_SHEET = "Thực hiện"


def _from_sheet(workbook, sheet: str, annex: Annex, indicators, raw: Raw, problems: Problems):
    """Rows and total from a sheet laid out as a table: the unit column, one column per indicator, "Tổng cộng"."""
    if workbook is None:
        return None, None  # the loader said why
    if sheet not in workbook.sheet_names:
        problems.add(f"Tiến độ: sổ tính không có trang '{sheet}'. Các trang: {', '.join(workbook.sheet_names)}.",
                     raw.loc)
        return None, None
    if workbook.refused(sheet):
        return None, None  # the loader said why
    unit = annex.top(annex.unit_key)
    columns = (Column("unit", unit.header, type="unit", key="unit"),) + tuple(
        Column(i, annex.top(i).header, type=annex.period_columns(annex.top(i))[1].type, aggregate="sum", key=i)
        for i in indicators)
    data = workbook.table(sheet, columns, TOTAL_LABEL, None, problems)
    return (data.rows, data.total) if data is not None else (None, None)


def _indicators_known(annex: Annex, indicators, node: Raw, problems: Problems) -> bool:
    """Each indicator once, a grouped column with periods whose later sub-column (the year's plan) adds up."""
    good = True
    for indicator in dict.fromkeys(indicators):
        if indicators.count(indicator) > 1:
            problems.add(f"Chỉ tiêu '{indicator}' ghi {indicators.count(indicator)} lần trong 'indicators': ghi mỗi "
                         "chỉ tiêu một lần.", node.loc)
            good = False
        if not _summable(annex, annex.top(indicator)):
            usable = [c.id for c in annex.columns if _summable(annex, c)]
            choice = (f"Các chỉ tiêu dùng được: {', '.join(usable)}." if usable else
                      f"{annex.label} không có chỉ tiêu nào như vậy: chọn biểu khác trong 'annex'.")
            problems.add(f"Chỉ tiêu '{indicator}' không phải cột nhóm cộng được của {annex.label} (có 'periods', "
                         f"aggregate: sum). {choice}", node.loc)
            good = False
    return good


def _summable(annex: Annex, column: Column | None) -> bool:
    periods = annex.period_columns(column) if column is not None else None
    return periods is not None and periods[1].aggregate == "sum"


def _row(raw: Raw, annex: Annex, indicators, problems: Problems, with_unit: bool) -> tuple[str | None, Row]:
    f = Fields(raw, "Tiến độ: dòng 'actuals'" if with_unit else "Tiến độ: 'total'", problems)
    unit = f.text("unit") if with_unit else None
    cells = {}
    for indicator in indicators:
        node = f.node(indicator, required=False)
        if node is None and f.ok and indicator not in f.values:
            problems.add(f"{f.what}: thiếu '{indicator}' (ô trống ghi ~).", raw.loc)
        value = as_number(node, f"{f.what}: '{indicator}'", problems) if node is not None else None
        value = within_decimals(value, annex.period_columns(annex.top(indicator))[1], node,
                                f"{f.what}: '{indicator}'", problems)  # as the plan's own cells
        cells[indicator] = Cell(value, node.loc if node is not None else raw.loc)
    f.finish()
    return _annex_unit(unit, annex, raw, problems), Row(cells, raw.loc)


def _annex_unit(unit: str | None, annex: Annex, raw: Raw, problems: Problems) -> str | None:
    """The annex's own spelling of `unit`, matched as names are ("TP Bắc Giang" = "Thành phố Bắc Giang")."""
    if unit is None:
        return None
    units = [str(row.value(annex.unit_key)) for row in annex.rows() if row.value(annex.unit_key) is not None]
    same = [u for u in units if name_key(u) == name_key(unit)]
    if not same:
        problems.add(f"Đơn vị '{unit}' không có trong {annex.label}.{suggestion(unit, units)} "
                     f"Các đơn vị: {', '.join(sorted(units))}.", raw.get("unit").loc)
        return None
    return same[0]
