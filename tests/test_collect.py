"""`reportgen collect`: the sample's Q2 forms written by `forms`, filled, collected, then `report` builds from the
progress file collect wrote; every refusal with its message, located file!sheet!cell; nothing in the report's
folder changes when a file is refused."""

from __future__ import annotations

import dataclasses
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from reportgen.cli import main
from reportgen.compose.forms_sheets import identity_sheet
from reportgen.model.forms import ActualKey, TaskKey
from reportgen.write.xlsx.form import form_bytes
from tests.calc_typing import type_into, typing_profile
from tests.conftest import OPTIONS, SAMPLE
from tests.returns import fill, input_cell, libreoffice_saves, progress_values, write_forms

PROGRESS = SAMPLE / "bao-cao-2020-q2" / "tien-do.yaml"
SON_DONG = ("district", "Huyện Sơn Động")
LUC_NGAN = ("district", "Huyện Lục Ngạn")


@pytest.fixture(scope="module")
def blank(tmp_path_factory) -> dict:
    """The sample's Q2 forms as `forms` writes them (written once for the module), by (kind, unit)."""
    return write_forms(SAMPLE, "2020-Q2", tmp_path_factory.mktemp("bieu-trong"))


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    """A copy of the sample whose Q2 report has no progress file yet: collect is to write it."""
    target = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, target)
    (target / "bao-cao-2020-q2" / "tien-do.yaml").unlink()
    return target


def filled(blank: dict, out: Path, values: dict | None = None, only: list | None = None) -> dict:
    """The forms (those `only` names, else all) filled with `values` (the sample's Q2 progress by default) in
    `out`, by (kind, unit)."""
    values = progress_values(PROGRESS) if values is None else values
    out.mkdir(parents=True, exist_ok=True)
    return {key: fill(form, path, values, out / path.name) for key, (form, path) in blank.items()
            if only is None or key in only}


def collect(plan: Path, *paths, args=(), capsys=None) -> tuple[int, str]:
    code = main(["collect", str(plan), "--period", "2020-Q2", *map(str, paths), *args])
    return code, capsys.readouterr().out if capsys is not None else ""


