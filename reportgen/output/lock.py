"""One run at a time writes into an output folder: an flock on a hidden lock file inside it, removed when done."""

from __future__ import annotations

import fcntl
import os
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator

from reportgen.output.files import WriteError, sweep_staged
from reportgen.vi import os_error_text

LOCK_NAME = ".reportgen.lock"

# The folders this process's runs hold now (threads of the page): leaving one sweeps only its own staged files.
_HELD: list[Path] = []
_HELD_GUARD = threading.RLock()     # re-entrant for the reason files._STAGED_GUARD is


@contextmanager
def output_lock(out: Path, waiting: Callable[[Path], None] | None = None) -> Iterator[None]:
    """Holds OUT for this run: a second run waits here (told through `waiting`) instead of sweeping the first one's
    staged files as stale or interleaving its renames and manifest. On leaving, however the run ends (Ctrl-C,
    SIGTERM), the files staged inside OUT are swept (not those of a folder another thread writes); the lock file
    goes while still held, so no run ever sees it left."""
    held = out.resolve()
    handle = _locked(out, waiting)
    try:
        with _HELD_GUARD:
            _HELD.append(held)
        yield
    finally:
        try:
            with _HELD_GUARD:
                if held in _HELD:
                    _HELD.remove(held)
                others = list(_HELD)
            sweep_staged(out, spare=others)
            (out / LOCK_NAME).unlink(missing_ok=True)
        finally:
            os.close(handle)


def _locked(out: Path, waiting: Callable[[Path], None] | None) -> int:
    path = out / LOCK_NAME
    told = False
    while True:
        try:
            out.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError as error:
            raise WriteError(Path(error.filename or path), os_error_text(error)) from error
        try:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if waiting is not None and not told:
                    waiting(out)
                    told = True
                fcntl.flock(handle, fcntl.LOCK_EX)
            # The run before may have removed the file after we opened it: then this lock guards nothing.
            if _same_file(handle, path):
                return handle
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)


def _same_file(handle: int, path: Path) -> bool:
    try:
        here = os.stat(path)
    except FileNotFoundError:
        return False
    mine = os.fstat(handle)
    return (here.st_dev, here.st_ino) == (mine.st_dev, mine.st_ino)
