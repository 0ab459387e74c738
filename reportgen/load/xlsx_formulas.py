"""A sheet's formulas recomputed from the values saved in that sheet, to catch a figure saved without computing.

A program that writes formulas without computing them (XlsxWriter, openpyxl, a script) saves 0, or any figure,
beside `=SUM(C6:C15)`; a spreadsheet opening the file would show another. A formula in the grammar of
load/formula_grammar.py is computed here from the sheet's saved values (a formula it names first, from its own
cells) and compared with its saved value. A formula outside the grammar is read as saved, unjudged, as before; so is
any doubt: an error value, text or a date in arithmetic, a cycle, a cell already refused. Judging errs towards
reading, never towards refusing a figure a spreadsheet computed.
"""

from __future__ import annotations

import operator
from decimal import ROUND_HALF_UP, Decimal, DecimalException

from openpyxl.formula.translate import Translator
from openpyxl.utils import get_column_letter

from reportgen.load.formula_grammar import Outside, parse

MAX_WORK = 5_000_000   # cells of ranges one sheet's formulas may visit; past it the rest are read unjudged
_COMPARE = {"=": operator.eq, "<>": operator.ne, "<": operator.lt, ">": operator.gt, "<=": operator.le,
            ">=": operator.ge}
_ARITHMETIC = {"+": operator.add, "-": operator.sub, "*": operator.mul, "/": operator.truediv}


class _Unknown(Exception):
    """Not judged: an error value, text where a number goes, a cycle, a cell refused already, work exhausted."""


def constant(text: str) -> Decimal | None:
    """What `=14.3` or `=ROUND(1/3,2)` comes to; None for a formula that names a cell or is not in the grammar."""
    try:
        node = parse(text)
    except Outside:
        return None
    if _names_cells(node):
        return None
    value = _Sheet({(0, 0): node}, {}, _no_cell).compute((0, 0))
    return value if isinstance(value, Decimal) else None


def fifteen(value: Decimal) -> Decimal:
    """The value to the 15 significant digits a spreadsheet keeps."""
    return value.quantize(Decimal(1).scaleb(value.adjusted() - 14)) if value else value


def _names_cells(node: tuple) -> bool:
    if node[0] in ("ref", "range"):
        return True
    children = node[2] if node[0] == "call" else node[1:]
    return any(isinstance(child, tuple) and _names_cells(child) for child in children)


def _no_cell(row: int, col: int):
    raise LookupError((row, col))


class SheetFormulas:
    """The formulas of one sheet as it streams by, a shared formula written out for each cell it fills."""

    def __init__(self) -> None:
        self.saved: dict[tuple[int, int], tuple[str, object]] = {}   # (row, col) -> (text, saved value)
        self.empty_text: set[tuple[int, int]] = set()   # saved as empty text by a program that computed it
        self._shared: dict[str, tuple[str, str]] = {}
        self.values: dict[tuple[int, int], object] = {}   # what each judged formula gives, after mismatches()

    def add(self, row: int, col: int, kind: str | None, text: str, shared: str | None, value) -> None:
        if kind == "shared" and shared is not None:
            here = f"{get_column_letter(col)}{row}"
            if text:  # the first cell holds the text; the others name it by its index
                self._shared[shared] = (text, here)
            elif shared in self._shared:
                origin_text, origin = self._shared[shared]
                try:
                    text = Translator(f"={origin_text}", origin=origin).translate_formula(here)[1:]
                except Exception:  # openpyxl's tokenizer raises several kinds on what it cannot read
                    return
        elif kind is not None:  # an array formula is refused or read elsewhere
            return
        if text:
            self.saved[(row, col)] = (text, value)

    def mismatches(self, filled, value_of_cell) -> list[tuple[tuple[int, int], str, object, object]]:
        """(cell, formula, saved, computed) of each formula whose saved value is not what it computes.

        `filled`: the cells that hold something (a range over a column looks at those); `value_of_cell(row, col)`
        gives a cell's saved value as read: a Decimal, text, None for blank; it raises
        LookupError for one that cannot take part (an error value, a date, a cell refused).
        """
        parsed = {}
        for cell, (text, _) in self.saved.items():
            try:
                parsed[cell] = parse(text)
            except Outside:
                pass
        sheet = _Sheet(parsed, filled, value_of_cell)
        found = []
        for cell in sheet.order():
            computed = self.values[cell] = sheet.compute(cell)
            text, saved = self.saved[cell]
            if computed is not None and not agrees(saved, computed):
                found.append((cell, text, saved, computed))
        return found


def agrees(saved, computed) -> bool:
    """Exact for integers; a figure with a fraction within 1e-9 of itself (15 digits saved, Decimal here)."""
    if isinstance(computed, str):
        return saved == computed
    if isinstance(saved, bool) or not isinstance(saved, (int, float, str)):
        return True  # a date or time format shows a number as a date: not judged
    if isinstance(saved, str):
        return False
    number = Decimal(saved) if isinstance(saved, int) else Decimal(f"{saved:.15g}")
    if number == computed:
        return True
    if number == number.to_integral_value() and computed == computed.to_integral_value():
        return False
    difference = abs(number - computed)
    return difference <= max(abs(number), abs(computed)) * Decimal("1e-9") or difference < Decimal("1e-12")


