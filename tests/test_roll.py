"""`reportgen roll`: next year's plan from the sample, its baseline from the latest report of the year, checked
by `check` as input still to type ("chưa nhập", exit 1) with warnings where its text names the old year."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from reportgen import pipeline
from reportgen.cli import main
from reportgen.model.plan import PENDING
from reportgen.pipeline.roll import latest_period, roll_folder
from tests.conftest import SAMPLE

GROUPS = ("thon_ntm", "thon_kieu_mau", "tieu_chi_binh_quan", "xa_duoi_10", "xa_ntm", "xa_nang_cao")


def _roll(source: Path, out: Path, capsys) -> str:
    assert main(["roll", str(source), "--year", "2021", "-o", str(out)]) == 0
    return capsys.readouterr().out


def _check_json(folder: Path, capsys) -> tuple[int, dict]:
    code = main(["check", str(folder), "--json"])
    return code, json.loads(capsys.readouterr().out)


@pytest.fixture(scope="module")
def rolled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("roll") / "bac-giang-2021"
    result = roll_folder(SAMPLE, 2021, out)
    assert not result.failed and result.written
    return out


def _report_figures(period: str) -> tuple[dict, dict]:
    """The actuals of the sample's report folder for `period`, as its progress file states them."""
    folder = SAMPLE / f"bao-cao-{period.lower()}"
    progress = yaml.safe_load((folder / "van-ban.yaml").read_text(encoding="utf-8"))["progress"]
    data = yaml.safe_load((folder / progress).read_text(encoding="utf-8"))
    rows = {row["unit"]: row for row in data["actuals"]["rows"]}
    return rows, data["actuals"]["total"]


def test_the_baseline_is_the_latest_report_of_the_year(rolled):
    """Each reported indicator's earlier column holds that report's figure, unit by unit and in total; the later
    column is "chưa nhập" everywhere (rows, total, comparison)."""
    period = latest_period(SAMPLE, 2020)
    assert period.code == "2020"  # the year-end report, ahead of Q1, Q2 and H1
    rows, total = _report_figures(period.code)
    text = (rolled / "bieu-01.yaml").read_text(encoding="utf-8")
    assert "theo báo cáo năm 2020 (bao-cao-2020)." in text and "CHƯA PHẢI SỐ CẢ NĂM" not in text
    annex = yaml.safe_load(text)
    assert annex["periods"] == {"from": "th_2020", "to": "kh_2021"}
    reported = [key for key in GROUPS if key in total]
    assert reported == ["thon_ntm", "thon_kieu_mau", "xa_ntm", "xa_nang_cao"]
    for row in annex["rows"]:
        for key in reported:
            assert row[key] == [rows[row["unit"]][key], PENDING], (row["unit"], key)
    for key in reported:
        assert annex["total"]["values"][key] == [total[key], PENDING]
    assert set(annex["comparison"]["values"].values()) == {PENDING}
    assert annex["comparison"]["label"] == "So sánh 2021/2020"


def test_indicators_the_report_lacks_keep_the_old_targets_marked_as_not_actual(rolled):
    old = yaml.safe_load((SAMPLE / "bieu-01.yaml").read_text(encoding="utf-8"))
    text = (rolled / "bieu-01.yaml").read_text(encoding="utf-8")
    new = yaml.safe_load(text)
    for before, after in zip(old["rows"], new["rows"]):
        assert after["tieu_chi_binh_quan"] == [before["tieu_chi_binh_quan"][1], PENDING]
        assert after["xa_duoi_10"] == [before["xa_duoi_10"][1], PENDING]
    assert "Cột th_2020 của tieu_chi_binh_quan, xa_duoi_10: CHƯA PHẢI SỐ THỰC HIỆN" in text


def test_titles_headers_ids_and_expressions_move_one_year_on_and_the_narrative_keeps_its_text(rolled):
    plan = yaml.safe_load((rolled / "bieu-01.yaml").read_text(encoding="utf-8"))
    assert plan["title"].endswith("TRONG NĂM 2021")
    assert [c["header"] for c in plan["columns"][2]["columns"]] == ["Thực hiện đến năm 2020 (Lũy kế)",
                                                                     "Kế hoạch đến năm 2021 (Lũy kế)"]
    document = yaml.safe_load((rolled / "van-ban.yaml").read_text(encoding="utf-8"))
    assert document["subject"].endswith("tỉnh Bắc Giang năm 2021")
    assert (document["number"], document["date"], document["year"]) == (PENDING, PENDING, 2021)
    old = (SAMPLE / "noi-dung.md").read_text(encoding="utf-8")
    new = (rolled / "noi-dung.md").read_text(encoding="utf-8")
    assert new.startswith("<!--") and "kh_2020" not in new and "th_2019" not in new
    assert new[new.index("-->") + 5:] == old.replace("kh_2020", "kh_2021").replace("th_2019", "th_2020")
    facts = yaml.safe_load((rolled / "so-lieu.yaml").read_text(encoding="utf-8"))
    assert facts["ratios"]["xa_dat_chuan"]["numerator"] == "tong(bieu01.xa_ntm.kh_2021)"


