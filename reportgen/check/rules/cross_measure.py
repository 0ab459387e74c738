"""What a cross-table rule measures: the rows it selects and names, and the other annex's figure per row."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.check.rules.common import cell_loc, column_name
from reportgen.model import tables
from reportgen.model.plan import Annex, Cell, Row
from reportgen.model.ties import CrossRule
from reportgen.errors import Location
from reportgen.names import NameKey, name_key

_WORDS = {"increase": "tăng", "value_from": "năm trước ghi", "value_to": "năm sau ghi", None: "ghi"}


@dataclass
class Named:
    """The selected rows that carry one name, and where that name is written (cells, or the group row)."""

    name: str | None = None
    rows: list[Row] = field(default_factory=list)
    locs: list[Location] = field(default_factory=list)


def name_of(value) -> str | None:
    return " ".join(str(value).split()) if value is not None else None


def key_of(value) -> NameKey | None:
    """Names match as units compare: "TP Bắc Giang" = "Thành phố Bắc Giang", "Hoà" = "Hòa", case and spaces aside."""
    return name_key(str(value)) if value is not None else None


def selected(annex: Annex, rule: CrossRule) -> list[Row]:
    """The rows the rule counts: those of its group, holding its `where` texts."""
    return [row for _, row in _selected(annex, rule)]


def _selected(annex: Annex, rule: CrossRule):
    for group in annex.groups:
        if rule.group is not None and key_of(group.label) != key_of(rule.group):
            continue
        for row in group.rows:
            if all(key_of(row.value(key)) == key_of(text) for key, text in rule.where.items()):
                yield group, row


def rows_named(annex: Annex, rule: CrossRule) -> dict[NameKey | None, Named]:
    """The selected rows by the name that matches them to the other annex (group label, or the `per` cell)."""
    named: dict[NameKey | None, Named] = {}
    for group, row in _selected(annex, rule):
        if rule.per is None:
            entry = named.setdefault(key_of(group.label), Named(group.label))
            if group.loc not in entry.locs:
                entry.locs.append(group.loc)
        else:
            value = row.value(rule.per)
            entry = named.setdefault(key_of(value), Named(name_of(value)))
            entry.locs.append(cell_loc(row, rule.per))
        entry.rows.append(row)
    if rule.per is None:  # a group with no rows is still named: it counts 0 where its label stands
        for group in annex.groups:
            if rule.group is None or key_of(group.label) == key_of(rule.group):
                entry = named.setdefault(key_of(group.label), Named(group.label))
                if group.loc not in entry.locs:
                    entry.locs.append(group.loc)
    return named


def selection_words(annex: Annex, rule: CrossRule) -> str:
    """' (nhóm "…", cột "Loại" là "X")': which rows were counted, when not all."""
    parts = [f'nhóm "{rule.group}"'] if rule.group is not None else []
    headers = {c.key: c.header for c in annex.leaves()}
    parts += [f'cột "{headers.get(key, key)}" là "{text}"' for key, text in rule.where.items()]
    return f" ({', '.join(parts)})" if parts else ""


class Target:
    """The other annex's column, read per row and in total, through the rule's `measure` if it has one."""

    def __init__(self, annex: Annex, rule: CrossRule) -> None:
        self.annex, self.rule = annex, rule
        top = annex.top(rule.column)
        self.group = top if top is not None and top.is_group else None
        self.leaf = None if self.group else next(c for c in annex.leaves() if c.key == rule.column)
        self.name = column_name(annex, self.group or self.leaf)
        self.words = _WORDS[rule.measure if self.group else None]

    def rows(self) -> dict[NameKey, tuple[str, Row]]:
        """The other annex's rows by name key, with the name as it writes it."""
        key = self.annex.unit_key if self.rule.first_form else self.annex.label_key
        return {key_of(row.value(key)): (name_of(row.value(key)), row) for row in self.annex.rows()
                if key and row.value(key) is not None}

    def name_loc(self, row: Row) -> Location:
        """Where the row's name is written."""
        return cell_loc(row, self.annex.unit_key if self.rule.first_form else self.annex.label_key)

    def measure(self, row: Row) -> tuple[Decimal | None, list[Cell], str]:
        """The figure a row's count must equal, the cells it comes from, and the header of a blank one."""
        if self.leaf is not None:
            value, cell = row.value(self.leaf.key), row.cells.get(self.leaf.key)
            cells = [cell] if cell is not None else []
            return (value if isinstance(value, Decimal) else None), cells, self.leaf.header
        before, after = self.annex.period_columns(self.group)
        first, last = row.value(before.key), row.value(after.key)
        if self.rule.measure == "value_from":
            return first, [row.cells[before.key]], before.header
        if self.rule.measure == "value_to":
            return last, [row.cells[after.key]], after.header
        cells = [row.cells[before.key], row.cells[after.key]]
        blank = next((c.header for c, v in ((before, first), (after, last)) if v is None), "")
        return (None if first is None or last is None else last - first), cells, blank

    def total_locs(self) -> list[Location]:
        """The other annex's printed total cells this rule reads; where reportgen computed the total (the input left
        it out), the column's cells it adds up: a clerk is sent to what was typed, not to the annex's first line."""
        keys = [self.leaf.key] if self.leaf is not None else [c.key for c in self.annex.period_columns(self.group)]
        total = self.annex.total
        cells = total.cells if total is not None else {}
        typed = [cells[key].loc for key in keys if key in cells and key not in total.computed and cells[key].loc.file]
        computed = [key for key in keys if total is None or key not in cells or key in total.computed]
        return typed + [row.cells[key].loc for key in computed for row in self.annex.rows()
                        if key in row.cells and row.cells[key].loc.file]

    def total(self) -> Decimal | None:
        if self.leaf is not None:
            return tables.effective_total(self.annex, self.leaf)
        before, after = (tables.effective_total(self.annex, c) for c in self.annex.period_columns(self.group))
        if self.rule.measure == "value_from":
            return before
        if self.rule.measure == "value_to":
            return after
        return None if before is None or after is None else after - before
