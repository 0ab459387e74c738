"""Figures formatted the Vietnamese way: the one place every writer turns a Num into text."""

from __future__ import annotations

from reportgen.tree.nodes import Num
from reportgen.vi import format_number, format_percent


def num_text(num: Num) -> str:
    """67,4% · 19,0 · 1.234 · 08 (pad 2)."""
    if num.kind == "percent":
        return format_percent(num.value, num.decimals)
    return format_number(num.value, num.decimals, num.pad)
