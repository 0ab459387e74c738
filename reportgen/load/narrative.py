"""Narrative text (Markdown) and the locations of its {{ ... }} expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.raw import display_path, offset_location, read_text
from reportgen.model.narrative import open_comment, text_lines

_STATEMENT = re.compile(r"\{%|%\}|\{#|#\}")


@dataclass(frozen=True)
class RawNarrative:
    path: str
    text: str
    expressions: tuple[tuple[str, Location], ...]


def load_narrative(path: Path, problems: Problems) -> RawNarrative | None:
    """Reads the narrative; only {{ expressions }} are allowed, one line each."""
    text = read_text(path, problems)
    if text is None:
        return None
    shown = display_path(path)
    found: list[tuple[str, Location]] = []
    for number, line in enumerate(text_lines(text), start=1):
        for match in _STATEMENT.finditer(line):
            problems.add("Lời văn chỉ dùng biểu thức {{ ... }}; không dùng {% ... %} hay {# ... #}.",
                         Location(shown, number, match.start() + 1))
        closed, rest = _closed_expressions(line)
        found += [(source.strip(), Location(shown, number, start + 1)) for start, source in closed]
        if "{{" in rest or "}}" in rest:
            col = (rest.find("{{") if "{{" in rest else rest.find("}}")) + 1
            problems.add("Biểu thức chưa đóng hoặc chưa mở: viết {{ ... }} trên cùng một dòng.",
                         Location(shown, number, col))
    _unclosed_comment(text, shown, problems)
    return RawNarrative(shown, text, tuple(found))


def _closed_expressions(line: str) -> tuple[list[tuple[int, str]], str]:
    """The line's closed {{ ... }} (offset, source), and the line without them: where an unclosed "{{" or a stray
    "}}" is told. Found with str.find from where the last one closed: a regex {{(.*?)}} started again at every
    "{{" left open and read to the end of the line each time (quadratic: 10.000 of them took 4,2 s)."""
    closed, pieces, position = [], [], 0
    while (start := line.find("{{", position)) != -1:
        end = line.find("}}", start + 2)
        if end == -1:
            break  # an unclosed "{{": no later one closes either
        closed.append((start, line[start + 2:end]))
        pieces.append(line[position:start])
        position = end + 2
    return closed, "".join(pieces) + line[position:]


def _unclosed_comment(text: str, shown: str, problems: Problems) -> None:
    """A comment left open would swallow the rest of the document without a word."""
    start = open_comment(text)
    if start != -1:
        problems.add("Chú thích <!-- ... chưa đóng: thêm --> ở cuối chú thích, nếu không phần sau sẽ mất.",
                     offset_location(text, start, shown))
