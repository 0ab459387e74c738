"""Where given characters stand in the input text files: places for a problem found only at writing."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Location
from reportgen.load.raw import display_path

MAX_PLACES = 10


def find_characters(files: list[Path], characters: str) -> list[tuple[str, Location]]:
    """The first places (file:line:col) of each character in the YAML and Markdown files read."""
    wanted, found = set(characters), []
    for path in sorted(set(files)):
        if path.suffix.lower() not in (".yaml", ".yml", ".md") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8-sig", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            for column, char in enumerate(line, start=1):
                if char in wanted:
                    found.append((char, Location(display_path(path), number, column)))
                    if len(found) >= MAX_PLACES:
                        return found
    return found
