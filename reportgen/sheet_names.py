"""The sheet an annex label names in a workbook: what Excel allows, the same for the writer and the reader."""

from __future__ import annotations

import re

_SHEET_LIMIT = 31
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED = "history"                # a name Excel keeps for itself


def sheet_name(label: str) -> str:
    """"Biểu 01" as it is; "Biểu 06/KH" → "Biểu 06-KH": forbidden characters replaced, 31 characters at most."""
    base = _FORBIDDEN.sub("-", label).strip("'") or "Biểu"
    base = f"{base} (biểu)" if base.lower() == _RESERVED else base
    return base[:_SHEET_LIMIT]


def sheet_names(labels: list[str]) -> list[str]:
    """Each label's sheet, each name once (labels are unique in a plan; a document of other tables may repeat)."""
    names: list[str] = []
    for label in labels:
        base, number = sheet_name(label), 2
        name = base
        while name.lower() in (n.lower() for n in names):
            suffix = f" ({number})"
            name, number = base[:_SHEET_LIMIT - len(suffix)] + suffix, number + 1
        names.append(name)
    return names
