"""A task annex's rows by their stable key ("I.3": group numeral, row number as printed): report, forms, collect."""

from __future__ import annotations

from reportgen.model.plan import Annex, Row
from reportgen.vi import roman


def task_rows(annex: Annex) -> dict[str, Row]:
    """Each row by its key: "I.3" in a grouped annex (numbering as printed), "3" in a flat one."""
    keyed, number = {}, 0
    for position, group in enumerate(annex.groups, start=1):
        if group.label is not None and annex.numbering == "per_group":
            number = 0
        for row in group.rows:
            number += 1
            keyed[f"{roman(position)}.{number}" if group.label is not None else str(number)] = row
    return keyed
