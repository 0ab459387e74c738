"""Returned workbooks sent through `reportgen serve`: two districts' returns collected into the status table, a
corrected return keeping the earlier one; and every upload refused (name, content, zip bomb, count, size, a tra-ve/
linking out) without a file kept."""

from __future__ import annotations

import io
import os
import re
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from reportgen.serve import create_app, uploads
from reportgen.serve.jobs import Job
from tests.conftest import SAMPLE
from tests.serve_pages import finished, job_id, page, plan_copy, press, refusal_page, state, token

PLAN, EMPTY, LINKED = "bac-giang-2020", "chua-thu", "lien-ket"
RETURNS = SAMPLE / "bao-cao-2020-q2" / "tra-ve"
HIEP_HOA, LUC_NAM = "so-lieu-Huyện-Hiệp-Hòa.xlsx", "so-lieu-Huyện-Lục-Nam.xlsx"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The sample; a copy with nothing returned yet (no tra-ve/, no tien-do.yaml); a copy whose tra-ve/ links out."""
    root = tmp_path_factory.mktemp("goc")
    outside = tmp_path_factory.mktemp("ngoai")
    for name in (PLAN, EMPTY, LINKED):
        plan_copy(root / name)
    for name in (EMPTY, LINKED):
        shutil.rmtree(root / name / "bao-cao-2020-q2" / "tra-ve")
        (root / name / "bao-cao-2020-q2" / "tien-do.yaml").unlink()
    os.symlink(outside, root / LINKED / "bao-cao-2020-q2" / "tra-ve")
    app = create_app(root, tmp_path_factory.mktemp("ra"))
    return app, app.test_client(), root, outside


def _send(client, folder: str, files: list[tuple[str, bytes]], **form):
    data = {"csrf_token": token(client, f"/ke-hoach/{folder}"), "ky": "2020-Q2"} | form
    data["tep"] = [(io.BytesIO(content), name) for name, content in files]
    return client.post(f"/ke-hoach/{folder}/thu-ve", data=data, content_type="multipart/form-data")


def _snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _statuses(job_page) -> dict[str, str]:
    rows = job_page.one("table", id="tinh-trang").all("tr")[1:]
    return {(row.one("td", cls="don-vi").text().strip(), row.all("td")[1].text().strip()):
            row.one("td", cls="tinh-trang").attrs["data-state"] for row in rows}


def test_two_returns_show_in_the_status_table_and_a_corrected_one_keeps_the_first(site):
    app, client, root, outside = site
    sent = {name: (RETURNS / name).read_bytes() for name in (HIEP_HOA, LUC_NAM)}
    done = finished(app, client, job_id(_send(client, EMPTY, list(sent.items()))))
    assert state(done) == "chua-khop"                  # collect's exit 1: not every form is in, nothing written
    statuses = _statuses(done)
    assert len(statuses) == 28
    returned = {unit for (unit, kind), st in statuses.items() if st == "da-nop"}
    assert returned == {"Huyện Hiệp Hòa", "Huyện Lục Nam"}
    assert sum(st == "chua-nop" for st in statuses.values()) == 26
    kept = root / EMPTY / "bao-cao-2020-q2" / "tra-ve"
    assert _snapshot(kept) == sent
    assert not (root / EMPTY / "bao-cao-2020-q2" / "tien-do.yaml").exists()

    book = load_workbook(io.BytesIO(sent[HIEP_HOA]))
    book["Số liệu"]["F7"] = "nhiều"
    corrected = io.BytesIO()
    book.save(corrected)
    done = finished(app, client, job_id(_send(client, EMPTY, [(HIEP_HOA, corrected.getvalue())])))
    assert state(done) == "loi-dau-vao"                # collect's exit 2: a return refused
    assert _statuses(done)[("Huyện Hiệp Hòa", "số liệu")] == "khong-hop-le"
    assert _statuses(done)[("Huyện Lục Nam", "số liệu")] == "da-nop"
    problem = next(li for li in done.one("section", id="thu-bieu").all("li", cls="phat-hien") if "F7" in li.text())
    assert f"{HIEP_HOA}!Số liệu!F7" in problem.one(cls="vi-tri").text()
    # the message the CLI prints (tests/test_collect.py): the unit, the indicator and the column first
    assert problem.text().startswith("Huyện Hiệp Hòa, «Số thôn đạt chuẩn nông thôn mới kiểu mẫu», cột «Thực hiện đến "
                                     "hết quý II năm 2020»: Ô số đếm chứa «nhiều», không phải con số")
    cells = problem.one("table", cls="trich")
    assert [td.text() for td in cells.all("td", cls="chinh")] == ["nhiều"]
    assert (kept / HIEP_HOA).read_bytes() == corrected.getvalue()
    earlier = list((kept / ".cu").iterdir())
    assert len(earlier) == 1 and earlier[0].name.endswith(HIEP_HOA) and earlier[0].read_bytes() == sent[HIEP_HOA]


@pytest.fixture
def untouched(site):
    """The sample's tra-ve/ is the same after the test, and no job was started."""
    app, client, root, outside = site
    before = _snapshot(root / PLAN)
    yield
    assert _snapshot(root / PLAN) == before
    assert not app.extensions["reportgen_jobs"].latest(PLAN)


