"""`reportgen units`: its options and its runner (the register scaffolded from the dataset)."""

from __future__ import annotations

import argparse
import datetime as _dt
import sys
from pathlib import Path

from reportgen.cli.refusals import input_refused, usage_refused
from reportgen.cli.codes import EXIT_CANT_WRITE, EXIT_INTERNAL, EXIT_OK
from reportgen.errors import ReportgenError, UsageError
from reportgen.pipeline import WriteError, display_path
from reportgen.pipeline.units import DatasetError, units_for_folder, units_to
from reportgen.vi import format_date_short


def units_parser(commands) -> None:
    units = commands.add_parser(
        "units", help="dựng danh mục đơn vị hành chính (don-vi.yaml) của tỉnh từ bộ dữ liệu",
        description="Dựng don-vi.yaml: các huyện, xã của tỉnh (hoặc các xã, phường từ 01/07/2025) theo bộ dữ liệu "
                    "vietnamadminunits, cho tỉnh và ngày mà THƯ_MỤC/van-ban.yaml ghi, hoặc cho --province và "
                    "--as-of. Bộ dữ liệu là ảnh chụp: sửa tệp cho đúng các đơn vị có vào ngày văn bản.")
    units.add_argument("folder", type=Path, nargs="?", metavar="THƯ_MỤC",
                       help="thư mục đầu vào có van-ban.yaml; ghi THƯ_MỤC/don-vi.yaml")
    units.add_argument("--province", metavar="TỈNH", help="tên tỉnh, ví dụ \"Tuyên Quang\" (thay cho THƯ_MỤC)")
    units.add_argument("--as-of", type=_day, metavar="NGÀY", help="ngày văn bản, ví dụ 2021-03-05")
    units.add_argument("-o", "--out", type=Path, metavar="TỆP", help="tệp ra, ví dụ don-vi.yaml (với --province)")
    units.add_argument("--force", action="store_true", help="thay don-vi.yaml đã có (mất các chỗ đã sửa tay)")


def _day(text: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"ngày '{text}' không hợp lệ; viết năm-tháng-ngày, ví dụ 2021-03-05") \
            from None


def run_units(args: argparse.Namespace) -> int:
    try:
        done = _scaffold(args)
    except UsageError as error:
        return usage_refused(error, "units")
    except ReportgenError as error:
        return input_refused(error, f"Dựng danh mục đơn vị: {display_path(args.folder)}")
    except WriteError as error:
        print(f"Không ghi được tệp {error.path}: {error.reason}.", file=sys.stderr)
        return EXIT_CANT_WRITE
    except DatasetError as error:
        print(f"reportgen: {error}", file=sys.stderr)
        return EXIT_INTERNAL
    sys.stdout.write(f"Đã viết {display_path(done.path)}: {done.count} đơn vị của {done.province} theo bộ dữ liệu "
                     f"(ảnh chụp, xem dòng đầu tệp). Sửa cho đúng các đơn vị có vào ngày "
                     f"{format_date_short(done.as_of)}.\n")
    return EXIT_OK


def _scaffold(args: argparse.Namespace):
    by_name = args.province is not None or args.as_of is not None or args.out is not None
    if args.folder is not None and by_name:
        raise UsageError("ghi THƯ_MỤC hoặc --province/--as-of/-o, không ghi cả hai")
    if args.folder is not None:
        return units_for_folder(args.folder, args.force)
    missing = [flag for flag, value in (("--province", args.province), ("--as-of", args.as_of), ("-o", args.out))
               if value is None]
    if missing:
        raise UsageError(f"thiếu {', '.join(missing)} (hoặc ghi THƯ_MỤC có van-ban.yaml)")
    if not args.province.strip():
        raise UsageError("tên tỉnh trống")
    return units_to(args.province, args.as_of, args.out, args.force)
