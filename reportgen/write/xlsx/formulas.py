"""Spreadsheet formulas and number formats for live totals and comparison rows (A1 notation, 0-based in)."""

from __future__ import annotations

from decimal import Decimal

from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell

from reportgen.tree.nodes import Live


def cell_number(value: Decimal) -> int | float:
    """A figure as the number a cell holds: a whole one as an integer, any other as a float."""
    return int(value) if value == value.to_integral_value() else float(value)


def column_range(col: int, first_row: int, last_row: int) -> str:
    """C7:C16."""
    letter = xl_col_to_name(col)
    return f"{letter}{first_row + 1}:{letter}{last_row + 1}"


def sum_formula(col: int, first_row: int, last_row: int, decimals: int | None = None) -> str:
    """=SUM(C7:C16); rounded to `decimals` for figures with a fraction (binary floats add up 0,1 + 0,2 inexactly)."""
    total = f"SUM({column_range(col, first_row, last_row)})"
    return f"=ROUND({total},{decimals})" if decimals is not None else f"={total}"


def mean_formula(col: int, weight_col: int, first_row: int, last_row: int, decimals: int) -> str:
    """Σ(value·weight)/Σweight over the rows that have a value, rounded as the check engine rounds."""
    values, weights = column_range(col, first_row, last_row), column_range(weight_col, first_row, last_row)
    return f'=ROUND(SUMPRODUCT({values},{weights})/SUMIFS({weights},{values},"<>"),{decimals})'


def change_formula(row: int, earlier_col: int, later_col: int, decimals: int, scale: int = 1) -> str:
    """The later minus the earlier cell of one row, rounded (percent cells hold fractions: scale 100 gives points)."""
    difference = f"{xl_rowcol_to_cell(row, later_col)}-{xl_rowcol_to_cell(row, earlier_col)}"
    scaled = f"({difference})*{scale}" if scale != 1 else difference
    return f"=ROUND({scaled},{decimals})"


def number_format(kind: str, decimals: int) -> str:
    """#,##0 · #,##0.0 · 0.0%: stored neutral, shown by each reader in its own locale (1.234,5 in Vietnamese)."""
    fraction = "." + "0" * decimals if decimals else ""
    return f"0{fraction}%" if kind == "percent" else f"#,##0{fraction}"


def change_format(decimals: int, measure: str) -> str:
    """"Tăng "#,##0" xã";"Giảm "#,##0" xã";"Không đổi": the sign chooses the word, the number stays a number."""
    figure = number_format("count", decimals)
    unit = f' {measure.replace(chr(34), "")}' if measure else ""
    return f'"Tăng "{figure}"{unit}";"Giảm "{figure}"{unit}";"Không đổi"'


def ratio_formula(row: int, plan_col: int, actual_col: int, decimals: int) -> str:
    """% of plan as a fraction rounded as the check engine rounds; blank without a plan above 0 (or an actual)."""
    plan, actual = xl_rowcol_to_cell(row, plan_col), xl_rowcol_to_cell(row, actual_col)
    return f'=IF(AND(ISNUMBER({actual}),ISNUMBER({plan}),{plan}>0),ROUND({actual}/{plan},{decimals}),"")'


def rows_change_formula(earlier_col: int, later_col: int, first_row: int, last_row: int, decimals: int) -> str:
    """The later column's rows summed minus the earlier's: a comparison whose printed totals are blank."""
    later, earlier = column_range(later_col, first_row, last_row), column_range(earlier_col, first_row, last_row)
    return f"=ROUND(SUM({later})-SUM({earlier}),{decimals})"


def share_formula(row: int, col: int, first_row: int, last_row: int, decimals: int) -> str:
    """A row's share of its column's data rows, as a fraction; blank without a figure or a total above 0."""
    cell, whole = xl_rowcol_to_cell(row, col), f"SUM({column_range(col, first_row, last_row)})"
    return f'=IF(AND(ISNUMBER({cell}),{whole}>0),ROUND({cell}/{whole},{decimals}),"")'


def add_formula(row: int, cols: tuple[int, ...], decimals: int) -> str:
    """The row's cells added; blank when every one is blank (a blank adds nothing, as in the check engine)."""
    cells = ",".join(xl_rowcol_to_cell(row, col) for col in cols)
    return f'=IF(COUNT({cells})>0,ROUND(SUM({cells}),{decimals}),"")'


def minus_formula(row: int, later_col: int, earlier_col: int, decimals: int) -> str:
    """One cell of the row minus another; blank when either is blank."""
    later, earlier = xl_rowcol_to_cell(row, later_col), xl_rowcol_to_cell(row, earlier_col)
    return f'=IF(AND(ISNUMBER({later}),ISNUMBER({earlier})),ROUND({later}-{earlier},{decimals}),"")'


def computed_formula(live: Live, row: int, span: tuple[int, int] | None) -> str:
    """A computed column's cell (check.annex_computed): rounded to its decimals, two more for a percent's fraction."""
    decimals = live.decimals + (2 if live.op == "share" or live.kind == "percent" else 0)
    if live.op == "share":
        return share_formula(row, live.later, *span, decimals)
    if live.op == "add":
        return add_formula(row, live.operands, decimals)
    return minus_formula(row, live.later, live.earlier, decimals)
