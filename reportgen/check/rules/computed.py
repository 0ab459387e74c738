"""Rule computed-cell: a figure typed where reportgen computes one (a share, % of plan, a sum, a difference)."""

from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from reportgen.check.annex_computed import share_base, value_of
from reportgen.check.findings import Finding
from reportgen.check.rules.common import column_name, failed, passed, row_name, unknown
from reportgen.model import tables
from reportgen.model.plan import Annex, Column, Plan, TypedCell
from reportgen.vi import format_number, format_percent

_SIGN = {"sum": " + ", "difference": " − ", "percent": "/", "share": "/"}


def computed_cells(plan: Plan) -> Iterator[Finding]:
    for annex in plan.annexes:
        leaves = {leaf.key: leaf for leaf in annex.leaves()}
        rows = annex.rows()
        for typed in annex.typed:
            yield _cell(annex, leaves[typed.key], typed, annex.total.cells if typed.row is None else
                        rows[typed.row].cells)


def _cell(annex: Annex, leaf: Column, typed: TypedCell, cells) -> Finding:
    rule = "computed-cell"
    where = f"{column_name(annex, leaf)}, " + (f"dòng {annex.total.label}" if typed.row is None else
                                                 row_name(annex, annex.rows()[typed.row]))
    computed = value_of(annex, leaf, cells)
    said = _figure(typed.value, leaf)
    disputed = _disputed_base(annex, leaf)
    if disputed:  # a row or the total is wrong, column-sum cannot say which: every share would fail after it
        return unknown(rule, f"{where}: ghi {said}, chưa kiểm tra được vì {disputed}.", typed.loc)
    if computed is None:
        return unknown(rule, f"{where}: ghi {said} nhưng thiếu số để tính lại "
                       f"({_SIGN[leaf.computed.op].strip()} của {', '.join(leaf.computed.operands)}).", typed.loc)
    formula = f"{_formula(annex, leaf, cells)} = {_figure(computed, leaf)}"
    if typed.value == computed:
        return passed(rule, f"{where}: ghi {said}, đúng bằng {formula}.", typed.loc)
    return failed(rule, f"{where}: ghi {said} nhưng {formula}.", said, _figure(computed, leaf), typed.loc)


def _disputed_base(annex: Annex, leaf: Column) -> str | None:
    """Why a share's base is in doubt: its column's typed total is not what its rows add up to."""
    if leaf.computed.op != "share" or annex.total is None:
        return None
    key = leaf.computed.operands[0]
    printed, rows = tables.printed_total(annex, key), tables.column_sum(annex, key)
    if printed is None or rows is None or printed == rows:
        return None
    column = next(c for c in annex.leaves() if c.key == key)
    return (f"{column_name(annex, column)}: dòng {annex.total.label} ghi {format_number(printed)} mà các dòng "
            f"cộng được {format_number(rows)} (quy tắc column-sum): chưa biết tỷ lệ tính trên số nào")


def _formula(annex: Annex, leaf: Column, cells) -> str:
    """57/104, 12 + 7, 25 − 14: the operands as the row has them (a share: the row over its column's total)."""
    figures = [cells[key].value if key in cells else None for key in leaf.computed.operands]
    if leaf.computed.op == "share":
        figures.append(share_base(annex, leaf.computed.operands[0]))
    return _SIGN[leaf.computed.op].join("(trống)" if f is None else format_number(f) for f in figures)


def _figure(value: Decimal, leaf: Column) -> str:
    if leaf.type == "percent":
        return format_percent(value, leaf.decimals)
    return format_number(value, leaf.decimals)