def test_the_task_schedule_keeps_its_tasks_with_deadlines_cleared_and_marked(rolled):
    old = yaml.safe_load((SAMPLE / "bieu-05.yaml").read_text(encoding="utf-8"))
    text = (rolled / "bieu-05.yaml").read_text(encoding="utf-8")
    new = yaml.safe_load(text)
    assert [g["label"] for g in new["groups"]] == [g["label"].replace("2020", "2021") for g in old["groups"]]
    for before, after in zip(old["groups"], new["groups"]):
        assert [r["noi_dung"] for r in after["rows"]] == [r["noi_dung"] for r in before["rows"]]
        assert {r["thoi_han"] for r in after["rows"]} == {PENDING}
    assert "thoi_han: chưa nhập  # năm 2020: Tháng 01/2020" in text
    assert "# Nhiệm vụ của kế hoạch năm 2020: sửa, thêm, bỏ cho năm 2021" in text
    assert "# Các dòng là của kế hoạch năm 2020: sửa, thêm, bỏ cho năm 2021." in (rolled / "bieu-04.yaml").read_text(
        encoding="utf-8")


def test_check_lists_every_blank_target_as_pending_and_warns_on_the_old_year(rolled, capsys):
    code, report = _check_json(rolled, capsys)
    assert (code, report["status"], report["problems"]) == (1, "fail", [])
    pending = [f for f in report["findings"] if f["rule"] == "input-pending"]
    assert all(f["status"] == "fail" and f["found"] == PENDING for f in pending)
    # 10 units × 6 indicators + the total's 6 + the comparison's 6, 36 deadlines of Biểu 05, number and date, the
    # 15 facts of so-lieu.yaml
    assert len(pending) == 60 + 6 + 6 + 36 + 2 + 15
    facts = yaml.safe_load((rolled / "so-lieu.yaml").read_text(encoding="utf-8"))["facts"]
    assert {fact["value"] for fact in facts.values()} == {PENDING}
    assert "so_xa_toan_tinh: {label: Tổng số xã trên địa bàn tỉnh, value: chưa nhập, unit: xã}  # năm 2020: 184" \
        in (rolled / "so-lieu.yaml").read_text(encoding="utf-8")
    first = pending[2 + 15]
    assert first["message"].startswith('Biểu 01, cột "Số thôn đạt chuẩn nông thôn mới — Kế hoạch đến năm 2021 '
                                       '(Lũy kế)", dòng "TP Bắc Giang": chưa nhập')
    text = (rolled / "bieu-01.yaml").read_text(encoding="utf-8").splitlines()
    where = first["locations"][0]
    assert text[where["line"] - 1][where["col"] - 1:].startswith(PENDING)
    warnings = [f for f in report["findings"] if f["rule"] == "old-year"]
    assert warnings and all(f["status"] == "warning" for f in warnings)
    narrative = (rolled / "noi-dung.md").read_text(encoding="utf-8").splitlines()
    for warning in warnings:
        place = warning["locations"][0]
        if place["file"].endswith("noi-dung.md"):
            assert narrative[place["line"] - 1][place["col"] - 1:].startswith("2020")
    failed_expressions = [f for f in report["findings"]
                          if f["rule"] == "narrative-expression" and f["status"] == "fail"]
    assert failed_expressions and all(PENDING in f["message"] for f in failed_expressions)


def test_a_rolled_folder_once_filled_in_checks_its_figures(rolled, tmp_path, capsys):
    """The clerk types the targets: the pending cells become figures that every rule judges (here a target below
    the baseline of a cumulative column fails `cumulative`, at the typed cell)."""
    folder = tmp_path / "kh-2021"
    shutil.copytree(rolled, folder)
    path = folder / "bieu-01.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("xa_ntm: [6, chưa nhập]", "xa_ntm: [6, 5]"), encoding="utf-8")
    code, report = _check_json(folder, capsys)
    assert code == 1
    fell = [f for f in report["findings"] if f["rule"] == "cumulative" and f["status"] == "fail"]
    assert len(fell) == 1 and "TP Bắc Giang" in fell[0]["message"]


