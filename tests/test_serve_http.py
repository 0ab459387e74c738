"""`reportgen serve` over HTTP (Flask's test client), jobs really run in spawned processes: the index, a folder's
page, every button and the state its job ends in, findings at their lines, page images, downloads and zips, and
one job per folder at a time while two folders build together."""

from __future__ import annotations

import io
import os
import shutil
import time
import unicodedata
import zipfile
from urllib.parse import quote

import pytest

from reportgen.serve import create_app
from tests.conftest import SAMPLE, line_of, replace_once
from tests.serve_pages import finished, job_id, page, plan_copy, press, refusal_page, state, token

PLAN, NESTED = "bac-giang-2020", "vi-du/x"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """ROOT with the sample, a nested copy, a total broken, a YAML broken; hidden, output and linked-out folders
    that hold a van-ban.yaml but are no plan of the page's. Two jobs may run at once."""
    root = tmp_path_factory.mktemp("goc")
    for name in (PLAN, NESTED, "hong-tong", "hong-yaml"):
        plan_copy(root / name)
    replace_once(root / "hong-tong" / "bieu-01.yaml", "xa_ntm: [7, 11]", "xa_ntm: [7, 12]")
    replace_once(root / "hong-yaml" / "van-ban.yaml", "number: 552", "number: [552")
    out = root / "ket-qua"
    outside = tmp_path_factory.mktemp("ngoai")
    for fake in (root / ".an", root / "out" / "cu", out / "gia", outside / "kh"):
        fake.mkdir(parents=True)
        shutil.copy(SAMPLE / "van-ban.yaml", fake)
    os.symlink(outside / "kh", root / "ra-ngoai")
    app = create_app(root, out, slots=2)
    return app, app.test_client(), root, out


def test_the_index_lists_the_plan_folders_only(site):
    app, client, root, out = site
    response = client.get("/")
    assert response.status_code == 200 and response.headers["Content-Security-Policy"].startswith("default-src")
    shown = page(response.get_data(as_text=True))
    rows = shown.one("table", id="thu-muc").all("tr")[1:]
    links = [row.one("a", cls="thu-muc").attrs["href"] for row in rows]
    assert links == [f"/ke-hoach/{n}" for n in (PLAN, "hong-tong", "hong-yaml", NESTED)]
    assert all(row.one("td", cls="trang-thai").text().strip() == "chưa kiểm tra" for row in rows)


@pytest.mark.parametrize("name", [PLAN, NESTED])
def test_a_folder_page_has_every_button_with_its_token(site, name):
    app, client, root, out = site
    response = client.get(f"/ke-hoach/{name}")
    assert response.status_code == 200
    shown = page(response.get_data(as_text=True))
    buttons = {"kiem-tra": "kiem-tra", "tao": "tao", "bao-cao": "bao-cao", "xuat": "xuat", "bieu-nhap": "bieu-nhap",
               "thu-ve": "thu-ve"}
    for form_id, action in buttons.items():
        form = shown.one("form", id=form_id)
        assert form.attrs["method"] == "post" and form.attrs["action"] == f"/ke-hoach/{name}/{action}"
        assert form.one("input", name="csrf_token").attrs["value"]
    assert shown.one("form", id="tao").one("input", name="force").attrs["type"] == "checkbox"
    assert shown.one("form", id="xuat").one("input", name="theo_don_vi").attrs["type"] == "checkbox"
    upload = shown.one("form", id="thu-ve")
    assert upload.attrs["enctype"] == "multipart/form-data" and "multiple" in upload.one("input", name="tep").attrs
    assert [o.attrs["value"] for o in shown.one("datalist", id="cac-ky").all("option")] == \
        ["2020-Q1", "2020-Q2", "2020-H1", "2020"]


def test_check_of_the_sample_passes_and_the_index_says_so(site):
    app, client, root, out = site
    done = press(app, client, PLAN, "kiem-tra")
    assert state(done) == "xong"
    assert not done.all("section", cls="quy-tac", data_status="fail")
    unchecked = done.one("details", id="chua-kiem-tra")   # a check's page shows what it could not check, open
    assert "open" in unchecked.attrs and unchecked.all("section", cls="quy-tac", data_status="not_checkable")
    assert not done.all("section", id="phat-hien")         # nothing failed
    shown = page(client.get("/").get_data(as_text=True))
    row = next(r for r in shown.all("tr") if r.all("a", href=f"/ke-hoach/{PLAN}"))
    assert row.one("td", cls="trang-thai").attrs["data-state"] == "xong"


