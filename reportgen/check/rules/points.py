"""Rule point-letters: the điểm of a khoản run a), b), c), d), đ), e), g) ... (ND30: Vietnamese alphabet)."""

from __future__ import annotations

import re

from reportgen.check.rules.common import failed, passed
from reportgen.errors import Location
from reportgen.check.findings import Finding
from reportgen.model.narrative import text_lines, without_comments
from reportgen.model.plan import Plan

# The Vietnamese alphabet without f, j, w, z, as ND30 letters its points.
LETTERS = "a b c d đ e g h i k l m n o p q r s t u v x y".split()
_POINT = re.compile(r"^([a-zđ])\) ")
_KHOAN = re.compile(r"^(#|\d+\. )")       # a mục or khoản heading, or a khoản typed "1. ...": points restart


def point_letters(plan: Plan) -> list[Finding]:
    narrative = plan.narrative
    # Comments print nothing: blank them, keeping the line numbers.
    text = without_comments(narrative.text, lambda comment: "\n" * comment.count("\n"))
    findings, expected, points = [], 0, 0
    for number, line in enumerate(text_lines(text), start=1):
        if _KHOAN.match(line):
            expected = 0
            continue
        match = _POINT.match(line)
        if match is None:
            continue
        letter, points = match[1], points + 1
        wanted = LETTERS[expected] if expected < len(LETTERS) else None
        if letter != wanted:
            findings.append(_out_of_step(letter, wanted, LETTERS[expected - 1] if expected else None,
                                         Location(narrative.path, number, 1)))
        expected = LETTERS.index(letter) + 1 if letter in LETTERS else expected + 1
    if not findings and points:
        findings.append(passed("point-letters", f"{points} điểm a), b), c) ... theo đúng thứ tự chữ cái tiếng Việt.",
                               Location(narrative.path)))
    return findings


def _out_of_step(letter: str, wanted: str | None, previous: str | None, loc: Location) -> Finding:
    after = f"điểm {previous})" if previous else "đầu khoản"
    expected = f"'{wanted})'" if wanted else "không còn chữ nào sau 'y)': tách thành khoản mới"
    return failed("point-letters", f"Điểm '{letter})' đứng sau {after}: điểm kế tiếp là {expected} "
                  "(ND30 đánh điểm a, b, c, d, đ, e, g...).", f"{letter})", f"{wanted})" if wanted else "khoản mới",
                  loc)
