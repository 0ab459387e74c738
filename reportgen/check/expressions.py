"""Rules stated-ratio and narrative-expression: evaluate every expression of the facts and the narrative."""

from __future__ import annotations

import re

from reportgen.check.rules.common import failed, num, passed, unknown
from reportgen.errors import Finding, Location, Problems, Status
from reportgen.expressions.evaluate import Evaluator
from reportgen.expressions.vocabulary import ExpressionError, ExpressionMismatch, context
from reportgen.model.evaluated import Evaluated
from reportgen.model.plan import Figure, NarrativeExpression, Plan, Ratio
from reportgen.vi import format_figure, format_percent, round_half_up


def evaluate_expressions(plan: Plan, problems: Problems, missing: list[str] = ()) -> Evaluated:
    """Expression errors are input problems (exit 2); disagreements with the data are findings.

    `missing` are patterns of names whose part failed to load: errors of expressions using them
    are not reported again.
    """
    result = Evaluated()
    quiet = _Quiet(problems, missing)
    parts = Evaluator(context(plan, {}))
    for ratio in plan.ratios.values():
        finding = _ratio(parts, ratio, quiet)
        if finding is not None:
            result.findings.append(finding)
        reason = finding.message if finding is not None and finding.status is Status.NOT_CHECKABLE else None
        result.ratios[ratio.id] = Figure(ratio.stated, "percent", ratio.decimals, unverified=reason)
    evaluator = Evaluator(context(plan, result.ratios))
    for expression in plan.narrative.expressions:
        _narrative(evaluator, expression, quiet, result)
    return result


def _narrative(evaluator: Evaluator, expression: NarrativeExpression, quiet: "_Quiet", result: Evaluated) -> None:
    """One {{ expression }} of the narrative: its value, or why it has none."""
    written = f"{{{{ {expression.source} }}}}"
    try:
        figure = evaluator.figure(expression.source)
    except ExpressionError as exc:
        quiet.add(expression.source, f"Biểu thức {written}: {exc}", expression.loc)
        return
    except ExpressionMismatch as exc:
        result.findings.append(failed("narrative-expression", f"{written}: {exc}", expression.source,
                                      "lời văn đúng với số liệu", expression.loc))
        return
    result.values[expression.loc] = figure
    shown = f"{written} = {_shown(figure)}"
    if figure.unverified:
        result.findings.append(unknown("narrative-expression", f"{shown}: dựa trên số chưa kiểm tra được — "
                                       f"{figure.unverified}.", expression.loc))
    else:
        result.findings.append(passed("narrative-expression", shown, expression.loc))


class _Quiet:
    """Adds expression problems, except those that only echo a part that failed to load."""

    def __init__(self, problems: Problems, missing) -> None:
        self.problems = problems
        self.missing = [re.compile(pattern) for pattern in missing]

    def add(self, source: str, message: str, loc: Location) -> None:
        if not any(pattern.search(source) or pattern.search(message) for pattern in self.missing):
            self.problems.add(message, loc)


def _ratio(evaluator: Evaluator, ratio: Ratio, quiet: _Quiet) -> Finding | None:
    parts = []
    for part in (ratio.numerator, ratio.denominator):
        try:
            parts.append(evaluator.figure(part))
        except (ExpressionError, ExpressionMismatch) as exc:
            quiet.add(part, f"Tỷ lệ '{ratio.id}', biểu thức '{part}': {exc}", ratio.loc)
    if len(parts) < 2:
        return None
    numerator, denominator = (part.value for part in parts)
    name = f"Tỷ lệ '{ratio.id}' ({ratio.label})"
    reasons = [part.unverified for part in parts if part.unverified]
    if reasons:
        return unknown("stated-ratio", f"{name}: dựa trên số chưa kiểm tra được — {reasons[0]}.", ratio.stated_loc)
    if denominator == 0:
        return failed("stated-ratio", f"{name}: mẫu số bằng 0.", "0", "mẫu số khác 0", ratio.loc)
    try:
        computed = round_half_up(numerator / denominator * 100, ratio.decimals)
    except ArithmeticError:
        return failed("stated-ratio", f"{name}: tỷ lệ {num(numerator)}/{num(denominator)} quá lớn để tính.",
                      num(ratio.stated), "một tỷ lệ tính được", ratio.stated_loc)
    shown = f"{num(numerator)}/{num(denominator)}"
    if computed == ratio.stated:
        return passed("stated-ratio", f"{name}: {shown} = {format_percent(computed, ratio.decimals)}, "
                      "đúng như văn bản ghi.", ratio.stated_loc)
    return failed("stated-ratio", f"{name}: văn bản ghi {format_percent(ratio.stated, ratio.decimals)} nhưng "
                  f"{shown} = {format_percent(computed, ratio.decimals)}.",
                  format_percent(ratio.stated, ratio.decimals), format_percent(computed, ratio.decimals),
                  ratio.stated_loc)


def _shown(figure: Figure) -> str:
    if figure.kind == "percent":
        return format_percent(figure.value, figure.decimals)
    text = format_figure(figure.value, figure.kind, figure.decimals, figure.pad)
    return f"{text} {figure.unit}" if figure.unit else text


def evaluate_narrative(names: dict[str, object], narrative, problems: Problems) -> Evaluated:
    """The values of another narrative's expressions (a report's) with the names given; problems as above."""
    result, quiet, evaluator = Evaluated(), _Quiet(problems, []), Evaluator(names)
    for expression in narrative.expressions:
        _narrative(evaluator, expression, quiet, result)
    return result
