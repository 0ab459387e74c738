"""How a narrative's text is read, one definition for its loader, its rules and compose: lines and comments."""

from __future__ import annotations

from collections.abc import Callable, Iterator


# A drafter's note: printed nowhere (compose drops it, rules skip it, the loader refuses one left open).
# Found with str.find from where the last one closed: a regex <!--.*?--> started again at every "<!--"
# left open and read to the end each time (quadratic: 10.000 of them took 2,7 s, 90.000 never ended).
def comments(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each <!-- ... -->, in order; the last may be left open: (start, -1)."""
    position = 0
    while (start := text.find("<!--", position)) != -1:
        end = text.find("-->", start + 4)
        if end == -1:
            yield start, -1  # no later "<!--" closes either
            return
        position = end + 3
        yield start, position


def without_comments(text: str, blank: Callable[[str], str]) -> str:
    """The text with each closed comment replaced by blank(comment); one left open stays as typed."""
    pieces, position = [], 0
    for start, end in comments(text):
        if end != -1:
            pieces += [text[position:start], blank(text[start:end])]
            position = end
    return "".join(pieces) + text[position:]


def open_comment(text: str) -> int:
    """The offset of the first "<!--" that no "-->" closes, or -1."""
    return next((start for start, end in comments(text) if end == -1), -1)


def text_lines(text: str) -> list[str]:
    """Lines as an editor numbers them: split at \\n only (str.splitlines also splits at U+2028, U+0085 ...)."""
    return [line.removesuffix("\r") for line in text.split("\n")]
