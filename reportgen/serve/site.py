"""The site's one blueprint and what every page's view shares: the job table, ROOT and OUT, a plan folder named in
a URL, a period typed, starting a job (409 when its folder is busy), and the refusal a clerk reads."""

from __future__ import annotations

import unicodedata

from flask import Blueprint, current_app, redirect, url_for
from werkzeug.exceptions import HTTPException

from reportgen import pipeline
from reportgen.serve.jobs import Busy, Jobs
from reportgen.serve.paths import Refused, plan_folder, resolved_under
from reportgen.serve.views import render

pages = Blueprint("pages", __name__)

TITLES = {"check": "Kiểm tra số liệu", "build": "Tạo văn bản (DOCX, PDF, XLSX)", "report": "Báo cáo",
         "export": "Xuất các biểu", "forms": "Tạo biểu nhập cho các đơn vị", "collect": "Thu biểu gửi về"}


class Refusal(HTTPException):
    """A request the page refuses with a sentence for the clerk (a path outside ROOT, a bad period, a bad upload)."""

    vietnamese = True

    def __init__(self, code: int, message: str) -> None:
        super().__init__(message)
        self.code = code


def jobs() -> Jobs:
    return current_app.extensions["reportgen_jobs"]


def root():
    return current_app.config["ROOT"]


def out():
    return current_app.config["OUT"]


def plan_of(name: str):
    """The plan folder a URL names, or the clerk's 404 (outside ROOT, a link, a report's folder, no plan)."""
    try:
        return plan_folder(root(), name)
    except Refused as error:
        raise Refusal(404, str(error)) from None


def key_of(plan) -> str:
    """The plan's one name on the page (jobs, last check, output folder): as the index lists it, in NFC, whatever
    Unicode form the URL or the disk uses."""
    return unicodedata.normalize("NFC", plan.relative_to(root()).as_posix())


def period_of(text: str):
    """The period typed in a form, or the clerk's 400 with the accepted forms."""
    period = pipeline.parse_period(text.strip())
    if period is None:
        raise Refusal(400, f"Kỳ «{text}» không hợp lệ; các dạng: {pipeline.period_forms()}.")
    return period


def start_job(kind: str, name: str, params: dict, title: str, prepare=None):
    """Starts the job and leads to its page (303), or says the folder is busy with which job (409)."""
    plan = plan_of(name)
    params = {"folder": str(plan), "root": str(root())} | params
    folder = key_of(plan)   # one job per folder on disk, whatever spelling the URL used
    try:
        job = jobs().start(kind, folder, params, title, prepare)
    except Busy as busy:
        return render("busy.html", name=name, job=busy.job), 409
    return redirect(url_for("pages.job", job_id=job.id), code=303)


def out_for(name: str, *sub: str) -> str:
    """The output folder OUT/name/sub… of a job, refused when it would leave OUT."""
    try:
        return str(resolved_under(out(), "/".join((name,) + sub)))
    except Refused as error:
        raise Refusal(400, str(error)) from None
