"""Return forms from the checked plan and period: one per district (its actuals) and one per lead agency (its tasks).

The same function builds the form `forms` writes and the form `collect` expects back: a returned workbook is
compared with it cell by cell. Every word a clerk reads comes from templates/bieu-nhap.j2.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Mapping

from reportgen.compose.annex import Words
from reportgen.compose.document import TEMPLATE_FILTERS
from reportgen.compose.report_tables import period_words
from reportgen.compose.forms_sheets import agency_sheet, district_sheet, identity_sheet, instructions_sheet
from reportgen.expressions.env import template_env
from reportgen.model.forms import Form, FormSheet, Identity, form_version
from reportgen.model.plan import Annex, Plan, Row
from reportgen.model.tables import rows_by_unit
from reportgen.model.report import Actuals, Period, TaskProgress
from reportgen.model.tasks import lead_agency, lead_key, task_rows

_WORDS = "bieu-nhap.j2"


@dataclass(frozen=True)
class Previous:
    """The last report of the year before this period, as far as the forms show it (None: no report yet)."""

    period: Period | None = None
    actuals: Actuals | None = None
    tasks: Mapping[str, TaskProgress] = field(default_factory=dict)   # by task key ("I.3")


@dataclass(frozen=True)
class Needs:
    """What the report needs back: the actuals' annex and indicators, the task annex (each None when there is none)."""

    actuals: Annex | None
    indicators: tuple[str, ...]
    tasks: Annex | None


def report_needs(plan: Plan, previous: Previous) -> Needs:
    """The last report's actuals annex and indicators when there is one, else the plan's first annex by unit with
    periods: its cumulative indicators that add up (lũy kế), or all that add up when none is cumulative. The task
    annex is the plan's first one with a deadline column."""
    if previous.actuals is not None and plan.annex(previous.actuals.annex_id) is not None:
        actuals, indicators = plan.annex(previous.actuals.annex_id), previous.actuals.indicators
    else:
        actuals = next((a for a in plan.annexes if a.unit_key is not None and _summable(a)), None)
        summable = _summable(actuals) if actuals is not None else ()
        cumulative = tuple(c.id for c in summable if c.cumulative)
        indicators = cumulative or tuple(c.id for c in summable)
    tasks = next((a for a in plan.annexes if a.deadline_key is not None), None)
    return Needs(actuals, tuple(indicators), tasks)


def _summable(annex: Annex) -> tuple:
    """Grouped columns with periods whose later sub-column (the year's plan) adds up, as the report's actuals need."""
    found = []
    for column in annex.columns:
        periods = annex.period_columns(column) if column.is_group else None
        if periods is not None and periods[1].aggregate == "sum":
            found.append(column)
    return tuple(found)


def district_units(needs: Needs) -> list[str]:
    """The districts a form goes to: the units of the actuals annex, in its order."""
    if needs.actuals is None:
        return []
    values = (row.value(needs.actuals.unit_key) for row in needs.actuals.rows())
    return list(dict.fromkeys(str(v) for v in values if v is not None))


def lead_agencies(needs: Needs) -> list[str]:
    """The lead agencies of the task annex, each the first named in its column (one form per lead), in its order."""
    if needs.tasks is None or lead_key(needs.tasks) is None:
        return []
    key = lead_key(needs.tasks)
    return list(dict.fromkeys(a for a in (_agency(row.value(key)) for row in needs.tasks.rows()) if a))


def _agency(value) -> str:
    """The lead agency, the first named (model.tasks.lead_agency): one form per lead, however its row goes on."""
    return lead_agency(str(value)) if value is not None else ""


def compose_forms(plan: Plan, period: Period, previous: Previous, templates: Path) -> list[Form]:
    """Every district's form, then every lead agency's."""
    needs = report_needs(plan, previous)
    env = template_env(templates, TEMPLATE_FILTERS)
    plan_rows = rows_by_unit(needs.actuals) if needs.actuals is not None else {}
    forms = [district_form(plan, period, previous, needs, unit, env, plan_rows) for unit in district_units(needs)]
    keyed = task_rows(needs.tasks) if needs.tasks is not None else {}
    forms += [agency_form(plan, period, previous, needs, agency, env, keyed) for agency in lead_agencies(needs)]
    return forms


