"""The narrative (Markdown with {{ expressions }}) as markup: headings, paragraphs, emphasis, typed figures."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reportgen.errors import Location
from reportgen.model.narrative import text_lines, without_comments
from reportgen.model.plan import Figure, Narrative

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}")
# Control characters stand for the figures while Markdown is parsed: the loader refuses them in the text.
_SLOT = re.compile("\x02(\\d+)\x03")

# "# I. ..." is a mục, "## 1. ..." a khoản with a title (ND30 §2.4). "1. ...", "a) ...", "- ..." stay
# paragraphs of text, as ND30 types them: list parsing is off. "###" and deeper are set like "##".
_HEADING_STYLES = {"h1": "muc", "h2": "khoan"}


class NarrativeError(Exception):
    """An expression without a value: the check stage should have stopped the build before."""


def narrative_markup(narrative: Narrative, values: dict[Location, Figure]) -> str:
    """One <p> per line of text or heading, figures as <num>; HTML comments dropped, other HTML kept as text."""
    figures: list[Figure] = []
    source = "\n".join(_with_slots(number, line, narrative.path, values, figures)
                       for number, line in enumerate(text_lines(narrative.text), start=1))
    source = without_comments(source, lambda comment: "")  # figures are already in slots: lines may shift now
    tokens = MarkdownIt("zero").enable(["heading", "emphasis", "escape", "newline"]).parse(source)
    out = ET.Element("narrative")
    for index, token in enumerate(tokens):
        if token.type == "inline":
            opening = tokens[index - 1]
            style = _HEADING_STYLES.get(opening.tag, "khoan") if opening.type == "heading_open" else "body"
            _paragraphs(out, style, token.children or [], figures)
    # A line that held only a comment (even a heading's) prints nothing, not an empty paragraph.
    return "".join(ET.tostring(child, encoding="unicode") for child in out if _has_text(child))


def _has_text(element: ET.Element) -> bool:
    return bool((element.text or "").strip()) or any(child.tag == "num" or _has_text(child) or
                                                     (child.tail or "").strip() for child in element)


def _with_slots(number: int, line: str, path: str, values: dict[Location, Figure], figures: list[Figure]) -> str:
    def slot(match: re.Match) -> str:
        figure = values.get(Location(path, number, match.start() + 1))
        if figure is None:
            raise NarrativeError(f"{path}:{number}:{match.start() + 1}: biểu thức chưa có giá trị")
        figures.append(figure)
        return f"\x02{len(figures) - 1}\x03"
    return _EXPRESSION.sub(slot, line)


def _paragraphs(out: ET.Element, style: str, children: list[Token], figures: list[Figure]) -> None:
    """The <p> elements of one Markdown block: a new one at each line break ("- …" lines stay apart, as typed)."""
    stack = [ET.SubElement(out, "p", style=style)]
    for token in children:
        if token.type in ("em_open", "strong_open"):
            stack.append(ET.SubElement(stack[-1], "i" if token.type == "em_open" else "b"))
        elif token.type in ("em_close", "strong_close"):
            stack.pop()
        elif token.type in ("softbreak", "hardbreak"):
            # A line break inside *…* closes it on this line and reopens it on the next.
            tags = [element.tag for element in stack[1:]]
            stack = [ET.SubElement(out, "p", style=style)]
            for tag in tags:
                stack.append(ET.SubElement(stack[-1], tag))
        else:
            _with_figures(stack[-1], token.content, figures)


def _with_figures(element: ET.Element, text: str, figures: list[Figure]) -> None:
    position = 0
    for match in _SLOT.finditer(text):
        _text(element, text[position:match.start()])
        figure = figures[int(match.group(1))]
        attributes = {"value": str(figure.value), "kind": figure.kind, "decimals": str(figure.decimals)}
        if figure.pad:
            attributes["pad"] = str(figure.pad)
        ET.SubElement(element, "num", attributes)
        position = match.end()
    _text(element, text[position:])


def _text(element: ET.Element, text: str) -> None:
    """Appends text after the last child (its tail) or into the element."""
    if not text:
        return
    if len(element):
        last = element[-1]
        last.tail = (last.tail or "") + text
    else:
        element.text = (element.text or "") + text
