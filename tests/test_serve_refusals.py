"""What `reportgen serve` refuses (issue #18, "Nobody gets in where they should not"): paths outside ROOT or OUT in
every spelling, a form without its CSRF token, a request without a password session, a redirect to another site,
a Host that is not this machine; an internal error's page; and `serve` refusing to open to the network without a
password. Each refusal is a Vietnamese page without a traceback, and starts no job."""

from __future__ import annotations

import io
import os
import time
import shutil
import zipfile

import pytest

from reportgen.cli import main
from reportgen.serve import create_app
from tests.conftest import SAMPLE
from tests.serve_pages import finished, job_id, page, plan_copy, refusal_page, state, token

PLAN = "bac-giang-2020"
PASSWORD = "mat-khau-dai"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """ROOT with the sample and a link out of ROOT to a plan folder; OUT with a file, a hidden file, a link to a
    file outside and a link to a folder outside."""
    root = tmp_path_factory.mktemp("goc")
    outside = tmp_path_factory.mktemp("ngoai")
    plan_copy(root / PLAN)
    (outside / "kh").mkdir()
    shutil.copy(SAMPLE / "van-ban.yaml", outside / "kh")
    (outside / "bi-mat.pdf").write_bytes(b"%PDF-1.7 bi mat")
    os.symlink(outside / "kh", root / "ra-ngoai")
    out = tmp_path_factory.mktemp("ra")
    (out / PLAN / "bieu").mkdir(parents=True)
    (out / PLAN / "that.pdf").write_bytes(b"%PDF-1.7 that")
    (out / PLAN / ".khoa").write_bytes(b"lock")
    (out / PLAN / "bieu" / "bieu-01.xlsx").write_bytes(b"PK bieu")
    os.symlink(outside / "bi-mat.pdf", out / PLAN / "lo.pdf")
    os.symlink(outside / "bi-mat.pdf", out / PLAN / "bieu" / "lo.pdf")
    os.symlink(outside, out / PLAN / "ngoai")
    app = create_app(root, out)
    return app, app.test_client(), root, out


def _no_job(app):
    jobs = app.extensions["reportgen_jobs"]
    return not jobs.latest(PLAN) and not jobs.latest("ra-ngoai")


# Paths ------------------------------------------------------------------------------------------------------------

FOLDERS = [
    "../etc",                       # .. as typed
    "%2e%2e/etc",                   # encoded once: the view sees ../etc
    "%252e%252e/etc",               # encoded twice: the view sees %2e%2e/etc, never decoded again
    f"{PLAN}/../{PLAN}",            # .. that stays inside ROOT is refused too
    f"{PLAN}/%2e%2e/{PLAN}",
    f"{PLAN}%5c..%5c..",            # a backslash
    f"{PLAN}%00",                   # NUL
    "ra-ngoai",                     # a link inside ROOT to a plan folder outside it
    "etc",                          # what //etc is redirected to: not a plan folder of ROOT
]


@pytest.mark.parametrize("name", FOLDERS)
def test_a_plan_folder_outside_root_in_any_spelling_is_refused(site, name):
    app, client, root, out = site
    refusal_page(client.get(f"/ke-hoach/{name}"), 400, 404)
    csrf = token(client, f"/ke-hoach/{PLAN}")
    for button in ("kiem-tra", "tao", "bao-cao", "xuat", "bieu-nhap"):
        refusal_page(client.post(f"/ke-hoach/{name}/{button}", data={"csrf_token": csrf, "ky": "2020-Q2"}), 400, 404)
    assert _no_job(app)


def test_a_report_s_folder_inside_its_plan_is_no_plan(site):
    """bao-cao-2020-q2/ holds a van-ban.yaml too, but is the plan's: the index leaves it out and its URL is refused,
    so no second job key (and no second output folder) is made for the plan's report."""
    app, client, root, out = site
    report = f"{PLAN}/bao-cao-2020-q2"
    assert (root / report / "van-ban.yaml").is_file()
    shown = refusal_page(client.get(f"/ke-hoach/{report}"), 404)
    assert "thư mục của một báo cáo" in shown.text()
    csrf = token(client, f"/ke-hoach/{PLAN}")
    refusal_page(client.post(f"/ke-hoach/{report}/tao", data={"csrf_token": csrf}), 404)
    assert not app.extensions["reportgen_jobs"].latest(report)


