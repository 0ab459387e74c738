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

from reportgen import __version__, pipeline
from reportgen.errors import ReportgenError, UsageError
from reportgen.cli.progress import progress_display, steps_display
from reportgen.cli.signals import Stopped, stopped_by_signals
from reportgen.cli.streams import carries_everything, degrade_streams
from reportgen.pipeline import FORMATS, ProtectedError, WriteError, display_path, tree_text, usable_cores
from reportgen.vi import format_document_number
from reportgen.output.findings import json_report, problems_report, text_report

EXIT_OK, EXIT_FAILED, EXIT_INPUT, EXIT_INTERNAL, EXIT_USAGE, EXIT_CANT_WRITE = 0, 1, 2, 3, 64, 73
EXIT_PIPE = 141  # 128 + SIGPIPE: what other Unix tools give when their output pipe closes


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, "cách dùng: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    """argparse speaking Vietnamese; a command-line mistake exits 64, apart from the input's 2."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, formatter_class=_Formatter, add_help=False, **kwargs)
        self._positionals.title, self._optionals.title = "tham số", "tùy chọn"
        self.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")

    def add_version(self) -> None:
        self.add_argument("--version", action="version", version=f"reportgen {__version__}",
                          help="in số phiên bản rồi thoát")

    def error(self, message: str) -> None:
        self.print_usage(sys.stderr)
        for english, vietnamese in _ARGPARSE_WORDS:
            message = message.replace(english, vietnamese)
        self.exit(EXIT_USAGE, f"reportgen: lỗi dòng lệnh: {message}. Xem: reportgen --help\n")


_ARGPARSE_WORDS = [("the following arguments are required", "thiếu tham số"), ("invalid choice", "lựa chọn không hợp lệ"),
                   ("unrecognized arguments", "tham số không biết"), ("choose from", "chọn một trong"),
                   ("argument ", "tham số ")]


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="reportgen", description="Văn bản hành chính từ số liệu đã đối chiếu.")
    parser.add_version()
    commands = parser.add_subparsers(dest="command", required=True, metavar="LỆNH", parser_class=_Parser,
                                     title="lệnh")
    check = commands.add_parser("check", help="kiểm tra số liệu một thư mục đầu vào",
                                description="Kiểm tra số liệu một thư mục đầu vào; thoát 0 khi khớp, 1 khi có quy "
                                            "tắc không đạt, 2 khi đầu vào không đọc được.")
    check.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục đầu vào, ví dụ inputs/bac-giang-2020")
    check.add_argument("--json", action="store_true", help="in kết quả dạng JSON")
    check.add_argument("--verbose", "-v", action="store_true", help="in cả các mục đạt")
    build = commands.add_parser("build", help="kiểm tra rồi viết văn bản (DOCX, PDF, XLSX) và manifest.json",
                                description="Kiểm tra số liệu; nếu mọi quy tắc đạt thì viết văn bản theo ND30 vào "
                                            "thư mục ra cùng manifest.json. Nếu có quy tắc không đạt thì không "
                                            "viết gì và thoát 1.")
    _output_arguments(build, "out/<tên thư mục đầu vào>", pipeline.BUILD_FORMATS)
    _export_parser(commands)
    _report_parser(commands)
    tree = commands.add_parser("tree", help="in cây văn bản (dạng chữ) mà các trình ghi dùng",
                               description="In cây văn bản sau khi kiểm tra và dựng từ mẫu: cùng nội dung mà "
                                           "DOCX và PDF trình bày; các kiểm thử so với bản lưu trong tests/cases.")
    tree.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục đầu vào")
    tree.add_argument("--period", type=_period, metavar="KỲ", help="cây của báo cáo quý này (ví dụ 2020-Q2), "
                                                                 "không phải của kế hoạch")
    return parser


