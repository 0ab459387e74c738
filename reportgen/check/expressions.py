"""Evaluates every expression of the facts and the narrative: the figures rules stated-ratio and
narrative-expression judge (check/rules/expressions.py), and the values compose prints."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportgen.check.rules.common import ratio_name
from reportgen.errors import Location, Problems
from reportgen.expressions.evaluate import Evaluator
from reportgen.expressions.vocabulary import ExpressionError, ExpressionMismatch, context
from reportgen.model.plan import Figure, NarrativeExpression, Plan, Ratio


@dataclass(frozen=True)
class Outcome:
    """One {{ expression }} that evaluated: its figure, or why the data disagrees with its wording."""

    expression: NarrativeExpression
    figure: Figure | None = None
    mismatch: str | None = None


@dataclass
class Evaluated:
    """Ratios as checked figures, the narrative's values by location, and what the expression rules judge."""

    ratios: dict[str, Figure] = field(default_factory=dict)
    values: dict[Location, Figure] = field(default_factory=dict)
    parts: list[tuple[Ratio, Figure, Figure]] = field(default_factory=list)  # numerator, denominator
    narrative: list[Outcome] = field(default_factory=list)


def evaluate_expressions(plan: Plan, problems: Problems, missing: list[str] = ()) -> Evaluated:
    """Expression errors are input problems (exit 2); disagreements with the data are judged by the rules.

    `missing` are patterns of names whose part failed to load: errors of expressions using them
    are not reported again.
    """
    result = Evaluated()
    quiet = _Quiet(problems, missing)
    parts = Evaluator(context(plan, {}))
    for ratio in plan.ratios.values():
        result.ratios[ratio.id] = Figure(ratio.stated, "percent", ratio.decimals,
                                         unverified=_ratio(parts, ratio, quiet, result))
    evaluator = Evaluator(context(plan, result.ratios))
    for expression in plan.narrative.expressions:
        _narrative(evaluator, expression, quiet, result)
    return result


def _narrative(evaluator: Evaluator, expression: NarrativeExpression, quiet: "_Quiet", result: Evaluated) -> None:
    """One {{ expression }} of the narrative: its value, or why it has none."""
    try:
        figure = evaluator.figure(expression.source)
    except ExpressionError as exc:
        quiet.add(expression.source, f"Biểu thức {{{{ {expression.source} }}}}: {exc}", expression.loc)
        return
    except ExpressionMismatch as exc:
        result.narrative.append(Outcome(expression, mismatch=str(exc)))
        return
    result.values[expression.loc] = figure
    result.narrative.append(Outcome(expression, figure))


class _Quiet:
    """Adds expression problems, except those that only echo a part that failed to load."""

    def __init__(self, problems: Problems, missing) -> None:
        self.problems = problems
        self.missing = [re.compile(pattern) for pattern in missing]

    def add(self, source: str, message: str, loc: Location) -> None:
        if not any(pattern.search(source) or pattern.search(message) for pattern in self.missing):
            self.problems.add(message, loc)


def _ratio(evaluator: Evaluator, ratio: Ratio, quiet: _Quiet, result: Evaluated) -> str | None:
    """Evaluates the ratio's parts; says why the stated ratio cannot be verified when a part cannot."""
    parts = []
    for part in (ratio.numerator, ratio.denominator):
        try:
            parts.append(evaluator.figure(part))
        except (ExpressionError, ExpressionMismatch) as exc:
            quiet.add(part, f"Tỷ lệ '{ratio.id}', biểu thức '{part}': {exc}", ratio.loc)
    if len(parts) < 2:
        return None
    result.parts.append((ratio, parts[0], parts[1]))
    reasons = [part.unverified for part in parts if part.unverified]
    return f"{ratio_name(ratio)}: dựa trên số chưa kiểm tra được — {reasons[0]}." if reasons else None


def evaluate_narrative(names: dict[str, object], narrative, problems: Problems) -> Evaluated:
    """The values of another narrative's expressions (a report's) with the names given; problems as above."""
    result, quiet, evaluator = Evaluated(), _Quiet(problems, []), Evaluator(names)
    for expression in narrative.expressions:
        _narrative(evaluator, expression, quiet, result)
    return result
