"""The evaluated figures check hands to compose: the ratios as checked, the narrative's values by location."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportgen.errors import Finding, Location
from reportgen.model.plan import Figure


@dataclass
class Evaluated:
    """Ratios as checked figures, the narrative's values by location, and the findings on both."""

    ratios: dict[str, Figure] = field(default_factory=dict)
    values: dict[Location, Figure] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
