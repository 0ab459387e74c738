"""A checked report into the Document tree: bao-cao.xml.j2 with the report's narrative and annex tables."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from reportgen.compose.document import TEMPLATE_FILTERS, parse_rendered, subject_rule
from reportgen.compose.narrative import narrative_markup
from reportgen.compose.report_tables import period_words, report_tables
from reportgen.expressions.env import template_env
from reportgen.model.evaluated import Evaluated
from reportgen.model.progress import overdue
from reportgen.model.report import Report
from reportgen.styles import StyleSheet
from reportgen.tree.nodes import Document


@dataclass
class OverdueItem:
    """An overdue task as the narrative names it."""

    key: str
    name: str
    deadline: str
    status: str | None               # None: not reported (the template says so)
    note: str | None


def compose_report(report: Report, evaluated: Evaluated, sheet: StyleSheet, templates: Path) -> Document:
    """The tree from the templates in `templates`; a broken template is an OutputError naming its place, as for
    the plan."""
    return parse_rendered(lambda: render_report(report, evaluated, sheet, templates), sheet)


def render_report(report: Report, evaluated: Evaluated, sheet: StyleSheet, templates: Path) -> tuple[str, dict]:
    """The report as markup, before parsing, and the annex tables it places."""
    env = template_env(templates, TEMPLATE_FILTERS)
    first, rest = _split(narrative_markup(report.narrative, evaluated.values))
    rules = dict(sheet.rules, trich_yeu=subject_rule(report.meta.subject, sheet))
    views, tables = report_tables(report, env)
    return env.get_template("bao-cao.xml.j2").render(
        meta=report.meta, plan=report.plan.meta, kinh_gui=report.kinh_gui,
        ky_bao_cao=period_words(report.period), narrative_first=Markup(first),
        narrative_rest=Markup(rest), overdue=_overdue_items(report), rules=rules,
        annexes=views,
        layouts={k: [str(w) for w in v] for k, v in sheet.layouts.items()}), tables


def _split(markup: str) -> tuple[str, str]:
    """The narrative up to its second mục heading (mục I, the results), and the rest: the overdue list goes between."""
    paragraphs = list(ET.fromstring(f"<n>{markup}</n>"))
    headings = [i for i, p in enumerate(paragraphs) if p.get("style") == "muc"]
    cut = headings[1] if len(headings) > 1 else len(paragraphs)
    text = [ET.tostring(p, encoding="unicode") for p in paragraphs]
    return "".join(text[:cut]), "".join(text[cut:])


def _overdue_items(report: Report) -> list[OverdueItem]:
    name_key = report.plan.annex(report.task_annex).label_key
    return [OverdueItem(t.key, str(t.row.value(name_key) or ""), t.deadline, t.progress.status if t.progress else
                        None, _bare(t.progress.note) if t.progress else None) for t in overdue(report)]


def _bare(note: str | None) -> str | None:
    """A note without its final . ; , : the list adds its own ("…;" or "….")."""
    return (note.rstrip(" .;,") or None) if note is not None else None
