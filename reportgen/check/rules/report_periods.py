"""Periods typed as text: the report's subject names its own period, its narrative this period or the next."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from reportgen.check.rules.common import failed, passed
from reportgen.errors import Location
from reportgen.check.findings import Finding
from reportgen.model.report import HALF, MONTH, NINE_MONTHS, QUARTER, YEAR, Period, Report
from reportgen.vi import nfc

# A period as typed: "quý II năm 2020", "Quý 2/2020", "6 tháng đầu năm 2020", "9 tháng năm 2020", "tháng 5/2020",
# "năm 2020". A half-year or nine months without its year ("6 tháng cuối năm") is the report's year. A day
# ("ngày 30 tháng 6 năm 2020") names no period: matched first so that its month is not read as one.
_PERIOD = re.compile(
    r"(?P<day>ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})"
    r"|quý\s+(?P<q>[ivx]+|[1-4])(?:\s+năm\s+|\s*/\s*)(?P<qy>\d{4})"
    r"|(?<!\w)(?:6|sáu)\s+tháng\s+(?P<h>đầu|cuối)\s+năm(?:\s+(?P<hy>\d{4}))?"
    r"|(?<!\w)(?P<t>9|chín)\s+tháng(?:\s+đầu)?\s+năm(?:\s+(?P<ty>\d{4}))?"
    r"|tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+|\s*/\s*)(?P<my>\d{4})"
    r"|năm\s+(?P<y>\d{4})", re.IGNORECASE)
_NUMERALS = {"I": 1, "II": 2, "III": 3, "IV": 4}
# Not printed, or not typed: comments and {{ expressions }} are blanked (same length) before the search.
_CLOSERS = {"<!--": "-->", "{{": "}}"}


def periods_named(text: str, year: int) -> list[tuple[int, str, Period | None]]:
    """Each period the text names: its offset, the words as typed, the period (None for one that cannot be: quý V);
    `year` is the year of a half-year or nine months typed without one."""
    shown = _blank_hidden(nfc(text))
    found = []
    for m in _PERIOD.finditer(shown):
        if not m["day"]:
            found.append((m.start(), m[0], _period(m, year)))
    return found


def _period(m: re.Match, year: int) -> Period | None:
    if m["q"]:
        number = int(m["q"]) if m["q"].isdigit() else _NUMERALS.get(m["q"].upper())
        return Period(int(m["qy"]), number, QUARTER) if number else None
    if m["h"]:
        return Period(int(m["hy"] or year), 1 if m["h"].lower() == "đầu" else 2, HALF)
    if m["t"]:
        return Period(int(m["ty"] or year), 9, NINE_MONTHS)
    if m["m"]:
        return Period(int(m["my"]), int(m["m"]), MONTH) if 1 <= int(m["m"]) <= 12 else None
    return Period(int(m["y"]), 1, YEAR)


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


def report_subject(report: Report) -> Iterator[Finding]:
    """A period the subject names is the report's (or the next, beside it); one the narrative types is the period or
    the next."""
    if report.period.year != report.plan.meta.plan_year:
        return  # report-period says the period itself is wrong
    yield from _subject(report)
    yield from _narrative(report)


def _subject(report: Report) -> Iterator[Finding]:
    """"6 tháng đầu năm 2020" in a Q2 report's subject is wrong; "năm 2020" alone is the plan's year (or, in a year-end
    report, the period); the next period may follow the period ("Tổng kết năm 2020, phương hướng năm 2021")."""
    period, following = report.period, report.period.following()
    named = [(typed, p) for _, typed, p in periods_named(report.meta.subject, period.year)]
    own = any(p == period for _, p in named)
    wrong = [typed for typed, p in named if not (p == period or (own and p == following) or _plain_year(p, period))]
    ky = period.words
    if wrong:
        yield failed("report-subject", f"Trích yếu ghi '{wrong[0]}' nhưng kỳ báo cáo là {ky}: sửa 'subject'.",
                     wrong[0], ky, report.subject_loc)
    elif named and any(p is None or p.kind != YEAR or period.kind == YEAR for _, p in named):
        yield passed("report-subject", f"Trích yếu ghi đúng kỳ báo cáo ({ky}).", report.subject_loc)


def _plain_year(named: Period | None, period: Period) -> bool:
    """"năm 2020" in the subject of a report on part of 2020: the plan's year, not a period."""
    return named is not None and named.kind == YEAR and period.kind != YEAR and named.year == period.year


def _narrative(report: Report) -> Iterator[Finding]:
    """A folder copied from another period with the period typed by hand: "QUÝ I NĂM 2020" in a Q2 report,
    "6 tháng đầu năm 2020" in a 6-month report made from it for the second half. Only periods of the report's kind
    are looked at (a year-end report compares with other years, a quarter's report names months)."""
    period, following = report.period, report.period.following()
    if period.kind == YEAR:
        return
    text, allowed = report.narrative.text, (period, following)  # and no other: the one before is ky_truoc
    ky, ky_sau = period.words, following.words
    locate = _locator(text, report.narrative.path)
    for offset, typed, named in periods_named(text, period.year):
        if named is not None and (named.kind != period.kind or named in allowed):
            continue
        yield failed("report-subject", f"Lời văn ghi '{typed}' nhưng kỳ báo cáo là {ky} ({_next(period)}: {ky_sau}): "
                     f"{_advice(period, following)}.", typed, f"{ky} hoặc {ky_sau}", locate(offset))


def _next(period: Period) -> str:
    return {QUARTER: "quý sau", MONTH: "tháng sau", YEAR: "năm sau"}.get(period.kind, "kỳ sau")


def _advice(period: Period, following: Period) -> str:
    """How the narrative writes this kind of period with the vocabulary (README: ky, ky_truoc, ky_sau)."""
    if period.kind == QUARTER:
        return ("viết kỳ bằng biểu thức, quý {{ ky.quy }} năm {{ ky.nam }} (quý trước: {{ ky_truoc.quy }}, "
                "{{ ky_truoc.nam }}; quý sau: {{ ky_sau.quy }}, {{ ky_sau.nam }}), không gõ tay")
    if period.kind == MONTH:
        return ("viết kỳ bằng biểu thức, tháng {{ ky.thang }} năm {{ ky.nam }} (tháng sau: tháng {{ ky_sau.thang }} "
                "năm {{ ky_sau.nam }}), không gõ tay")
    # "đầu"/"cuối" have no name: the words stay typed (so that this rule reads them), the year is a name.
    own, after = (p.words.rpartition(" ")[0] for p in (period, following))
    return (f"sửa thành '{own} {{{{ ky.nam }}}}' (kỳ sau: '{after} {{{{ ky_sau.nam }}}}'), năm viết bằng biểu "
            "thức")


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
