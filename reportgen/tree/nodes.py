"""Node classes of the Document tree: sections of blocks, blocks of inlines; numbers stay typed."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from decimal import Decimal


# Inlines ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Num:
    """A figure; writers format it (count 1.234, decimal 19,0, percent 67,4%; pad=2 gives 08)."""

    value: Decimal
    kind: str = "count"              # count, decimal, percent
    decimals: int = 0
    pad: int = 0


@dataclass(frozen=True)
class Strong:
    children: tuple["Inline", ...]


@dataclass(frozen=True)
class Emph:
    children: tuple["Inline", ...]


Inline = Text | Num | Strong | Emph


# Blocks ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    style: str                       # a name of templates/styles.yaml: body, muc, khoan, can-cu, ...
    content: tuple[Inline, ...]


@dataclass(frozen=True)
class Rule:
    """A short centred solid line under a title (ND30: under the body name, the motto, the subject)."""

    width_mm: Decimal


@dataclass(frozen=True)
class Spacer:
    """Blank lines, such as the room left for the signature and seal."""

    lines: int


Block = Paragraph | Rule | Spacer


@dataclass(frozen=True)
class Column:
    """Relative width of one table column and the alignment of its body cells."""

    width: Decimal
    align: str = "left"              # left, center, right
    figure: str | None = None        # count, decimal, percent: a column of figures (a blank one is typed in as a number)
    decimals: int = 0                # the figures' decimals


@dataclass(frozen=True)
class Live:
    """What a spreadsheet computes in a cell instead of holding it: the check engine's figure stays the cached value.

    sum: the data rows of the cell's column; mean: weighted by the data rows of grid column `weight`;
    change: "Tăng 23 xã" from grid column `later` minus `earlier` of the same (total) row;
    change_rows: the same from the sums of the two columns' data rows (their printed totals are blank);
    ratio: % of plan, grid column `later` (actual) over `earlier` (plan) of the same row, blank without a plan.
    """

    op: str                          # sum, mean, change, change_rows, ratio
    weight: int = -1
    earlier: int = -1
    later: int = -1
    decimals: int = 0                # change: of the difference; ratio: of its percentage (a mean rounds as its own figure)
    measure: str = ""
    difference: "Decimal | None" = None   # change_rows: the check engine's difference, the formula's cached value


@dataclass(frozen=True)
class Cell:
    content: tuple[Inline, ...]
    colspan: int = 1
    rowspan: int = 1
    align: str | None = None         # None: the column's alignment
    live: Live | None = None         # a formula for writers that keep them (XLSX); others print the content


@dataclass(frozen=True)
class Row:
    kind: str                        # header, group, data, total, comparison
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Table:
    """A data table: header rows repeat on every page, rows do not split, thin borders."""

    columns: tuple[Column, ...]
    header: tuple[Row, ...]
    body: tuple[Row, ...]


@dataclass(frozen=True)
class Layout:
    """A borderless layout table (ND30 header and signature blocks): cells of blocks side by side."""

    role: str                        # header, signature
    widths_mm: tuple[Decimal, ...]
    rows: tuple[tuple[tuple[Block, ...], ...], ...]


@dataclass(frozen=True)
class Section:
    """A run of pages with one orientation; page numbers top centre, hidden on its first page."""

    name: str                        # body, annex-01, ...
    orientation: str                 # portrait, landscape
    restart_numbering: bool
    blocks: tuple["Block | Table | Layout", ...]
    label: str = ""                  # "Biểu 01": the sheet name of its table in a workbook


@dataclass(frozen=True)
class Document:
    kind: str                        # ke_hoach, bao_cao
    title: str                       # "Kế hoạch 552/KH-BCĐ": file metadata
    author: str
    subject: str
    date: _dt.date                   # the document's date: every timestamp in the output files
    sections: tuple[Section, ...]
