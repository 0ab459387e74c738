"""Where given characters stand in the input text files: places for a problem found only at writing."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.docx_narrative import read_docx
from reportgen.load.raw import display_path

MAX_PLACES = 10


def find_characters(files: list[Path], characters: str) -> list[tuple[str, Location]]:
    """The first places (file:line:col) of each character in the YAML and Markdown files read (a Word narrative's
    by paragraph)."""
    wanted, found = set(characters), []
    for path in sorted(set(files)):
        if path.suffix.lower() not in (".yaml", ".yml", ".md", ".docx") or not path.is_file():
            continue
        places: list[str] = []
        if path.suffix.lower() == ".docx":
            text, places = read_docx(path, Problems()) or ("", [])
        else:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        for number, line in enumerate(text.split("\n"), start=1):
            for column, char in enumerate(line, start=1):
                if char in wanted:
                    place = places[number - 1] if places else None
                    found.append((char, Location(display_path(path), number, column, place=place)))
                    if len(found) >= MAX_PLACES:
                        return found
    return found
