"""Every rule of the check stage, in report order: its id, Vietnamese title, function and documents."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from reportgen.check.rules.comparison import comparison_values, comparison_wording
from reportgen.check.rules.computed import computed_cells
from reportgen.check.rules.cross import cross_annex_counts, cross_annex_sums, units_known
from reportgen.check.rules.facts import fact_references
from reportgen.check.rules.evaluated import narrative_expressions, stated_ratios
from reportgen.check.rules.old_year import old_years
from reportgen.check.rules.pending import pending_inputs
from reportgen.check.rules.points import point_letters
from reportgen.check.rules.report import (actual_counts, actual_cumulative, actual_sums, report_period, report_symbol,
                                          tasks_reported)
from reportgen.check.rules.plan_year import due_in_plan_year, years_in_titles
from reportgen.check.rules.report_dates import report_date, task_dates
from reportgen.check.rules.report_previous import tasks_stay_done
from reportgen.check.rules.report_periods import report_subject
from reportgen.check.rules.report_recurring import recurring_named
from reportgen.check.rules.rows import count_integers, cumulative, duplicates
from reportgen.check.rules.sums import column_means, column_sums
from reportgen.check.rules.row_units import units_and_row_names
from reportgen.check.findings import Finding

PLAN, REPORT = "plan", "report"   # the documents a rule applies to: a plan (kế hoạch), a report (báo cáo)


@dataclass(frozen=True)
class Rule:
    """One rule: `check` takes the typed document (Plan or Report), or, for a rule on expressions
    (`evaluated`), the figures that document's expressions evaluated to (model.evaluated.Evaluated)."""

    id: str
    title: str
    check: Callable[..., Iterable[Finding]]
    documents: frozenset[str]
    evaluated: bool = False


_PLAN, _REPORT, _BOTH = frozenset({PLAN}), frozenset({REPORT}), frozenset({PLAN, REPORT})

RULES: tuple[Rule, ...] = (
    Rule("input-pending", "Mọi số liệu, số và ngày văn bản đã nhập (không còn ô «chưa nhập»)", pending_inputs, _PLAN),
    Rule("column-sum", "Cột cộng khớp dòng tổng", column_sums, _PLAN),
    Rule("column-mean", "Bình quân có trọng số khớp dòng tổng", column_means, _PLAN),
    Rule("computed-cell", "Ô của cột tính (tỷ lệ, % kế hoạch, tổng, hiệu) ghi đúng số tính lại", computed_cells,
         _PLAN),
    Rule("comparison-value", "Dòng so sánh bằng hiệu hai năm", comparison_values, _PLAN),
    Rule("comparison-wording", "Lời ghi so sánh đúng chiều tăng/giảm", comparison_wording, _PLAN),
    Rule("cross-annex-count", "Số dòng mỗi đơn vị khớp biểu tổng hợp", cross_annex_counts, _PLAN),
    Rule("cross-annex-sum", "Cột cộng theo từng đơn vị khớp biểu tổng hợp", cross_annex_sums, _PLAN),
    Rule("unit-known", "Đơn vị trong biểu danh sách có trong biểu tổng hợp", units_known, _PLAN),
    Rule("unit-register", "Tên đơn vị có trong danh mục don-vi.yaml, dưới đúng đơn vị cấp trên", units_and_row_names,
         _BOTH),
    Rule("count-integer", "Số đếm là số nguyên không âm", count_integers, _PLAN),
    Rule("cumulative", "Lũy kế năm sau không nhỏ hơn năm trước", cumulative, _PLAN),
    Rule("duplicate-row", "Không có dòng lặp", duplicates, _PLAN),
    Rule("old-year", "Chữ của kế hoạch không còn nêu năm trước (cảnh báo)", old_years, _PLAN),
    Rule("point-letters", "Các điểm a), b), c) đúng thứ tự chữ cái tiếng Việt (ND30)", point_letters, _PLAN),
    Rule("fact-reference", "Số liệu ghi tay khớp ô biểu nó nhắc lại", fact_references, _PLAN),
    Rule("stated-ratio", "Tỷ lệ văn bản ghi tính lại đúng từ tử số và mẫu số", stated_ratios, _PLAN,
         evaluated=True),
    Rule("narrative-expression", "Biểu thức trong lời văn tính được và đúng chiều số liệu", narrative_expressions,
         _BOTH, evaluated=True),
    Rule("task-due-year", "Thời hạn nhiệm vụ thuộc năm của kế hoạch", due_in_plan_year, _PLAN),
    Rule("plan-year-title", "Tiêu đề, tên nhóm, tên cột không nêu năm khác năm của kế hoạch (cảnh báo)",
         years_in_titles, _PLAN),
    Rule("report-period", "Kỳ báo cáo thuộc năm của kế hoạch", report_period, _REPORT),
    Rule("report-symbol", "Văn bản là báo cáo, ký hiệu BC-…", report_symbol, _REPORT),
    Rule("report-date", "Ngày báo cáo không trước ngày cuối kỳ", report_date, _REPORT),
    Rule("report-subject", "Trích yếu ghi đúng kỳ báo cáo", report_subject, _REPORT),
    Rule("actual-sum", "Số thực hiện các đơn vị cộng khớp dòng tổng", actual_sums, _REPORT),
    Rule("actual-count-integer", "Số thực hiện của chỉ tiêu đếm là số nguyên không âm", actual_counts, _REPORT),
    Rule("actual-cumulative", "Số lũy kế không thấp hơn kỳ trước", actual_cumulative, _REPORT),
    Rule("task-done-date", "Nhiệm vụ hoàn thành có ngày hoàn thành, trong kế hoạch và trong kỳ", task_dates, _REPORT),
    Rule("task-stays-done", "Nhiệm vụ đã hoàn thành ở kỳ trước vẫn hoàn thành, cùng ngày", tasks_stay_done,
         _REPORT),
    Rule("task-reported", "Mọi nhiệm vụ đến hạn có tình trạng", tasks_reported, _REPORT),
    Rule("report-recurring", "Lời văn nêu các nhiệm vụ thường xuyên khi kế hoạch có", recurring_named, _REPORT),
)


def rules_for(document: str) -> tuple[Rule, ...]:
    """The rules run on one document, in report order."""
    return tuple(rule for rule in RULES if document in rule.documents)


def reported_for(document: str) -> tuple[Rule, ...]:
    """The rules a run on `document` reports: a report's run checks its plan first, so it lists every rule."""
    return RULES if document == REPORT else rules_for(document)


def run_rules(document: str, checked, evaluated) -> list[Finding]:
    """Every finding of the rules for `document`: on the typed document, or on its evaluated expressions."""
    return [finding for rule in rules_for(document)
            for finding in rule.check(evaluated if rule.evaluated else checked)]
