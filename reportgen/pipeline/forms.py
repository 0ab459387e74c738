"""`reportgen forms`: the checked plan and the last report of the year -> one return form per district and per lead
agency, written as export writes a unit's share (a folder each, atomically, the same bytes every run)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.check.report_input import build_progress
from reportgen.collector import released
from reportgen.compose.forms import Previous, compose_forms, expected_form
from reportgen.errors import Problems, UsageError
from reportgen.exit_codes import EXIT_FAILED, EXIT_INPUT
from reportgen.load.folder import file_digests
from reportgen.load.report_folder import RawReport, load_report, previous_report as latest_report_before
from reportgen.model.forms import Form
from reportgen.model.report import Period
from reportgen.output.batch import BatchResult, Job, Progress, batch_targets, run_batch
from reportgen.output.files import folder_names, safe_name
from reportgen.output.lock import output_lock
from reportgen.pipeline import CheckResult, Waiting, _load_and_check, _refuse_inputs, _style_sheet
from reportgen.vi import format_document_number
from reportgen.write.cores import usable_cores
from reportgen.write.options import WriterOptions
from reportgen.styles import TEMPLATES

FORM_KIND = "bieu_nhap"              # the manifest's kind of a return form


def previous_report(folder: Path, plan, period: Period) -> tuple[Previous, list[Path]]:
    """The last report of the same year before `period` (its actuals and tasks), when its folder exists; the files
    it was read from. Its problems are raised (ReportgenError) as the report's would be."""
    previous, raw = _previous(folder, plan, period)
    return previous, raw.files if raw is not None else []


def _previous(folder: Path, plan, period: Period) -> tuple[Previous, RawReport | None]:
    before = latest_report_before(folder, period)   # of any kind (Q2 before H1), as the report compares with
    if before is None:
        return Previous(), None
    problems = Problems()
    raw = load_report(folder, before, problems)
    if raw.missing is not None or raw.progress is None:
        problems.raise_if_any()
        return Previous(), raw
    workbook = raw.workbooks.get(raw.progress.loc.file)
    _, items, actuals = build_progress(raw.progress, plan, problems, workbook)
    problems.raise_if_any()
    tasks = {}
    for item in items:
        tasks.setdefault(item.key, item)
    return Previous(before, actuals, tasks), raw


@released()
def plan_forms(folder: Path, period: Period, templates: Path = TEMPLATES) -> tuple[CheckResult, list[Form]]:
    """The checked plan and every form of `period`; no forms when a rule failed."""
    result, _ = _load_and_check(folder)
    if result.failed:
        return result, []
    previous, _ = previous_report(folder, result.plan, period)
    return result, compose_forms(result.plan, period, previous, templates)


@released()
def expected_plan_form(folder: Path, period: Period, kind: str, unit: str, templates: Path = TEMPLATES
                       ) -> Form | None:
    """The form `forms` wrote for one unit (what `collect` compares a returned workbook with)."""
    result, _ = _load_and_check(folder)
    if result.failed:
        return None
    previous, _ = previous_report(folder, result.plan, period)
    return expected_form(result.plan, period, previous, kind, unit, templates)


@dataclass
class FormsResult:
    check: CheckResult
    batch: BatchResult | None = None
    forms: int = 0

    @property
    def code(self) -> int:
        """1 when a rule failed, 2 when the plan has no form to write, else the batch's (as export's)."""
        if self.check.failed:
            return EXIT_FAILED
        return EXIT_INPUT if self.batch is None else self.batch.code


@released()
def forms_folder(folder: Path, period: Period, out: Path, workers: int = 1, progress: Progress | None = None,
                 waiting: Waiting | None = None, force: bool = False, templates: Path = TEMPLATES) -> FormsResult:
    """Checks the plan, then writes every form of `period` over `workers` processes: a folder per unit as
    `export --by-unit` makes them, each written whole or not at all, with its manifest."""
    result, raw = _load_and_check(folder)
    if result.failed:
        return FormsResult(result)
    within_year(result.plan, period)
    previous, report = _previous(folder, result.plan, period)
    inputs = file_digests(raw) | (file_digests(report) if report is not None else {})
    forms = compose_forms(result.plan, period, previous, templates)
    if not forms:  # nothing to send: no folder, no manifest of nothing
        return FormsResult(result)
    folders = folder_names([form.identity.unit for form in forms])
    # the unit in the file's name too: forms mailed back under their own names never meet as one file
    jobs = [Job(folders[form.identity.unit], form.identity.unit,
                f"{safe_name(form.stem)}-{folders[form.identity.unit]}.xlsx", "xlsx", form,
                writer="form", kind=FORM_KIND) for form in forms]
    title = f"Biểu nhập kỳ {period.code} theo {format_document_number(result.plan.meta.number, result.plan.meta.symbol)}"
    files = raw.files + (report.files if report is not None else [])
    _refuse_inputs(out, batch_targets(out, jobs), files)
    with output_lock(out, waiting):
        batch = run_batch(out, jobs, title, inputs, min(workers, usable_cores()),
                          WriterOptions(_style_sheet(templates), templates), progress, force)
    return FormsResult(result, batch, len(forms))


def within_year(plan, period: Period) -> None:
    """A period of another year than the plan's: a command-line mistake (no form is sent for it, none collected)."""
    year = plan.meta.plan_year
    if period.year != year:
        raise UsageError(f"kỳ {period.code} không thuộc năm của kế hoạch ({year}): chọn một kỳ của năm {year}, ví dụ "
                         f"{year}-Q2")
