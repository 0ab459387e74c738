"""YAML written as text a clerk keeps editing: plain words where YAML reads them back as the same words, double
quotes elsewhere; figures as YAML numbers (decimal point), blanks as ~, dates as 2021-02-17."""

from __future__ import annotations

import datetime as _dt
import json
import re
from decimal import Decimal

# A word YAML 1.1 would read as something else than text (true, no, null, a number, a date, …).
_SPECIAL = re.compile(r"(?i:y|n|yes|no|on|off|true|false|null|~)$|[-+.]?\d|\.(?i:inf|nan)$")
# Characters that open or end a YAML construct somewhere in a plain scalar: quote everything holding one.
_UNSAFE = re.compile(r"[:#\[\]{},&*!|>'\"%@`?]|^[-\s]|\s$|\s\s")


def scalar(value: object) -> str:
    """One value as YAML text: None ~, Decimal as written (19.0 keeps its decimal), dates ISO, text plain or quoted."""
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return format(value, "f")  # never 1E+3, which YAML reads as text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value)
    if not text or _SPECIAL.match(text) or _UNSAFE.search(text) or not text.isprintable():
        return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return text


def flow(value: object) -> str:
    """A value on one line: [a, b] and {k: v} in flow style, scalars as above."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {flow(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(flow(item) for item in value) + "]"
    return scalar(value)


def comment(text: str, indent: str = "") -> list[str]:
    """A comment, one `# ` line per line of text."""
    return [f"{indent}# {line}".rstrip() for line in text.splitlines()]


def block_list(key: str, items, indent: str = "") -> list[str]:
    """`key:` and one `- item` line per item (an empty list as `key: []`)."""
    if not items:
        return [f"{indent}{key}: []"]
    return [f"{indent}{key}:"] + [f"{indent}  - {flow(item)}" for item in items]
