"""Tasks of the plan's task annex by their stable key ("I.3": group numeral, row number as printed), with progress."""

from __future__ import annotations

from typing import Mapping

from reportgen.check.report_input import NOT_REPORTED
from reportgen.errors import Location, Problems
from reportgen.model.plan import Annex, Row
from reportgen.model.report import TaskProgress, TaskState
from reportgen.model.tasks import task_lead, task_rows
from reportgen.vi import is_recurring, parse_deadline


def task_states(annex: Annex, progress: list[TaskProgress], problems: Problems,
                awaited: Mapping[str, Location] | None = None) -> tuple[TaskState, ...]:
    """Every task of the annex with its due date and reported progress; unknown or repeated keys are problems.
    `awaited`: lead agencies that have not reported yet (collect --partial), by name."""
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
    waiting = _awaited(annex, rows, reported, awaited or {}, problems)
    # The plan check already refused deadlines that read neither as a date nor as recurring work.
    states = []
    for key, row in rows.items():
        deadline = str(row.value(annex.deadline_key) or "")
        states.append(TaskState(key, row, deadline, parse_deadline(deadline) if deadline else None, reported.get(key),
                                recurring=bool(deadline) and is_recurring(deadline),
                                awaited=key in waiting and key not in reported))
    return tuple(states)


def _awaited(annex: Annex, rows: dict[str, Row], reported: dict[str, TaskProgress], awaited: Mapping[str, Location],
             problems: Problems) -> set[str]:
    """The keys of the tasks whose lead agency has not reported; an agency named there that leads no task, or
    whose tasks are reported all the same, is a problem at its name (the file says two things)."""
    leads = {key: task_lead(annex, row) for key, row in rows.items()}
    for agency, loc in awaited.items():
        keys = [key for key, lead in leads.items() if lead == agency]
        if not keys:
            known = ", ".join(dict.fromkeys(lead for lead in leads.values() if lead))
            problems.add(f"Tiến độ: '{NOT_REPORTED}' của 'tasks' ghi '{agency}', không phải cơ quan chủ trì nào của "
                         f"{annex.label}. Các cơ quan: {known}.", loc)
        elif any(key in reported for key in keys):
            problems.add(f"Tiến độ: '{agency}' ghi trong '{NOT_REPORTED}' của 'tasks' nhưng nhiệm vụ "
                         f"{next(k for k in keys if k in reported)} của cơ quan đó có tình trạng: đã báo cáo thì bỏ tên "
                         f"khỏi '{NOT_REPORTED}'.", loc)
    return {key for key, lead in leads.items() if lead in awaited}


def _key_range(rows: dict[str, Row]) -> str:
    """"I.1–I.12, II.1–II.10": the keys that exist, group by group."""
    groups: dict[str, list[str]] = {}
    for key in rows:
        groups.setdefault(key.rpartition(".")[0], []).append(key)
    return ", ".join(f"{keys[0]}–{keys[-1]}" if len(keys) > 1 else keys[0] for keys in groups.values())
