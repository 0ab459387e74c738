"""Typed, checked values of a report (Báo cáo) on one period: its period, the tasks' progress, the actuals."""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field
from typing import Mapping

from reportgen.errors import Location
from reportgen.model.plan import DocumentMeta, Narrative, Plan, Row, _no_loc


# The kinds of period: a month, a quarter, a half-year, the first nine months, the year (codes as typed: "2020-M05",
# "2020-Q2", "2020-H1", "2020-9T", "2020"). The words for them are vi.format_period's and the templates'.
MONTH, QUARTER, HALF, NINE_MONTHS, YEAR = "M", "Q", "H", "T", "Y"
_MONTHS = {MONTH: 1, QUARTER: 3, HALF: 6, NINE_MONTHS: 9, YEAR: 12}   # how many months a period of a kind covers
_CODE = re.compile(r"(\d{4})(?:-(?:([MmQqHh])(\d{1,2})|(9)[Tt]))?")
PERIOD_FORMS = "2020-M05 (tháng), 2020-Q2 (quý), 2020-H1 hoặc 2020-H2 (6 tháng), 2020-9T (9 tháng), 2020 (năm)"


def plan_year_forms(year: int) -> str:
    """The periods of one year as --period takes them, for a message: "2020-M01 … 2020-M12, 2020-Q1 … 2020-Q4, …"."""
    return (f"{year}-M01 … {year}-M12, {year}-Q1 … {year}-Q4, {year}-H1, {year}-H2, {year}-9T hoặc {year}")


