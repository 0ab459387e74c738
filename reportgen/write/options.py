"""What every writer is told, as Pandoc's writers get WriterOptions: the style sheet, the templates folder and the
PDF's tuning knobs."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from reportgen.styles import TEMPLATES, StyleSheet


@dataclass(frozen=True)
class WriterOptions:
    """Plain values (they travel to the export's worker processes, pickled: `parts_done` stays None there)."""

    sheet: StyleSheet
    # The folder of print.css, and the PDF's base URL (WeasyPrint fetches nothing from it: write/pdf/weasy.py).
    templates: Path = TEMPLATES
    # A table with more body rows than this is laid out in parts (about 13 landscape pages).
    long_rows: int = 400
    # Pages in each part. WeasyPrint's cost per page grows with the document (here 0,21 s a page for 4 pages, 0,23
    # for 12, 0,28 for 24), so short parts are cheaper as well as easier to spread over the cores; each part embeds
    # its own font subsets, so the file grows a little as they shorten (10.000 rows: 6 pages 34,8 s and 4,0 MB,
    # 12 pages 42 s and 3,8 MB, laid out whole 3,5 MB).
    part_pages: int = 6
    # Worker processes laying out the parts of a long table; None: the cores this process may run on.
    workers: int | None = None
    # Told (parts laid out, parts in all) as the parts of a long table come back: a 10.000-row PDF takes a minute
    # and a half, and the clerk's terminal shows it moving (reportgen build). Not an option of the output.
    parts_done: Callable[[int, int], None] | None = field(default=None, compare=False)
