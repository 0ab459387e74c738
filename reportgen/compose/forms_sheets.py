"""The sheets of a return form as cells: instructions, a district's figures, an agency's tasks, the identity."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from reportgen.model.forms import IDENTITY_SHEET, ActualKey, FormCell, FormSheet, Identity, TaskKey, identity_rows
from reportgen.model.plan import Column
from reportgen.model.report import TASK_STATUSES, TaskProgress

_TOP = 5                             # the table's header row: title, unit and plan lines above it, then a blank row
_DISTRICT_WIDTHS = (5.0, 48.0, 10.0, 14.0, 16.0, 18.0)
_AGENCY_WIDTHS = (7.0, 50.0, 14.0, 16.0, 14.0, 18.0, 16.0, 30.0)
_INSTRUCTION_WIDTH = 110.0


def instructions_sheet(words) -> FormSheet:
    """The title, then one line per instruction, each on its own row."""
    cells = [FormCell(1, 1, "label", words.tieu_de_huong_dan, style="title")]
    cells += [FormCell(row, 1, "label", line, style="text") for row, line in enumerate(words.huong_dan, start=3)]
    return FormSheet(words.trang_huong_dan, tuple(cells), (_INSTRUCTION_WIDTH,))


def _heading(words, title: str, width: int) -> list[FormCell]:
    return [FormCell(1, 1, "label", title, style="title", colspan=width),
            FormCell(2, 1, "label", words.dong_don_vi, style="line", colspan=width),
            FormCell(3, 1, "label", words.dong_kem_theo, style="line", colspan=width)]


def _header(texts: list[str]) -> list[FormCell]:
    return [FormCell(_TOP, column, "label", text, style="header") for column, text in enumerate(texts, start=1)]


def district_sheet(words, unit: str, rows: list[tuple[Column, Column, Decimal | None, Decimal | None]]) -> FormSheet:
    """A row per indicator: its number, name and measure, the year's plan and the last report's figure read-only,
    then the cumulative figure at the period's end to type. `rows`: (group column, its plan sub-column, the
    unit's plan, the last figure)."""
    cells = _heading(words, words.ten_so_lieu, len(_DISTRICT_WIDTHS))
    cells += _header([words.tt, words.chi_tieu, words.don_vi_tinh, words.ke_hoach, words.da_bao_cao, words.thuc_hien])
    for number, (group, later, target, last) in enumerate(rows, start=1):
        row = _TOP + number
        kind = "count" if later.type == "count" else "decimal"
        decimals = 0 if kind == "count" else later.decimals
        cells += [
            FormCell(row, 1, "locked", Decimal(number), "count"),
            FormCell(row, 2, "locked", group.header),
            FormCell(row, 3, "locked", group.measure),
            FormCell(row, 4, "locked", target, kind, decimals),
            FormCell(row, 5, "locked", last, kind, decimals),
            FormCell(row, 6, "input", None, kind, decimals, key=ActualKey(group.id, unit),
                     message=words.loi_so_nguyen if kind == "count" else words.loi_so_thap_phan % decimals),
        ]
    return FormSheet(words.trang_so_lieu, tuple(cells), _DISTRICT_WIDTHS, header_rows=_TOP, name_column=2)


def agency_sheet(words, agency: str, tasks: list[tuple[str, str, str, TaskProgress | None]],
                 year: tuple[_dt.date, _dt.date]) -> FormSheet:
    """A row per task of the agency: key, content, deadline and what the last report said, read-only; then its
    status (from the list), completion date (within the plan's year) and a note to type. `tasks`: (key, content,
    deadline as printed, the last report's progress)."""
    cells = _heading(words, words.ten_nhiem_vu, len(_AGENCY_WIDTHS))
    cells += _header([words.ma_nhiem_vu, words.noi_dung, words.thoi_han, words.tinh_trang_truoc, words.ngay_truoc,
                      words.tinh_trang, words.ngay_hoan_thanh, words.ghi_chu])
    for number, (key, content, deadline, last) in enumerate(tasks, start=1):
        row = _TOP + number
        cells += [
            FormCell(row, 1, "locked", key),
            FormCell(row, 2, "locked", content),
            FormCell(row, 3, "locked", deadline or None),
            FormCell(row, 4, "locked", last.status if last is not None else None),
            FormCell(row, 5, "locked", last.done if last is not None else None, "date"),
            FormCell(row, 6, "input", None, "status", key=TaskKey(key, "status"), choices=TASK_STATUSES,
                     message=words.loi_tinh_trang),
            FormCell(row, 7, "input", None, "date", key=TaskKey(key, "done"), within=year, message=words.loi_ngay),
            FormCell(row, 8, "input", None, "note", key=TaskKey(key, "note")),
        ]
    return FormSheet(words.trang_nhiem_vu, tuple(cells), _AGENCY_WIDTHS, header_rows=_TOP, name_column=2)


def identity_sheet(identity: Identity) -> FormSheet:
    """Names in column A, their text in B, the digest last: very hidden, locked."""
    cells = []
    for row, (name, text) in enumerate(identity_rows(identity), start=1):
        cells += [FormCell(row, 1, "label", name), FormCell(row, 2, "locked", text)]
    return FormSheet(IDENTITY_SHEET, tuple(cells), (14.0, 40.0), very_hidden=True)