def test_only_xlsx_names_are_taken(site, untouched):
    app, client, root, outside = site
    workbook = (RETURNS / HIEP_HOA).read_bytes()
    response = _send(client, PLAN, [("so-lieu.txt", workbook), ("so-lieu.xls", workbook), ("so-lieu.xlsx", workbook)])
    shown = refusal_page(response, 422)
    refused = [li.one("strong").text() for li in shown.one("ul", id="tu-choi").all("li")]
    assert refused == ["so-lieu.txt", "so-lieu.xls"]
    assert ".xlsx" in shown.one("ul", id="tu-choi").text()


def test_a_text_file_named_xlsx_and_a_zip_bomb_are_refused(site, untouched, tmp_path):
    app, client, root, outside = site
    bomb = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (300 * 1024 * 1024))
    assert bomb.stat().st_size < 2 * 1024 * 1024
    files = [("thu.xlsx", "Kính gửi Văn phòng điều phối".encode()), ("bom.xlsx", bomb.read_bytes()),
             (LUC_NAM, (RETURNS / LUC_NAM).read_bytes())]
    shown = refusal_page(_send(client, PLAN, files), 422)
    said = {li.one("strong").text(): li.text() for li in shown.one("ul", id="tu-choi").all("li")}
    assert set(said) == {"thu.xlsx", "bom.xlsx"}      # the good one is not kept either: the clerk sends again
    assert "không phải sổ tính" in said["thu.xlsx"] and "bom nén" in said["bom.xlsx"]


def test_too_many_files_none_and_a_bad_period_are_refused(site, untouched):
    app, client, root, outside = site
    limit = app.config["MAX_UPLOAD_FILES"]
    many = [(f"so-lieu-{n}.xlsx", b"PK") for n in range(limit + 1)]
    assert f"tối đa {limit} tệp" in refusal_page(_send(client, PLAN, many), 400).text()
    assert "Chưa chọn tệp" in refusal_page(_send(client, PLAN, []), 400).text()
    workbook = (RETURNS / HIEP_HOA).read_bytes()
    assert "2020-Q7" in refusal_page(_send(client, PLAN, [(HIEP_HOA, workbook)], ky="2020-Q7"), 400).text()


def test_a_body_over_the_limit_is_413(site, untouched, monkeypatch):
    app, client, root, outside = site
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 64 * 1024)
    shown = refusal_page(_send(client, PLAN, [(HIEP_HOA, b"PK" + b"\0" * (100 * 1024))]), 413)
    assert "quá lớn" in shown.text()


def test_a_tra_ve_linking_out_of_the_plan_is_not_written_through(site):
    app, client, root, outside = site
    refusal_page(_send(client, LINKED, [(HIEP_HOA, (RETURNS / HIEP_HOA).read_bytes())]), 400)
    assert list(outside.iterdir()) == []
    assert not app.extensions["reportgen_jobs"].latest(LINKED)


# --- a return is kept under its unit's name, read from inside it (review #18 findings 1, 5; trial findings 1-3, 6)

FORM_NAME = "bieu-nhap-so-lieu-2020-q2.xlsx"          # what `forms` named every district's form alike


@pytest.fixture
def fresh(tmp_path):
    """A copy of the sample with nothing returned yet, on a site of its own."""
    root = tmp_path / "goc"
    plan_copy(root / EMPTY)
    shutil.rmtree(root / EMPTY / "bao-cao-2020-q2" / "tra-ve")
    (root / EMPTY / "bao-cao-2020-q2" / "tien-do.yaml").unlink()
    app = create_app(root, tmp_path / "ra")
    return app, app.test_client(), root / EMPTY / "bao-cao-2020-q2" / "tra-ve"


