"""The names a clerk writes in {{ ... }}: biểu (bieu01), cột, tong, tang, giam, dem, dong, so_lieu, ty_le."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from reportgen.expressions.errors import ExpressionError, ExpressionMismatch
from reportgen.expressions import rows as row_filters
from reportgen.expressions.neutral import period_alias
from reportgen.expressions.pending import PendingInput, refuse_pending
from reportgen.model import tables
from reportgen.model.plan import Annex, Column, Figure, Plan
from reportgen.model.ties import Fact
from reportgen.model.units import Register


class AnnexRef:
    """`bieu01`: an annex; `bieu01.xa_ntm` one of its columns."""

    def __init__(self, annex: Annex, register: Register | None = None) -> None:
        self.annex = annex
        self._register = register   # don-vi.yaml, for dong's "no such row" (underscore: unreachable from {{ }})

    def __getattr__(self, name: str) -> "ColumnRef":
        column = self.annex.top(name)
        if column is None:
            known = ", ".join(c.id for c in self.annex.columns if c.type not in ("index",))
            raise ExpressionError(f"{self.annex.label} không có cột '{name}'. Các cột: {known}.",
                                  (f"bieu{self.annex.id}.{name}",))
        return ColumnRef(self.annex, column, self._register)


class ColumnRef:
    def __init__(self, annex: Annex, column: Column, register: Register | None = None) -> None:
        self.annex, self.column, self._register = annex, column, register

    def __getattr__(self, name: str) -> "ColumnRef":
        child = self.column.child(name) or period_alias(self.annex, self.column, name)
        if child is None:
            known = ", ".join(c.id for c in self.column.children) or "(không có cột con)"
            raise ExpressionError(f"Cột '{self.column.key}' của {self.annex.label} không có cột con "
                                  f"'{name}'. Các cột con: {known}.", (f"bieu{self.annex.id}.{self.column.key}.{name}",))
        return ColumnRef(self.annex, child, self._register)


class NamedFigures:
    """`so_lieu.so_xa_toan_tinh`, `ty_le.xa_dat_chuan`."""

    def __init__(self, name: str, figures: dict[str, Figure], blank: dict[str, str] | None = None) -> None:
        # blank: names that exist but have no figure (a blank total), each with the reason said instead of "Không có"
        self._name, self._figures, self._blank = name, figures, blank or {}

    def __getattr__(self, key: str) -> Figure:
        if key in self._blank and key not in self._figures:
            raise ExpressionError(f"'{self._name}.{key}' chưa có số: {self._blank[key]}.", (f"{self._name}.{key}",))
        if key.startswith("_") or key not in self._figures:
            raise ExpressionError(f"Không có '{self._name}.{key}'. Các tên: {', '.join(self._figures) or '(trống)'}.",
                                  (f"{self._name}.{key}",))
        return self._figures[key]

    def hint(self) -> str:
        return f"viết {self._name}.<tên>, với tên là một trong: {', '.join(self._figures) or '(trống)'}."


def tong(ref: object, **filters: object) -> Figure:
    """Tổng của một cột: như dòng Tổng cộng in (đã kiểm tra), hoặc cộng các dòng; có lọc thì cộng các dòng lọc được."""
    column_ref = _leaf(ref, "tong")
    if filters:
        value = row_filters.filtered_sum(column_ref.annex, column_ref.column, filters, column_ref._register)
        return _figure(column_ref.annex, column_ref.column, value)
    value = tables.effective_total(column_ref.annex, column_ref.column)
    if value is None:
        raise ExpressionError(f"{column_ref.annex.label}, cột '{column_ref.column.key}': không có tổng "
                              "(dòng tổng để trống và không cộng được).")
    reason = _unverified(column_ref.annex, column_ref.column)
    return replace(_figure(column_ref.annex, column_ref.column, value), unverified=reason)


def tang(ref: object) -> Figure:
    """Phần tăng của một cột nhóm: tổng cột sau trừ tổng cột trước."""
    change, column_ref, reason = _change(ref, "tang")
    if change < 0:
        raise ExpressionMismatch(f"{column_ref.annex.label}, cột '{column_ref.column.key}' giảm "
                                 f"{-change} chứ không tăng: dùng giam(...) hoặc sửa số liệu.")
    return replace(_figure(column_ref.annex, column_ref.column.children[0], change), unverified=reason)


def giam(ref: object) -> Figure:
    """Phần giảm của một cột nhóm: tổng cột trước trừ tổng cột sau."""
    change, column_ref, reason = _change(ref, "giam")
    if change > 0:
        raise ExpressionMismatch(f"{column_ref.annex.label}, cột '{column_ref.column.key}' tăng "
                                 f"{change} chứ không giảm: dùng tang(...) hoặc sửa số liệu.")
    return replace(_figure(column_ref.annex, column_ref.column.children[0], -change), unverified=reason)


def dem(ref: object, **filters: object) -> Figure:
    """Số dòng của một biểu, hoặc số ô có ghi trong một cột (ví dụ số xã đánh dấu X); lọc: nhom="…", <cột>="…"."""
    if isinstance(ref, AnnexRef):
        return Figure(Decimal(len(row_filters.select(ref.annex, filters, ref._register))), "count")
    column_ref = _leaf(ref, "dem")
    rows = row_filters.select(column_ref.annex, filters, column_ref._register)
    filled = [r for r in rows if r.value(column_ref.column.key) is not None]
    return Figure(Decimal(len(filled)), "count")


def dong(ref: object, name: object) -> Figure:
    """Ô của một dòng theo tên dòng (đơn vị): dong(bieu01.xa_ntm.kh_2020, "Huyện Lục Ngạn")."""
    column_ref = _leaf(ref, "dong")
    value = row_filters.named_value(column_ref.annex, column_ref.column, name, column_ref._register)
    return _figure(column_ref.annex, column_ref.column, value)


def hai_chu_so(figure: object) -> Figure:
    """Viết số có ít nhất hai chữ số (08 xã), như văn bản hành chính thường viết."""
    if not isinstance(figure, Figure):
        raise ExpressionError("'hai_chu_so' chỉ dùng sau một con số.")
    return replace(figure, pad=2)


def _leaf(ref: object, function: str) -> ColumnRef:
    if not isinstance(ref, ColumnRef):
        raise ExpressionError(f"{function}(...) cần một cột, ví dụ {function}(bieu01.xa_ntm.kh_2020).")
    if ref.column.is_group:
        ids = " hoặc ".join(c.id for c in ref.column.children)
        raise ExpressionError(f"{function}(...) cần một cột con của '{ref.column.key}': {ids}.")
    refuse_pending(ref.annex, (ref.column,))  # a cell still "chưa nhập": no figure yet
    return ref


def _change(ref: object, function: str) -> tuple[Decimal, ColumnRef, str | None]:
    """Later total minus earlier total of a grouped column, and why it cannot be checked if so."""
    periods = ref.annex.period_columns(ref.column) if isinstance(ref, ColumnRef) else None
    if periods is None:
        raise ExpressionError(f"{function}(...) cần một cột nhóm có hai cột con theo 'periods' của biểu, "
                              f"ví dụ {function}(bieu01.xa_ntm).")
    refuse_pending(ref.annex, periods)
    values = [tables.effective_total(ref.annex, c) for c in periods]
    if None in values:
        raise ExpressionError(f"{ref.annex.label}, cột '{ref.column.key}': thiếu tổng để tính thay đổi.")
    reasons = [r for r in (_unverified(ref.annex, c) for c in periods) if r]
    return values[1] - values[0], ref, (reasons[0] if reasons else None)


def _unverified(annex: Annex, column: Column) -> str | None:
    if not tables.total_unverified(annex, column):
        return None
    return (f"{annex.label}: tổng cột '{column.key}' là số in sẵn, không tính lại được từ các dòng "
            "(bình quân thiếu trọng số hoặc cột không có cách cộng)")


def _figure(annex: Annex, column: Column, value: Decimal) -> Figure:
    """A column's figure; its unit is the measure of the column or of its group ("xã")."""
    group = annex.top(column.key.split(".")[0])
    measure = column.measure or (group.measure if group is not None else None)
    return Figure(value, column.type if column.is_numeric else "decimal", column.decimals, measure)


