"""The unit register typed from don-vi.yaml, and an annex's `unit_names` (which columns name registered units)."""

from __future__ import annotations

from reportgen.check.fields import Fields, as_text
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.model.plan import Column
from reportgen.model.units import Register, RegisteredUnit

TOP, GROUP = "province", "group"   # a unit straight under the province; one under its group's unit


def build_register(raw: Raw | None, problems: Problems) -> Register | None:
    """The register, or None when there is none (or it is too broken to use: each problem said)."""
    if raw is None:
        return None
    f = Fields(raw, f"Danh mục đơn vị ({raw.loc.file})", problems)
    province = f.text("province")
    as_of = f.date("as_of") if f.node("as_of", required=False) is not None else None
    f.text("code", required=False)
    f.text("source", required=False)
    units = _units(f.node("units"), None, f.what, problems)
    f.finish()
    if province is None or units is None:
        return None
    return Register(province, as_of, raw.loc.file, units)


def _units(raw: Raw | None, parent: RegisteredUnit | None, what: str, problems: Problems):
    if raw is None:
        return None
    if not raw.is_list:
        problems.add(f"{what}: 'units' phải là danh sách đơn vị {{name, code, units}}.", raw.loc)
        return None
    units, seen = [], {}
    for node in raw.value:
        unit = _unit(node, parent, what, problems)
        if unit is None:
            continue
        if unit.key in seen:
            problems.add(f"{what}: '{unit.name}' ghi hai lần dưới {unit.where()} (lần đầu ở {seen[unit.key].loc}).",
                         unit.loc)
            continue
        seen[unit.key] = unit
        units.append(unit)
    return units


def _unit(node: Raw, parent: RegisteredUnit | None, what: str, problems: Problems) -> RegisteredUnit | None:
    if node.is_map and "name" in node.value and node.value.keys() <= {"name", "code"}:
        # the common leaf {name, code} read straight: a register of 10.000 communes is read in a blink
        name = as_text(node.value["name"], f"{what}: 'name'", problems)
        if name is None:
            return None
        return RegisteredUnit(name, _code(node.value.get("code"), what, problems), node.value["name"].loc, parent)
    f = Fields(node, f"{what}, đơn vị", problems)
    name, code, children = f.text("name"), f.node("code", required=False), f.node("units", required=False)
    f.finish()
    if name is None:
        return None
    unit = RegisteredUnit(name, _code(code, what, problems), f.values["name"].loc, parent)
    if children is not None:
        unit.units = _units(children, unit, what, problems) or []
    return unit


def _code(node: Raw | None, what: str, problems: Problems) -> str | None:
    """The code as written ("07201", its leading zero kept even unquoted: YAML's text is kept)."""
    return None if node is None else as_text(node, f"{what}: 'code'", problems, required=False)


def build_unit_names(raw: Raw | None, columns: tuple[Column, ...], what: str, problems: Problems) -> dict[str, str]:
    """`unit_names: {xa: group, thon: xa, huyen: province}`: the column, and where its unit's parent is named."""
    if raw is None:
        return {}
    if not raw.is_map:
        problems.add(f"{what}: 'unit_names' phải là bảng cột: cấp trên, ví dụ {{xa: group, thon: xa}}.", raw.loc)
        return {}
    leaves = [leaf.key for column in columns for leaf in column.leaves()]
    names: dict[str, str] = {}
    for key, node in raw.value.items():
        parent = as_text(node, f"{what}: 'unit_names.{key}'", problems)
        where = raw.keys.get(key, raw.loc)
        if key not in leaves:
            problems.add(f"{what}: 'unit_names' nêu cột '{key}' mà biểu không có (các cột: {', '.join(leaves)}).",
                         where)
        elif parent is not None and parent not in (TOP, GROUP) and parent not in raw.value:
            problems.add(f"{what}: 'unit_names.{key}' là '{parent}': ghi {TOP} (đơn vị trực thuộc tỉnh), {GROUP} "
                         "(thuộc đơn vị là tên nhóm) hay mã một cột khác trong unit_names.", node.loc)
        elif parent is not None:
            names[key] = parent
    return names if not _circular(names, raw, what, problems) else {}


def _circular(names: dict[str, str], raw: Raw, what: str, problems: Problems) -> bool:
    for start in names:
        seen, key = set(), start
        while key in names and key not in seen:
            seen.add(key)
            key = names[key]
        if key in seen:
            problems.add(f"{what}: 'unit_names' vòng quanh ({' → '.join(seen)}): mỗi cột phải dẫn tới {TOP} hoặc "
                         f"{GROUP}.", raw.loc)
            return True
    return False
