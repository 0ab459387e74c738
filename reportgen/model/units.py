"""The unit register (don-vi.yaml) as check hands it on: a tree of named units, found by name after normalising."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field

from reportgen.errors import Location
from reportgen.names import NameKey, name_key


@dataclass(eq=False)
class RegisteredUnit:
    name: str                                  # as the register writes it
    code: str | None
    loc: Location
    parent: "RegisteredUnit | None" = None     # None: straight under the province
    units: list["RegisteredUnit"] = field(default_factory=list)
    key: NameKey = field(init=False)

    def __post_init__(self) -> None:
        self.key = name_key(self.name)

    def where(self) -> str:
        """"Huyện Lâm Bình" or "tỉnh" for the top level: where this unit sits, for a message."""
        return f"'{self.parent.name}'" if self.parent is not None else "cấp tỉnh (không thuộc huyện nào)"


@dataclass
class Register:
    province: str
    as_of: _dt.date | None
    file: str
    units: list[RegisteredUnit]                # the top level: districts (or, after July 2025, communes)
    _by_bare: dict[str, list[RegisteredUnit]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for unit in self.walk():
            self._by_bare.setdefault(unit.key.bare, []).append(unit)

    def walk(self, units: list[RegisteredUnit] | None = None):
        for unit in self.units if units is None else units:
            yield unit
            yield from self.walk(unit.units)

    def named(self, name: str) -> list[RegisteredUnit]:
        """Every unit this name may mean ("TP Bắc Giang" = "Thành phố Bắc Giang"; a name without a type word
        means any unit of that name)."""
        key = name_key(name)
        return [u for u in self._by_bare.get(key.bare, ()) if key.kind is None or u.key.kind in (None, key.kind)]
