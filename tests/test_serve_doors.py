"""Both front doors give one outcome one exit code (DESIGN "Front doors"): the CLI's exit and the page's job state
(jobs.STATES) agree for a failed rule, an edited output, one open in LibreOffice, an export part that cannot be
written and a collect with forms missing; both give the same advice; and the index's last check is the check's
verdict, not the job's end."""

from __future__ import annotations

import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from reportgen.cli import main
from reportgen.serve import create_app
from reportgen.serve.jobs import STATES
from tests.conftest import SAMPLE, replace_once
from tests.serve_pages import finished, job_id, page, plan_copy, state, token

DOCX = "ke-hoach-552-kh-bcd.docx"
RETURN = "so-lieu-Huyện-Hiệp-Hòa.xlsx"
FORCE_CLI, FORCE_PAGE = "chạy lại với --force", "đánh dấu «Ghi cả khi tệp đã bị sửa»"


@dataclass
class Case:
    setup: Callable[[Path, Path], None]      # (the plan's copy, its output folder OUT/<name>)
    cli: Callable[[Path, Path, Path], list[str]]   # (plan, OUT/<name>, a scratch folder) -> argv
    button: str
    form: dict
    code: int
    words: str                               # the page's words for the job's state
    said: tuple[str, ...] = ()               # in the CLI's output and on the job page alike
    index: str = ""                          # the index's last check afterwards ("" chưa kiểm tra)


def _break_total(plan: Path, out: Path) -> None:
    replace_once(plan / "bieu-01.yaml", "xa_ntm: [7, 11]", "xa_ntm: [7, 12]")


def _edited(plan: Path, out: Path) -> None:
    out.mkdir(parents=True)
    (out / DOCX).write_bytes(b"sua tay")     # no manifest lists it: an edit the build would lose


def _open_in_libreoffice(plan: Path, out: Path) -> None:
    _edited(plan, out)
    (out / f".~lock.{DOCX}#").write_bytes(b"owner")


def _file_where_a_district_goes(plan: Path, out: Path) -> None:
    (out / "bieu").mkdir(parents=True)
    (out / "bieu" / "Huyện-Tân-Yên").write_bytes(b"")


def _nothing_returned(plan: Path, out: Path) -> None:
    shutil.rmtree(plan / "bao-cao-2020-q2" / "tra-ve")
    (plan / "bao-cao-2020-q2" / "tien-do.yaml").unlink()


def _new_plan(plan: Path, out: Path) -> None:
    """A plan `new` wrote (no annex yet): no form to send."""
    shutil.rmtree(plan)
    assert main(["new", str(plan), "--kind", "ke-hoach", "--province", "Hà Tĩnh", "--year", "2021"]) == 0


def _one_return(plan: Path, out: Path, scratch: Path) -> list[str]:
    scratch.mkdir()
    shutil.copy(SAMPLE / "bao-cao-2020-q2" / "tra-ve" / RETURN, scratch)
    return ["collect", str(plan), "--period", "2020-Q2", str(scratch)]


