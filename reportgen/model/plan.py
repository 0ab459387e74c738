"""Typed, checked values: document metadata, annexes (column tree, groups, rows), the narrative, the plan.

Cross-table rules, facts and ratios (what ties a figure to a table) are in model/ties.py."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from typing import Mapping

from reportgen.errors import Location
from reportgen.model.ties import CrossRule, Fact, Ratio
from reportgen.model.units import Register

# Cell values: Decimal for figures, str for text and marks, None for a blank (never 0).
Value = Decimal | str | None

# What a clerk finds where a figure, a number or a date is still to be typed (a plan `reportgen roll` wrote):
# read as a blank that the rule input-pending lists at its place, never as a figure nor as a pass.
PENDING = "chưa nhập"


def _no_loc() -> Location:
    return Location("")


@dataclass(frozen=True)
class Cell:
    value: Value
    loc: Location = field(default_factory=_no_loc, compare=False)
    pending: bool = False            # written PENDING: blank until the clerk types the figure

    @property
    def blank(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class Column:
    """A node of the column tree; leaves carry type and aggregation, groups carry measure."""

    id: str
    header: str
    type: str | None = None          # leaf: index, unit, text, mark, deadline, count, decimal, percent
    aggregate: str | None = None     # sum, weighted_mean, or None
    weight: str | None = None        # leaf key of the weight column for weighted_mean
    decimals: int = 0
    measure: str | None = None       # the counted thing ("xã", "thôn"): wording of comparison rows
    cumulative: bool = False         # lũy kế: the later value may not be below the earlier
    children: tuple["Column", ...] = ()
    key: str = ""                    # "xa_ntm.kh_2020" for a leaf under a group, "unit" at top level
    loc: Location = field(default_factory=_no_loc, compare=False)
    computed: "Computed | None" = None   # reportgen computes this leaf from others (a share, % of plan, a sum)

    @property
    def is_group(self) -> bool:
        return bool(self.children)

    @property
    def is_numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    def leaves(self) -> tuple["Column", ...]:
        if not self.children:
            return (self,)
        return tuple(leaf for child in self.children for leaf in child.leaves())

    def child(self, child_id: str) -> "Column | None":
        return next((c for c in self.children if c.id == child_id), None)


@dataclass(frozen=True)
class Computed:
    """How a computed leaf is worked out from other leaves of its row (by leaf key).

    share: the row's `operands[0]` over that column's total, in %; percent: operands[0] over operands[1], in %;
    sum: the operands added (blanks add nothing); difference: operands[0] minus operands[1].
    """

    op: str
    operands: tuple[str, ...]
    loc: Location = field(default_factory=_no_loc, compare=False)


@dataclass(frozen=True)
class TypedCell:
    """A figure the input typed where reportgen computes one (a share, a total): kept to be checked."""

    key: str                         # leaf key
    row: int | None                  # position among the annex's data rows; None: the total row
    value: Decimal
    loc: Location = field(default_factory=_no_loc, compare=False)


NUMERIC_TYPES = frozenset({"count", "decimal", "percent"})
LEAF_TYPES = frozenset({"index", "unit", "text", "mark", "deadline"}) | NUMERIC_TYPES


def name_column(columns: tuple[Column, ...]) -> Column | None:
    """The leaf that names a row: the unit column, else the first text column."""
    leaves = [leaf for column in columns for leaf in column.leaves()]
    return next((c for c in leaves if c.type == "unit"), None) or next((c for c in leaves if c.type == "text"), None)


@dataclass(frozen=True)
class Row:
    cells: Mapping[str, Cell]
    loc: Location = field(default_factory=_no_loc, compare=False)

    def value(self, key: str) -> Value:
        cell = self.cells.get(key)
        return None if cell is None else cell.value


@dataclass(frozen=True)
class Group:
    """Rows under one Roman-numbered group row; a flat annex has one group without label."""

    label: str | None
    rows: tuple[Row, ...]
    loc: Location = field(default_factory=_no_loc, compare=False)
    numeral: str | None = None       # printed instead of the Roman numeral of its position (a table of a few groups)


@dataclass(frozen=True)
class Change:
    """A comparison-row cell as printed: "Tăng 22 thôn" → direction +1, amount 22, measure thôn."""

    text: str | None                 # None: a change compose worked out itself (a unit's share), worded by the template
    direction: int                   # +1 tăng, -1 giảm, 0 không đổi
    amount: Decimal
    measure: str
    loc: Location = field(default_factory=_no_loc, compare=False)


@dataclass(frozen=True)
class Periods:
    """Which sub-columns of each grouped indicator are the earlier and the later period."""

    from_id: str
    to_id: str


@dataclass(frozen=True)
class Comparison:
    """The printed comparison row ("So sánh 2020/2019"), one change per grouped column."""

    label: str
    changes: Mapping[str, Change]    # by group column id
    # group ids the input left out and check computed from the totals (provenance: not compared)
    computed: frozenset[str] = field(default=frozenset(), compare=False)
    pending: Mapping[str, Location] = field(default_factory=dict, compare=False)   # by group id: PENDING


@dataclass(frozen=True)
class TotalRow:
    label: str | None                # None: a total compose added itself (a unit's share), worded by the template
    cells: Mapping[str, Cell]        # by leaf key
    # leaf keys the input left out and check computed from the rows (provenance, not data: not compared)
    computed: frozenset[str] = field(default=frozenset(), compare=False)


@dataclass(frozen=True)
class Annex:
    id: str
    label: str
    title: str
    columns: tuple[Column, ...]
    groups: tuple[Group, ...]
    unit_line: str | None = None
    key: tuple[str, ...] = ()
    unit_groups_from: str | None = None
    total: TotalRow | None = None
    periods: Periods | None = None
    comparison: Comparison | None = None
    numbering: str = "continuous"    # continuous (1..n) or per_group (restart in each group)
    notes: tuple[str, ...] = ()
    rules: tuple[CrossRule, ...] = ()
    # figures typed in computed columns, checked by rule computed-cell (what the input typed: not compared)
    typed: tuple[TypedCell, ...] = field(default=(), compare=False)
    unit_names: Mapping[str, str] = field(default_factory=dict)  # column -> province | group | parent column
    source: Location = field(default_factory=_no_loc, compare=False)
    key_locs: Mapping[str, Location] = field(default_factory=dict, compare=False)

    def leaves(self) -> tuple[Column, ...]:
        return self._leaves

    @cached_property
    def _leaves(self) -> tuple[Column, ...]:
        return tuple(leaf for col in self.columns for leaf in col.leaves())

    def top(self, column_id: str) -> Column | None:
        return next((c for c in self.columns if c.id == column_id), None)

    def period_columns(self, group: Column) -> tuple[Column, Column] | None:
        """The earlier and later sub-columns of a grouped indicator, if the annex has periods."""
        if self.periods is None:
            return None
        before, after = group.child(self.periods.from_id), group.child(self.periods.to_id)
        return (before, after) if before is not None and after is not None else None

    def rows(self) -> tuple[Row, ...]:
        return tuple(row for group in self.groups for row in group.rows)

    @cached_property
    def unit_key(self) -> str | None:
        return next((c.key for c in self.leaves() if c.type == "unit"), None)

    @cached_property
    def deadline_key(self) -> str | None:
        """The deadline column of a task annex (the one a report tracks)."""
        return next((c.key for c in self.leaves() if c.type == "deadline"), None)

    @cached_property
    def label_key(self) -> str | None:
        """The column that names a row (unit, or the first text column)."""
        column = name_column(self.columns)
        return column.key if column else None


@dataclass(frozen=True)
class Recipient:
    text: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Signer:
    title: tuple[str, ...]           # quyền hạn, chức vụ: lines above the signature
    name: str
    capacity: str | None = None      # office printed under the signature ("CHỦ TỊCH UBND TỈNH")


@dataclass(frozen=True)
class DocumentMeta:
    kind: str                        # ke_hoach | bao_cao
    parent_body: str | None
    issuing_body: tuple[str, ...]    # lines as printed in the header, IN HOA
    issuing_body_name: str           # in running text: "Ban Chỉ đạo các Chương trình MTQG tỉnh Bắc Giang"
    number: int
    symbol: str
    place: str
    date: _dt.date
    subject: str
    legal_bases: tuple[str, ...]
    signer: Signer
    recipients: tuple[Recipient, ...]
    archive: str
    year: int | None = None          # a plan's year when not its date's (a plan signed in December before, a
                                     # year-end report signed in January after)
    kinh_gui: tuple[str, ...] = ()   # "Kính gửi" of a Báo cáo made with build (kind: bao_cao)
    pending: Mapping[str, Location] = field(default_factory=dict, compare=False)   # number, date still PENDING
    # Where the subject ("subject") and each legal basis (by its text) are written: warnings point there.
    places: Mapping[str, Location] = field(default_factory=dict, compare=False)

    @property
    def plan_year(self) -> int:
        """The year a plan (or a Báo cáo made with build) is for: `year` when given, else the year of its date."""
        return self.year if self.year is not None else self.date.year


@dataclass(frozen=True)
class NarrativeExpression:
    source: str
    loc: Location = field(default_factory=_no_loc, compare=False)


@dataclass(frozen=True)
class Narrative:
    path: str
    text: str
    expressions: tuple[NarrativeExpression, ...]


@dataclass(frozen=True)
class Plan:
    meta: DocumentMeta
    narrative: Narrative
    annexes: tuple[Annex, ...]
    facts: Mapping[str, Fact]
    ratios: Mapping[str, Ratio]
    register: Register | None = None     # don-vi.yaml: every unit a table names is checked in it

    def annex(self, annex_id: str) -> Annex | None:
        return next((a for a in self.annexes if a.id == annex_id), None)


@dataclass(frozen=True)
class Figure:
    """A number the narrative states, typed until a writer formats it (pad: minimum digits, "08")."""

    value: Decimal
    kind: str                        # count, decimal, percent
    decimals: int = 0
    unit: str | None = None
    pad: int = 0
    unverified: str | None = None    # why this figure rests on a total that could not be checked
