"""Return forms as typed cells (model/forms.py) built from the checked plan and the last report (compose/forms.py)."""

from __future__ import annotations

import datetime as _dt
import shutil
from dataclasses import replace
from decimal import Decimal

import pytest

from reportgen.compose.forms import Previous, compose_forms
from reportgen.model.forms import (IDENTITY_SHEET, ActualKey, TaskKey, form_version, identity_rows, read_identity)
from reportgen.model.report import TASK_STATUSES, Period
from reportgen.pipeline import check_folder
from reportgen.pipeline.forms import expected_plan_form, plan_forms, previous_report
from reportgen.styles import TEMPLATES
from tests.conftest import SAMPLE

UNITS = ["TP Bắc Giang", "Huyện Sơn Động", "Huyện Lục Ngạn", "Huyện Lục Nam", "Huyện Yên Thế", "Huyện Lạng Giang",
         "Huyện Yên Dũng", "Huyện Tân Yên", "Huyện Hiệp Hòa", "Huyện Việt Yên"]


@pytest.fixture(scope="module")
def q2():
    return plan_forms(SAMPLE, Period(2020, 2))[1]


def _values(sheet, column):
    return {c.row: c.value for c in sheet.cells if c.column == column and c.row > 5}


def test_a_form_per_district_then_per_lead_agency(q2):
    districts = [f for f in q2 if f.identity.kind == "district"]
    agencies = [f for f in q2 if f.identity.kind == "agency"]
    assert [f.identity.unit for f in districts] == UNITS
    assert "VPĐP tỉnh" in [f.identity.unit for f in agencies] and len(agencies) == 18
    assert all(f.identity.period == "2020-Q2" and f.identity.plan_number == 552 and f.identity.plan_symbol == "KH-BCĐ"
               for f in q2)


def test_a_district_form_shows_plan_and_last_report_beside_each_input(q2):
    """Yên Thế: Biểu 01's kh_2020 and the Q1 report's figures, read-only; the inputs blank, keyed by indicator."""
    form = next(f for f in q2 if f.identity.unit == "Huyện Yên Thế")
    sheet = form.sheet("Số liệu")
    inputs = sheet.inputs()
    assert [c.key for c in inputs] == [ActualKey(i, "Huyện Yên Thế")
                                       for i in ("thon_ntm", "thon_kieu_mau", "xa_ntm", "xa_nang_cao")]
    assert all(c.value is None and c.kind == "count" and c.column == 6 for c in inputs)
    assert list(_values(sheet, 4).values()) == [Decimal(25), Decimal(2), Decimal(5), Decimal(1)]   # kế hoạch 2020
    assert list(_values(sheet, 5).values()) == [Decimal(16), Decimal(1), Decimal(4), Decimal(0)]   # quý I
    assert all(c.role != "input" for c in sheet.cells if c.column != 6 or c.row <= 5)


def test_before_the_first_report_the_last_figure_is_the_plans_baseline():
    form = next(f for f in plan_forms(SAMPLE, Period(2020, 1))[1] if f.identity.unit == "Huyện Yên Thế")
    assert list(_values(form.sheet("Số liệu"), 5).values()) == [Decimal(14), Decimal(1), Decimal(4), Decimal(0)]
    assert "2019" in form.sheet("Số liệu").cell(5, 5).value


def test_an_agency_form_lists_its_tasks_with_status_date_and_note_inputs(q2):
    form = next(f for f in q2 if f.identity.unit == "UBND huyện Tân Yên")
    sheet = form.sheet("Nhiệm vụ")
    assert list(_values(sheet, 1).values()) == ["I.4", "I.6", "II.6"]
    assert [c.key for c in sheet.inputs()][:3] == [TaskKey("I.4", f) for f in ("status", "done", "note")]
    status, done, note = sheet.inputs()[:3]
    assert status.choices == TASK_STATUSES and status.kind == "status"
    assert done.kind == "date" and done.within == (_dt.date(2020, 1, 1), _dt.date(2020, 12, 31))
    assert note.kind == "note"
    assert sheet.cell(6, 4).value == "hoàn thành" and sheet.cell(6, 5).value == _dt.date(2020, 2, 20)  # quý I
    assert sheet.cell(7, 4).value == "đang thực hiện" and sheet.cell(7, 5).value is None


