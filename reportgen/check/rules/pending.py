"""Rule input-pending: every figure, number and date written "chưa nhập" is listed at its place (a rolled plan)."""

from __future__ import annotations

from typing import Iterator

from reportgen.check.findings import Finding
from reportgen.check.rules.common import column_name, document_location, failed, passed, row_name
from reportgen.model.plan import PENDING, Annex, Plan

_RULE = "input-pending"
_WHAT = {"number": "số văn bản ('number')", "date": "ngày ký ('date', dạng năm-tháng-ngày)"}


def pending_inputs(plan: Plan) -> Iterator[Finding]:
    """The document's number and date, then each annex's cells, total and comparison row, in file order; one pass
    when nothing is left to type."""
    found = False
    for key, loc in plan.meta.pending.items():
        found = True
        yield failed(_RULE, f"Văn bản: {_WHAT.get(key, key)} {PENDING}.", PENDING, "ghi khi văn bản được ký", loc)
    for fact in plan.facts.values():
        if fact.pending:
            found = True
            yield failed(_RULE, f"Số liệu '{fact.id}' ({fact.label}): {PENDING}.", PENDING, "con số", fact.loc)
    for annex in plan.annexes:
        for finding in _annex(annex):
            found = True
            yield finding
    if not found:
        yield passed(_RULE, f"Không còn chỗ nào «{PENDING}».", document_location(plan))


def _annex(annex: Annex) -> Iterator[Finding]:
    leaves = {leaf.key: leaf for leaf in annex.leaves()}
    lines = [(row_name(annex, row), row.cells) for row in annex.rows()]
    if annex.total is not None:
        lines.append((f'dòng "{annex.total.label}"', annex.total.cells))
    for name, cells in lines:
        for key, cell in cells.items():
            if cell.pending:
                yield failed(_RULE, f"{column_name(annex, leaves[key])}, {name}: {PENDING}.", PENDING,
                             "con số (hoặc ~ nếu để trống)", cell.loc)
    if annex.comparison is not None:
        for column_id, loc in annex.comparison.pending.items():
            yield failed(_RULE, f'{annex.label}, dòng "{annex.comparison.label}", cột "{annex.top(column_id).header}":'
                         f" {PENDING}.", PENDING, "ví dụ Tăng 22 thôn, Giảm 9 xã, Không đổi", loc)
