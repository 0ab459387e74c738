"""Narrative text (Markdown) and the locations of its {{ ... }} expressions."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.docx_narrative import read_docx
from reportgen.load.raw import display_path, offset_location, read_text
from reportgen.model.narrative import open_comment, text_lines

_STATEMENT = re.compile(r"\{%|%\}|\{#|#\}")


@dataclass(frozen=True)
class RawNarrative:
    path: str
    text: str
    expressions: tuple[tuple[str, Location], ...]


def load_narrative(path: Path, problems: Problems) -> RawNarrative | None:
    """Reads the narrative (Markdown, or Word: noi-dung.docx); only {{ expressions }} are allowed, one line each."""
    if path.suffix.lower() == ".docx":
        return _from_word(path, problems)
    text = read_text(path, problems)
    if text is None:
        return None
    return _scanned(text, display_path(path), problems)


def _from_word(path: Path, problems: Problems) -> RawNarrative | None:
    """The Word file's text, read as Markdown is, every place moved from a line of that text to its paragraph."""
    read = read_docx(path, problems)
    if read is None:
        return None
    text, places = read
    found = Problems()
    narrative = _scanned(text, display_path(path), found)
    placed = {loc: replace(loc, place=places[loc.line - 1]) for loc in
              [p.location for p in found.items] + [loc for _, loc in narrative.expressions]}
    shown = {(p.message, str(placed[p.location])): placed[p.location] for p in reversed(found.items)}
    for (message, _), location in reversed(shown.items()):  # once per paragraph: columns are not shown
        problems.add(message, location)
    return RawNarrative(narrative.path, text, tuple((source, placed[loc]) for source, loc in narrative.expressions))


def _scanned(text: str, shown: str, problems: Problems) -> RawNarrative:
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
