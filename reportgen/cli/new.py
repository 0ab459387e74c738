"""`reportgen new DIR --kind ke-hoach|bao-cao --province "…" --year 2021`: the subcommand and its runner."""

from __future__ import annotations

import argparse
import sys

from reportgen.cli.refusals import usage_refused
from reportgen.cli.codes import EXIT_CANT_WRITE, EXIT_OK
from reportgen.errors import UsageError
from reportgen.pipeline import WriteError, display_path
from reportgen.pipeline.new import NEW_KINDS, new_folder


def new_parser(commands, out_folder, year) -> None:
    new = commands.add_parser("new", help="tạo thư mục đầu vào mới cho một kế hoạch hoặc báo cáo",
                              description="Viết một thư mục đầu vào nhỏ nhất (van-ban.yaml, noi-dung.md) có ghi chú "
                                          "tiếng Việt cho từng khóa; thư mục viết ra kiểm tra đạt ngay.")
    new.add_argument("folder", type=out_folder, metavar="THƯ_MỤC", help="thư mục mới (chưa có, hoặc rỗng)")
    new.add_argument("--kind", required=True, choices=NEW_KINDS, help="ke-hoach (kế hoạch) hoặc bao-cao (báo cáo)")
    new.add_argument("--province", required=True, metavar="TỈNH", help="tên tỉnh, ví dụ \"Bắc Giang\"")
    new.add_argument("--year", required=True, type=year, metavar="NĂM", help="năm của văn bản, ví dụ 2021")


def run_new(args: argparse.Namespace) -> int:
    try:
        written = new_folder(args.folder, args.kind, args.province, args.year)
    except UsageError as error:
        return usage_refused(error, "new")
    except WriteError as error:
        print(f"Không ghi được {error.path}: {error.reason}. Không có thư mục dở dang nào được để lại.",
              file=sys.stderr)
        return EXIT_CANT_WRITE
    sys.stdout.write(f"Đã viết {len(written)} tệp vào {display_path(args.folder)}:\n")
    sys.stdout.writelines(f"  {path.name}\n" for path in written)
    sys.stdout.write(f"Sửa từng dòng theo ghi chú, rồi chạy: reportgen check {display_path(args.folder)}\n")
    return EXIT_OK
