"""`reportgen report`: the made-up Q1 and Q2 2020 reports on the sample plan, built and read back (DOCX, PDF)."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from pathlib import Path

import docx
import pytest
from docx.enum.section import WD_ORIENT
from pypdf import PdfReader

from reportgen import vi
from reportgen.cli import main
from tests.conftest import SAMPLE, update_golden
from tests.test_build import in_new_process

NAMES = {"2020-Q1": "bao-cao-35-bc-bcd-2020-q1", "2020-Q2": "bao-cao-98-bc-bcd-2020-q2"}


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, Path]:
    """Both sample periods built once by the command line."""
    out = {}
    for period in NAMES:
        out[period] = tmp_path_factory.mktemp(period)
        assert main(["report", str(SAMPLE), "--period", period, "-o", str(out[period])]) == 0
    return out


def _docx(built, period) -> docx.document.Document:
    return docx.Document(str(built[period] / f"{NAMES[period]}.docx"))


def _tables(document) -> list[list[list[str]]]:
    """Every data table (not the header/signature layouts) as rows of cell texts, merged cells once."""
    tables = []
    for table in document.tables:
        rows = []
        for row in table.rows:
            cells = []
            for cell in row.cells:
                if not cells or cell._tc is not cells[-1][1]:
                    cells.append((cell.text, cell._tc))
            rows.append([text for text, _ in cells])
        tables.append(rows)
    return tables[2:]  # the header block and the signature block come first


def _task_rows(table) -> list[list[str]]:
    """Rows of tasks (their key "I.3" first), not header or group rows."""
    return [r for r in table if re.fullmatch(r"[IVX]+\.\d+", r[0])]


def _row(table, first: str) -> list[str]:
    return next(r for r in table if r[0] == first or (len(r) > 1 and r[1] == first))


def test_writes_docx_pdf_and_manifest_with_every_input(built):
    out = built["2020-Q2"]
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{NAMES['2020-Q2']}.docx", f"{NAMES['2020-Q2']}.pdf",
                                                           "manifest.json"])
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["document"] == "Báo cáo 98/BC-BCĐ"
    assert {o["kind"] for o in manifest["outputs"]} == {"bao_cao"}
    inputs = {i["path"] for i in manifest["inputs"]}
    assert {"van-ban.yaml", "bieu-05.yaml", "bao-cao-2020-q2/van-ban.yaml", "bao-cao-2020-q2/tien-do.yaml",
            "bao-cao-2020-q2/noi-dung.md", "bao-cao-2020-q1/tien-do.yaml"} <= inputs


def test_report_is_reproducible_in_another_process(built, tmp_path):
    run = in_new_process("report", str(SAMPLE), "--period", "2020-Q2", "-o", str(tmp_path), PYTHONHASHSEED="7")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in built["2020-Q2"].iterdir())
    for path in built["2020-Q2"].iterdir():
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_default_out_folder_and_one_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build", str(SAMPLE), "--format", "docx"]) == 0
    plan_manifest = (tmp_path / "out" / "bac-giang-2020" / "manifest.json").read_bytes()
    assert main(["report", str(SAMPLE), "--period", "2020-Q1", "--format", "docx"]) == 0
    # The report has its own folder beside the plan's files: the plan's manifest is left as it was.
    assert sorted(p.name for p in (tmp_path / "out" / "bac-giang-2020" / "bao-cao-2020-q1").iterdir()) == [
        f"{NAMES['2020-Q1']}.docx", "manifest.json"]
    assert (tmp_path / "out" / "bac-giang-2020" / "manifest.json").read_bytes() == plan_manifest


def test_header_title_kinh_gui_and_noi_nhan(built):
    document = _docx(built, "2020-Q2")
    header = [p.text for cell in document.tables[0]._cells for p in cell.paragraphs]
    assert "BAN CHỈ ĐẠO CÁC CHƯƠNG TRÌNH MTQG" in header and "Số: 98/BC-BCĐ" in header
    assert "Bắc Giang, ngày 06 tháng 7 năm 2020" in header
    body = [p.text for p in document.paragraphs]
    assert body[0] == "BÁO CÁO" and body[1].endswith("quý II năm 2020")
    assert "Kính gửi: Ban Chỉ đạo Trung ương các Chương trình mục tiêu quốc gia." in body
    assert ("Thực hiện Kế hoạch số 552/KH-BCĐ ngày 17/02/2020, Ban Chỉ đạo các Chương trình MTQG tỉnh Bắc Giang báo cáo "
            "kết quả thực hiện quý II năm 2020 như sau:") in body
    headings = [t for t in body if t[:3] in ("I. ", "II.", "III", "IV.")]
    assert headings == ["I. KẾT QUẢ THỰC HIỆN QUÝ II NĂM 2020", "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
                        "III. NHIỆM VỤ, GIẢI PHÁP QUÝ TIẾP THEO", "IV. KIẾN NGHỊ, ĐỀ XUẤT"]
    signature = [p.text for cell in document.tables[1]._cells for p in cell.paragraphs]
    assert signature[:2] == ["Nơi nhận:", "- Như trên;"] and "- Lưu: VT, VPĐP." in signature


def test_sections_portrait_body_then_four_landscape_annexes(built):
    sections = _docx(built, "2020-Q2").sections
    assert [s.orientation for s in sections] == [WD_ORIENT.PORTRAIT] + [WD_ORIENT.LANDSCAPE] * 4
    assert sections[1].page_width > sections[1].page_height


def test_narrative_figures_come_from_the_progress(built):
    body = "\n".join(p.text for p in _docx(built, "2020-Q2").paragraphs)
    assert "toàn tỉnh có 111 xã đạt chuẩn nông thôn mới, đạt 89,5% kế hoạch năm (124 xã)" in body
    assert "133 thôn đạt chuẩn nông thôn mới, đạt 92,4% kế hoạch" in body
    assert ("Trong 16 nhiệm vụ có thời hạn hoàn thành đến hết quý II năm 2020 theo Biểu 05 của Kế hoạch, đã hoàn "
            "thành 13 nhiệm vụ, trong đó 02 nhiệm vụ hoàn thành chậm") in body
    assert "còn 03 nhiệm vụ quá hạn chưa hoàn thành" in body
    assert "Quý III năm 2020 có 06 nhiệm vụ đến hạn" in body
    q1 = "\n".join(p.text for p in _docx(built, "2020-Q1").paragraphs)
    assert "106 xã đạt chuẩn nông thôn mới, đạt 85,5% kế hoạch năm" in q1 and "còn 02 nhiệm vụ quá hạn" in q1


def test_overdue_tasks_named_at_the_end_of_part_one(built):
    body = [p.text for p in _docx(built, "2020-Q2").paragraphs]
    # The count is the narrative's ("còn 03 nhiệm vụ quá hạn"), not said a second way here.
    start = body.index("Các nhiệm vụ quá hạn chưa hoàn thành đến hết quý II năm 2020:")
    listed = body[start + 1:start + 4]
    assert [t.split("(nhiệm vụ ")[1].split(",")[0] for t in listed] == ["I.11", "II.6", "II.7"]
    assert listed[2].endswith("thời hạn: Quý II/2020): chưa thực hiện – Chờ đồ án quy hoạch vùng huyện (II.6).")
    assert body[start + 4] == "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN"


def test_the_period_in_the_narrative_comes_from_the_period(sample, tmp_path):
    """Q1's narrative copied into Q2's folder says quý II: the quarter is a name (ky.quy), not typed."""
    import shutil
    shutil.copy(sample / "bao-cao-2020-q1" / "noi-dung.md", sample / "bao-cao-2020-q2" / "noi-dung.md")
    assert main(["report", str(sample), "--period", "2020-Q2", "--format", "docx", "-o", str(tmp_path)]) == 0
    body = [p.text for p in docx.Document(str(next(tmp_path.glob("*.docx")))).paragraphs]
    assert "I. KẾT QUẢ THỰC HIỆN QUÝ II NĂM 2020" in body
    assert any(t.startswith("Đến hết quý II năm 2020, toàn tỉnh có 111 xã") for t in body)
    assert any(t.startswith("Quý III năm 2020 có 06 nhiệm vụ đến hạn") for t in body)


def test_period_names_roll_over_the_year():
    from reportgen.expressions.report_vocabulary import period_figures
    from reportgen.model.report import Period
    texts = {k: vi.format_figure(f.value, f.kind) for k, f in period_figures(Period(2020, 4).following()).items()}
    assert texts == {"quy": "I", "nam": "2021", "so_thang": "3"}


def test_overdue_note_is_printed_as_typed(sample, tmp_path):
    from tests.conftest import replace_once
    replace_once(sample / "bao-cao-2020-q2" / "tien-do.yaml", "note: Đang thẩm định đồ án",
                 "note: UBND huyện chưa gửi hồ sơ; sở TN&MT đang thẩm định")
    assert main(["report", str(sample), "--period", "2020-Q2", "--format", "docx", "-o", str(tmp_path)]) == 0
    body = [p.text for p in docx.Document(str(next(tmp_path.glob("*.docx")))).paragraphs]
    line = next(t for t in body if "(nhiệm vụ II.6," in t)
    assert line.endswith("): đang thực hiện – UBND huyện chưa gửi hồ sơ; sở TN&MT đang thẩm định;")


def test_results_table_plan_actual_and_percent_with_totals(built):
    results = _tables(_docx(built, "2020-Q2"))[0]
    assert results[0][:3] == ["TT", "Huyện, thành phố", "Số thôn đạt chuẩn nông thôn mới"]
    assert results[1][2:5] == ["Kế hoạch năm 2020", "Thực hiện đến hết quý II năm 2020", "Tỷ lệ so với kế hoạch"]
    assert _row(results, "Tổng cộng") == ["Tổng cộng", "144", "133", "92,4%", "55", "21", "38,2%", "124", "111",
                                          "89,5%", "8", "3", "37,5%"]
    assert _row(results, "Huyện Lục Ngạn")[2:] == ["5", "5", "100,0%", "3", "1", "33,3%", "11", "8", "72,7%", "1",
                                                   "0", "0,0%"]
    # Blanks stay blank: no plan for thôn in TP Bắc Giang, no % where the plan is 0 (Sơn Động's thôn kiểu mẫu).
    assert _row(results, "TP Bắc Giang")[2:5] == ["", "", ""]
    assert _row(results, "Huyện Sơn Động")[5:8] == ["0", "0", ""]


def test_due_table_status_and_a_task_done_late(built):
    due = _tables(_docx(built, "2020-Q1"))[1]
    assert due[0] == ["TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành", "Tình trạng",
                      "Ngày hoàn thành", "Ghi chú"]
    keys = [r[0] for r in _task_rows(due)]
    assert keys == [f"I.{n}" for n in range(1, 13)]
    late = _row(due, "I.5")
    assert late[4:] == ["Tháng 02/2020", "Hoàn thành chậm", "10/03/2020", "Chậm do chờ hồ sơ của các xã"]
    assert _row(due, "I.6")[5:7] == ["Đang thực hiện", ""]
    assert _row(_tables(_docx(built, "2020-Q2"))[1], "I.6")[5:7] == ["Hoàn thành chậm", "15/05/2020"]


def test_overdue_and_next_quarter_tables(built):
    tables = _tables(_docx(built, "2020-Q2"))
    overdue = _task_rows(tables[2])
    assert [(r[0], r[5], r[6]) for r in overdue] == [("I.11", "Đang thực hiện", "97"), ("II.6", "Đang thực hiện", "6"),
                                                     ("II.7", "Chưa thực hiện", "6")]
    following = [r[0] for r in _task_rows(tables[3])]
    assert following == ["II.2", "II.3", "II.4", "II.8", "II.9", "II.10"]
    # The group keeps the plan's numeral (II), as its keys say, though it is the table's first.
    assert [r[0] for r in tables[3] if len(r) == 1] == ["II. Nhiệm vụ Quý II và Quý III/2020"]
    assert [r[0] for r in _task_rows(_tables(_docx(built, "2020-Q1"))[2])] == ["I.6", "I.11"]


def test_pdf_text_pages_and_orientation(built):
    reader = PdfReader(io.BytesIO((built["2020-Q2"] / f"{NAMES['2020-Q2']}.pdf").read_bytes()))
    texts = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert "BÁO CÁO" in texts[0] and "Số: 98/BC-BCĐ" in texts[0] and "Kính gửi:" in texts[0]
    assert "đạt 89,5% kế hoạch năm" in texts[0]
    annex = [i for i, t in enumerate(texts) if "Phụ lục I " in t + " " and "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in t]
    assert annex, texts
    page = reader.pages[annex[0]]
    assert page.mediabox.width > page.mediabox.height
    assert "Tổng cộng 144 133 92,4% 55 21 38,2% 124 111 89,5% 8 3 37,5%" in texts[annex[0]]
    assert "(Kèm theo Báo cáo số 98/BC-BCĐ ngày 06/07/2020 của Ban Chỉ đạo các Chương trình MTQG tỉnh Bắc Giang)" \
        in texts[annex[0]]
    assert any("CÁC NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH ĐẾN HẾT QUÝ II NĂM 2020" in t and "II.7" in t for t in texts)


@pytest.mark.parametrize("text, due", [
    ("Tháng 01/2020", dt.date(2020, 1, 31)), ("Trước 28/02/2020", dt.date(2020, 2, 28)),
    ("Quý I/2020", dt.date(2020, 3, 31)), ("Quý II-III/2020", dt.date(2020, 9, 30)),
    ("Trong năm 2020", dt.date(2020, 12, 31)), ("Trước 31/10/2020", dt.date(2020, 10, 31)),
    ("Tháng 7/2020", dt.date(2020, 7, 31)), ("Tháng 02/2020", dt.date(2020, 2, 29)),
])
def test_every_deadline_phrase_of_the_sample_becomes_a_due_date(text, due):
    assert vi.parse_deadline(text) == due


def test_periods():
    from reportgen.model.report import Period
    assert Period.parse("2020-Q2") == Period(2020, 2) and Period.parse("2020-Q5") is None
    assert vi.quarter_end(2020, 4) == dt.date(2020, 12, 31) and vi.format_quarter(2020, 3) == "quý III năm 2020"


@pytest.mark.parametrize("period", sorted(NAMES))
def test_report_tree_matches_golden(period, request, capsys):
    """The report's tree is a golden like the plan's: `reportgen tree DIR --period …` prints it."""
    assert main(["tree", str(SAMPLE), "--period", period]) == 0
    dump = capsys.readouterr().out
    golden = Path(__file__).parent / "cases" / f"bac-giang-2020-{period.lower()}.tree.txt"
    update_golden(request, golden, dump)
    assert dump == golden.read_text(encoding="utf-8")


_RECURRING_ROW = ("truy xuất nguồn gốc năm 2020\n        chu_tri: VPĐP tỉnh\n        phoi_hop: Sở KH&ĐT, TC, UBND huyện, "
                  "TP\n        thoi_han: Quý IV/2020")


def _figure(pattern: str, body: str, also: str | None = None) -> int:
    """The count a narrative sentence states, plus the one `also` finds when the narrative states it."""
    match, more = re.search(pattern, body), re.search(also, body) if also else None
    assert match, pattern
    return sum(int(group) for m in (match, more) if m for group in m.groups() if group is not None)


def test_narrative_counts_equal_the_rows_of_the_tables_they_cite(sample, tmp_path):
    """With recurring work (listed in Phụ lục II and IV), every count the narrative states is its table's rows."""
    from tests.conftest import replace_once
    from tests.test_report_checks import name_recurring_work
    replace_once(sample / "bieu-05.yaml", _RECURRING_ROW, _RECURRING_ROW.replace("Quý IV/2020", "Thường xuyên"))
    name_recurring_work(sample)
    replace_once(sample / "bao-cao-2020-q2" / "tien-do.yaml", "    - {task: II.9, status: đang thực hiện}\n",
                 "    - {task: II.9, status: đang thực hiện}\n    - {task: III.3, status: đang thực hiện}\n")
    assert main(["report", str(sample), "--period", "2020-Q2", "--format", "docx", "-o", str(tmp_path)]) == 0
    document = docx.Document(str(next(tmp_path.glob("*.docx"))))
    body = "\n".join(p.text for p in document.paragraphs)
    due, overdue, following = (_task_rows(t) for t in _tables(document)[1:])
    assert "III.3" in [r[0] for r in due] and "III.3" in [r[0] for r in following]
    assert _figure(r"Trong (\d+) nhiệm vụ có thời hạn", body,
                   r"và của (\d+) nhiệm vụ thường xuyên tại Phụ lục II") == len(due) == 17
    assert _figure(r"còn (\d+) nhiệm vụ quá hạn", body) == len(overdue) == 3
    assert _figure(r"có (\d+) nhiệm vụ đến hạn theo Kế hoạch(?:, cùng (\d+) nhiệm vụ thường xuyên)?",
                   body) == len(following) == 7


def test_overdue_note_loses_its_final_punctuation_before_the_list_adds_its_own(sample, tmp_path):
    from tests.conftest import replace_once
    q2 = sample / "bao-cao-2020-q2" / "tien-do.yaml"
    replace_once(q2, "note: Đang thẩm định đồ án}", "note: Đang thẩm định đồ án.}")
    replace_once(q2, "note: Chờ đồ án quy hoạch vùng huyện (II.6)}", "note: Chờ đồ án quy hoạch vùng huyện (II.6);}")
    assert main(["report", str(sample), "--period", "2020-Q2", "--format", "docx", "-o", str(tmp_path)]) == 0
    body = [p.text for p in docx.Document(str(next(tmp_path.glob("*.docx")))).paragraphs]
    assert next(t for t in body if "(nhiệm vụ II.6," in t).endswith("– Đang thẩm định đồ án;")
    assert next(t for t in body if "(nhiệm vụ II.7," in t).endswith("– Chờ đồ án quy hoạch vùng huyện (II.6).")
