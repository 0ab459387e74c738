"""A checked plan into the Document tree: the plan template rendered to markup, then parsed."""

from __future__ import annotations

from markupsafe import Markup

from reportgen.check.expressions import Evaluated
from reportgen.compose.annex import annex_view
from reportgen.compose.markup import parse_document
from reportgen.compose.narrative import narrative_markup
from reportgen.compose.styles import TEMPLATES, style_sheet
from reportgen.expressions.env import template_env
from reportgen.model import Plan
from reportgen.tree.nodes import Document
from reportgen.vi import format_date_long, format_date_short, format_document_number

# Wording filters: dates and document numbers are part of the text, not figures.
_FILTERS = {
    "ngay_dai": format_date_long,
    "ngay_ngan": format_date_short,
    "so_ky_hieu": format_document_number,
}


def compose_plan(plan: Plan, evaluated: Evaluated) -> Document:
    return parse_document(render_plan(plan, evaluated))


def render_plan(plan: Plan, evaluated: Evaluated) -> str:
    """The plan as markup (what the templates give, before parsing): useful when a template is edited."""
    sheet = style_sheet()
    env = template_env(TEMPLATES, _FILTERS)
    narrative = Markup(narrative_markup(plan.narrative, evaluated.values))  # built as XML, escaped already
    return env.get_template("ke-hoach.xml.j2").render(
        meta=plan.meta, narrative=narrative, annexes=[annex_view(a) for a in plan.annexes],
        layouts={k: [str(w) for w in v] for k, v in sheet.layouts.items()}, rules=sheet.rules)
