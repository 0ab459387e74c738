"""load -> check -> compose -> write: the orchestrator only calls the stages (a command with more than a few entry
points gets its own module here: pipeline/<command>.py, importing the shared steps from this one)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from reportgen.check.plan import CheckResult, check
from reportgen.compose.document import compose_plan
from reportgen.collector import collector_paused, released
from reportgen.compose.export import export_pieces
from reportgen.errors import OutputError, Problem, Problems, ReportgenError, UsageError
from reportgen.exit_codes import EXIT_CANT_WRITE, EXIT_FAILED, EXIT_INPUT, EXIT_OK, EXIT_USAGE
from reportgen.load.folder import RawInput, file_digests, load_folder
from reportgen.load.search import find_characters
from reportgen.load.style_sheet import load_style_sheet
from reportgen.styles import TEMPLATES, StyleSheet
from reportgen.tree.nodes import Document
from reportgen.vi import format_document_number
from reportgen.output.batch import BatchResult, Progress, batch_targets, plan_jobs, run_batch
from reportgen.output.files import Output, carried, manifest_bytes, safe_name, write_outputs
from reportgen.output.guard import clashing_input
from reportgen.output.lock import output_lock
from reportgen.output.protect import guard
from reportgen.write.formats import FORMATS, render
from reportgen.write.options import WriterOptions

# What the front doors show or accept besides these calls, handed on so that they import no stage (`x as x`
# re-exports; FORMATS above): the default number of workers, a path as the clerk reads it, the lines or cells around
# a finding's place, the tree's text dump and a file that could not be written.
from reportgen.load.excerpt import Excerpt as Excerpt
from reportgen.load.excerpt import ExcerptRow as ExcerptRow
from reportgen.load.excerpt import excerpt as excerpt
from reportgen.load.raw import display_path as display_path
from reportgen.output.files import WriteError as WriteError
from reportgen.output.files import umask as umask
from reportgen.output.files import write_file as write_file
from reportgen.output.protect import ProtectedError as ProtectedError
from reportgen.write.cores import usable_cores as usable_cores
from reportgen.write.tree import tree_text as tree_text

if TYPE_CHECKING:  # the report's stages are imported only when a report is asked for
    from reportgen.check.report import ReportResult
    from reportgen.model.report import Period

BUILD_FORMATS = FORMATS        # the plan: DOCX to edit, PDF to sign, XLSX of its annex tables
EXPORT_FORMATS = ("xlsx", "docx", "pdf")

Waiting = Callable[[Path], None]   # told once when another run holds the output folder and this one waits


def check_code(check: CheckResult | ReportResult) -> int:
    """A check's exit code, for both front doors: 1 when a rule failed, else 0."""
    return EXIT_FAILED if check.failed else EXIT_OK


REFUSALS = (UsageError, ReportgenError, WriteError, ProtectedError)   # why a command did nothing, not a bug


def refused_code(error: Exception) -> int:
    """The exit code of a command that wrote nothing because of `error`, for both doors: 64 the command line, 2 the
    input, 73 the disk or an edit it would lose."""
    if isinstance(error, UsageError):
        return EXIT_USAGE
    if isinstance(error, ReportgenError):
        return EXIT_INPUT
    if isinstance(error, (WriteError, ProtectedError)):
        return EXIT_CANT_WRITE
    raise TypeError(f"not a refusal: {error!r}")


@dataclass
class BuildResult:
    check: CheckResult
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)   # edited outputs kept beside the new ones (--force)

    @property
    def code(self) -> int:
        """1 when a rule failed (nothing written), else 0."""
        return check_code(self.check)


@released()
def check_folder(folder: Path) -> CheckResult:
    """Loads and checks one input folder; raises ReportgenError with every input problem."""
    return _load_and_check(folder)[0]


# Every entry point takes the templates folder (its styles.yaml, the Jinja templates, print.css): reportgen's own
# unless a test hands it an edited copy.

@released()
def compose_folder(folder: Path, templates: Path = TEMPLATES) -> tuple[CheckResult, Document | None]:
    """The checked plan and its Document tree; no tree when a rule failed."""
    result = check_folder(folder)
    if result.failed:
        return result, None
    return result, compose_plan(result.plan, result.evaluated, _style_sheet(templates), templates)


@released()
def build_folder(folder: Path, out: Path, formats: tuple[str, ...] = BUILD_FORMATS, progress: Progress | None = None,
                 waiting: Waiting | None = None, force: bool = False, templates: Path = TEMPLATES) -> BuildResult:
    """Checks, and only if every rule holds renders every format in memory, then writes them all."""
    result, raw = _load_and_check(folder)
    if result.failed:
        return BuildResult(result)
    inputs = file_digests(raw)  # before writing: the manifest names the bytes that were checked
    sheet = _style_sheet(templates)
    document = compose_plan(result.plan, result.evaluated, sheet, templates)
    return BuildResult(result, *_write_document(document, safe_name(document.title), formats, inputs, raw.files, out,
                                                WriterOptions(sheet, templates), progress, waiting, force))


