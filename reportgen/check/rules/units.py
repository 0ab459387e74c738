"""Rule unit-register: every unit a table names is in don-vi.yaml, under the unit it is written under.

Which cells name units: a `type: unit` column and the group labels of a list annex (`unit_groups_from`) name
units straight under the province; an annex's `unit_names` names more columns and where their parent is
(`{xa: group, thon: xa, huyen: province}`). Report actuals name the units of their annex's unit column.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Iterable, Iterator

from reportgen.check.findings import Finding
from reportgen.check.rules.common import cell_loc, failed, passed
from reportgen.check.unit_lookup import ANY, Lookups
from reportgen.errors import Location
from reportgen.model.plan import Annex, Group, Plan
from reportgen.model.units import Register
from reportgen.vi import format_number

RULE = "unit-register"
MAX_SAID = 20      # failures named one by one in each column, as Problems names 20 problems of a kind
TOP, GROUP = "province", "group"


def units_registered(document) -> Iterator[Finding]:
    """A plan's annexes; a report's actuals (its plan's annexes are checked with the plan)."""
    if not isinstance(document, Plan):
        yield from _actuals(document)
        return
    if document.register is None:
        return
    lookups = Lookups(document.register)
    for annex in document.annexes:
        yield from _annex(annex, lookups)


def _actuals(report) -> Iterator[Finding]:
    """The units of the report's actuals (the names of its annex's unit column)."""
    register = report.plan.register
    if register is None:
        return
    names = [(unit, row.loc, None, None) for unit, row in report.actuals.rows.items()]
    yield from unit_name_findings(register, names, "Tiến độ, 'actuals'")


def unit_name_findings(register: Register, names: Iterable[tuple[str, Location, str | None, Location | None]],
                       what: str) -> Iterator[Finding]:
    """For other rules (the narrative's row references): each (name, where, parent name or None, where the parent
    is written) looked up; a failure per name that is not where it is written, one pass for the rest."""
    lookups, count = Lookups(register), 0
    for name, loc, parent_name, parent_loc in names:
        parent = None if parent_name is None else lookups.find(parent_name, ANY).unit or ANY
        found = lookups.find(name, parent)
        if found.problem is not None:
            yield _failure(what, name, found, loc, parent_name, parent_loc)
        else:
            count += 1
    if count:
        yield passed(RULE, f"{what}: {count} tên đơn vị có trong danh mục, dưới đúng đơn vị cấp trên.")


def _annex(annex: Annex, lookups: Lookups) -> Iterator[Finding]:
    columns = _columns(annex)
    checked = {key: 0 for key in columns}
    unsaid, failures = {key: 0 for key in columns}, {key: 0 for key in columns}   # failures past the first MAX_SAID of a column: counted, said once
    groups_named = annex.unit_groups_from is not None or GROUP in columns.values()
    headers = {leaf.key: leaf.header for leaf in annex.leaves()}
    group_count = 0
    for group in annex.groups:
        group_unit = ANY
        if groups_named and group.label is not None:
            found = lookups.find(group.label, None)
            if found.problem is not None:
                yield _failure(f"{annex.label}, nhóm", group.label, found, group.loc, None, None)
            else:
                group_unit, group_count = found.unit, group_count + 1
        for row in group.rows:
            resolved = {}
            for key, parent_of in columns.items():
                name = row.value(key)
                if not isinstance(name, str) or not name.strip():
                    resolved[key] = ANY
                    continue
                parent, parent_name, parent_loc = _parent(parent_of, group, group_unit, row, resolved)
                found = lookups.find(name, parent)
                resolved[key] = found.unit or ANY
                cell = cell_loc(row, key)
                if found.problem is None:
                    checked[key] += 1
                elif failures[key] < MAX_SAID:
                    failures[key] += 1
                    yield _failure(f"{annex.label}, cột \"{headers[key]}\"", name, found, cell, parent_name,
                                   parent_loc)
                else:
                    unsaid[key] += 1
    yield from _unsaid(annex, unsaid, headers)
    yield from _passes(annex, checked, headers, group_count)


def _unsaid(annex: Annex, unsaid: dict[str, int], headers: dict[str, str]) -> Iterator[Finding]:
    """A wrong register makes every name of a long list fail: the first MAX_SAID are named, the rest counted."""
    for key, count in unsaid.items():
        if count:
            yield failed(RULE, f"{annex.label}, cột \"{headers[key]}\": … và {format_number(Decimal(count))} tên "
                         f"khác cũng không có trong danh mục hoặc không đúng đơn vị cấp trên (chỉ nêu {MAX_SAID} tên "
                         "đầu): sửa các tên đã nêu, hoặc kiểm tra danh mục don-vi.yaml có đúng tỉnh, đúng ngày không.",
                         f"{format_number(Decimal(MAX_SAID + count))} tên", "tên trong danh mục", annex.source)


def _columns(annex: Annex) -> dict[str, str]:
    """Each column naming units, in an order where a parent column comes before its children."""
    declared = dict(annex.unit_names)
    for leaf in annex.leaves():
        if leaf.type == "unit":
            declared.setdefault(leaf.key, TOP)
    ordered: dict[str, str] = {}
    progress = True
    while progress:   # a parent that is neither declared nor TOP/GROUP was refused while typing: left out
        ready = {key: parent for key, parent in declared.items()
                 if key not in ordered and (parent in (TOP, GROUP) or parent in ordered)}
        ordered.update(ready)
        progress = bool(ready)
    return ordered


def _parent(parent_of: str, group: Group, group_unit, row, resolved):
    """The unit the name must sit under, with its name and place as written (None, None at the top)."""
    if parent_of == TOP:
        return None, None, None
    if parent_of == GROUP:
        return (group_unit, group.label, group.loc) if group.label is not None else (ANY, None, None)
    cell = row.cells.get(parent_of)
    return resolved.get(parent_of, ANY), row.value(parent_of), (cell.loc if cell is not None else row.loc)


def _failure(what: str, name: str, found, loc: Location, parent_name: str | None,
             parent_loc: Location | None) -> Finding:
    places = [loc] + ([parent_loc] if parent_loc is not None else []) + list(found.places)
    if found.unit is None and found.places:   # in the register, under another parent
        written = (f"ghi dưới '{parent_name}' ({parent_loc})" if parent_name is not None
                   else "ghi như đơn vị trực thuộc tỉnh")
        return failed(RULE, f"{what}: '{name}' {written}, nhưng {found.problem} ({', '.join(map(str, found.places))}).",
                      parent_name or "trực thuộc tỉnh", found.expected or "", *places)
    return failed(RULE, f"{what}: '{name}' {found.problem}", name, found.expected or "", *places)


def _passes(annex: Annex, checked: dict[str, int], headers: dict[str, str], groups: int) -> Iterator[Finding]:
    if groups:
        yield passed(RULE, f"{annex.label}: {groups} tên nhóm có trong danh mục đơn vị.", annex.source)
    for key, count in checked.items():
        if count:
            yield passed(RULE, f"{annex.label}, cột \"{headers[key]}\": {count} tên có trong danh mục, dưới đúng "
                         "đơn vị cấp trên.", annex.source)
