"""Rules comparison-value and comparison-wording: "Tăng 22 thôn" equals the later minus the earlier total."""

from __future__ import annotations

from typing import Iterator

from reportgen.model import tables
from reportgen.check.rules.common import failed, num, passed, unknown
from reportgen.check.findings import Finding
from reportgen.model.plan import Annex, Change, Column, Plan

_WORD = {1: "Tăng", -1: "Giảm", 0: "Không đổi"}


def comparison_values(plan: Plan) -> Iterator[Finding]:
    for annex, column, change in _changes(plan):
        yield _value(annex, column, change)


def comparison_wording(plan: Plan) -> Iterator[Finding]:
    for annex, column, change in _changes(plan):
        yield _wording(annex, column, change)


def _changes(plan: Plan):
    for annex in plan.annexes:
        if annex.comparison is None:
            continue
        for column_id, change in annex.comparison.changes.items():
            if column_id not in annex.comparison.computed:  # computed from the totals: no claim to check
                yield annex, annex.top(column_id), change


def _difference(annex: Annex, column: Column):
    before, after = (tables.effective_total(annex, c) for c in annex.period_columns(column))
    return None if before is None or after is None else after - before


def _name(annex: Annex, column: Column) -> str:
    return f'{annex.label}, dòng "{annex.comparison.label}", cột "{column.header}"'


def _value(annex: Annex, column: Column, change: Change) -> Finding:
    rule, name, difference = "comparison-value", _name(annex, column), _difference(annex, column)
    if difference is None:
        return unknown(rule, f"{name}: thiếu tổng của một trong hai năm nên không tính được thay đổi.", change.loc)
    if abs(difference) == change.amount:
        return passed(rule, f"{name}: '{change.text}' đúng bằng thay đổi của hai tổng ({_said(difference)}).",
                      change.loc)
    return failed(rule, f"{name}: ghi '{change.text}' nhưng hai tổng {_said(difference)}.",
                  num(change.amount), num(abs(difference)), change.loc)


def _wording(annex: Annex, column: Column, change: Change) -> Finding:
    rule, name, difference = "comparison-wording", _name(annex, column), _difference(annex, column)
    if difference is None:
        return unknown(rule, f"{name}: không tính được thay đổi để đối chiếu lời ghi.", change.loc)
    sign = (difference > 0) - (difference < 0)
    if sign != change.direction:
        measure = change.measure or column.measure or ""
        expected = f"{_WORD[sign]} {num(abs(difference))} {measure}" if sign else _WORD[0]
        return failed(rule, f"{name}: ghi '{change.text}' nhưng số liệu {_said(difference)}.",
                      change.text, expected.strip(), change.loc)
    if column.measure and change.direction and change.measure != column.measure:
        return failed(rule, f"{name}: đơn vị '{change.measure}' khác đơn vị của cột '{column.measure}'.",
                      change.measure, column.measure, change.loc)
    return passed(rule, f"{name}: lời ghi '{change.text}' đúng chiều thay đổi.", change.loc)


def _said(difference) -> str:
    """"tăng 22", "giảm 9", "không đổi"."""
    if difference == 0:
        return "không đổi"
    return f"{'tăng' if difference > 0 else 'giảm'} {num(abs(difference))}"
