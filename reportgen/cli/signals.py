"""Ctrl-C and SIGTERM end a run quietly: workers ended, the caller told in one line, exit 128 + the signal."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from contextlib import contextmanager
from typing import Iterator

_NAMES = {signal.SIGINT: "Ctrl-C", signal.SIGTERM: "tín hiệu SIGTERM"}


class Stopped(BaseException):
    """Raised in the main process where a signal found it; the output lock's exit sweeps the staged files."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.code = 128 + signum           # 130 for Ctrl-C, 143 for SIGTERM, as shells report them
        self.name = _NAMES.get(signum, f"tín hiệu {signum}")


@contextmanager
def stopped_by_signals() -> Iterator[None]:
    """Within it, SIGINT and SIGTERM raise Stopped (after ending this process's workers); on leaving, the
    handlers before it are back (tests call main() in their own process)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    main = os.getpid()

    def stop(signum: int, frame) -> None:
        if os.getpid() != main:  # a forked worker (the PDF's parts): it just ends, the caller speaks
            os._exit(128 + signum)
        for child in multiprocessing.active_children():  # none may outlive the run holding the caller's pipes
            child.terminate()
        raise Stopped(signum)

    before = {signum: signal.signal(signum, stop) for signum in _NAMES}
    try:
        yield
    finally:
        for signum, handler in before.items():
            signal.signal(signum, handler)
