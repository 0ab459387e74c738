"""`reportgen report` refuses what does not reconcile: each report rule's failing case, recurring work, input errors."""

from __future__ import annotations

import docx
import pytest

from reportgen.cli import main
from tests.conftest import line_of, replace_once

Q2 = "bao-cao-2020-q2"


def _report(folder, out, capsys, period="2020-Q2") -> tuple[int, str]:
    code = main(["report", str(folder), "--period", period, "-o", str(out)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("file, old, new, words", [
    # The districts no longer add up to the province's total.
    (f"{Q2}/tien-do.yaml", "total: {thon_ntm: 133", "total: {thon_ntm: 134",
     # Both sides, every unit and the gap, and nothing telling the clerk which side to change (issue #14).
     ["Thực hiện chỉ tiêu 'thon_ntm': dòng tổng ghi 134, còn 5 đơn vị có số cộng lại được 133 (", "lệch 1.",
      "tien-do.yaml:37:"]),
    # A cumulative figure falls from the Q1 report (Hiệp Hòa had 15 communes).
    (f"{Q2}/tien-do.yaml", "thon_kieu_mau: 2, xa_ntm: 17,", "thon_kieu_mau: 2, xa_ntm: 14,",
     ["'Huyện Hiệp Hòa': 14 thấp hơn báo cáo kỳ 2020-Q1 (15)", "actual-cumulative"]),
    # The report carries a plan's symbol.
    (f"{Q2}/van-ban.yaml", "symbol: BC-BCĐ", "symbol: KH-BCĐ", ["Ký hiệu 'KH-BCĐ' không phải ký hiệu báo cáo"]),
    (f"{Q2}/van-ban.yaml", "kind: bao_cao", "kind: ke_hoach", ["ghi 'kind: bao_cao'"]),
    # A task due by the period's end has no line in the progress file.
    (f"{Q2}/tien-do.yaml", "    - {task: II.5, status: hoàn thành, done: 2020-06-20}\n", "",
     ["Nhiệm vụ II.5 (thời hạn 'Quý II/2020') đến hạn trong kỳ nhưng tệp tiến độ không ghi tình trạng"]),
    # Done after the report's own date, or not done but dated.
    (f"{Q2}/tien-do.yaml", "done: 2020-06-25", "done: 2020-07-25", ["ngày hoàn thành 25/07/2020 sau ngày báo cáo"]),
    (f"{Q2}/tien-do.yaml", "{task: II.9, status: đang thực hiện}", "{task: II.9, status: đang thực hiện, done: "
     "2020-06-01}", ["Nhiệm vụ II.9 ghi 'đang thực hiện' nhưng có ngày hoàn thành"]),
])
def test_a_failed_report_rule_writes_nothing_and_exits_1(sample, tmp_path, capsys, file, old, new, words):
    replace_once(sample / file, old, new)
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 1, out
    assert all(word in out for word in words), out
    assert "Không viết tệp nào" in out and not (tmp_path / "ra").exists()


def test_a_failed_plan_rule_stops_the_report_too(sample, tmp_path, capsys):
    replace_once(sample / "bieu-01.yaml", "xa_ntm: [101, 124]", "xa_ntm: [101, 125]")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 1 and "column-sum" in out and "bieu-01.yaml" in out


@pytest.mark.parametrize("file, old, new, words", [
    (f"{Q2}/tien-do.yaml", "unit: Huyện Yên Thế,", "unit: Huyện Yên Thê,",
     ["Đơn vị 'Huyện Yên Thê' không có trong Biểu 01", "thiếu dòng của 'Huyện Yên Thế'"]),
    (f"{Q2}/tien-do.yaml", "status: chưa thực hiện", "status: xong", ["'status' là 'xong', phải là một trong"]),
    (f"{Q2}/tien-do.yaml", "indicators: [thon_ntm,", "indicators: [tieu_chi_binh_quan, thon_ntm,",
     ["Chỉ tiêu 'tieu_chi_binh_quan' không phải cột nhóm cộng được của Biểu 01"]),
    (f"{Q2}/tien-do.yaml", "annex: \"05\"", "annex: \"09\"", ["kế hoạch không có biểu '09'"]),
    (f"{Q2}/noi-dung.md", "{{ nhiem_vu.qua_han | hai_chu_so }}", "{{ nhiem_vu.tre_han }}",
     ["Không có 'nhiem_vu.tre_han'. Các tên: den_han, hoan_thanh"]),
    (f"{Q2}/noi-dung.md", "{{ thuc_hien.xa_ntm }}", "{{ thuc_hien }}",
     ["'thuc_hien' là một nhóm tên: viết thuc_hien.<tên>, với tên là một trong: thon_ntm"]),
    (f"{Q2}/van-ban.yaml", "progress: tien-do.yaml", "progress: tien-do-q2.yaml", ["Không tìm thấy tệp"]),
])
def test_unreadable_report_input_exits_2_with_its_place(sample, tmp_path, capsys, file, old, new, words):
    replace_once(sample / file, old, new)
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 2, out
    assert all(word in out for word in words), out
    assert f"{Q2}/" in out  # every problem is placed in the report's folder
    assert not (tmp_path / "ra").exists()


def test_a_unit_in_the_actuals_matches_as_names_do(sample, capsys):
    """'Thành phố Bắc Giang' in the progress file is Biểu 01's 'TP Bắc Giang' (types understood, as everywhere
    else names are compared); the report tree is the same. A misspelling still refuses, with a suggestion."""
    assert main(["tree", str(sample), "--period", "2020-Q2"]) == 0
    before = capsys.readouterr().out
    replace_once(sample / Q2 / "tien-do.yaml", "{unit: TP Bắc Giang,", "{unit: thành phố  Bắc Giang,")
    assert main(["tree", str(sample), "--period", "2020-Q2"]) == 0, capsys.readouterr().out
    assert capsys.readouterr().out == before
    replace_once(sample / Q2 / "tien-do.yaml", "{unit: thành phố  Bắc Giang,", "{unit: TP Bắc Gian,")
    assert main(["tree", str(sample), "--period", "2020-Q2"]) == 2
    assert "Đơn vị 'TP Bắc Gian' không có trong Biểu 01. Có phải 'TP Bắc Giang' không?" in capsys.readouterr().out


def test_unknown_task_is_located(sample, tmp_path, capsys):
    line = line_of(sample / Q2 / "tien-do.yaml", "{task: II.9,")
    replace_once(sample / Q2 / "tien-do.yaml", "{task: II.9,", "{task: IV.1,")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 2 and f"{Q2}/tien-do.yaml:{line}:7: Nhiệm vụ 'IV.1' không có trong Biểu 05" in out


def test_a_period_without_its_folder_is_an_input_problem(sample, tmp_path, capsys):
    code, out = _report(sample, tmp_path / "ra", capsys, "2020-Q3")
    assert code == 2 and "Không có thư mục báo cáo kỳ 2020-Q3" in out and "bao-cao-2020-q3" in out


def test_first_quarter_compares_with_the_plans_baseline(sample, tmp_path, capsys):
    """No earlier report in Q1: a cumulative figure may not fall below last year's (Biểu 01 th_2019)."""
    replace_once(sample / "bao-cao-2020-q1" / "tien-do.yaml", "thon_ntm: 96,", "thon_ntm: 93,")
    replace_once(sample / "bao-cao-2020-q1" / "tien-do.yaml", "total: {thon_ntm: 126", "total: {thon_ntm: 123")
    code, out = _report(sample, tmp_path / "ra", capsys, "2020-Q1")
    assert code == 1 and "'Huyện Hiệp Hòa': 93 thấp hơn năm trước (kế hoạch) (94)" in out


def name_recurring_work(sample, quarter: str = Q2) -> None:
    """The narrative's sentences on Phụ lục II and IV name the recurring work those tables list (report-recurring)."""
    text = (sample / quarter / "noi-dung.md").read_text(encoding="utf-8")
    named = "{{ nhiem_vu.thuong_xuyen | hai_chu_so }} nhiệm vụ thường xuyên"
    text = text.replace("các nhiệm vụ này tại Phụ lục II.", f"các nhiệm vụ này và của {named} tại Phụ lục II.")
    text = text.replace(" (chi tiết tại Phụ lục IV).", f", cùng {named} (chi tiết tại Phụ lục IV).")
    (sample / quarter / "noi-dung.md").write_text(text, encoding="utf-8")


def test_recurring_work_must_be_named_in_the_narrative(sample, tmp_path, capsys):
    """Its tables list it beside the tasks due: counts of the tasks due alone would not match their rows."""
    _make_iii7_recurring(sample)
    replace_once(sample / Q2 / "tien-do.yaml", "    - {task: II.9,", "    - {task: III.7, status: đang thực hiện}\n"
                 "    - {task: II.9,")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 1 and "Kế hoạch có 1 nhiệm vụ thường xuyên" in out and "{{ nhiem_vu.thuong_xuyen }}" in out
    assert "Phụ lục" not in out  # which annex lists what is compose's numbering, not the check's to say
    name_recurring_work(sample)
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out


def _make_iii7_recurring(sample) -> None:
    """III.7 "Tổ chức kiểm tra tình hình thực hiện các tiêu chí ..." becomes work done every quarter."""
    bieu = (sample / "bieu-05.yaml").read_text(encoding="utf-8")
    head, tail = bieu.split("Tổ chức kiểm tra tình hình thực hiện các tiêu chí", 1)
    (sample / "bieu-05.yaml").write_text(head + "Tổ chức kiểm tra tình hình thực hiện các tiêu chí"
                                         + tail.replace("Trong năm 2020", "Hằng quý", 1), encoding="utf-8")


def test_recurring_work_is_listed_each_quarter_never_overdue(sample, tmp_path, capsys):
    _make_iii7_recurring(sample)
    name_recurring_work(sample)
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 1 and "Nhiệm vụ III.7 (thời hạn 'Hằng quý') đến hạn trong kỳ" in out
    replace_once(sample / Q2 / "tien-do.yaml", "    - {task: II.9,", "    - {task: III.7, status: đang thực hiện}\n"
                 "    - {task: II.9,")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    document = docx.Document(str(next((tmp_path / "ra").glob("*.docx"))))
    keys = [[row.cells[0].text for row in table.rows] for table in document.tables[2:]]
    due, overdue, following = keys[1], keys[2], keys[3]
    assert "III.7" in due and "III.7" not in overdue and "III.7" in following
    notes = [p.text for p in document.paragraphs]
    assert "Nhiệm vụ thường xuyên: đến hạn vào cuối mỗi quý, không tính quá hạn." in notes


def test_recurring_work_done_this_quarter_starts_afresh_next_quarter(sample, tmp_path, capsys):
    _make_iii7_recurring(sample)
    name_recurring_work(sample)
    replace_once(sample / Q2 / "tien-do.yaml", "    - {task: II.9,", "    - {task: III.7, status: hoàn thành, done: "
                 "2020-06-01, note: Đã kiểm tra 10 huyện}\n    - {task: II.9,")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    document = docx.Document(str(next((tmp_path / "ra").glob("*.docx"))))
    rows = [{row.cells[0].text: [c.text for c in row.cells] for row in table.rows} for table in document.tables[3:]]
    assert rows[0]["III.7"][5:] == ["Hoàn thành", "01/06/2020", "Đã kiểm tra 10 huyện"]  # Phụ lục II: this quarter
    assert rows[2]["III.7"][5:] == ["", "", ""]  # Phụ lục IV: next quarter's work, not yet done


def _actuals_workbook(folder, path) -> None:
    """The Q2 actuals of tien-do.yaml as a district would send them: a sheet "Thực hiện" with the total row."""
    import openpyxl
    import yaml
    progress = yaml.safe_load((folder / Q2 / "tien-do.yaml").read_text(encoding="utf-8"))["actuals"]
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Thực hiện"
    sheet.append(["Số thực hiện đến hết quý II năm 2020"])
    sheet.append(["Huyện, thành phố", "Số thôn đạt chuẩn nông thôn mới", "Số thôn đạt chuẩn nông thôn mới kiểu mẫu",
                  "Số xã đạt chuẩn nông thôn mới (Tính theo xã sáp nhập)",
                  "Số xã đạt chuẩn nông thôn mới nâng cao/kiểu mẫu"])
    for row in progress["rows"]:
        sheet.append([row["unit"]] + [row[i] for i in progress["indicators"]])
    sheet.append(["Tổng cộng"] + [progress["total"][i] for i in progress["indicators"]])
    book.save(path)


def test_actuals_from_a_workbook_give_the_same_report(sample, tmp_path, capsys):
    from reportgen import pipeline
    from reportgen.model.report import Period
    from reportgen.write.tree import tree_text

    _, expected = pipeline.compose_report_folder(sample, Period(2020, 2))
    _actuals_workbook(sample, sample / Q2 / "thuc-hien.xlsx")
    text = (sample / Q2 / "tien-do.yaml").read_text(encoding="utf-8")
    head, _, _ = text.partition("  rows:\n")
    (sample / Q2 / "tien-do.yaml").write_text(head + "  source: thuc-hien.xlsx\n", encoding="utf-8")
    _, document = pipeline.compose_report_folder(sample, Period(2020, 2))
    assert tree_text(document) == tree_text(expected)
    # A wrong figure in the workbook is placed at its cell.
    import openpyxl
    book = openpyxl.load_workbook(sample / Q2 / "thuc-hien.xlsx")
    book["Thực hiện"]["D11"] = 18
    book.save(sample / Q2 / "thuc-hien.xlsx")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 1 and "dòng tổng ghi 111, còn 10 đơn vị có số cộng lại được 112" in out
    assert "thuc-hien.xlsx!Thực hiện!D13" in out and "mong đợi" not in out


def test_counts_from_a_workbook_are_whole_numbers_placed_at_their_cell(sample, tmp_path, capsys):
    """The count-integer rule holds for actuals read from a workbook: 5,5 thôn is refused at its cell."""
    import openpyxl
    _actuals_workbook(sample, sample / Q2 / "thuc-hien.xlsx")
    text = (sample / Q2 / "tien-do.yaml").read_text(encoding="utf-8")
    (sample / Q2 / "tien-do.yaml").write_text(text.partition("  rows:\n")[0] + "  source: thuc-hien.xlsx\n",
                                              encoding="utf-8")
    book = openpyxl.load_workbook(sample / Q2 / "thuc-hien.xlsx")
    book["Thực hiện"]["B5"], book["Thực hiện"]["B7"] = 5.5, 18.5  # Lục Ngạn, Yên Thế: the total still holds
    book.save(sample / Q2 / "thuc-hien.xlsx")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 1, out
    assert "'Huyện Lục Ngạn': số đếm phải là số nguyên không âm, thấy 5,5." in out
    assert "thuc-hien.xlsx!Thực hiện!B5" in out and "thuc-hien.xlsx!Thực hiện!B7" in out


def test_unwritable_out_exits_73(tmp_path, capsys):
    from tests.conftest import SAMPLE
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = main(["report", str(SAMPLE), "--period", "2020-Q2", "-o", str(blocker)])
    assert code == 73 and "Không ghi được tệp" in capsys.readouterr().err


def test_xlsx_holds_one_sheet_per_annex_table(tmp_path):
    """--format takes every format of the pipeline's writers: the XLSX has the report's four annex tables."""
    import openpyxl
    from tests.conftest import SAMPLE
    assert main(["report", str(SAMPLE), "--period", "2020-Q2", "--format", "xlsx", "-o", str(tmp_path)]) == 0
    book = openpyxl.load_workbook(tmp_path / "bao-cao-98-bc-bcd-2020-q2.xlsx")
    assert len(book.sheetnames) == 4
    cells = [str(c.value) for row in book[book.sheetnames[0]].iter_rows() for c in row if c.value is not None]
    assert "Phụ lục I" in cells and "Tổng cộng" in cells


def test_a_task_without_deadline_is_never_due(sample, tmp_path, capsys):
    replace_once(sample / "bieu-05.yaml", "thoi_han: Quý II-III/2020", "thoi_han: ~")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    document = docx.Document(str(next((tmp_path / "ra").glob("*.docx"))))
    assert all("II.10" not in [row.cells[0].text for row in table.rows] for table in document.tables[2:])


def test_no_overdue_task_keeps_its_table_saying_so(sample, tmp_path, capsys):
    q1 = sample / "bao-cao-2020-q1" / "tien-do.yaml"
    replace_once(q1, "{task: I.6, status: đang thực hiện, note: Còn 2 tiêu chí huyện chưa đạt}",
                 "{task: I.6, status: hoàn thành, done: 2020-03-31}")
    replace_once(q1, "{task: I.11, status: chưa thực hiện, note: Đang tổng hợp ý kiến các huyện}",
                 "{task: I.11, status: hoàn thành, done: 2020-03-31}")
    assert main(["report", str(sample), "--period", "2020-Q1", "--format", "docx,pdf,xlsx", "-o", str(tmp_path)]) == 0
    document = docx.Document(str(next(tmp_path.glob("*.docx"))))
    overdue = document.tables[2 + 2]
    assert overdue.rows[-1].cells[0].text == "(Không có nhiệm vụ nào)"
    body = [p.text for p in document.paragraphs]
    assert not any(t.startswith("Các nhiệm vụ quá hạn chưa hoàn thành") for t in body)
    assert any("còn 00 nhiệm vụ quá hạn" in t for t in body)


def test_without_the_earlier_report_the_plans_baseline_stands_in(sample, tmp_path, capsys):
    import shutil
    shutil.rmtree(sample / "bao-cao-2020-q1")
    code, out = _report(sample, tmp_path / "ra", capsys)
    assert code == 0, out
    manifest = (tmp_path / "ra" / "manifest.json").read_text(encoding="utf-8")
    assert "bao-cao-2020-q1" not in manifest


def test_another_province_and_year_needs_only_a_new_folder(tmp_path, capsys):
    """Hòa Phong 2024 (made up): continuous numbering (keys I.1, I.2, II.3 …), another body reporting, no Kính gửi."""
    import shutil
    from tests.conftest import ROOT
    folder = tmp_path / "hoa-phong-2024"
    shutil.copytree(ROOT / "tests" / "data" / "hoa-phong-2024", folder)
    report = folder / "bao-cao-2024-q1"
    report.mkdir()
    (report / "van-ban.yaml").write_text("""kind: bao_cao
issuing_body: [SỞ NÔNG NGHIỆP VÀ PTNT]
issuing_body_name: Sở Nông nghiệp và Phát triển nông thôn tỉnh Hòa Phong
number: 4
symbol: BC-SNN
place: Hòa Phong
date: 2024-04-03
subject: Kết quả thực hiện quý I năm 2024
signer: {title: [GIÁM ĐỐC], name: Lê Thị Thử}
recipients: [UBND tỉnh]
archive: VT
narrative: noi-dung.md
progress: tien-do.yaml
""", encoding="utf-8")
    (report / "noi-dung.md").write_text("# I. KẾT QUẢ THỰC HIỆN\n\nĐạt {{ dat_ke_hoach.xa_ntm }} kế hoạch; "
                                        "{{ nhiem_vu.qua_han }} nhiệm vụ quá hạn./.\n", encoding="utf-8")
    (report / "tien-do.yaml").write_text("""tasks:
  annex: "03"
  items:
    - {task: I.1, status: hoàn thành, done: 2024-03-20}
    - {task: I.2, status: đang thực hiện}
    - {task: II.3, status: đang thực hiện}
actuals:
  annex: "01"
  indicators: [xa_ntm]
  rows:
    - {unit: Thành phố Hòa Phong, xa_ntm: 6}
    - {unit: Thị xã Nam Hà, xa_ntm: 9}
    - {unit: Huyện Đông Sơn, xa_ntm: 13}
    - {unit: Huyện Tây Lĩnh, xa_ntm: 7}
  total: {xa_ntm: 35}
""", encoding="utf-8")
    assert main(["report", str(folder), "--period", "2024-Q1", "-o", str(tmp_path / "ra"), "--format", "docx"]) == 0
    document = docx.Document(str(tmp_path / "ra" / "bao-cao-04-bc-snn-2024-q1.docx"))
    body = [p.text for p in document.paragraphs]
    assert ("Thực hiện Kế hoạch số 07/KH-UBND ngày 05/03/2024 của Ủy ban nhân dân tỉnh Hòa Phong, Sở Nông nghiệp và "
            "Phát triển nông thôn tỉnh Hòa Phong báo cáo kết quả thực hiện quý I năm 2024 như sau:") in body
    assert "Đạt 85,4% kế hoạch; 1 nhiệm vụ quá hạn./." in body  # 35/41 xã
    signature = [p.text for cell in document.tables[1]._cells for p in cell.paragraphs]
    assert "- Như trên;" not in signature and not any(t.startswith("Kính gửi") for t in body)


def test_periods_named_in_text_roman_arabic_slash_not_comments_nor_expressions():
    from reportgen.check.rules.report_periods import periods_named
    from reportgen.model.report import Period
    text = "<!-- quý I/2020 -->\nQUÝ I NĂM 2020, quý 3/2020 và quý {{ ky.quy }} năm {{ ky.nam }}; Quý II-III/2020"
    assert [(typed, quarter) for _, typed, quarter in periods_named(text, 2020)] == [
        ("QUÝ I NĂM 2020", Period(2020, 1)), ("quý 3/2020", Period(2020, 3))]
    text = ("Sơ kết 6 tháng đầu năm, phương hướng 6 tháng cuối năm 2020; 9 tháng năm 2020, tháng 5/2020, Tháng 01 năm "
            "2021, ngày 30 tháng 6 năm 2020, năm 2019; quý V/2020")
    assert [(typed, p and p.code) for _, typed, p in periods_named(text, 2020)] == [
        ("6 tháng đầu năm", "2020-H1"), ("6 tháng cuối năm 2020", "2020-H2"), ("9 tháng năm 2020", "2020-9T"),
        ("tháng 5/2020", "2020-M05"), ("Tháng 01 năm 2021", "2021-M01"), ("năm 2019", "2019"), ("quý V/2020", None)]
