"""A unit name looked up in the register under the parent it is written under: found, unknown, or misplaced."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.errors import Location
from reportgen.model.units import Register, RegisteredUnit
from reportgen.names import folded, near_names, split_type

ANY = object()   # the parent could not be told (blank, unknown): the name is only looked for anywhere


@dataclass(frozen=True)
class Lookup:
    unit: RegisteredUnit | None      # the unit meant, when it is where it is written
    problem: str | None = None       # why not: unknown (with suggestions) or under another parent
    places: tuple[Location, ...] = ()  # the register's entries the problem names
    expected: str | None = None      # for the finding's `expected`


class Lookups:
    """Names looked up once per (parent, name): a 10.000-row list names a few hundred units."""

    def __init__(self, register: Register) -> None:
        self.register = register
        self._done: dict[tuple[int, str], Lookup] = {}

    def find(self, name: str, parent) -> Lookup:
        """`parent`: a RegisteredUnit, None (straight under the province) or ANY."""
        key = (id(parent), name)
        done = self._done.get(key)
        if done is None:
            done = self._done[key] = self._find(name, parent)
        return done

    def _find(self, name: str, parent) -> Lookup:
        units = self.register.named(name)
        if parent is ANY:
            return Lookup(units[0]) if units else self._unknown(name, None)
        under = [unit for unit in units if unit.parent is parent]
        if under:
            return Lookup(under[0])
        if not units:
            return self._unknown(name, parent)
        where = " và ".join(unit.where() for unit in units)
        return Lookup(None, f"trong danh mục '{units[0].name}' thuộc {where}",
                      tuple(unit.loc for unit in units), where)

    def _unknown(self, name: str, parent) -> Lookup:
        """Not in the register: the nearest names under the same parent, else anywhere (with their parent)."""
        siblings = self.register.units if parent is None or parent is ANY else parent.units
        near = [f"'{found}'" for found in near_names(name, [unit.name for unit in siblings])]
        wanted = folded(split_type(name)[1])
        if not any(folded(split_type(n.strip("'"))[1]) == wanted for n in near):
            # a name differing only in tones elsewhere (under another parent) beats a farther one here
            everywhere = list(self.register.walk())
            names = near_names(name, [unit.name for unit in everywhere])
            exact = [n for n in names if folded(split_type(n)[1]) == wanted]
            if exact or not near:
                near = [_named(unit) for found in (exact or names) for unit in everywhere if unit.name == found][:3]
        hint = (" Có phải " + " hoặc ".join(near) + " không?") if near else ""
        return Lookup(None, f"không có trong danh mục đơn vị ({self.register.file}).{hint}",
                      expected="một tên trong danh mục")


def _named(unit: RegisteredUnit) -> str:
    return f"'{unit.name}'" + (f" (thuộc {unit.parent.name})" if unit.parent is not None else "")
