"""Returned workbooks sent through `reportgen serve`: two districts' returns collected into the status table, a
corrected return keeping the earlier one; and every upload refused (name, content, zip bomb, count, size, a tra-ve/
linking out) without a file kept."""

from __future__ import annotations

import io
import os
import shutil
import zipfile

import pytest
from openpyxl import load_workbook

from reportgen.serve import create_app
from tests.conftest import SAMPLE
from tests.serve_pages import finished, job_id, plan_copy, refusal_page, state, token

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
