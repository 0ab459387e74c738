"""The check report: per rule its status, and for each failure what, where, found and expected."""

from __future__ import annotations

import json
from collections import Counter

from reportgen.check.rules.registry import PLAN, REPORT, reported_for
from reportgen.errors import Problem, ReportgenError
from reportgen.check.findings import Finding, Status

_WORDS = {Status.PASS: "đạt", Status.FAIL: "không đạt", Status.NOT_CHECKABLE: "không kiểm tra được",
          Status.WARNING: "cảnh báo"}
_MARK = {Status.PASS: "✓", Status.FAIL: "✗", Status.NOT_CHECKABLE: "?", Status.WARNING: "!"}


def rule_status(findings: list[Finding]) -> str:
    statuses = {f.status for f in findings}
    if not statuses:
        return "not_applicable"
    if Status.FAIL in statuses:
        return Status.FAIL.value
    if Status.WARNING in statuses:
        return Status.WARNING.value
    if statuses == {Status.NOT_CHECKABLE}:
        return Status.NOT_CHECKABLE.value
    return Status.PASS.value


_RULE_WORDS = {"pass": "ĐẠT", "fail": "KHÔNG ĐẠT", "not_checkable": "KHÔNG KIỂM TRA ĐƯỢC",
               "not_applicable": "KHÔNG ÁP DỤNG", "warning": "CẢNH BÁO"}


def by_rule(findings: list[Finding], document: str = PLAN) -> dict[str, list[Finding]]:
    """Findings under each rule a run on `document` reports, in the registry's order (a rule without any too)."""
    grouped: dict[str, list[Finding]] = {rule.id: [] for rule in reported_for(document)}
    for finding in findings:
        grouped.setdefault(finding.rule, []).append(finding)
    return grouped


def _titles(document: str) -> dict[str, str]:
    return {rule.id: rule.title for rule in reported_for(document)}


def text_report(title: str, findings: list[Finding], verbose: bool = False, report: bool = False) -> str:
    """Every rule of the run, a plan's or (`report`) a quarterly report's with its plan's, and its findings."""
    document = REPORT if report else PLAN
    lines, titles = [title, ""], _titles(document)
    for rule, items in by_rule(findings, document).items():
        counts = Counter(f.status for f in items)
        tally = ", ".join(f"{counts[s]} {_WORDS[s]}" for s in Status if counts[s])
        lines.append(f"[{_RULE_WORDS[rule_status(items)]}] {titles.get(rule, rule)} ({rule})"
                     + (f": {tally}" if tally else ""))
        for finding in items:
            if verbose or finding.status is not Status.PASS:
                lines.extend(_finding_lines(finding))
    total = Counter(f.status for f in findings)
    shown = [s for s in Status if s is not Status.WARNING or total[s]]  # warnings said only when there are some
    lines += ["", "Kết quả: " + ", ".join(f"{total[s]} {_WORDS[s]}" for s in shown) + "."]
    if total[Status.FAIL]:
        lines.append("Số liệu chưa khớp: sửa các mục 'không đạt' ở trên rồi chạy lại. Chưa được phát hành.")
    return "\n".join(lines) + "\n"


def _finding_lines(finding: Finding) -> list[str]:
    lines = [f"   {_MARK[finding.status]} {finding.message}"]
    if finding.status is Status.FAIL and finding.sides is not None:  # two records disagree: neither is "expected"
        lines.append(f"     {finding.sides[0]}: {finding.found}; {finding.sides[1]}: {finding.expected}")
    elif finding.status is Status.FAIL and (finding.found is not None or finding.expected is not None):
        lines.append(f"     tìm thấy: {finding.found}; mong đợi: {finding.expected}")
    if finding.locations:
        lines.append("     tại: " + "; ".join(str(loc) for loc in finding.locations))
    return lines


def problems_report(title: str, problems: list[Problem], heading: str = ReportgenError.heading) -> str:
    lines = [title, "", f"{heading} ({len(problems)} lỗi). Sửa từng lỗi dưới đây rồi chạy lại:"]
    lines += [f"  {problem}" for problem in problems]
    return "\n".join(lines) + "\n"


def json_report(folder: str, findings: list[Finding], problems: list[Problem], report: bool = False) -> str:
    """`check --json`, and what the page (`serve`) shows: every rule of the run (a report's with its plan's)."""
    document = REPORT if report else PLAN
    grouped, titles = by_rule(findings, document), _titles(document)
    total = Counter(f.status.value for f in findings)
    status = "error" if problems else ("fail" if total["fail"] else "pass")
    data = {
        "input": folder,
        "status": status,
        "summary": {s.value: total[s.value] for s in Status},
        "rules": [{"id": rule, "title": titles.get(rule, rule), "status": rule_status(items),
                   "counts": {s.value: sum(1 for f in items if f.status is s) for s in Status}}
                  for rule, items in grouped.items()],
        "findings": [f.to_json() for f in findings],
        "problems": [p.to_json() for p in problems],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
