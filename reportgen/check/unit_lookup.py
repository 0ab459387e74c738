"""A unit name looked up in the register under the parent it is written under: found, unknown, or misplaced."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.errors import Location
from reportgen.model.units import Register, RegisteredUnit
from reportgen.names import folded_bare, name_key, near_names

ANY = object()
# Types that name units of one level (a huyện becomes a thị xã, a xã a phường): a suggestion keeps the level.
_LEVEL = {kind: level for level, kinds in enumerate((("Thành phố", "Thị xã", "Huyện", "Quận"),
                                                     ("Xã", "Phường", "Thị trấn", "Đặc khu"),
                                                     ("Thôn", "Bản", "Làng", "Ấp", "Tổ dân phố")))
          for kind in kinds}   # the parent could not be told (blank, unknown): the name is only looked for anywhere


@dataclass(frozen=True)
class Lookup:
    unit: RegisteredUnit | None      # the unit meant, when it is where it is written
    problem: str | None = None       # why not: unknown (with suggestions) or under another parent
    places: tuple[Location, ...] = ()  # the register's entries the problem names
    expected: str | None = None      # for the finding's `expected`


class Lookups:
    """Names looked up once per (parent, name): a 10.000-row list names a few hundred units."""

    # Near names are measured against at most this many candidates in one run (a wrong register can make every
    # name of a 10.000-row list unknown): past it, only names with the same letters are suggested.
    FUZZY_BUDGET = 100_000

    def __init__(self, register: Register) -> None:
        self.register = register
        self._done: dict[tuple[int, str], Lookup] = {}
        self._budget = self.FUZZY_BUDGET
        self._letters: dict[str, list[RegisteredUnit]] | None = None

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
        """Not in the register. Suggested: names with the same letters under the same parent, else anywhere (with
        their parent), else the nearest names under the same parent."""
        siblings = self.register.units if parent is None or parent is ANY else parent.units
        letters = self._same_letters(name)
        level = _LEVEL.get(name_key(name).kind)   # "Xã Số 1" may mean "Phường Sô 1", never "Huyện Số 1"
        same = [unit for unit in letters if level is None or _LEVEL.get(unit.key.kind) in (None, level)]
        near = [f"'{unit.name}'" for unit in same if unit in siblings] or [_named(unit) for unit in same]
        if not near and len(siblings) <= self._budget:
            self._budget -= len(siblings)
            near = [f"'{found}'" for found in near_names(name, [unit.name for unit in siblings])]
        hint = (" Có phải " + " hoặc ".join(near[:3]) + " không?") if near else ""
        return Lookup(None, f"không có trong danh mục đơn vị ({self.register.file}).{hint}",
                      expected="một tên trong danh mục")

    def _same_letters(self, name: str) -> list[RegisteredUnit]:
        if self._letters is None:   # built at the first unknown name only: a clean run never pays for it
            self._letters = {}
            for unit in self.register.walk():
                self._letters.setdefault(folded_bare(unit.name), []).append(unit)
        return self._letters.get(folded_bare(name), [])


def _named(unit: RegisteredUnit) -> str:
    return f"'{unit.name}'" + (f" (thuộc {unit.parent.name})" if unit.parent is not None else "")
