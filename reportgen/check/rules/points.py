"""Rule point-letters: the điểm of a khoản run a), b), c), d), đ), e), g) ... (ND30: Vietnamese alphabet)."""

from __future__ import annotations

import re

from reportgen.check.rules.common import failed, passed
from reportgen.errors import Finding, Location
from reportgen.model import Plan

# The Vietnamese alphabet without f, j, w, z, as ND30 letters its points.
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_POINT = re.compile(r"^([a-zđ])\) ")


def point_letters(plan: Plan) -> list[Finding]:
    narrative = plan.narrative
    findings, expected, points = [], 0, 0
    for number, line in enumerate(narrative.text.splitlines(), start=1):
        if line.startswith("#"):
            expected = 0  # a new mục or khoản starts its points again at a)
            continue
        match = _POINT.match(line)
        if match is None:
            continue
        letter, loc, points = match[1], Location(narrative.path, number, 1), points + 1
        wanted = LETTERS[expected] if expected < len(LETTERS) else None
        if letter != wanted:
            findings.append(failed("point-letters", f"Điểm '{letter})' đứng sau "
                                   f"{'điểm ' + LETTERS[expected - 1] + ')' if expected else 'đầu khoản'}: "
                                   f"điểm kế tiếp là '{wanted})' (ND30 đánh điểm a, b, c, d, đ, e, g...).",
                                   f"{letter})", f"{wanted})", loc))
        expected = LETTERS.index(letter) + 1 if letter in LETTERS else expected + 1
    if not findings and points:
        findings.append(passed("point-letters", f"{points} điểm a), b), c) ... theo đúng thứ tự chữ cái tiếng Việt.",
                               Location(narrative.path)))
    return findings
