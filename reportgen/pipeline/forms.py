"""`reportgen forms`: the checked plan and the last report of the year -> one return form per district and per lead
agency, written as export writes a unit's share (a folder each, atomically, the same bytes every run)."""

from __future__ import annotations

from pathlib import Path

from reportgen.check.report_input import build_progress
from reportgen.collector import collector_paused, released
from reportgen.compose.forms import Previous, compose_forms, expected_form
from reportgen.errors import Problems
from reportgen.load.folder import load_folder
from reportgen.load.report_folder import load_report
from reportgen.model.forms import Form
from reportgen.model.report import Period
from reportgen.pipeline import CheckResult
from reportgen.check.plan import check
from reportgen.styles import TEMPLATES


def previous_report(folder: Path, plan, period: Period) -> tuple[Previous, list[Path]]:
    """The last report of the same year before `period` (its actuals and tasks), when its folder exists; the files
    it was read from. Its problems are raised (ReportgenError) as the report's would be."""
    before = period.previous()
    if before is None:
        return Previous(), []
    problems = Problems()
    raw = load_report(folder, before.code, None, problems)
    if raw.missing is not None or raw.progress is None:
        problems.raise_if_any()
        return Previous(), raw.files
    workbook = raw.workbooks.get(raw.progress.loc.file)
    _, items, actuals = build_progress(raw.progress, plan, problems, workbook)
    problems.raise_if_any()
    tasks = {}
    for item in items:
        tasks.setdefault(item.key, item)
    return Previous(before, actuals, tasks), raw.files


@released()
def plan_forms(folder: Path, period: Period, templates: Path = TEMPLATES) -> tuple[CheckResult, list[Form]]:
    """The checked plan and every form of `period`; no forms when a rule failed."""
    result, _, _ = _checked(folder)
    if result.failed:
        return result, []
    previous, _ = previous_report(folder, result.plan, period)
    return result, compose_forms(result.plan, period, previous, templates)


@released()
def expected_plan_form(folder: Path, period: Period, kind: str, unit: str, templates: Path = TEMPLATES
                       ) -> Form | None:
    """The form `forms` wrote for one unit (what `collect` compares a returned workbook with)."""
    result, _, _ = _checked(folder)
    if result.failed:
        return None
    previous, _ = previous_report(folder, result.plan, period)
    return expected_form(result.plan, period, previous, kind, unit, templates)


def _checked(folder: Path):
    problems = Problems()
    with collector_paused():
        raw = load_folder(folder, problems)
        return check(raw, problems), raw, problems
