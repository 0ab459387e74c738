"""The pages' one sandboxed, autoescaping Jinja environment, and `render`, which hands every page what it shares."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from pathlib import Path

from flask import current_app, session, url_for
from flask_wtf.csrf import generate_csrf
from jinja2 import FileSystemLoader, StrictUndefined, select_autoescape
from jinja2.sandbox import SandboxedEnvironment

from reportgen import pipeline
from reportgen.vi import format_date_short, format_number

_ENV = SandboxedEnvironment(loader=FileSystemLoader(Path(__file__).parent / "templates"),
                            autoescape=select_autoescape(default=True), undefined=StrictUndefined,
                            trim_blocks=True, lstrip_blocks=True)

STATE_WORDS = {"cho": "Đang chờ lượt", "dang-chay": "Đang chạy", "xong": "Xong",
               "chua-khop": "Số liệu chưa khớp", "loi-dau-vao": "Đầu vào có lỗi", "loi-noi-bo": "Lỗi nội bộ",
               "loi-lenh": "Yêu cầu không hợp lệ", "loi-ghi": "Không ghi được", "da-dung": "Đã dừng"}
RULE_WORDS = {"pass": "đạt", "fail": "không đạt", "not_checkable": "không kiểm tra được",
              "not_applicable": "không áp dụng", "warning": "cảnh báo"}


def _when(stamp: float | None) -> str:
    if not stamp:
        return ""
    moment = _dt.datetime.fromtimestamp(stamp)
    return f"{moment:%H:%M:%S} ngày {format_date_short(moment.date())}"


# a period's output folders, by the names the pipeline gives them (bao-cao-2020-q2, bieu-nhap-2020-q2)
_OUTPUT_FOLDERS = ((pipeline.report_folder_name, "Báo cáo {}"), (pipeline.forms_folder_name, "Biểu nhập {}"))


def folder_words(name: str) -> str:
    """An output folder as the clerk says it: "." the plan's documents, "bieu" its annexes, "bao-cao-2020-q2" the
    report on quý II năm 2020; another name as it is."""
    if name == ".":
        return "Văn bản kế hoạch"
    if name == pipeline.export_folder_name():
        return "Các biểu (xuất riêng)"
    period = pipeline.parse_period(name.split("-", 2)[-1].upper())
    for named, words in _OUTPUT_FOLDERS:
        if period is not None and named(period) == name:
            return words.format(period.words)
    return name


def _kilobytes(size: int) -> str:
    """12,3 KB: the decimal comma, as everything else reportgen prints."""
    return f"{format_number(Decimal(size) / 1024, 1)} KB"


# collect's exit 1 is "not every form is in", its exit 2 "a file was refused": said so, not as a check's words
COLLECT_WORDS = STATE_WORDS | {"chua-khop": "Chưa đủ biểu", "loi-dau-vao": "Có tệp bị từ chối"}


# a check (or a job that checked first) that ends well has found every rule holding
CHECK_WORDS = STATE_WORDS | {"xong": "Số liệu khớp"}


# export's or forms' exit 1 after every rule passed is a part that could not be written, not data that disagree
BATCH_WORDS = STATE_WORDS | {"chua-khop": "Có phần không viết được"}


def state_words(job) -> str:
    if job.kind in ("export", "forms") and job.result and job.result.get("failures"):
        return BATCH_WORDS[job.state]
    return {"collect": COLLECT_WORDS, "check": CHECK_WORDS}.get(job.kind, STATE_WORDS)[job.state]


_ENV.globals.update(url_for=url_for, CHECK_WORDS=CHECK_WORDS, RULE_WORDS=RULE_WORDS,
                    state_words=state_words)
_ENV.filters["when"] = _when
_ENV.filters["kb"] = _kilobytes
_ENV.filters["folder_words"] = lambda name: folder_words(name)


def render_error(title: str, message: str | None) -> str:
    """An error page: nothing from the request (no session, token or URL building), so it renders for any request,
    one whose Host was refused included."""
    return _ENV.get_template("error.html").render(title=title, message=message)


def render(template: str, **context) -> str:
    """A page, with the CSRF token for its forms and whether a password session is open."""
    shared = {"csrf_token": generate_csrf(), "signed_in": bool(session.get("vao")),
              "password": current_app.config["PASSWORD"] is not None}
    return _ENV.get_template(template).render(**shared, **context)
