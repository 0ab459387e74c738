"""Moving a text one year on: the plan's year and the year before it, named as years (th_2019, "NĂM 2020",
"So sánh 2020/2019", "Quý I/2020"), become the next ones; ranges ("2016-2020"), whole dates and document numbers
stay as written (the same reading of a year as rule old-year's)."""

from __future__ import annotations

import re

from reportgen.check.rules.old_year import year_places

_EXPRESSION = re.compile(r"\{\{(.*?)\}\}")


def move_years(text: str, year: int) -> str:
    """`year` (the old plan's) and the year before it each one on, both at once (2019 → 2020, 2020 → 2021)."""
    pieces, position = [], 0
    for offset, found in year_places(text):
        if found in (year - 1, year):
            pieces += [text[position:offset], str(found + 1)]
            position = offset + 4
    return "".join(pieces) + text[position:]


def move_expressions(text: str, year: int) -> str:
    """Every {{ expression }} of a narrative moved one year on (its column ids), the words around it as typed."""
    return _EXPRESSION.sub(lambda m: "{{" + move_years(m[1], year) + "}}", text)