def test_an_absolute_path_never_reaches_a_view(site):
    app, client, root, out = site
    response = client.get("/ke-hoach//etc")          # werkzeug merges the slashes: /ke-hoach/etc, refused above
    assert response.status_code == 308 and response.headers["Location"].endswith("/ke-hoach/etc")
    refusal_page(client.get("/tai//etc/passwd", follow_redirects=True), 404)
    assert "ra-ngoai" not in client.get("/").get_data(as_text=True)


DOWNLOADS = [
    "/tai/%2e%2e/%2e%2e/etc/passwd", "/tai/../etc/passwd", "/tai/%252e%252e/etc/passwd", f"/tai/{PLAN}%5cthat.pdf",
    f"/tai/{PLAN}/that.pdf%00", f"/tai/{PLAN}/lo.pdf", f"/tai/{PLAN}/bieu/lo.pdf", f"/tai/{PLAN}/ngoai/bi-mat.pdf",
    f"/tai/{PLAN}/.khoa", f"/tai/{PLAN}/bieu", "/zip/..", f"/zip/{PLAN}/ngoai", "/zip/%2e%2e", f"/zip/{PLAN}/that.pdf",
]


@pytest.mark.parametrize("url", DOWNLOADS)
def test_a_download_outside_out_or_through_a_link_is_refused(site, url):
    app, client, root, out = site
    response = client.get(url)
    refusal_page(response, 400, 404)
    assert b"bi mat" not in response.data


def test_the_files_inside_out_download_and_a_zip_leaves_links_out(site):
    app, client, root, out = site
    response = client.get(f"/tai/{PLAN}/that.pdf")
    assert response.status_code == 200 and response.data == b"%PDF-1.7 that"
    zipped = client.get(f"/zip/{PLAN}/bieu")
    assert zipped.status_code == 200
    assert zipfile.ZipFile(io.BytesIO(zipped.data)).namelist() == ["bieu-01.xlsx"]
    odd = os.fsencode(out / PLAN / "bieu") + b"/t\xeap-la.xlsx"   # a name no encoding reads (an archive's)
    with open(odd, "wb") as stream:
        stream.write(b"x")
    zipped = client.get(f"/zip/{PLAN}/bieu")
    assert zipped.status_code == 200 and zipfile.ZipFile(io.BytesIO(zipped.data)).namelist() == ["bieu-01.xlsx"]
    listed = client.get(f"/ke-hoach/{PLAN}").get_data(as_text=True)   # a folder linked out: not even its names
    assert "bi-mat" not in listed and "ngoai" not in listed and "bieu-01.xlsx" in listed


# CSRF, password, redirects, Host ------------------------------------------------------------------------------

def test_a_post_without_its_csrf_token_is_refused(site):
    app, client, root, out = site
    token(client, f"/ke-hoach/{PLAN}")                 # the session holds a token; the form does not send it
    for data in ({}, {"csrf_token": "gia-mao"}):
        shown = refusal_page(client.post(f"/ke-hoach/{PLAN}/kiem-tra", data=data), 400)
        assert "CSRF" in shown.text()
    other = create_app(root, out).test_client()        # a token of another session is no token
    refusal_page(other.post(f"/ke-hoach/{PLAN}/kiem-tra", data={"csrf_token": token(client, f"/ke-hoach/{PLAN}")}),
                 400)
    assert _no_job(app)


@pytest.fixture
def locked(site):
    app, client, root, out = site
    locked = create_app(root, out, password=PASSWORD, loopback=False)
    return locked, locked.test_client()


def _login(client, password: str, next_url: str = ""):
    csrf = token(client, "/dang-nhap")
    return client.post("/dang-nhap" + (f"?tiep={next_url}" if next_url else ""),
                       data={"csrf_token": csrf, "mat_khau": password})


