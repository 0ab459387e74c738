"""`reportgen serve [ROOT]`: its subcommand and its runner; the site is reportgen/serve/, served by waitress."""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
from pathlib import Path

from reportgen.cli.codes import EXIT_CANT_WRITE, EXIT_OK, EXIT_USAGE

PASSWORD_VARIABLE = "REPORTGEN_PASSWORD"
MIN_PASSWORD = 8


def serve_parser(commands) -> None:
    serve = commands.add_parser(
        "serve", help="mở trang web cho văn thư: kiểm tra, tạo văn bản, xem trang, tải về, nhận biểu gửi về",
        description="Phục vụ một trang web tiếng Việt cho các thư mục kế hoạch trong THƯ_MỤC_GỐC. Mặc định chỉ máy "
                    f"này vào được (127.0.0.1). Mở cho máy khác (--host 0.0.0.0) cần đặt mật khẩu trong biến môi "
                    f"trường {PASSWORD_VARIABLE} (ít nhất {MIN_PASSWORD} ký tự).")
    serve.add_argument("root", type=Path, nargs="?", default=Path("."), metavar="THƯ_MỤC_GỐC",
                       help="thư mục chứa các thư mục kế hoạch (mặc định: thư mục hiện tại)")
    serve.add_argument("--host", default="127.0.0.1", help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này)")
    serve.add_argument("--port", type=_number(1, 65535, "cổng"), default=8000, help="cổng (mặc định 8000)")
    serve.add_argument("--out", type=Path, default=Path("out"), metavar="THƯ_MỤC_RA",
                       help="nơi viết các tệp ra, mỗi kế hoạch một thư mục con như lệnh build (mặc định: out)")
    serve.add_argument("--proxy", metavar="ĐỊA_CHỈ",
                       help="địa chỉ của máy chủ trung gian HTTPS (nginx, Caddy) đứng trước trang: địa chỉ người dùng "
                            "được lấy từ X-Forwarded-For mà nó gửi (để giới hạn nhập sai mật khẩu theo từng máy)")
    serve.add_argument("--threads", type=_number(1, 256, "số luồng"), default=8,
                       help="số yêu cầu trả lời cùng lúc (mặc định 8)")


def _number(low: int, high: int, what: str):
    """An argparse type: a whole number from low to high (--port 70000 would listen on 4464, --threads 0 never
    answer)."""
    def parse(text: str) -> int:
        if not text.isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"{what} phải là số nguyên từ {low} đến {high}, không phải «{text}»")
        return int(text)
    return parse


def loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def run_serve(args: argparse.Namespace) -> int:
    password = os.environ.get(PASSWORD_VARIABLE) or None
    local = loopback(args.host)
    if password is not None and len(password) < MIN_PASSWORD:
        print(f"reportgen: mật khẩu trong {PASSWORD_VARIABLE} quá ngắn: cần ít nhất {MIN_PASSWORD} ký tự.",
              file=sys.stderr)
        return EXIT_USAGE
    if not local and password is None:
        print(f"reportgen: không mở trang ra mạng ({args.host}) khi chưa có mật khẩu: đặt biến môi trường "
              f"{PASSWORD_VARIABLE} (ít nhất {MIN_PASSWORD} ký tự) rồi chạy lại, hoặc bỏ --host để chỉ máy này "
              "vào được.", file=sys.stderr)
        return EXIT_USAGE
    if not args.root.is_dir():
        print(f"reportgen: không có thư mục {args.root}.", file=sys.stderr)
        return EXIT_USAGE
    import waitress  # the server's library, imported when a server is asked for
    from reportgen.pipeline import usable_cores
    from reportgen.serve import create_app
    app = create_app(args.root, args.out, password, local, slots=usable_cores())
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    shown = f"[{args.host}]" if ":" in args.host else args.host
    print(f"reportgen: trang đang mở tại http://{shown}:{args.port}/ cho các kế hoạch trong {args.root.resolve()} "
          f"(tệp ra: {args.out.resolve()}). Ctrl-C để dừng.", file=sys.stderr, flush=True)
    try:
        waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="reportgen",
                       max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1024 * 1024,
                       clear_untrusted_proxy_headers=True,
                       **({"trusted_proxy": args.proxy, "trusted_proxy_headers": "x-forwarded-for"} if args.proxy
                          else {}))
    except OSError as error:
        print(f"reportgen: không mở được cổng {args.port} trên {args.host}: {error.strerror or error}.",
              file=sys.stderr)
        return EXIT_CANT_WRITE
    return EXIT_OK
