"""Every row name the input uses to reach a row (rules' groups and filters, dong/dem/tong in the narrative and in
facts' refs), with its place: for checks of names against the unit register (`don-vi.yaml`)."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.errors import Location
from reportgen.expressions.env import TemplateSyntaxError, calls, make_env
from reportgen.expressions.rows import row_names
from reportgen.model.plan import Plan


@dataclass(frozen=True)
class NameUse:
    name: str
    annex: str                 # the annex whose rows it names
    column: str | None         # the leaf key it is matched in; None: a group label
    loc: Location
    unit: bool                 # the column (or the group labels, by unit_groups_from) holds unit names


def referenced_names(plan: Plan) -> list[NameUse]:
    uses: list[NameUse] = []
    for annex in plan.annexes:
        for rule in annex.rules:
            if rule.group is not None:
                uses.append(_use(plan, rule.group, annex.id, None, rule.loc))
            uses += [_use(plan, text, annex.id, key, rule.loc) for key, text in rule.where.items()]
    sources = [(e.source, e.loc) for e in plan.narrative.expressions]
    sources += [(f.ref, f.ref_loc) for f in plan.facts.values() if f.ref]
    env = make_env()
    for source, loc in sources:
        try:
            found = row_names(calls(env, source))
        except TemplateSyntaxError:
            continue  # said when the expression was evaluated
        uses += [_use(plan, name, annex_id, column, loc) for annex_id, column, name in found
                 if plan.annex(annex_id) is not None]
    return uses


def _use(plan: Plan, name: str, annex_id: str, column: str | None, loc: Location) -> NameUse:
    annex = plan.annex(annex_id)
    if column == "":
        column = annex.label_key
    if column is None:  # group labels name units when they are another annex's units, or unit_names says so
        unit = annex.unit_groups_from is not None or "group" in annex.unit_names.values()
    else:
        unit = column in annex.unit_names or any(leaf.key == column and leaf.type == "unit" for leaf in annex.leaves())
    return NameUse(" ".join(name.split()), annex_id, column, loc, unit)
