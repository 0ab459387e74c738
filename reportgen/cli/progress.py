"""Progress of a batch: a bar (tqdm) on a terminal, one quiet line per tenth of the work in a log."""

from __future__ import annotations

import sys
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
