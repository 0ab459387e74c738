"""Rule old-year: text of a plan that still names the year before the plan's (a plan `reportgen roll` wrote keeps
last year's narrative and tasks for the clerk to rewrite): a warning at each place, never a failure."""

from __future__ import annotations

import re
from typing import Iterator

from reportgen.check.findings import Finding, Status
from reportgen.check.rules.common import document_location, passed
from reportgen.errors import Location
from reportgen.model.narrative import text_lines, without_comments
from reportgen.model.plan import Annex, Plan

_RULE = "old-year"
_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_EXPRESSION = re.compile(r"\{\{.*?\}\}")


def year_places(text: str) -> Iterator[tuple[int, int]]:
    """(offset, year) of each year the text names as a year: not a bound of a range ("2016-2020"), not the year of
    a whole date ("18/12/2019", "2020-02-17") nor of a document's number ("07/2019/NQ-HĐND")."""
    for match in _YEAR.finditer(text):
        before, after = text[:match.start()], text[match.end():]
        if re.search(r"\d\s*[-–]\s*$", before) or re.match(r"\s*[-–]\s*\d", after):
            continue
        if re.search(r"\d{1,2}/\d{1,2}/$", before) or re.match(r"/[^\W\d_]", after):
            continue
        yield match.start(), int(match[1])


def old_years(plan: Plan) -> Iterator[Finding]:
    """The subject, the legal bases, the narrative (outside comments and {{ }}), and every group label, text cell and
    note of the annexes."""
    old = plan.meta.plan_year - 1
    found = []
    if any(year == old for _, year in year_places(plan.meta.subject)):
        found.append(_warning(f"Trích yếu: «{plan.meta.subject}»", old, _place(plan, "subject")))
    for basis in plan.meta.legal_bases:  # "… giao chỉ tiêu năm 2020" is last year's decision in a 2021 plan
        offsets = [offset for offset, year in year_places(basis) if year == old]
        if offsets:
            found.append(_warning(f"Căn cứ: «{_around(basis, offsets[0])}»", old, _place(plan, basis)))
    found += _narrative(plan, old)
    for annex in plan.annexes:
        found += _annex(annex, old)
    yield from found or [passed(_RULE, f"Không chỗ nào còn nêu năm {old}.", document_location(plan))]


def _place(plan: Plan, key: str) -> Location:
    """Where the document writes the subject or a legal basis (its line), else the document file."""
    return plan.meta.places.get(key) or document_location(plan)


def _narrative(plan: Plan, old: int) -> Iterator[Finding]:
    shown = without_comments(plan.narrative.text, lambda c: re.sub(r"[^\n]", " ", c))
    for number, line in enumerate(text_lines(shown), start=1):
        line = _EXPRESSION.sub(lambda m: " " * len(m[0]), line)
        for offset, year in year_places(line):
            if year == old:
                yield _warning(f"Lời văn: «{_around(line, offset)}»", old, Location(plan.narrative.path, number, offset + 1))


def _annex(annex: Annex, old: int) -> Iterator[Finding]:
    texts = [(group.label, group.loc) for group in annex.groups if group.label]
    for row in annex.rows():
        for leaf in annex.leaves():
            cell = row.cells.get(leaf.key)
            if leaf.type in ("text", "deadline") and cell is not None and isinstance(cell.value, str):
                texts.append((cell.value, cell.loc))
    texts += [(note, annex.source) for note in annex.notes]
    for text, loc in texts:
        if any(year == old for _, year in year_places(text)):
            yield _warning(f"{annex.label}: «{_around(text, 0, 90)}»", old, loc)


def _around(text: str, offset: int, width: int = 70) -> str:
    """About `width` letters of the text around `offset`, cut between words."""
    start = max(0, offset - width // 2)
    if start:
        start = text.find(" ", start) + 1 or start  # from the next word on
    piece = " ".join(text[start:start + width].split())
    return ("…" if start else "") + piece + ("…" if start + width < len(text) else "")


def _warning(where: str, old: int, loc: Location) -> Finding:
    return Finding(_RULE, Status.WARNING, f"{where} còn nêu năm {old}, năm trước của kế hoạch: viết lại cho năm "
                   f"{old + 1} nếu là chữ của kế hoạch cũ.", (loc,))
