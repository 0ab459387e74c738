"""A computed column's declaration (`computed: {share: so_xa}`) into model.Computed, checked against the columns."""

from __future__ import annotations

from dataclasses import replace

from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.model.plan import Column, Computed

# op -> how many operands (None: two or more), and whether the result is a percentage
OPS = {"share": (1, True), "percent": (2, True), "sum": (None, False), "difference": (2, False)}
_EXAMPLES = "{share: so_xa}, {percent: [thuc_hien, ke_hoach]}, {sum: [a, b]} hoặc {difference: [kh_2021, th_2020]}"


def read_computed(raw: Raw | None, what: str, problems: Problems) -> Computed | None:
    """`computed:` of one column: a mapping of one op to its operand column key(s)."""
    if raw is None:
        return None
    if not raw.is_map or len(raw.value) != 1 or next(iter(raw.value)) not in OPS:
        problems.add(f"{what}: 'computed' ghi một trong {', '.join(OPS)} và cột của nó, ví dụ {_EXAMPLES}.", raw.loc)
        return None
    op, node = next(iter(raw.value.items()))
    items = node.value if node.is_list else [node]
    operands = tuple(i.value.strip() for i in items if isinstance(i.value, str) and i.value.strip())
    count, _ = OPS[op]
    if len(operands) != len(items) or (count is not None and len(operands) != count) or \
            (count is None and len(operands) < 2):
        wanted = "một mã cột" if count == 1 else "hai mã cột" if count == 2 else "danh sách từ hai mã cột"
        problems.add(f"{what}: 'computed: {{{op}: ...}}' cần {wanted}, ví dụ {_EXAMPLES}.", node.loc)
        return None
    return Computed(op, operands, raw.loc)


def check_computed(columns: tuple[Column, ...], what: str, problems: Problems) -> tuple[Column, ...]:
    """Operands name numeric leaves declared before (so the order of computing is the order of columns);
    a share or a percentage is a percent column; a computed column takes no 'aggregate' (its total is the
    same formula on the total row). A column whose declaration fails is left computed by nobody."""
    leaves = [leaf for column in columns for leaf in column.leaves()]
    broken = set()
    for column in columns:
        if column.is_group and column.computed is not None:
            problems.add(f"{what}: cột nhóm '{column.id}' không tính được; ghi 'computed' ở từng cột con.",
                         column.computed.loc)
            broken.add(column.key)
    for position, leaf in enumerate(leaves):
        if leaf.computed is not None and not _valid(leaf, leaves[:position], leaves, what, problems):
            broken.add(leaf.key)
    return tuple(_without(column, broken) for column in columns) if broken else columns


def _valid(leaf: Column, before: list[Column], leaves: list[Column], what: str, problems: Problems) -> bool:
    name = f"{what}: cột tính '{leaf.key}'"
    earlier = {c.key: c for c in before}
    for key in leaf.computed.operands:
        if key not in earlier:
            later = any(c.key == key for c in leaves)
            reason = "khai sau nó (hoặc là chính nó): đặt cột đó trước" if later else \
                f"không có trong biểu (các cột: {', '.join(c.key for c in leaves)})"
            problems.add(f"{name} dùng cột '{key}' {reason}.", leaf.computed.loc)
            return False
        if not earlier[key].is_numeric:
            problems.add(f"{name} dùng cột '{key}' không phải cột số.", leaf.computed.loc)
            return False
        if earlier[key].computed is not None and earlier[key].computed.op == "share":
            # shares are worked out last, once every total is known: nothing may be built on one
            problems.add(f"{name} dùng cột tỷ lệ '{key}' (share): tính từ các cột số gốc thay vì từ tỷ lệ.",
                         leaf.computed.loc)
            return False
    if not leaf.is_numeric or (OPS[leaf.computed.op][1] and leaf.type != "percent"):
        kind = "percent" if OPS[leaf.computed.op][1] else "count, decimal hoặc percent"
        problems.add(f"{name} phải có 'type: {kind}'.", leaf.loc)
        return False
    if leaf.aggregate is not None:
        problems.add(f"{name} không khai 'aggregate': ô dòng tổng của nó tính theo cùng công thức.", leaf.loc)
        return False
    return True


def _without(column: Column, broken: set[str]) -> Column:
    if column.key in broken:
        column = replace(column, computed=None)
    if column.children:
        return replace(column, children=tuple(_without(c, broken) for c in column.children))
    return column
