"""Command line: subcommands and exit codes; no logic.

0 ok, 1 a rule failed (export: or a part could not be exported), 2 the input cannot be read or cannot be printed
as asked (a letter no font has, a broken template), 3 a bug of reportgen, 64 a command-line mistake (an output
that would replace an input among them), 73 an output cannot be written (build, report; export says which part,
exit 1), 130 Ctrl-C, 141 the output pipe closed, 143 SIGTERM.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from reportgen import pipeline
from reportgen.errors import ReportgenError, UsageError
from reportgen.cli.arguments import parser
from reportgen.cli.forms import run_forms
from reportgen.cli.collect import run_collect
from reportgen.cli.codes import (EXIT_CANT_WRITE, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL, EXIT_OK, EXIT_PIPE,
                                  EXIT_USAGE)
from reportgen.cli.new import run_new
from reportgen.cli.roll import run_roll
from reportgen.cli.serve import run_serve
from reportgen.cli.refusals import input_refused, usage_refused
from reportgen.cli.progress import progress_display, steps_display
from reportgen.cli.signals import Stopped, stopped_by_signals
from reportgen.cli.streams import carries_everything, degrade_streams
from reportgen.cli.units import run_units
from reportgen.pipeline import ProtectedError, WriteError, display_path, tree_text, usable_cores
from reportgen.vi import format_document_number
from reportgen.output.findings import json_report, problems_report, text_report

__all__ = ["main", "EXIT_OK", "EXIT_FAILED", "EXIT_INPUT", "EXIT_INTERNAL", "EXIT_USAGE", "EXIT_CANT_WRITE",
           "EXIT_PIPE"]


def main(argv: list[str] | None = None) -> int:
    degrade_streams()  # a stream that cannot carry Vietnamese (cp1258, ascii) prints it as near as it can
    with stopped_by_signals():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    try:
        args = parser().parse_args(argv)
        code = _COMMANDS[args.command](args)
        sys.stdout.flush()
        return code
    except Stopped as stop:  # workers are ended and staged files swept by now; what was renamed in is whole
        print(f"reportgen: đã dừng theo {stop.name}; các tệp đã viết xong vẫn nguyên vẹn, tệp tạm đã được dọn.",
              file=sys.stderr)
        return stop.code
    except BrokenPipeError:  # `reportgen check … | head`: the reader stopped reading; what was written stays
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # Python's own flush at exit must not fail
        return EXIT_PIPE
    except Exception as exc:  # a bug must still not greet the clerk with a traceback
        print(f"Lỗi nội bộ của reportgen ({type(exc).__name__}: {exc}). Đây là lỗi của chương trình, không "
              "phải của người nhập; hãy báo lỗi kèm thư mục đầu vào.", file=sys.stderr)
        return EXIT_INTERNAL


def _check(args: argparse.Namespace) -> int:
    shown = display_path(args.folder)
    title = f"Kiểm tra số liệu: {shown}"
    try:
        result = pipeline.check_folder(args.folder)
    except ReportgenError as error:
        out = json_report(shown, [], error.problems) if args.json else problems_report(title, error.problems)
        sys.stdout.write(_json_for(out) if args.json else out)
        return EXIT_INPUT
    meta = result.plan.meta
    number = f"(chưa nhập)/{meta.symbol}" if "number" in meta.pending else format_document_number(meta.number,
                                                                                                   meta.symbol)
    title = f"{title} — văn bản số {number}"
    out = json_report(shown, result.findings, []) if args.json else text_report(title, result.findings,
                                                                                  args.verbose)
    sys.stdout.write(_json_for(out) if args.json else out)
    return pipeline.check_code(result)


def _json_for(text: str) -> str:
    """JSON to a stream without Vietnamese letters keeps every letter as \\u escapes: the same data, lossless."""
    return text if carries_everything(sys.stdout) else json.dumps(json.loads(text), ensure_ascii=True, indent=2) + "\n"


def _waiting(out: Path) -> None:
    print(f"Đang chờ: một lần chạy reportgen khác đang ghi vào {display_path(out)}; sẽ ghi ngay khi nó xong.",
          file=sys.stderr, flush=True)


def _build(args: argparse.Namespace) -> int:
    out = args.out if args.out is not None else Path("out") / args.folder.resolve().name
    title = f"Kiểm tra số liệu: {display_path(args.folder)}"
    return _written(lambda show: pipeline.build_folder(args.folder, out, args.format, show, _waiting, args.force),
                    out, title, report=False, command="build")


def _report(args: argparse.Namespace) -> int:
    # Its own folder: the plan's manifest.json in out/<plan>/ stays the plan's.
    out = args.out if args.out is not None else (Path("out") / args.folder.resolve().name
                                                 / pipeline.report_folder_name(args.period))
    title = f"Kiểm tra số liệu: {display_path(args.folder)}, báo cáo kỳ {args.period.code}"
    return _written(lambda show: pipeline.report_folder(args.folder, args.period, out, args.format, show, _waiting,
                                                        args.force), out, title, report=True, command="report")


def _written(run, out: Path, title: str, report: bool, command: str) -> int:
    """A document written after its check: the files, or why none was (input, rules, the disk)."""
    try:
        with steps_display() as show:
            built = run(show)
    except (UsageError, ReportgenError, WriteError, ProtectedError) as error:
        return _refused(error, out, title, command)
    if built.check.failed:
        sys.stdout.write(text_report(title, built.check.findings, False, report))
        sys.stdout.write("Không viết tệp nào: số liệu chưa khớp (xem các mục không đạt ở trên).\n")
        return built.code
    sys.stdout.write(f"Đã viết {len(built.written)} tệp vào {display_path(out)}:\n")
    sys.stdout.writelines(f"  {path.name}\n" for path in built.written)
    _kept(built.kept, out)
    return built.code


def _refused(error: Exception, out: Path, title: str, command: str) -> int:
    """Why a command that writes wrote nothing: the command line, the input, the disk, or an edit it would lose; its
    code is the pipeline's, as the page's."""
    if isinstance(error, UsageError):
        usage_refused(error, command)
    elif isinstance(error, ReportgenError):
        input_refused(error, title)
    elif isinstance(error, WriteError):  # a disk full, a file where the output folder should be
        print(f"Không ghi được tệp {error.path}: {error.reason}. Các tệp đã có trong {display_path(out)} không bị "
              "thay bằng bản dở dang.", file=sys.stderr)
    else:
        _protected(error, out)
    return pipeline.refused_code(error)


def _protected(error: ProtectedError, out: Path) -> None:
    """Outputs an edit would be lost in, or open in another program: each named, nothing written (73)."""
    print(error.heading(display_path(out)), file=sys.stderr)
    for held in error.held:
        print(f"  - {held.message()}", file=sys.stderr)
    print(error.advice("chạy lại với --force"), file=sys.stderr)


def _kept(kept: list[Path], out: Path) -> None:
    if kept:
        sys.stdout.write(f"Đã giữ {len(kept)} tệp đã sửa (--force) trong {display_path(out)}:\n")
        sys.stdout.writelines(f"  {path.relative_to(out).as_posix()}\n" for path in kept)


def _tree(args: argparse.Namespace) -> int:
    title = f"Kiểm tra số liệu: {display_path(args.folder)}"
    try:
        if args.period is not None:
            result, document = pipeline.compose_report_folder(args.folder, args.period)
        else:
            result, document = pipeline.compose_folder(args.folder)
    except ReportgenError as error:
        sys.stdout.write(problems_report(title, error.problems, error.heading))
        return EXIT_INPUT
    if document is None:
        sys.stdout.write(text_report(title, result.findings, False, args.period is not None))
        return EXIT_FAILED
    sys.stdout.write(tree_text(document))
    return EXIT_OK


def _export(args: argparse.Namespace) -> int:
    out = args.out if args.out is not None else (Path("out") / args.folder.resolve().name
                                                 / pipeline.export_folder_name())
    title = f"Kiểm tra số liệu: {display_path(args.folder)}"
    jobs = min(args.jobs, usable_cores())
    if jobs < args.jobs:  # more processes than cores only queue for them (600 ran out of open files)
        print(f"reportgen: --jobs {args.jobs} nhiều hơn số lõi máy dùng được ({usable_cores()}): chạy {jobs} tiến "
              "trình.", file=sys.stderr)
    try:
        with progress_display() as progress:
            exported = pipeline.export_folder(args.folder, out, args.format, args.annex, args.by_unit, jobs,
                                              progress, _waiting, args.force)
    except (UsageError, ReportgenError, WriteError, ProtectedError) as error:
        return _refused(error, out, title, "export")
    if exported.batch is None:
        sys.stdout.write(text_report(title, exported.check.findings, False))
        sys.stdout.write("Không xuất tệp nào: số liệu chưa khớp (xem các mục không đạt ở trên).\n")
        return exported.code
    _export_summary(exported.batch, out)
    return exported.code


def _export_summary(batch, out: Path) -> None:
    manifests = sum(1 for path in batch.written if path.name == "manifest.json")
    sys.stdout.write(f"Đã viết {len(batch.written) - manifests} tệp và {manifests} manifest.json vào "
                     f"{display_path(out)}.\n")
    _kept(batch.kept, out)
    for failure in batch.failures:
        where = failure.unit or "các biểu toàn tỉnh"
        print(f"Không xuất được phần của {where} (thư mục {failure.folder or '.'}); các tệp cũ của phần này được "
              "giữ nguyên:", file=sys.stderr)
        for reason in failure.reasons:
            print(f"  - {reason}", file=sys.stderr)


_COMMANDS = {"check": _check, "build": _build, "export": _export, "tree": _tree, "report": _report,
             "roll": run_roll, "new": run_new, "units": run_units,
             "forms": lambda args: run_forms(args, _refused, _waiting, _export_summary),
             "collect": run_collect, "serve": run_serve}
