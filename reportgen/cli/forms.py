"""`reportgen forms DIR --period 2020-Q2 [-o OUT]`: its subcommand and its run (a return form per district and per
lead agency)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reportgen.cli.progress import progress_display
from reportgen.errors import ReportgenError, UsageError
from reportgen.output.findings import text_report
from reportgen import pipeline
from reportgen.pipeline import ProtectedError, WriteError, display_path
from reportgen.pipeline import forms as pipeline_forms


def forms_parser(commands, output_folder, period, jobs_option) -> None:
    """The subparser; `output_folder` and `period` are cli/arguments.py's checks of those options, `jobs_option`
    adds its --jobs as export's."""
    forms = commands.add_parser("forms", help="viết biểu nhập gửi các huyện và cơ quan chủ trì (XLSX)",
                                description="Kiểm tra kế hoạch; nếu mọi quy tắc đạt thì viết cho mỗi huyện một biểu "
                                            "nhập số liệu của kỳ và cho mỗi cơ quan chủ trì nhiệm vụ (biểu nhiệm vụ "
                                            "có cột thời hạn) một biểu nhập tiến độ, mỗi đơn vị một thư mục như "
                                            "export --by-unit. Ô nhập để mở, các ô khác khóa để tránh sửa nhầm.")
    forms.add_argument("folder", type=Path, metavar="THƯ_MỤC", help="thư mục đầu vào, ví dụ inputs/bac-giang-2020")
    forms.add_argument("--period", required=True, type=period, metavar="KỲ", help="kỳ báo cáo, ví dụ 2020-Q2")
    forms.add_argument("-o", "--out", type=output_folder, metavar="THƯ_MỤC_RA",
                       help="thư mục ra (mặc định out/<tên thư mục đầu vào>/bieu-nhap-<kỳ>)")
    jobs_option(forms)
    forms.add_argument("--force", action="store_true",
                       help="vẫn thay các tệp ra đã bị sửa sau lần viết trước; bản đã sửa được giữ bên cạnh")


def run_forms(args: argparse.Namespace, refused, waiting, summary) -> int:
    """Writes the forms; cli/__init__'s printers (`refused`, `summary`) say why nothing was or what was written, as
    for export; `waiting` tells that another run holds the output folder."""
    out = args.out if args.out is not None else (Path("out") / args.folder.resolve().name
                                                 / pipeline.forms_folder_name(args.period))
    title = f"Kiểm tra số liệu: {display_path(args.folder)}"
    try:
        with progress_display() as progress:
            written = pipeline_forms.forms_folder(args.folder, args.period, out, args.jobs,
                                                  progress, waiting, args.force)
    except (UsageError, ReportgenError, WriteError, ProtectedError) as error:
        return refused(error, out, title, "forms")
    if written.check.failed:
        sys.stdout.write(text_report(title, written.check.findings, False))
        sys.stdout.write("Không viết biểu nhập nào: số liệu chưa khớp (xem các mục không đạt ở trên).\n")
    elif not written.forms:  # nothing written, not even an empty folder with its manifest
        print(f"reportgen: kế hoạch {display_path(args.folder)} không có biểu nào theo đơn vị và không có biểu "
              "nhiệm vụ có cột thời hạn: không có biểu nhập nào để viết, không viết gì.", file=sys.stderr)
    else:
        summary(written.batch, out)
    return written.code
