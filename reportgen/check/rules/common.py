"""Shared wording for findings: how a column, a row and a number are named to a clerk."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from reportgen.errors import Location
from reportgen.load.folder import DOCUMENT_FILE
from reportgen.check.findings import Finding, Status
from reportgen.model.plan import Annex, Column, Row
from reportgen.model.ties import Ratio
from reportgen.vi import format_number


def num(value: Decimal | None) -> str:
    return "(trống)" if value is None else format_number(value)


def column_name(annex: Annex, column: Column) -> str:
    """'Biểu 01, cột "Số xã đạt chuẩn nông thôn mới — Kế hoạch đến năm 2020 (Lũy kế)"'."""
    parent_id = column.key.split(".")[0]
    parent = annex.top(parent_id)
    header = column.header if parent is None or parent is column else f"{parent.header} — {column.header}"
    return f'{annex.label}, cột "{header}"'


def row_name(annex: Annex, row: Row) -> str:
    label = row.value(annex.label_key) if annex.label_key else None
    return f'dòng "{label}"' if label else "một dòng"


def natural(value: Decimal) -> bool:
    """A whole number ≥ 0: what a count may be."""
    return value >= 0 and value == value.to_integral_value()


def cell_loc(row: Row, key: str) -> Location:
    cell = row.cells.get(key)
    return cell.loc if cell is not None and cell.loc.file else row.loc


def passed(rule: str, message: str, *locations: Location) -> Finding:
    return Finding(rule, Status.PASS, message, tuple(locations))


def failed(rule: str, message: str, found: str, expected: str, *locations: Location,
           sides: tuple[str, str] | None = None) -> Finding:
    return Finding(rule, Status.FAIL, message, tuple(locations), found, expected, sides)


def unknown(rule: str, message: str, *locations: Location) -> Finding:
    return Finding(rule, Status.NOT_CHECKABLE, message, tuple(locations))


def document_location(plan) -> Location:
    """The document file (van-ban.yaml) beside the narrative: what a finding on the whole document points at."""
    return Location(str(Path(plan.narrative.path).parent / DOCUMENT_FILE))


def ratio_name(ratio: Ratio) -> str:
    return f"Tỷ lệ '{ratio.id}' ({ratio.label})"