def _edited(name: str) -> bytes:
    """The sample's return of a unit saved again (other bytes, the same valid form)."""
    book = load_workbook(RETURNS / name)
    book.properties.title = "gửi lại"
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def _refused(response) -> dict[str, str]:
    shown = refusal_page(response, 422)
    return {li.one("strong").text(): li.text() for li in shown.one("ul", id="tu-choi").all("li")}


def test_two_districts_forms_sent_back_under_the_same_name_are_two_returns(fresh):
    app, client, kept = fresh
    first = finished(app, client, job_id(_send(client, EMPTY, [(FORM_NAME, (RETURNS / LUC_NAM).read_bytes())])))
    second = finished(app, client, job_id(_send(client, EMPTY, [(FORM_NAME, (RETURNS / HIEP_HOA).read_bytes())])))
    assert _statuses(first)[("Huyện Lục Nam", "số liệu")] == "da-nop"
    returned = {unit for (unit, kind), st in _statuses(second).items() if st == "da-nop"}
    assert returned == {"Huyện Lục Nam", "Huyện Hiệp Hòa"}
    assert _snapshot(kept) == {LUC_NAM: (RETURNS / LUC_NAM).read_bytes(), HIEP_HOA: (RETURNS / HIEP_HOA).read_bytes()}
    assert not second.all(id="da-thay")
    # a name of 275 bytes (90 × "ế") is no file name here: the unit's name is
    edited = _edited(LUC_NAM)
    long = finished(app, client, job_id(_send(client, EMPTY, [("ế" * 90 + ".xlsx", edited)])))
    assert [p for p in _snapshot(kept) if not p.startswith(".cu/")] == [HIEP_HOA, LUC_NAM]
    assert (kept / LUC_NAM).read_bytes() == edited
    assert "Huyện Lục Nam" in long.one(id="da-thay").text()


def test_a_wrong_date_deep_in_an_agencys_form_shows_who_and_what_and_the_header_over_a_gap(fresh):
    """trial18 #7: the message names the agency, the task and the column; the excerpt shows the header row (5),
    a gap row, then rows 7-11 with the task's content (B) left of columns E-H."""
    app, client, kept = fresh
    name = "nhiem-vu-UBND-huyện-TP.xlsx"
    book = load_workbook(RETURNS / name)
    book["Nhiệm vụ"]["G9"] = "hôm qua"
    data = io.BytesIO()
    book.save(data)
    done = finished(app, client, job_id(_send(client, EMPTY, [(name, data.getvalue())])))
    problem = next(li for li in done.one("section", id="thu-bieu").all("li", cls="phat-hien") if "G9" in li.text())
    assert problem.text().startswith("UBND huyện, TP, nhiệm vụ II.5 «Rà soát, điều chỉnh Đồ án quy hoạch, Đồ án xây "
                                     "dựng nông…», cột «Ngày hoàn thành»: Ô ngày chứa «hôm qua»")
    cells = problem.one("table", cls="trich")
    rows = cells.all("tr")
    assert [th.text() for th in rows[0].all("th")] == ["", "B", "E", "F", "G", "H"]
    assert [rows[1].one("th").text()] + [td.text() for td in rows[1].all("td")][:3] == \
        ["5", "Nội dung nhiệm vụ", "Ngày hoàn thành đã báo cáo", "Tình trạng (chọn)"]
    assert "khoang" in rows[2].classes and [td.text() for td in rows[2].all("td")] == ["…"] * 5
    assert [row.one("th").text() for row in rows[3:]] == ["7", "8", "9", "10", "11"]
    assert [td.text() for td in cells.all("td", cls="chinh")] == ["hôm qua"]
    assert rows[5].all("td")[0].text().startswith("Rà soát, điều chỉnh Đồ án quy hoạch")


