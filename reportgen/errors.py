"""Locations, input problems and the errors that carry them: where a clerk must look, and why nothing was written."""

from __future__ import annotations

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
    """Collects problems across a stage; `raise_if_any` ends the stage with all of them.

    A file that repeats one mistake a hundred thousand times (a key misspelt on every row) gets the first
    MAX_OF_A_KIND problems of that kind and one line saying how many more: a report a clerk can read, and time
    and memory that stay small.
    """

    MAX_OF_A_KIND = 20

    def __init__(self) -> None:
        self._items: list[Problem] = []
        self.total = 0                   # every problem added, the ones left unsaid too
        self._seen: set[Problem] = set()
        self._kinds: dict[tuple, int] = {}
        self._more: dict[tuple, list] = {}   # kind -> [index of its summary line, its file, problems unsaid]
        self._stale = False

    @property
    def items(self) -> list[Problem]:
        if self._stale:  # the summary lines are worded once, when read, not once per problem left unsaid
            for index, file, unsaid in self._more.values():
                self._items[index] = Problem(
                    f"… và {_count(unsaid)} lỗi khác cùng loại với lỗi trên (chỉ nêu {self.MAX_OF_A_KIND} lỗi "
                    "đầu): sửa các lỗi đã nêu rồi chạy lại để xem tiếp.", Location(file) if file else None)
            self._stale = False
        return self._items

    def add(self, message: str, location: Location | None = None) -> None:
        problem = Problem(message, location)
        if problem in self._seen:  # one place, one message: a workbook shared by annexes is read once
            return
        self.total += 1
        file = location.file if location else None
        kind = (file, "".join(message.split("'")[::2]).encode().translate(None, _DIGITS))
        said = self._kinds.get(kind, 0)
        if said < self.MAX_OF_A_KIND:
            self._kinds[kind] = said + 1
            self._seen.add(problem)
            self._items.append(problem)
            return
        more = self._more.get(kind)
        if more is None:
            more = self._more[kind] = [len(self._items), file, 0]
            self._items.append(problem)  # its place in the list; worded when read
        more[2] += 1
        self._stale = True

    def __bool__(self) -> bool:
        return bool(self._items)

    def raise_if_any(self) -> None:
        if self._items:
            raise ReportgenError(list(self.items))


# What differs between two problems of one kind: the quoted names and values, and the numbers (rows, lines);
# str.split and bytes.translate: a regular expression on Vietnamese text costs ten times more, and one problem
# a row may be added 100.000 times.
_DIGITS = b"0123456789"


def _count(number: int) -> str:
    """12.345: the thousands dot a clerk reads (vi.format_number, without importing it into errors)."""
    return f"{number:,}".replace(",", ".")


class UsageError(Exception):
    """The command line asks for what the input does not have (an unknown annex): exit 64, as argparse does."""

