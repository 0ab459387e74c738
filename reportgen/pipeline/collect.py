"""`reportgen collect`: the checked plan -> the forms expected back (compose, as `forms` wrote them) -> the returned
workbooks read (load) and compared (check) -> the period's progress file written into the report's folder, only
when every form is in and valid (or, with --partial, what is valid); a file refused changes nothing there."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from itertools import chain
from pathlib import Path

from reportgen.check.plan import CheckResult
from reportgen.check.return_progress import CollectedProgress, collected_progress
from reportgen.check.returns import Collection, Context, collect, form_owner, identity_of, same_plan
from reportgen.collector import collector_paused, released
from reportgen.compose.forms import compose_forms, report_needs
from reportgen.errors import Problems, ReportgenError, UsageError
from reportgen.exit_codes import EXIT_CANT_WRITE, EXIT_FAILED, EXIT_INPUT, EXIT_OK
from reportgen.load.folder import DOCUMENT_FILE, file_name
from reportgen.load.raw import display_path, inside
from reportgen.load.report_folder import report_folder_name
from reportgen.load.returns import load_return, returned_book, returned_paths
from reportgen.load.xlsx_file import safe_to_open
from reportgen.load.yaml_file import load_yaml
from reportgen.model.report import Period
from reportgen.output.files import distinct, folder_name, write_file
from reportgen.output.progress_file import MARK, progress_text
from reportgen.output.protect import keep_copy
from reportgen.pipeline import _load_and_check, parse_period
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
    kept_copy: Path | None = None    # a hand-typed progress file replaced with force, kept beside it
    kept: str | None = None          # why the progress file was not written although it could have been (typed by
                                     # hand: collect_outcome tells how to replace it anyway)
    files: int = 0                   # returned files looked at
    partial: bool = False

    @property
    def code(self) -> int:
        """2 a file was refused, 73 a hand-typed progress file kept (as build's edited output), 0 written (or already
        so), 1 not written: a rule of the plan failed or not every form is in."""
        if self.collection is None:
            return EXIT_FAILED
        if self.collection.problems:
            return EXIT_INPUT
        if self.kept:
            return EXIT_CANT_WRITE
        return EXIT_OK if self.written or self.unchanged else EXIT_FAILED


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
    forms, needs, context = _expected(folder, plan_check.plan, period, templates)
    said = Problems()
    found = returned_paths(paths, said)
    # a generator: each workbook is read when check comes to it and let go once its values are taken
    returns = chain(((p.location.file, None, [p]) for p in said.items), (_read(path) for path in found))
    collection = collect(forms, returns, context)
    progress = collected_progress(forms, collection, period.code, needs.actuals, needs.indicators, needs.tasks)
    result = CollectResult(plan_check, collection, progress, _target(folder, period), files=len(found),
                           partial=partial)
    if collection.complete or (partial and collection.valid):
        _write(result, force)
    return result


def _expected(folder: Path, plan, period: Period, templates: Path):
    """The forms sent for `period` (as `forms` wrote them), what the report needs, and the context returns are
    checked in."""
    within_year(plan, period)   # as forms says it (each file was refused as "another period" once)
    previous, _ = previous_report(folder, plan, period)
    needs = report_needs(plan, previous)
    context = Context(plan.meta, period.code, needs.actuals, previous.actuals,
                      previous.period.words if previous.period is not None else "")
    return compose_forms(plan, period, previous, templates), needs, context


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
        if not old.startswith(MARK.encode("utf-8")):
            if not force:
                result.kept = f"{display_path(target)} không do reportgen collect viết (có thể được gõ tay): không thay"
                return
            # replaced as build replaces an edited output: the hand-typed bytes stay beside it, never lost
            result.kept_copy = keep_copy(target, _dt.date.today().isoformat())
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


def returned_files(folder: Path) -> list[Path]:
    """The returns kept in a tra-ve/ folder, as collect finds them there (hidden files and lock files left out)."""
    return returned_paths([folder], Problems()) if folder.is_dir() else []


MAX_NAME_BYTES = 200    # a kept return's name in UTF-8, with room under 255 for the staged and .cu/ affixes


def returned_names(forms) -> dict[tuple[str, str], str]:
    """The file each unit's return is kept under in tra-ve/, by (kind, unit): so-lieu-Huyện-Lục-Nam.xlsx,
    nhiem-vu-Sở-Nội-vụ.xlsx (the unit as export --by-unit names its folder), distinct even when two names reduce
    alike."""
    keys = [(form.identity.kind, form.identity.unit) for form in forms]
    stems = distinct([f"{'so-lieu' if kind == 'district' else 'nhiem-vu'}-{folder_name(unit)}" for kind, unit in keys])
    names = {}
    for key, stem in zip(keys, stems):
        while len(f"{stem}.xlsx".encode("utf-8")) > MAX_NAME_BYTES:   # folder_name keeps 120 bytes: never here
            stem = stem[:-1]
        names[key] = f"{stem}.xlsx"
    return names


@dataclass
class Received:
    """One file of an upload at the door: the form it is (and the name it is kept under), or why it is refused."""

    sent: str                        # the name the browser sent, as the clerk knows the file
    data: bytes
    name: str = ""                   # reportgen's name for it in tra-ve/ (returned_names)
    kind: str = ""
    unit: str = ""
    refused: str = ""                # why it is not kept, in the clerk's words


@dataclass
class Identified:
    period: Period | None            # the period asked, or the one every file says it is of
    files: list[Received]
    refused: str = ""                # why nothing of the upload can be taken (the plan itself does not check)


@released()
def identify_returns(folder: Path, files: list[tuple[str, bytes]], period: Period | None = None,
                     templates: Path = TEMPLATES) -> Identified:
    """Whose form each uploaded file is, by its hidden identity sheet, read and judged by the very code collect
    uses (plan, period, unit, the form's version), before any is kept. With no period asked, the files' own
    period, when they all agree. A unit twice in one upload refuses both files. Cells are not checked here."""
    with collector_paused():
        try:
            return _identify(folder, [Received(sent, data) for sent, data in files], period, templates)
        except (ReportgenError, UsageError) as error:
            return Identified(period, [], _said(error))


def _said(error: Exception) -> str:
    if isinstance(error, ReportgenError):
        first = error.problems[0].message if error.problems else ""
        return f"{error.heading} ({first}): bấm «Kiểm tra số liệu» hoặc tạo báo cáo kỳ này để xem và sửa, rồi gửi lại."
    return f"{str(error)[:1].upper()}{str(error)[1:]}."


def _identify(folder: Path, files: list[Received], period: Period | None, templates: Path) -> Identified:
    plan_check, _ = _load_and_check(folder)
    if plan_check.failed:
        return Identified(period, [], "Số liệu kế hoạch chưa khớp nên chưa thu biểu: bấm «Kiểm tra số liệu», sửa các "
                                      "mục «không đạt» rồi gửi lại.")
    meta = plan_check.plan.meta
    books, identities = {}, {}
    for item in files:
        problems = Problems()
        book = returned_book(item.data, Path(item.sent), item.sent, problems)
        identity = identity_of(book, problems) if book is not None else None
        if identity is None:
            item.refused = _words(problems)
        else:
            books[id(item)], identities[id(item)] = book, identity
    ours = [item for item in files if id(item) in identities and same_plan(identities[id(item)], meta)]
    if period is None:
        periods = {identities[id(item)].period for item in ours}
        if len(periods) > 1:
            for item in ours:
                item.refused = (f"Các tệp gửi cùng lần này thuộc {len(periods)} kỳ khác nhau; tệp này là biểu "
                                f"{_words_of(identities[id(item)].period)}: gửi riêng từng kỳ (chọn kỳ rồi gửi).")
        period = parse_period(periods.pop()) if len(periods) == 1 else None
    for item in ours:   # before the period's forms are made: a period asked by mistake may have none to make
        identity = identities[id(item)]
        if period is not None and not item.refused and identity.period != period.code:
            item.refused = (f"Tệp này là biểu {_words_of(identity.period)} — chọn kỳ {identity.period} rồi gửi lại "
                            f"(lần gửi này là kỳ {period.words}).")
    if period is None or not any(item in ours and not item.refused for item in files):
        expected, context = {}, Context(meta, "", None, None)  # the rest is refused for its plan, in collect's words
    else:
        forms, _, context = _expected(folder, plan_check.plan, period, templates)
        expected = {(f.identity.kind, f.identity.unit): f for f in forms}
        names = returned_names(forms)
    owners: dict[tuple[str, str], list[Received]] = {}
    for item in files:
        if id(item) not in books or item.refused:
            continue
        problems = Problems()
        key = form_owner(books[id(item)], expected, context, problems)
        if key is None:
            item.refused = _words(problems)
        else:
            item.kind, item.unit, item.name = key[0], key[1], names[key]
            owners.setdefault(key, []).append(item)
    for (kind, unit), items in owners.items():
        if len(items) > 1:
            for item in items:
                item.refused = (f"{len(items)} tệp cùng là biểu {_kind_words(kind)} của {unit} "
                                f"({', '.join(i.sent for i in items)}): giữ một tệp đúng rồi gửi lại.")
    return Identified(period, files)


def _words(problems: Problems) -> str:
    return " ".join(problem.message for problem in problems.items) or "Không đọc được biểu này."


def _words_of(code: str) -> str:
    period = parse_period(code)
    return period.words if period is not None else code


def _kind_words(kind: str) -> str:
    return "số liệu" if kind == "district" else "nhiệm vụ"
