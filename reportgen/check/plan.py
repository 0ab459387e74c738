"""Raw input into the typed Plan, then every rule: the whole check stage."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.check.annex import build_annex
from reportgen.check.document import build_meta
from reportgen.check.expressions import Evaluated, evaluate_expressions
from reportgen.check.facts import build_facts
from reportgen.check.rules import RULES
from reportgen.errors import Finding, Problems, Status
from reportgen.load.folder import RawInput
from reportgen.model import Narrative, NarrativeExpression, Plan


@dataclass
class CheckResult:
    plan: Plan
    findings: list[Finding]
    evaluated: Evaluated

    @property
    def failed(self) -> bool:
        return any(f.status is Status.FAIL for f in self.findings)


def check(raw: RawInput, problems: Problems) -> CheckResult:
    """Types the input and runs every rule; raises ReportgenError with all input problems."""
    plan = build_plan(raw, problems)
    problems.raise_if_any()
    evaluated = evaluate_expressions(plan, problems)
    problems.raise_if_any()
    findings = [finding for _, rule in RULES.values() for finding in rule(plan)]
    return CheckResult(plan, findings + evaluated.findings, evaluated)


def build_plan(raw: RawInput, problems: Problems) -> Plan | None:
    meta = build_meta(raw.document, problems) if raw.document is not None else None
    facts, ratios = build_facts(raw.facts, problems)
    annexes = [a for a in (build_annex(node, raw.workbooks, problems) for node in raw.annexes) if a]
    seen: dict[str, object] = {}
    for annex in annexes:
        if annex.id in seen:
            problems.add(f"Hai biểu cùng mã '{annex.id}' ({seen[annex.id]} và {annex.source.file}).", annex.source)
        seen[annex.id] = annex.source.file
    if meta is None or raw.narrative is None or problems:
        return None
    narrative = Narrative(raw.narrative.path, raw.narrative.text,
                          tuple(NarrativeExpression(src, loc) for src, loc in raw.narrative.expressions))
    return Plan(meta, narrative, tuple(annexes), facts, ratios)