def test_without_a_report_the_baseline_is_the_plans_targets_marked_as_not_actual(tmp_path, capsys):
    source = tmp_path / "kh-2020"
    shutil.copytree(SAMPLE, source, ignore=shutil.ignore_patterns("bao-cao-*"))
    out = tmp_path / "kh-2021"
    said = _roll(source, out, capsys)
    assert "chưa có báo cáo của năm" in said
    old = yaml.safe_load((SAMPLE / "bieu-01.yaml").read_text(encoding="utf-8"))
    text = (out / "bieu-01.yaml").read_text(encoding="utf-8")
    new = yaml.safe_load(text)
    for before, after in zip(old["rows"], new["rows"]):
        assert all(after[key] == [before[key][1], PENDING] for key in GROUPS)
    assert "CHƯA PHẢI SỐ THỰC HIỆN (chưa có báo cáo nào của năm 2020)" in text
    code, _ = _check_json(out, capsys)
    assert code == 1


def test_year_neutral_names_survive_the_roll(sample, tmp_path, capsys):
    """`sau` is the later period column whatever its id: the same figure before the roll, and after it the same
    expression names the new target column (still to type) instead of an unknown column."""
    path = sample / "noi-dung.md"
    path.write_text(path.read_text(encoding="utf-8").replace("tong(bieu01.xa_ntm.kh_2020)", "tong(bieu01.xa_ntm.sau)")
                    .replace("tong(bieu01.xa_duoi_10.th_2019)", "tong(bieu01.xa_duoi_10.truoc)"), encoding="utf-8")
    result = pipeline.check_folder(sample)
    assert not result.failed
    values = {o.expression.source: o.figure.value for o in result.evaluated.narrative if o.figure is not None}
    assert values["tong(bieu01.xa_ntm.sau)"] == Decimal(124)
    assert values["tong(bieu01.xa_duoi_10.truoc) | hai_chu_so"] == Decimal(9)
    out = tmp_path / "kh-2021"
    _roll(sample, out, capsys)
    assert "tong(bieu01.xa_ntm.sau)" in (out / "noi-dung.md").read_text(encoding="utf-8")
    code, report = _check_json(out, capsys)
    assert code == 1 and report["problems"] == []
    sau = [f for f in report["findings"] if "tong(bieu01.xa_ntm.sau)" in f["message"]]
    assert sau and all(f["status"] == "fail" and "xa_ntm.kh_2021" in f["message"] for f in sau)
    truoc = [f for f in report["findings"] if "tong(bieu01.xa_duoi_10.truoc)" in f["message"]]
    assert [f["status"] for f in truoc] == ["pass"]


@pytest.mark.parametrize("args, said", [
    (["--year", "2022"], "chỉ chuyển được sang năm 2021"),
    (["--year", "21"], "viết bốn chữ số"),
])
def test_a_wrong_year_is_a_command_line_mistake(args, said, tmp_path, capsys):
    try:
        code = main(["roll", str(SAMPLE), *args, "-o", str(tmp_path / "x")])
    except SystemExit as exit_:  # argparse's own mistakes leave through its exit
        code = exit_.code
    assert code == 64
    assert said in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_roll_never_writes_over_a_folder_that_holds_anything(tmp_path, capsys):
    out = tmp_path / "kh-2021"
    out.mkdir()
    (out / "ghi-chu.txt").write_text("của người khác", encoding="utf-8")
    assert main(["roll", str(SAMPLE), "--year", "2021", "-o", str(out)]) == 64
    assert "đã có tệp" in capsys.readouterr().err
    assert [p.name for p in out.iterdir()] == ["ghi-chu.txt"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a staged folder was left"


def test_a_plan_whose_rules_fail_is_not_rolled(sample, tmp_path, capsys):
    path = sample / "bieu-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("xa_ntm: [101, 124]", "xa_ntm: [101, 125]"),
                    encoding="utf-8")
    assert main(["roll", str(sample), "--year", "2021", "-o", str(tmp_path / "x")]) == 1
    assert "Không viết kế hoạch mới" in capsys.readouterr().out
    assert not (tmp_path / "x").exists()


