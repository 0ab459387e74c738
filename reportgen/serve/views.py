"""The pages' one sandboxed, autoescaping Jinja environment, and `render`, which hands every page what it shares."""

from __future__ import annotations

import time
from pathlib import Path

from flask import current_app, session, url_for
from flask_wtf.csrf import generate_csrf
from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

_ENV = SandboxedEnvironment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                            autoescape=select_autoescape(default=True), undefined=StrictUndefined,
                            trim_blocks=True, lstrip_blocks=True)

STATE_WORDS = {"cho": "Đang chờ lượt", "dang-chay": "Đang chạy", "xong": "Xong",
               "chua-khop": "Số liệu chưa khớp", "loi-dau-vao": "Đầu vào có lỗi", "loi-noi-bo": "Lỗi nội bộ",
               "loi-lenh": "Yêu cầu không hợp lệ", "loi-ghi": "Không ghi được"}
RULE_WORDS = {"pass": "đạt", "fail": "không đạt", "not_checkable": "không kiểm tra được",
              "not_applicable": "không áp dụng", "warning": "cảnh báo"}


def _when(stamp: float | None) -> str:
    return time.strftime("%H:%M:%S ngày %d/%m/%Y", time.localtime(stamp)) if stamp else ""


_ENV.globals.update(url_for=url_for, STATE_WORDS=STATE_WORDS, RULE_WORDS=RULE_WORDS)
_ENV.filters["when"] = _when


def render(template: str, **context) -> str:
    """A page, with the CSRF token for its forms and whether a password session is open."""
    shared = {"csrf_token": generate_csrf(), "signed_in": bool(session.get("vao")),
              "password": current_app.config["PASSWORD"] is not None}
    return _ENV.get_template(template).render(**shared, **context)
