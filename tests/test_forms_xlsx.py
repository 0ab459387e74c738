"""`reportgen forms`: the workbooks as a spreadsheet reads them (openpyxl), and typing into them through LibreOffice."""

from __future__ import annotations

import datetime as _dt
import json

import openpyxl
import pytest

from reportgen.cli import main
from reportgen.model.forms import IDENTITY_SHEET, read_identity
from reportgen.model.report import Period
from reportgen.pipeline.forms import plan_forms
from tests.calc_typing import type_into, typing_profile
from tests.conftest import SAMPLE

DISTRICT = "bieu-nhap-so-lieu-2020-q2-{}.xlsx"     # the unit's folder name in it, as export --by-unit names it
AGENCY = "bieu-nhap-nhiem-vu-2020-q2-{}.xlsx"


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    out = tmp_path_factory.mktemp("forms") / "out"
    assert main(["forms", str(SAMPLE), "--period", "2020-Q2", "-o", str(out), "--jobs", "2"]) == 0
    return out


@pytest.fixture(scope="module")
def profile(tmp_path_factory):
    return typing_profile(tmp_path_factory.mktemp("lo"))


def _files(out):
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_folder_per_unit_named_as_export_names_them_the_same_bytes_every_run(written, tmp_path):
    export = tmp_path / "export"
    assert main(["export", str(SAMPLE), "-o", str(export), "--format", "xlsx", "--by-unit", "--jobs", "1"]) == 0
    districts = {p.parent.name for p in written.glob("*/bieu-nhap-so-lieu-2020-q2-*.xlsx")}
    assert all((written / d / DISTRICT.format(d)).is_file() for d in districts)
    assert districts == {p.parent.name for p in export.glob("*/bieu-01.xlsx")} and len(districts) == 10
    agencies = [p for p in written.glob("*/bieu-nhap-nhiem-vu-2020-q2-*.xlsx") if p.name == AGENCY.format(p.parent.name)]
    assert len(agencies) == 18   # one per lead agency, the first named
    assert len({p.name for p in written.rglob("*.xlsx")}) == 28   # each its own name: one Downloads folder keeps all
    share = openpyxl.load_workbook(export / "TP-Bắc-Giang" / "bieu-01.xlsx")["Biểu 01"]
    [row] = [r for r in share.iter_rows() if r[1].value == "TP Bắc Giang"]
    blanks = [c for c in row[2:] if c.value is None]
    assert len(blanks) == 5 and {c.number_format for c in blanks} == {"#,##0"}  # export's blanks: numbers (item 3)
    manifest = json.loads((written / "Huyện-Yên-Thế" / "manifest.json").read_text(encoding="utf-8"))
    assert [(o["path"], o["format"], o["kind"]) for o in manifest["outputs"]] == [(DISTRICT.format("Huyện-Yên-Thế"), "xlsx", "bieu_nhap")]
    assert "bao-cao-2020-q1/tien-do.yaml" in [i["path"] for i in manifest["inputs"]]  # the last report's figures are shown
    again = tmp_path / "again"
    assert main(["forms", str(SAMPLE), "--period", "2020-Q2", "-o", str(again), "--jobs", "1"]) == 0
    assert _files(again) == _files(written)


def test_only_the_input_cells_are_unlocked_under_sheet_protection(written):
    book = openpyxl.load_workbook(written / "Huyện-Yên-Thế" / DISTRICT.format("Huyện-Yên-Thế"))
    assert book.sheetnames == ["Hướng dẫn", "Số liệu", IDENTITY_SHEET]
    assert all(ws.protection.sheet for ws in book.worksheets)
    ws = book["Số liệu"]
    unlocked = [c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked]
    assert unlocked == ["F6", "F7", "F8", "F9"]
    assert [ws.cell(r, 4).value for r in range(6, 10)] == [25, 2, 5, 1]     # kế hoạch năm, read-only
    assert [ws.cell(r, 5).value for r in range(6, 10)] == [16, 1, 4, 0]     # quý I, read-only
    assert all(ws[c].value is None and ws[c].number_format == "#,##0" for c in unlocked)
    rules = ws.data_validations.dataValidation
    assert {(r.type, r.operator, r.formula1) for r in rules} == {("whole", "greaterThanOrEqual", "0")}
    assert sorted(str(r.sqref) for r in rules) == unlocked
    assert "Hướng dẫn" in book.sheetnames and "khóa" in " ".join(
        str(c.value) for row in book["Hướng dẫn"].iter_rows() for c in row if c.value)


