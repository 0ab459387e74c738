"""The period's progress from the valid returns: each district's figures in the plan's order with their total, each
task the agencies reported in the plan's order, and every value's source file; what output/progress_file.py writes."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal

from reportgen.check.returns import Collection, Source
from reportgen.model.forms import ActualKey, Form, TaskKey
from reportgen.model.plan import Annex
from reportgen.model.tasks import task_rows


@dataclass(frozen=True)
class CollectedRow:
    unit: str
    values: tuple[Decimal | None, ...]   # by indicator, in the order of CollectedProgress.indicators
    source: Source | None                # None: no valid return (written only with --partial)


@dataclass(frozen=True)
class CollectedTask:
    key: str
    status: str
    done: _dt.date | None
    note: str | None
    source: Source


@dataclass(frozen=True)
class CollectedProgress:
    period: str
    task_annex: str | None
    tasks: tuple[CollectedTask, ...]
    actuals_annex: str | None
    indicators: tuple[str, ...]
    rows: tuple[CollectedRow, ...]
    total: tuple[Decimal | None, ...]
    missing: tuple[str, ...]             # units (districts and agencies) whose valid return is not in
    missing_agencies: tuple[str, ...] = ()   # of those, the lead agencies: their tasks are awaited (--partial)


def collected_progress(forms: list[Form], collection: Collection, period: str, actuals: Annex | None,
                       indicators: tuple[str, ...], tasks: Annex | None) -> CollectedProgress:
    """What the valid returns say, in the plan's order."""
    rows = []
    for form in (f for f in forms if f.identity.kind == "district"):
        source, values = collection.valid.get(("district", form.identity.unit), (None, {}))
        rows.append(CollectedRow(form.identity.unit,
                                 tuple(values.get(ActualKey(i, form.identity.unit)) for i in indicators), source))
    total = tuple(_sum(row.values[n] for row in rows) for n in range(len(indicators)))
    reported: dict[str, CollectedTask] = {}
    for (kind, _), (source, values) in sorted(collection.valid.items()):
        if kind != "agency":
            continue
        for key, status in values.items():
            if isinstance(key, TaskKey) and key.field == "status" and status is not None:
                reported[key.task] = CollectedTask(key.task, status, values.get(TaskKey(key.task, "done")),
                                                   values.get(TaskKey(key.task, "note")), source)
    order = list(task_rows(tasks)) if tasks is not None else []
    ordered = tuple(reported[k] for k in order if k in reported)
    missing = tuple(f.identity.unit for f in forms if (f.identity.kind, f.identity.unit) not in collection.valid)
    agencies = tuple(f.identity.unit for f in forms
                     if f.identity.kind == "agency" and ("agency", f.identity.unit) not in collection.valid)
    return CollectedProgress(period, tasks.id if tasks is not None else None, ordered,
                             actuals.id if actuals is not None else None, indicators, tuple(rows), total, missing,
                             agencies)


def _sum(values) -> Decimal | None:
    given = [v for v in values if v is not None]
    return sum(given, Decimal(0)) if given else None