def test_before_the_year_end_report_the_latest_report_stands_in_marked_as_not_the_whole_year(tmp_path, capsys):
    source = tmp_path / "kh-2020"
    shutil.copytree(SAMPLE, source, ignore=shutil.ignore_patterns("bao-cao-2020", "bao-cao-2020-h1"))
    out = tmp_path / "kh-2021"
    assert "theo báo cáo quý II năm 2020 (bao-cao-2020-q2)" in _roll(source, out, capsys)   # as a clerk says it
    text = (out / "bieu-01.yaml").read_text(encoding="utf-8")
    assert "theo báo cáo quý II năm 2020 (bao-cao-2020-q2). CHƯA PHẢI SỐ CẢ NĂM 2020" in text
    rows, total = _report_figures("2020-Q2")
    annex = yaml.safe_load(text)
    assert [row["xa_ntm"][0] for row in annex["rows"]] == [rows[row["unit"]]["xa_ntm"] for row in annex["rows"]]
    assert annex["total"]["values"]["xa_ntm"] == [total["xa_ntm"], PENDING]


def test_a_plan_whose_annexes_come_from_a_workbook_rolls_to_the_same_yaml(sample, tmp_path, capsys):
    from tests.workbook import point_annexes_at_workbook, write_annexes
    write_annexes(list(pipeline.check_folder(SAMPLE).plan.annexes), sample / "bieu.xlsx")
    point_annexes_at_workbook(sample, "bieu.xlsx")
    from_yaml, from_xlsx = tmp_path / "tu-yaml", tmp_path / "tu-xlsx"
    _roll(SAMPLE, from_yaml, capsys)
    _roll(sample, from_xlsx, capsys)
    for name in ("bieu-01.yaml", "bieu-03.yaml", "bieu-04.yaml", "bieu-05.yaml"):
        assert (yaml.safe_load((from_xlsx / name).read_text(encoding="utf-8"))
                == yaml.safe_load((from_yaml / name).read_text(encoding="utf-8"))), name


def test_the_unit_register_is_carried_as_written(sample, tmp_path, capsys):
    import datetime
    from reportgen.pipeline.units import REGISTER, units_to
    if not (sample / REGISTER).exists():
        units_to("Bắc Giang", datetime.date(2020, 2, 17), sample / REGISTER)
    register = (sample / REGISTER).read_text(encoding="utf-8") + "# sửa tay: giữ nguyên khi chuyển năm\n"
    (sample / REGISTER).write_text(register, encoding="utf-8")
    out = tmp_path / "kh-2021"
    _roll(sample, out, capsys)
    assert (out / REGISTER).read_text(encoding="utf-8") == register


def test_every_key_of_an_annex_definition_is_carried(rolled):
    """Whatever an annex file declares besides its rows and the words that move (a key a later change adds too)
    reads back the same from the rolled file."""
    moved = {"title", "periods", "columns", "rows", "groups", "total", "comparison"}
    for path in sorted(SAMPLE.glob("bieu-*.yaml")):
        old = yaml.safe_load(path.read_text(encoding="utf-8"))
        new = yaml.safe_load((rolled / path.name).read_text(encoding="utf-8"))
        assert {k: v for k, v in new.items() if k not in moved} == {k: v for k, v in old.items() if k not in moved}
        assert set(new) == set(old) | ({"comparison"} if "comparison" in old else set()), path.name


def test_a_narrative_written_in_word_rolls_to_markdown_with_the_same_text(sample, tmp_path, capsys):
    from tests.word import markdown_to_docx
    markdown_to_docx((sample / "noi-dung.md").read_text(encoding="utf-8"), sample / "noi-dung.docx")
    path = sample / "van-ban.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("narrative: noi-dung.md", "narrative: noi-dung.docx"),
                    encoding="utf-8")
    (sample / "noi-dung.md").unlink()
    from_word, from_markdown = tmp_path / "tu-word", tmp_path / "tu-md"
    _roll(sample, from_word, capsys)
    _roll(SAMPLE, from_markdown, capsys)
    assert yaml.safe_load((from_word / "van-ban.yaml").read_text(encoding="utf-8"))["narrative"] == "noi-dung.md"
    words = [line.strip() for line in (from_word / "noi-dung.md").read_text(encoding="utf-8").splitlines()]
    marks = [line.strip() for line in (from_markdown / "noi-dung.md").read_text(encoding="utf-8").splitlines()]
    assert [line for line in words if line] == [line for line in marks if line]


