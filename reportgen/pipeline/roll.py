"""`reportgen roll DIR --year 2021 -o NEW`: next year's plan folder from a checked plan and its latest report."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.check.plan import check
from reportgen.collector import released
from reportgen.errors import Problems, ReportgenError, UsageError
from reportgen.load.folder import load_folder
from reportgen.load.raw import display_path
from reportgen.load.report_folder import report_folders
from reportgen.output.inputs.folder import write_folder
from reportgen.output.inputs.roll import Baseline, rolled_files
from reportgen.pipeline import _load_and_check, check_report_folder, report_folder_name
from reportgen.pipeline.units import REGISTER


@dataclass
class RollResult:
    check: object                     # the plan's CheckResult
    report: object | None = None      # the ReportResult of the report the baseline came from
    baseline: Baseline | None = None
    written: list[Path] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return self.check.failed or (self.report is not None and self.report.failed)


@released()
def roll_folder(folder: Path, year: int, out: Path) -> RollResult:
    """Checks the plan and the report the baseline comes from; writes nothing unless both pass."""
    refuse_out(out)
    result, _ = _load_and_check(folder)
    plan = result.plan
    if year != plan.meta.plan_year + 1:
        raise UsageError(f"kế hoạch trong {display_path(folder)} là của năm {plan.meta.plan_year}: chỉ chuyển được "
                         f"sang năm {plan.meta.plan_year + 1} (--year {plan.meta.plan_year + 1})")
    if result.failed:
        return RollResult(result)
    period = latest_period(folder, plan.meta.plan_year)
    rolled = RollResult(result)
    if period is not None:
        rolled.report = check_report_folder(folder, period)
        if rolled.report.failed:
            return rolled
        rolled.baseline = baseline_of(rolled.report.report, period)
    files = rolled_files(plan, display_path(folder), rolled.baseline)
    register = folder / REGISTER
    if register.is_file():  # the units stay the clerk's edit: carried as written, reviewed for the new year
        files[REGISTER] = register.read_text(encoding="utf-8")
    rolled.written = write_folder(out, files, reads_back)
    return rolled


def latest_period(folder: Path, year: int):
    """The period of the report folder that reaches furthest into `year` (on a tie, the longer period: the year's
    report before its fourth quarter's); None when the plan has no report of that year."""
    found = [period for period, _ in report_folders(folder) if period.year == year]
    return max(found, key=lambda p: p.order, default=None)


def baseline_of(report, period) -> Baseline:
    actuals = report.actuals
    values = {unit: {key: cell.value for key, cell in row.cells.items()} for unit, row in actuals.rows.items()}
    total = {key: cell.value for key, cell in actuals.total.cells.items()} if actuals.total is not None else {}
    return Baseline(actuals.annex_id, values, total, report_folder_name(period), period.code,
                    (period.end.month, period.end.day) == (12, 31), tuple(actuals.indicators), period.words)


def refuse_out(out: Path, command: str = "roll") -> None:
    """A folder that holds anything is refused, in the words of the command (`new` takes the folder itself, not -o)."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        choose = "Chọn -o khác" if command == "roll" else "Chọn tên thư mục khác"
        raise UsageError(f"thư mục ra {display_path(out)} đã có tệp; «{command}» chỉ viết vào một thư mục mới (hoặc "
                         f"rỗng), không ghi đè lên kế hoạch nào. {choose}")


def reads_back(staged: Path, command: str = "roll"):
    """The written folder checked: it reads back without one input problem, else it is reportgen's mistake (`roll`'s
    or `new`'s), not the clerk's."""
    problems = Problems()
    try:
        return check(load_folder(staged, problems), problems)
    except ReportgenError as error:
        raise RuntimeError(f"reportgen {command} viết ra thư mục không đọc lại được: "
                           + "; ".join(str(p) for p in error.problems[:5])) from None
