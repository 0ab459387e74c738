"""References between annexes (unit_groups_from, cross-table rules) must name what exists: input problems."""

from __future__ import annotations

from reportgen.errors import Problems
from reportgen.expressions.suggest import did_you_mean
from reportgen.model.plan import Annex, Column
from reportgen.model.ties import CrossRule
from reportgen.names import name_key


def check_references(annexes: list[Annex], problems: Problems) -> None:
    """Each unit_groups_from and cross-table rule names an annex, and columns, that can serve it."""
    by_id = {annex.id: annex for annex in annexes}
    for annex in annexes:
        if annex.unit_groups_from is not None:
            reference = by_id.get(annex.unit_groups_from)
            if reference is None or reference.unit_key is None:
                problems.add(f"{annex.label}: 'unit_groups_from' chỉ tới biểu '{annex.unit_groups_from}', phải là "
                             f"mã một biểu có cột đơn vị (các biểu: {', '.join(by_id)}).",
                             annex.key_locs.get("unit_groups_from", annex.source))
            if annex.groups and annex.groups[0].label is None:
                problems.add(f"{annex.label}: có 'unit_groups_from' thì các dòng phải chia nhóm theo đơn vị "
                             "('groups').", annex.key_locs.get("unit_groups_from", annex.source))
        for rule in annex.rules:
            if rule.first_form:
                _rows_per_unit(annex, by_id.get(rule.annex), rule, list(by_id), problems)
            else:
                _declared(annex, by_id.get(rule.annex), rule, list(by_id), problems)


def _rows_per_unit(annex: Annex, reference: Annex | None, rule: CrossRule, ids: list[str], problems: Problems):
    group = reference.top(rule.column) if reference else None
    if reference is None or reference.unit_key is None:
        problems.add(f"{annex.label}: quy tắc rows_per_unit chỉ tới biểu '{rule.annex}', phải là mã một "
                     f"biểu có cột đơn vị (các biểu: {', '.join(ids)}).", rule.loc)
    elif group is None or not reference.period_columns(group):
        problems.add(f"{annex.label}: quy tắc rows_per_unit chỉ tới cột '{rule.column}' của "
                     f"{reference.label}; cần một cột nhóm có hai cột con theo 'periods' của biểu đó.", rule.loc)
    elif not annex.groups or annex.groups[0].label is None:
        problems.add(f"{annex.label}: quy tắc rows_per_unit cần các dòng chia nhóm theo đơn vị ('groups').", rule.loc)


def _declared(annex: Annex, other: Annex | None, rule: CrossRule, ids: list[str], problems: Problems) -> None:
    """A `count` or `sum` rule: every name it uses is a column, a group or an annex that exists."""
    what = f"{annex.label}: quy tắc {rule.kind}"
    if other is None or other.label_key is None:
        problems.add(f"{what}: 'equals' chỉ tới biểu '{rule.annex}', phải là mã một biểu có cột tên dòng "
                     f"(các biểu: {', '.join(ids)}).", rule.loc)
    else:
        _target_column(other, rule, what, problems)
    keys = [leaf.key for leaf in annex.leaves()]
    for role, key in (("per", rule.per), ("column", rule.summed), *(("where", k) for k in rule.where)):
        if key is not None and key not in keys:
            problems.add(f"{what}: '{role}' ghi cột '{key}', {annex.label} không có cột đó"
                         f"{did_you_mean(key, keys)} Các cột: {', '.join(keys)}.", rule.loc)
    for key, text in rule.where.items():
        if key in keys:
            _held(annex, _leaf(annex, key), text, what, rule, problems)
    if rule.summed in keys and not _leaf(annex, rule.summed).is_numeric:
        problems.add(f"{what}: cột '{rule.summed}' không phải cột số, không cộng được.", rule.loc)
    labels = [g.label for g in annex.groups if g.label is not None]
    if rule.per is None and not labels:
        problems.add(f"{what}: không ghi 'per' thì đếm theo nhóm, nhưng {annex.label} không chia nhóm ('groups'); "
                     "ghi 'per: <mã cột>' (ví dụ per: huyen).", rule.loc)
    if rule.group is not None and name_key(rule.group) not in {name_key(label) for label in labels}:
        problems.add(f"{what}: 'group' ghi '{rule.group}', {annex.label} không có nhóm đó"
                     f"{did_you_mean(rule.group, labels)} Các nhóm: {', '.join(labels) or '(không chia nhóm)'}.",
                     rule.loc)


def _held(annex: Annex, column: Column, text: str, what: str, rule: CrossRule, problems: Problems) -> None:
    """A `where` value no row holds would count 0 everywhere: a misspelling far more often than a true zero. A mark
    column holds X or nothing, so X is right there even when no row is marked (a year without such communes)."""
    key = column.key
    if column.type == "mark":
        if text.strip().upper() != "X":
            problems.add(f"{what}: 'where' ghi {key}: '{text}', nhưng cột '{key}' là cột đánh dấu: chỉ lọc được "
                         f"{key}: X.", rule.loc)
        return
    held = list(dict.fromkeys(" ".join(str(row.value(key)).split()) for row in annex.rows()
                              if row.value(key) is not None))
    if held and name_key(text) not in {name_key(value) for value in held}:   # an empty column: nothing to misspell
        problems.add(f"{what}: 'where' ghi {key}: '{text}', không dòng nào của {annex.label} ghi giá trị đó"
                     f"{did_you_mean(text, held)} Các giá trị của cột '{key}': "
                     f"{', '.join(held[:20]) or '(cột để trống)'}.", rule.loc)


def _target_column(other: Annex, rule: CrossRule, what: str, problems: Problems) -> None:
    """The other annex's column: a numeric leaf, or a group column with periods read through `measure`."""
    group = other.top(rule.column)
    if group is not None and group.is_group:
        if rule.measure is None or not other.period_columns(group):
            problems.add(f"{what}: cột '{rule.column}' của {other.label} là cột nhóm; ghi một cột con "
                         f"({', '.join(c.key for c in group.children)}), hoặc 'measure' (increase, value_from, "
                         "value_to) khi biểu có 'periods'.", rule.loc)
        return
    leaf = _leaf(other, rule.column)
    keys = [c.key for c in other.leaves() if c.is_numeric]
    if leaf is None or not leaf.is_numeric:
        problems.add(f"{what}: 'equals' ghi cột '{rule.column}', {other.label} không có cột số đó"
                     f"{did_you_mean(rule.column, keys)} Các cột số: {', '.join(keys)}.", rule.loc)
    elif rule.measure is not None:
        problems.add(f"{what}: 'measure' chỉ dùng với cột nhóm có 'periods'; cột '{rule.column}' là cột đơn.",
                     rule.loc)


def _leaf(annex: Annex, key: str) -> Column | None:
    return next((c for c in annex.leaves() if c.key == key), None)