def test_agency_inputs_take_a_status_from_the_list_a_date_of_the_year_and_a_note(written):
    ws = openpyxl.load_workbook(written / "UBND-huyện-Tân-Yên" / AGENCY.format("UBND-huyện-Tân-Yên"))["Nhiệm vụ"]
    unlocked = [c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked]
    assert unlocked == [f"{col}{row}" for row in (6, 7, 8) for col in "FGH"]
    assert ws["G6"].number_format == "dd/mm/yyyy" and ws["E6"].value == _dt.datetime(2020, 2, 20)
    rules = {rule.type: rule for rule in ws.data_validations.dataValidation}
    assert rules["list"].formula1 == '"hoàn thành,đang thực hiện,chưa thực hiện"'
    assert (rules["date"].operator or "between", rules["date"].formula1, rules["date"].formula2) == (
        "between", "43831", "44196")  # 01/01/2020 and 31/12/2020 as serial days; between is the default
    assert "2020" in rules["date"].error


def test_the_identity_sheet_is_very_hidden_and_names_the_form_whatever_the_file_is_called(written, tmp_path):
    renamed = tmp_path / "bao cao cua huyen.xlsx"
    renamed.write_bytes((written / "Huyện-Yên-Thế" / DISTRICT.format("Huyện-Yên-Thế")).read_bytes())
    book = openpyxl.load_workbook(renamed)
    ws = book[IDENTITY_SHEET]
    assert ws.sheet_state == "veryHidden"
    identity = read_identity([(row[0].value, row[1].value) for row in ws.iter_rows(max_col=2)])
    expected = next(f for f in plan_forms(SAMPLE, Period(2020, 2))[1] if f.identity.unit == "Huyện Yên Thế").identity
    assert identity == expected and identity.kind == "district" and identity.period == "2020-Q2"


def test_a_period_of_another_year_is_a_command_line_mistake(tmp_path, capsys):
    assert main(["forms", str(SAMPLE), "--period", "2021-Q2", "-o", str(tmp_path / "out")]) == 64
    assert "không thuộc năm của kế hoạch (2020)" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_figure_typed_into_a_forms_input_through_libreoffice_is_a_number(written, profile, tmp_path):
    typed = type_into(profile, written / "Huyện-Yên-Thế" / DISTRICT.format("Huyện-Yên-Thế"), 1, "F8", "5",
                      tmp_path / "typed.xlsx")
    book = openpyxl.load_workbook(typed, data_only=True)
    cell = book["Số liệu"]["F8"]
    assert (cell.value, cell.data_type) == (5, "n")
    # What collect relies on survives LibreOffice's save: the identity, still hidden, the protection, the locks.
    ws = book[IDENTITY_SHEET]
    assert ws.sheet_state == "hidden"  # LibreOffice 7.4 has no "very hidden": it saves the sheet as hidden
    assert read_identity([(row[0].value, row[1].value) for row in ws.iter_rows(max_col=2)]).unit == "Huyện Yên Thế"
    assert book["Số liệu"].protection.sheet and book["Số liệu"]["E8"].protection.locked
    assert not book["Số liệu"]["F9"].protection.locked and book["Số liệu"]["F9"].value is None


