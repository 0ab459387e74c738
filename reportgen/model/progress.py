"""What a report computes from the plan and the progress: plan values, % achieved, which tasks are due or overdue."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from reportgen.model import tables
from reportgen.model.plan import Annex, Row
from reportgen.model.report import Report, TaskState
from reportgen.vi import round_half_up

PERCENT_DECIMALS = 1


def plan_value(annex: Annex, indicator: str, unit: str | None) -> Decimal | None:
    """The year's plan of an indicator (its later period sub-column) for one unit, or the total when unit is None."""
    return _period_value(annex, indicator, unit, 1)


def baseline_value(annex: Annex, indicator: str, unit: str | None) -> Decimal | None:
    """The earlier period's value (thực hiện năm trước): what a cumulative indicator starts the year from."""
    return _period_value(annex, indicator, unit, 0)


def _period_value(annex: Annex, indicator: str, unit: str | None, which: int) -> Decimal | None:
    """One period sub-column (0 earlier, 1 later) of an indicator: a unit's cell, or the total when unit is None."""
    column = annex.period_columns(annex.top(indicator))[which]
    if unit is None:
        return tables.effective_total(annex, column)
    row = tables.rows_by_unit(annex).get(unit)
    value = row.value(column.key) if row is not None else None
    return value if isinstance(value, Decimal) else None


def achieved(actual: Decimal | None, planned: Decimal | None) -> Decimal | None:
    """Actual as a % of the plan, in percentage points rounded half-up; blank without a plan above 0."""
    if actual is None or planned is None or planned <= 0:
        return None
    return round_half_up(actual / planned * 100, PERCENT_DECIMALS)


def actual_value(row: Row | None, indicator: str) -> Decimal | None:
    value = row.value(indicator) if row is not None else None
    return value if isinstance(value, Decimal) else None


def due_by(report: Report, day: _dt.date) -> list[TaskState]:
    """Tasks whose due date is on or before `day`, and recurring work (due at every period's end)."""
    return [t for t in report.tasks if t.due_by(day)]


def overdue(report: Report) -> list[TaskState]:
    """Due before the period's end and not done; recurring work is never overdue as a whole, nor a task whose lead
    agency has not reported yet (awaited: its state is unknown)."""
    return [t for t in report.tasks if t.due is not None and t.due <= report.period.end and not t.done
            and not t.awaited]


def due_next(report: Report) -> list[TaskState]:
    """Tasks due within the following period (the next quarter, the second half, the next year…), and recurring
    work."""
    start, end = report.period.end, report.period.following().end
    return [t for t in report.tasks if t.recurring or (t.due is not None and start < t.due <= end)]
