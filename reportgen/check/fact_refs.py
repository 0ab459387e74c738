"""Facts that point at tables (`ref:` in so-lieu.yaml): the value a reference gives, or the one it must repeat."""

from __future__ import annotations

from dataclasses import replace

from reportgen.errors import Problems
from reportgen.expressions.errors import ExpressionError, ExpressionMismatch
from reportgen.expressions.evaluate import Evaluator
from reportgen.expressions.vocabulary import FUNCTIONS, AnnexRef
from reportgen.model.plan import Annex
from reportgen.model.ties import Fact


def resolve_facts(facts: dict[str, Fact], annexes: list[Annex], problems: Problems, covers) -> dict[str, Fact]:
    """Each fact with a reference gets the reference's value; a fact whose reference fails is left out (said at
    its `ref`, unless `covers` says the error only echoes an annex that failed to load)."""
    if not any(fact.ref for fact in facts.values()):
        return facts
    names: dict[str, object] = {f"bieu{a.id}": AnnexRef(a) for a in annexes}
    names.update(FUNCTIONS)  # tables only: a fact may not point at another fact (no order to settle)
    evaluator, resolved = Evaluator(names), {}
    for key, fact in facts.items():
        if fact.ref is None:
            resolved[key] = fact
            continue
        try:
            figure = evaluator.figure(fact.ref)
        except (ExpressionError, ExpressionMismatch) as exc:
            if not any(covers(name) for name in getattr(exc, "names", ())):
                problems.add(f"Số liệu '{key}', 'ref' {fact.ref}: {exc}", fact.ref_loc)
            if fact.typed:
                resolved[key] = fact
            continue
        if fact.typed:
            resolved[key] = replace(fact, ref_value=figure.value)
        else:
            resolved[key] = replace(fact, value=figure.value, ref_value=figure.value, kind=fact.kind or figure.kind,
                                    decimals=figure.decimals if fact.decimals is None else fact.decimals,
                                    unit=fact.unit or figure.unit)
    return resolved
