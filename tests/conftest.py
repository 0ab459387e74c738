"""Shared test helpers: copy the sample, mutate one spot of it, run the CLI and read its JSON."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reportgen.cli import main
from reportgen.load.style_sheet import load_style_sheet
from reportgen.write.options import WriterOptions

SHEET = load_style_sheet()
OPTIONS = WriterOptions(SHEET)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "bac-giang-2020"


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A private copy of the Bắc Giang sample that a test may change."""
    target = tmp_path / "bac-giang-2020"
    shutil.copytree(SAMPLE, target)
    return target


def replace_once(path: Path, old: str, new: str) -> int:
    """Replaces text that must occur exactly once; returns its 1-based line number."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return line


def line_of(path: Path, text: str) -> int:
    content = path.read_text(encoding="utf-8")
    assert content.count(text) == 1, f"{text!r} occurs {content.count(text)} times in {path.name}"
    return content[: content.index(text)].count("\n") + 1


@pytest.fixture
def run_check(capsys):
    """Runs `reportgen check FOLDER --json`; returns (exit code, parsed report)."""

    def run(folder: Path) -> tuple[int, dict]:
        code = main(["check", str(folder), "--json"])
        out = capsys.readouterr().out
        return code, json.loads(out)

    return run


def findings(report: dict, rule: str, status: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if f["rule"] == rule and (status is None or f["status"] == status)]


def locations(item: dict) -> list[str]:
    return [loc["text"] for loc in item.get("locations", [])] or (
        [item["location"]["text"]] if item.get("location") else [])


@pytest.fixture(scope="session")
def sample_document():
    """The Bắc Giang sample, checked and composed into the Document tree (shared by the writer tests)."""
    from reportgen import pipeline
    from reportgen.compose.document import compose_plan

    result = pipeline.check_folder(SAMPLE)
    return compose_plan(result.plan, result.evaluated, SHEET, OPTIONS.templates)


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite the goldens (tests/cases/*.tree.txt, tests/bad_inputs/*.yaml) from the current "
                          "output; a rewritten golden fails and an unchanged one is skipped: review the diff, then "
                          "run pytest again without this option")


def update_golden(request, path: Path, new_text: str, same: bool | None = None) -> None:
    """Under --update-golden (else returns at once): writes `new_text` to `path` unless the golden there already
    says the same (`same`, or the same text), then fails (rewritten) or skips (unchanged). An update run compares
    nothing, so it must never count as a pass: it used to write the golden and then compare with what it wrote."""
    if not request.config.getoption("--update-golden"):
        return
    shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
    if same is None:
        same = path.exists() and path.read_text(encoding="utf-8") == new_text
    if same:
        pytest.skip(f"--update-golden: {shown} unchanged; nothing was compared")
    path.write_text(new_text, encoding="utf-8")
    pytest.fail(f"--update-golden rewrote {shown}: review `git diff {shown}`, then run pytest without "
                "--update-golden", pytrace=False)