def test_the_same_unit_again_replaces_its_file_the_earlier_ones_kept_apart_and_said(fresh):
    app, client, kept = fresh
    versions = [(RETURNS / LUC_NAM).read_bytes(), _edited(LUC_NAM)]
    book = load_workbook(io.BytesIO(versions[1]))
    book.properties.title = "gửi lần ba"
    third = io.BytesIO()
    book.save(third)
    versions.append(third.getvalue())
    pages_seen = [finished(app, client, job_id(_send(client, EMPTY, [(f"lan-{n}.xlsx", data)])))
                  for n, data in enumerate(versions)]
    assert (kept / LUC_NAM).read_bytes() == versions[2]
    earlier = sorted((kept / ".cu").iterdir())
    assert len(earlier) == 2 and {p.read_bytes() for p in earlier} == set(versions[:2])   # the same second: -2
    assert all(p.name.endswith(".xlsx") and "so-lieu-Huyện-Lục-Nam" in p.name for p in earlier)
    assert not pages_seen[0].all(id="da-thay")
    assert pages_seen[2].one(id="da-thay").text().startswith("Đã thay biểu của Huyện Lục Nam nhận trước đó")
    again = finished(app, client, job_id(_send(client, EMPTY, [("y.xlsx", versions[2])])))  # the very same file
    assert not again.all(id="da-thay") and len(list((kept / ".cu").iterdir())) == 2


def test_a_unit_s_earlier_return_under_another_name_is_replaced_too(fresh):
    """A form put in tra-ve/ by hand (or kept before returns were named by unit), even beside the unit's named one:
    the unit's new upload replaces both, so collect sees one return of it, not the unit sent twice."""
    app, client, kept = fresh
    kept.mkdir(parents=True)
    (kept / "lucnam-tay.xlsx").write_bytes((RETURNS / LUC_NAM).read_bytes())
    (kept / LUC_NAM).write_bytes(_edited(LUC_NAM))
    edited = _edited(LUC_NAM) + b""   # other bytes again: a third version
    book = load_workbook(io.BytesIO(edited))
    book.properties.title = "lần ba"
    third = io.BytesIO()
    book.save(third)
    done = finished(app, client, job_id(_send(client, EMPTY, [("lucnam.xlsx", third.getvalue())])))
    assert [p for p in _snapshot(kept) if not p.startswith(".cu/")] == [LUC_NAM]
    assert (kept / LUC_NAM).read_bytes() == third.getvalue()
    assert len(list((kept / ".cu").iterdir())) == 2
    assert _statuses(done)[("Huyện Lục Nam", "số liệu")] == "da-nop"
    assert done.one(id="da-thay").text().count("Huyện Lục Nam") == 1


def test_two_files_of_one_unit_in_one_upload_are_both_refused(fresh):
    app, client, kept = fresh
    said = _refused(_send(client, EMPTY, [("a.xlsx", (RETURNS / LUC_NAM).read_bytes()), ("b.xlsx", _edited(LUC_NAM)),
                                          (HIEP_HOA, (RETURNS / HIEP_HOA).read_bytes())]))
    assert set(said) == {"a.xlsx", "b.xlsx"}
    assert all("Huyện Lục Nam" in text and "a.xlsx, b.xlsx" in text for text in said.values())
    assert not kept.exists() and not app.extensions["reportgen_jobs"].latest(EMPTY)


def _word_document() -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return data.getvalue()


def test_what_is_no_form_of_this_plan_and_period_is_refused_at_the_door(fresh, tmp_path):
    app, client, kept = fresh
    from openpyxl import Workbook
    plain = io.BytesIO()
    Workbook().save(plain)
    said = _refused(_send(client, EMPTY, [("bao-cao.xlsx", _word_document()), ("ke-hoach.xlsx", plain.getvalue()),
                                          (LUC_NAM, (RETURNS / LUC_NAM).read_bytes())]))
    assert set(said) == {"bao-cao.xlsx", "ke-hoach.xlsx"}
    assert "văn bản Word" in said["bao-cao.xlsx"] and "Excel" not in said["bao-cao.xlsx"]
    assert "không phải biểu nhập reportgen gửi đi" in said["ke-hoach.xlsx"]
    for asked in ("2020-Q1", "2020"):
        said = _refused(_send(client, EMPTY, [(LUC_NAM, (RETURNS / LUC_NAM).read_bytes())], ky=asked))
        assert said[LUC_NAM].startswith(f"{LUC_NAM}: Tệp này là biểu quý II năm 2020 — chọn kỳ 2020-Q2 rồi gửi lại")
    assert not kept.exists() and not (kept.parent.parent / "bao-cao-2020-q1" / "tra-ve").exists()
    assert not app.extensions["reportgen_jobs"].latest(EMPTY)


