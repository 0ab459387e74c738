"""The pages and the buttons: each button starts a job (jobs.py) and leads to its page; nothing here computes."""

from __future__ import annotations

import re
import unicodedata

from flask import Blueprint, abort, current_app, redirect, request, send_file, session, url_for
from werkzeug.exceptions import HTTPException

from reportgen import pipeline
from reportgen.pipeline.collect import identify_returns, returned_files
from reportgen.serve.downloads import output_file, output_listing, zipped
from reportgen.serve.findings import job_view
from reportgen.serve.jobs import Busy, Jobs
from reportgen.serve.paths import Refused, plan_folder, plan_folders, resolved_under
from reportgen.serve.uploads import KeepError, Upload, commit, discard, received, set_aside, stage
from reportgen.serve.views import render, render_error

pages = Blueprint("pages", __name__)

_TITLES = {"check": "Kiểm tra số liệu", "build": "Tạo văn bản (DOCX, PDF, XLSX)", "report": "Báo cáo kỳ",
           "export": "Xuất các biểu", "forms": "Tạo biểu nhập cho các đơn vị", "collect": "Thu biểu gửi về"}


class Refusal(HTTPException):
    """A request the page refuses with a sentence for the clerk (a path outside ROOT, a bad period, a bad upload)."""

    vietnamese = True

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def _jobs() -> Jobs:
    return current_app.extensions["reportgen_jobs"]


def _root():
    return current_app.config["ROOT"]


def _out():
    return current_app.config["OUT"]


def _plan(name: str):
    try:
        return plan_folder(_root(), name)
    except Refused as error:
        raise Refusal(404, str(error)) from None


def _key(plan) -> str:
    """The plan's one name on the page (jobs, last check, output folder): as the index lists it, in NFC, whatever
    Unicode form the URL or the disk uses."""
    return unicodedata.normalize("NFC", plan.relative_to(_root()).as_posix())


@pages.get("/")
def index():
    jobs = _jobs()
    folders = [(name, jobs.checked.get(name)) for name in plan_folders(_root(), skip=_out())]
    return render("index.html", folders=folders)


@pages.get("/ke-hoach/<path:name>")
def folder(name: str):
    plan = _plan(name)
    name = _key(plan)
    periods = [(p.code, p.words) for p in pipeline.report_periods(plan)]
    return render("folder.html", name=name, jobs=_jobs().latest(name)[:10], periods=periods,
                  outputs=output_listing(_out(), name), received=_received(plan))


def _received(plan) -> list[dict]:
    """Each period's returns kept in its tra-ve/ (the files collect reads), the periods in the order of their
    reports."""
    periods = {p.code: p for p in pipeline.report_periods(plan)}
    for folder in plan.glob("bao-cao-*/tra-ve"):   # a period whose report folder has only returns so far
        period = pipeline.parse_period(folder.parent.name.removeprefix("bao-cao-").upper())
        if period is not None:
            periods.setdefault(period.code, period)
    shown = []
    for period in sorted(periods.values(), key=lambda p: p.order):
        try:
            returns = _returns_folder(plan, period)
        except Refusal:
            continue
        files = [{"name": f.name, "size": f.stat().st_size} for f in returned_files(returns)]
        if files:
            shown.append({"code": period.code, "words": period.words, "files": files})
    return shown


def _period(text: str):
    period = pipeline.parse_period(text.strip())
    if period is None:
        raise Refusal(400, f"Kỳ «{text}» không hợp lệ; các dạng: {pipeline.period_forms()}.")
    return period


def _start(kind: str, name: str, params: dict, title: str, prepare=None):
    plan = _plan(name)
    params = {"folder": str(plan), "root": str(_root())} | params
    folder = _key(plan)   # one job per folder on disk, whatever spelling the URL used
    try:
        job = _jobs().start(kind, folder, params, title, prepare)
    except Busy as busy:
        return render("busy.html", name=name, job=busy.job), 409
    return redirect(url_for("pages.job", job_id=job.id), code=303)