@dataclass(frozen=True)
class Period:
    """A report period: a month, quarter, half-year, the first nine months or the year ("2020-Q2")."""

    year: int
    number: int = 1                  # the month (1–12), quarter (1–4), half (1–2); 9 for 9T; 1 for the year
    kind: str = QUARTER

    @classmethod
    def parse(cls, text: str) -> "Period | None":
        """"2020-M05", "2020-Q2", "2020-H1", "2020-9T", "2020" as a Period; None for anything else (2020-Q5)."""
        match = _CODE.fullmatch(text.strip())
        if match is None:
            return None
        year = int(match[1])
        if match[4]:
            return cls(year, 9, NINE_MONTHS)
        if match[2] is None:
            return cls(year, 1, YEAR)
        kind, number = match[2].upper(), int(match[3])
        return cls(year, number, kind) if 1 <= number <= 12 // _MONTHS[kind] else None

    @property
    def quarter(self) -> int | None:
        """The quarter's number (a quarterly period only)."""
        return self.number if self.kind == QUARTER else None

    @property
    def code(self) -> str:
        if self.kind == YEAR:
            return str(self.year)
        if self.kind == NINE_MONTHS:
            return f"{self.year}-9T"
        number = f"{self.number:02d}" if self.kind == MONTH else str(self.number)
        return f"{self.year}-{self.kind}{number}"

    @property
    def months(self) -> int:
        """How many months the period covers (1, 3, 6, 9, 12)."""
        return _MONTHS[self.kind]

    @property
    def last_month(self) -> int:
        return self.months if self.kind == NINE_MONTHS else self.number * self.months

    @property
    def first_month(self) -> int:
        return self.last_month - self.months + 1

    @property
    def start(self) -> _dt.date:
        return _dt.date(self.year, self.first_month, 1)

    @property
    def end(self) -> _dt.date:
        from reportgen.vi import month_end
        return month_end(self.year, self.last_month)

    @property
    def words(self) -> str:
        """"quý II năm 2020", "6 tháng đầu năm 2020": for findings (the documents word it in their templates)."""
        from reportgen.vi import format_period
        return format_period(self.kind, self.number, self.year)

    @property
    def order(self) -> tuple[_dt.date, int]:
        """Reports in the order they are written: by the period's end, the shorter period first (Q2 before H1)."""
        return self.end, self.months

    def previous(self) -> "Period | None":
        """The period of the same kind before, within the same year (a plan covers one year); None for the first
        one, the year and 9T's first (H1 for 9T). The report actually compared with: load.report_folder."""
        before = self.preceding()
        return before if before.year == self.year else None

    def preceding(self) -> "Period":
        """The period before, into the year before for a first one (what the narrative's ky_truoc names)."""
        if self.kind == YEAR:
            return Period(self.year - 1, 1, YEAR)
        if self.kind == NINE_MONTHS:
            return Period(self.year, 1, HALF)
        count = 12 // self.months
        return Period(self.year - (self.number == 1), (self.number - 2) % count + 1, self.kind)

    def following(self) -> "Period":
        """The period after: next month or quarter, 6 tháng cuối năm after H1, quý IV after 9T, the next year."""
        if self.kind == YEAR:
            return Period(self.year + 1, 1, YEAR)
        if self.kind == NINE_MONTHS:
            return Period(self.year, 4, QUARTER)
        count = 12 // self.months
        return Period(self.year + self.number // count, self.number % count + 1, self.kind)


TASK_STATUSES = ("hoàn thành", "đang thực hiện", "chưa thực hiện")


@dataclass(frozen=True)
class TaskProgress:
    """One task of the plan's task annex as the report states it, matched by its key ("I.3")."""

    key: str
    status: str                      # one of TASK_STATUSES
    done: _dt.date | None            # completion date, for a task done
    note: str | None
    loc: Location = field(default_factory=_no_loc, compare=False)
    status_loc: Location = field(default_factory=_no_loc, compare=False)


@dataclass(frozen=True)
class TaskState:
    """A task of the plan with its due date and its reported progress, if any.

    Recurring work ("Thường xuyên") has no due date and is due at every period's end; a task whose
    deadline cell is blank has neither and is never due.
    """

    key: str
    row: Row
    deadline: str
    due: _dt.date | None
    progress: TaskProgress | None
    recurring: bool = False
    # No progress because its lead agency has not reported yet (tasks' `chua_bao_cao`, written by `collect
    # --partial`): its state is unknown, neither missing from the file nor overdue.
    awaited: bool = False

    def due_by(self, day: _dt.date) -> bool:
        """Due on or before `day` (recurring work always is)."""
        return self.recurring or (self.due is not None and self.due <= day)

    @property
    def done(self) -> bool:
        return self.progress is not None and self.progress.status == TASK_STATUSES[0]

    @property
    def late(self) -> bool:
        """Done, but after its due date."""
        return self.done and self.due is not None and self.progress.done is not None and self.progress.done > self.due


TOTAL_LABEL = "Tổng cộng"           # the actuals' total line: its label in a progress sheet, its name in findings


@dataclass(frozen=True)
class Actuals:
    """Cumulative values at a period's end of some grouped indicators of one annex, by unit, with the total."""

    annex_id: str
    indicators: tuple[str, ...]      # group column ids of the annex ("xa_ntm")
    rows: Mapping[str, Row]          # by unit name; cells by indicator id
    total: Row | None
    loc: Location = field(default_factory=_no_loc, compare=False)
    # Units whose figures have not come in (`chua_bao_cao`, written by `collect --partial`): their rows are blank.
    not_reported: tuple[str, ...] = ()


@dataclass(frozen=True)
class Report:
    """A Báo cáo: its own metadata and narrative, the plan it reports on, the period, the progress."""

    meta: DocumentMeta
    kinh_gui: tuple[str, ...]
    narrative: Narrative
    plan: Plan
    period: Period
    task_annex: str
    tasks: tuple[TaskState, ...]
    actuals: Actuals
    previous: Actuals | None         # the earlier period's report, when there is one
    previous_tasks: Mapping[str, TaskProgress] = field(default_factory=dict)  # that report's tasks, by key
    previous_period: Period | None = None   # the period of that report (Q2 before H1, H1 before the year)
    meta_loc: Location = field(default_factory=_no_loc, compare=False)
    symbol_loc: Location = field(default_factory=_no_loc, compare=False)
    date_loc: Location = field(default_factory=_no_loc, compare=False)
    subject_loc: Location = field(default_factory=_no_loc, compare=False)
    tasks_loc: Location = field(default_factory=_no_loc, compare=False)