class Facts(NamedFigures):
    """`so_lieu.<tên>`: a fact still "chưa nhập" has no figure yet (PendingMismatch, not an unknown name)."""

    def __init__(self, facts) -> None:
        super().__init__("so_lieu", {k: fact_figure(f) for k, f in facts.items() if not f.pending})
        self._waiting = {k: f.label for k, f in facts.items() if f.pending}

    def __getattr__(self, key: str) -> Figure:
        if key in self.__dict__.get("_waiting", {}):
            raise PendingInput(f"Số liệu '{key}' ({self._waiting[key]}) chưa nhập: nhập số rồi kiểm tra lại.")
        return super().__getattr__(key)


def fact_figure(fact: Fact) -> Figure:
    return Figure(fact.value, fact.kind, fact.decimals, fact.unit)


FUNCTIONS = {"tong": tong, "tang": tang, "giam": giam, "dem": dem, "dong": dong}
FILTERS = {"hai_chu_so": hai_chu_so}


def context(plan: Plan, ratios: dict[str, Figure]) -> dict[str, object]:
    """Every name an expression may use."""
    names: dict[str, object] = {f"bieu{a.id}": AnnexRef(a, plan.register) for a in plan.annexes}
    names["so_lieu"] = Facts(plan.facts)
    names["ty_le"] = NamedFigures("ty_le", ratios)
    names.update(FUNCTIONS)
    return names
