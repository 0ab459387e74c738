"""Arithmetic over annex tables: column sums, weighted means, the total a column stands for."""

from __future__ import annotations

from decimal import Decimal

from reportgen.model.plan import Annex, Column, Row
from reportgen.vi import round_half_up


def figures(annex: Annex, key: str) -> list[Decimal]:
    """The non-blank figures of one column over the data rows (a blank adds nothing)."""
    return [v for v in (row.value(key) for row in annex.rows()) if isinstance(v, Decimal)]


def column_sum(annex: Annex, key: str) -> Decimal | None:
    values = figures(annex, key)
    return sum(values, Decimal(0)) if values else None


def weighted_mean(annex: Annex, column: Column) -> Decimal | None:
    """Σ(weight·value)/Σweight over rows where both are present; None without weights."""
    if column.weight is None:
        return None
    pairs = [(row.value(column.key), row.value(column.weight)) for row in annex.rows()]
    pairs = [(v, w) for v, w in pairs if v is not None]
    if any(not isinstance(w, Decimal) for _, w in pairs):
        return None  # a value without its weight: the mean cannot be recomputed
    total_weight = sum((w for _, w in pairs), Decimal(0))
    if not pairs or total_weight == 0:
        return None
    mean = sum((v * w for v, w in pairs), Decimal(0)) / total_weight
    return round_half_up(mean, column.decimals)


def computed_total(annex: Annex, column: Column) -> Decimal | None:
    if column.aggregate == "sum":
        return column_sum(annex, column.key)
    if column.aggregate == "weighted_mean":
        return weighted_mean(annex, column)
    return None


def printed_total(annex: Annex, key: str) -> Decimal | None:
    if annex.total is None or key not in annex.total.cells:
        return None
    value = annex.total.cells[key].value
    return value if isinstance(value, Decimal) else None


def effective_total(annex: Annex, column: Column) -> Decimal | None:
    """The total the table stands for: as printed (and checked), else as computed from the rows."""
    printed = printed_total(annex, column.key)
    return printed if printed is not None else computed_total(annex, column)


def total_unverified(annex: Annex, column: Column) -> bool:
    """True when the total stands as printed and cannot be recomputed from the rows."""
    return printed_total(annex, column.key) is not None and computed_total(annex, column) is None


def rows_by_unit(annex: Annex) -> dict[str, Row]:
    key = annex.unit_key
    return {str(row.value(key)): row for row in annex.rows() if key and row.value(key) is not None}