def test_a_broken_total_is_shown_under_its_rule_at_its_line(site):
    app, client, root, out = site
    done = press(app, client, "hong-tong", "kiem-tra")
    assert state(done) == "chua-khop"
    failed = done.one("section", id="phat-hien")          # the failure leads; what could not be checked waits folded
    rule = failed.one("section", cls="quy-tac", data_rule="column-sum")
    assert rule.attrs["data-status"] == "fail"
    assert "open" not in done.one("details", id="chua-kiem-tra").attrs
    assert not failed.all("section", cls="quy-tac", data_status="not_checkable")
    annex = root / "hong-tong" / "bieu-01.yaml"
    row, total = line_of(annex, "xa_ntm: [7, 12]"), line_of(annex, "xa_ntm: [101, 124]")
    finding = next(f for f in rule.all("li", cls="phat-hien") if "lệch 1" in f.text())
    blocks = finding.all("div", cls="vi-tri-khoi")
    texts = [span.text() for block in blocks for span in block.all("span", cls="vi-tri")]
    assert any(text.startswith(f"hong-tong/bieu-01.yaml:{total}") for text in texts)
    assert any(text.startswith(f"hong-tong/bieu-01.yaml:{row}:") for text in texts)
    # the rows summed and the total are near each other: one excerpt marks every place, not one excerpt each
    assert len(blocks) == 1
    shown = blocks[0].one("pre", cls="trich")
    marked = {int(line.one("span", cls="so").text()) for line in shown.all("span", cls="chinh")}
    assert {row, total} <= marked and len(marked) == len(texts)
    at_row = next(line for line in shown.all("span", cls="chinh") if line.one("span", cls="so").text() == str(row))
    assert "xa_ntm: [7, 12]" in at_row.text()
    index = page(client.get("/").get_data(as_text=True))
    listed = next(r for r in index.all("tr") if r.all("a", href="/ke-hoach/hong-tong"))
    assert listed.one("td", cls="trang-thai").attrs["data-state"] == "chua-khop"


def test_a_broken_yaml_is_an_input_error_at_its_line(site):
    app, client, root, out = site
    done = press(app, client, "hong-yaml", "kiem-tra")
    assert state(done) == "loi-dau-vao"
    problems = done.one("section", id="loi-dau-vao").all("li", cls="phat-hien")
    assert problems
    place = problems[0].one("div", cls="vi-tri-khoi")
    line = line_of(root / "hong-yaml" / "van-ban.yaml", "symbol: KH-BCĐ")
    assert place.one(cls="vi-tri").text() == f"hong-yaml/van-ban.yaml:{line}:7"   # as ROOT names it
    excerpt = place.one("pre", cls="trich")
    assert "number: [552" in excerpt.text() and "symbol: KH-BCĐ" in excerpt.one("span", cls="chinh").text()


@pytest.fixture(scope="module")
def built(site):
    """The sample and the nested copy built at the same time; a second build of the sample asked while the first
    runs is answered at once."""
    app, client, root, out = site
    csrf = token(client, f"/ke-hoach/{PLAN}")
    first = job_id(client.post(f"/ke-hoach/{PLAN}/tao", data={"csrf_token": csrf}))
    again = client.post(f"/ke-hoach/{PLAN}/tao", data={"csrf_token": csrf})
    other = job_id(client.post(f"/ke-hoach/{NESTED}/tao", data={"csrf_token": csrf}))
    jobs = app.extensions["reportgen_jobs"]
    running_together = False
    while not running_together and jobs.get(first).running and jobs.get(other).running:
        running_together = jobs.get(first).state == jobs.get(other).state == "dang-chay"
        time.sleep(0.02)
    pages = {PLAN: finished(app, client, first), NESTED: finished(app, client, other)}
    return {"first": first, "other": other, "again": again, "together": running_together, "pages": pages}


