"""A document with a long annex table cut into parts that WeasyPrint can lay out apart, each a few pages long.

Numbering runs from a section that restarts it (an annex) to the next such section. A run whose first section holds
a long table is cut at page breaks planned in advance (write/pdf/plan.py): each part knows the number of its first
page and where its pages begin, so the parts joined read as one document laid out whole; where the rows came out
taller or shorter than planned, write/pdf/join.py cuts the run again (cut_run). Other runs are one part.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.tree.nodes import Document, Section, Table
from reportgen.write.options import WriterOptions
from reportgen.write.pdf.plan import PagePlan, Unplannable, long_table, page_starts



@dataclass(frozen=True)
class Part:
    document: Document
    run: int                         # parts of one run number their pages on from each other
    start: int = 0                   # the number its first page shows (0: as its first section says)
    breaks: frozenset[int] = frozenset()   # body rows of its first section's table that begin a page
    rows: tuple[int, int] = (0, 0)   # the table's body rows it holds (a run cut from a plan)


@dataclass(frozen=True)
class CutRun:
    """A run cut at planned page breaks: what it takes to cut it again where the rows really fell."""

    number: int
    sections: tuple[Section, ...]
    table: Table
    plan: PagePlan


def has_long_table(document: Document, options: WriterOptions) -> bool:
    return any(_long(section, options) is not None for section in document.sections)


def cut(document: Document, options: WriterOptions) -> tuple[list[Part], list[CutRun]]:
    """The parts in order, and the runs that were cut from a plan."""
    parts: list[Part] = []
    runs: list[CutRun] = []
    for number, run in enumerate(_runs(document.sections)):
        table = _long(run[0], options)
        try:
            plan = page_starts(document, run[0], table, options) if table is not None else None
        except Unplannable:
            plan = None  # laid out whole: slower, never wrong
        if plan is None or len(plan.starts) <= options.part_pages:
            parts.append(Part(_with(document, run), number))
        else:
            runs.append(CutRun(number, run, table, plan))
            parts.extend(cut_run(document, runs[-1], plan.starts, options.part_pages))
    return parts, runs


def _long(section: Section, options: WriterOptions) -> Table | None:
    table = long_table(section)
    return table if table is not None and len(table.body) > options.long_rows else None


def _runs(sections: tuple[Section, ...]) -> list[tuple[Section, ...]]:
    runs: list[list[Section]] = []
    for section in sections:
        if not runs or section.restart_numbering:
            runs.append([])
        runs[-1].append(section)
    return [tuple(run) for run in runs]


def cut_run(document: Document, run: CutRun, starts: list[int], part_pages: int) -> list[Part]:
    """The run's parts, `part_pages` pages each, for pages that begin at `starts`."""
    head, table = run.sections[0], run.table
    at = next(i for i, block in enumerate(head.blocks) if block is table)
    before, after = head.blocks[:at], head.blocks[at + 1:]
    firsts = list(range(0, len(starts), part_pages))
    parts = []
    for index, page in enumerate(firsts):
        last = index == len(firsts) - 1
        rows = slice(starts[page], starts[page + part_pages] if not last else len(table.body))
        blocks = (before if index == 0 else ()) + (Table(table.columns, table.header, table.body[rows]),)
        blocks += after if last else ()
        section = Section(head.name, head.orientation, head.restart_numbering and index == 0, blocks, head.label)
        breaks = frozenset(s - starts[page] for s in starts[page + 1:page + part_pages] if s < rows.stop)
        sections = (section,) + (run.sections[1:] if last else ())
        parts.append(Part(_with(document, sections), run.number, page + 1 if index else 0, breaks,
                          (rows.start, rows.stop)))
    return parts


def _with(document: Document, sections: tuple[Section, ...]) -> Document:
    return Document(document.kind, document.title, document.author, document.subject, document.date, sections)
