"""An annex's declared cross-table rules (`rules:`) as data: counts and sums per row name against another table."""

from __future__ import annotations

from reportgen.check.fields import Fields, as_text
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.model.ties import CrossRule

MEASURES = frozenset({"increase", "value_from", "value_to"})
KINDS = frozenset({"count", "sum", "rows_per_unit"})


def build_rules(raw: Raw | None, what: str, problems: Problems) -> tuple[CrossRule, ...]:
    if raw is None:
        return ()
    if not raw.is_list:
        problems.add(f"{what}: 'rules' phải là danh sách.", raw.loc)
        return ()
    return tuple(r for r in (_rule(node, what, problems) for node in raw.value) if r is not None)


def _rule(node: Raw, what: str, problems: Problems) -> CrossRule | None:
    f = Fields(node, f"{what}, quy tắc", problems)
    kind = f.choice("rule", KINDS)
    if kind == "rows_per_unit":
        return _rows_per_unit(f, node)
    per, group = f.text("per", required=False), f.text("group", required=False)
    where = _where(f.node("where", required=False), f"{what}, quy tắc, 'where'", problems)
    summed = f.text("column") if kind == "sum" else None
    target = f.node("equals")
    f.finish()
    if kind is None or target is None or (kind == "sum" and summed is None):
        return None
    e = Fields(target, f"{what}, quy tắc, 'equals'", problems)
    annex, column = e.text("annex"), e.text("column")
    measure = e.choice("measure", MEASURES, required=False)
    e.finish()
    if annex is None or column is None or where is None:
        return None
    return CrossRule(kind, annex, column, measure, per=per, summed=summed, group=group, where=where, loc=node.loc)


def _rows_per_unit(f: Fields, node: Raw) -> CrossRule | None:
    """The first form (Bắc Giang's): rows per group label = a unit's change; it does not weigh the total row."""
    annex, column = f.text("annex"), f.text("column")
    measure = f.choice("measure", MEASURES, required=False) or "increase"
    f.finish()
    if annex is None or column is None:
        return None
    return CrossRule("count", annex, column, measure, first_form=True, loc=node.loc)


def _where(raw: Raw | None, what: str, problems: Problems) -> dict[str, str] | None:
    """`where: {column: text}`: only rows whose column holds that text; None when unreadable (said)."""
    if raw is None:
        return {}
    if not raw.is_map or not raw.value:
        problems.add(f"{what} phải là bảng 'mã cột: giá trị' (ví dụ where: {{loai: X}}).", raw.loc)
        return None
    where = {}
    for key, value in raw.value.items():
        text = as_text(value, f"{what} '{key}'", problems)
        if text is None:
            return None
        where[key] = text
    return where
