"""The period's progress file (tien-do.yaml) from collected returns: today's schema, the same bytes for the same
returns, each row with a comment naming the returned file and its sha256, so a figure can be traced to its file."""

from __future__ import annotations

import datetime as _dt
import json
import re
from decimal import Decimal
from pathlib import PurePath

from reportgen.check.return_progress import CollectedProgress
from reportgen.check.returns import Source

# Words written as they are; anything else (a colon, a comma, a quote, a leading digit) is quoted as JSON, which
# YAML reads as the same text.
_PLAIN = re.compile(r"[^\W\d_][\w .()/-]*")
MARK = "# reportgen collect"        # the first line: a progress file collect wrote (and may write again)
_YAML_WORDS = {"true", "false", "yes", "no", "on", "off", "y", "n", "null"}


def progress_text(progress: CollectedProgress) -> str:
    lines = [f"{MARK}: tiến độ kỳ {progress.period}, tổng hợp từ các biểu nhập đã thu về; mỗi dòng ghi tệp nguồn",
             "# và sha256 của tệp đó. Đừng sửa tay: sửa biểu (hoặc nhờ đơn vị gửi lại) rồi thu lại."]
    if progress.missing:
        lines.append(f"# Chưa có biểu hợp lệ của: {'; '.join(progress.missing)}.")
    if progress.task_annex is not None:
        lines += ["tasks:", f"  annex: {_quoted(progress.task_annex)}", "  items:" + ("" if progress.tasks else " []")]
        for task in progress.tasks:
            fields = [("task", task.key), ("status", task.status)]
            fields += [("done", task.done)] if task.done is not None else []
            fields += [("note", task.note)] if task.note is not None else []
            lines.append(f"    - {_flow(fields)}  {_source(task.source)}")
        if progress.missing_agencies:  # --partial: their tasks are awaited, not missing (rule task-reported)
            lines.append(f"  chua_bao_cao: [{', '.join(_scalar(a) for a in progress.missing_agencies)}]")
    if progress.actuals_annex is not None:
        lines += ["actuals:", f"  annex: {_quoted(progress.actuals_annex)}",
                  f"  indicators: [{', '.join(_scalar(i) for i in progress.indicators)}]", "  rows:"]
        for row in progress.rows:
            fields = [("unit", row.unit)] + list(zip(progress.indicators, row.values))
            lines.append(f"    - {_flow(fields)}  {_source(row.source)}")
        lines.append(f"  total: {_flow(list(zip(progress.indicators, progress.total)))}  # tổng các dòng trên")
        missing = [row.unit for row in progress.rows if row.source is None]
        if missing:  # --partial: the report says who has not reported (chua_bao_cao.don_vi) instead of failing
            lines.append(f"  chua_bao_cao: [{', '.join(_scalar(unit) for unit in missing)}]")
    return "\n".join(lines) + "\n"


def _source(source: Source | None) -> str:
    return "# chưa báo cáo" if source is None else f"# {PurePath(source.file).name} sha256:{source.sha256}"


def _flow(fields: list[tuple[str, object]]) -> str:
    return "{" + ", ".join(f"{name}: {_scalar(value)}" for name, value in fields) + "}"


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _scalar(value) -> str:
    if value is None:
        return "~"
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value)
    if _PLAIN.fullmatch(text) and not text.endswith(" ") and "  " not in text and text.lower() not in _YAML_WORDS:
        return text
    return _quoted(text)
