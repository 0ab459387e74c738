"""References between annexes (unit_groups_from, rows_per_unit) must name what exists: input problems."""

from __future__ import annotations

from reportgen.errors import Problems
from reportgen.model.plan import Annex


def check_references(annexes: list[Annex], problems: Problems) -> None:
    """Each unit_groups_from and rows_per_unit names an annex, and a column, that can serve it."""
    by_id = {annex.id: annex for annex in annexes}
    for annex in annexes:
        if annex.unit_groups_from is not None:
            reference = by_id.get(annex.unit_groups_from)
            if reference is None or reference.unit_key is None:
                problems.add(f"{annex.label}: 'unit_groups_from' chỉ tới biểu '{annex.unit_groups_from}', phải là "
                             f"mã một biểu có cột đơn vị (các biểu: {', '.join(by_id)}).",
                             annex.key_locs.get("unit_groups_from", annex.source))
            if annex.groups and annex.groups[0].label is None:
                problems.add(f"{annex.label}: có 'unit_groups_from' thì các dòng phải chia nhóm theo đơn vị "
                             "('groups').", annex.key_locs.get("unit_groups_from", annex.source))
        for rule in annex.rules:
            reference = by_id.get(rule.annex)
            group = reference.top(rule.column) if reference else None
            if reference is None or reference.unit_key is None:
                problems.add(f"{annex.label}: quy tắc rows_per_unit chỉ tới biểu '{rule.annex}', phải là mã một "
                             f"biểu có cột đơn vị (các biểu: {', '.join(by_id)}).", rule.loc)
            elif group is None or not reference.period_columns(group):
                problems.add(f"{annex.label}: quy tắc rows_per_unit chỉ tới cột '{rule.column}' của "
                             f"{reference.label}; cần một cột nhóm có hai cột con theo 'periods' của biểu đó.",
                             rule.loc)
            elif not annex.groups or annex.groups[0].label is None:
                problems.add(f"{annex.label}: quy tắc rows_per_unit cần các dòng chia nhóm theo đơn vị ('groups').",
                             rule.loc)
