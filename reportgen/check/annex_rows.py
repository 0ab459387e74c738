"""Rows of an annex, YAML-shaped (from YAML or from a sheet), into typed cells by leaf key."""

from __future__ import annotations

import re
from decimal import Decimal

from reportgen.check.fields import as_number, as_text, within_decimals
from reportgen.check.pending import is_pending
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.model.plan import Cell, Column, Row
from reportgen.vi import deadline_forms, is_recurring, parse_deadline, round_half_up


_TOTAL_WORDS = re.compile(r"^(tổng cộng|tổng số|tổng|cộng|toàn tỉnh|cả tỉnh)$", re.IGNORECASE)


class RowReader:
    """Types one row mapping: `{unit: ..., group_col: [v1, v2], text_col: ...}`."""

    def __init__(self, columns: tuple[Column, ...], what: str, problems: Problems) -> None:
        self.columns = {c.id: c for c in columns}
        self.leaves = [leaf for c in columns for leaf in c.leaves() if leaf.type != "index"]
        self.what = what
        self.problems = problems

    def row(self, raw: Raw, label_key: str | None = None) -> Row | None:
        if not raw.is_map:
            self.problems.add(f"{self.what}: mỗi dòng là một bảng 'mã cột: giá trị'.", raw.loc)
            return None
        cells: dict[str, Cell] = {}
        for column_id, node in raw.value.items():
            column = self.columns.get(column_id)
            where = raw.keys.get(column_id, node.loc)
            if column is None:
                known = ", ".join(c for c, col in self.columns.items() if col.type != "index")
                self.problems.add(f"{self.what}: không có cột '{column_id}'. Các cột: {known}.", where)
            elif column.type == "index":
                self.problems.add(f"{self.what}: cột '{column_id}' ({column.header}) được đánh số tự động; "
                                  "bỏ nó khỏi dòng.", where)
            elif column.is_group:
                cells.update(self._group(column, node))
            else:
                cells[column.key] = self.cell(column, node)
        for leaf in self.leaves:
            cells.setdefault(leaf.key, Cell(None, raw.loc))  # an omitted cell is a blank one
        if label_key and (label_key not in cells or cells[label_key].blank):
            self.problems.add(f"{self.what}: dòng thiếu tên ở cột '{label_key}'.", raw.loc)
        elif label_key and _TOTAL_WORDS.match(str(cells[label_key].value)):
            self.problems.add(f"{self.what}: dòng '{cells[label_key].value}' nằm giữa các dòng số liệu. Khai báo "
                              "'total: {label: ...}' trong tệp biểu để reportgen kiểm tra dòng tổng, không cộng "
                              "nó như một đơn vị.", cells[label_key].loc)
        return Row(cells, raw.loc)

    def _group(self, column: Column, node: Raw) -> dict[str, Cell]:
        if not node.is_list or len(node.value) != len(column.children):
            ids = ", ".join(c.id for c in column.children)
            self.problems.add(f"{self.what}: cột '{column.id}' cần danh sách {len(column.children)} giá trị "
                              f"theo thứ tự [{ids}]; để trống viết ~.", node.loc)
            return {}
        return {child.key: self.cell(child, item) for child, item in zip(column.children, node.value)}

    def cell(self, column: Column, node: Raw) -> Cell:
        what = f"{self.what}, cột '{column.key}'"
        if node.is_blank and not (node.is_map or node.is_list):
            return Cell(None, node.loc)
        if (column.is_numeric or column.type == "deadline") and is_pending(node):  # to type (a rolled plan)
            return Cell(None, node.loc, pending=True)
        if column.is_numeric:
            return Cell(self._figure(column, node, what), node.loc)
        text = as_text(node, what, self.problems, required=False)
        if column.type == "mark" and text is not None:
            if text.upper() != "X":
                self.problems.add(f"{what}: ô đánh dấu chỉ ghi X hoặc để trống, thấy '{text}'.", node.loc)
                return Cell(None, node.loc)
            text = "X"
        if column.type == "deadline" and text is not None and not (parse_deadline(text) or is_recurring(text)):
            self.problems.add(f"{what}: không đọc được thời hạn '{text}'. Viết như {deadline_forms()}.", node.loc)
        return Cell(text, node.loc)

    def _figure(self, column: Column, node: Raw, what: str) -> Decimal | None:
        value = as_number(node, what, self.problems)
        if value is not None and node.percent:
            if column.type != "percent":
                self.problems.add(f"{what}: ô định dạng phần trăm nhưng cột không phải tỷ lệ (type: percent). "
                                  "Bỏ định dạng % của ô hoặc sửa kiểu cột.", node.loc)
                return None
            value = value * 100  # the sheet holds 0,674 for 67,4%; the model holds percentage points
        if value is not None and column.type == "count" and looks_grouped(value):
            self.problems.add(f"{what}: số đếm '{node.text}' có dấu chấm. Nếu là {int(value * 1000):d} thì viết "
                              f"{int(value * 1000):d}; nếu là {int(value):d} thì viết {int(value):d}.", node.loc)
            return None
        value = within_decimals(value, column, node, what, self.problems)
        if value is None or column.type == "count":
            return value  # counts keep what was written: the count rule judges 12.5 or -1
        return round_half_up(value, column.decimals)  # 5 in a column of one decimal is 5,0


def looks_grouped(value: Decimal) -> bool:
    """8.000 in a count: a whole number written with decimals, most likely a thousands dot."""
    return value.as_tuple().exponent < 0 and value == value.to_integral_value()
