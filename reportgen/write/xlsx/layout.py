"""Column widths and row heights for the XLSX writer: what fits Vietnamese text in Excel's units."""

from __future__ import annotations

from decimal import Decimal

from reportgen.tree.grid import placed_rows
from reportgen.tree.nodes import Table
from reportgen.tree.visitor import SkipNode
from reportgen.write.inline import PlainText

# Landscape A4 between the margins holds about 120 characters of 12 pt Times New Roman; a column gets its share,
# and never less than its longest header word (a word does not break).
_LINE_CHARS = Decimal(120)
_MIN_CHARS = 5


def column_widths(table: Table) -> list[float]:
    whole = sum(c.width for c in table.columns)
    words = _longest_words(table)
    return [float(max(Decimal(_MIN_CHARS), column.width * _LINE_CHARS / whole, Decimal(words.get(i, 0) + 1))
                  .quantize(Decimal("0.1"))) for i, column in enumerate(table.columns)]


def _longest_words(table: Table) -> dict[int, int]:
    """The longest word of each single-column header cell, in characters."""
    longest: dict[int, int] = {}
    for placed in placed_rows(table.header, len(table.columns)):
        for item in placed:
            text = _header_words(item.cell.content) if item.cell is not None else ""
            if item.colspan == 1 and text.split():
                longest[item.column] = max(longest.get(item.column, 0), max(len(w) for w in text.split()))
    return longest


def _header_words(content) -> str:
    words = _HeaderWords()
    words.walk_all(content)
    return "".join(words.parts)


class _HeaderWords(PlainText):
    """The plain words of a header cell: what sets its column's least width."""

    def visit_num(self, node) -> None:
        pass  # a figure in a header ("2020") is short and breaks nowhere: the column's share holds it

    def visit_strong(self, node) -> None:
        raise SkipNode  # only the plain words count, as the widths always have (no header is bold inside)

    visit_emph = visit_strong


# Spreadsheets do not grow a row to fit wrapped text they did not lay out themselves: the height is set here.
# A column-width unit (the width of a digit) holds about 1,15 Vietnamese letters of 12 pt text, bold a little less.
_LINE_HEIGHT = 1.2        # × the font size, in points
_PADDING_PT = 4
_ROW_LIMIT = 409          # points: the tallest row Excel draws


def row_height(points: float) -> float:
    """The height a row is set to: what its text needs, up to the tallest row Excel draws."""
    return round(min(points, _ROW_LIMIT), 1)


def text_height(text: str, width_chars: float, size: Decimal, bold: bool) -> float:
    """Points needed for `text` wrapped at word boundaries into a cell `width_chars` wide."""
    scale = 1.2 * 12 / float(size) * (0.9 if bold else 1.0)
    capacity = max(1.0, width_chars * scale - 1)
    lines, used = 1, 0.0
    for word in text.split():
        length = _letters(word)
        need = length if used == 0 else used + 1 + length
        if need <= capacity:
            used = need
        else:
            lines += 1 + int(length / capacity) if used else int(length / capacity)
            used = length % capacity
    return lines * float(size) * _LINE_HEIGHT + _PADDING_PT


def _letters(word: str) -> float:
    """Capitals (NN&PTNT, VPĐP) take about one and a half lowercase letters."""
    wide = sum(map(str.isupper, word)) + word.count("&") + word.count("%")
    return len(word) + 0.45 * wide