def snapshot(folder: Path) -> dict:
    return {p: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def tree(folder: Path, capsys) -> str:
    assert main(["tree", str(folder), "--period", "2020-Q2"]) == 0
    return capsys.readouterr().out


# The whole round ---------------------------------------------------------------------------------------------

def test_collect_then_report_gives_the_sample_q2_tree(plan, blank, tmp_path, capsys):
    expected = tree(SAMPLE, capsys)
    returned = filled(blank, tmp_path / "tra-ve")
    code, out = collect(plan, tmp_path / "tra-ve", capsys=capsys)
    assert code == 0, out
    assert "28 biểu chờ thu, 28 tệp đọc: 28 đã nộp hợp lệ, 0 không hợp lệ, 0 chưa nộp." in out
    written = (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_text(encoding="utf-8")
    assert tree(plan, capsys) == expected
    # each row names its file and the sha256 of that file's bytes
    import hashlib
    son_dong = returned[SON_DONG]
    line = next(line for line in written.splitlines() if "unit: Huyện Sơn Động" in line)
    assert line.endswith(f"# {son_dong.name} sha256:{hashlib.sha256(son_dong.read_bytes()).hexdigest()}")
    assert "thon_ntm: ~" in line  # a blank stays blank
    # the same returns give the same bytes; a second run leaves the file as it is
    code, out = collect(plan, tmp_path / "tra-ve", capsys=capsys)
    assert code == 0 and "Không đổi" in out
    assert (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_text(encoding="utf-8") == written


def test_forms_saved_back_by_libreoffice_collect_the_same(plan, blank, tmp_path, capsys):
    """Some returns pass through a real spreadsheet program; one figure is typed as a formula, which LibreOffice
    computes and saves with its value."""
    expected = tree(SAMPLE, capsys)
    returned = filled(blank, tmp_path / "openpyxl")
    form, _ = blank[LUC_NGAN]
    sheet, cell = input_cell(form, ActualKey("xa_ntm", "Huyện Lục Ngạn"))
    book = load_workbook(returned[LUC_NGAN])
    book[sheet][cell] = "=3+5"  # Lục Ngạn's 8 communes, as a formula without a saved value
    book.save(returned[LUC_NGAN])
    through = [returned[k] for k in (LUC_NGAN, SON_DONG, ("agency", "Sở NN&PTNT"))]
    saved = libreoffice_saves(through, tmp_path / "lo", tmp_path / "lo-profile")
    for path in through:
        path.unlink()
    code, out = collect(plan, tmp_path / "openpyxl", *saved, capsys=capsys)
    assert code == 0, out
    assert tree(plan, capsys) == expected


def test_a_form_typed_into_through_libreoffice_calc(plan, blank, tmp_path, capsys):
    """Lục Ngạn's figures typed cell by cell in LibreOffice Calc (headless, its own input line, the sheet protected
    as sent), saved by it; the other returns filled with openpyxl: the round gives the sample's Q2 tree."""
    expected = tree(SAMPLE, capsys)
    returned = filled(blank, tmp_path / "tra-ve", only=[k for k in blank if k != LUC_NGAN])
    form, path = blank[LUC_NGAN]
    sheets = [s.name for s in form.sheets]
    profile = typing_profile(tmp_path)
    values = progress_values(PROGRESS)
    for step, indicator in enumerate(("thon_ntm", "thon_kieu_mau", "xa_ntm", "xa_nang_cao"), start=1):
        value = values[ActualKey(indicator, "Huyện Lục Ngạn")]
        sheet, cell = input_cell(form, ActualKey(indicator, "Huyện Lục Ngạn"))
        path = type_into(profile, path, sheets.index(sheet), cell, str(value), tmp_path / f"go-{step}.xlsx")
    shutil.copy(path, tmp_path / "tra-ve" / "luc-ngan-go-bang-calc.xlsx")
    code, out = collect(plan, tmp_path / "tra-ve", capsys=capsys)
    assert code == 0, out
    assert "luc-ngan-go-bang-calc.xlsx" in out and len(returned) == 27
    assert tree(plan, capsys) == expected


def test_an_agency_form_typed_through_libreoffice_calc(plan, blank, tmp_path, capsys):
    """The status chosen from the list, the date typed as 2020-03-10 in the date cell and the note, each typed in
    LibreOffice Calc and saved by it: the progress file carries them as the sample's tien-do.yaml does."""
    agency = ("agency", "Đoàn thẩm định")   # leads I.5: hoàn thành, 2020-03-10, "Chậm do chờ hồ sơ của các xã"
    filled(blank, tmp_path / "tra-ve", only=[k for k in blank if k != agency])
    form, path = blank[agency]
    sheets = [s.name for s in form.sheets]
    profile = typing_profile(tmp_path)
    for step, (field, text) in enumerate((("status", "hoàn thành"), ("done", "2020-03-10"),
                                          ("note", "Chậm do chờ hồ sơ của các xã")), start=1):
        sheet, cell = input_cell(form, TaskKey("I.5", field))
        path = type_into(profile, path, sheets.index(sheet), cell, text, tmp_path / f"go-{step}.xlsx")
    shutil.copy(path, tmp_path / "tra-ve" / "doan-tham-dinh.xlsx")
    code, out = collect(plan, tmp_path / "tra-ve", capsys=capsys)
    assert code == 0, out
    written = (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_text(encoding="utf-8")
    assert ("    - {task: I.5, status: hoàn thành, done: 2020-03-10, note: Chậm do chờ hồ sơ của các xã}  "
            "# doan-tham-dinh.xlsx sha256:") in written


def test_a_formula_without_its_value_is_refused_never_read_as_0(plan, blank, tmp_path, capsys):
    returned = filled(blank, tmp_path / "tra-ve")
    form, _ = blank[LUC_NGAN]
    sheet, cell = input_cell(form, ActualKey("xa_ntm", "Huyện Lục Ngạn"))
    book = load_workbook(returned[LUC_NGAN])
    book[sheet][cell] = "=3+5"
    book.save(returned[LUC_NGAN])
    before = snapshot(plan)
    code, out = collect(plan, tmp_path / "tra-ve", capsys=capsys)
    assert code == 2
    assert (f"{returned[LUC_NGAN]}!{sheet}!{cell}: Huyện Lục Ngạn, «Số xã đạt chuẩn nông thôn mới (Tính theo xã sáp "
            "nhập)», cột «Thực hiện đến hết quý II năm 2020»: Ô là công thức =3+5 nhưng giá trị lưu trong tệp là '', không phải "
            "giá trị của công thức") in out
    assert "Huyện Lục Ngạn" in out and "không hợp lệ (1 lỗi)" in out
    assert snapshot(plan) == before


def test_a_form_opened_and_saved_unchanged_collects_as_empty_not_zeros(plan, blank, tmp_path, capsys):
    returned = filled(blank, tmp_path / "tra-ve")
    _, path = blank[SON_DONG]
    returned[SON_DONG].unlink()
    saved = libreoffice_saves([path], tmp_path / "lo", tmp_path / "lo-profile")
    code, out = collect(plan, tmp_path / "tra-ve", *saved, capsys=capsys)
    assert code == 0, out
    assert "(biểu trống: chưa điền ô nào)" in out
    line = next(line for line in (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_text(encoding="utf-8").splitlines()
                if "unit: Huyện Sơn Động" in line)
    assert line.startswith("    - {unit: Huyện Sơn Động, thon_ntm: ~, thon_kieu_mau: ~, xa_ntm: ~, xa_nang_cao: ~}")


def test_partial_writes_what_is_valid_and_lists_what_is_missing(plan, blank, tmp_path, capsys):
    filled(blank, tmp_path / "tra-ve", only=[k for k in blank if k != SON_DONG])
    before = snapshot(plan)
    code, out = collect(plan, tmp_path / "tra-ve", capsys=capsys)
    assert code == 1
    assert "Huyện Sơn Động" in out and "chưa nộp" in out and "--partial" in out
    assert snapshot(plan) == before
    code, out = collect(plan, tmp_path / "tra-ve", args=["--partial"], capsys=capsys)
    assert code == 0, out
    text = (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_text(encoding="utf-8")
    assert "# Chưa có biểu hợp lệ của: Huyện Sơn Động." in text
    assert ("    - {unit: Huyện Sơn Động, thon_ntm: ~, thon_kieu_mau: ~, xa_ntm: ~, xa_nang_cao: ~}  # chưa báo cáo"
            in text)
    assert "  chua_bao_cao: [Huyện Sơn Động]\n" in text
    # the report builds from it, says who has not reported, and does not take the blanks for figures lost
    narrative = plan / "bao-cao-2020-q2" / "noi-dung.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nCòn {{ chua_bao_cao.don_vi }} đơn vị chưa báo "
                         "cáo.\n", encoding="utf-8")
    assert "    p.body: Còn «1» đơn vị chưa báo cáo.\n" in tree(plan, capsys)


def test_partial_with_agencies_missing_builds_and_says_their_tasks_are_awaited(plan, blank, tmp_path, capsys):
    """Sở NN&PTNT's and Sở TN&MT's forms missing: collect --partial names them under tasks' chua_bao_cao; their due
    tasks I.1 (done in Q1) and I.11 (not done in Q1) are 'not checkable: chưa báo cáo', neither a failure of
    task-reported (it failed once, so --partial could never give a report) nor of task-stays-done; the report
    prints them "Chưa báo cáo" and I.11 is not called overdue (Phụ lục III keeps II.6, reported not done)."""
    missing = [("agency", "Sở NN&PTNT"), ("agency", "Sở TN&MT")]
    filled(blank, tmp_path / "tra-ve", only=[k for k in blank if k not in missing])
    code, out = collect(plan, tmp_path / "tra-ve", args=["--partial"], capsys=capsys)
    assert code == 0, out
    text = (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_text(encoding="utf-8")
    assert '  chua_bao_cao: ["Sở NN&PTNT", "Sở TN&MT"]\nactuals:' in text and "task: I.1," not in text
    narrative = plan / "bao-cao-2020-q2" / "noi-dung.md"
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\nCòn {{ nhiem_vu.chua_bao_cao }} nhiệm vụ đến hạn "
                         "chưa có báo cáo.\n", encoding="utf-8")
    dump = tree(plan, capsys)
    assert "p.body: Còn «2» nhiệm vụ đến hạn chưa có báo cáo." in dump
    assert main(["report", str(plan), "--period", "2020-Q2", "-o", str(tmp_path / "out")]) == 0, capsys.readouterr()
    from reportgen.check.findings import Status
    from reportgen.model.report import Period
    from reportgen.pipeline import check_report_folder
    findings = check_report_folder(plan, Period(2020, 2)).findings
    assert not [f for f in findings if f.status is Status.FAIL]
    awaited = [f for f in findings if f.rule == "task-reported"]
    assert {f.status for f in awaited} == {Status.NOT_CHECKABLE} and [f.message for f in awaited] == [
        f"Nhiệm vụ {key} (thời hạn '{deadline}') đến hạn trong kỳ: {lead} chưa báo cáo (ghi trong 'chua_bao_cao' "
        "của 'tasks'), chưa biết tình trạng." for key, deadline, lead in
        (("I.1", "Tháng 01/2020", "Sở NN&PTNT"), ("I.11", "Quý I/2020", "Sở TN&MT"))]
    rows = [line for line in dump.splitlines() if "data: I.1 |" in line or "data: I.11 |" in line]
    assert len(rows) == 2 and all("| Chưa báo cáo |" in row for row in rows)
    overdue = dump[dump.index("«Phụ lục III»"):dump.index("«Phụ lục IV»")]
    assert "data: I.11 |" not in overdue and "data: II.6 |" in overdue
    # an agency named there that leads no task is an input problem at its name
    (plan / "bao-cao-2020-q2" / "tien-do.yaml").write_text(text.replace('"Sở TN&MT"]', '"Sở TN&MT", Sở Y tế]'),
                                                           encoding="utf-8")
    assert main(["report", str(plan), "--period", "2020-Q2", "-o", str(tmp_path / "out")]) == 2
    assert "'chua_bao_cao' của 'tasks' ghi 'Sở Y tế', không phải cơ quan chủ trì nào của Biểu 05" in \
        capsys.readouterr().out


def test_a_figure_no_unit_has_reported_yet_is_said_so_not_called_unknown(plan, blank, tmp_path, capsys):
    """--partial with a single district in, whose thon_ntm is blank: the narrative's {{ thuc_hien.thon_ntm }} has no
    figure. Said as such, with the units still out (it said "Không có 'thuc_hien.thon_ntm'. Các tên: …" once,
    as if the clerk had misspelt an indicator)."""
    filled(blank, tmp_path / "tra-ve", only=[k for k in blank if k[0] == "agency" or k == ("district", "Huyện Lục Nam")])
    assert collect(plan, tmp_path / "tra-ve", args=["--partial"], capsys=capsys)[0] == 0
    assert main(["report", str(plan), "--period", "2020-Q2", "-o", str(tmp_path / "out")]) == 2
    out = capsys.readouterr().out
    assert ("{{ thuc_hien.thon_ntm }}: 'thuc_hien.thon_ntm' chưa có số: tổng thực hiện của chỉ tiêu này để trống "
            "trong tệp tiến độ (còn 9 đơn vị chưa báo cáo)." in out)
    assert "{{ dat_ke_hoach.thon_ntm }}: 'dat_ke_hoach.thon_ntm' chưa có số: tổng thực hiện" in out
    assert "Không có 'thuc_hien" not in out


def test_a_progress_file_typed_by_hand_is_kept_unless_forced(blank, tmp_path, capsys):
    copy = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, copy)
    filled(blank, tmp_path / "tra-ve")
    before = snapshot(copy)
    code, out = collect(copy, tmp_path / "tra-ve", capsys=capsys)
    assert code == 73 and "không do reportgen collect viết" in out
    assert snapshot(copy) == before
    typed = (copy / "bao-cao-2020-q2" / "tien-do.yaml").read_bytes()
    code, out = collect(copy, tmp_path / "tra-ve", args=["--force"], capsys=capsys)
    assert code == 0
    # replaced as build replaces an edited output: the hand-typed bytes kept beside it, and said
    kept, = (copy / "bao-cao-2020-q2").glob("tien-do-da-sua-*.yaml")
    assert kept.read_bytes() == typed and kept.name in out


# Refusals, each with its message at its place ---------------------------------------------------------------

def _refused(plan: Path, paths: list[Path], capsys) -> str:
    before = snapshot(plan)
    code, out = collect(plan, *paths, capsys=capsys)
    assert code == 2, out
    assert snapshot(plan) == before, "a refused file changed the report's folder"
    assert "Traceback" not in out
    return out


def _edited(returned: dict, key, edit) -> Path:
    book = load_workbook(returned[key])
    edit(book)
    book.save(returned[key])
    return returned[key]


@pytest.mark.parametrize("value, message", [
    ("mười", "Ô số đếm chứa «mười», không phải con số: ghi số nguyên không âm (hoặc để trống)."),
    (-3, "Ô số đếm chứa số âm -3: ghi số nguyên không âm."),
    (2.5, "Ô số đếm chứa số lẻ 2,5: ghi số nguyên không âm."),
])
def test_text_a_negative_or_a_fraction_in_a_count_cell(plan, blank, tmp_path, capsys, value, message):
    returned = filled(blank, tmp_path / "tra-ve")
    form, _ = blank[SON_DONG]
    sheet, cell = input_cell(form, ActualKey("thon_kieu_mau", "Huyện Sơn Động"))
    path = _edited(returned, SON_DONG, lambda book: book[sheet].__setitem__(cell, value))
    out = _refused(plan, [tmp_path / "tra-ve"], capsys)
    # who and what first, in the form's words: the unit, the indicator (column B), the input column's header
    assert (f"  - {path}!{sheet}!{cell}: Huyện Sơn Động, «Số thôn đạt chuẩn nông thôn mới kiểu mẫu», cột «Thực hiện "
            f"đến hết quý II năm 2020»: {message}\n") in out
    assert "không hợp lệ (1 lỗi)" in out


def test_a_cumulative_figure_lower_than_the_last_report(plan, blank, tmp_path, capsys):
    values = progress_values(PROGRESS) | {ActualKey("thon_ntm", "Huyện Hiệp Hòa"): 90}   # Q1 said 96
    returned = filled(blank, tmp_path / "tra-ve", values)
    sheet, cell = input_cell(blank[("district", "Huyện Hiệp Hòa")][0], ActualKey("thon_ntm", "Huyện Hiệp Hòa"))
    out = _refused(plan, [tmp_path / "tra-ve"], capsys)
    assert (f"{returned[('district', 'Huyện Hiệp Hòa')]}!{sheet}!{cell}: Huyện Hiệp Hòa, «Số thôn đạt chuẩn nông thôn "
            "mới», cột «Thực hiện đến hết quý II năm 2020»: Số lũy kế 90 thấp hơn báo cáo quý I năm 2020 (96): số lũy "
            "kế tính từ đầu, không giảm; ghi số đến hết kỳ này.") in out


def test_the_year_end_round_compares_with_the_report_reportgen_report_compares_with(tmp_path, capsys):
    """The year's forms, filled from the sample's year-end progress, collect into a copy and give the same year-end
    tree; a cumulative figure below H1's (the year's last report before it, as `report` and the forms' last column
    take it: not Q3, not period.previous()) is refused naming that report."""
    from reportgen.model.report import Period
    plan = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, plan)
    expected = main(["tree", str(SAMPLE), "--period", "2020"]), capsys.readouterr().out
    blank = write_forms(SAMPLE, "2020", tmp_path / "bieu-trong")
    values = progress_values(SAMPLE / "bao-cao-2020" / "tien-do.yaml")
    filled(blank, tmp_path / "tra-ve", values)
    code, out = main(["collect", str(plan), "--period", "2020", str(tmp_path / "tra-ve"), "--force"]), \
        capsys.readouterr().out
    assert code == 0, out
    assert (main(["tree", str(plan), "--period", "2020"]), capsys.readouterr().out) == expected
    yen_the = ActualKey("thon_ntm", "Huyện Yên Thế")
    form = blank[("district", "Huyện Yên Thế")][0]
    assert form.sheet("Số liệu").cell(5, 5).value == "Đã báo cáo đến hết 6 tháng đầu năm 2020"
    low = filled({("district", "Huyện Yên Thế"): blank[("district", "Huyện Yên Thế")]}, tmp_path / "thap",
                 values | {yen_the: 17})[("district", "Huyện Yên Thế")]
    code, out = main(["collect", str(plan), "--period", "2020", str(low)]), capsys.readouterr().out
    sheet, cell = input_cell(form, yen_the)
    assert code == 2 and (f"{low}!{sheet}!{cell}: Huyện Yên Thế, «Số thôn đạt chuẩn nông thôn mới», cột «Thực hiện đến "
                          "hết năm 2020»: Số lũy kế 17 thấp hơn báo cáo 6 tháng đầu năm 2020 (19)" in out), out
    assert Period.parse("2020").previous() is None   # what the forms took once: no last report at all


def test_a_task_marked_done_without_a_date(plan, blank, tmp_path, capsys):
    values = {k: v for k, v in progress_values(PROGRESS).items() if k != TaskKey("II.5", "done")}
    returned = filled(blank, tmp_path / "tra-ve", values)
    owner = next(key for key, (form, _) in blank.items()
                 if any(c.key == TaskKey("II.5", "done") for _, c in form.inputs()))
    sheet, cell = input_cell(blank[owner][0], TaskKey("II.5", "done"))
    out = _refused(plan, [tmp_path / "tra-ve"], capsys)
    # the task's content cut at a word: the form's column B says "… giai đoạn 2016-2020 đối với các xã sau khi sáp nhập"
    assert (f"{returned[owner]}!{sheet}!{cell}: UBND huyện, TP, nhiệm vụ II.5 «Rà soát, điều chỉnh Đồ án quy hoạch, "
            "Đồ án xây dựng nông…», cột «Ngày hoàn thành»: Tình trạng ghi 'hoàn thành' nhưng chưa có ngày hoàn thành: "
            "ghi ngày hoàn thành.") in out


def test_a_locked_cell_edited(plan, blank, tmp_path, capsys):
    returned = filled(blank, tmp_path / "tra-ve")
    form, _ = blank[SON_DONG]
    sheet = input_cell(form, ActualKey("xa_ntm", "Huyện Sơn Động"))[0]
    path = _edited(returned, SON_DONG, lambda book: book[sheet].__setitem__("D6", 99))
    out = _refused(plan, [tmp_path / "tra-ve"], capsys)
    assert f"{path}!{sheet}!D6: Huyện Sơn Động, «Số thôn đạt chuẩn nông thôn mới», cột «Kế hoạch năm 2020»: Ô đã khóa, " \
        "không được sửa" in out
    assert "tệp gửi về ghi 99." in out


@pytest.mark.parametrize("edit, message", [
    (lambda ws: ws.insert_rows(7, 2), "Có 2 dòng được chèn vào biểu trước dòng này (dòng 7 của biểu nay ở dòng 9)"),
    (lambda ws: ws.delete_rows(7), "Có 1 dòng của biểu bị xóa từ dòng này (dòng 8 của biểu nay ở dòng 7)"),
])
def test_rows_inserted_or_deleted(plan, blank, tmp_path, capsys, edit, message):
    returned = filled(blank, tmp_path / "tra-ve")
    form, _ = blank[SON_DONG]
    sheet = input_cell(form, ActualKey("xa_ntm", "Huyện Sơn Động"))[0]
    path = _edited(returned, SON_DONG, lambda book: edit(book[sheet]))
    out = _refused(plan, [tmp_path / "tra-ve"], capsys)
    assert f"{path}!{sheet}!A7: Huyện Sơn Động: {message}" in out   # the unit only: row 7 is no longer the form's
    assert "không hợp lệ (1 lỗi)" in out


def test_a_unit_returned_twice_names_both_files(plan, blank, tmp_path, capsys):
    returned = filled(blank, tmp_path / "tra-ve")
    again = tmp_path / "thu-gui-lai.xlsx"
    shutil.copy(returned[SON_DONG], again)  # renamed: recognised by its identity all the same
    out = _refused(plan, [tmp_path / "tra-ve", again], capsys)
    assert (f"{returned[SON_DONG]}: 'Huyện Sơn Động' gửi biểu 2 lần: tệp này và {again}. Giữ một tệp đúng, bỏ các "
            "tệp kia rồi thu lại.") in out
    assert f"{again}: 'Huyện Sơn Động' gửi biểu 2 lần: tệp này và {returned[SON_DONG]}." in out


def _reidentified(blank: dict, key, tmp_path: Path, **changes) -> Path:
    """The form of `key` with another identity (as another plan, period or unit would have written it)."""
    form, _ = blank[key]
    identity = dataclasses.replace(form.identity, **changes)
    other = dataclasses.replace(form, identity=identity, sheets=form.sheets[:-1] + (identity_sheet(identity),))
    path = tmp_path / "khac.xlsx"
    path.write_bytes(form_bytes(other, OPTIONS))
    return path


@pytest.mark.parametrize("changes, message", [
    ({"plan_number": 17}, "Biểu của kế hoạch số 17/KH-BCĐ ngày 17/02/2020, không phải kế hoạch đang thu (số "
                          "552/KH-BCĐ ngày 17/02/2020)."),
    ({"period": "2020-Q1"}, "Biểu của kỳ 2020-Q1, không phải kỳ đang thu 2020-Q2."),
    ({"unit": "Huyện Yên Sơn"}, "Biểu của 'Huyện Yên Sơn', đơn vị không nhận biểu số liệu của kế hoạch này kỳ này."),
    ({"version": "0123456789abcdef"}, "Biểu là bản cũ (phiên bản 0123456789abcdef, nay là"),
])
def test_a_form_of_another_plan_period_or_unit(plan, blank, tmp_path, capsys, changes, message):
    path = _reidentified(blank, SON_DONG, tmp_path, **changes)
    out = _refused(plan, [path], capsys)
    assert f"  - {path}: {message}" in out


def test_an_edited_identity_and_a_workbook_not_ours(plan, blank, tmp_path, capsys):
    returned = filled(blank, tmp_path / "tra-ve", only=[SON_DONG, LUC_NGAN])
    _edited(returned, SON_DONG, lambda book: book["_reportgen"].__setitem__("B6", "Huyện Lục Ngạn"))
    plain = tmp_path / "bang-tu-lam.xlsx"
    book = load_workbook(returned[LUC_NGAN])
    del book["_reportgen"]
    book.save(plain)
    out = _refused(plan, [returned[SON_DONG], plain], capsys)
    assert f"{returned[SON_DONG]}!_reportgen: Trang nhận dạng ẩn của biểu đã bị sửa hoặc hỏng" in out
    assert f"{plain}: Sổ tính không phải biểu nhập reportgen gửi đi" in out


def test_a_file_that_is_not_a_workbook_and_a_zip_bomb(plan, tmp_path, capsys):
    text = tmp_path / "thu.xlsx"
    text.write_text("Kính gửi Văn phòng điều phối", encoding="utf-8")
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    out = _refused(plan, [text, bomb], capsys)
    assert f"  - {text}: Tệp không phải sổ tính .xlsx (không phải tệp nén Office Open XML).\n" in out
    assert f"  - {bomb}: Sổ tính giải nén ra quá lớn (nghi là bom nén): không đọc.\n" in out
    assert "28 chưa nộp" in out


def test_a_path_that_does_not_exist_is_said(plan, tmp_path, capsys):
    out = _refused(plan, [tmp_path / "khong-co"], capsys)
    assert f"{tmp_path / 'khong-co'}: Không tìm thấy tệp hay thư mục này." in out



def test_the_samples_returned_forms_give_its_q2_report(blank, tmp_path, capsys):
    """inputs/…/bao-cao-2020-q2/tra-ve/ are the forms `forms` writes today, filled with tien-do.yaml's figures:
    collected (the hand-typed progress file replaced with --force), the report's tree is the sample's."""
    expected = tree(SAMPLE, capsys)
    copy = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, copy)
    returned = copy / "bao-cao-2020-q2" / "tra-ve"
    code, out = collect(copy, returned, args=["--force"], capsys=capsys)
    assert code == 0, out + "\n(the forms' layout changed? write them again: python -m tests.returns)"
    assert "28 biểu chờ thu, 28 tệp đọc: 28 đã nộp hợp lệ, 0 không hợp lệ, 0 chưa nộp." in out
    assert tree(copy, capsys) == expected
    for path in sorted(returned.glob("*.xlsx")):
        assert load_workbook(path, read_only=True).properties.description.startswith("SỐ LIỆU GIẢ ĐỊNH")


@pytest.mark.parametrize("units, message", [
    ("[Huyện Sơn Động]", "Tiến độ: 'Huyện Sơn Động' ghi trong 'chua_bao_cao' nhưng dòng của đơn vị có số: đã báo cáo "
                         "thì bỏ tên khỏi 'chua_bao_cao', chưa thì để trống các ô (~)."),
    ("[Huyện Yên Sơn]", "Tiến độ: 'chua_bao_cao' ghi 'Huyện Yên Sơn', không phải đơn vị nào của 'rows'."),
])
def test_units_not_reported_are_units_whose_rows_are_blank(tmp_path, capsys, units, message):
    copy = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, copy)
    progress = copy / "bao-cao-2020-q2" / "tien-do.yaml"
    progress.write_text(progress.read_text(encoding="utf-8") + f"  chua_bao_cao: {units}\n", encoding="utf-8")
    assert main(["tree", str(copy), "--period", "2020-Q2"]) == 2
    assert message in capsys.readouterr().out


AGENCY = ("agency", "Sở NN&PTNT")     # leads I.1 (done 2020-01-20 in the sample's Q2)


@pytest.mark.parametrize("field, value, message", [
    ("status", "xong rồi", "Tình trạng «xong rồi» không có trong danh sách: chọn một trong hoàn thành, đang thực "
                           "hiện, chưa thực hiện."),
    ("done", "hôm qua", "Ô ngày chứa «hôm qua», không phải một ngày: ghi ngày dạng 25/06/2020 trong ô (định dạng "
                        "ngày)."),
    ("done", __import__("datetime").datetime(2019, 12, 31), "Ngày 31/12/2019 nằm ngoài năm của kế hoạch (01/01/2020 "
                                                            "đến 31/12/2020)."),
])
def test_a_status_or_a_date_an_agency_types_wrong(plan, blank, tmp_path, capsys, field, value, message):
    returned = filled(blank, tmp_path / "tra-ve")
    sheet, cell = input_cell(blank[AGENCY][0], TaskKey("I.1", field))
    path = _edited(returned, AGENCY, lambda book: book[sheet].__setitem__(cell, value))
    out = _refused(plan, [tmp_path / "tra-ve"], capsys)
    column = {"status": "Tình trạng", "done": "Ngày hoàn thành"}[field]   # the header without its hint "(chọn)"
    assert (f"  - {path}!{sheet}!{cell}: Sở NN&PTNT, nhiệm vụ I.1 «Phân bổ nguồn vốn thực hiện Chương trình MTQG xây "
            f"dựng nông…», cột «{column}»: {message}\n") in out


def test_something_typed_outside_the_form_and_spreadsheet_leftovers_in_a_folder(plan, blank, tmp_path, capsys):
    returned = filled(blank, tmp_path / "tra-ve")
    (tmp_path / "tra-ve" / f"~${returned[SON_DONG].name}").write_bytes(b"lock")   # Excel's lock file
    (tmp_path / "tra-ve" / ".an.xlsx").write_bytes(b"hidden")
    sheet = input_cell(blank[SON_DONG][0], ActualKey("xa_ntm", "Huyện Sơn Động"))[0]
    path = _edited(returned, SON_DONG, lambda book: book[sheet].__setitem__("H20", "số liệu thêm"))
    out = _refused(plan, [tmp_path / "tra-ve"], capsys)
    assert (f"  - {path}!{sheet}!H20: Huyện Sơn Động: Ô nằm ngoài biểu nhưng có dữ liệu («số liệu thêm»): chỉ ghi vào các ô nhập của "
            "biểu; xóa ô này rồi gửi lại.\n") in out
    assert "Lỗi (1):" in out and "28 tệp đọc" in out


def test_a_period_of_another_year_is_a_command_line_mistake_as_for_forms(plan, blank, tmp_path, capsys):
    """collect --period 2021-Q1 on a 2020 plan: 64 and the plan's year, as `forms` says it (it refused each file as
    "Biểu của kỳ 2020-Q2, không phải kỳ đang thu 2021-Q1" and exited 2 once); nothing written."""
    filled(blank, tmp_path / "tra-ve")
    before = snapshot(plan)
    assert main(["collect", str(plan), "--period", "2021-Q1", str(tmp_path / "tra-ve"), "--partial"]) == 64
    said = capsys.readouterr().err
    assert "kỳ 2021-Q1 không thuộc năm của kế hoạch (2020)" in said and "reportgen collect --help" in said
    assert snapshot(plan) == before


def test_the_first_collect_of_a_period_says_its_report_folder_needs_its_document(tmp_path, capsys):
    """9T has no report folder yet: collect makes it with the progress file alone and says van-ban.yaml is still to
    write (the year-end report, which compares with the latest report, stops at that folder until then)."""
    plan = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, plan)
    blank = write_forms(SAMPLE, "2020-9T", tmp_path / "bieu-trong")
    filled(blank, tmp_path / "tra-ve", progress_values(SAMPLE / "bao-cao-2020" / "tien-do.yaml"))
    code = main(["collect", str(plan), "--period", "2020-9T", str(tmp_path / "tra-ve")])
    out = capsys.readouterr().out
    assert code == 0 and (plan / "bao-cao-2020-9t" / "tien-do.yaml").is_file(), out
    assert "bao-cao-2020-9t chưa có van-ban.yaml: tạo tệp đó" in out
    (plan / "bao-cao-2020-9t" / "van-ban.yaml").write_text("kind: bao_cao\n", encoding="utf-8")
    assert main(["collect", str(plan), "--period", "2020-9T", str(tmp_path / "tra-ve")]) == 0
    assert "chưa có van-ban.yaml" not in capsys.readouterr().out