def _output_arguments(command, default_out: str, formats: tuple[str, ...]) -> None:
    """The input folder, -o and --format: the same for every command that writes."""
    command.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục đầu vào, ví dụ inputs/bac-giang-2020")
    command.add_argument("-o", "--out", type=_out_folder, metavar="THƯ_MỤC_RA",
                         help=f"thư mục ra (mặc định {default_out})")
    command.add_argument("--format", type=_formats, default=formats, metavar="ĐỊNH_DẠNG",
                         help=f"các định dạng, cách nhau dấu phẩy (mặc định {','.join(formats)})")
    command.add_argument("--force", action="store_true",
                         help="vẫn thay các tệp ra đã bị sửa sau lần viết trước; bản đã sửa được giữ bên cạnh với "
                              "tên …-da-sua-<ngày>")


def _export_parser(commands) -> None:
    export = commands.add_parser("export", help="xuất các biểu (XLSX, DOCX, PDF), cả phần của từng đơn vị",
                                 description="Kiểm tra số liệu; nếu mọi quy tắc đạt thì xuất từng biểu theo mọi định "
                                             "dạng, và với --by-unit thêm một thư mục cho mỗi huyện chỉ có các dòng "
                                             "của huyện đó (có dòng tổng riêng). Thoát 1 nếu có phần không xuất được.")
    _output_arguments(export, "out/<tên thư mục đầu vào>/bieu", pipeline.EXPORT_FORMATS)
    export.add_argument("--annex", type=_annex_ids, default=(), metavar="MÃ_BIỂU",
                        help="chỉ các biểu này, ví dụ 01,04 (mặc định: mọi biểu)")
    export.add_argument("--by-unit", action="store_true", help="thêm một thư mục cho mỗi đơn vị (huyện)")
    export.add_argument("--jobs", type=_jobs, default=usable_cores(), metavar="N",
                        help=f"số tiến trình chạy song song (mặc định: số lõi máy, ở đây {usable_cores()})")


def _out_folder(text: str) -> Path:
    if not text.strip():  # Path("") is the working folder: `-o "$OUT"` with OUT unset must not write there
        raise argparse.ArgumentTypeError("thư mục ra trống; ghi tên thư mục, ví dụ -o out/ban-in (bỏ -o để dùng "
                                         "thư mục mặc định)")
    return Path(text)


def _annex_ids(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip() for part in text.split(",") if part.strip()))
    if not chosen:
        raise argparse.ArgumentTypeError("cần ít nhất một mã biểu, ví dụ 01,04 (bỏ --annex để xuất mọi biểu)")
    return chosen


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"số tiến trình phải là số nguyên dương, không phải '{text}'")
    return int(text)


def _report_parser(commands) -> None:
    report = commands.add_parser("report", help="kiểm tra rồi viết báo cáo quý về kế hoạch (DOCX, PDF)",
                                 description="Kiểm tra kế hoạch và số liệu tiến độ của kỳ (thư mục bao-cao-<kỳ> trong "
                                             "thư mục kế hoạch); nếu mọi quy tắc đạt thì viết Báo cáo theo ND30 cùng "
                                             "manifest.json. Nếu có quy tắc không đạt thì không viết gì và thoát 1.")
    _output_arguments(report, "out/<tên thư mục đầu vào>/bao-cao-<năm>-q<quý>", pipeline.REPORT_FORMATS)
    report.add_argument("--period", required=True, type=_period, metavar="KỲ", help="quý báo cáo, ví dụ 2020-Q2")


def _period(text: str):
    period = pipeline.parse_period(text)
    if period is None:
        raise argparse.ArgumentTypeError(f"kỳ báo cáo '{text}' không hợp lệ; viết năm và quý 1 đến 4, ví dụ 2020-Q2")
    return period


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"định dạng không biết: {', '.join(unknown) or '(trống)'}; "
                                         f"chọn trong {', '.join(FORMATS)}")
    return chosen


def main(argv: list[str] | None = None) -> int:
    degrade_streams()  # a stream that cannot carry Vietnamese (cp1258, ascii) prints it as near as it can
    with stopped_by_signals():
        return _run(argv)


