"""Figures formatted the Vietnamese way: the one place every writer turns a Num into text."""

from __future__ import annotations

import re

from reportgen.tree.nodes import Inline, Num
from reportgen.vi import format_figure


def num_text(num: Num) -> str:
    """67,4% · 19,0 · 1.234 · 08 (pad 2) · II (a quarter) · 2020 (a year)."""
    return format_figure(num.value, num.kind, num.decimals, num.pad)


def plain_text(content: tuple[Inline, ...]) -> str:
    """The words as printed, without bold or italic, blanks collapsed: a spreadsheet cell, a line to measure."""
    return re.sub(r"\s+", " ", _joined(content)).strip()


def _joined(content) -> str:
    parts = []
    for item in content:
        if isinstance(item, Num):
            parts.append(num_text(item))
        elif hasattr(item, "children"):
            parts.append(_joined(item.children))
        else:
            parts.append(item.text)
    return "".join(parts)
