"""A finished job as its page shows it: findings grouped by rule with the lines or cells around each place, the
files written, the page images, the returns' status table."""

from __future__ import annotations

from pathlib import Path

from reportgen.serve.jobs import Job
from reportgen.serve.paths import relative_file
from reportgen.serve.places import places

_SHOWN = ("fail", "warning", "not_checkable")
_EXCERPTS = 60        # excerpts read for one page: a run with thousands of findings stays a page, not a crawl


def job_view(job: Job, root: Path, out: Path) -> dict:
    result = job.result or {}
    budget = [_EXCERPTS]
    report = result.get("report") or {}
    rules = _rules(report, root, budget)
    shown = [rule for rule in rules if rule["status"] != "not_checkable"]
    unchecked = [rule for rule in rules if rule["status"] == "not_checkable"]
    return {
        "rules": shown,                  # failures and warnings first, open
        "unchecked": unchecked,          # what the rules could not compute, behind one line with its count
        "unchecked_count": sum(len(rule["items"]) for rule in unchecked),
        # open on a check's own page when nothing else is wrong; after a document was written, or beside a failure,
        # it waits folded so that the documents or the failure lead the page
        "unchecked_open": job.kind == "check" and not shown,
        "passed": [r["title"] for r in report.get("rules", []) if r["status"] == "pass"
                   and not any(f["rule"] == r["id"] and f["status"] in _SHOWN for f in report.get("findings", []))],
        "problems": [_problem(p, root, budget) for p in report.get("problems", [])],
        "outputs": _outputs(result.get("written", []), out),
        "kept": _outputs(result.get("kept", []), out),
        "previews": result.get("previews", []),
        "zip": _zip(job, out),
        "failures": result.get("failures", []),
        "collect": _collect(result.get("collect"), root, budget),
    }


def _rules(report: dict, root: Path, budget: list[int]) -> list[dict]:
    """Every rule with a finding to look at (a rule that passes overall may still hold figures it could not check),
    the failures first: they get the excerpts first too."""
    findings: dict[str, list[dict]] = {}
    for finding in report.get("findings", []):
        if finding["status"] in _SHOWN:
            findings.setdefault(finding["rule"], []).append(finding)
    rules = sorted(({"id": rule["id"], "title": rule["title"], "status": _worst(findings[rule["id"]])}
                    for rule in report.get("rules", []) if rule["id"] in findings),
                   key=lambda rule: _SHOWN.index(rule["status"]))
    return [rule | {"items": [_finding(f, root, budget) for f in findings[rule["id"]]]} for rule in rules]


def _worst(findings: list[dict]) -> str:
    return next(status for status in _SHOWN if any(f["status"] == status for f in findings))


def _finding(finding: dict, root: Path, budget: list[int]) -> dict:
    return finding | {"places": places(finding.get("locations", []), root, budget)}


def _problem(problem: dict, root: Path, budget: list[int]) -> dict:
    location = problem.get("location")
    return {"message": problem["message"], "places": places([location], root, budget) if location else []}


def _outputs(paths: list[str], out: Path) -> list[dict]:
    shown = []
    for path in paths:
        name = relative_file(out, Path(path))
        if name is not None and not Path(path).name.startswith("."):
            shown.append({"path": name, "name": Path(path).name})
    return shown


def _zip(job: Job, out: Path) -> str | None:
    """A zip of the folder an export or the forms wrote (many files), none for a plan's three documents."""
    if job.kind not in ("export", "forms") or job.state not in ("xong", "chua-khop"):
        return None
    return relative_file(out, Path(job.params["out"]))


def _collect(table: dict | None, root: Path, budget: list[int]) -> dict | None:
    if table is None:
        return None
    problems = [_problem(p, root, budget) for p in table["problems"]]
    return table | {"problems": problems}
