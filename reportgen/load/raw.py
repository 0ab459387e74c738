"""Raw values: what a file said, untyped, each with the place it was said."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from reportgen.errors import Location

MAX_FILE_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Raw:
    """A mapping (dict of Raw), a sequence (list of Raw) or a scalar, with its location.

    `text` keeps a scalar as it was written, so a text field can take "2020" or "No" as words.
    """

    value: object
    loc: Location
    keys: Mapping[str, Location] = field(default_factory=dict)
    text: str | None = None

    @property
    def is_map(self) -> bool:
        return isinstance(self.value, dict)

    @property
    def is_list(self) -> bool:
        return isinstance(self.value, list)

    @property
    def is_blank(self) -> bool:
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())

    def get(self, key: str) -> "Raw | None":
        return self.value.get(key) if isinstance(self.value, dict) else None


def display_path(path: Path) -> str:
    """The path as a clerk would type it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(path) if rel.startswith("..") else rel
