"""Reports for every period (issue #15 item 1): a month, a quarter, a half-year, nine months, the year.

The sample has made-up H1 and year-end reports; the month and nine-month ones (tests/report_periods/, made up too)
are copied into a copy of the sample. Each period's tree is a golden; its wording is asserted on the tree."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import docx
import pytest

from reportgen import pipeline
from reportgen.cli import main
from reportgen.model.report import Period
from reportgen.write.tree import tree_text
from tests.conftest import ROOT, SAMPLE, findings, replace_once, update_golden

EXTRA = ROOT / "tests" / "report_periods"          # bao-cao-2020-m05/, bao-cao-2020-9t/
CASES = ROOT / "tests" / "cases"


@pytest.fixture(scope="module")
def every_period(tmp_path_factory) -> Path:
    """The sample with a report folder for each kind of period (M05, Q1, Q2, H1, 9T, the year)."""
    folder = tmp_path_factory.mktemp("ky") / "bac-giang-2020"
    shutil.copytree(SAMPLE, folder)
    for extra in EXTRA.iterdir():
        shutil.copytree(extra, folder / extra.name)
    return folder


def _tree(folder: Path, code: str) -> str:
    result, document = pipeline.compose_report_folder(folder, Period.parse(code))
    assert document is not None, [f.message for f in result.findings if f.status.value == "fail"]
    return tree_text(document)


# --- the period itself ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code, kind, end, following, preceding, words", [
    ("2020-M05", "M", dt.date(2020, 5, 31), "2020-M06", "2020-M04", "tháng 5 năm 2020"),
    ("2020-M01", "M", dt.date(2020, 1, 31), "2020-M02", "2019-M12", "tháng 01 năm 2020"),
    ("2020-M12", "M", dt.date(2020, 12, 31), "2021-M01", "2020-M11", "tháng 12 năm 2020"),
    ("2020-Q2", "Q", dt.date(2020, 6, 30), "2020-Q3", "2020-Q1", "quý II năm 2020"),
    ("2020-Q4", "Q", dt.date(2020, 12, 31), "2021-Q1", "2020-Q3", "quý IV năm 2020"),
    ("2020-H1", "H", dt.date(2020, 6, 30), "2020-H2", "2019-H2", "6 tháng đầu năm 2020"),
    ("2020-H2", "H", dt.date(2020, 12, 31), "2021-H1", "2020-H1", "6 tháng cuối năm 2020"),
    ("2020-9T", "T", dt.date(2020, 9, 30), "2020-Q4", "2020-H1", "9 tháng đầu năm 2020"),
    ("2020", "Y", dt.date(2020, 12, 31), "2021", "2019", "năm 2020"),
])
def test_each_kind_of_period(code, kind, end, following, preceding, words):
    period = Period.parse(code)
    assert (period.code, period.kind, period.end, period.following().code, period.preceding().code, period.words) == (
        code, kind, end, following, preceding, words)
    assert pipeline.report_folder_name(period) == f"bao-cao-{code.lower()}"


def test_typed_forms_and_the_quarters_of_before():
    assert Period.parse("2020-m5") == Period.parse("2020-M05") == Period(2020, 5, "M")
    assert Period.parse(" 2020-q2 ") == Period(2020, 2) and Period(2020, 2).quarter == 2
    assert Period(2020, 1).previous() is None and Period(2020, 3).previous() == Period(2020, 2)
    for bad in ("2020-Q5", "2020-Q0", "2020-H3", "2020-M13", "2020-M00", "2020-6T", "2020-T9", "20-Q1", "2020-"):
        assert Period.parse(bad) is None, bad


# --- bad periods on the command line (issue item 5) ----------------------------------------------------------------

FORMS = "2020-M05 (tháng), 2020-Q2 (quý), 2020-H1 hoặc 2020-H2 (6 tháng), 2020-9T (9 tháng), 2020 (năm)"


@pytest.mark.parametrize("code", ["2020-Q5", "2020-H3", "2020-M13", "2020-6T"])
def test_a_period_that_cannot_be_is_a_usage_error_showing_the_accepted_forms(code, tmp_path, capsys):
    with pytest.raises(SystemExit) as exited:
        main(["report", str(SAMPLE), "--period", code, "-o", str(tmp_path / "ra")])
    assert exited.value.code == 64
    err = capsys.readouterr().err
    assert f"kỳ báo cáo '{code}' không hợp lệ; viết một trong các dạng {FORMS}" in err, err
    assert not (tmp_path / "ra").exists()


def test_a_period_of_another_year_is_an_input_error_showing_the_plans_periods(tmp_path, capsys):
    assert main(["report", str(SAMPLE), "--period", "2021-Q1", "-o", str(tmp_path / "ra")]) == 2
    out = capsys.readouterr().out
    assert ("Kỳ báo cáo 2021-Q1 không thuộc năm của kế hoạch (2020): chọn một kỳ của năm 2020 (2020-M01 … 2020-M12, "
            "2020-Q1 … 2020-Q4, 2020-H1, 2020-H2, 2020-9T hoặc 2020)") in out, out


# --- each kind on the sample: tree goldens and wording --------------------------------------------------------------

WORDING = {
    "2020-M05": ("tháng 5 năm 2020", "THÁNG 5 NĂM 2020", "THÁNG 6 NĂM 2020"),
    "2020-H1": ("6 tháng đầu năm 2020", "6 THÁNG ĐẦU NĂM 2020", "6 THÁNG CUỐI NĂM 2020"),
    "2020-9T": ("9 tháng đầu năm 2020", "9 THÁNG ĐẦU NĂM 2020", "QUÝ IV NĂM 2020"),
    "2020": ("năm 2020", "NĂM 2020", "NĂM 2021"),
}


@pytest.mark.parametrize("code", sorted(WORDING))
def test_each_period_kinds_tree_matches_its_golden_and_says_its_period(code, every_period, request):
    dump = _tree(every_period, code)
    golden = CASES / f"bac-giang-2020-{code.lower()}.tree.txt"
    update_golden(request, golden, dump)
    assert golden.exists(), f"no golden for {code}: run pytest --update-golden and review it"
    assert dump == golden.read_text(encoding="utf-8")
    ky, upper, following = WORDING[code]
    assert "báo cáo kết quả thực hiện " + ky + " như sau:" in dump           # the opening line
    for title in ("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU ĐẾN HẾT ", "CÁC NHIỆM VỤ CÓ THỜI HẠN ĐẾN HẾT ",
                  "CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH ĐẾN HẾT "):
        assert title + upper + "\n" in dump, title                        # the annex titles
    assert "Thực hiện đến hết " + ky + " |" in dump                        # the results' column header
    assert "p.bieu-ten: CÁC NHIỆM VỤ ĐẾN HẠN TRONG " + following + "\n" in dump   # the next period
    assert "quý" not in dump.split("p.body: Thực hiện Kế hoạch")[1].split("\n")[0].replace(ky, "")


def test_the_quarters_say_what_they_said(every_period):
    """Q2 beside an M05 and an H1 report: compared with M05 now, worded as before."""
    dump = _tree(every_period, "2020-Q2")
    assert dump == (CASES / "bac-giang-2020-2020-q2.tree.txt").read_text(encoding="utf-8")


def test_tasks_due_by_each_periods_end_are_the_ones_listed(every_period):
    """Phụ lục II lists every task due by the period's end (the plan's deadlines), Phụ lục IV those of the next."""
    def rows(dump: str, annex: int) -> int:
        section = dump.split(f"section bieu-bc{annex} ")[1].split("  section ")[0]
        return sum(1 for line in section.splitlines() if line.strip().startswith("data:") and "Không có" not in line)
    counts = {code: (rows(_tree(every_period, code), 2), rows(_tree(every_period, code), 4))
              for code in ("2020-M05", "2020-H1", "2020-9T", "2020")}
    # Group I: 12 tasks due in Q1; II.1, II.5–II.7 by 30/6 (in June, after M05); II.2–II.4, II.8–II.10 in Q3;
    # 14 in Q4.
    assert counts == {"2020-M05": (12, 4), "2020-H1": (16, 20), "2020-9T": (22, 14), "2020": (36, 0)}


# --- the rules for every kind ---------------------------------------------------------------------------------------

def _check(folder: Path, code: str, capsys) -> tuple[int, str]:
    code_ = main(["report", str(folder), "--period", code, "-o", str(folder.parent / "ra"), "--format", "docx"])
    return code_, capsys.readouterr().out


@pytest.fixture
def periods(every_period, tmp_path) -> Path:
    folder = tmp_path / "bac-giang-2020"
    shutil.copytree(every_period, folder)
    return folder


def test_cumulative_values_never_fall_against_the_previous_report_of_any_kind(periods, capsys):
    # H1 comes after Q2 (same end), the year after H1, 9T after H1, Q2 after M05.
    replace_once(periods / "bao-cao-2020-h1" / "tien-do.yaml", "thon_ntm: 99,", "thon_ntm: 98,")
    code, out = _check(periods, "2020-H1", capsys)
    assert code == 1 and "'Huyện Hiệp Hòa': 98 thấp hơn báo cáo kỳ 2020-Q2 (99)" in out, out
    replace_once(periods / "bao-cao-2020" / "tien-do.yaml", "thon_kieu_mau: 7,  xa_ntm: 20",
                 "thon_kieu_mau: 2,  xa_ntm: 20")
    code, out = _check(periods, "2020", capsys)
    assert code == 1 and "'Huyện Tân Yên': 2 thấp hơn báo cáo kỳ 2020-9T (3)" in out, out
    shutil.rmtree(periods / "bao-cao-2020-9t")
    code, out = _check(periods, "2020", capsys)
    assert code == 1 and "'Huyện Tân Yên': 2 thấp hơn báo cáo kỳ 2020-H1 (3)" in out, out
    replace_once(periods / "bao-cao-2020-m05" / "tien-do.yaml", "{unit: Huyện Yên Thế,    thon_ntm: 16,",
                 "{unit: Huyện Yên Thế,    thon_ntm: 20,")
    code, out = _check(periods, "2020-Q2", capsys)
    assert code == 1 and "'Huyện Yên Thế': 19 thấp hơn báo cáo kỳ 2020-M05 (20)" in out, out


def test_a_task_done_in_the_previous_report_of_any_kind_stays_done(periods, capsys):
    replace_once(periods / "bao-cao-2020" / "tien-do.yaml", "{task: II.9, status: hoàn thành, done: 2020-09-29}",
                 "{task: II.9, status: đang thực hiện}")
    code, out = _check(periods, "2020", capsys)
    assert code == 1 and "Nhiệm vụ II.9: báo cáo kỳ 2020-9T" in out and "ghi hoàn thành ngày 29/09/2020" in out, out


def test_every_task_due_by_the_periods_end_is_reported(periods, capsys):
    year = periods / "bao-cao-2020" / "tien-do.yaml"
    replace_once(year, "    - {task: III.14, status: hoàn thành, done: 2020-12-25}\n", "")
    code, out = _check(periods, "2020", capsys)
    assert code == 1 and "Nhiệm vụ III.14 (thời hạn 'Quý IV/2020') đến hạn trong kỳ" in out, out
    month = periods / "bao-cao-2020-m05" / "tien-do.yaml"
    replace_once(month, "    - {task: I.12, status: hoàn thành, done: 2020-03-30}\n", "")
    code, out = _check(periods, "2020-M05", capsys)
    assert code == 1 and "Nhiệm vụ I.12 (thời hạn 'Quý I/2020') đến hạn trong kỳ" in out, out


@pytest.mark.parametrize("code, date, ok", [
    ("2020", "2020-12-31", True), ("2020", "2021-12-31", True), ("2020", "2020-12-30", False),
    ("2020", "2022-01-05", False), ("2020-H1", "2020-06-29", False), ("2020-9T", "2020-09-30", True),
    ("2020-M05", "2020-05-30", False),
])
def test_a_report_is_dated_on_or_after_its_periods_end_a_year_end_one_in_the_next_year_too(periods, capsys, code,
                                                                                           date, ok):
    folder = periods / f"bao-cao-{code.lower()}"
    text = (folder / "van-ban.yaml").read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("date: "))
    replace_once(folder / "van-ban.yaml", old, f"date: {date}")
    result = pipeline.check_report_folder(periods, Period.parse(code))
    failed = findings({"findings": [f.to_json() for f in result.findings]}, "report-date", "fail")
    assert (not failed) == ok, failed


@pytest.mark.parametrize("folder, old, new, typed", [
    ("bao-cao-2020-q2", "Bắc Giang quý II năm 2020", "Bắc Giang 6 tháng đầu năm 2020", "6 tháng đầu năm 2020"),
    ("bao-cao-2020-h1", "Sơ kết 6 tháng đầu năm 2020", "Sơ kết 6 tháng cuối năm 2020", "6 tháng cuối năm 2020"),
    ("bao-cao-2020", "Bắc Giang năm 2020, phương hướng", "Bắc Giang quý IV năm 2020, phương hướng", "quý IV năm 2020"),
    ("bao-cao-2020-m05", "tháng 5 năm 2020", "tháng 4/2020", "tháng 4/2020"),
])
def test_the_subject_names_the_period(periods, capsys, folder, old, new, typed):
    replace_once(periods / folder / "van-ban.yaml", old, new)
    code, out = _check(periods, {"bao-cao-2020": "2020"}.get(folder, folder[8:].upper()), capsys)
    assert code == 1 and f"Trích yếu ghi '{typed}' nhưng kỳ báo cáo là" in out, out


def test_the_narrative_types_no_other_period_of_its_kind(periods, capsys):
    narrative = periods / "bao-cao-2020-h1" / "noi-dung.md"
    replace_once(narrative, "# II. TỒN TẠI", "Sơ kết 6 tháng đầu năm 2019.\n\n# II. TỒN TẠI")
    code, out = _check(periods, "2020-H1", capsys)
    assert code == 1 and "Lời văn ghi '6 tháng đầu năm 2019' nhưng kỳ báo cáo là 6 tháng đầu năm 2020 (kỳ sau: 6 " \
        "tháng cuối năm 2020)" in out, out


def test_the_vocabulary_names_every_kind_of_period(periods):
    result = pipeline.check_report_folder(periods, Period.parse("2020-M05"))
    by_line: dict[int, list[str]] = {}
    for loc, value in result.evaluated.values.items():
        by_line.setdefault(loc.line, []).append(str(value.value))
    # the headings: "THÁNG {{ ky.thang }} NĂM {{ ky.nam }}" (line 2), "THÁNG {{ ky_sau.thang }} NĂM {{ ky_sau.nam }}"
    assert (by_line[2], by_line[12]) == (["5", "2020"], ["6", "2020"])
    from reportgen.expressions.report_vocabulary import period_figures
    assert set(period_figures(Period.parse("2020-H1"))) == {"nam", "so_thang"}
    assert set(period_figures(Period.parse("2020-Q3"))) == {"nam", "so_thang", "quy"}
    month = period_figures(Period.parse("2020-M02"))["thang"]
    assert (month.value, month.pad) == (2, 2)                    # tháng 02, as ND30 writes dates


# --- the sample's year-end report and a Báo cáo made with build -----------------------------------------------------

def test_the_samples_year_end_report_is_clean_and_signed_the_next_year(tmp_path, capsys):
    assert main(["report", str(SAMPLE), "--period", "2020", "-o", str(tmp_path), "--format", "docx"]) == 0
    document = docx.Document(str(next(tmp_path.glob("*.docx"))))
    header = [p.text for cell in document.tables[0]._cells for p in cell.paragraphs]
    assert "Bắc Giang, ngày 08 tháng 01 năm 2021" in header
    body = "\n".join(p.text for p in document.paragraphs)
    assert "báo cáo kết quả thực hiện năm 2020 như sau:" in body and "III. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2021" in body


BAO_CAO = "kind: bao_cao\nyear: 2020\nkinh_gui:\n  - Ủy ban nhân dân tỉnh\n  - Ban Chỉ đạo Trung ương\n"


def test_a_bao_cao_made_with_build_has_kinh_gui_and_its_year(sample, tmp_path):
    replace_once(sample / "van-ban.yaml", "kind: ke_hoach\n", BAO_CAO)
    replace_once(sample / "van-ban.yaml", "date: 2020-02-17", "date: 2021-01-10")
    replace_once(sample / "van-ban.yaml", "symbol: KH-BCĐ", "symbol: BC-BCĐ")
    assert main(["build", str(sample), "--format", "docx", "-o", str(tmp_path)]) == 0
    document = docx.Document(str(next(tmp_path.glob("*.docx"))))
    body = [p.text for p in document.paragraphs]
    assert body[0] == "BÁO CÁO" and ["Kính gửi:", "- Ủy ban nhân dân tỉnh;", "- Ban Chỉ đạo Trung ương."] == body[3:6]
    signature = [p.text for cell in document.tables[1]._cells for p in cell.paragraphs]
    assert signature[:2] == ["Nơi nhận:", "- Như trên;"]


def test_kinh_gui_belongs_to_a_bao_cao_and_its_year_is_the_one_before_or_its_own(sample, capsys):
    replace_once(sample / "van-ban.yaml", "kind: ke_hoach\n", "kind: ke_hoach\nkinh_gui: [Ủy ban nhân dân tỉnh]\n")
    assert main(["check", str(sample)]) == 2
    assert "'kinh_gui' (Kính gửi) chỉ có ở báo cáo (kind: bao_cao)" in capsys.readouterr().out
    replace_once(sample / "van-ban.yaml", "kind: ke_hoach\nkinh_gui: [Ủy ban nhân dân tỉnh]\n",
                 BAO_CAO.replace("2020", "2021"))
    assert main(["check", str(sample)]) == 2
    assert "'year' (năm được báo cáo) là 2021, phải là năm của ngày ký (2020) hoặc năm trước (2019" in \
        capsys.readouterr().out


def test_the_report_compared_with_is_the_latest_earlier_one_of_any_kind(every_period):
    before = {code: pipeline.previous_report(every_period, Period.parse(code)) for code in
              ("2020-Q1", "2020-M05", "2020-Q2", "2020-H1", "2020-9T", "2020", "2020-Q4", "2020-H2")}
    assert {code: p.code if p else None for code, p in before.items()} == {
        "2020-Q1": None, "2020-M05": "2020-Q1", "2020-Q2": "2020-M05", "2020-H1": "2020-Q2", "2020-9T": "2020-H1",
        "2020": "2020-9T", "2020-Q4": "2020-9T", "2020-H2": "2020-9T"}
    assert pipeline.previous_report(SAMPLE, Period.parse("2020")) == Period.parse("2020-H1")


def test_the_periods_a_report_can_be_asked_for_are_the_report_folders_in_order(every_period, tmp_path):
    assert [p.code for p in pipeline.report_periods(SAMPLE)] == ["2020-Q1", "2020-Q2", "2020-H1", "2020"]
    assert [p.code for p in pipeline.report_periods(every_period)] == [
        "2020-Q1", "2020-M05", "2020-Q2", "2020-H1", "2020-9T", "2020"]
    plan = tmp_path / "ke-hoach"
    shutil.copytree(SAMPLE / "bao-cao-2020-q2", plan / "bao-cao-2021-q1")
    for name in ("bao-cao-2020-q3", "bao-cao-2020-Q4", "bao-cao-2020-q5", "bao-cao-2020-q02", "bao-cao-cu"):
        shutil.copytree(SAMPLE / "bao-cao-2020-q2", plan / name)  # not under the name a report reads
    (plan / "bao-cao-2020-h2").mkdir()                              # no document in it
    (plan / "bao-cao-2020-m01").write_text("", encoding="utf-8")    # a file, not a folder
    (plan / "bao-cao-2020-q3" / "van-ban.yaml").rename(plan / "bao-cao-2020-q3" / "van-ban.yml")
    assert [p.code for p in pipeline.report_periods(plan)] == ["2021-Q1"]
    assert pipeline.report_periods(tmp_path / "khong-co") == []
    # roll and the report's comparison see every folder named for a period, its document there or not (as before)
    from reportgen.pipeline.roll import latest_period
    assert latest_period(plan, 2020).code == "2020-H2" and latest_period(plan, 2021).code == "2021-Q1"
    assert pipeline.previous_report(plan, Period.parse("2020")).code == "2020-H2"


def test_a_six_month_folder_copied_for_the_second_half_is_caught(periods, capsys):
    """The sample's H1 narrative types "6 tháng đầu năm {{ ky.nam }}": copied as H2 unchanged, the check says so."""
    shutil.copytree(periods / "bao-cao-2020-h1", periods / "bao-cao-2020-h2")
    replace_once(periods / "bao-cao-2020-h2" / "van-ban.yaml", "date: 2020-07-15", "date: 2021-01-05")
    replace_once(periods / "bao-cao-2020-h2" / "van-ban.yaml", "Sơ kết 6 tháng đầu năm 2020", "Sơ kết 6 tháng cuối năm 2020")
    code, out = _check(periods, "2020-H2", capsys)
    assert code == 1 and "Lời văn ghi '6 THÁNG ĐẦU NĂM' nhưng kỳ báo cáo là 6 tháng cuối năm 2020" in out, out
    assert "bao-cao-2020-h2/noi-dung.md:3:" in out, out
