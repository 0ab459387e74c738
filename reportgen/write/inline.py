"""Inline content as text: figures formatted the Vietnamese way, for every writer."""

from __future__ import annotations

from reportgen.tree.nodes import Emph, Inline, Num, Strong, Text
from reportgen.vi import format_number, format_percent


def num_text(num: Num) -> str:
    """67,4% · 19,0 · 1.234 · 08 (pad 2)."""
    if num.kind == "percent":
        return format_percent(num.value, num.decimals)
    return format_number(num.value, num.decimals, num.pad)


def plain_text(content: tuple[Inline, ...]) -> str:
    parts = []
    for item in content:
        if isinstance(item, Text):
            parts.append(item.text)
        elif isinstance(item, Num):
            parts.append(num_text(item))
        elif isinstance(item, (Strong, Emph)):
            parts.append(plain_text(item.children))
    return "".join(parts)
