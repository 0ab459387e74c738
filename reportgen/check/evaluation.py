"""Evaluates every expression of the facts and the narrative: the figures rules stated-ratio and
narrative-expression judge (check/rules/evaluated.py), and the values compose prints."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.check.rules.common import ratio_name
from reportgen.errors import Location, Problems
from reportgen.expressions.evaluate import Evaluator
from reportgen.expressions.pending import PendingInput
from reportgen.expressions.vocabulary import ExpressionError, ExpressionMismatch, context
from reportgen.model.evaluated import Evaluated, Outcome
from reportgen.model.plan import Figure, NarrativeExpression, Plan
from reportgen.model.ties import Ratio


@dataclass(frozen=True)
class Unloaded:
    """The parts that failed to load, by the names expressions call them: an expression error on one of
    these names only echoes that failure (the message is never read: rewording it changes nothing)."""

    names: frozenset[str] = frozenset()   # bieu05, so_lieu.dan_so, ty_le.ho_ngheo
    unnamed_annex: bool = False           # an annex whose id was not read: any unknown bieu… may be it
    facts_file: bool = False              # so-lieu.yaml itself: every so_lieu.… and ty_le.…

    @property
    def annexes(self) -> bool:
        return self.unnamed_annex or any(name.startswith("bieu") for name in self.names)

    def covers(self, name: str) -> bool:
        """`name` (as ExpressionError.names gives it) belongs to a part that failed to load."""
        root = name.split(".")[0]
        return (name in self.names or root in self.names
                or (self.unnamed_annex and "." not in name and name.startswith("bieu"))
                or (self.facts_file and root in ("so_lieu", "ty_le")))


def evaluate_expressions(plan: Plan, problems: Problems, unloaded: Unloaded = Unloaded()) -> Evaluated:
    """Expression errors are input problems (exit 2), except those on the names of parts that failed to load
    (`unloaded`: their problem is reported already); disagreements with the data are judged by the rules."""
    result = Evaluated()
    quiet = Quiet(problems, unloaded)
    parts = Evaluator(context(plan, {}))
    for ratio in plan.ratios.values():
        result.ratios[ratio.id] = Figure(ratio.stated, "percent", ratio.decimals,
                                         unverified=_ratio(parts, ratio, quiet, result))
    evaluator = Evaluator(context(plan, result.ratios))
    for expression in plan.narrative.expressions:
        _narrative(evaluator, expression, quiet, result)
    return result


def _narrative(evaluator: Evaluator, expression: NarrativeExpression, quiet: "Quiet", result: Evaluated) -> None:
    """One {{ expression }} of the narrative: its value, or why it has none."""
    try:
        figure = evaluator.figure(expression.source)
    except ExpressionError as exc:
        quiet.add(exc, f"Biểu thức {{{{ {expression.source} }}}}: {exc}", expression.loc)
        return
    except (ExpressionMismatch, PendingInput) as exc:  # the data disagrees, or is still "chưa nhập"
        result.narrative.append(Outcome(expression, mismatch=str(exc)))
        return
    result.values[expression.loc] = figure
    result.narrative.append(Outcome(expression, figure))


class Quiet:
    """Adds expression problems, except those that only echo a part that failed to load."""

    def __init__(self, problems: Problems, unloaded: Unloaded) -> None:
        self.problems = problems
        self.unloaded = unloaded

    def add(self, error: Exception, message: str, loc: Location) -> None:
        names = error.names if isinstance(error, ExpressionError) else ()
        if not any(self.unloaded.covers(name) for name in names):
            self.problems.add(message, loc)


def _ratio(evaluator: Evaluator, ratio: Ratio, quiet: Quiet, result: Evaluated) -> str | None:
    """Evaluates the ratio's parts; says why the stated ratio cannot be verified when a part cannot."""
    parts, waiting = [], []
    for part in (ratio.numerator, ratio.denominator):
        try:
            parts.append(evaluator.figure(part))
        except PendingInput as exc:  # a part "chưa nhập": rule input-pending names the cells
            waiting.append(str(exc))
        except (ExpressionError, ExpressionMismatch) as exc:
            quiet.add(exc, f"Tỷ lệ '{ratio.id}', biểu thức '{part}': {exc}", ratio.loc)
    if waiting:
        result.waiting.append(ratio)   # rule stated-ratio says it is not checkable yet
        return f"{ratio_name(ratio)}: {waiting[0].rstrip('.')}"
    if len(parts) < 2:
        return None
    result.parts.append((ratio, parts[0], parts[1]))
    reasons = [part.unverified for part in parts if part.unverified]
    return f"{ratio_name(ratio)}: dựa trên số chưa kiểm tra được — {reasons[0]}." if reasons else None


def evaluate_narrative(names: dict[str, object], narrative, problems: Problems) -> Evaluated:
    """The values of another narrative's expressions (a report's) with the names given; problems as above."""
    result, quiet, evaluator = Evaluated(), Quiet(problems, Unloaded()), Evaluator(names)
    for expression in narrative.expressions:
        _narrative(evaluator, expression, quiet, result)
    return result
