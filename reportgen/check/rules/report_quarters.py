"""Quarters typed as text: the report's subject names its own period, its narrative this period or the next."""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.check.rules.common import failed, passed
from reportgen.errors import Finding
from reportgen.load.raw import offset_location
from reportgen.model.report import Period, Report
from reportgen.vi import format_quarter, nfc, roman

# "quý II năm 2020", "Quý 2/2020", "QUÝ I NĂM 2020": a numeral (Roman or 1–4), then "năm" or "/", then the year.
_QUARTER = re.compile(r"quý\s+([ivx]+|[1-4])(?:\s+năm\s+|\s*/\s*)(\d{4})", re.IGNORECASE)
# Not printed, or not typed: comments and {{ expressions }} are blanked (same length) before the search.
_HIDDEN = re.compile(r"<!--.*?-->|\{\{.*?\}\}", re.DOTALL)


def quarters_named(text: str) -> list[tuple[int, str, tuple[str, int]]]:
    """Each quarter the text names: its offset, the words as typed, (Roman numeral, year)."""
    shown = _HIDDEN.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), nfc(text))
    found = []
    for m in _QUARTER.finditer(shown):
        numeral = roman(int(m[1])) if m[1].isdigit() else m[1].upper()
        found.append((m.start(), m[0], (numeral, int(m[2]))))
    return found


def _code(period: Period) -> tuple[str, int]:
    return roman(period.quarter), period.year


def report_subject(report: Report) -> Iterator[Finding]:
    """A quarter the subject names is the period's; one the narrative types is the period or the next."""
    if report.period.year != report.plan.meta.plan_year:
        return  # report-period says the period itself is wrong
    yield from _subject(report)
    yield from _narrative(report)


def _subject(report: Report) -> Iterator[Finding]:
    named = quarters_named(report.meta.subject)
    wrong = [text for _, text, quarter in named if quarter != _code(report.period)]
    ky = format_quarter(report.period.year, report.period.quarter)
    if wrong:
        yield failed("report-subject", f"Trích yếu ghi '{wrong[0]}' nhưng kỳ báo cáo là {ky}: sửa 'subject'.",
                     wrong[0], ky, report.subject_loc)
    elif named:
        yield passed("report-subject", f"Trích yếu ghi đúng kỳ báo cáo ({ky}).", report.subject_loc)


def _narrative(report: Report) -> Iterator[Finding]:
    """A folder copied from another quarter with the quarter typed by hand: "QUÝ I NĂM 2020" in a Q2 report."""
    text, following = report.narrative.text, report.period.following()
    allowed = (_code(report.period), _code(following))  # and no other: the one before is {{ ky_truoc.quy }}
    ky, ky_sau = (format_quarter(p.year, p.quarter) for p in (report.period, following))
    for offset, typed, quarter in quarters_named(text):
        if quarter in allowed:
            continue
        yield failed("report-subject", f"Lời văn ghi '{typed}' nhưng kỳ báo cáo là {ky} (quý sau: {ky_sau}): viết "
                     "kỳ bằng biểu thức, quý {{ ky.quy }} năm {{ ky.nam }} (quý trước: {{ ky_truoc.quy }}, "
                     "{{ ky_truoc.nam }}; quý sau: {{ ky_sau.quy }}, {{ ky_sau.nam }}), không gõ tay.", typed, f"{ky} hoặc {ky_sau}",
                     offset_location(text, offset, report.narrative.path))
