"""Typed, checked values of a quarterly report (Báo cáo): its period, the tasks' progress, the actuals."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Mapping

from reportgen.errors import Location
from reportgen.model.plan import DocumentMeta, Narrative, Plan, Row, _no_loc


@dataclass(frozen=True)
class Period:
    """A report period: one quarter of one year ("2020-Q2")."""

    year: int
    quarter: int

    @property
    def code(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def end(self) -> _dt.date:
        from reportgen.vi import quarter_end
        return quarter_end(self.year, self.quarter)

    def previous(self) -> "Period | None":
        """The quarter before, within the same year (a plan covers one year): the report compared with."""
        before = self.preceding()
        return before if before.year == self.year else None

    def preceding(self) -> "Period":
        """The quarter before, into the year before for a first quarter (what the narrative compares with)."""
        return Period(self.year - (self.quarter == 1), (self.quarter - 2) % 4 + 1)

    def following(self) -> "Period":
        return Period(self.year + self.quarter // 4, self.quarter % 4 + 1)


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

    Recurring work ("Thường xuyên") has no due date and is due at every quarter's end; a task whose
    deadline cell is blank has neither and is never due.
    """

    key: str
    row: Row
    deadline: str
    due: _dt.date | None
    progress: TaskProgress | None
    recurring: bool = False

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
    meta_loc: Location = field(default_factory=_no_loc, compare=False)
    symbol_loc: Location = field(default_factory=_no_loc, compare=False)
    date_loc: Location = field(default_factory=_no_loc, compare=False)
    subject_loc: Location = field(default_factory=_no_loc, compare=False)
    tasks_loc: Location = field(default_factory=_no_loc, compare=False)