def test_the_identity_is_on_a_very_hidden_sheet_and_tamper_evident(q2):
    form = q2[0]
    sheet = form.sheets[-1]
    assert sheet.name == IDENTITY_SHEET and sheet.very_hidden and sheet.protected
    rows = [(sheet.cell(r, 1).value, sheet.cell(r, 2).value) for r in range(1, len(sheet.cells) // 2 + 1)]
    assert read_identity(rows) == form.identity
    edited = [(name, "Huyện Yên Thế" if name == "unit" else text) for name, text in rows]
    assert read_identity(edited) is None
    assert rows == list(identity_rows(form.identity))


def test_the_version_digests_everything_locked(q2):
    form = q2[0]
    visible = form.sheets[:-1]
    assert form.identity.version == form_version(visible)
    sheet = visible[1]
    edited = replace(sheet, cells=tuple(replace(c, value=Decimal(99)) if (c.row, c.column) == (7, 4) else c
                                        for c in sheet.cells))
    assert form_version((visible[0], edited)) != form.identity.version
    typed = replace(sheet, cells=tuple(replace(c, value=Decimal(3)) if c.is_input else c for c in sheet.cells))
    assert form_version((visible[0], typed)) == form.identity.version  # what is typed is not part of the version


def test_the_same_forms_every_time_and_one_form_alone_as_collect_asks(q2):
    again = plan_forms(SAMPLE, Period(2020, 2))[1]
    assert again == q2
    one = expected_plan_form(SAMPLE, Period(2020, 2), "agency", "VPĐP tỉnh")
    assert one == next(f for f in q2 if f.identity.unit == "VPĐP tỉnh")
    assert expected_plan_form(SAMPLE, Period(2020, 2), "district", "VPĐP tỉnh") is None


def test_without_the_last_reports_folder_the_baseline_stands_in(tmp_path):
    folder = tmp_path / "plan"
    shutil.copytree(SAMPLE, folder)
    shutil.rmtree(folder / "bao-cao-2020-q1")
    plan = check_folder(folder).plan
    previous, files = previous_report(folder, plan, Period(2020, 2))
    assert previous == Previous() and files == []
    forms = compose_forms(plan, Period(2020, 2), previous, TEMPLATES)
    sheet = next(f for f in forms if f.identity.unit == "Huyện Yên Thế").sheet("Số liệu")
    assert "2019" in sheet.cell(5, 5).value and sheet.cell(6, 5).value == Decimal(14)


@pytest.mark.parametrize("code, title, last", [
    ("2020-H1", "6 THÁNG ĐẦU NĂM 2020", "quý II năm 2020"),
    ("2020", "NĂM 2020", "6 tháng đầu năm 2020"),
    ("2020-9T", "9 THÁNG ĐẦU NĂM 2020", "6 tháng đầu năm 2020"),
    ("2020-M05", "THÁNG 5 NĂM 2020", "quý I năm 2020"),
])
def test_forms_of_every_period_kind_show_the_report_the_report_compares_with(code, title, last):
    """A half-year's, nine months', year's or month's forms (once a crash: the forms' words knew quarters only): the
    last-report column is the report `reportgen report` compares with (load.report_folder.previous_report, any
    kind: Q2 before H1, H1 before the year and 9T), worded as the report words periods."""
    from reportgen.errors import Problems
    from reportgen.load.report_folder import load_report, previous_report as report_compares_with
    period = Period.parse(code)
    forms = plan_forms(SAMPLE, period)[1]
    sheet = next(f for f in forms if f.identity.unit == "Huyện Yên Thế").sheet("Số liệu")
    assert sheet.cell(1, 1).value.endswith(title) and sheet.cell(5, 5).value == f"Đã báo cáo đến hết {last}"
    before = previous_report(SAMPLE, check_folder(SAMPLE).plan, period)[0]
    assert before.period == report_compares_with(SAMPLE, period)
    if (SAMPLE / f"bao-cao-{code.lower()}").is_dir():
        assert before.period == load_report(SAMPLE, period, Problems()).previous_period
    figures = [Decimal(19), Decimal(1), Decimal(4), Decimal(0)] if before.period.kind != "Q" or before.period.number == 2 \
        else [Decimal(16), Decimal(1), Decimal(4), Decimal(0)]
    assert list(_values(sheet, 5).values()) == figures
    agency = next(f for f in forms if f.identity.unit == "VPĐP tỉnh").sheet("Nhiệm vụ")
    assert agency.cell(5, 4).value == f"Tình trạng đã báo cáo {last}"


def test_one_agency_form_per_lead_agency_the_first_named(q2):
    """'Sở NN&PTNT', 'Sở NN&PTNT, VPĐP', 'Sở NN&PTNT, VPĐP tỉnh', 'Sở NN&PTNT, Chi cục PTNT' are one lead (four forms
    to one office once): after a comma, a name that begins as an agency's does ("VPĐP", "Chi cục", "Sở") is a
    co-ordinator; other text stays the lead's name ("UBND huyện, TP", "Sở, ngành thuộc UBND tỉnh", "UBND huyện Việt
    Yên, Lạng Giang", and "Sở VH,TT-DL" without a space)."""
    from reportgen.model.tasks import lead_agency
    agencies = [f.identity.unit for f in q2 if f.identity.kind == "agency"]
    assert agencies.count("Sở NN&PTNT") == 1 and not [a for a in agencies if a.startswith("Sở NN&PTNT,")]
    sheet = next(f for f in q2 if f.identity.unit == "Sở NN&PTNT").sheet("Nhiệm vụ")
    assert list(_values(sheet, 1).values()) == ["I.1", "II.2", "III.5", "III.6", "III.9", "III.14"]
    assert {a for a in agencies if a.startswith(("UBND huyện", "Sở", "Ban"))} == {
        "UBND huyện, TP", "UBND huyện Việt Yên, Lạng Giang", "UBND huyện Tân Yên", "UBND huyện", "Sở TN&MT",
        "Sở VH,TT-DL", "Sở KH&ĐT, NN&PTNT", "Sở NN&PTNT", "Sở, ngành thuộc UBND tỉnh", "Sở Nội vụ",
        "Ban Thi đua - Khen thưởng tỉnh"}
    assert lead_agency("  Sở  NN&PTNT ;  Chi cục PTNT") == "Sở NN&PTNT"
    assert lead_agency("UBND huyện, UBND 08 xã") == "UBND huyện" and lead_agency("") == ""
    assert lead_agency("Sở NN&PTNT, các huyện") == "Sở NN&PTNT" and lead_agency("Sở Tài chính; Kho bạc") == "Sở Tài chính"
