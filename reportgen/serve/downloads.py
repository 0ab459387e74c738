"""What the page offers to download: the files of a plan's output folder, one by one or a folder as a zip."""

from __future__ import annotations

import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from reportgen.serve.paths import Refused, resolved_under, shown_name

_ZIP_IN_MEMORY = 32 * 1024 * 1024     # a larger zip spills to a temporary file


@dataclass(frozen=True)
class Listed:
    path: str          # relative to OUT, for the URL
    name: str          # relative to the folder listed, for the clerk
    size: int


@dataclass(frozen=True)
class Folder:
    path: str
    name: str
    files: list[Listed]


def _visible(base: Path) -> list[Path]:
    """Files under `base`, hidden ones (locks, staged files) and links left out, in name order."""
    found = []
    for here, dirs, files in os.walk(base):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and shown_name(d))
        found += [Path(here) / f for f in sorted(files)
                  if not f.startswith(".") and shown_name(f) and not (Path(here) / f).is_symlink()]
    return found


def output_listing(out: Path, name: str) -> list[Folder]:
    """The plan's output folder OUT/name: its own files first, then each subfolder (a report, an export, forms)."""
    try:
        base = resolved_under(out, name)
    except Refused:
        return []
    if not base.is_dir():
        return []
    listed = [Folder(name, ".", [_listed(out, base, p) for p in sorted(base.iterdir())
                                 if p.is_file() and not p.name.startswith(".") and shown_name(p.name)
                                 and not p.is_symlink()])]
    for sub in sorted(p for p in base.iterdir() if p.is_dir() and not p.is_symlink() and not p.name.startswith(".")
                      and shown_name(p.name)):
        listed.append(Folder(f"{name}/{sub.name}", sub.name, [_listed(out, sub, p) for p in _visible(sub)]))
    return [folder for folder in listed if folder.files]


def _listed(out: Path, base: Path, path: Path) -> Listed:
    return Listed(path.relative_to(Path(os.path.realpath(out))).as_posix(), path.relative_to(base).as_posix(),
                  path.stat().st_size)


def output_file(out: Path, name: str) -> Path:
    """OUT/name, a regular, visible file inside OUT (resolved_under refuses a hidden name: a lock, a staged file)."""
    path = resolved_under(out, name)
    if not path.is_file():
        raise Refused("Không có tệp này.")
    return path


def zipped(out: Path, name: str):
    """A zip of the folder OUT/name (its visible files, paths inside it), as a file object, and the zip's name."""
    base = resolved_under(out, name)
    if not base.is_dir():
        raise Refused("Không có thư mục này.")
    data = tempfile.SpooledTemporaryFile(max_size=_ZIP_IN_MEMORY)
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in _visible(base):
            archive.write(path, path.relative_to(base).as_posix())
    data.seek(0)
    return data, f"{'-'.join(name.split('/'))}.zip"
