"""The plan's year in the plan itself (issue #15 item 4): every deadline of its annexes falls in that year (a failure);
a title or header naming another year is a warning at its place (a plan copied from last year's)."""

from __future__ import annotations

import re
from typing import Iterator

from reportgen.check.findings import Finding, Status
from reportgen.check.report_tasks import task_rows
from reportgen.check.rules.common import cell_loc, document_location, failed, passed
from reportgen.errors import Location
from reportgen.model.plan import Annex, Column, Plan
from reportgen.vi import format_date_short as short, is_recurring, parse_deadline

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def due_in_plan_year(plan: Plan) -> Iterator[Finding]:
    """A deadline falls within the plan's year: one outside it would never be due in a report on the plan."""
    year = plan.meta.plan_year
    for annex in (a for a in plan.annexes if a.deadline_key is not None):
        outside = 0
        for key, row in task_rows(annex).items():
            deadline = str(row.value(annex.deadline_key) or "")
            due = parse_deadline(deadline) if deadline and not is_recurring(deadline) else None
            if due is not None and due.year != year:  # an unreadable deadline is refused where it is read
                outside += 1
                yield failed("task-due-year", f"Nhiệm vụ {key}: thời hạn '{deadline}' (đến {short(due)}) ngoài năm "
                             f"của kế hoạch ({year}): sẽ không bao giờ đến hạn trong một báo cáo của năm {year}; sửa "
                             f"thời hạn ở {annex.label}.", deadline, f"trong năm {year}",
                             cell_loc(row, annex.deadline_key))
        if not outside:
            yield passed("task-due-year", f"Mọi thời hạn của {annex.label} thuộc năm {year}.", annex.source)


def years_in_titles(plan: Plan) -> Iterator[Finding]:
    """The subject, each annex's title, group labels and column headers name the plan's year only. Allowed besides:
    a range ("giai đoạn 2021-2025"), a date's year, and earlier years in the header of the earlier period column
    ("Thực hiện đến năm 2019" beside "Kế hoạch đến năm 2020"). Last year in the subject or a group label is rule
    old-year's (it reads every text of the plan): said once."""
    year = plan.meta.plan_year
    found = list(_named(f"Trích yếu «{plan.meta.subject}»", plan.meta.subject, year,
                        plan.meta.places.get("subject") or document_location(plan),
                        allowed={year - 1}))
    for annex in plan.annexes:
        title = annex.key_locs.get("title", annex.source)
        found += _named(f"Tên {annex.label} «{annex.title}»", annex.title, year, title)
        for group in (g for g in annex.groups if g.label):
            found += _named(f"{annex.label}, nhóm «{group.label}»", group.label, year, group.loc, allowed={year - 1})
        for column, earlier in _headers(annex):
            found += _named(f"{annex.label}, cột «{column.header}»", column.header, year, column.loc,
                            allowed=set(range(1900, year)) if earlier else set())
    yield from found or [passed("plan-year-title", f"Trích yếu, tên biểu, tên nhóm và tên cột chỉ nêu năm {year} (cột "
                                "năm trước nêu năm trước).", document_location(plan))]


def _headers(annex: Annex) -> Iterator[tuple[Column, bool]]:
    """Every column at every level, with whether it is the earlier period's sub-column (its header names a past
    year)."""
    earlier = annex.periods.from_id if annex.periods is not None else None

    def walk(columns: tuple[Column, ...], under_group: bool) -> Iterator[tuple[Column, bool]]:
        for column in columns:
            yield column, under_group and column.id == earlier
            yield from walk(column.children, True)
    return walk(annex.columns, False)


def _named(where: str, text: str, year: int, loc: Location, allowed: set[int] = frozenset()) -> list[Finding]:
    others = sorted({y for y in _years(text) if y != year and y not in allowed})
    return [Finding("plan-year-title", Status.WARNING, f"{where} nêu năm {other}, không phải năm của kế hoạch "
                    f"({year}): sửa nếu là chữ chép từ kế hoạch năm khác.", (loc,)) for other in others]


def _years(text: str) -> Iterator[int]:
    """Each year the text names as a year: not a bound of a range ("2016-2020", "2020/2019"), not a date's year
    ("28/02/2020") nor a document number's ("07/2019/NQ-HĐND")."""
    for match in _YEAR.finditer(text):
        before, after = text[:match.start()], text[match.end():]
        if re.search(r"\d\s*[-–/]\s*$", before) or re.match(r"\s*[-–/]\s*\d", after) or re.match(r"/\w", after):
            continue
        yield int(match[1])
