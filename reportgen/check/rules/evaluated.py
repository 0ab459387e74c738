"""Rules stated-ratio and narrative-expression: judged on the figures the expressions evaluated to."""

from __future__ import annotations

from typing import Iterator

from reportgen.check.rules.common import failed, num, passed, ratio_name, unknown
from reportgen.check.findings import Finding
from reportgen.model.plan import Figure
from reportgen.model.ties import Ratio
from reportgen.vi import format_figure, format_percent, round_half_up


def stated_ratios(evaluated) -> Iterator[Finding]:
    """Each stated ratio whose parts evaluated recomputes from them (model.evaluated.Evaluated)."""
    for ratio, numerator, denominator in evaluated.parts:
        yield _ratio(ratio, numerator.value, denominator.value, evaluated.ratios[ratio.id].unverified)
    for ratio in evaluated.waiting:  # a part still "chưa nhập" (a rolled plan): not checkable, never passed or absent
        yield unknown("stated-ratio", evaluated.ratios[ratio.id].unverified, ratio.stated_loc)


def _ratio(ratio: Ratio, numerator, denominator, unverified: str | None) -> Finding:
    name = ratio_name(ratio)
    if unverified:
        return unknown("stated-ratio", unverified, ratio.stated_loc)
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


def narrative_expressions(evaluated) -> Iterator[Finding]:
    """Each {{ expression }} that evaluated: its value, or where the data disagrees with its wording."""
    for outcome in evaluated.narrative:
        expression = outcome.expression
        written = f"{{{{ {expression.source} }}}}"
        if outcome.figure is None:
            yield failed("narrative-expression", f"{written}: {outcome.mismatch}", expression.source,
                         "lời văn đúng với số liệu", expression.loc)
            continue
        shown = f"{written} = {_shown(outcome.figure)}"
        if outcome.figure.unverified:
            yield unknown("narrative-expression", f"{shown}: dựa trên số chưa kiểm tra được — "
                          f"{outcome.figure.unverified}.", expression.loc)
        else:
            yield passed("narrative-expression", shown, expression.loc)


def _shown(figure: Figure) -> str:
    if figure.kind == "percent":
        return format_percent(figure.value, figure.decimals)
    text = format_figure(figure.value, figure.kind, figure.decimals, figure.pad)
    return f"{text} {figure.unit}" if figure.unit else text