def _out_for(name: str, *sub: str) -> str:
    try:
        return str(resolved_under(_out(), "/".join((name,) + sub)))
    except Refused as error:
        raise Refusal(400, str(error)) from None


@pages.post("/ke-hoach/<path:name>/kiem-tra")
def check(name: str):
    return _start("check", name, {}, _TITLES["check"])


@pages.post("/ke-hoach/<path:name>/tao")
def build(name: str):
    return _start("build", name, {"out": _out_for(name), "force": "force" in request.form}, _TITLES["build"])


@pages.post("/ke-hoach/<path:name>/bao-cao")
def report(name: str):
    period = _period(request.form.get("ky", ""))
    out = _out_for(name, pipeline.report_folder_name(period))
    return _start("report", name, {"out": out, "period": period.code, "force": "force" in request.form},
                  f"Báo cáo {period.words}")


@pages.post("/ke-hoach/<path:name>/xuat")
def export(name: str):
    out = _out_for(name, pipeline.export_folder_name())
    return _start("export", name, {"out": out, "by_unit": "theo_don_vi" in request.form,
                                   "force": "force" in request.form}, _TITLES["export"])


@pages.post("/ke-hoach/<path:name>/bieu-nhap")
def forms(name: str):
    period = _period(request.form.get("ky", ""))
    out = _out_for(name, pipeline.forms_folder_name(period))
    return _start("forms", name, {"out": out, "period": period.code, "force": "force" in request.form},
                  f"{_TITLES['forms']} {period.words}")


def _returns_folder(plan, period):
    """The period's tra-ve/; refused when it is a link out of the plan folder (never written or read through)."""
    try:
        return resolved_under(plan, f"{pipeline.report_folder_name(period)}/tra-ve")
    except Refused as error:
        raise Refusal(400, str(error)) from None


@pages.post("/ke-hoach/<path:name>/thu-ve")
def collect(name: str):
    plan = _plan(name)
    asked = request.form.get("ky", "").strip()
    period = _period(asked) if asked else None        # none asked: the period the files say they are of
    try:
        upload: Upload = received(request.files.getlist("tep"), current_app.config["MAX_UPLOAD_FILES"])
    except ValueError as error:
        raise Refusal(400, str(error)) from None
    identified = identify_returns(plan, upload.files, period)     # collect's own identity check, at the door
    refused = upload.refused + [(item.sent, item.refused) for item in identified.files if item.refused]
    if identified.refused or refused:
        return render("refused.html", name=name, refused=refused, reason=identified.refused), 422
    period = identified.period
    returns = _returns_folder(plan, period)
    try:  # written outside the job table's lock, under hidden names; renamed into place under it, all or none
        staged = stage([(item.name, item.data, item.unit) for item in identified.files], returns)
    except KeepError as error:
        return render_error("Không ghi được", str(error)), 507
    replaced: list[str] = []
    params = {"period": period.code, "paths": [str(returns)], "partial": "mot_phan" in request.form,
              "force": "force" in request.form, "replaced": replaced}
    try:
        return _start("collect", name, params, f"{_TITLES['collect']} {period.words}",
                      prepare=lambda: replaced.extend(commit(staged, returns)))
    except KeepError as error:
        return render_error("Không ghi được", str(error)), 507
    finally:
        discard(staged)           # a busy folder's upload, or one that failed: nothing of it is left


@pages.post("/ke-hoach/<path:name>/thu-lai")
def collect_again(name: str):
    plan = _plan(name)
    period = _period(request.form.get("ky", ""))
    returns = _returns_folder(plan, period)
    params = {"period": period.code, "paths": [str(returns)] if returns.is_dir() else [], "partial": False}
    return _start("collect", name, params, f"Thu lại biểu {period.words}")


