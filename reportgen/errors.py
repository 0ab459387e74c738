"""Locations, findings and the error that carries input problems: the vocabulary of every report."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Location:
    """A place in the user's terms: file:line:col for text files, workbook!sheet!cell for XLSX."""

    file: str
    line: int | None = None
    col: int | None = None
    sheet: str | None = None
    cell: str | None = None
    # A Word file's paragraph ("đoạn 12 («Cấp xã: Có thêm…»)"): shown instead of the line of the text read from it,
    # which stays the key compose finds a figure by (so it is left out of equality).
    place: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        if self.place is not None:
            return f"{self.file}: {self.place}"
        if self.sheet is not None:
            return f"{self.file}!{self.sheet}!{self.cell}" if self.cell else f"{self.file}!{self.sheet}"
        if self.line is None:
            return self.file
        return f"{self.file}:{self.line}:{self.col}" if self.col else f"{self.file}:{self.line}"

    def to_json(self) -> dict:
        data = {"file": self.file, "text": str(self)}
        for name in ("sheet", "cell", "place") if self.place is not None else ("line", "col", "sheet", "cell"):
            value = getattr(self, name)
            if value is not None:
                data[name] = value
        return data


class Status(enum.Enum):
    PASS = "pass"
    FAIL = "fail"
    NOT_CHECKABLE = "not_checkable"


@dataclass(frozen=True)
class Finding:
    """One result of one rule on one place: what was found, what was expected, and where."""

    rule: str
    status: Status
    message: str
    locations: tuple[Location, ...] = ()
    found: str | None = None
    expected: str | None = None

    def to_json(self) -> dict:
        data = {
            "rule": self.rule,
            "status": self.status.value,
            "message": self.message,
            "locations": [loc.to_json() for loc in self.locations],
        }
        if self.found is not None:
            data["found"] = self.found
        if self.expected is not None:
            data["expected"] = self.expected
        return data


@dataclass(frozen=True)
class Problem:
    """Input that cannot be read or typed (exit 2): a located message saying what to do."""

    message: str
    location: Location | None = None

    def to_json(self) -> dict:
        data: dict = {"message": self.message}
        if self.location is not None:
            data["location"] = self.location.to_json()
        return data

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


@dataclass
class ReportgenError(Exception):
    """Raised with every problem found in a stage, never just the first."""

    problems: list[Problem] = field(default_factory=list)
    heading = "Không đọc được đầu vào"

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


@dataclass
class OutputError(ReportgenError):
    """The input was fine but a document cannot be written as asked (a font lacks a letter, ...)."""

    characters: str = ""             # letters no font could print: the input places them, the writer cannot
    heading = "Không viết được văn bản"


class Problems:
    """Collects problems across a stage; `raise_if_any` ends the stage with all of them."""

    def __init__(self) -> None:
        self.items: list[Problem] = []
        self._seen: set[Problem] = set()

    def add(self, message: str, location: Location | None = None) -> None:
        problem = Problem(message, location)
        if problem not in self._seen:  # one place, one message: a workbook shared by annexes is read once
            self._seen.add(problem)
            self.items.append(problem)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ReportgenError(list(self.items))


class UsageError(Exception):
    """The command line asks for what the input does not have (an unknown annex): exit 64, as argparse does."""

