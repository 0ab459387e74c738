"""Unit names across two tables: the same unit however typed, and which of two near names is the misspelled one."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.errors import Location
from reportgen.model.units import Register
from reportgen.names import NameKey, name_key, near_names


def unit_key(name: str) -> NameKey:
    """What two tables' names are compared by: "TP Bắc Giang" and "Thành phố  Bắc Giang" are one unit."""
    return name_key(name)


@dataclass(frozen=True)
class Misspelling:
    """Two near names of one unit in two places, and which place is wrong when the register can tell."""

    here: str
    here_loc: Location
    there: str
    there_loc: Location
    wrong: str | None            # "here", "there", or None: no register, or it cannot tell

    def blamed(self) -> tuple[Location, ...]:
        """The misspelled cell alone when known, else both."""
        return {"here": (self.here_loc,), "there": (self.there_loc,)}.get(self.wrong, (self.here_loc, self.there_loc))

    def words(self) -> str:
        if self.wrong == "here":
            return f"'{self.here}' ({self.here_loc}) viết sai: danh mục đơn vị ghi '{self.there}', như ở {self.there_loc}"
        if self.wrong == "there":
            return f"'{self.there}' ({self.there_loc}) viết sai: danh mục đơn vị ghi '{self.here}', như ở {self.here_loc}"
        return (f"'{self.here}' ({self.here_loc}) và '{self.there}' ({self.there_loc}) gần giống nhau: một trong hai "
                "tên viết sai")


def misspelling(here: str, here_loc: Location, others: dict[str, Location],
                register: Register | None) -> Misspelling | None:
    """The one name of `others` near `here` (tones, case, a letter or two), with the blame the register allows."""
    near = near_names(here, list(others), 1)
    if not near:
        return None
    there = near[0]
    wrong = None
    if register is not None:
        here_known, there_known = bool(register.named(here)), bool(register.named(there))
        wrong = "here" if there_known and not here_known else "there" if here_known and not there_known else None
    return Misspelling(here, here_loc, there, others[there], wrong)
