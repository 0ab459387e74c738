"""Annex tables as tree nodes, the one place compose builds a table row: plan annexes, a unit's share, the report's."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from reportgen.expressions.env import UndefinedError
from reportgen.model.plan import Annex, Change, Column, Row
from reportgen.model.tables import computed_total
from reportgen.tree import nodes as n
from reportgen.vi import nfc, roman

# Relative column widths by type. Text columns grow with the length of their cells (mean plus a quarter of
# the longest, about 18 characters a share), between 2,2 shares (3,2 for unit names) and 8.
_WIDTHS = {"index": Decimal("0.8"), "mark": Decimal("1.6"), "deadline": Decimal("2"), "count": Decimal("1.3"),
           "decimal": Decimal("1.3"), "percent": Decimal("1.3")}
_ALIGN = {"index": "center", "mark": "center", "deadline": "center", "count": "center", "decimal": "center",
          "percent": "center"}


class Words:
    """The words a template sets (`{% set tong_cong = "Tổng cộng" %}`), for the tables compose builds from figures.

    A name the template lacks is the template's fault, reported as a template error (compose.document), not a crash.
    """

    def __init__(self, env, template: str, values: dict | None = None):
        self._template = template
        self._module = env.get_template(template).make_module(values or {})

    def __getattr__(self, name: str):
        try:
            return getattr(self._module, name)
        except AttributeError:
            raise UndefinedError(f"{self._template} không đặt tên '{name}'") from None


@dataclass(frozen=True)
class AnnexTable:
    """An annex as its template reads it (label, title, notes) and its table, which the template places by key."""

    annex: Annex
    table: n.Table
    key: str                         # the template writes <table key="..."/>; the parser puts `table` there


def annex_tables(env, annexes, empty: str | None = None, ratios: dict[str, tuple[str, str]] | None = None
                 ) -> tuple[list[AnnexTable], dict[str, n.Table]]:
    """Each annex's table, and the tables by key for the parser; `empty`: the row of a table without rows;
    `ratios`: leaf key -> (actual, plan) leaf keys of a % of plan column (a live formula in a workbook).

    Rows are nodes from the start: a nationwide annex has 10.000, and markup for them took seconds to parse.
    """
    words = Words(env, "bieu.xml.j2")  # a total compose adds, "Tăng"/"Giảm"/"Không đổi"
    placed = [AnnexTable(annex, _table(annex, words, empty, ratios or {}), f"bang-{number}")
              for number, annex in enumerate(annexes, start=1)]
    return placed, {p.key: p.table for p in placed}


def _table(annex: Annex, words: Words, empty: str | None, ratios: dict[str, tuple[str, str]]) -> n.Table:
    columns = tuple(n.Column(_width(annex, leaf), _ALIGN.get(leaf.type or "", "left"),
                             leaf.type if leaf.is_numeric else None, leaf.decimals) for leaf in annex.leaves())
    keys = [leaf.key for leaf in annex.leaves()]
    lives = {leaf.key: n.Live("ratio", earlier=keys.index(ratios[leaf.key][1]), later=keys.index(ratios[leaf.key][0]),
                              decimals=leaf.decimals) for leaf in annex.leaves() if leaf.key in ratios}
    rows = _rows(annex, lives)
    if not rows and empty is not None:  # an empty table still says so, rather than vanishing
        rows = (n.Row("data", (n.Cell(text_content(empty), len(columns), align="center"),)),)
    ends = ((_total_row(annex, words, lives),) if annex.total is not None else ()) + \
        ((_comparison_row(annex, words),) if annex.comparison is not None else ())
    return n.Table(columns, _header(annex), rows + ends)


def text_content(text: str) -> tuple[n.Inline, ...]:
    """A cell's text: blanks collapsed as HTML does, NFC, nothing when blank."""
    squeezed = " ".join(text.split())
    return (n.Text(nfc(squeezed)),) if squeezed else ()


