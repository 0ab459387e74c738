"""Figures formatted the Vietnamese way: the one place every writer turns a Num into text."""

from __future__ import annotations

from reportgen.tree.nodes import Num
from reportgen.vi import format_figure


def num_text(num: Num) -> str:
    """67,4% · 19,0 · 1.234 · 08 (pad 2) · II (a quarter) · 2020 (a year)."""
    return format_figure(num.value, num.kind, num.decimals, num.pad)
