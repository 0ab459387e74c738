"""Quarters typed as text: the report's subject names its own period, its narrative this period or the next."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reportgen.check.rules.common import failed, passed
from reportgen.errors import Location
from reportgen.check.findings import Finding
from reportgen.model.report import Period, Report
from reportgen.vi import format_quarter, nfc, roman

# "quý II năm 2020", "Quý 2/2020", "QUÝ I NĂM 2020": a numeral (Roman or 1–4), then "năm" or "/", then the year.
_QUARTER = re.compile(r"quý\s+([ivx]+|[1-4])(?:\s+năm\s+|\s*/\s*)(\d{4})", re.IGNORECASE)
# Not printed, or not typed: comments and {{ expressions }} are blanked (same length) before the search.
_CLOSERS = {"<!--": "-->", "{{": "}}"}


def quarters_named(text: str) -> list[tuple[int, str, tuple[str, int]]]:
    """Each quarter the text names: its offset, the words as typed, (Roman numeral, year)."""
    shown = _blank_hidden(nfc(text))
    found = []
    for m in _QUARTER.finditer(shown):
        numeral = roman(int(m[1])) if m[1].isdigit() else m[1].upper()
        found.append((m.start(), m[0], (numeral, int(m[2]))))
    return found


def _blank_hidden(text: str) -> str:
    """Closed comments and expressions blanked, lines kept; one left open stays as typed.

    What the regex <!--.*?-->|{{.*?}} (DOTALL) matched, found with str.find from where the last one closed:
    that regex started again at every "<!--" or "{{" left open and read to the end of the text each time
    (a subject of 16.000 "{{" took 1,8 s)."""
    pieces, position, ahead = [], 0, dict.fromkeys(_CLOSERS, -1)
    while True:
        for opener in [o for o, at in ahead.items() if at < position]:  # looked for before this position
            ahead[opener] = text.find(opener, position)
            if ahead[opener] == -1:
                del ahead[opener]
        if not ahead:
            return "".join(pieces) + text[position:]
        opener = min(ahead, key=ahead.__getitem__)
        start, closer = ahead[opener], _CLOSERS[opener]
        end = text.find(closer, start + len(opener))
        if end == -1:  # open to the end: no later opener of this kind closes either
            del ahead[opener]
            continue
        end += len(closer)
        pieces += [text[position:start], re.sub(r"[^\n]", " ", text[start:end])]
        position = end


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
    locate = _locator(text, report.narrative.path)
    for offset, typed, quarter in quarters_named(text):
        if quarter in allowed:
            continue
        yield failed("report-subject", f"Lời văn ghi '{typed}' nhưng kỳ báo cáo là {ky} (quý sau: {ky_sau}): viết "
                     "kỳ bằng biểu thức, quý {{ ky.quy }} năm {{ ky.nam }} (quý trước: {{ ky_truoc.quy }}, "
                     "{{ ky_truoc.nam }}; quý sau: {{ ky_sau.quy }}, {{ ky_sau.nam }}), không gõ tay.", typed, f"{ky} hoặc {ky_sau}",
                     locate(offset))


def _locator(text: str, path: str) -> Callable[[int], Location]:
    """file:line:col of increasing offsets, as load.raw.offset_location gives them, counting each line once
    (offset_location per finding counted from the start each time: 32.000 typed quarters took 2,4 s)."""
    line, line_start, last = 1, 0, 0

    def locate(offset: int) -> Location:
        nonlocal line, line_start, last
        breaks = text.count("\n", last, offset)
        if breaks:
            line, line_start = line + breaks, text.rfind("\n", last, offset) + 1
        last = offset
        return Location(path, line, offset - line_start + 1)
    return locate
