"""The reconciliation rules: each a small function from the typed plan to findings."""

from reportgen.check.rules.comparison import comparison_values, comparison_wording
from reportgen.check.rules.cross import cross_annex_counts, units_known
from reportgen.check.rules.rows import count_integers, cumulative, duplicates
from reportgen.check.rules.sums import column_means, column_sums

# rule id -> (Vietnamese title, function). Expression rules run in check.expressions.
RULES = {
    "column-sum": ("Cột cộng khớp dòng tổng", column_sums),
    "column-mean": ("Bình quân có trọng số khớp dòng tổng", column_means),
    "comparison-value": ("Dòng so sánh bằng hiệu hai năm", comparison_values),
    "comparison-wording": ("Lời ghi so sánh đúng chiều tăng/giảm", comparison_wording),
    "cross-annex-count": ("Số dòng mỗi đơn vị khớp biểu tổng hợp", cross_annex_counts),
    "unit-known": ("Đơn vị trong biểu danh sách có trong biểu tổng hợp", units_known),
    "count-integer": ("Số đếm là số nguyên không âm", count_integers),
    "cumulative": ("Lũy kế năm sau không nhỏ hơn năm trước", cumulative),
    "duplicate-row": ("Không có dòng lặp", duplicates),
}

EXPRESSION_RULES = {
    "stated-ratio": "Tỷ lệ văn bản ghi tính lại đúng từ tử số và mẫu số",
    "narrative-expression": "Biểu thức trong lời văn tính được và đúng chiều số liệu",
}

TITLES = {rule_id: title for rule_id, (title, _) in RULES.items()} | EXPRESSION_RULES
