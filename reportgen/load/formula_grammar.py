"""The formulas load/xlsx_formulas.py recomputes: a tokenizer and a recursive-descent parser, never eval.

The grammar: numbers, "text", cells and ranges of the same sheet (C6, $C$6, C6:C15), + - * /, a leading minus,
comparisons (= <> < > <= >=), parentheses, and the functions SUM AVERAGE MIN MAX COUNT ROUND IF AND ISNUMBER. Anything
else (another sheet, a defined name, a function not listed, % ^ &, TRUE, a whole column C:C) is Outside. A formula
becomes nested tuples: ("num", Decimal), ("text", str), ("ref", row, col), ("range", top, left, bottom, right),
("neg", node), ("bin", op, left, right), ("call", NAME, (args…)).
"""

from __future__ import annotations

import re
from decimal import Decimal

from openpyxl.utils import column_index_from_string

MAX_TEXT = 2000        # characters of one formula judged (Excel allows 8.192; ours are under 100)
MAX_NESTING = 30       # parentheses, calls and signs: the parser and the evaluator recurse once a level
_MAX_ROW, _MAX_COL = 1_048_576, 16_384
_FUNCTIONS = frozenset({"SUM", "AVERAGE", "MIN", "MAX", "COUNT", "ROUND", "IF", "AND", "ISNUMBER"})
_TOKEN = re.compile(r"""\s*(?:
    (?P<num>(?:\d+\.?\d*|\.\d+)(?:E[+-]?\d+)?)
  | (?P<text>"(?:[^"]|"")*")
  | (?P<call>[A-Z][A-Z0-9.]*)\(
  | (?P<ref>\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?)(?![A-Z0-9_.!:(])
  | (?P<op><>|<=|>=|[-+*/(),<>=])
)""", re.VERBOSE | re.IGNORECASE)
_CELL = re.compile(r"\$?([A-Z]{1,3})\$?(\d+)", re.IGNORECASE)
_COMPARE = ("=", "<>", "<", ">", "<=", ">=")


class Outside(Exception):
    """The formula is not in the grammar: read as saved."""


def parse(text: str) -> tuple:
    """A formula's text (without "=") as nested tuples; Outside when it is not in the grammar."""
    text = text.strip()
    if len(text) > MAX_TEXT:
        raise Outside(text)
    tokens, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            raise Outside(text)
        kind = match.lastgroup
        tokens.append((kind, match.group(kind).upper() if kind != "text" else match.group(kind)))
        at = match.end()
    parser = _Parser(tokens)
    node = parser.expression(0)
    if parser.at != len(tokens):
        raise Outside(text)
    return node


class _Parser:
    """expression: sum [comparison sum]; sum: term {+|- term}; term: unary {*|/ unary}; unary: {-|+} primary."""

    def __init__(self, tokens: list[tuple[str, str]]) -> None:
        self.tokens, self.at = tokens, 0

    def peek(self) -> tuple[str, str]:
        return self.tokens[self.at] if self.at < len(self.tokens) else ("end", "")

    def take(self, value: str | None = None) -> tuple[str, str]:
        token = self.peek()
        if token[0] == "end" or (value is not None and token != ("op", value)):
            raise Outside(value or "end")
        self.at += 1
        return token

    def expression(self, depth: int) -> tuple:
        if depth > MAX_NESTING:
            raise Outside("nesting")
        left = self.sum(depth)
        if self.peek()[0] == "op" and self.peek()[1] in _COMPARE:
            left = ("bin", self.take()[1], left, self.sum(depth))
        return left

    def sum(self, depth: int) -> tuple:
        node = self.term(depth)
        while self.peek() in (("op", "+"), ("op", "-")):
            node = ("bin", self.take()[1], node, self.term(depth))
        return node

    def term(self, depth: int) -> tuple:
        node = self.unary(depth)
        while self.peek() in (("op", "*"), ("op", "/")):
            node = ("bin", self.take()[1], node, self.unary(depth))
        return node

    def unary(self, depth: int) -> tuple:
        if self.peek() in (("op", "-"), ("op", "+")):
            sign = self.take()[1]
            operand = self.unary(depth + 1)
            return ("neg", operand) if sign == "-" else operand
        return self.primary(depth)

    def primary(self, depth: int) -> tuple:
        kind, value = self.take()
        if kind == "num":
            return ("num", Decimal(value))
        if kind == "text":
            return ("text", value[1:-1].replace('""', '"'))
        if kind == "ref":
            return _reference(value)
        if kind == "call" and value in _FUNCTIONS:
            args = []
            while self.peek() != ("op", ")"):
                if args:
                    self.take(",")
                args.append(self.expression(depth + 1))
            self.take(")")
            return ("call", value, tuple(args))
        if (kind, value) == ("op", "("):
            node = self.expression(depth + 1)
            self.take(")")
            return node
        raise Outside(value)


def _reference(text: str) -> tuple:
    """("ref", row, col) or ("range", top, left, bottom, right)."""
    corners = []
    for part in text.split(":"):
        letters, digits = _CELL.fullmatch(part).groups()
        row, col = int(digits), column_index_from_string(letters)
        if not (1 <= row <= _MAX_ROW and col <= _MAX_COL):
            raise Outside(text)
        corners.append((row, col))
    if len(corners) == 1:
        return ("ref", *corners[0])
    (r1, c1), (r2, c2) = corners
    return ("range", min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2))
