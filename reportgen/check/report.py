"""The report's stage of check: its parts typed against the checked plan, then the report's rules and expressions."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.check.evaluation import Evaluated, evaluate_narrative
from reportgen.check.plan import CheckResult
from reportgen.check.report_input import build_progress, build_progress_awaiting, build_report_meta
from reportgen.check.report_tasks import task_states
from reportgen.check.rules.registry import REPORT, run_rules
from reportgen.errors import Location, Problems
from reportgen.check.findings import Finding, Status
from reportgen.expressions.report_vocabulary import report_context
from reportgen.load.folder import DOCUMENT_FILE
from reportgen.load.raw import Raw, display_path
from reportgen.load.report_folder import RawReport, missing_folder_message
from reportgen.model.plan import Narrative, NarrativeExpression
from reportgen.model.report import Period, Report, TaskProgress, plan_year_forms


@dataclass
class ReportResult:
    plan: CheckResult
    report: Report | None
    findings: list[Finding]           # the plan's findings, then the report's
    evaluated: Evaluated              # the report narrative's values

    @property
    def failed(self) -> bool:
        return any(f.status is Status.FAIL for f in self.findings)


def check_report(plan: CheckResult, raw: RawReport, period: Period, problems: Problems) -> ReportResult:
    """Types the report and runs its rules; raises ReportgenError with every input problem."""
    if raw.missing is not None:
        problems.add(*_without_folder(plan, raw, period))
    report = build_report(plan, raw, period, problems)
    if report is None and not problems:
        problems.add("Không dựng được báo cáo từ thư mục báo cáo; kiểm tra van-ban.yaml.", None)
    problems.raise_if_any()
    evaluated = evaluate_narrative(report_context(report, plan.evaluated.ratios), report.narrative, problems)
    problems.raise_if_any()
    return ReportResult(plan, report, plan.findings + run_rules(REPORT, report, evaluated), evaluated)


def _without_folder(plan: CheckResult, raw: RawReport, period: Period) -> tuple[str, Location]:
    """A period outside the plan's year is said first (at the plan's document): creating its folder would not help."""
    year = plan.plan.meta.plan_year
    if period.year != year:
        return (f"Kỳ báo cáo {period.code} không thuộc năm của kế hoạch ({year}): chọn một kỳ của năm {year} "
                f"({plan_year_forms(year)}).", Location(display_path(raw.folder / DOCUMENT_FILE)))
    return missing_folder_message(raw, period.code), raw.missing


def build_report(plan: CheckResult, raw: RawReport, period: Period, problems: Problems) -> Report | None:
    if raw.document is None:
        return None
    meta, kinh_gui = build_report_meta(raw.document, problems)
    annex_id, progress, actuals, awaited = (
        build_progress_awaiting(raw.progress, plan.plan, problems, _workbook(raw, raw.progress))
        if raw.progress is not None else (None, [], None, {}))
    previous, previous_tasks = _previous(raw.previous, plan, problems, _workbook(raw, raw.previous))
    tasks = (task_states(plan.plan.annex(annex_id), progress, problems, awaited) if annex_id is not None
             else None)
    if None in (meta, actuals, tasks, raw.narrative):
        return None
    narrative = Narrative(raw.narrative.path, raw.narrative.text,
                          tuple(NarrativeExpression(src, loc) for src, loc in raw.narrative.expressions))
    earlier = raw.previous_period if raw.previous is not None else None
    return Report(meta, kinh_gui, narrative, plan.plan, period, annex_id, tasks, actuals, previous,
                  previous_tasks=previous_tasks, previous_period=earlier, meta_loc=raw.document.loc,
                  symbol_loc=_loc(raw.document, "symbol"), date_loc=_loc(raw.document, "date"),
                  subject_loc=_loc(raw.document, "subject"), tasks_loc=_loc(raw.progress, "tasks"))


def _previous(raw: Raw | None, plan: CheckResult, problems: Problems, workbook):
    """The earlier report's actuals and its tasks by key (a task it reports done must stay done)."""
    if raw is None:
        return None, {}
    _, items, actuals = build_progress(raw, plan.plan, problems, workbook)
    tasks: dict[str, TaskProgress] = {}
    for item in items:
        tasks.setdefault(item.key, item)
    return actuals, tasks


def _workbook(raw: RawReport, progress: Raw | None):
    return raw.workbooks.get(progress.loc.file) if progress is not None else None


def _loc(raw: Raw, key: str):
    node = raw.get(key)
    return node.loc if node is not None else raw.loc