class _Sheet:
    """Values of formula cells, computed in an order where every formula a formula names comes first."""

    def __init__(self, parsed: dict[tuple[int, int], tuple], filled, value_of_cell) -> None:
        self.parsed, self.filled, self.value_of_cell = parsed, filled, value_of_cell
        self.values: dict[tuple[int, int], object] = {}
        self.work = 0

    def order(self) -> list[tuple[int, int]]:
        """Depth first, without recursion (a running total down 10.000 rows); a cycle's cells are not judged."""
        order, seen = [], set()
        for start in self.parsed:
            if start in seen:
                continue
            seen.add(start)
            stack = [(start, iter(self.needs(start)))]
            while stack:
                cell, rest = stack[-1]
                for needed in rest:
                    if needed not in seen:
                        seen.add(needed)
                        stack.append((needed, iter(self.needs(needed))))
                        break
                else:
                    order.append(cell)
                    stack.pop()
        return order

    def needs(self, cell: tuple[int, int]) -> list[tuple[int, int]]:
        try:
            return self.depends(self.parsed[cell])
        except _Unknown:  # work exhausted: this one and those after it are not judged
            return []

    def depends(self, node: tuple) -> list[tuple[int, int]]:
        kind = node[0]
        if kind == "ref":
            return [node[1:]] if node[1:] in self.parsed else []
        if kind == "range":
            return self.cells(node, self.parsed)
        if kind == "neg":
            return self.depends(node[1])
        if kind == "bin":
            return self.depends(node[2]) + self.depends(node[3])
        return [cell for arg in node[2] for cell in self.depends(arg)] if kind == "call" else []

    def cells(self, node: tuple, among) -> list[tuple[int, int]]:
        """The cells of a range that are in `among`: by the range, or by `among` for a range over a whole column."""
        _, top, left, bottom, right = node
        area = (bottom - top + 1) * (right - left + 1)
        self.work += min(area, len(among))  # what the branch below visits
        if self.work > MAX_WORK:
            raise _Unknown("work")
        if area <= len(among):
            return [(r, c) for r in range(top, bottom + 1) for c in range(left, right + 1) if (r, c) in among]
        return [cell for cell in among if top <= cell[0] <= bottom and left <= cell[1] <= right]

    def compute(self, cell: tuple[int, int]):
        """Its value (a Decimal or text), or None when it is not judged; kept for the formulas that name it."""
        try:
            value = self.scalar(self.parsed[cell])
        except (_Unknown, DecimalException, LookupError, RecursionError):
            value = _NOT_JUDGED
        if value is None:
            value = Decimal(0)  # =C6 of a blank C6 shows 0
        self.values[cell] = _NOT_JUDGED if isinstance(value, bool) else value  # TRUE is refused as a value
        return None if self.values[cell] is _NOT_JUDGED else self.values[cell]

    def value(self, cell: tuple[int, int]):
        if cell in self.parsed:
            found = self.values.get(cell, _NOT_JUDGED)  # not computed yet: a cycle
            if found is _NOT_JUDGED:
                raise _Unknown(cell)
            return found
        return self.value_of_cell(*cell)

    def scalar(self, node: tuple):
        kind = node[0]
        if kind in ("num", "text"):
            return node[1]
        if kind == "ref":
            return self.value(node[1:])
        if kind == "neg":
            return -self.number(node[1])
        if kind == "bin":
            a, b = self.number(node[2]), self.number(node[3])
            if node[1] in _COMPARE:
                return _COMPARE[node[1]](a, b)
            if node[1] == "/" and b == 0:
                raise _Unknown("#DIV/0!")
            return _ARITHMETIC[node[1]](a, b)
        if kind == "call":
            return getattr(self, f"_{node[1].lower()}")(node[2])
        raise _Unknown(kind)  # a range where one value goes

    def number(self, node: tuple) -> Decimal:
        value = self.scalar(node)
        if value is None:
            return Decimal(0)
        if not isinstance(value, Decimal):
            raise _Unknown(value)  # text or TRUE in arithmetic: a spreadsheet may convert it; not judged
        return value

    def truth(self, node: tuple) -> bool:
        value = self.scalar(node)
        if isinstance(value, bool) or value is None:
            return bool(value)
        if not isinstance(value, Decimal):
            raise _Unknown(value)
        return value != 0

    def numbers(self, args: tuple) -> list[Decimal]:
        """The numbers of SUM's arguments: blank and text cells of a reference are skipped, as spreadsheets do."""
        found = []
        for arg in args:
            if arg[0] in ("ref", "range"):
                cells = [arg[1:]] if arg[0] == "ref" else self.cells(arg, self.filled)
                found += [value for value in map(self.value, cells) if isinstance(value, Decimal)]
            else:
                found.append(self.number(arg))
        return found

    def _sum(self, args):
        return sum(self.numbers(args), Decimal(0))

    def _average(self, args):
        found = self.numbers(args)
        if not found:
            raise _Unknown("#DIV/0!")
        return sum(found, Decimal(0)) / len(found)

    def _min(self, args):
        return min(self.numbers(args), default=Decimal(0))

    def _max(self, args):
        return max(self.numbers(args), default=Decimal(0))

    def _count(self, args):
        return Decimal(len(self.numbers(args)))

    def _round(self, args):
        """Half away from zero, of the value to 15 digits as the spreadsheet keeps it (ROUND(2.675,2) is 2.68)."""
        if len(args) != 2:
            raise _Unknown("ROUND")
        value, digits = self.number(args[0]), int(self.number(args[1]))
        if abs(digits) > 15:
            raise _Unknown("ROUND")
        return fifteen(value).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)

    def _if(self, args):
        if len(args) not in (2, 3):
            raise _Unknown("IF")
        if self.truth(args[0]):
            return self.scalar(args[1])
        return self.scalar(args[2]) if len(args) == 3 else False

    def _and(self, args):
        if not args:
            raise _Unknown("AND")
        return all([self.truth(arg) for arg in args])  # each is computed: an error in any is the result's

    def _isnumber(self, args):
        if len(args) != 1:
            raise _Unknown("ISNUMBER")
        return isinstance(self.scalar(args[0]), Decimal)


_NOT_JUDGED = object()
