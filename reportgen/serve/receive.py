"""Returned workbooks on the page: upload (screened, kept under their units' names), collect again, set one aside;
each runs collect as a job; and the returns kept for each period, for the folder's page."""

from __future__ import annotations

from flask import current_app, request

from reportgen import pipeline
from reportgen.pipeline.collect import identify_returns, returned_files
from reportgen.serve.paths import Refused, resolved_under, shown_name
from reportgen.serve.site import TITLES, Refusal, pages, period_of, plan_of, start_job
from reportgen.serve.uploads import KeepError, Upload, commit, discard, received as uploaded, set_aside, stage
from reportgen.serve.views import render, render_error


def received(plan) -> list[dict]:
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
            returns = returns_folder(plan, period)
        except Refusal:
            continue
        files = [{"name": f.name, "size": size} for f in returned_files(returns)
                 if shown_name(f.name) and (size := _size(f)) is not None]
        if files:
            shown.append({"code": period.code, "words": period.words, "files": files})
    return shown


def _size(path) -> int | None:
    """None for a file set aside between listing and looking (a job moving it to .cu/ that very moment)."""
    try:
        return path.stat().st_size
    except OSError:
        return None


def returns_folder(plan, period):
    """The period's tra-ve/; refused when it is a link out of the plan folder (never written or read through)."""
    try:
        return resolved_under(plan, f"{pipeline.report_folder_name(period)}/tra-ve")
    except Refused as error:
        raise Refusal(400, str(error)) from None


@pages.post("/ke-hoach/<path:name>/thu-ve")
def collect(name: str):
    plan = plan_of(name)
    asked = request.form.get("ky", "").strip()
    period = period_of(asked) if asked else None        # none asked: the period the files say they are of
    try:
        upload: Upload = uploaded(request.files.getlist("tep"), current_app.config["MAX_UPLOAD_FILES"])
    except ValueError as error:
        raise Refusal(400, str(error)) from None
    identified = identify_returns(plan, upload.files, period)     # collect's own identity check, at the door
    refused = upload.refused + [(item.sent, item.refused) for item in identified.files if item.refused]
    if identified.refused or refused:
        return render("refused.html", name=name, refused=refused, reason=identified.refused), 422
    period = identified.period
    returns = returns_folder(plan, period)
    try:  # written outside the job table's lock, under hidden names; renamed into place under it, all or none
        staged = stage([(item.name, item.data, item.unit) for item in identified.files], returns)
    except KeepError as error:
        return render_error("Không ghi được", str(error)), 507
    earlier = _earlier_returns(plan, returns, period, {item.unit for item in identified.files})
    replaced: list[str] = []
    params = {"period": period.code, "paths": [str(returns)], "partial": "mot_phan" in request.form,
              "force": "force" in request.form, "replaced": replaced}
    try:
        return start_job("collect", name, params, f"{TITLES['collect']} {period.words}",
                         prepare=lambda: replaced.extend(commit(staged, returns, earlier)))
    except KeepError as error:
        return render_error("Không ghi được", str(error)), 507
    finally:
        discard(staged)           # a busy folder's upload, or one that failed: nothing of it is left


def _earlier_returns(plan, returns, period, units: set[str]) -> dict[str, list]:
    """The files already in tra-ve/ that are these units' forms by their identity, whatever they are called (put
    there by hand, or kept before returns were named by unit): the new file replaces them too."""
    if not returns.is_dir():
        return {}
    kept = [(path, path.read_bytes()) for path in returned_files(returns)]
    found = identify_returns(plan, [(path.name, data) for path, data in kept], period)
    earlier: dict[str, list] = {}
    for (path, _), item in zip(kept, found.files):
        if item.unit in units:   # identified as that unit (even where collect refuses it as sent twice)
            earlier.setdefault(item.unit, []).append(path)
    return earlier


@pages.post("/ke-hoach/<path:name>/thu-lai")
def collect_again(name: str):
    plan = plan_of(name)
    period = period_of(request.form.get("ky", ""))
    returns = returns_folder(plan, period)
    params = {"period": period.code, "paths": [str(returns)] if returns.is_dir() else [],
              "partial": "mot_phan" in request.form, "force": "force" in request.form}
    return start_job("collect", name, params, f"Thu lại biểu {period.words}")


@pages.post("/ke-hoach/<path:name>/bo-tep")
def drop_return(name: str):
    plan = plan_of(name)
    period = period_of(request.form.get("ky", ""))
    returns = returns_folder(plan, period)
    wanted = request.form.get("tep", "")
    # only a file listed in tra-ve/ itself, found by its exact name: never a path the request spells
    found = next((f for f in returned_files(returns) if f.name == wanted), None)
    if found is None or found.parent != returns:
        raise Refusal(404, f"Không có tệp «{wanted}» trong biểu nhận về của kỳ {period.code}.")
    dropped: list[str] = []
    params = {"period": period.code, "paths": [str(returns)], "partial": False, "dropped": dropped}
    try:
        return start_job("collect", name, params, f"Bỏ tệp {found.name}, thu lại biểu {period.words}",
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
