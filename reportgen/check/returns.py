"""Returned forms against the forms sent: whose each file is (plan, period, unit, form version), a unit returned
twice, each file's cells (check/return_cells.py), cumulative figures and finished tasks; then the status of each
unit and the progress the valid returns give.

The pipeline hands over the expected forms (compose builds them as `forms` wrote them) and the read workbooks
(load/returns.py); check never builds a form itself.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from typing import Iterable
from decimal import Decimal

from reportgen.check.return_cells import FormProblems, compare_form
from reportgen.errors import Location, Problem, Problems
from reportgen.load.returns import ReturnedBook
from reportgen.model.forms import IDENTITY_SHEET, ActualKey, Form, Identity, TaskKey, read_identity
from reportgen.model.plan import Annex, DocumentMeta
from reportgen.model.progress import baseline_value
from reportgen.model.report import TASK_STATUSES, Actuals
from reportgen.vi import format_date_short, format_document_number, format_number

RETURNED, MISSING, INVALID = "returned", "missing", "invalid"
_RESEND = "dùng đúng biểu đã gửi cho đơn vị (không chép sang sổ tính khác), điền rồi gửi lại"


@dataclass(frozen=True)
class Source:
    """The returned file a value came from, as the progress file names it."""

    file: str
    sha256: str


@dataclass
class UnitStatus:
    """One expected form: returned and valid, missing, or invalid with its problems counted."""

    kind: str                        # district | agency
    unit: str
    state: str                       # RETURNED | MISSING | INVALID
    files: list[str] = field(default_factory=list)
    problems: int = 0
    empty: bool = False              # returned without a single input filled (opened and saved unchanged)


@dataclass
class Collection:
    statuses: list[UnitStatus]
    problems: list[Problem]          # every problem of every file, located
    unknown: list[str]               # files that are no expected form (not a workbook, another plan, ...)
    valid: dict[tuple[str, str], tuple[Source, dict]]   # (kind, unit) -> its file and its inputs' values

    @property
    def complete(self) -> bool:
        """Every expected form returned and valid, and no file refused."""
        return not self.problems and all(s.state == RETURNED for s in self.statuses)


@dataclass(frozen=True)
class Context:
    """What the returns are checked against: the plan's identity, the period, the last figures."""

    meta: DocumentMeta
    period: str
    actuals: Annex | None            # the annex whose indicators district forms fill
    previous: Actuals | None         # the last report of the year, when there is one (else the plan's baseline)
    previous_words: str = ""         # that report's period as said ("quý II năm 2020"), for the messages


def collect(forms: list[Form], returns: Iterable[tuple[str, ReturnedBook | None, list[Problem]]], context: Context
            ) -> Collection:
    """Each returned file (its name, the book or None when load refused it, load's problems) matched to its form
    and compared as it comes, so that only its values are kept, never its workbook: a round of 10.000 returns
    holds one workbook at a time. A unit returned twice is refused in every file of it, afterwards."""
    expected = {(f.identity.kind, f.identity.unit): f for f in forms}
    said: dict[str, Problems] = {}
    owners: dict[tuple[str, str], list[tuple[Source, dict]]] = {}
    for file, book, problems in returns:
        said[file] = _problems(problems)
        key = form_owner(book, expected, context, said[file]) if book is not None else None
        if key is not None:
            owners.setdefault(key, []).append((Source(file, book.sha256), _checked(expected[key], book, context,
                                                                                    said[file])))
    valid, statuses = {}, []
    for key, form in expected.items():
        returned = owners.get(key, [])
        if len(returned) > 1:
            _twice(form, [source.file for source, _ in returned], said)
        status = UnitStatus(key[0], key[1], MISSING, [source.file for source, _ in returned])
        status.problems = sum(said[f].total for f in status.files)
        status.state = MISSING if not returned else INVALID if status.problems else RETURNED
        if status.state == RETURNED:
            valid[key] = returned[0]
            status.empty = all(v is None for v in returned[0][1].values())
        statuses.append(status)
    matched = {source.file for group in owners.values() for source, _ in group}
    problems = [p for file in said for p in said[file].items]
    return Collection(statuses, problems, [f for f in said if f not in matched], valid)


def _checked(form: Form, book: ReturnedBook, context: Context, problems: Problems) -> dict:
    """The inputs' values of one return, its cells, cumulative figures and finished tasks checked; each problem at a
    cell begins with the unit, the row and the column the form shows (FormProblems)."""
    said = FormProblems(form, problems)
    values = compare_form(form, book, said)
    _cumulative(values, form, book, context, said)
    _done_dates(values, form, book, said)
    return values


def _problems(items: list[Problem]) -> Problems:
    problems = Problems()
    for item in items:
        problems.add(item.message, item.location)
    return problems


def identity_of(book: ReturnedBook, problems: Problems) -> Identity | None:
    """Whose form the book says it is (its hidden identity sheet), or None with the reason (not ours, edited)."""
    rows = book.identity_rows(problems)
    if rows is None:
        problems.add(f"Sổ tính không phải biểu nhập reportgen gửi đi (không có trang nhận dạng ẩn {IDENTITY_SHEET}): "
                     f"{_RESEND}.", Location(book.file))
        return None
    identity = read_identity(rows)
    if identity is None:
        problems.add("Trang nhận dạng ẩn của biểu đã bị sửa hoặc hỏng (mã kiểm không khớp): "
                     f"{_RESEND}.", Location(book.file, sheet=IDENTITY_SHEET))
    return identity


