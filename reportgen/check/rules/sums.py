"""Rules column-sum and column-mean: every aggregated column against the printed total row."""

from __future__ import annotations

from typing import Iterator

from reportgen.model import tables
from reportgen.check.rules.common import cell_loc, column_name, failed, num, passed, unknown
from reportgen.check.findings import Finding
from reportgen.model.plan import Annex, Column, Plan, Row

BREAKDOWN_ROWS = 12


def column_sums(plan: Plan) -> Iterator[Finding]:
    yield from (f for f in (_sum(annex, column) for annex, column in _aggregated(plan, "sum")) if f)
    # a computed column's total cell is computed and checked where typed by rule computed-cell, not summed
    yield from (_unsummed(annex, column) for annex, column in _aggregated(plan, None)
                if column.is_numeric and column.computed is None
                and tables.printed_total(annex, column.key) is not None)


def column_means(plan: Plan) -> Iterator[Finding]:
    return (_mean(annex, column) for annex, column in _aggregated(plan, "weighted_mean"))


def _aggregated(plan: Plan, aggregate: str | None) -> Iterator[tuple[Annex, Column]]:
    """Columns with this aggregation, in annexes that print a total row; a total cell the input left out was
    computed from the rows (check.annex_computed) and makes no claim to check."""
    for annex in plan.annexes:
        if annex.total is not None:
            yield from ((annex, column) for column in annex.leaves() if column.aggregate == aggregate
                        and column.key not in annex.total.computed)


def _total_loc(annex: Annex, column: Column):
    return cell_loc(Row(annex.total.cells, annex.source), column.key)


def _sum(annex: Annex, column: Column) -> Finding | None:
    rule, name, label = "column-sum", column_name(annex, column), annex.total.label
    printed, computed = tables.printed_total(annex, column.key), tables.column_sum(annex, column.key)
    where = _total_loc(annex, column)
    if printed is None and computed is None:
        return None  # nothing printed, nothing to add: no claim to check
    if printed is None:
        return unknown(rule, f"{name}: dòng {label} để trống ô này; cộng các dòng được {num(computed)}.", where)
    waiting = _pending(annex, column)
    if waiting:  # a row still to type: the sum is not known yet (rule input-pending lists the cells)
        return unknown(rule, f"{name}: còn {waiting} dòng chưa nhập, chưa cộng được.", where)
    if computed is not None and printed == computed:
        return passed(rule, f"{name}: {label} {num(printed)} bằng tổng các dòng.", where)
    rows = [r for r in annex.rows() if r.value(column.key) is not None]
    gap = f"; lệch {num(abs(printed - computed))}" if computed is not None else ""
    # Either the total or a row is wrong: the message gives both sides and every row, and blames neither.
    return failed(rule, f"{name}: dòng {label} ghi {num(printed)}, còn {len(rows)} dòng có số cộng lại được "
                  f"{num(computed)} ({_breakdown(annex, column, rows)}){gap}. "
                  "Đối chiếu dòng tổng và từng dòng với bản gốc để tìm ô ghi sai.", None, None, where,
                  *(r.cells[column.key].loc for r in rows))


def _pending(annex: Annex, column: Column) -> int:
    return sum(1 for row in annex.rows() if column.key in row.cells and row.cells[column.key].pending)


def _breakdown(annex: Annex, column: Column, rows) -> str:
    """Each row's figure by name, so the clerk can spot the district that is off."""
    parts = [f"{r.value(annex.label_key)} {num(r.value(column.key))}" for r in rows[:BREAKDOWN_ROWS]]
    more = f" + ... ({len(rows) - BREAKDOWN_ROWS} dòng nữa)" if len(rows) > BREAKDOWN_ROWS else ""
    return " + ".join(parts) + more


def _unsummed(annex: Annex, column: Column) -> Finding:
    return unknown("column-sum", f"{column_name(annex, column)}: dòng {annex.total.label} ghi "
                   f"{num(tables.printed_total(annex, column.key))} nhưng cột không khai báo cách cộng "
                   "('aggregate'), nên không kiểm tra được.", _total_loc(annex, column))


def _mean(annex: Annex, column: Column) -> Finding:
    rule, name, label = "column-mean", column_name(annex, column), annex.total.label
    printed = tables.printed_total(annex, column.key)
    where = _total_loc(annex, column)
    if column.weight is None:
        return unknown(rule, f"{name}: {label} {num(printed)} là bình quân có trọng số, nhưng biểu không có "
                       "cột trọng số (ví dụ số xã của từng đơn vị) nên không tính lại được.", where)
    computed = tables.weighted_mean(annex, column)
    if printed is None or computed is None or _pending(annex, column):
        return unknown(rule, f"{name}: thiếu {label} hoặc trọng số để tính bình quân.", where)
    if printed == computed:
        return passed(rule, f"{name}: bình quân {num(printed)} tính lại đúng theo '{column.weight}'.", where)
    return failed(rule, f"{name}: dòng {label} ghi bình quân {num(printed)} nhưng tính theo trọng số "
                  f"'{column.weight}' được {num(computed)}.", num(printed), num(computed), where)