def _run(argv: list[str] | None) -> int:
    try:
        args = _parser().parse_args(argv)
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
    title = f"{title} — văn bản số {format_document_number(meta.number, meta.symbol)}"
    out = json_report(shown, result.findings, []) if args.json else text_report(title, result.findings,
                                                                                  args.verbose)
    sys.stdout.write(_json_for(out) if args.json else out)
    return EXIT_FAILED if result.failed else EXIT_OK


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
    except UsageError as error:
        print(f"reportgen: lỗi dòng lệnh: {error}. Xem: reportgen {command} --help", file=sys.stderr)
        return EXIT_USAGE
    except ReportgenError as error:
        sys.stdout.write(problems_report(title, error.problems, error.heading))
        return EXIT_INPUT
    except WriteError as error:
        print(f"Không ghi được tệp {error.path}: {error.reason}. Các tệp đã có trong {display_path(out)} không bị "
              "thay bằng bản dở dang.", file=sys.stderr)
        return EXIT_CANT_WRITE
    except ProtectedError as error:
        return _protected(error, out)
    if built.check.failed:
        sys.stdout.write(text_report(title, built.check.findings, False, report))
        sys.stdout.write("Không viết tệp nào: số liệu chưa khớp (xem các mục không đạt ở trên).\n")
        return EXIT_FAILED
    sys.stdout.write(f"Đã viết {len(built.written)} tệp vào {display_path(out)}:\n")
    sys.stdout.writelines(f"  {path.name}\n" for path in built.written)
    _kept(built.kept, out)
    return EXIT_OK


def _protected(error: ProtectedError, out: Path) -> int:
    """Outputs an edit would be lost in, or open in another program: each named, nothing written (73)."""
    why = "đang mở trong chương trình khác" if error.locked else "sẽ bị thay, mất các chỗ đã sửa"
    print(f"Không viết tệp nào vào {display_path(out)}: các tệp sau {why}.", file=sys.stderr)
    for held in error.held:
        print(f"  - {held.message()}", file=sys.stderr)
    if not error.locked:
        print("Lưu các chỗ sửa vào tệp đầu vào (lời văn, số liệu) rồi chạy lại; hoặc chạy lại với --force để vẫn "
              "thay: bản đã sửa được giữ bên cạnh với tên …-da-sua-<ngày>.", file=sys.stderr)
    return EXIT_CANT_WRITE


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
    out = args.out if args.out is not None else Path("out") / args.folder.resolve().name / "bieu"
    title = f"Kiểm tra số liệu: {display_path(args.folder)}"
    jobs = min(args.jobs, usable_cores())
    if jobs < args.jobs:  # more processes than cores only queue for them (600 ran out of open files)
        print(f"reportgen: --jobs {args.jobs} nhiều hơn số lõi máy dùng được ({usable_cores()}): chạy {jobs} tiến "
              "trình.", file=sys.stderr)
    try:
        with progress_display() as progress:
            exported = pipeline.export_folder(args.folder, out, args.format, args.annex, args.by_unit, jobs,
                                              progress, _waiting, args.force)
    except UsageError as error:
        print(f"reportgen: lỗi dòng lệnh: {error}. Xem: reportgen export --help", file=sys.stderr)
        return EXIT_USAGE
    except ReportgenError as error:
        sys.stdout.write(problems_report(title, error.problems, error.heading))
        return EXIT_INPUT
    except ProtectedError as error:
        return _protected(error, out)
    if exported.batch is None:
        sys.stdout.write(text_report(title, exported.check.findings, False))
        sys.stdout.write("Không xuất tệp nào: số liệu chưa khớp (xem các mục không đạt ở trên).\n")
        return EXIT_FAILED
    return _export_summary(exported.batch, out)


def _export_summary(batch, out: Path) -> int:
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
    if any(failure.internal for failure in batch.failures):
        return EXIT_INTERNAL
    return EXIT_FAILED if batch.failures else EXIT_OK


_COMMANDS = {"check": _check, "build": _build, "export": _export, "tree": _tree, "report": _report}