def form_owner(book: ReturnedBook, expected: dict, context: Context, problems: Problems) -> tuple[str, str] | None:
    """The (kind, unit) the book is the form of, or None with the reason (not ours, edited, another plan, period or
    unit, an older version of the form)."""
    identity = identity_of(book, problems)
    if identity is None:
        return None
    where = Location(book.file)
    if not same_plan(identity, context.meta):
        problems.add(f"Biểu của kế hoạch {_plan(identity.plan_number, identity.plan_symbol, identity.plan_date)}, "
                     f"không phải kế hoạch đang thu ({_plan(context.meta.number, context.meta.symbol, context.meta.date)}"
                     f").", where)
        return None
    if identity.period != context.period:
        problems.add(f"Biểu của kỳ {identity.period}, không phải kỳ đang thu {context.period}.", where)
        return None
    key = (identity.kind, identity.unit)
    if key not in expected:
        problems.add(f"Biểu của '{identity.unit}', đơn vị không nhận biểu {_kind(identity.kind)} của kế hoạch này "
                     "kỳ này.", where)
        return None
    if identity.version != expected[key].identity.version:
        problems.add(f"Biểu là bản cũ (phiên bản {identity.version}, nay là {expected[key].identity.version}): kế "
                     "hoạch hoặc báo cáo kỳ trước đã sửa sau khi gửi biểu. Gửi lại biểu mới (reportgen forms) cho "
                     "đơn vị điền lại.", where)
        return None
    return key


def same_plan(identity: Identity, meta: DocumentMeta) -> bool:
    return (identity.plan_number, identity.plan_symbol, identity.plan_date) == (meta.number, meta.symbol, meta.date)


def _plan(number: int, symbol: str, day: _dt.date) -> str:
    return f"số {format_document_number(number, symbol)} ngày {format_date_short(day)}"


def _kind(kind: str) -> str:
    return "số liệu" if kind == "district" else "nhiệm vụ"


def _twice(form: Form, files: list[str], said: dict[str, Problems]) -> None:
    """Each file of the unit is refused, naming the others: which one is right is the clerk's call."""
    for file in files:
        others = ", ".join(f for f in files if f != file)
        said[file].add(f"'{form.identity.unit}' gửi biểu {len(files)} lần: tệp này và {others}. Giữ một tệp "
                       "đúng, bỏ các tệp kia rồi thu lại.", Location(file))


def _cell_name(form: Form, key, book: ReturnedBook) -> Location:
    """Where an input of `form` is in the returned book: file!sheet!cell."""
    for sheet, cell in form.inputs():
        if cell.key == key:
            return Location(book.file, sheet=sheet.name, cell=f"{_letters(cell.column)}{cell.row}")
    return Location(book.file)


def _letters(column: int) -> str:
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def last_figure(context: Context, key: ActualKey) -> Decimal | None:
    """The figure the unit reported last time for a cumulative indicator (the plan's baseline before the year's first
    report); None for an indicator that is not cumulative or a figure not given."""
    annex = context.actuals
    if annex is None or annex.top(key.indicator) is None or not annex.top(key.indicator).cumulative:
        return None
    if context.previous is None:
        return baseline_value(annex, key.indicator, key.unit)
    row = context.previous.rows.get(key.unit)
    value = row.value(key.indicator) if row is not None else None
    return value if isinstance(value, Decimal) else None


def _cumulative(values: dict, form: Form, book: ReturnedBook, context: Context, problems: FormProblems) -> None:
    for key, value in values.items():
        if not isinstance(key, ActualKey) or value is None:
            continue
        last = last_figure(context, key)
        if last is not None and value < last:
            earlier = (f"báo cáo {context.previous_words or 'kỳ trước'}" if context.previous is not None
                       else "thực hiện năm trước (kế hoạch)")
            problems.add(f"Số lũy kế {format_number(value)} thấp hơn {earlier} ({format_number(last)}): số lũy kế "
                         "tính từ đầu, không giảm; ghi số đến hết kỳ này.", _cell_name(form, key, book))


def _done_dates(values: dict, form: Form, book: ReturnedBook, problems: FormProblems) -> None:
    """A task marked done needs its date; a date or a note without a status would be lost."""
    for key, status in values.items():
        if not isinstance(key, TaskKey) or key.field != "status":
            continue
        done, note = values.get(TaskKey(key.task, "done")), values.get(TaskKey(key.task, "note"))
        if status == TASK_STATUSES[0] and done is None:
            problems.add(f"Tình trạng ghi '{status}' nhưng chưa có ngày hoàn thành: ghi ngày hoàn thành.",
                         _cell_name(form, TaskKey(key.task, "done"), book))
        if status is None and (done is not None or note is not None):
            problems.add("Có ngày hoặc ghi chú nhưng chưa chọn tình trạng: chọn tình trạng "
                         f"({', '.join(TASK_STATUSES)}).", _cell_name(form, key, book))

