"""Raw input into the typed Plan, then every rule: the whole check stage."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.check.annex import build_annex
from reportgen.check.document import build_meta
from reportgen.check.evaluation import Evaluated, Unloaded, evaluate_expressions
from reportgen.check.facts import build_facts
from reportgen.check.references import check_references
from reportgen.check.rules.registry import PLAN, run_rules
from reportgen.check.units import build_register
from reportgen.errors import Problems
from reportgen.check.findings import Finding, Status
from reportgen.load.folder import RawInput
from reportgen.model.plan import Narrative, NarrativeExpression, Plan
from reportgen.sheet_names import sheet_name


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
    plan, unloaded = build_plan(raw, problems)
    if plan is None:
        if not problems:  # a part failed without saying why: still never go on without a plan
            problems.add("Không dựng được văn bản từ thư mục đầu vào; kiểm tra van-ban.yaml.", None)
        problems.raise_if_any()
    # Expressions are evaluated even when other parts had problems, so that one run lists them all;
    # those naming a part that failed to load are skipped (their error would only echo that failure).
    evaluated = evaluate_expressions(plan, problems, unloaded)
    problems.raise_if_any()
    return CheckResult(plan, run_rules(PLAN, plan, evaluated), evaluated)


def build_plan(raw: RawInput, problems: Problems) -> tuple[Plan | None, Unloaded]:
    """The typed plan from every part that loaded, and the names of the parts that did not."""
    meta = build_meta(raw.document, problems) if raw.document is not None else None
    facts, ratios = build_facts(raw.facts, problems)
    register = build_register(raw.register, problems)
    annexes = [build_annex(node, raw.workbooks, problems) for node in raw.annexes]
    built = [a for a in annexes if a is not None]
    unloaded = _unloaded(raw, annexes, facts, ratios)
    _check_unique_ids(built, problems)
    if not unloaded.annexes:
        check_references(built, problems)  # a reference to an annex that failed to load says nothing new
    if meta is None or raw.narrative is None:
        return None, unloaded
    narrative = Narrative(raw.narrative.path, raw.narrative.text,
                          tuple(NarrativeExpression(src, loc) for src, loc in raw.narrative.expressions))
    return Plan(meta, narrative, tuple(built), facts, ratios, register), unloaded


def _unloaded(raw: RawInput, annexes, facts, ratios) -> Unloaded:
    """The names of the annexes, facts and ratios the document has but that failed to load."""
    names = set()
    unnamed = _named(raw, "annexes") > len(raw.annexes)  # a file that did not even parse: its id is unknown
    for node, annex in zip(raw.annexes, annexes):
        annex_id = node.get("id").value if node.get("id") is not None else None
        if annex is None and isinstance(annex_id, str):
            names.add(f"bieu{annex_id}")
        unnamed |= annex is None and not isinstance(annex_id, str)
    if raw.facts is None and _named(raw, "facts"):
        return Unloaded(frozenset(names), unnamed, facts_file=True)
    for section, built, prefix in (("facts", facts, "so_lieu"), ("ratios", ratios, "ty_le")):
        node = raw.facts.get(section) if raw.facts is not None else None
        listed = node.value if node is not None and node.is_map else {}
        names.update(f"{prefix}.{name}" for name in listed if name not in built)
    return Unloaded(frozenset(names), unnamed)


def _named(raw: RawInput, key: str) -> int:
    """How many files the document names under `key` (some may have failed to load)."""
    node = raw.document.get(key) if raw.document is not None else None
    if node is None:
        return 0
    return len(node.value) if node.is_list else 1


def _check_unique_ids(annexes, problems: Problems) -> None:
    """Ids name annexes in expressions; labels name them in print and their sheets in a workbook."""
    for what, key in (("mã", lambda a: a.id), ("tên", lambda a: sheet_name(a.label).lower())):
        seen: dict[str, str] = {}
        for annex in annexes:
            if key(annex) in seen:
                problems.add(f"Hai biểu cùng {what} '{annex.id if what == 'mã' else annex.label}' "
                             f"({seen[key(annex)]} và {annex.source.file}).", annex.source)
            seen[key(annex)] = annex.source.file
