"""Standard streams that cannot carry Vietnamese (PYTHONIOENCODING=cp1258 or ascii) print what they can."""

from __future__ import annotations

import codecs
import sys
import unicodedata
from itertools import combinations

ERRORS = "reportgen-degrade"
# Letters and signs no decomposition reduces to ASCII, as a reader of a plain-ASCII log would want them.
_PLAIN = {"đ": "d", "Đ": "D", "—": "-", "–": "-", "…": "...", "✓": "v", "✗": "x", "«": '"', "»": '"',
          "“": '"', "”": '"', "‘": "'", "’": "'", "→": "->", "×": "x"}


def degrade_streams() -> None:
    """stdout and stderr keep their encoding; a letter it lacks is written as near as it can (never an error)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure") and getattr(stream, "encoding", None):
            stream.reconfigure(errors=_handler(stream.encoding))


def _handler(encoding: str) -> str:
    """An error handler for this encoding: the one a codec reports may be "charmap", not the code page."""
    name = f"{ERRORS}-{codecs.lookup(encoding).name}"
    try:
        codecs.lookup_error(name)
    except LookupError:
        codecs.register_error(name, lambda error: _degraded(error, encoding))
    return name


def carries_everything(stream) -> bool:
    """A UTF stream: JSON may keep its letters as they are."""
    return "utf" in str(getattr(stream, "encoding", "") or "").lower().replace("-", "")


def _degraded(error: UnicodeError, encoding: str) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(_nearest(letter, encoding) for letter in text), error.end


def _nearest(letter: str, encoding: str) -> str:
    """"ệ" in cp1258 is "ê" and a combining dot below (the code page's own way); in ASCII it is "e"."""
    parts = unicodedata.normalize("NFD", letter)
    base, marks = parts[:1], parts[1:]
    for size in range(len(marks), -1, -1):   # the most marks composed with the letter, the rest combining
        for kept in combinations(range(len(marks)), size):
            head = unicodedata.normalize("NFC", base + "".join(marks[i] for i in kept))
            rest = "".join(mark for i, mark in enumerate(marks) if i not in kept)
            if _fits(head, encoding) and _fits(rest, encoding):
                return head + rest
    if base and _fits(base, encoding):
        return base + "".join(mark for mark in marks if _fits(mark, encoding))
    plain = _PLAIN.get(letter, "?")
    return plain if _fits(plain, encoding) else "?"


def _fits(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
