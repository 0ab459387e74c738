"""An output never replaces an input: the paths a run will write, compared with the files it read, before any write."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable


def clashing_input(targets: Iterable[Path], inputs: Iterable[Path]) -> Path | None:
    """The first input that one of `targets` would replace, whatever the spelling of the paths: `..`, a symlinked
    folder, a symlink named like an output, a second hard link, or a case-blind disk (the same file on disk)."""
    inputs = [path for path in inputs if path.exists()]
    places = {}
    for path in inputs:
        places[_entry(path)] = path
        places[path.resolve()] = path
    for target in targets:
        for place in (_entry(target), target.resolve()):
            if place in places:
                return places[place]
        if target.exists():
            for path in inputs:
                if os.path.samefile(target, path):
                    return path
    return None


def _entry(path: Path) -> Path:
    """The directory entry a rename onto `path` replaces: its folder resolved, its own name kept."""
    return path.absolute().parent.resolve() / path.name
