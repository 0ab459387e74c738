"""A report's input folder inside the plan's folder (bao-cao-2020-q2/, bao-cao-2020-h1/, bao-cao-2020/): its document,
narrative, progress file, and the earlier report's progress."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reportgen.errors import Location, Problems
from reportgen.load.folder import DOCUMENT_FILE, file_name
from reportgen.load.narrative import RawNarrative, load_narrative
from reportgen.load.raw import Raw, display_path, inside
from reportgen.load.workbook import Workbook
from reportgen.load.xlsx_file import open_workbook
from reportgen.load.yaml_file import load_yaml
from reportgen.model.report import Period

PROGRESS_KEY = "progress"


@dataclass
class RawReport:
    folder: Path                     # the plan's folder: manifest paths are relative to it
    name: str                        # the report's subfolder, "bao-cao-2020-q2"
    document: Raw | None = None
    narrative: RawNarrative | None = None
    progress: Raw | None = None
    previous: Raw | None = None      # the earlier period's progress file, when that report exists
    previous_period: Period | None = None   # that report's period (any kind: Q2 before H1, H1 before the year)
    files: list[Path] = field(default_factory=list)
    # Actuals from a workbook (`actuals: {source: …}`), by the progress file that names it.
    workbooks: dict[str, Workbook] = field(default_factory=dict)
    missing: Location | None = None  # the report's folder, when it does not exist


def missing_folder_message(raw: RawReport, period_code: str) -> str:
    return (f"Không có thư mục báo cáo kỳ {period_code}: tạo thư mục '{raw.name}' trong thư mục kế hoạch "
            f"với {DOCUMENT_FILE}, lời văn và tệp tiến độ (xem README).")


_PREFIX = "bao-cao-"


def report_folder_name(period_code: str) -> str:
    """"2020-Q2" → "bao-cao-2020-q2", "2020" → "bao-cao-2020": where a period's report input lives inside the
    plan's folder."""
    return f"{_PREFIX}{period_code.lower()}"


def previous_report(plan_folder: Path, period: Period) -> Period | None:
    """The latest report of the same year written before this one, of any kind (its folder exists): the one ending
    last before it, or ending with it but shorter (Q2 before H1, Q4 before the year)."""
    earlier = [p for p, _ in report_folders(plan_folder) if p.year == period.year and p.order < period.order]
    return max(earlier, key=lambda p: p.order, default=None)


def report_folders(plan_folder: Path) -> list[tuple[Period, Path]]:
    """The folders in the plan's folder whose names give a period ("bao-cao-2020-q2": 2020-Q2; its document there
    or not), in the order reports are written (Q2 before H1, H1 before the year); none when it cannot be read (the
    plan's own loading says why)."""
    try:
        found = [(Period.parse(f.name[len(_PREFIX):]), f) for f in plan_folder.iterdir()
                 if f.name.startswith(_PREFIX) and f.is_dir()]
    except OSError:
        return []
    return sorted(((p, f) for p, f in found if p is not None), key=lambda found: (found[0].order, found[1].name))


def report_periods(plan_folder: Path) -> list[Period]:
    """The periods a report can be made for: their folders exist under the very name the report reads
    ("bao-cao-2020-q2", not "bao-cao-2020-Q2") and hold the document file, in the order reports are written."""
    return [p for p, f in report_folders(plan_folder)
            if f.name == report_folder_name(p.code) and (f / DOCUMENT_FILE).is_file()]


def load_report(plan_folder: Path, period: Period, problems: Problems) -> RawReport:
    """Reads the period's report folder and the earlier report's progress; problems are collected."""
    period_code = period.code
    raw = RawReport(plan_folder, report_folder_name(period_code))
    folder = plan_folder / raw.name
    if not folder.is_dir():  # check says why: a period outside the plan's year, or the folder to create
        raw.missing = Location(display_path(folder))
        return raw
    raw.document, raw.progress, raw.narrative = _read_report(plan_folder, folder, raw.files, problems, narrative=True)
    _read_workbook(raw, folder, raw.progress, problems)
    raw.previous_period = previous_report(plan_folder, period)
    if raw.previous_period is not None:  # no earlier report: the plan's own baseline stands in for it
        earlier = plan_folder / report_folder_name(raw.previous_period.code)
        raw.previous = _read_report(plan_folder, earlier, raw.files, problems, narrative=False)[1]
        _read_workbook(raw, earlier, raw.previous, problems)
    return raw


def _read_workbook(raw: RawReport, folder: Path, progress: Raw | None, problems: Problems) -> None:
    actuals = progress.get("actuals") if progress is not None and progress.is_map else None
    if actuals is None or not actuals.is_map or actuals.get("source") is None:
        return
    name = file_name(actuals, "source", problems)
    path = inside(raw.folder, str(folder.relative_to(raw.folder) / name), problems) if name else None
    if path:
        raw.files.append(path)
        book = open_workbook(path, problems)
        if book is not None:
            raw.workbooks[progress.loc.file] = Workbook(book)


def _read_report(plan_folder: Path, folder: Path, files: list[Path], problems: Problems, narrative: bool):
    """The document file, the progress file it names and, if asked, its narrative (none linked out of the plan's
    folder)."""
    def path_of(name: str) -> Path | None:
        path = inside(plan_folder, str(folder.relative_to(plan_folder) / name), problems)
        if path is not None:
            files.append(path)
        return path

    path = path_of(DOCUMENT_FILE)
    document = load_yaml(path, problems) if path else None
    if document is None or not document.is_map:
        if document is not None:
            problems.add("Tệp văn bản phải là một bảng khóa: giá trị.", document.loc)
        return None, None, None
    progress = text = None
    name = file_name(document, PROGRESS_KEY, problems)
    path = path_of(name) if name else None
    if path:
        progress = load_yaml(path, problems)
    name = file_name(document, "narrative", problems) if narrative else None
    path = path_of(name) if name else None
    if path:
        text = load_narrative(path, problems)
    return document, progress, text