def _width(annex: Annex, leaf: Column) -> Decimal:
    if leaf.type == "index":
        # 0,8 shares hold "999"; a nationwide list numbers to "10.000", which would wrap to two lines.
        digits = len(str(len(annex.rows())))
        return _WIDTHS["index"] + Decimal("0.3") * max(0, digits - 3)
    if leaf.type in _WIDTHS:
        return _WIDTHS[leaf.type]
    lengths = [len(str(row.value(leaf.key) or "")) for row in annex.rows()] or [0]
    typical = sum(lengths) / len(lengths) + max(lengths) / 4
    # A unit name ("Huyện Lạng Giang") should fit on one line; long text wraps within 8 shares.
    narrowest = 3.2 if leaf.type == "unit" else 2.2
    return Decimal(min(max(typical / 18, narrowest), 8)).quantize(Decimal("0.1"))


def _header(annex: Annex) -> tuple[n.Row, ...]:
    depth = 2 if any(c.is_group for c in annex.columns) else 1
    rows: list[list[n.Cell]] = [[] for _ in range(depth)]
    for column in annex.columns:
        if column.is_group:
            rows[0].append(n.Cell(text_content(column.header), len(column.leaves()), align="center"))
            rows[1].extend(n.Cell(text_content(leaf.header), align="center") for leaf in column.leaves())
        else:
            rows[0].append(n.Cell(text_content(column.header), rowspan=depth, align="center"))
    return tuple(n.Row("header", tuple(cells)) for cells in rows)


def _rows(annex: Annex, lives: dict[str, n.Live]) -> tuple[n.Row, ...]:
    """Group and data rows, numbered through or per group."""
    leaves = annex.leaves()
    # The Roman numeral goes in the index column only when that column comes first.
    index_first = bool(leaves) and leaves[0].type == "index"
    rows: list[n.Row] = []
    number = 0
    # Nodes are immutable, so one cell serves every row that prints the same figure: a nationwide annex
    # repeats its small counts thousands of times, and making each anew was most of compose's time.
    figures: dict[tuple, n.Cell] = {}
    for position, group in enumerate(annex.groups, start=1):
        if group.label is not None:
            rows.append(_group_row(group.numeral or roman(position), group.label, len(leaves), index_first))
            if annex.numbering == "per_group":
                number = 0
        for row in group.rows:
            number += 1
            rows.append(n.Row("data", tuple(_data_cell(leaf, row, number, figures, lives.get(leaf.key))
                                            for leaf in leaves)))
    return tuple(rows)


def _group_row(numeral: str, label: str, width: int, index_first: bool) -> n.Row:
    if index_first and width > 1:
        return n.Row("group", (n.Cell(text_content(numeral), align="center"), n.Cell(text_content(label), width - 1)))
    return n.Row("group", (n.Cell(text_content(f"{numeral}. {label}"), width),))


_BLANK = n.Cell(())


def _data_cell(leaf: Column, row: Row, number: int, figures: dict[tuple, n.Cell], live: n.Live | None) -> n.Cell:
    """Figures typed (writers format them), text with its blanks collapsed; a % of plan with its formula."""
    if leaf.type == "index":
        return n.Cell((n.Num(Decimal(number)),))
    value = row.value(leaf.key)
    if value is None:
        return _BLANK if live is None else n.Cell((), live=live)  # no plan yet: a plan typed in the sheet gives one
    if leaf.is_numeric and isinstance(value, Decimal):
        # Equal figures of one column print alike (the column's decimals), whatever zeros the input typed.
        key = (value, leaf.type, leaf.decimals, live)
        cell = figures.get(key)
        if cell is None:
            cell = figures[key] = n.Cell((n.Num(value, leaf.type, leaf.decimals),), live=live)
        return cell
    return n.Cell(text_content(str(value)))


def _label_span(annex: Annex) -> int:
    """The leading columns that carry no figure: the label of total and comparison rows spans them."""
    span = 0
    for leaf in annex.leaves():
        if leaf.is_numeric or leaf.aggregate:
            break
        span += 1
    return span


