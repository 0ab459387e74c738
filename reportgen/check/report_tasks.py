"""Tasks of the plan's task annex by their stable key ("I.3": group numeral, row number as printed), with progress."""

from __future__ import annotations

from reportgen.errors import Problems
from reportgen.model.plan import Annex, Row
from reportgen.model.report import TaskProgress, TaskState
from reportgen.model.tasks import task_rows
from reportgen.vi import is_recurring, parse_deadline


def task_states(annex: Annex, progress: list[TaskProgress], problems: Problems) -> tuple[TaskState, ...]:
    """Every task of the annex with its due date and reported progress; unknown or repeated keys are problems."""
    rows = task_rows(annex)
    reported: dict[str, TaskProgress] = {}
    for item in progress:
        if item.key not in rows:
            problems.add(f"Nhiệm vụ '{item.key}' không có trong {annex.label}. Ghi mã nhiệm vụ theo số nhóm La Mã và "
                         f"số thứ tự trong nhóm như bản in ({_key_range(rows)}).", item.loc)
        elif item.key in reported:
            problems.add(f"Nhiệm vụ '{item.key}' ghi hai lần.", item.loc)
        else:
            reported[item.key] = item
    # The plan check already refused deadlines that read neither as a date nor as recurring work.
    states = []
    for key, row in rows.items():
        deadline = str(row.value(annex.deadline_key) or "")
        states.append(TaskState(key, row, deadline, parse_deadline(deadline) if deadline else None, reported.get(key),
                                recurring=bool(deadline) and is_recurring(deadline)))
    return tuple(states)


def _key_range(rows: dict[str, Row]) -> str:
    """"I.1–I.12, II.1–II.10": the keys that exist, group by group."""
    groups: dict[str, list[str]] = {}
    for key in rows:
        groups.setdefault(key.rpartition(".")[0], []).append(key)
    return ", ".join(f"{keys[0]}–{keys[-1]}" if len(keys) > 1 else keys[0] for keys in groups.values())
