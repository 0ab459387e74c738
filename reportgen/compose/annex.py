"""One annex as plain rows for the annex template: header tree as merged cells, group, total, comparison rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from reportgen.compose.markup import text_content, view_rows
from reportgen.model.plan import Annex, Change, Column, Row
from reportgen.model.tables import computed_total
from reportgen.tree import nodes as n
from reportgen.vi import roman

# Relative column widths by type. Text columns grow with the length of their cells (mean plus a quarter of
# the longest, about 18 characters a share), between 2,2 shares (3,2 for unit names) and 8.
_WIDTHS = {"index": Decimal("0.8"), "mark": Decimal("1.6"), "deadline": Decimal("2"), "count": Decimal("1.3"),
           "decimal": Decimal("1.3"), "percent": Decimal("1.3")}
_ALIGN = {"index": "center", "mark": "center", "deadline": "center", "count": "center", "decimal": "center",
          "percent": "center"}


@dataclass
class ViewCell:
    text: str = ""                   # the text, or what stands before the figure
    num: dict | None = None          # value, kind, decimals for a figure
    colspan: int = 1
    rowspan: int = 1
    align: str | None = None
    after: str = ""                  # what stands after the figure ("Tăng 23 xã")
    live: dict | None = None         # the formula a spreadsheet keeps: op, and weight / earlier, later, decimals, measure


@dataclass
class ViewRow:
    kind: str
    cells: list[ViewCell] = field(default_factory=list)


@dataclass
class AnnexView:
    annex: Annex
    columns: list[tuple[Decimal, str]]
    header: list[ViewRow]
    body: tuple[n.Row, ...]          # already tree rows: the template leaves them to the parser
    key: str = ""                    # the template writes <tbody rows="key"/>: see body_rows()


def body_rows(views: list[AnnexView]) -> dict[str, tuple[n.Row, ...]]:
    """Names each view's body for the template, which the parser puts in its place (compose.markup)."""
    for number, view in enumerate(views, start=1):
        view.key = f"bang-{number}"
    return {view.key: view.body for view in views}


def annex_view(annex: Annex) -> AnnexView:
    leaves = annex.leaves()
    columns = [(_width(annex, leaf), _ALIGN.get(leaf.type or "", "left")) for leaf in leaves]
    return AnnexView(annex, columns, _header(annex), _body(annex))


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


def _header(annex: Annex) -> list[ViewRow]:
    depth = 2 if any(c.is_group for c in annex.columns) else 1
    rows = [ViewRow("header") for _ in range(depth)]
    for column in annex.columns:
        if column.is_group:
            rows[0].cells.append(ViewCell(column.header, colspan=len(column.leaves()), align="center"))
            rows[1].cells.extend(ViewCell(leaf.header, align="center") for leaf in column.leaves())
        else:
            rows[0].cells.append(ViewCell(column.header, rowspan=depth, align="center"))
    return rows


def _body(annex: Annex) -> tuple[n.Row, ...]:
    """Tree rows: data rows built straight (a nationwide annex has 10.000), the few others through view_rows."""
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
            rows.extend(view_rows([_group_row(group.numeral or roman(position), group.label, len(leaves),
                                              index_first)]))
            if annex.numbering == "per_group":
                number = 0
        for row in group.rows:
            number += 1
            rows.append(n.Row("data", tuple(_data_cell(leaf, row, number, figures) for leaf in leaves)))
    ends = ([_total_row(annex)] if annex.total is not None else []) + \
        ([_comparison_row(annex)] if annex.comparison is not None else [])
    return tuple(rows) + view_rows(ends)


def _group_row(numeral: str, label: str, width: int, index_first: bool) -> ViewRow:
    if index_first and width > 1:
        return ViewRow("group", [ViewCell(numeral, align="center"), ViewCell(label, colspan=width - 1)])
    return ViewRow("group", [ViewCell(f"{numeral}. {label}", colspan=width)])


_BLANK = n.Cell(())


