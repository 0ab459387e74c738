"""The pages and the buttons: each button starts a job (jobs.py) and leads to its page; nothing here computes."""

from __future__ import annotations

from flask import abort, current_app, redirect, request, send_file, url_for

from reportgen import pipeline
from reportgen.serve.downloads import output_file, output_listing, zipped
from reportgen.serve.findings import job_view
from reportgen.serve.paths import Refused, plan_folders
from reportgen.serve.receive import received
from reportgen.serve.site import TITLES, Refusal, jobs, key_of, out, out_for, pages, period_of, plan_of, root, start_job
from reportgen.serve.views import render


@pages.get("/")
def index():
    checked = jobs().checked
    folders = [(name, checked.get(name)) for name in plan_folders(root(), skip=out())]
    return render("index.html", folders=folders)


@pages.get("/ke-hoach/<path:name>")
def folder(name: str):
    plan = plan_of(name)
    name = key_of(plan)
    periods = [(p.code, p.words) for p in pipeline.report_periods(plan)]
    return render("folder.html", name=name, jobs=jobs().latest(name)[:10], periods=periods,
                  outputs=output_listing(out(), name), received=received(plan))


@pages.post("/ke-hoach/<path:name>/kiem-tra")
def check(name: str):
    return start_job("check", name, {}, TITLES["check"])


@pages.post("/ke-hoach/<path:name>/tao")
def build(name: str):
    return start_job("build", name, {"out": out_for(name), "force": "force" in request.form}, TITLES["build"])


@pages.post("/ke-hoach/<path:name>/bao-cao")
def report(name: str):
    return _period_job("report", name, pipeline.report_folder_name)


@pages.post("/ke-hoach/<path:name>/xuat")
def export(name: str):
    out = out_for(name, pipeline.export_folder_name())
    return start_job("export", name, {"out": out, "by_unit": "theo_don_vi" in request.form,
                                      "force": "force" in request.form}, TITLES["export"])


@pages.post("/ke-hoach/<path:name>/bieu-nhap")
def forms(name: str):
    return _period_job("forms", name, pipeline.forms_folder_name)


def _period_job(kind: str, name: str, folder_name):
    """A report or the forms of the period typed, written into its own output folder (as the CLI names it)."""
    period = period_of(request.form.get("ky", ""))
    params = {"out": out_for(name, folder_name(period)), "period": period.code, "force": "force" in request.form}
    return start_job(kind, name, params, f"{TITLES[kind]} {period.words}")


@pages.get("/viec/<job_id>")
def job(job_id: str):
    found = jobs().get(job_id)
    if found is None:
        raise Refusal(404, "Không có việc này (máy chủ đã khởi động lại, hoặc việc đã quá cũ).")
    return render("job.html", job=found, view=job_view(found, root(), out()))


@pages.post("/viec/<job_id>/dung")
def stop(job_id: str):
    if jobs().stop(job_id) is None:
        raise Refusal(404, "Không có việc này (máy chủ đã khởi động lại, hoặc việc đã quá cũ).")
    return redirect(url_for("pages.job", job_id=job_id), code=303)


@pages.get("/anh/<job_id>/<int:pdf>/<int:page>.png")
def page_image(job_id: str, pdf: int, page: int):
    if jobs().get(job_id) is None:
        abort(404)
    path = current_app.config["PREVIEWS"] / job_id / str(pdf) / f"{page}.png"
    if not path.is_file():
        abort(404)
    return send_file(path, mimetype="image/png", max_age=3600)


@pages.get("/tai/<path:name>")
def download(name: str):
    try:
        path = output_file(out(), name)
    except Refused as error:
        raise Refusal(404, str(error)) from None
    return send_file(path, as_attachment=True, download_name=path.name, max_age=0)


@pages.get("/zip/<path:name>")
def download_zip(name: str):
    try:
        data, file_name = zipped(out(), name)
    except Refused as error:
        raise Refusal(404, str(error)) from None
    return send_file(data, mimetype="application/zip", as_attachment=True, download_name=file_name, max_age=0)
