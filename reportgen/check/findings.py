"""What a rule says of one place: pass, fail or not checkable, with what was found and expected (check's result)."""

from __future__ import annotations

import enum
from dataclasses import dataclass

from reportgen.errors import Location


class Status(enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    NOT_CHECKABLE = "not_checkable"
    WARNING = "warning"              # worth a look, never a failure (text that still names last year)


@dataclass(frozen=True)
class Finding:
    """One result of one rule on one place: what was found, what was expected, and where."""

    rule: str
    status: Status
    message: str
    locations: tuple[Location, ...] = ()
    found: str | None = None
    expected: str | None = None
    # Two records that disagree (a list and a count table, a fact and its table): the printer names each side
    # beside its figure instead of "found"/"expected", which would tell the clerk which one to change.
    sides: tuple[str, str] | None = None

    def to_json(self) -> dict:
        data = {
            "rule": self.rule,
            "status": self.status.value,
            "message": self.message,
            "locations": [loc.to_json() for loc in self.locations],
        }
        if self.found is not None:
            data["found"] = self.found
        if self.expected is not None:
            data["expected"] = self.expected
        if self.sides is not None:
            data["sides"] = list(self.sides)
        return data
