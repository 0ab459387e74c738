"""`reportgen collect DIR --period 2020-Q2 PATH...`: its subcommand and its runner; the work is pipeline/collect.py."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportgen.cli.refusals import input_refused, usage_refused
from reportgen.cli.codes import EXIT_CANT_WRITE
from reportgen.errors import ReportgenError, UsageError
from reportgen.output.findings import text_report
from reportgen.pipeline import WriteError, display_path
from reportgen.pipeline.collect import collect_folder, collect_summary


def collect_parser(commands, period_type) -> None:
    collect = commands.add_parser(
        "collect", help="thu các biểu nhập đã điền, kiểm tra rồi viết tệp tiến độ của kỳ",
        description="Đọc các biểu nhập các đơn vị gửi về (tệp hoặc thư mục), nhận ra từng biểu dù đã đổi tên, kiểm "
                    "tra từng ô; in tình trạng từng đơn vị (đã nộp, chưa nộp, không hợp lệ). Khi mọi biểu đã nộp và "
                    "hợp lệ thì viết tệp tiến độ (tien-do.yaml) vào thư mục báo cáo của kỳ để chạy reportgen "
                    "report. Thoát 0 khi đã viết, 1 khi còn thiếu biểu, 2 khi có tệp bị từ chối.")
    collect.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục kế hoạch, ví dụ inputs/bac-giang-2020")
    collect.add_argument("paths", type=Path, nargs="+", metavar="TỆP_HOẶC_THƯ_MỤC",
                         help="các biểu đã điền, hoặc thư mục chứa chúng")
    collect.add_argument("--period", required=True, type=period_type, metavar="KỲ", help="kỳ báo cáo, ví dụ 2020-Q2")
    collect.add_argument("--partial", action="store_true",
                         help="viết cả khi chưa đủ biểu: các đơn vị chưa nộp (hoặc biểu không hợp lệ) để trống và "
                              "được liệt kê")
    collect.add_argument("--force", action="store_true",
                         help="thay tệp tiến độ cả khi nó không do reportgen collect viết (gõ tay)")


def run_collect(args: argparse.Namespace) -> int:
    title = f"Thu biểu nhập kỳ {args.period.code}: {display_path(args.folder)}"
    try:
        result = collect_folder(args.folder, args.period, args.paths, args.partial, args.force)
    except UsageError as error:
        return usage_refused(error, "collect")
    except ReportgenError as error:  # the plan or the last report cannot be read
        return input_refused(error, title)
    except WriteError as error:
        print(f"Không ghi được tệp {error.path}: {error.reason}. Tệp tiến độ cũ (nếu có) vẫn nguyên.", file=sys.stderr)
        return EXIT_CANT_WRITE
    if result.collection is None:
        sys.stdout.write(text_report(title, result.check.findings, False))
        sys.stdout.write("Không thu biểu: số liệu kế hoạch chưa khớp (xem các mục không đạt ở trên).\n")
        return result.code
    sys.stdout.write(collect_summary(title, result))
    return result.code

