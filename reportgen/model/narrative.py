"""How a narrative's text is read, one definition for its loader, its rules and compose: lines and comments."""

from __future__ import annotations

import re

# A drafter's note: printed nowhere (compose drops it, rules skip it, the loader refuses one left open).
COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)


def text_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: split at \\n only (str.splitlines also splits at U+2028, U+0085 ...)."""
    return [line.removesuffix("\r") for line in text.split("\n")]