def test_with_a_password_every_request_needs_a_session(locked):
    app, client = locked
    for url in ("/", f"/ke-hoach/{PLAN}", f"/tai/{PLAN}/that.pdf", "/viec/x"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/dang-nhap?tiep=/")
    csrf = token(client, "/dang-nhap")                  # a token, but no session: still refused
    refusal_page(client.post(f"/ke-hoach/{PLAN}/kiem-tra", data={"csrf_token": csrf}), 401)
    wrong = _login(client, "mat-khau-sai")
    assert wrong.status_code == 401 and page(wrong.get_data(as_text=True)).all(id="sai")
    assert client.get("/").status_code == 302
    right = _login(client, PASSWORD, f"/ke-hoach/{PLAN}")
    assert right.status_code == 303 and right.headers["Location"] == f"/ke-hoach/{PLAN}"
    assert client.get(f"/tai/{PLAN}/that.pdf").data == b"%PDF-1.7 that"
    done = finished(app, client, job_id(client.post(f"/ke-hoach/{PLAN}/kiem-tra",
                                                    data={"csrf_token": token(client, f"/ke-hoach/{PLAN}")})))
    assert state(done) == "xong"
    client.post("/dang-xuat", data={"csrf_token": token(client, "/")})
    assert client.get("/").status_code == 302


@pytest.mark.parametrize("target", ["//evil.example", "https://evil.example/", "/\\evil.example", "%2F%2Fevil.example",
                                    "/%2F/evil.example", "/%09/evil.example", "/%0a/evil.example", "/%0d/evil.example",
                                    "/%20/evil.example"])
def test_the_login_never_redirects_to_another_site(locked, target):
    app, client = locked
    response = _login(client, PASSWORD, target)
    assert response.status_code == 303
    assert response.headers["Location"] == "/"


def test_logging_out_ends_the_session_even_for_a_copied_cookie(locked):
    app, client = locked
    assert _login(client, PASSWORD).status_code == 303
    copied = client.get_cookie("reportgen").value        # what someone who saw the cookie would keep
    client.post("/dang-xuat", data={"csrf_token": token(client, "/")})
    thief = app.test_client()
    thief.set_cookie("reportgen", copied)
    assert thief.get("/").status_code == 302             # the server forgot the login: the old cookie opens nothing
    assert _login(client, PASSWORD).status_code == 303 and client.get("/").status_code == 200


def test_wrong_passwords_are_answered_at_once_and_limited(locked):
    app, client = locked
    started = time.monotonic()
    codes = [_login(client, f"sai-{n}").status_code for n in range(5)]
    assert codes == [401] * 5 and time.monotonic() - started < 2     # no sleeping worker threads
    held = _login(client, PASSWORD)                      # the limit holds even for the right password now
    assert held.status_code == 429 and "thử lại sau" in page(held.get_data(as_text=True)).one(id="cho").text()
    other = app.test_client()                            # another address is not held by this one's tries
    other.environ_base["REMOTE_ADDR"] = "127.0.0.2"
    assert _login(other, PASSWORD).status_code == 303


def test_wrong_passwords_from_many_addresses_do_not_lock_the_office_out(locked):
    app, client = locked
    for number in range(12):                             # 60 wrong tries from 12 machines
        sprayer = app.test_client()
        sprayer.environ_base["REMOTE_ADDR"] = f"10.0.0.{number}"
        assert [_login(sprayer, "sai").status_code for _ in range(5)] == [401] * 5
    clerk = app.test_client()
    clerk.environ_base["REMOTE_ADDR"] = "10.0.1.1"
    assert _login(clerk, PASSWORD).status_code == 303


def test_behind_a_proxy_the_client_address_comes_from_it(site, served):
    app, client, root, out = site
    assert main(["serve", str(root), "--proxy", "127.0.0.1"]) == 0
    (_, options), = served
    assert options["trusted_proxy"] == "127.0.0.1" and options["trusted_proxy_headers"] == "x-forwarded-for"
    assert options["clear_untrusted_proxy_headers"] is True


def test_on_loopback_only_this_machine_s_names_are_answered(site, locked):
    app, client, root, out = site
    for host in ("evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example:8000",
                 "[::2]:8000"):
        shown = refusal_page(client.get("/", headers={"Host": host}), 400)
        assert "chính máy này" in shown.text()
        refusal_page(client.post(f"/ke-hoach/{PLAN}/kiem-tra", headers={"Host": host}), 400)
    for host in ("localhost:8000", "127.0.0.1", "127.0.0.1:8000", "[::1]:8000", "LOCALHOST"):
        assert client.get("/", headers={"Host": host}).status_code == 200, host
    loopback_with_password = create_app(root, out, password=PASSWORD).test_client()
    refusal_page(loopback_with_password.get("/", headers={"Host": "evil.example"}), 400)
    network_app, network = locked                       # behind the office's own network: any name
    assert network.get("/", headers={"Host": "may-chu.van-phong"}).status_code == 302


def test_an_internal_error_is_a_vietnamese_500_without_its_traceback(site, monkeypatch):
    app, client, root, out = site

    def broken(*args, **kwargs):
        raise RuntimeError("chi-tiet-noi-bo /etc/shadow")

    monkeypatch.setattr("reportgen.serve.routes.plan_folders", broken)
    response = client.get("/")
    shown = refusal_page(response, 500)
    assert "Lỗi nội bộ" in shown.text() and "chi-tiet-noi-bo" not in response.get_data(as_text=True)
    assert "RuntimeError" not in response.get_data(as_text=True)
    monkeypatch.setattr("reportgen.serve.routes.output_listing", broken)
    refusal_page(client.get(f"/ke-hoach/{PLAN}"), 500)


# The command ------------------------------------------------------------------------------------------------------

@pytest.fixture
def served(monkeypatch):
    """waitress.serve replaced: what the command would have served, instead of serving it."""
    import waitress
    calls = []
    monkeypatch.setattr(waitress, "serve", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.delenv("REPORTGEN_PASSWORD", raising=False)
    return calls


def test_serve_refuses_the_network_without_a_long_password(site, served, monkeypatch, capsys):
    app, client, root, out = site
    assert main(["serve", str(root), "--host", "0.0.0.0"]) == 64
    said = capsys.readouterr().err
    assert "không mở trang ra mạng" in said and "REPORTGEN_PASSWORD" in said
    monkeypatch.setenv("REPORTGEN_PASSWORD", "ngan")
    assert main(["serve", str(root), "--host", "192.168.1.5"]) == 64
    assert "ít nhất 8 ký tự" in capsys.readouterr().err
    assert served == []
    monkeypatch.setenv("REPORTGEN_PASSWORD", PASSWORD)
    assert main(["serve", str(root), "--host", "0.0.0.0", "--port", "8123", "--out", str(out)]) == 0
    (network, options), = served
    assert options["host"] == "0.0.0.0" and options["port"] == 8123
    assert network.config["PASSWORD"] == PASSWORD and network.config["LOOPBACK_HOSTS"] is None


def test_serve_on_loopback_needs_no_password_and_a_missing_root_is_refused(site, served, tmp_path, capsys):
    app, client, root, out = site
    assert main(["serve", str(tmp_path / "khong-co")]) == 64
    assert "không có thư mục" in capsys.readouterr().err
    assert main(["serve", str(root), "--out", str(out)]) == 0
    (local, options), = served
    assert options["host"] == "127.0.0.1" and local.config["PASSWORD"] is None
    assert local.config["LOOPBACK_HOSTS"] is not None


@pytest.mark.parametrize("option", [["--port", "70000"], ["--port", "0"], ["--port", "tám"], ["--threads", "0"]])
def test_serve_refuses_a_port_or_thread_count_it_could_not_honour(site, served, option, capsys):
    app, client, root, out = site
    with pytest.raises(SystemExit) as stopped:
        main(["serve", str(root), *option])
    assert stopped.value.code == 64 and "số nguyên từ" in capsys.readouterr().err
    assert served == []


def test_a_short_password_is_refused_on_loopback_too(site, served, monkeypatch, capsys):
    app, client, root, out = site
    monkeypatch.setenv("REPORTGEN_PASSWORD", "abc")
    assert main(["serve", str(root)]) == 64 and "quá ngắn" in capsys.readouterr().err
    assert served == []