def test_a_second_build_of_a_folder_is_told_and_a_later_one_accepted(site, built):
    app, client, root, out = site
    again = built["again"]
    assert again.status_code == 409
    busy = page(again.get_data(as_text=True))
    said = busy.one("p", id="ban")
    assert PLAN in said.text() and "Tạo văn bản" in said.text()
    assert busy.all("a", href=f"/viec/{built['first']}")
    later = client.post(f"/ke-hoach/{PLAN}/kiem-tra", data={"csrf_token": token(client, f"/ke-hoach/{PLAN}")})
    assert state(finished(app, client, job_id(later))) == "xong"


def test_two_folders_build_at_the_same_time(site, built):
    app, client, root, out = site
    assert built["together"]
    for name, done in built["pages"].items():
        assert state(done) == "xong", done.one(id="ket-qua").text()
        assert sorted(p.name for p in (out / name).iterdir() if p.is_file() and not p.name.startswith(".")) == \
            ["ke-hoach-552-kh-bcd.docx", "ke-hoach-552-kh-bcd.pdf", "ke-hoach-552-kh-bcd.xlsx", "manifest.json"]


def test_the_built_pdf_downloads_with_its_bytes_and_its_pages_are_images(site, built):
    app, client, root, out = site
    done = built["pages"][PLAN]
    # the documents lead; what the check could not compute waits folded behind one line with its count
    folded = done.one("details", id="chua-kiem-tra")
    assert "open" not in folded.attrs and folded.all("section", cls="quy-tac", data_status="not_checkable")
    count = len(folded.all("li", cls="phat-hien"))
    assert f"không kiểm tra được ({count})" in folded.one("summary").text()
    links = [a.attrs["href"] for a in done.all("a", cls="tai-ve")]
    pdf = next(link for link in links if link.endswith(".pdf"))
    assert pdf == f"/tai/{PLAN}/ke-hoach-552-kh-bcd.pdf"
    response = client.get(pdf)
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.data == (out / PLAN / "ke-hoach-552-kh-bcd.pdf").read_bytes()
    images = [img.attrs["src"] for img in done.all("img", cls="trang")]
    assert len(images) > 5 and images[0] == f"/anh/{built['first']}/0/1.png"
    image = client.get(images[0])
    assert image.status_code == 200 and image.mimetype == "image/png" and image.data[:8] == b"\x89PNG\r\n\x1a\n"
    assert client.get(f"/anh/{built['first']}/0/{len(images) + 1}.png").status_code == 404
    assert client.get(f"/anh/{built['other']}x/0/1.png").status_code == 404
    nested = [a.attrs["href"] for a in built["pages"][NESTED].all("a", cls="tai-ve")]
    assert f"/tai/{NESTED}/ke-hoach-552-kh-bcd.pdf" in nested
    listed = page(client.get(f"/ke-hoach/{PLAN}").get_data(as_text=True)).one("section", id="tep-ra")
    assert pdf in [a.attrs["href"] for a in listed.all("a", cls="tai-ve")]


def test_the_report_of_a_period(site, built):
    app, client, root, out = site
    done = press(app, client, PLAN, "bao-cao", ky="2020-Q2")
    assert state(done) == "xong"
    links = [a.attrs["href"] for a in done.all("a", cls="tai-ve")]
    assert f"/tai/{PLAN}/bao-cao-2020-q2/bao-cao-98-bc-bcd-2020-q2.pdf" in links
    assert done.all("img", cls="trang")
    assert client.get(links[0]).data == (out / links[0].removeprefix("/tai/")).read_bytes()
    bad = client.post(f"/ke-hoach/{PLAN}/bao-cao", data={"csrf_token": token(client, f"/ke-hoach/{PLAN}"), "ky": "2020-Q5"})
    assert "2020-Q5" in refusal_page(bad, 400).text()


