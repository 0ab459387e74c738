"""A return form (biểu nhập) as typed cells: what `forms` writes and what `collect` expects back, cell by cell.

compose/forms.py builds a Form from the checked plan and period; the XLSX form writer draws it exactly (it decides
only widths and styles); collect recomputes the same Form and compares a returned workbook with it. No library here.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal

# What a cell is for: a label (title, header, instruction), a locked figure or text shown read-only, or an input.
ROLES = ("label", "locked", "input")
# What a cell holds (inputs are validated by it): a whole number >= 0, a number with `decimals`, a date within
# the cell's `within` range, one of `choices`, free text.
KINDS = ("text", "count", "decimal", "date", "status", "note")
FORM_KINDS = ("district", "agency")
TASK_FIELDS = ("status", "done", "note")

IDENTITY_SHEET = "_reportgen"        # very hidden: a renamed file is still recognised by it
IDENTITY_MARK = "reportgen-form"     # the identity sheet's A1, so a reader knows it is one of ours
FORMAT_VERSION = "1"                 # the identity sheet's layout (B1): a later layout reads older ones by it

FormValue = Decimal | _dt.date | str | None


@dataclass(frozen=True)
class ActualKey:
    """An input of a district form: the cumulative figure of `indicator` for `unit` at the period's end."""

    indicator: str                   # the annex's grouped column id ("xa_ntm")
    unit: str                        # the row's unit as the plan names it


@dataclass(frozen=True)
class TaskKey:
    """An input of an agency form: one field of one task ("I.3", status | done | note)."""

    task: str
    field: str                       # one of TASK_FIELDS


@dataclass(frozen=True)
class FormCell:
    """One cell, 1-based (row, column); a label may span `colspan` columns."""

    row: int
    column: int
    role: str                        # one of ROLES
    value: FormValue = None          # shown value: an input's is None (a form goes out blank)
    kind: str = "text"               # one of KINDS: the number or date format, an input's validation
    decimals: int = 0                # a decimal's places (a count has none)
    key: ActualKey | TaskKey | None = None   # what an input fills
    style: str = "body"              # title | line | header | body | note: the writer's font and borders
    colspan: int = 1
    within: tuple[_dt.date, _dt.date] | None = None   # a date input's first and last allowed day
    choices: tuple[str, ...] = ()    # a status input's list
    message: str = ""                # what a spreadsheet says when an input refuses a value (the template's words)

    @property
    def is_input(self) -> bool:
        return self.role == "input"


@dataclass(frozen=True)
class FormSheet:
    name: str
    cells: tuple[FormCell, ...]
    widths: tuple[float, ...] = ()   # characters per column, from column A
    protected: bool = True           # sheet protection on: only input cells can be typed in
    very_hidden: bool = False        # the identity sheet: not listed by Excel's "Unhide"
    header_rows: int = 0             # rows kept on screen when scrolling (the table's header): its last row
                                     # heads the columns below it
    name_column: int = 0             # the column whose text names each row of the table (the indicator, the
                                     # task's content): what collect's messages call a row by; 0 for none

    def cell(self, row: int, column: int) -> FormCell | None:
        return next((c for c in self.cells if c.row == row and c.column == column), None)

    def inputs(self) -> tuple[FormCell, ...]:
        return tuple(c for c in self.cells if c.is_input)


@dataclass(frozen=True)
class Identity:
    """What a returned file is recognised by, whatever its name: plan, period, unit, kind and the form's version."""

    plan_number: int
    plan_symbol: str
    plan_date: _dt.date
    period: str                      # "2020-Q2"
    unit: str                        # the district, or the lead agency as the plan writes it
    kind: str                        # one of FORM_KINDS
    version: str                     # form_version() of the visible sheets: a digest of everything locked


@dataclass(frozen=True)
class Form:
    identity: Identity
    sheets: tuple[FormSheet, ...]    # the visible sheets, then the identity sheet
    stem: str                        # the file name's words ("Biểu nhập 2020-Q2"): output makes it safe
    title: str                       # the workbook's title property

    def sheet(self, name: str) -> FormSheet | None:
        return next((s for s in self.sheets if s.name == name), None)

    def inputs(self) -> tuple[tuple[FormSheet, FormCell], ...]:
        return tuple((sheet, cell) for sheet in self.sheets for cell in sheet.inputs())


def form_version(sheets: tuple[FormSheet, ...]) -> str:
    """A short digest of everything locked in the visible sheets: labels, read-only values, where each input is and
    what it takes. Two forms with the same version expect the same cells back."""
    digest = hashlib.sha256()
    for sheet in sheets:
        if sheet.very_hidden:
            continue
        digest.update(f"sheet\x1f{sheet.name}\x1e".encode())
        for cell in sorted(sheet.cells, key=lambda c: (c.row, c.column)):
            digest.update(_cell_text(cell).encode())
    return digest.hexdigest()[:16]


def _cell_text(cell: FormCell) -> str:
    value = "" if cell.is_input else _text(cell.value)
    within = "" if cell.within is None else f"{cell.within[0].isoformat()}..{cell.within[1].isoformat()}"
    key = "" if cell.key is None else "/".join(_text(v) for v in vars(cell.key).values())
    return "\x1f".join((str(cell.row), str(cell.column), cell.role, cell.kind, str(cell.decimals), value, key,
                        within, "|".join(cell.choices), str(cell.colspan))) + "\x1e"


def _text(value: FormValue) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return value.isoformat()
    return str(value)


def identity_rows(identity: Identity) -> tuple[tuple[str, str], ...]:
    """The identity sheet's rows (column A the name, B the text), the digest over all of them last."""
    rows = (
        (IDENTITY_MARK, FORMAT_VERSION),
        ("plan_number", str(identity.plan_number)),
        ("plan_symbol", identity.plan_symbol),
        ("plan_date", identity.plan_date.isoformat()),
        ("period", identity.period),
        ("unit", identity.unit),
        ("kind", identity.kind),
        ("version", identity.version),
    )
    return rows + (("digest", identity_digest(rows)),)


def identity_digest(rows: tuple[tuple[str, str], ...]) -> str:
    """Tamper-evident, not secret: anyone can recompute it; an edited identity sheet no longer matches it."""
    text = "\x1e".join(f"{name}\x1f{value}" for name, value in rows if name != "digest")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def read_identity(rows: list[tuple[str, str]]) -> Identity | None:
    """The identity from the sheet's (name, text) rows; None when it is not ours, incomplete or edited."""
    values = dict(rows)
    if values.get(IDENTITY_MARK) != FORMAT_VERSION or "digest" not in values:
        return None
    expected = tuple((name, value) for name, value in rows if name != "digest")
    if identity_digest(expected) != values["digest"]:
        return None
    try:
        return Identity(int(values["plan_number"]), values["plan_symbol"],
                        _dt.date.fromisoformat(values["plan_date"]), values["period"], values["unit"],
                        values["kind"], values["version"])
    except (KeyError, ValueError):
        return None
