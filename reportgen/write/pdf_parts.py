"""A document with a long annex table cut into parts that WeasyPrint can lay out apart, each a few pages long.

Numbering runs from a section that restarts it (an annex) to the next such section. A run whose first section holds
a long table is cut at page breaks planned in advance (write/pdf_plan.py): each part knows the number of its first
page and where its pages begin, so the parts joined read as one document laid out whole. Other runs are one part.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.tree.nodes import Document, Section, Table
from reportgen.write.pdf_plan import Unplannable, long_table, page_starts

LONG_ROWS = 400        # a table with more body rows than this is laid out in parts (about 13 landscape pages)
# Pages in each part. WeasyPrint's cost per page grows with the document (here 0,21 s a page for 4 pages, 0,23 for
# 12, 0,28 for 24), so short parts are cheaper as well as easier to spread over the cores; each part embeds its own
# font subsets, so the file grows a little as they shorten (10.000 rows: 6 pages 34,8 s and 4,0 MB, 12 pages 42 s
# and 3,8 MB, laid out whole 3,5 MB).
PART_PAGES = 6


@dataclass(frozen=True)
class Part:
    document: Document
    run: int                         # parts of one run number their pages on from each other
    start: int = 0                   # the number its first page shows (0: as its first section says)
    breaks: frozenset[int] = frozenset()   # body rows of its first section's table that begin a page
    pages: int | None = None         # pages planned; None: as many as it takes (the last part of a run)


def has_long_table(document: Document) -> bool:
    return any(_long(section) is not None for section in document.sections)


def cut(document: Document) -> list[Part]:
    parts: list[Part] = []
    for number, run in enumerate(_runs(document.sections)):
        table = _long(run[0])
        try:
            starts = page_starts(document, run[0], table) if table is not None else None
        except Unplannable:
            starts = None  # laid out whole: slower, never wrong
        if starts is None or len(starts) <= PART_PAGES:
            parts.append(Part(_with(document, run), number))
        else:
            parts.extend(_cut_run(document, run, table, starts, number))
    return parts


def _long(section: Section) -> Table | None:
    table = long_table(section)
    return table if table is not None and len(table.body) > LONG_ROWS else None


def _runs(sections: tuple[Section, ...]) -> list[tuple[Section, ...]]:
    runs: list[list[Section]] = []
    for section in sections:
        if not runs or section.restart_numbering:
            runs.append([])
        runs[-1].append(section)
    return [tuple(run) for run in runs]


def _cut_run(document: Document, run: tuple[Section, ...], table: Table, starts: list[int], number: int
             ) -> list[Part]:
    head = run[0]
    at = next(i for i, block in enumerate(head.blocks) if block is table)
    before, after = head.blocks[:at], head.blocks[at + 1:]
    firsts = list(range(0, len(starts), PART_PAGES))
    parts = []
    for index, page in enumerate(firsts):
        last = index == len(firsts) - 1
        rows = slice(starts[page], starts[page + PART_PAGES] if not last else len(table.body))
        blocks = (before if index == 0 else ()) + (Table(table.columns, table.header, table.body[rows]),)
        blocks += after if last else ()
        section = Section(head.name, head.orientation, head.restart_numbering and index == 0, blocks, head.label)
        breaks = frozenset(s - starts[page] for s in starts[page + 1:page + PART_PAGES] if s < rows.stop)
        sections = (section,) + (run[1:] if last else ())
        parts.append(Part(_with(document, sections), number, page + 1 if index else 0, breaks,
                          None if last else PART_PAGES))
    return parts


def _with(document: Document, sections: tuple[Section, ...]) -> Document:
    return Document(document.kind, document.title, document.author, document.subject, document.date, sections)
