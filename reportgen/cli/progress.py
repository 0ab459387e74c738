"""Progress on a terminal (tqdm): an export's bar, quiet lines per tenth of it in a log; a build's steps."""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager
from typing import Callable, Iterator

from tqdm import tqdm


@contextmanager
def progress_display(stream=None) -> Iterator[Callable[[int, int, str], None]]:
    stream = stream if stream is not None else sys.stderr
    bar: list[tqdm] = []
    logged = [0]

    def show(done: int, total: int, label: str) -> None:
        if stream.isatty():
            if not bar:
                bar.append(tqdm(total=total, file=stream, unit="tệp", desc="Xuất", leave=True))
            bar[0].set_postfix_str(label, refresh=False)
            bar[0].update(1)
        elif done * 10 // total > logged[0] or done == total:
            logged[0] = done * 10 // total
            stream.write(f"Đã xuất {done}/{total} tệp\n")

    try:
        yield show
    finally:
        if bar:
            bar[0].close()


@contextmanager
def steps_display(stream=None, tick: float = 1.0) -> Iterator[Callable[[int, int, str], None]]:
    """Progress of a build on a terminal: the format under way and the time it has taken, redrawn every `tick`
    seconds (a 10.000-row PDF takes a minute); nothing in a log, whose reader sees the files listed at the end."""
    stream = stream if stream is not None else sys.stderr
    bar: list[tqdm] = []
    done = threading.Event()

    def redraw() -> None:
        while not done.wait(tick):
            bar[0].refresh()

    def show(step: int, total: int, label: str) -> None:
        if not stream.isatty():
            return
        if not bar:
            bar.append(tqdm(total=total, file=stream, bar_format="Viết {n}/{total}: {desc} [{elapsed}]", leave=True))
            threading.Thread(target=redraw, daemon=True).start()
        bar[0].n = step
        bar[0].set_description_str(label, refresh=False)
        bar[0].refresh()  # every step drawn: tqdm's own pacing would skip a fast one

    try:
        yield show
    finally:
        done.set()
        if bar:
            bar[0].close()