def _style_sheet(templates: Path) -> StyleSheet:
    return load_style_sheet(templates / "styles.yaml")


def _write_document(document: Document, name: str, formats: tuple[str, ...], inputs: dict[str, str],
                    files: list[Path], out: Path, options: WriterOptions, progress: Progress | None = None,
                    waiting: Waiting | None = None, force: bool = False) -> tuple[list[Path], list[Path]]:
    """Every format rendered in memory, then written together with the manifest (a plan's or a report's), unless
    that would lose an edit (ProtectedError); the files written and the edited ones kept."""
    _refuse_inputs(out, [out / f"{name}.{fmt}" for fmt in formats] + [out / "manifest.json"], files)
    if not force:  # said before minutes of rendering, as export does; checked again under the lock below
        guard(out, [f"{name}.{fmt}" for fmt in formats])
    try:
        outputs = []
        for step, fmt in enumerate(formats):  # a long PDF takes minutes: the clerk sees which format is under way
            if progress is not None:
                progress(step, len(formats), fmt.upper())
            outputs.append(Output(f"{name}.{fmt}", fmt, document.kind, render(document, fmt,
                                                                               _telling(options, progress, step, fmt,
                                                                                        len(formats)))))
    except OutputError as error:
        raise _placed(error, files) from None
    if progress is not None:
        progress(len(formats), len(formats), "manifest.json")
    with output_lock(out, waiting):  # another run's files and manifest are not looked at half-written
        kept = guard(out, [o.name for o in outputs], force)
        # a format not asked this time stays listed as it was written: the next run still knows it for its own
        listed = outputs + carried(out, outputs)
        return write_outputs(out, outputs, manifest_bytes(document.title, inputs, listed)), kept


def _telling(options: WriterOptions, progress: Progress | None, step: int, fmt: str, total: int) -> WriterOptions:
    """The options, telling `progress` how far the parts of a long table are (a PDF of 10.000 rows: 1,5 minutes)."""
    if progress is None:
        return options
    return replace(options, parts_done=lambda done, parts: progress(
        step, total, f"{fmt.upper()}: phần {done}/{parts} của bảng dài"))


def _refuse_inputs(out: Path, targets: list[Path], files: list[Path]) -> None:
    """An output path that would replace an input (-o inside the input folder): a command-line mistake."""
    clash = clashing_input(targets, files)
    if clash is not None:
        raise UsageError(f"thư mục ra {display_path(out)} sẽ ghi đè lên tệp đầu vào {display_path(clash)}; "
                         "không viết tệp nào. Chọn thư mục ra khác (-o), ngoài thư mục đầu vào")


def _load_and_check(folder: Path) -> tuple[CheckResult, RawInput]:
    problems = Problems()
    with collector_paused():
        raw = load_folder(folder, problems)
        # Load problems are not raised yet: the check stage adds those of the files that did load.
        return check(raw, problems), raw


def _placed(error: OutputError, files: list[Path]) -> OutputError:
    """A letter the PDF cannot print is named where the clerk typed it."""
    places = [Problem(f"Chữ «{char}» ở đây không in được trong bản PDF.", loc)
              for char, loc in find_characters(files, error.characters)]
    return OutputError(error.problems + places, error.characters)


@dataclass
class ExportResult:
    check: CheckResult
    batch: BatchResult | None = None

    @property
    def code(self) -> int:
        """1 when a rule failed (nothing exported), else the batch's (a part not written 1, reportgen's fault 3)."""
        return EXIT_FAILED if self.batch is None else self.batch.code


@released()
def export_folder(folder: Path, out: Path, formats: tuple[str, ...] = EXPORT_FORMATS,
                  annex_ids: tuple[str, ...] = (), by_unit: bool = False, workers: int = 1,
                  progress: Progress | None = None, waiting: Waiting | None = None, force: bool = False,
                  templates: Path = TEMPLATES) -> ExportResult:
    """Checks, then writes every annex asked (and each unit's share) in every format, over `workers` processes."""
    result, raw = _load_and_check(folder)
    if result.failed:
        return ExportResult(result)
    inputs = file_digests(raw)
    annexes = chosen_annexes(result.plan, annex_ids)
    sheet = _style_sheet(templates)
    jobs = plan_jobs(export_pieces(result.plan, annexes, by_unit, sheet, templates), formats)
    title = f"Các biểu kèm theo {format_document_number(result.plan.meta.number, result.plan.meta.symbol)}"
    _refuse_inputs(out, batch_targets(out, jobs), raw.files)
    with output_lock(out, waiting):
        batch = run_batch(out, jobs, title, inputs, min(workers, usable_cores()), WriterOptions(sheet, templates),
                          progress, force)
    for failure in batch.failures:
        failure.reasons += [str(p) for p in _placed(OutputError([], failure.characters), raw.files).problems]
    return ExportResult(result, batch)


