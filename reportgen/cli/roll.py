"""`reportgen roll DIR --year 2021 -o NEW`: the subcommand and its runner."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportgen.cli.refusals import input_refused, usage_refused
from reportgen.cli.codes import EXIT_CANT_WRITE, EXIT_FAILED, EXIT_OK
from reportgen.errors import ReportgenError, UsageError
from reportgen.output.findings import text_report
from reportgen.pipeline import WriteError, display_path
from reportgen.pipeline.roll import roll_folder


def roll_parser(commands, out_folder) -> None:
    roll = commands.add_parser("roll", help="viết kế hoạch năm sau từ kế hoạch này và báo cáo mới nhất của năm",
                               description="Kiểm tra kế hoạch và báo cáo mới nhất của năm; nếu đạt thì viết thư mục "
                                           "kế hoạch năm sau: kết quả năm nay thành cột năm trước, chỉ tiêu để "
                                           "«chưa nhập», tiêu đề, mã cột và biểu thức sang năm mới, thời hạn nhiệm "
                                           "vụ để «chưa nhập», số và ngày văn bản để trống.")
    roll.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục kế hoạch, ví dụ inputs/bac-giang-2020")
    roll.add_argument("--year", required=True, type=plan_year, metavar="NĂM", help="năm của kế hoạch mới, ví dụ 2021")
    roll.add_argument("-o", "--out", required=True, type=out_folder, metavar="THƯ_MỤC_RA",
                      help="thư mục kế hoạch mới (chưa có, hoặc rỗng)")


def plan_year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"năm '{text}' không hợp lệ; viết bốn chữ số, ví dụ 2021")
    return int(text)


def run_roll(args: argparse.Namespace) -> int:
    title = f"Kiểm tra số liệu: {display_path(args.folder)}"
    try:
        rolled = roll_folder(args.folder, args.year, args.out)
    except UsageError as error:
        return usage_refused(error, "roll")
    except ReportgenError as error:
        return input_refused(error, title)
    except WriteError as error:
        print(f"Không ghi được {error.path}: {error.reason}. Không có thư mục dở dang nào được để lại.",
              file=sys.stderr)
        return EXIT_CANT_WRITE
    if rolled.failed:
        findings = rolled.report.findings if rolled.report is not None else rolled.check.findings
        sys.stdout.write(text_report(title, findings, False, rolled.report is not None))
        sys.stdout.write("Không viết kế hoạch mới: số liệu chưa khớp (xem các mục không đạt ở trên).\n")
        return EXIT_FAILED
    where = (f"số thực hiện theo {rolled.baseline.named}"
             if rolled.baseline is not None else "chưa có báo cáo của năm: cột năm trước tạm ghi chỉ tiêu cũ")
    sys.stdout.write(f"Đã viết kế hoạch năm {args.year} vào {display_path(args.out)} ({len(rolled.written)} tệp; "
                     f"{where}).\nGhi các chỗ «chưa nhập» rồi chạy: reportgen check {display_path(args.out)}\n")
    return EXIT_OK
