"""Year-neutral names of a grouped indicator's period columns: `bieu01.xa_ntm.truoc` and `.sau` are the annex's
`periods: {from: …, to: …}` sub-columns, so that an expression survives `reportgen roll` (th_2019 → th_2020)."""

from __future__ import annotations

from reportgen.model.plan import Annex, Column

NEUTRAL = {"truoc": 0, "sau": 1}   # the earlier (from) and the later (to) sub-column


def period_alias(annex: Annex, group: Column, name: str) -> Column | None:
    """The sub-column `truoc` or `sau` stands for under `group`; None for any other name or without periods."""
    if name not in NEUTRAL or not group.is_group:
        return None
    periods = annex.period_columns(group)
    return periods[NEUTRAL[name]] if periods is not None else None