def test_export_by_unit_downloads_as_one_zip(site, built):
    app, client, root, out = site
    done = press(app, client, PLAN, "xuat", theo_don_vi="on")
    assert state(done) == "xong"
    link = done.one("a", id="tai-zip").attrs["href"]
    assert link == f"/zip/{PLAN}/bieu"
    response = client.get(link)
    assert response.status_code == 200 and response.mimetype == "application/zip"
    names = set(zipfile.ZipFile(io.BytesIO(response.data)).namelist())
    on_disk = {p.relative_to(out / PLAN / "bieu").as_posix() for p in (out / PLAN / "bieu").rglob("*")
               if p.is_file() and not any(part.startswith(".") for part in p.parts[len(out.parts):])}
    assert names == on_disk
    assert {"bieu-01.xlsx", "bieu-05.pdf", "Huyện-Lục-Nam/bieu-01.pdf"} <= names
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        assert archive.read("bieu-01.xlsx") == (out / PLAN / "bieu" / "bieu-01.xlsx").read_bytes()


def test_forms_of_a_period(site, built):
    app, client, root, out = site
    done = press(app, client, PLAN, "bieu-nhap", ky="2020-Q2")
    assert state(done) == "xong"
    assert done.one("a", id="tai-zip").attrs["href"] == f"/zip/{PLAN}/bieu-nhap-2020-q2"
    names = zipfile.ZipFile(io.BytesIO(client.get(f"/zip/{PLAN}/bieu-nhap-2020-q2").data)).namelist()
    assert len([n for n in names if n.endswith(".xlsx")]) == 28


def test_an_unknown_job_is_a_vietnamese_404(site):
    app, client, root, out = site
    shown = refusal_page(client.get("/viec/khong-co"), 404)
    assert "Không có việc này" in shown.text()
    refusal_page(client.get("/khong-co-trang-nay"), 404)
    assert client.get("/anh/khong-co/0/1.png").status_code == 404



def test_one_job_per_folder_on_disk_whatever_the_url_spells(tmp_path):
    """Another Unicode normalization of a Vietnamese name is the same folder: told 409. A link inside ROOT to it
    would give the plan a second name, page and output folder: refused."""
    name = unicodedata.normalize("NFC", "Lạng-Sơn")
    plan_copy(tmp_path / name)
    os.symlink(tmp_path / name, tmp_path / "ban-sao")
    app = create_app(tmp_path, tmp_path / "ra", slots=2)
    client = app.test_client()
    csrf = token(client, f"/ke-hoach/{quote(name)}")
    first = job_id(client.post(f"/ke-hoach/{quote(name)}/kiem-tra", data={"csrf_token": csrf}))
    again = client.post(f"/ke-hoach/{quote(unicodedata.normalize('NFD', name))}/kiem-tra", data={"csrf_token": csrf})
    assert again.status_code == 409
    assert page(again.get_data(as_text=True)).all("a", href=f"/viec/{first}")
    linked = refusal_page(client.post("/ke-hoach/ban-sao/kiem-tra", data={"csrf_token": csrf}), 404)
    assert "liên kết" in linked.text()
    assert state(finished(app, client, first)) == "xong"
    index = page(client.get("/").get_data(as_text=True))
    assert [a.attrs["href"] for a in index.all("a", cls="thu-muc")] == [f"/ke-hoach/{quote(name)}"]   # not the link


def test_a_folder_stored_decomposed_is_listed_and_opened_in_either_form(tmp_path):
    """A folder copied from a Mac keeps its name decomposed (NFD); punctuation such as "(bản 2)" is a plan too."""
    stored = unicodedata.normalize("NFD", "Bắc-Ninh (bản 2)")
    plan_copy(tmp_path / stored)
    client = create_app(tmp_path, tmp_path / "ra").test_client()
    nfc = unicodedata.normalize("NFC", stored)
    index = page(client.get("/").get_data(as_text=True))
    assert [a.attrs["href"] for a in index.all("a", cls="thu-muc")] == [f"/ke-hoach/{quote(nfc, safe='/()')}"]
    for spelling in (nfc, stored):
        assert client.get(f"/ke-hoach/{quote(spelling)}").status_code == 200


def test_an_overlong_name_is_refused_not_an_error(site):
    app, client, root, out = site
    for url in ("/tai/" + "a" * 300, "/zip/" + "a" * 300, "/ke-hoach/" + "ế" * 90, f"/ke-hoach/{PLAN}/" + "a" * 300):
        refusal_page(client.get(url), 404, 405)