CASES = {
    "rules-failed": Case(_break_total, lambda plan, out, _: ["build", str(plan), "-o", str(out)], "tao", {}, 1,
                         "Số liệu chưa khớp", index="Số liệu chưa khớp"),
    "edited-output": Case(_edited, lambda plan, out, _: ["build", str(plan), "-o", str(out)], "tao", {}, 73,
                          "Không ghi được", (f"{DOCX}: không có trong manifest.json", "Lưu các chỗ sửa vào tệp đầu vào",
                                             "để vẫn thay")),
    "open-in-libreoffice": Case(_open_in_libreoffice, lambda plan, out, _: ["build", str(plan), "-o", str(out),
                                                                           "--force"],
                                "tao", {"force": "on"}, 73, "Không ghi được",
                                (f"có tệp khóa .~lock.{DOCX}#", "Đóng các tệp đó rồi chạy lại")),
    "export-part-not-written": Case(_file_where_a_district_goes,
                                    lambda plan, out, _: ["export", str(plan), "--by-unit", "-o", str(out / "bieu")],
                                    "xuat", {"theo_don_vi": "on"}, 1, "Có phần không viết được",
                                    index="Số liệu khớp"),
    "collect-forms-missing": Case(_nothing_returned, _one_return, "thu-ve",
                                  {"ky": "2020-Q2"}, 1, "Chưa đủ biểu", ("chưa đủ biểu",)),
    "forms-nothing-to-write": Case(_new_plan, lambda plan, out, _: ["forms", str(plan), "--period", "2021-Q1", "-o",
                                                                    str(out / "bieu-nhap-2021-q1")],
                                   "bieu-nhap", {"ky": "2021-Q1"}, 2, "Đầu vào có lỗi",
                                   ("không có biểu nhập nào để viết",)),
    # the sample's tien-do.yaml was typed by hand: kept, as build keeps an edited output
    "collect-hand-typed-progress": Case(lambda plan, out: None,
                                        lambda plan, out, _: ["collect", str(plan), "--period", "2020-Q2",
                                                              str(plan / "bao-cao-2020-q2" / "tra-ve")],
                                        "thu-ve", {"ky": "2020-Q2"}, 73, "Không ghi được",
                                        ("không do reportgen collect viết (có thể được gõ tay): không thay. Đổi tên "
                                         "hoặc chuyển tệp đó đi, hoặc",)),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("goc")
    out = root / "ket-qua"      # OUT inside ROOT: the page names a folder as the CLI does (ket-qua/<plan>)
    app = create_app(root, out, slots=2)
    return app, app.test_client(), root, out


def _press(app, client, name: str, button: str, form: dict):
    data = {"csrf_token": token(client, f"/ke-hoach/{name}")} | form
    if button == "thu-ve":
        data["tep"] = [(io.BytesIO((SAMPLE / "bao-cao-2020-q2" / "tra-ve" / RETURN).read_bytes()), RETURN)]
        return finished(app, client, job_id(client.post(f"/ke-hoach/{name}/thu-ve", data=data,
                                                        content_type="multipart/form-data")))
    return finished(app, client, job_id(client.post(f"/ke-hoach/{name}/{button}", data=data)))


def _last_check(client, name: str) -> str:
    shown = page(client.get("/").get_data(as_text=True))
    row = next(r for r in shown.all("tr") if r.all("a", href=f"/ke-hoach/{name}"))
    cell = row.one("td", cls="trang-thai")
    return cell.all("span")[0].text().strip() if cell.all("span") else ""


@pytest.mark.parametrize("name", list(CASES))
def test_both_doors_give_one_outcome_one_code(site, tmp_path, capsys, monkeypatch, name):
    app, client, root, out = site
    case = CASES[name]
    plan = plan_copy(root / name)
    case.setup(plan, out / name)
    monkeypatch.chdir(root)     # the CLI names paths as the page's jobs do (relative to ROOT)
    assert main(case.cli(plan, out / name, tmp_path / "gui-ve")) == case.code
    printed = capsys.readouterr()
    done = _press(app, client, name, case.button, case.form)
    assert state(done) == STATES[case.code]
    assert done.one(id="trang-thai").text().strip() == case.words
    message = done.one(id="ket-qua").text()
    for words in case.said:
        assert words in printed.out + printed.err and words in message, words
    assert _last_check(client, name) == case.index


def test_an_edited_output_is_named_in_its_folder_with_each_doors_force(site, capsys, monkeypatch):
    app, client, root, out = site
    plan = plan_copy(root / "sua")
    _edited(plan, out / "sua")
    monkeypatch.chdir(root)
    assert main(["build", str(plan), "-o", str(out / "sua")]) == 73
    err = capsys.readouterr().err
    message = _press(app, client, "sua", "tao", {}).one(id="ket-qua").text()
    for said, force, other in ((err, FORCE_CLI, FORCE_PAGE), (message, FORCE_PAGE, FORCE_CLI)):
        assert "Không viết tệp nào vào ket-qua/sua: các tệp sau sẽ bị thay" in said
        assert f"hoặc {force} để vẫn thay" in said and other not in said
    # the job page offers the same job again with force, one click: the edit kept beside the new file
    held = _press(app, client, "sua", "tao", {})
    again = held.one("form", id="ghi-de")
    assert again.attrs["action"] == "/ke-hoach/sua/tao" and again.one("input", name="force").attrs["value"] == "on"
    data = {i.attrs["name"]: i.attrs["value"] for i in again.all("input")}
    forced = finished(app, client, job_id(client.post(again.attrs["action"], data=data)))
    assert state(forced) == "xong" and list((out / "sua").glob("*-da-sua-*"))
    assert not forced.all("form", id="ghi-de")


def test_a_locked_output_says_close_it_and_offers_no_force(site, capsys, monkeypatch):
    app, client, root, out = site
    plan = plan_copy(root / "khoa")
    _open_in_libreoffice(plan, out / "khoa")
    message = _press(app, client, "khoa", "tao", {"force": "on"}).one(id="ket-qua").text()
    assert "Không viết tệp nào vào ket-qua/khoa: các tệp sau đang mở trong chương trình khác" in message
    assert f"tệp đang mở không bị thay, kể cả khi {FORCE_PAGE}" in message and "để vẫn thay" not in message
    held = _press(app, client, "khoa", "tao", {})
    assert not held.all("form", id="ghi-de")             # force cannot replace a file open in another program


@pytest.mark.parametrize("form", ["tao", "bao-cao", "xuat", "bieu-nhap"])
def test_every_button_that_writes_has_the_force_box(site, form):
    app, client, root, out = site
    if not (root / "o-ghi").exists():
        plan_copy(root / "o-ghi")
    shown = page(client.get("/ke-hoach/o-ghi").get_data(as_text=True))
    box = shown.one("form", id=form).one("input", name="force")
    assert box.attrs["type"] == "checkbox"
    assert box.parent.text().strip() == "Ghi cả khi tệp đã bị sửa (giữ bản đã sửa bên cạnh)"


def test_a_hand_typed_progress_file_is_replaced_when_the_page_forces_it(site, capsys, monkeypatch):
    app, client, root, out = site
    plan = plan_copy(root / "go-tay")
    typed = (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_bytes()
    kept = _press(app, client, "go-tay", "thu-ve", {"ky": "2020-Q2"})
    assert state(kept) == "loi-ghi" and f"hoặc {FORCE_PAGE} để thay" in kept.one(id="ket-qua").text()
    assert FORCE_CLI not in kept.one(id="ket-qua").text()
    assert (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_bytes() == typed
    assert page(client.get("/ke-hoach/go-tay").get_data(as_text=True)).one("form", id="thu-lai").all(
        "input", name="force")                             # the box the advice names is on the page
    forced = _press(app, client, "go-tay", "thu-lai", {"ky": "2020-Q2", "force": "on"})
    assert state(forced) == "xong"
    assert (plan / "bao-cao-2020-q2" / "tien-do.yaml").read_bytes() != typed
    # replaced as an edited output is: the hand-typed file stays beside it, and the page says where
    copies = list((plan / "bao-cao-2020-q2").glob("tien-do-da-sua-*.yaml"))
    assert [c.read_bytes() for c in copies] == [typed]
    assert copies[0].name in forced.one(id="ket-qua").text()


def test_a_refusal_has_one_code_for_both_doors():
    """pipeline.refused_code is the one place a refusal gets its number: the CLI returns it, the page shows it."""
    from reportgen import pipeline
    from reportgen.errors import ReportgenError, UsageError
    for error, code in ((UsageError("kỳ sai"), 64), (ReportgenError([]), 2),
                        (pipeline.WriteError(Path("a"), "đĩa đầy"), 73), (pipeline.ProtectedError([]), 73)):
        assert pipeline.refused_code(error) == code
    with pytest.raises(TypeError):
        pipeline.refused_code(ValueError("a bug is no refusal"))
