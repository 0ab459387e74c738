"""The command line's words: subcommands, options and their checks, argparse speaking Vietnamese."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportgen import __version__, pipeline
from reportgen.cli.codes import EXIT_USAGE
from reportgen.cli.forms import forms_parser
from reportgen.cli.new import new_parser
from reportgen.cli.roll import plan_year, roll_parser
from reportgen.cli.units import units_parser
from reportgen.cli.collect import collect_parser
from reportgen.cli.serve import serve_parser
from reportgen.pipeline import FORMATS, usable_cores


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


def parser() -> argparse.ArgumentParser:
    """Every subcommand with its options; a mistake exits 64 with a Vietnamese message."""
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
    roll_parser(commands, _out_folder)
    new_parser(commands, _out_folder, plan_year)
    units_parser(commands)
    forms_parser(commands, _out_folder, _period, _jobs_option)
    collect_parser(commands, _period)
    serve_parser(commands)
    tree = commands.add_parser("tree", help="in cây văn bản (dạng chữ) mà các trình ghi dùng",
                               description="In cây văn bản sau khi kiểm tra và dựng từ mẫu: cùng nội dung mà "
                                           "DOCX và PDF trình bày; các kiểm thử so với bản lưu trong tests/cases.")
    tree.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục đầu vào")
    tree.add_argument("--period", type=_period, metavar="KỲ", help="cây của báo cáo kỳ này (ví dụ 2020-Q2, 2020-H1, "
                                                                 "2020), không phải của kế hoạch")
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
    _jobs_option(export)


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


def _jobs_option(command) -> None:
    """--jobs: the same for every command that writes over processes (export, forms)."""
    command.add_argument("--jobs", type=_jobs, default=usable_cores(), metavar="N",
                         help=f"số tiến trình chạy song song (mặc định: số lõi máy, ở đây {usable_cores()})")


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"số tiến trình phải là số nguyên dương, không phải '{text}'")
    return int(text)


def _report_parser(commands) -> None:
    report = commands.add_parser("report", help="kiểm tra rồi viết báo cáo tháng, quý, 6 tháng, 9 tháng hoặc năm về kế "
                                                       "hoạch (DOCX, PDF)",
                                 description="Kiểm tra kế hoạch và số liệu tiến độ của kỳ (thư mục bao-cao-<kỳ> trong "
                                             "thư mục kế hoạch); nếu mọi quy tắc đạt thì viết Báo cáo theo ND30 cùng "
                                             "manifest.json. Nếu có quy tắc không đạt thì không viết gì và thoát 1.")
    _output_arguments(report, "out/<tên thư mục đầu vào>/bao-cao-<kỳ>", pipeline.REPORT_FORMATS)
    report.add_argument("--period", required=True, type=_period, metavar="KỲ",
                        help="kỳ báo cáo: 2020-M05, 2020-Q2, 2020-H1, 2020-9T hoặc 2020")


def _period(text: str):
    period = pipeline.parse_period(text)
    if period is None:
        raise argparse.ArgumentTypeError(f"kỳ báo cáo '{text}' không hợp lệ; viết một trong các dạng "
                                         f"{pipeline.period_forms()}")
    return period


def _formats(text: str) -> tuple[str, ...]:
    chosen = tuple(dict.fromkeys(part.strip().lower() for part in text.split(",") if part.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"định dạng không biết: {', '.join(unknown) or '(trống)'}; "
                                         f"chọn trong {', '.join(FORMATS)}")
    return chosen
