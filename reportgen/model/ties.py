"""What the input ties to its tables: cross-table rules, facts (which may point at a table) and stated ratios."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Mapping

from reportgen.errors import Location


def _no_loc() -> Location:
    return Location("")


@dataclass(frozen=True)
class CrossRule:
    """Cross-table rule: this annex's rows counted (or a column summed) per row name = a column of another annex.

    Rows are matched to the other annex's rows by name: the group label (`per` None) or a column's text."""

    kind: str                        # count | sum
    annex: str                       # the other annex
    column: str                      # its column: a leaf key, or a group column read through `measure`
    measure: str | None = None       # increase | value_from | value_to, for a group column with periods
    per: str | None = None           # this annex's leaf key naming the other annex's row; None: the group labels
    summed: str | None = None        # sum: this annex's leaf key added up
    group: str | None = None         # only the rows of this group
    where: Mapping[str, str] = field(default_factory=dict)   # only rows whose column holds this text
    first_form: bool = False         # rows_per_unit: per unit only (no total line), rows named by the unit column
    loc: Location = field(default_factory=_no_loc, compare=False)


@dataclass(frozen=True)
class Fact:
    """A figure the narrative states that no table holds (184 xã, 3,5% hộ nghèo ...), or one a table gives (`ref`)."""

    id: str
    label: str
    value: Decimal | None            # None only while PENDING
    kind: str                        # count, decimal, percent
    unit: str | None
    decimals: int
    loc: Location = field(default_factory=_no_loc, compare=False)
    ref: str | None = None           # an expression it repeats (tong(bieu02.ntm), dong(…), dem(…)): checked, or its value
    typed: bool = True               # the value was written; False: it is the reference's
    ref_value: Decimal | None = None # what the reference gives (set by check)
    value_loc: Location = field(default_factory=_no_loc, compare=False)
    ref_loc: Location = field(default_factory=_no_loc, compare=False)
    pending: bool = False            # written PENDING (a rolled plan): no figure yet, `loc` is the value's


@dataclass(frozen=True)
class Ratio:
    """A percentage the document states, with the expressions of its parts, to recompute."""

    id: str
    label: str
    numerator: str
    denominator: str
    stated: Decimal
    decimals: int
    loc: Location = field(default_factory=_no_loc, compare=False)
    stated_loc: Location = field(default_factory=_no_loc, compare=False)
