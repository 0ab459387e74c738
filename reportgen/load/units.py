"""The unit register don-vi.yaml, read when the input folder has one (it is optional)."""

from __future__ import annotations

from pathlib import Path

from reportgen.errors import Problems
from reportgen.load.raw import Raw, inside
from reportgen.load.yaml_file import load_yaml

REGISTER_FILE = "don-vi.yaml"


def load_register(folder: Path, problems: Problems) -> tuple[Raw | None, Path | None]:
    """The register's raw tree and its path, or (None, None) when the folder has none."""
    path = inside(folder, REGISTER_FILE, problems)
    if path is None or not (path.exists() or path.is_symlink()):
        return None, None
    return load_yaml(path, problems), path
