"""How many worker processes this process may run: the PDF parts' and the export batch's default."""

from __future__ import annotations

import os


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count): the default number of workers."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