def _total_row(annex: Annex, words: Words, lives: dict[str, n.Live]) -> n.Row:
    span = _label_span(annex)
    # A total compose adds (a unit's share, compose.by_unit) has no label of the clerk's: the template's words.
    label = text_content(annex.total.label if annex.total.label is not None else words.tong_cong)
    # With a figure in the first column the label goes in the column that names the rows.
    cells = [n.Cell(label, span, align="center")] if span else []
    for leaf in annex.leaves()[span:]:
        cell = annex.total.cells.get(leaf.key)
        value = cell.value if cell is not None else None
        if leaf.key in lives:
            content = (n.Num(value, leaf.type, leaf.decimals),) if isinstance(value, Decimal) else ()
            cells.append(n.Cell(content, live=lives[leaf.key]))
        elif leaf.is_numeric and isinstance(value, Decimal):
            cells.append(n.Cell((n.Num(value, leaf.type, leaf.decimals),), live=_aggregate(annex, leaf, value)))
        elif not span and leaf.key == annex.label_key:
            cells.append(n.Cell(label, align="center"))
        else:
            cells.append(n.Cell(text_content("" if value is None else str(value))))
    return n.Row("total", tuple(cells))


def _aggregate(annex: Annex, leaf: Column, printed: Decimal) -> n.Live | None:
    """The formula of a total cell, only where the rows give back exactly the printed total."""
    if computed_total(annex, leaf) != printed:
        return None
    if leaf.aggregate == "sum":
        return n.Live("sum")
    keys = [c.key for c in annex.leaves()]
    return n.Live("mean", weight=keys.index(leaf.weight))


def _comparison_row(annex: Annex, words: Words) -> n.Row:
    span = _label_span(annex)
    label = text_content(annex.comparison.label)
    cells = [n.Cell(label, span, align="center")] if span else []
    under_label = {leaf.key for leaf in annex.leaves()[:span]}
    for column in annex.columns:
        if any(leaf.key in under_label for leaf in column.leaves()):
            continue
        if not span and column.key == annex.label_key:
            cells.append(n.Cell(label, align="center"))
            continue
        change = annex.comparison.changes.get(column.id)
        width = len(column.leaves())
        cells.append(_change_cell(annex, column, change, width, words) if change is not None else
                     n.Cell((), width, align="center"))
    return n.Row("comparison", tuple(cells))


def _change_cell(annex: Annex, column: Column, change: Change, width: int, words: Words) -> n.Cell:
    """"Tăng 23 xã" as words around a figure (writers format it), with its formula where the totals give it."""
    decimals = max(leaf.decimals for leaf in column.leaves())
    if change.direction == 0:
        # A change compose computes (a unit's share) has no text of the clerk's: the template's words.
        content = text_content(change.text if change.text is not None else words.khong_doi)
    else:
        figure = n.Num(change.amount, "decimal" if decimals else "count", decimals)
        content = _around(words.tang if change.direction > 0 else words.giam, figure, change.measure or "")
    return n.Cell(content, width, align="center", live=_difference(annex, column, change, decimals))


def _around(before: str, figure: n.Num, after: str) -> tuple[n.Inline, ...]:
    """Words either side of a figure with one blank between ("Tăng 23 xã"); blank words leave no node."""
    before, after = " ".join(before.split()), " ".join(after.split())
    return ((n.Text(nfc(f"{before} ")),) if before else ()) + (figure,) + \
        ((n.Text(nfc(f" {after}")),) if after else ())


def _difference(annex: Annex, column: Column, change: Change, decimals: int) -> n.Live | None:
    periods = annex.period_columns(column)
    if periods is None or annex.total is None:
        return None
    values = [annex.total.cells.get(leaf.key) for leaf in periods]
    op, figures = "change", [cell.value if cell is not None else None for cell in values]
    if all(figure is None for figure in figures) and all(leaf.aggregate == "sum" for leaf in periods):
        # Totals left blank in print: the workbook sums the two columns' rows, as the check engine did.
        op, figures = "change_rows", [computed_total(annex, leaf) for leaf in periods]
    if any(not isinstance(figure, Decimal) for figure in figures):
        return None
    if figures[1] - figures[0] != change.direction * change.amount:
        return None  # the wording stands as printed; a formula would say otherwise
    keys = [leaf.key for leaf in annex.leaves()]
    return n.Live(op, earlier=keys.index(periods[0].key), later=keys.index(periods[1].key), decimals=decimals,
                  measure=nfc(column.measure or change.measure or ""),
                  difference=figures[1] - figures[0] if op == "change_rows" else None)