@pages.post("/ke-hoach/<path:name>/bo-tep")
def drop_return(name: str):
    plan = _plan(name)
    period = _period(request.form.get("ky", ""))
    returns = _returns_folder(plan, period)
    wanted = request.form.get("tep", "")
    # only a file listed in tra-ve/ itself, found by its exact name: never a path the request spells
    found = next((f for f in returned_files(returns) if f.name == wanted), None)
    if found is None or found.parent != returns:
        raise Refusal(404, f"Không có tệp «{wanted}» trong biểu nhận về của kỳ {period.code}.")
    dropped: list[str] = []
    params = {"period": period.code, "paths": [str(returns)], "partial": False, "dropped": dropped}
    try:
        return _start("collect", name, params, f"Bỏ tệp {found.name}, thu lại biểu {period.words}",
                      prepare=lambda: dropped.append(_set_aside(found, returns)))
    except KeepError as error:
        return render_error("Không ghi được", str(error)), 507


def _set_aside(path, returns) -> str:
    try:
        set_aside(path, returns)
    except OSError as error:
        raise KeepError(f"Không chuyển được tệp {path.name} vào tra-ve/.cu/ ({error.strerror or error}): tệp vẫn "
                        "ở chỗ cũ.") from None
    return path.name


@pages.get("/viec/<job_id>")
def job(job_id: str):
    found = _jobs().get(job_id)
    if found is None:
        raise Refusal(404, "Không có việc này (máy chủ đã khởi động lại, hoặc việc đã quá cũ).")
    return render("job.html", job=found, view=job_view(found, _root(), _out()))


@pages.post("/viec/<job_id>/dung")
def stop(job_id: str):
    if _jobs().stop(job_id) is None:
        raise Refusal(404, "Không có việc này (máy chủ đã khởi động lại, hoặc việc đã quá cũ).")
    return redirect(url_for("pages.job", job_id=job_id), code=303)


@pages.get("/anh/<job_id>/<int:pdf>/<int:page>.png")
def page_image(job_id: str, pdf: int, page: int):
    if _jobs().get(job_id) is None:
        abort(404)
    path = current_app.config["PREVIEWS"] / job_id / str(pdf) / f"{page}.png"
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="image/png", max_age=3600)


@pages.get("/tai/<path:name>")
def download(name: str):
    try:
        path = output_file(_out(), name)
    except Refused as error:
        raise Refusal(404, str(error)) from None
    return send_file(path, as_attachment=True, download_name=path.name, max_age=0)


@pages.get("/zip/<path:name>")
def download_zip(name: str):
    try:
        data, file_name = zipped(_out(), name)
    except Refused as error:
        raise Refusal(404, str(error)) from None
    return send_file(data, mimetype="application/zip", as_attachment=True, download_name=file_name, max_age=0)


@pages.route("/dang-nhap", methods=["GET", "POST"])
def login():
    if current_app.config["PASSWORD"] is None:
        return redirect(url_for("pages.index"))
    logins, client = current_app.extensions["reportgen_logins"], request.remote_addr or ""
    if request.method == "GET":
        return render("login.html", wrong=False, wait=0)
    wait = logins.wait_before(client)
    login = None if wait else logins.sign_in(client, request.form.get("mat_khau", ""))
    if login is None:
        return render("login.html", wrong=not wait, wait=wait), 429 if wait else 401
    session.clear()   # a session planted before the login is not the one that gets in
    session["vao"] = login
    return redirect(_next(request.args.get("tiep", "")), code=303)


_PAGE_PATH = re.compile(r"/[\w\-.~%/]*(\?[\w\-.~%=&+/]*)?")


def _next(target: str) -> str:
    """Back where the clerk was going: a path of this site only, in the characters the site's own URLs use (never
    //other.host, a scheme, a backslash or a control character a browser would drop)."""
    return target if _PAGE_PATH.fullmatch(target) and not target.startswith("//") else "/"


@pages.post("/dang-xuat")
def logout():
    current_app.extensions["reportgen_logins"].sign_out(session.get("vao"))
    session.clear()
    return redirect(url_for("pages.login") if current_app.config["PASSWORD"] else url_for("pages.index"), code=303)