def chosen_annexes(plan, annex_ids: tuple[str, ...]) -> list:
    """The annexes named (all when none is); an unknown id is a command-line mistake (UsageError)."""
    known = {annex.id: annex for annex in plan.annexes}
    unknown = [i for i in annex_ids if i not in known]
    if unknown:
        raise UsageError(f"không có biểu {', '.join(unknown)}; các biểu có: {', '.join(known)}")
    return [known[i] for i in annex_ids] if annex_ids else list(plan.annexes)


# The report on a period (`reportgen report`) ---------------------------------------------------

REPORT_FORMATS = ("docx", "pdf")


def parse_period(text: str) -> Period | None:
    """"2020-M05", "2020-Q2", "2020-H1", "2020-9T", "2020" as a Period; None for anything else."""
    from reportgen.model.report import Period
    return Period.parse(text)


def period_forms() -> str:
    """The accepted forms of --period, for the command line's message."""
    from reportgen.model.report import PERIOD_FORMS
    return PERIOD_FORMS


def previous_report(folder: Path, period: Period) -> Period | None:
    """The period of the report `period`'s is compared with: the latest earlier report of the year, of any kind,
    whose folder exists in the plan's `folder` (Q2 before H1, H1 before the year); None: the plan's baseline."""
    from reportgen.load.report_folder import previous_report as latest_before
    return latest_before(folder, period)


def report_periods(folder: Path) -> list[Period]:
    """The periods whose report folders exist in the plan's `folder` with their document (bao-cao-2020-q2/van-ban.yaml),
    in the order reports are written (2020-Q1, 2020-Q2, 2020-H1, 2020): the reports that can be asked for."""
    from reportgen.load.report_folder import report_periods as periods
    return periods(folder)


def report_folder_name(period: Period) -> str:
    """"bao-cao-2020-q2": the report's folder inside the plan's, and its output folder's name."""
    from reportgen.load.report_folder import report_folder_name as name
    return name(period.code)


def export_folder_name() -> str:
    """"bieu": export's output folder inside the plan's (out/<plan>/bieu), when none is asked."""
    return "bieu"


def forms_folder_name(period: Period) -> str:
    """"bieu-nhap-2020-q2": the output folder of `period`'s return forms inside the plan's, when none is asked."""
    return f"bieu-nhap-{period.code.lower()}"


@dataclass
class ReportBuild:
    check: ReportResult
    written: list[Path] = field(default_factory=list)
    kept: list[Path] = field(default_factory=list)

    @property
    def code(self) -> int:
        """1 when a rule of the plan or the report failed (nothing written), else 0."""
        return check_code(self.check)


@released()
def check_report_folder(folder: Path, period: Period) -> ReportResult:
    """Loads and checks the plan, then its report for `period`; raises ReportgenError with every input problem."""
    return _load_and_check_report(folder, period)[0]


@released()
def compose_report_folder(folder: Path, period: Period, templates: Path = TEMPLATES
                          ) -> tuple[ReportResult, Document | None]:
    """The checked report and its Document tree; no tree when a rule failed."""
    from reportgen.compose.report import compose_report
    result = check_report_folder(folder, period)
    if result.failed:
        return result, None
    return result, compose_report(result.report, result.evaluated, _style_sheet(templates), templates)


def _load_and_check_report(folder: Path, period: Period):
    from reportgen.check.report import check_report  # imported when a report is asked for: build stays as it was
    from reportgen.load.report_folder import load_report
    problems = Problems()
    with collector_paused():
        raw = load_folder(folder, problems)
        raw_report = load_report(folder, period, problems)
        return check_report(check(raw, problems), raw_report, period, problems), raw, raw_report


@released()
def report_folder(folder: Path, period: Period, out: Path, formats: tuple[str, ...] = REPORT_FORMATS,
                  progress: Progress | None = None, waiting: Waiting | None = None, force: bool = False,
                  templates: Path = TEMPLATES) -> ReportBuild:
    """Checks plan and report, and only if every rule holds writes the report in each format with its manifest."""
    from reportgen.compose.report import compose_report
    result, raw, raw_report = _load_and_check_report(folder, period)
    if result.failed:
        return ReportBuild(result)
    inputs = file_digests(raw) | file_digests(raw_report)
    sheet = _style_sheet(templates)
    document = compose_report(result.report, result.evaluated, sheet, templates)
    name = f"{safe_name(document.title)}-{period.code.lower()}"
    return ReportBuild(result, *_write_document(document, name, formats, inputs, raw.files + raw_report.files, out,
                                                WriterOptions(sheet, templates), progress, waiting, force))