def test_with_no_period_asked_the_files_say_it_and_must_agree(fresh, tmp_path):
    app, client, kept = fresh
    page = client.get(f"/ke-hoach/{EMPTY}").get_data(as_text=True)
    assert re.search(r'<input name="ky" id="ky-thu-ve"[^>]* value=""', page) and "theo tệp" in page
    from tests.returns import write_forms
    q1 = next(path for (kind, unit), (form, path) in write_forms(kept.parent.parent, "2020-Q1", tmp_path).items()
              if kind == "district")
    said = _refused(_send(client, EMPTY, [(LUC_NAM, (RETURNS / LUC_NAM).read_bytes()), ("q1.xlsx", q1.read_bytes())],
                          ky=""))
    assert "quý II năm 2020" in said[LUC_NAM] and "quý I năm 2020" in said["q1.xlsx"]
    assert not kept.exists()
    done = finished(app, client, job_id(_send(client, EMPTY, [(LUC_NAM, (RETURNS / LUC_NAM).read_bytes())], ky="")))
    assert "quý II năm 2020" in done.one("h1").text() and _statuses(done)[("Huyện Lục Nam", "số liệu")] == "da-nop"
    assert list(_snapshot(kept)) == [LUC_NAM]


def test_a_write_that_fails_keeps_nothing_and_says_so(fresh, monkeypatch):
    app, client, kept = fresh
    finished(app, client, job_id(_send(client, EMPTY, [(LUC_NAM, (RETURNS / LUC_NAM).read_bytes())])))
    before = _snapshot(kept)
    real, calls = os.replace, []

    def third_fails(src, dst):          # the earlier file set aside, Lục Nam's renamed, then Hiệp Hòa's fails
        calls.append(dst)
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        return real(src, dst)

    monkeypatch.setattr(os, "replace", third_fails)
    response = _send(client, EMPTY, [(LUC_NAM, _edited(LUC_NAM)), (HIEP_HOA, (RETURNS / HIEP_HOA).read_bytes())])
    shown = refusal_page(response, 507)
    assert "đĩa đã đầy" in shown.text() and "không tệp nào" in shown.text()
    assert len(calls) >= 3 and _snapshot(kept) == before            # the earlier file back, no staged file left
    assert [p.name for p in kept.iterdir() if p.name.startswith(".") and p.name != ".cu"] == []
    assert len(app.extensions["reportgen_jobs"].latest(EMPTY)) == 1
    monkeypatch.setattr(os, "replace", real)
    real_sync, synced = os.fsync, []

    def second_fails(handle):           # the second file cannot be staged (the disk fills while writing it)
        synced.append(handle)
        if len(synced) == 2:
            raise OSError(28, "No space left on device")
        return real_sync(handle)

    monkeypatch.setattr(os, "fsync", second_fails)
    shown = refusal_page(_send(client, EMPTY, [(LUC_NAM, _edited(LUC_NAM)), (HIEP_HOA, (RETURNS / HIEP_HOA).read_bytes())]),
                         507)
    assert "đĩa đã đầy" in shown.text() and len(synced) == 2 and _snapshot(kept) == before
    assert [p.name for p in kept.iterdir() if p.name.startswith(".") and p.name != ".cu"] == []
    monkeypatch.setattr(os, "fsync", real_sync)
    kept.chmod(0o555)                   # tra-ve/ read-only (not for root, who writes there anyway)
    try:
        if not os.access(kept, os.W_OK):
            shown = refusal_page(_send(client, EMPTY, [(HIEP_HOA, (RETURNS / HIEP_HOA).read_bytes())]), 507)
            assert "không có quyền ghi" in shown.text() and _snapshot(kept) == before
    finally:
        kept.chmod(0o755)
    assert len(app.extensions["reportgen_jobs"].latest(EMPTY)) == 1


