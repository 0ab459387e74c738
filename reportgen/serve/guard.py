"""Who gets in: the password session, the CSRF refusal, the security headers, and error pages without tracebacks."""

from __future__ import annotations

import logging

from flask import Flask, current_app, redirect, request, session, url_for
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, SecurityError

from reportgen.serve.views import render_error

_OPEN = {"pages.login", "static"}       # what a visitor without a session may ask for
_CSP = ("default-src 'none'; img-src 'self'; style-src 'self'; script-src 'none'; form-action 'self'; "
        "base-uri 'none'; frame-ancestors 'none'")
_WORDS = {400: "Yêu cầu không hợp lệ", 403: "Không được phép", 404: "Không tìm thấy", 405: "Không dùng được cách này",
          409: "Đang bận", 413: "Tệp gửi lên quá lớn", 500: "Lỗi nội bộ"}
log = logging.getLogger("reportgen.serve")


def install_guard(app: Flask) -> None:
    """Hooks the checks into the app: CSRFProtect (registered before this) runs after the Host and session checks."""
    # the Host first, before CSRF and the session: a refused Host gets its 400 whatever else the request lacks
    app.before_request_funcs.setdefault(None, []).insert(0, _loopback_only)
    app.before_request(_require_session)
    app.after_request(_headers)
    app.register_error_handler(CSRFError, _csrf_refused)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _internal_error)


def _loopback_only():
    """On loopback only a request naming this machine (localhost:8000, 127.0.0.1, [::1]:8000) is answered: a page
    on the Internet whose name is rebound to 127.0.0.1 is refused."""
    hosts = current_app.config["LOOPBACK_HOSTS"]
    if hosts is None:
        return None
    host = request.host.lower()
    name = host[: host.find("]") + 1] if host.startswith("[") else host.partition(":")[0]
    if name not in hosts:
        raise SecurityError(f"Host {host!r} is not this machine's.")
    return None


def _require_session():
    logins = current_app.extensions["reportgen_logins"]
    if not logins.required or request.endpoint in _OPEN or logins.valid(session.get("vao")):
        return None
    if request.method == "GET":
        return redirect(url_for("pages.login", tiep=request.full_path if request.query_string else request.path))
    return render_error("Cần đăng nhập", "Phiên làm việc đã hết hoặc chưa đăng nhập: hãy đăng nhập rồi làm lại."), 401


def _headers(response):
    response.headers["Content-Security-Policy"] = _CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    if response.mimetype == "text/html":
        response.headers["Cache-Control"] = "no-store"
    return response


def _csrf_refused(error: CSRFError):
    return render_error("Biểu mẫu đã cũ", "Biểu mẫu thiếu mã xác nhận hoặc mã đã cũ (CSRF): tải lại trang rồi làm "
                                          "lại."), 400


def _http_error(error: HTTPException):
    code = error.code or 500
    message = error.description if code in (400, 403, 404, 409) and getattr(error, "vietnamese", False) else None
    if isinstance(error, SecurityError):  # a Host that is not this machine's: DNS rebinding, or a mistyped proxy
        message = "Trang này chỉ trả lời khi được mở bằng địa chỉ của chính máy này (localhost, 127.0.0.1)."
    if code == 413:
        message = f"Mỗi lần gửi tối đa {current_app.config['MAX_CONTENT_LENGTH'] // (1024 * 1024)} MB và " \
                  f"{current_app.config['MAX_UPLOAD_FILES']} tệp."
    return render_error(_WORDS.get(code, f"Lỗi {code}"), message), code


def _internal_error(error: Exception):
    log.exception("lỗi nội bộ khi trả lời %s %s", request.method, request.path)   # the server's log, not the page
    return render_error("Lỗi nội bộ", "Đây là lỗi của chương trình, không phải của người dùng; chi tiết ở nhật ký "
                                      "của máy chủ."), 500
