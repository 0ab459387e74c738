"""A checked report into the Document tree: bao-cao.xml.j2 with the report's narrative and annex tables."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass

from markupsafe import Markup

from reportgen.check.report import ReportResult
from reportgen.compose.annex import ViewCell, ViewRow, annex_view, body_rows
from reportgen.compose.markup import view_rows
from reportgen.compose.document import TEMPLATE_FILTERS, parse_rendered, subject_rule
from reportgen.compose.narrative import narrative_markup
from reportgen.compose.report_tables import WORDS, report_annexes
from reportgen.expressions.env import template_env
from reportgen.model.progress import overdue
from reportgen.styles import TEMPLATES, StyleSheet
from reportgen.tree.nodes import Document
from reportgen.vi import format_quarter


@dataclass
class OverdueItem:
    """An overdue task as the narrative names it."""

    key: str
    name: str
    deadline: str
    status: str
    note: str | None


def compose_report(result: ReportResult, sheet: StyleSheet) -> Document:
    """The tree; a broken template is an OutputError naming its place, as for the plan."""
    return parse_rendered(lambda: render_report(result, sheet), sheet)


def render_report(result: ReportResult, sheet: StyleSheet) -> tuple[str, dict]:
    """The report as markup, before parsing, and the annex body rows it names."""
    report = result.report
    env = template_env(TEMPLATES, TEMPLATE_FILTERS)
    first, rest = _split(narrative_markup(report.narrative, result.evaluated.values))
    rules = dict(sheet.rules, trich_yeu=subject_rule(report.meta.subject, sheet))
    views = _views(report)
    bodies = body_rows(views)
    return env.get_template("bao-cao.xml.j2").render(
        meta=report.meta, plan=report.plan.meta, kinh_gui=report.kinh_gui,
        ky=format_quarter(report.period.year, report.period.quarter), narrative_first=Markup(first),
        narrative_rest=Markup(rest), overdue=_overdue_items(result), rules=rules,
        annexes=views,
        layouts={k: [str(w) for w in v] for k, v in sheet.layouts.items()}), bodies


def _views(report) -> list:
    views = []
    for annex in report_annexes(report):
        view = annex_view(annex)
        if not annex.rows():  # an empty table still says so, rather than vanishing and renumbering the others
            view.body = view_rows([_empty_row(len(annex.leaves()))])
        views.append(view)
    return views


def _empty_row(width: int) -> ViewRow:
    return ViewRow("data", [ViewCell(WORDS["none"], colspan=width, align="center")])


def _split(markup: str) -> tuple[str, str]:
    """The narrative up to its second mục heading (mục I, the results), and the rest: the overdue list goes between."""
    paragraphs = list(ET.fromstring(f"<n>{markup}</n>"))
    headings = [i for i, p in enumerate(paragraphs) if p.get("style") == "muc"]
    cut = headings[1] if len(headings) > 1 else len(paragraphs)
    text = [ET.tostring(p, encoding="unicode") for p in paragraphs]
    return "".join(text[:cut]), "".join(text[cut:])


def _overdue_items(result: ReportResult) -> list[OverdueItem]:
    report = result.report
    name_key = report.plan.annex(report.task_annex).label_key
    return [OverdueItem(t.key, str(t.row.value(name_key) or ""), t.deadline, t.progress.status if t.progress else
                        "chưa báo cáo", _bare(t.progress.note) if t.progress else None) for t in overdue(report)]


def _bare(note: str | None) -> str | None:
    """A note without its final . ; , : the list adds its own ("…;" or "….")."""
    return (note.rstrip(" .;,") or None) if note is not None else None
