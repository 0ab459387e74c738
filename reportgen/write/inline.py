"""Figures formatted the Vietnamese way (the one place every writer turns a Num into text), and plain cell text."""

from __future__ import annotations

import re

from reportgen.tree.nodes import Inline, Num
from reportgen.tree.visitor import Visitor
from reportgen.vi import format_figure


def num_text(num: Num) -> str:
    """67,4% · 19,0 · 1.234 · 08 (pad 2) · II (a quarter) · 2020 (a year)."""
    return format_figure(num.value, num.kind, num.decimals, num.pad)


def plain_text(content: tuple[Inline, ...]) -> str:
    """The words as printed, without bold or italic, blanks collapsed: a spreadsheet cell, a line to measure."""
    writer = PlainText()
    writer.walk_all(content)
    return re.sub(r"\s+", " ", "".join(writer.parts)).strip()


class PlainText(Visitor):
    """Inlines as the letters they print; bold and italic are left to the writer's cell format."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def visit_text(self, node) -> None:
        self.parts.append(node.text)

    def visit_num(self, node) -> None:
        self.parts.append(num_text(node))

    def visit_strong(self, node) -> None:
        pass

    def visit_emph(self, node) -> None:
        pass