def test_collect_again_shows_the_table_after_a_restart_and_a_file_can_be_taken_out(site, tmp_path):
    app, client, root, outside = site
    plan = tmp_path / "goc" / PLAN
    plan_copy(plan)
    again = create_app(tmp_path / "goc", tmp_path / "ra")           # a fresh server: no job remembered
    client = again.test_client()
    folder = page(client.get(f"/ke-hoach/{PLAN}").get_data(as_text=True))
    listed = folder.one("section", id="tinh-trang-thu")
    names = [span.text() for span in listed.all("span", cls="ten-tep")]
    assert len(names) == 28 and LUC_NAM in names and "GHI-CHU.md" not in names
    done = press(again, client, PLAN, "thu-lai", ky="2020-Q2")
    statuses = _statuses(done)
    assert len(statuses) == 28 and set(statuses.values()) == {"da-nop"}

    returns = plan / "bao-cao-2020-q2" / "tra-ve"
    for wrong in ("../tien-do.yaml", "../../van-ban.yaml", "GHI-CHU.md", ".cu", "", f"./{LUC_NAM}"):
        data = {"csrf_token": token(client, f"/ke-hoach/{PLAN}"), "ky": "2020-Q2", "tep": wrong}
        refusal_page(client.post(f"/ke-hoach/{PLAN}/bo-tep", data=data), 404)
    assert (plan / "bao-cao-2020-q2" / "tien-do.yaml").is_file() and (plan / "van-ban.yaml").is_file()
    assert client.post(f"/ke-hoach/{PLAN}/bo-tep", data={"ky": "2020-Q2", "tep": LUC_NAM}).status_code == 400  # CSRF
    done = press(again, client, PLAN, "bo-tep", ky="2020-Q2", tep=LUC_NAM)
    assert LUC_NAM in done.one(id="da-bo").text()
    assert _statuses(done)[("Huyện Lục Nam", "số liệu")] == "chua-nop"
    assert not (returns / LUC_NAM).exists()
    assert [p.read_bytes() for p in (returns / ".cu").iterdir()] == [(RETURNS / LUC_NAM).read_bytes()]


def test_taking_out_a_period_s_last_file_leaves_every_unit_missing_not_a_refusal(fresh):
    app, client, kept = fresh
    finished(app, client, job_id(_send(client, EMPTY, [(LUC_NAM, (RETURNS / LUC_NAM).read_bytes())])))
    done = press(app, client, EMPTY, "bo-tep", ky="2020-Q2", tep=LUC_NAM)
    assert state(done) == "chua-khop"                    # "Chưa đủ biểu", not "Có tệp bị từ chối"
    assert set(_statuses(done).values()) == {"chua-nop"} and not done.all("section", id="loi-dau-vao")
    assert "tra-ve" not in " ".join(li.text() for li in done.all("li"))   # the folder is not "a file not usable"


def test_collect_again_and_taking_a_file_out_wait_for_the_folders_job(site, tmp_path):
    app, client, root, outside = site
    jobs = app.extensions["reportgen_jobs"]
    running = Job("dang-chay-gia", "build", PLAN, "Tạo văn bản", {}, state="dang-chay")
    with jobs._lock:                    # a job under way on the folder (held as the table holds one)
        jobs._jobs[running.id], jobs._busy[PLAN] = running, running.id
    try:
        for button, form in (("thu-lai", {"ky": "2020-Q2"}), ("bo-tep", {"ky": "2020-Q2", "tep": HIEP_HOA})):
            data = {"csrf_token": token(client, f"/ke-hoach/{PLAN}")} | form
            response = client.post(f"/ke-hoach/{PLAN}/{button}", data=data)
            assert response.status_code == 409 and "Tạo văn bản" in page(response.get_data(as_text=True)).one(
                id="ban").text()
        assert (root / PLAN / "bao-cao-2020-q2" / "tra-ve" / HIEP_HOA).is_file()
    finally:
        with jobs._lock:
            del jobs._jobs[running.id], jobs._busy[PLAN]


def test_files_set_aside_in_one_second_never_overwrite_each_other(tmp_path, monkeypatch):
    monkeypatch.setattr(uploads.time, "strftime", lambda *args: "20200701-080000")
    for n in range(3):
        (tmp_path / LUC_NAM).write_bytes(bytes([n]))
        uploads.set_aside(tmp_path / LUC_NAM, tmp_path)
    kept = {p.name: p.read_bytes() for p in (tmp_path / ".cu").iterdir()}
    assert sorted(kept.values()) == [b"\0", b"\1", b"\2"] and not (tmp_path / LUC_NAM).exists()
    assert "20200701-080000-so-lieu-Huyện-Lục-Nam-3.xlsx" in kept


def test_returns_are_kept_under_the_names_the_samples_returns_have():
    from reportgen.pipeline import parse_period
    from reportgen.pipeline.collect import returned_names
    from reportgen.pipeline.forms import plan_forms
    _, forms = plan_forms(SAMPLE, parse_period("2020-Q2"))
    assert set(returned_names(forms).values()) == {p.name for p in RETURNS.glob("*.xlsx")}