@pytest.mark.parametrize("text, moved", [
    ("th_2019, kh_2020", "th_2020, kh_2021"),
    ("So sánh 2020/2019", "So sánh 2021/2020"),
    ("Nhiệm vụ trong Quý I/2020", "Nhiệm vụ trong Quý I/2021"),
    ("NĂM 2020", "NĂM 2021"),
    ("giai đoạn 2016-2020, 2021 – 2025", "giai đoạn 2016-2020, 2021 – 2025"),       # ranges stay
    ("ngày 18/12/2019, 2020-02-17", "ngày 18/12/2019, 2020-02-17"),               # whole dates stay
    ("Nghị quyết số 07/2019/NQ-HĐND", "Nghị quyết số 07/2019/NQ-HĐND"),           # a document's number stays
    ("năm 2018 và 2030", "năm 2018 và 2030"),                                     # other years stay
])
def test_moving_a_text_one_year_on(text, moved):
    from reportgen.output.inputs.years import move_years
    assert move_years(text, 2020) == moved


def test_the_old_year_is_warned_in_the_legal_bases_too(rolled, capsys):
    _, report = _check_json(rolled, capsys)
    bases = [f for f in report["findings"] if f["rule"] == "old-year" and f["message"].startswith("Căn cứ:")]
    assert [f["message"] for f in bases] == ["Căn cứ: «…phát triển kinh tế - xã hội năm 2020» còn nêu năm 2020, năm trước "
                                             "của kế hoạch: viết lại cho năm 2021 nếu là chữ của kế hoạch cũ."]
    # at the basis's own line (it was the file alone, unlike every other warning)
    text = (rolled / "van-ban.yaml").read_text(encoding="utf-8").splitlines()
    [place] = bases[0]["locations"]
    assert place["file"].endswith("van-ban.yaml") and "xã hội năm 2020" in text[place["line"] - 1]


def test_the_old_year_in_the_subject_is_warned_at_its_line(sample, capsys):
    path = sample / "van-ban.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("Bắc Giang năm 2020\n", "Bắc Giang năm 2020 (tiếp theo năm 2019)\n", 1), encoding="utf-8")
    _, report = _check_json(sample, capsys)
    subject = [f for f in report["findings"] if f["rule"] == "old-year" and f["message"].startswith("Trích yếu")]
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(subject) == 1 and lines[subject[0]["locations"][0]["line"] - 1].startswith("subject:")


def test_a_rolled_folder_is_never_built_while_anything_is_still_to_type(rolled, tmp_path, capsys):
    assert main(["build", str(rolled), "-o", str(tmp_path / "ra"), "--format", "docx"]) == 1
    assert "Không viết tệp nào" in capsys.readouterr().out
    assert not (tmp_path / "ra").exists()


def test_a_warning_alone_does_not_fail_the_check(sample, capsys):
    path = sample / "noi-dung.md"
    path.write_text(path.read_text(encoding="utf-8").replace("như sau:", "như sau (tiếp theo năm 2019):", 1),
                    encoding="utf-8")
    code, report = _check_json(sample, capsys)
    warned = [f for f in report["findings"] if f["status"] == "warning"]
    assert (code, report["status"], report["summary"]["warning"]) == (0, "pass", 1)
    assert warned[0]["rule"] == "old-year" and warned[0]["locations"][0]["line"] == 1
    assert main(["check", str(sample)]) == 0
    text = capsys.readouterr().out
    assert "[CẢNH BÁO] Chữ của kế hoạch không còn nêu năm trước (cảnh báo) (old-year): 1 cảnh báo" in text
    assert text.rstrip().endswith("1 cảnh báo.")


def test_a_stated_ratio_over_figures_still_to_type_is_not_checkable(rolled, capsys):
    """README: "a ratio over it is *not checkable*"; the rolled plan's ratio (124/184 → 67,4% last year) had no
    finding at all, so stated-ratio printed "không áp dụng" as if the plan stated none."""
    _, report = _check_json(rolled, capsys)
    [rule] = [r for r in report["rules"] if r["id"] == "stated-ratio"]
    [finding] = [f for f in report["findings"] if f["rule"] == "stated-ratio"]
    assert rule["status"] == "not_checkable" and finding["status"] == "not_checkable"
    assert finding["message"].startswith("Tỷ lệ 'xa_dat_chuan' (") and "chưa nhập" in finding["message"]
    assert finding["locations"][0]["file"].endswith("so-lieu.yaml")