def test_a_figure_typed_into_a_blank_cell_of_the_plans_workbook_moves_the_total(profile, tmp_path):
    """Biểu 01's TP Bắc Giang has no thôn NTM in 2019 (C7 blank): typed 5 in LibreOffice, the total goes 122 → 127
    and the comparison row 22 → 17. With the blank formatted as text (`@`, before) Calc kept "5" as text: 122."""
    out = tmp_path / "build"
    assert main(["build", str(SAMPLE), "-o", str(out), "--format", "xlsx"]) == 0
    [built] = out.glob("*.xlsx")
    before = openpyxl.load_workbook(built, data_only=True)["Biểu 01"]
    assert (before["C7"].value, before["C7"].number_format, before["C17"].value) == (None, "#,##0", 122)
    typed = type_into(profile, built, 0, "C7", "5", tmp_path / "typed.xlsx")
    after = openpyxl.load_workbook(typed, data_only=True)["Biểu 01"]
    assert (after["C7"].value, after["C7"].data_type) == (5, "n")
    assert (after["C17"].value, after["C18"].value) == (127, 17)


def test_a_decimal_input_takes_its_declared_places_and_a_locked_blank_figure_is_a_number(tmp_path):
    """A hand-made form (the sample has no decimal indicator): the writer draws what it is given."""
    from decimal import Decimal

    from reportgen.load.style_sheet import load_style_sheet
    from reportgen.model.forms import Form, FormCell, FormSheet, Identity, form_version
    from reportgen.write.options import WriterOptions
    from reportgen.write.xlsx.form import form_bytes

    cells = (FormCell(1, 1, "label", "Chỉ tiêu", style="header"), FormCell(2, 1, "locked", None, "decimal", 1),
             FormCell(2, 2, "locked", Decimal("15.8"), "decimal", 1),
             FormCell(2, 3, "input", None, "decimal", 1, message="Tối đa 1 chữ số thập phân."))
    sheets = (FormSheet("Số liệu", cells, (20.0, 10.0, 10.0)),)
    identity = Identity(1, "KH-UBND", _dt.date(2024, 1, 2), "2024-Q2", "Xã A", "district", form_version(sheets))
    path = tmp_path / "f.xlsx"
    path.write_bytes(form_bytes(Form(identity, sheets, "f", "F"), WriterOptions(load_style_sheet())))
    ws = openpyxl.load_workbook(path)["Số liệu"]
    assert (ws["A2"].value, ws["A2"].number_format, ws["B2"].value, ws["C2"].number_format) == (
        None, "#,##0.0", 15.8, "#,##0.0")
    [rule] = ws.data_validations.dataValidation
    assert rule.type == "custom" and rule.formula1 == "AND(ISNUMBER(C2),C2>=0,ROUND(C2,1)=C2)"
    assert rule.error == "Tối đa 1 chữ số thập phân." and rule.allow_blank
    assert ws.protection.sheet and not ws["C2"].protection.locked and ws["B2"].protection.locked


def test_a_last_report_that_does_not_read_is_refused_with_its_place(sample, tmp_path, capsys):
    """The Q2 forms show Q1's figures: a unit misspelled there is an input problem (2) at its line, nothing written."""
    from tests.conftest import replace_once

    progress = sample / "bao-cao-2020-q1" / "tien-do.yaml"
    replace_once(progress, "{unit: Huyện Yên Thế,", "{unit: Huyện Yên Thê,")
    assert main(["forms", str(sample), "--period", "2020-Q2", "-o", str(tmp_path / "out")]) == 2
    out = capsys.readouterr().out
    assert "tien-do.yaml:" in out and "Huyện Yên Thê" in out, out
    assert not (tmp_path / "out").exists()


def test_a_plan_with_nothing_to_send_writes_nothing(tmp_path, capsys):
    """A plan `new` wrote (no annex yet): no form to send, said on stderr, exit 2 and no folder (it wrote an empty
    folder with a manifest of nothing and exited 0 once)."""
    plan = tmp_path / "ha-tinh-2021"
    assert main(["new", str(plan), "--kind", "ke-hoach", "--province", "Hà Tĩnh", "--year", "2021"]) == 0
    capsys.readouterr()
    assert main(["forms", str(plan), "--period", "2021-Q1", "-o", str(tmp_path / "out")]) == 2
    assert "không có biểu nhập nào để viết, không viết gì" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
