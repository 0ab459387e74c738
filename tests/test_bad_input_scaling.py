"""Unclosed "<!--" and "{{" cost linear work (issue #19 item 13): counted in characters scanned, not timed.

The scanners find comments and expressions with str.find; a str subclass counts how far each call read.
A regex such as <!--.*?--> started again at every opener left open and read to the end each time: on
90.000 of them `check` never ended. Seconds live in bench/bad_input_scaling.py.
"""

from __future__ import annotations

import json
import shutil

import pytest

from reportgen.check.rules.report_periods import _blank_hidden, _locator, periods_named
from reportgen.model.report import Period
from reportgen.cli import main
from reportgen.load.narrative import _closed_expressions
from reportgen.model.narrative import open_comment, without_comments
from tests.conftest import SAMPLE


class Counted(str):
    """A str whose find(), count() and rfind() add up the characters they read."""

    read = 0

    def find(self, sub, start=0, end=None):
        found = super().find(sub, start, end)
        Counted.read += (len(self) if found == -1 else found + len(sub)) - start
        return found

    def count(self, sub, start=0, end=None):
        Counted.read += (len(self) if end is None else end) - start
        return super().count(sub, start, end)

    def rfind(self, sub, start=0, end=None):
        Counted.read += (len(self) if end is None else end) - start
        return super().rfind(sub, start, end)


def _read(scan, text: str) -> int:
    Counted.read = 0
    scan(Counted(text))
    assert Counted.read > 0, "the scanner no longer reads the text with str.find: count its work another way"
    return Counted.read


SCANNERS = {
    "open_comment": (open_comment, "<!-- "),
    "without_comments": (lambda text: without_comments(text, lambda c: ""), "<!--\n"),
    "closed_expressions": (_closed_expressions, "{{ "),
    "report_hidden": (_blank_hidden, "{{ <!-- "),
}


@pytest.mark.parametrize("name", SCANNERS)
def test_unclosed_openers_are_read_a_bounded_number_of_times(name):
    scan, snippet = SCANNERS[name]
    for size in (1_000, 10_000):
        text = "Có thêm {{ x }} xã <!-- ghi chú --> " + snippet * size
        assert _read(scan, text) <= 3 * len(text), f"{size} openers: read {_read(scan, text)} for {len(text)}"


def test_typed_quarters_are_located_reading_the_text_once():
    """A report narrative typing the wrong quarter on 10.000 lines: each finding's line is not counted from 1."""
    text = "quý I năm 2020\n" * 10_000
    offsets = [m for m, _, _ in periods_named(text, 2020)]
    locate = _locator(Counted(text), "noi-dung.md")
    Counted.read = 0
    where = [locate(offset) for offset in offsets]
    assert Counted.read <= 2 * len(text)
    assert (where[0].line, where[-1].line, where[-1].col) == (1, 10_000, 1)


def test_scanners_find_what_the_old_patterns_found():
    assert open_comment("a <!-- b --> c <!-- d <!-- e") == 15
    assert without_comments("a<!-- b -->c<!--d", lambda c: "#") == "a#c<!--d"
    assert _closed_expressions("x {{ a }} {{ b }}} {{ c") == ([(2, " a "), (10, " b ")], "x  } {{ c")
    assert _blank_hidden("quý I năm 2020 <!-- quý II\nnăm 2020 --> {{ x }} {{ quý III năm 2020") == (
        "quý I năm 2020 " + " " * 11 + "\n" + " " * 12 + " " + " " * 7 + " {{ quý III năm 2020")
    assert [q for _, _, q in periods_named("{{ " * 5000 + "quý II năm 2020", 2020)] == [Period(2020, 2)]


def test_ninety_thousand_unclosed_openers_are_told_once_each_where_they_are(tmp_path, capsys):
    folder = tmp_path / "dau-vao"
    shutil.copytree(SAMPLE, folder)
    narrative = folder / "noi-dung.md"
    lines = narrative.read_text(encoding="utf-8").count("\n")
    narrative.write_text(narrative.read_text(encoding="utf-8") + "\n" + "{{ " * 60_000 + "\n" + "<!-- " * 90_000,
                         encoding="utf-8")
    assert main(["check", str(folder), "--json"]) == 2
    problems = [(p["location"]["text"].removeprefix(f"{folder}/"), p["message"])
                for p in json.loads(capsys.readouterr().out)["problems"]]
    assert problems == [
        (f"noi-dung.md:{lines + 2}:1", "Biểu thức chưa đóng hoặc chưa mở: viết {{ ... }} trên cùng một dòng."),
        (f"noi-dung.md:{lines + 3}:1",
         "Chú thích <!-- ... chưa đóng: thêm --> ở cuối chú thích, nếu không phần sau sẽ mất.")]