def expected_form(plan: Plan, period: Period, previous: Previous, kind: str, unit: str, templates: Path
                  ) -> Form | None:
    """The one form of `unit` (a district or a lead agency as `kind` says), as `forms` wrote it; None when the
    plan sends that unit no such form."""
    needs = report_needs(plan, previous)
    env = template_env(templates, TEMPLATE_FILTERS)
    if kind == "district" and unit in district_units(needs):
        return district_form(plan, period, previous, needs, unit, env)
    if kind == "agency" and unit in lead_agencies(needs):
        return agency_form(plan, period, previous, needs, unit, env)
    return None


def _words(env, plan: Plan, period: Period, previous: Previous, unit: str, agency: bool) -> Words:
    return Words(env, _WORDS, {
        "nam": plan.meta.plan_year, "ky_bao_cao": period_words(period), "ma_ky": period.code,
        "ky_truoc_bao_cao": period_words(previous.period) if previous.period is not None else None,
        "don_vi": unit, "meta": plan.meta, "co_quan": agency})


def district_form(plan: Plan, period: Period, previous: Previous, needs: Needs, unit: str, env,
                  plan_rows: Mapping[str, Row] | None = None) -> Form:
    """`plan_rows`: the actuals annex's rows by unit, made once for every form (looked up per form, 10.000 forms
    would read 10.000 rows each)."""
    words = _words(env, plan, period, previous, unit, False)
    annex = needs.actuals
    row = (plan_rows if plan_rows is not None else rows_by_unit(annex)).get(unit)
    rows = []
    for indicator in needs.indicators:
        column = annex.top(indicator)
        earlier, later = annex.period_columns(column)
        rows.append((column, later, _figure(row, later.key), _last(previous, indicator, unit, _figure(row, earlier.key))))
    sheets = (instructions_sheet(words), district_sheet(words, unit, rows))
    return _form(plan, period, unit, "district", sheets, words.ten_tep_so_lieu, words.ten_so_lieu)


def _figure(row: Row | None, key: str) -> Decimal | None:
    value = row.value(key) if row is not None else None
    return value if isinstance(value, Decimal) else None


def _last(previous: Previous, indicator: str, unit: str, baseline: Decimal | None) -> Decimal | None:
    """The last report's figure, or the plan's baseline (thực hiện năm trước) before the year's first report."""
    if previous.actuals is None:
        return baseline
    return _figure(previous.actuals.rows.get(unit), indicator)


def agency_form(plan: Plan, period: Period, previous: Previous, needs: Needs, agency: str, env,
                keyed: Mapping[str, Row] | None = None) -> Form:
    """`keyed`: the task annex's rows by key, made once for every form."""
    words = _words(env, plan, period, previous, agency, True)
    annex, key = needs.tasks, lead_key(needs.tasks)
    keyed = keyed if keyed is not None else task_rows(annex)
    tasks = [(task, str(row.value(annex.label_key) or ""), str(row.value(annex.deadline_key) or ""),
              previous.tasks.get(task)) for task, row in keyed.items() if _agency(row.value(key)) == agency]
    sheets = (instructions_sheet(words), agency_sheet(words, agency, tasks, year_range(plan)))
    return _form(plan, period, agency, "agency", sheets, words.ten_tep_nhiem_vu, words.ten_nhiem_vu)


def _form(plan: Plan, period: Period, unit: str, kind: str, sheets: tuple[FormSheet, ...], stem: str, title: str
          ) -> Form:
    meta = plan.meta
    identity = Identity(meta.number, meta.symbol, meta.date, period.code, unit, kind, form_version(sheets))
    return Form(identity, sheets + (identity_sheet(identity),), stem, title)


def year_range(plan: Plan) -> tuple[_dt.date, _dt.date]:
    year = plan.meta.plan_year
    return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
