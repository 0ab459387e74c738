"""Raw input into the typed Plan, then every rule: the whole check stage."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.check.annex import build_annex
from reportgen.check.document import build_meta
from reportgen.check.expressions import Evaluated, evaluate_expressions
from reportgen.check.facts import build_facts
from reportgen.check.references import check_references
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
    if plan is None:
        problems.raise_if_any()
    # Expressions are evaluated even when some cells had problems, so that one run lists them all.
    evaluated = evaluate_expressions(plan, problems)
    problems.raise_if_any()
    findings = [finding for rule in RULES.values() for finding in rule(plan)]
    return CheckResult(plan, findings + evaluated.findings, evaluated)


def build_plan(raw: RawInput, problems: Problems) -> Plan | None:
    """The typed plan; None when a part is too broken for its expressions to be evaluated."""
    meta = build_meta(raw.document, problems) if raw.document is not None else None
    facts, ratios = build_facts(raw.facts, problems)
    annexes = [build_annex(node, raw.workbooks, problems) for node in raw.annexes]
    built = [a for a in annexes if a is not None]
    _check_unique_ids(built, problems)
    check_references(built, problems)
    if meta is None or raw.narrative is None or len(built) < len(raw.annexes) or len(raw.annexes) < _named(raw):
        return None
    narrative = Narrative(raw.narrative.path, raw.narrative.text,
                          tuple(NarrativeExpression(src, loc) for src, loc in raw.narrative.expressions))
    return Plan(meta, narrative, tuple(built), facts, ratios)


def _named(raw: RawInput) -> int:
    """How many annex files the document names (some may have failed to load)."""
    node = raw.document.get("annexes") if raw.document is not None else None
    return len(node.value) if node is not None and node.is_list else 0


def _check_unique_ids(annexes, problems: Problems) -> None:
    seen: dict[str, str] = {}
    for annex in annexes:
        if annex.id in seen:
            problems.add(f"Hai biểu cùng mã '{annex.id}' ({seen[annex.id]} và {annex.source.file}).", annex.source)
        seen[annex.id] = annex.source.file