def _data_cell(leaf: Column, row: Row, number: int, figures: dict[tuple, n.Cell]) -> n.Cell:
    """The nodes the markup of the same cell would parse to: figures typed, text with its blanks collapsed."""
    if leaf.type == "index":
        return n.Cell((n.Num(Decimal(number)),))
    value = row.value(leaf.key)
    if value is None:
        return _BLANK
    if leaf.is_numeric and isinstance(value, Decimal):
        # Equal figures of one column print alike (the column's decimals), whatever zeros the input typed.
        key = (value, leaf.type, leaf.decimals)
        cell = figures.get(key)
        if cell is None:
            cell = figures[key] = n.Cell((n.Num(value, leaf.type, leaf.decimals),))
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


def _total_row(annex: Annex) -> ViewRow:
    span = _label_span(annex)
    leaves = annex.leaves()
    # With a figure in the first column the label goes in the column that names the rows.
    cells = [ViewCell(annex.total.label, colspan=span, align="center")] if span else []
    for leaf in leaves[span:]:
        cell = annex.total.cells.get(leaf.key)
        value = cell.value if cell is not None else None
        if leaf.is_numeric and isinstance(value, Decimal):
            cells.append(ViewCell(num=_figure(value, leaf.type, leaf.decimals), live=_aggregate(annex, leaf, value)))
        elif not span and leaf.key == annex.label_key:
            cells.append(ViewCell(annex.total.label, align="center"))
        else:
            cells.append(ViewCell("" if value is None else str(value)))
    return ViewRow("total", cells)


def _figure(value: Decimal, kind: str, decimals: int) -> dict:
    return {"value": value, "kind": kind, "decimals": decimals}


def _aggregate(annex: Annex, leaf: Column, printed: Decimal) -> dict | None:
    """The formula of a total cell, only where the rows give back exactly the printed total."""
    if computed_total(annex, leaf) != printed:
        return None
    if leaf.aggregate == "sum":
        return {"op": "sum"}
    keys = [c.key for c in annex.leaves()]
    return {"op": "mean", "weight": keys.index(leaf.weight)}


def _comparison_row(annex: Annex) -> ViewRow:
    span = _label_span(annex)
    cells = [ViewCell(annex.comparison.label, colspan=span, align="center")] if span else []
    under_label = {leaf.key for leaf in annex.leaves()[:span]}
    for column in annex.columns:
        if any(leaf.key in under_label for leaf in column.leaves()):
            continue
        if not span and column.key == annex.label_key:
            cells.append(ViewCell(annex.comparison.label, align="center"))
            continue
        change = annex.comparison.changes.get(column.id)
        cell = _change_cell(annex, column, change) if change is not None else ViewCell(align="center")
        cell.colspan = len(column.leaves())
        cells.append(cell)
    return ViewRow("comparison", cells)


def _change_cell(annex: Annex, column: Column, change: Change) -> ViewCell:
    """"Tăng 23 xã" as words around a figure (writers format it), with its formula where the totals give it."""
    decimals = max(leaf.decimals for leaf in column.leaves())
    if change.direction == 0:
        cell = ViewCell(change.text, align="center")
    else:
        word = "Tăng " if change.direction > 0 else "Giảm "
        cell = ViewCell(word, num=_figure(change.amount, "decimal" if decimals else "count", decimals),
                        after=f" {change.measure}" if change.measure else "", align="center")
    cell.live = _difference(annex, column, change, decimals)
    return cell


def _difference(annex: Annex, column: Column, change: Change, decimals: int) -> dict | None:
    periods = annex.period_columns(column)
    if periods is None or annex.total is None:
        return None
    values = [annex.total.cells.get(leaf.key) for leaf in periods]
    if any(cell is None or not isinstance(cell.value, Decimal) for cell in values):
        return None
    if values[1].value - values[0].value != change.direction * change.amount:
        return None  # the wording stands as printed; a formula would say otherwise
    keys = [leaf.key for leaf in annex.leaves()]
    return {"op": "change", "earlier": keys.index(periods[0].key), "later": keys.index(periods[1].key),
            "decimals": decimals, "measure": column.measure or change.measure}
