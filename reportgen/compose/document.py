"""A checked plan into the Document tree: the plan template rendered to markup, then parsed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path

from markupsafe import Markup

from reportgen.collector import collector_paused
from reportgen.compose.annex import annex_tables
from reportgen.compose.markup import MarkupError, parse_document
from reportgen.errors import OutputError, Problem
from reportgen.compose.narrative import narrative_markup
from reportgen.styles import StyleSheet, StyleSheetError
from reportgen.expressions.env import TemplateError, template_env
from reportgen.model.evaluated import Evaluated
from reportgen.model.plan import Annex, Plan
from reportgen.tree.nodes import Document
from reportgen.vi import format_date_long, format_date_short, format_document_number, roman

# Wording filters: dates and document numbers are part of the text, not figures.
TEMPLATE_FILTERS = {
    "ngay_dai": format_date_long,
    "ngay_ngan": format_date_short,
    "so_ky_hieu": format_document_number,
    "la_ma": roman,                   # a quarter's number: quý II
}


def compose_plan(plan: Plan, evaluated: Evaluated, sheet: StyleSheet, templates: Path) -> Document:
    """The tree from the templates in `templates`; a broken template or style sheet (someone edited them) is an
    OutputError naming the place."""
    return parse_rendered(lambda: render_plan(plan, evaluated, sheet, templates), sheet)


def compose_annexes(plan: Plan, annexes: list[Annex], title: str, sheet: StyleSheet, templates: Path,
                    unit: str | None = None) -> Document:
    """Annexes standing alone (reportgen export), each its own landscape section; `unit` names a district's share."""
    def render() -> tuple[str, dict]:
        env = template_env(templates, TEMPLATE_FILTERS)
        views, tables = annex_tables(env, annexes)
        return env.get_template("cac-bieu.xml.j2").render(
            meta=plan.meta, annexes=views, title=title, unit=unit, rules=sheet.rules), tables
    return parse_rendered(render, sheet)


def parse_rendered(render, sheet: StyleSheet) -> Document:
    """The tree of what `render()` gives (markup, and the annex tables it places); a broken template is an
    OutputError naming its place (plan and report)."""
    try:
        with collector_paused():
            return parse_document(*render(), styles=sheet.paragraphs)
    except TemplateError as error:
        raise _template_problem(f"{_template_place(error)}: {error}") from None
    except ET.ParseError as error:
        raise _template_problem(f"mẫu văn bản sinh ra XML sai (dòng {error.position[0]}, cột {error.position[1]} của "
                                f"bản dựng)") from None
    except (MarkupError, StyleSheetError) as error:
        raise _template_problem(str(error)) from None


def _template_place(error: TemplateError) -> str:
    """template.xml.j2:12 — from the error, else from the traceback frame Jinja maps to the template line."""
    if getattr(error, "name", None) and getattr(error, "lineno", None):
        return f"{error.name}:{error.lineno}"
    place, frame = "mẫu văn bản", error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_code.co_filename.endswith(".j2"):
            place = f"{Path(frame.tb_frame.f_code.co_filename).name}:{frame.tb_lineno}"
        frame = frame.tb_next
    return place


def _template_problem(detail: str) -> OutputError:
    return OutputError([Problem(f"Mẫu văn bản trong reportgen/templates không dùng được: {detail}. Sửa mẫu, hoặc "
                                "lấy lại bản gốc của reportgen.")])


def render_plan(plan: Plan, evaluated: Evaluated, sheet: StyleSheet, templates: Path) -> tuple[str, dict]:
    """The plan as markup (what the templates give, before parsing), and the annex tables it places."""
    env = template_env(templates, TEMPLATE_FILTERS)
    narrative = Markup(narrative_markup(plan.narrative, evaluated.values))  # built as XML, escaped already
    rules = dict(sheet.rules, trich_yeu=subject_rule(plan.meta.subject, sheet))
    views, tables = annex_tables(env, plan.annexes)
    return env.get_template("ke-hoach.xml.j2").render(
        meta=plan.meta, narrative=narrative, annexes=views,
        layouts={k: [str(w) for w in v] for k, v in sheet.layouts.items()}, rules=rules), tables


# Times New Roman bold averages about half an em a letter over Vietnamese sentence-case text.
_EM_PER_LETTER = Decimal("0.5")
_MM_PER_PT = Decimal("0.3528")


def subject_rule(subject: str, sheet) -> Decimal:
    """The rule under the subject: a share (1/3–1/2) of its longest line, that line estimated from its length."""
    size = sheet.paragraphs["trich-yeu"].size
    longest = min(len(subject) * size * _EM_PER_LETTER * _MM_PER_PT, sheet.pages["portrait"].text_width)
    return (longest * sheet.rules["trich_yeu"]).quantize(Decimal(1))
