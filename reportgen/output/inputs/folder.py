"""A new input folder written whole or not at all: staged in a hidden folder beside it, renamed into place."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

from reportgen.output.files import WriteError, umask
from reportgen.vi import os_error_text


def write_folder(out: Path, files: dict[str, str], verify: Callable[[Path], None],
                 more: Callable[[Path], list[str]] | None = None) -> list[Path]:
    """Writes `files` (name → text, UTF-8, LF) into the new folder `out`, and what `more` writes into the staged
    folder (the names it returns), after `verify` has read the staged copy (it raises when the text does not load
    back as meant); never over a folder that holds anything."""
    parent = out.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staged = Path(tempfile.mkdtemp(dir=parent, prefix=f".{out.name}.", suffix=".tmp"))
    except OSError as error:
        raise WriteError(out, os_error_text(error)) from error
    try:
        for name, text in files.items():
            (staged / name).write_text(text, encoding="utf-8", newline="\n")
        names = list(files) + (more(staged) if more is not None else [])
        os.chmod(staged, 0o777 & ~umask())
        verify(staged)
        os.rename(staged, out)  # atomic; replaces only an empty folder
    except OSError as error:
        raise WriteError(out, os_error_text(error)) from error
    finally:
        shutil.rmtree(staged, ignore_errors=True)
    return [out / name for name in names]

