"""An annex definition as data: the column tree, key, total and comparison rows (its rules: cross_def.py)."""

from __future__ import annotations

from reportgen.check.computed_def import check_computed, read_computed
from reportgen.check.fields import MAX_DECIMALS, Fields, decimals_allowed
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.model.plan import LEAF_TYPES, NUMERIC_TYPES, Column, name_column

AGGREGATES = frozenset({"sum", "weighted_mean", "none"})


def identifier(value: str | None) -> bool:
    return bool(value) and value.isascii() and value.isidentifier()


def build_columns(raw: Raw | None, what: str, problems: Problems) -> tuple[Column, ...]:
    """The column tree; at most two header levels, ids unique at each level."""
    columns = check_computed(_columns(raw, what, "", problems), what, problems)
    _check_weights(columns, what, problems)
    if raw is not None and name_column(columns) is None:
        problems.add(f"{what}: cần một cột tên dòng (type: unit hoặc text).", raw.loc)
    return columns


def _columns(raw: Raw | None, what: str, parent: str, problems: Problems) -> tuple[Column, ...]:
    if raw is None:
        return ()
    if not raw.is_list or not raw.value:
        problems.add(f"{what}: 'columns' phải là danh sách cột.", raw.loc)
        return ()
    columns = tuple(c for c in (_column(node, what, parent, problems) for node in raw.value) if c)
    _check_unique(columns, what, problems)
    return columns


def _spec(f: Fields, is_group: bool, what: str, problems: Problems) -> dict:
    """A column's type, aggregation and the rest, as Column keyword arguments."""
    spec = dict(
        type=f.choice("type", LEAF_TYPES, required=not is_group),
        aggregate=f.choice("aggregate", AGGREGATES, required=False),
        weight=f.text("weight", required=False),
        decimals=f.integer("decimals", required=False, default=0),
        measure=f.text("measure", required=False),
        cumulative=f.flag("cumulative"),
        computed=read_computed(f.node("computed", required=False), what, problems),
    )
    if spec["aggregate"] == "none":
        spec["aggregate"] = None
    if not decimals_allowed(spec["decimals"]):
        problems.add(f"{what}: 'decimals' phải từ 0 đến {MAX_DECIMALS}.", f.loc)
        spec["decimals"] = 0
    return spec


def _column(raw: Raw, what: str, parent: str, problems: Problems) -> Column | None:
    f = Fields(raw, f"{what}, cột", problems)
    column_id, header = f.text("id"), f.text("header")
    children_node = f.node("columns", required=False)
    spec = _spec(f, children_node is not None, f"{what}, cột '{column_id}'", problems)
    f.finish()
    if column_id is None or header is None:
        return None
    if not identifier(column_id):
        problems.add(f"{what}: mã cột '{column_id}' chỉ dùng chữ không dấu, số và '_', không bắt đầu "
                     "bằng số (ví dụ kh_2020).", raw.get("id").loc)
        return None
    key = f"{parent}.{column_id}" if parent else column_id
    children: tuple[Column, ...] = ()
    if children_node is not None:
        if parent:
            problems.add(f"{what}: chỉ hỗ trợ hai tầng tiêu đề; cột '{key}' lồng quá sâu.", raw.loc)
        else:
            children = _columns(children_node, what, key, problems)
        if spec["type"] is not None:
            problems.add(f"{what}: cột nhóm '{column_id}' không có 'type'; kiểu nằm ở các cột con.", raw.loc)
    if spec["aggregate"] and spec["type"] not in NUMERIC_TYPES:
        problems.add(f"{what}: cột '{key}' có 'aggregate' nhưng không phải cột số.", raw.loc)
    return Column(column_id, header, children=children, key=key, loc=raw.loc, **spec)


def _check_unique(columns: tuple[Column, ...], what: str, problems: Problems) -> None:
    seen: set[str] = set()
    for column in columns:
        if column.id in seen:
            problems.add(f"{what}: mã cột '{column.id}' lặp lại.", column.loc)
        seen.add(column.id)


def _check_weights(columns: tuple[Column, ...], what: str, problems: Problems) -> None:
    leaves = {leaf.key: leaf for col in columns for leaf in col.leaves()}
    for leaf in leaves.values():
        if leaf.weight is None:
            continue
        target = leaves.get(leaf.weight)
        if leaf.aggregate != "weighted_mean":
            problems.add(f"{what}: cột '{leaf.key}' có 'weight' nhưng không phải weighted_mean.", leaf.loc)
        elif target is None or not target.is_numeric:
            problems.add(f"{what}: trọng số '{leaf.weight}' của cột '{leaf.key}' phải là mã một cột số "
                         f"của biểu (các cột: {', '.join(leaves)}).", leaf.loc)
