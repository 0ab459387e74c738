"""No number typed by hand in a narrative equals a figure the data gives: such a number must be an expression."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from reportgen.model import tables
from reportgen.pipeline import check_folder
from tests.conftest import SAMPLE

GENERIC = Path(__file__).parent / "data" / "hoa-phong-2024"
# Thresholds, ratings and periods that are words of the text, not figures of the data.
ALLOWED = ("dưới 10 tiêu chí", "từ 3 sao", "6 tháng")
NOT_FIGURES = [
    r"\{\{.*?\}\}",                                        # the expressions themselves
    r"(?m)^(#+ )?\d+\. ",                                  # khoản numbers "1. ", "## 5. "
    r"\d{1,2}/\d{1,2}/\d{4}|\b\d{1,2}/\d{4}|[IVX]+(-[IVX]+)?/\d{4}",   # dates, "Quý I/2020"
    r"\d+/\d{4}/[\w-]+|\d+/[\w-]+-\w+|\d+-\w+/\w+",        # document numbers 46/2016/NQ-HĐND, 43-KL/TU
    r"\d{4} ?- ?\d{4}",                                    # periods 2016-2020
    r"(?i)\b(năm|tháng|ngày|giai đoạn) \d+",               # years and months in words
    r"Biểu (\d{2}, )*\d{2}\b",                             # annex names
]
NUMBER = re.compile(r"(?<![\w,])\d+(?:,\d+)?(?!\w|,\d)")


def typed_numbers(text: str) -> set[Decimal]:
    for phrase in ALLOWED:
        text = text.replace(phrase, " ")
    for pattern in NOT_FIGURES:
        text = re.sub(pattern, " ", text)
    return {Decimal(n.replace(",", ".")) for n in NUMBER.findall(text)}


def data_figures(result) -> set[Decimal]:
    """Facts, ratios, cells, column totals, changes, row counts per annex and group, narrative values."""
    plan = result.plan
    figures = {figure.value for figure in result.evaluated.values.values()}
    figures |= {fact.value for fact in plan.facts.values()} | {ratio.stated for ratio in plan.ratios.values()}
    for annex in plan.annexes:
        figures |= {Decimal(len(annex.rows()))} | {Decimal(len(g.rows)) for g in annex.groups}
        figures |= {cell.value for row in annex.rows() for cell in row.cells.values()
                    if isinstance(cell.value, Decimal)}
        totals = {c.key: tables.effective_total(annex, c) for c in annex.leaves() if c.is_numeric}
        figures |= {v for v in totals.values() if v is not None}
        for group in (c for c in annex.columns if c.is_group):
            pair = annex.period_columns(group)
            if pair and None not in (totals[pair[0].key], totals[pair[1].key]):
                figures.add(abs(totals[pair[1].key] - totals[pair[0].key]))
    return figures - {Decimal(0)}


@pytest.mark.parametrize("folder", [SAMPLE, GENERIC], ids=["bac-giang-2020", "hoa-phong-2024"])
def test_no_number_in_the_narrative_is_typed_by_hand(folder):
    result = check_folder(folder)
    typed = typed_numbers(result.plan.narrative.text) & data_figures(result)
    assert not typed, f"typed by hand, should be expressions: {sorted(typed)}"


@pytest.mark.parametrize(("sentence", "caught"), [
    ("lũy kế {{ x }}/184 xã", {Decimal(184)}),
    ("xã đạt chuẩn: 23, lũy kế", {Decimal(23)}),
    ("chiếm 67,4%", {Decimal("67.4")}),
    ("theo Biểu 01, 124 xã", {Decimal(124)}),
    ("ngày 17/02/2020, Quý I/2020, Nghị quyết số 46/2016/NQ-HĐND, giai đoạn 2016-2020", set()),
    ("## 5. Nhân rộng mô hình", set()),
])
def test_the_literal_finder_itself(sentence, caught):
    assert typed_numbers(sentence) == caught


@pytest.mark.parametrize("quarter", [1, 2])
def test_no_number_in_a_report_narrative_is_typed_by_hand(quarter):
    from reportgen.model.report import Period
    from reportgen.pipeline import check_report_folder
    result = check_report_folder(SAMPLE, Period(2020, quarter))
    actuals = result.report.actuals
    figures = data_figures(result.plan) | {figure.value for figure in result.evaluated.values.values()}
    figures |= {v for row in [*actuals.rows.values(), actuals.total] for v in (c.value for c in row.cells.values())
                if isinstance(v, Decimal)}
    typed = typed_numbers(result.report.narrative.text) & figures
    assert not typed, f"typed by hand, should be expressions: {sorted(typed)}"
