"""`reportgen collect`: the checked plan -> the forms expected back (compose, as `forms` wrote them) -> the returned
workbooks read (load) and compared (check) -> the period's progress file written into the report's folder, only
when every form is in and valid (or, with --partial, what is valid); a file refused changes nothing there."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from reportgen.check.plan import CheckResult
from reportgen.check.return_progress import CollectedProgress, collected_progress
from reportgen.check.returns import Collection, Context, collect
from reportgen.collector import collector_paused, released
from reportgen.compose.forms import compose_forms, report_needs
from reportgen.errors import Problems
from reportgen.load.folder import DOCUMENT_FILE, file_name
from reportgen.load.raw import display_path, inside
from reportgen.load.report_folder import report_folder_name
from reportgen.load.returns import load_return, returned_paths
from reportgen.load.xlsx_file import safe_to_open
from reportgen.load.yaml_file import load_yaml
from reportgen.model.report import Period
from reportgen.output.files import write_file
from reportgen.output.progress_file import MARK, progress_text
from reportgen.pipeline import _load_and_check
from reportgen.pipeline.forms import previous_report, within_year
from reportgen.styles import TEMPLATES

PROGRESS_FILE = "tien-do.yaml"       # when the report's van-ban.yaml does not name one yet


@dataclass
class CollectResult:
    check: CheckResult
    collection: Collection | None = None
    progress: CollectedProgress | None = None
    target: Path | None = None       # the progress file collect writes (or would write)
    written: bool = False
    unchanged: bool = False          # the progress file already held these very bytes
    kept: str | None = None          # why the progress file was not written although it could have been
    files: int = 0                   # returned files looked at
    partial: bool = False


@released()
def collect_folder(folder: Path, period: Period, paths: list[Path], partial: bool = False, force: bool = False,
                   templates: Path = TEMPLATES) -> CollectResult:
    """Checks the plan, then every returned file; writes the progress file only as the module says."""
    with collector_paused():  # a 10.000-row form's cells, as the stages' trees: no cycles among them
        return _collect(folder, period, paths, partial, force, templates)


def _collect(folder: Path, period: Period, paths: list[Path], partial: bool, force: bool, templates: Path
             ) -> CollectResult:
    plan_check, _ = _load_and_check(folder)
    if plan_check.failed:
        return CollectResult(plan_check)
    plan = plan_check.plan
    within_year(plan, period)   # as forms says it (each file was refused as "another period" once)
    previous, _ = previous_report(folder, plan, period)
    forms = compose_forms(plan, period, previous, templates)
    needs = report_needs(plan, previous)
    said = Problems()
    found = returned_paths(paths, said)
    # a generator: each workbook is read when check comes to it and let go once its values are taken
    returns = chain(((p.location.file, None, [p]) for p in said.items), (_read(path) for path in found))
    collection = collect(forms, returns, Context(plan.meta, period.code, needs.actuals, previous.actuals,
                                                  previous.period.words if previous.period is not None else ""))
    progress = collected_progress(forms, collection, period.code, needs.actuals, needs.indicators, needs.tasks)
    result = CollectResult(plan_check, collection, progress, _target(folder, period), files=len(found),
                           partial=partial)
    if collection.complete or (partial and collection.valid):
        _write(result, force)
    return result


def _read(path: Path):
    """(file, book or None, load's problems): the book read when check asks for it, one at a time."""
    problems = Problems()
    book = load_return(path, problems)
    return display_path(path), book, problems.items


def _target(folder: Path, period: Period) -> Path | None:
    """The progress file the report's van-ban.yaml names (tien-do.yaml when it names none); None, said in the
    result, when that name points out of the plan's folder."""
    report = folder / report_folder_name(period.code)
    name = PROGRESS_FILE
    problems = Problems()
    if (report / DOCUMENT_FILE).is_file():
        document = load_yaml(report / DOCUMENT_FILE, problems)
        if document is not None and document.is_map and document.get("progress") is not None:
            name = file_name(document, "progress", problems) or PROGRESS_FILE
    return inside(folder, f"{report.name}/{name}", problems) or report / PROGRESS_FILE


def _write(result: CollectResult, force: bool) -> None:
    """Writes the progress file atomically, unless it holds the same bytes, or a file typed by hand that --force
    alone may replace."""
    target, data = result.target, progress_text(result.progress).encode("utf-8")
    if target.is_file():
        old = target.read_bytes()
        if old == data:
            result.unchanged = True
            return
        if not old.startswith(MARK.encode("utf-8")) and not force:
            result.kept = (f"{display_path(target)} không do reportgen collect viết (có thể được gõ tay): không thay. "
                           "Đổi tên hoặc chuyển tệp đó đi, hoặc chạy lại với --force để thay.")
            return
    write_file(target, data)
    result.written = True



# What the front door prints, handed on so that it imports no stage.
from reportgen.output.collect_summary import collect_outcome as collect_outcome  # noqa: E402
from reportgen.output.collect_summary import collect_summary as collect_summary  # noqa: E402


def screened(data: bytes, name: str) -> list[str]:
    """Why these bytes are no workbook collect could read (not an .xlsx zip, an old .xls, a zip bomb), checked before
    a file uploaded on the page is kept beside the returns; [] when collect may read it."""
    problems = Problems()
    safe_to_open(data, name, problems)
    return [problem.message for problem in problems.items]
