"""The reconciliation rules: each a small function from the typed plan to findings."""

from reportgen.check.rules.comparison import comparison_values, comparison_wording
from reportgen.check.rules.cross import cross_annex_counts, units_known
from reportgen.check.rules.points import point_letters
from reportgen.check.rules.rows import count_integers, cumulative, duplicates
from reportgen.check.rules.sums import column_means, column_sums

# rule id -> function; titles are in errors.RULE_TITLES. Expression rules run in check.expressions.
RULES = {
    "column-sum": column_sums,
    "column-mean": column_means,
    "comparison-value": comparison_values,
    "comparison-wording": comparison_wording,
    "cross-annex-count": cross_annex_counts,
    "unit-known": units_known,
    "count-integer": count_integers,
    "cumulative": cumulative,
    "duplicate-row": duplicates,
    "point-letters": point_letters,
}
