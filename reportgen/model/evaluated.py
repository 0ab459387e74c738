"""The evaluated figures check hands to compose: the ratios as checked, the narrative's values by location."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.errors import Location
from reportgen.model.plan import Figure, NarrativeExpression
from reportgen.model.ties import Ratio


@dataclass(frozen=True)
class Outcome:
    """One {{ expression }} that evaluated: its figure, or why the data disagrees with its wording."""

    expression: NarrativeExpression
    figure: Figure | None = None
    mismatch: str | None = None


@dataclass
class Evaluated:
    """Ratios as checked figures, the narrative's values by location, and what the expression rules judge."""

    ratios: dict[str, Figure] = field(default_factory=dict)
    values: dict[Location, Figure] = field(default_factory=dict)
    parts: list[tuple[Ratio, Figure, Figure]] = field(default_factory=list)  # numerator, denominator
    waiting: list[Ratio] = field(default_factory=list)   # ratios over a figure still "chưa nhập": not checkable
    narrative: list[Outcome] = field(default_factory=list)
