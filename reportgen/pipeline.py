"""load -> check -> compose -> write: the orchestrator only calls the stages."""

from __future__ import annotations

from pathlib import Path

from reportgen.check.plan import CheckResult, check
from reportgen.errors import Problems
from reportgen.load.folder import load_folder


def check_folder(folder: Path) -> CheckResult:
    """Loads and checks one input folder; raises ReportgenError with every input problem."""
    problems = Problems()
    raw = load_folder(folder, problems)
    # Load problems are not raised yet: the check stage adds those of the files that did load.
    return check(raw, problems)
