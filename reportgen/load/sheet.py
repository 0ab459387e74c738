"""A workbook sheet laid out as an annex table, read back into YAML-shaped rows.

Layout (the one the XLSX writer produces): any lines above the table; a header whose first
cell (column A) is the first column's header; one header row per level of the column tree;
then group rows (Roman numeral in column A), data rows, the total row and the comparison row
(their label in column A or B). The table ends at the first empty row; below it only notes
(one text cell a row) may follow.
"""

from __future__ import annotations

from reportgen.errors import Location, Problems
from reportgen.load.raw import Raw, SheetRows
from reportgen.load.xlsx_file import SheetGrid
from reportgen.model.plan import Column, name_column
from reportgen.vi import is_roman


def _words(raw: Raw) -> str:
    if raw.value is None:
        return ""
    return " ".join(str(raw.text if raw.text is not None else raw.value).split())


def read_sheet(grid: SheetGrid, columns: tuple[Column, ...], total_label: str | None,
               comparison_label: str | None, problems: Problems) -> SheetRows | None:
    depth = 2 if any(c.is_group for c in columns) else 1
    header_row = next((r for r in range(1, grid.max_row + 1)
                       if _words(grid.get(r, 1)) == columns[0].header), None)
    if header_row is None:
        problems.add(f"Không tìm thấy dòng tiêu đề bảng: cột A phải có ô ghi '{columns[0].header}'.",
                     grid.loc(1, 1))
        return None
    if not _headers_match(grid, header_row, columns, problems):
        return None
    if name_column(columns) is None:
        return None  # the definition already has a problem saying so
    reader = _Body(grid, columns, total_label, comparison_label, problems)
    reader.read(header_row + depth)
    return reader.result()


def _spans(columns: tuple[Column, ...]):
    """Each top-level column with its first sheet column (1-based) and how many sheet columns it takes."""
    first = 1
    for column in columns:
        span = max(1, len(column.children))
        yield column, first, span
        first += span


def _headers_match(grid: SheetGrid, row: int, columns: tuple[Column, ...], problems: Problems) -> bool:
    ok = True
    for column, col, _ in _spans(columns):
        expected = [(row, col, column.header)]
        expected += [(row + 1, col + i, child.header) for i, child in enumerate(column.children)]
        for r, c, header in expected:
            if _words(grid.get(r, c)) != header:
                problems.add(f"Tiêu đề cột là '{_words(grid.get(r, c))}', định nghĩa biểu ghi '{header}'. "
                             "Sửa tiêu đề trong sổ tính hoặc trong tệp định nghĩa biểu.", grid.loc(r, c))
                ok = False
    return ok


def _numbered_group(text: str) -> str | None:
    """The label of "IV. Huyện Tây Lĩnh", or None."""
    numeral, dot, label = text.partition(". ")
    if not dot or not is_roman(numeral):
        return None
    return label.strip() or None


class _Body:
    def __init__(self, grid: SheetGrid, columns, total_label, comparison_label, problems: Problems) -> None:
        self.grid, self.columns, self.problems = grid, columns, problems
        self.labels = {total_label: "total", comparison_label: "comparison"}
        self.labels.pop(None, None)
        self.leaves = [leaf for c in columns for leaf in c.leaves()]
        self.label_col = 1 + self.leaves.index(name_column(columns))
        self.rows: list[Raw] = []
        self.groups: list[tuple[Raw, list[Raw]]] = []
        self.total: Raw | None = None
        self.comparison: Raw | None = None

    def _cells(self, r: int) -> list[Raw]:
        return [self.grid.get(r, c) for c in range(1, len(self.leaves) + 1)]

    def read(self, first: int) -> None:
        for r in range(first, self.grid.max_row + 1):
            cells = self._cells(r)
            if all(cell.value is None for cell in cells):
                self._refuse_rows_after(r)
                return
            self._row(r, cells)

    def _refuse_rows_after(self, blank: int) -> None:
        """Below the table stand notes and signatures; a row that looks like data means a stray blank row."""
        for r in range(blank + 1, self.grid.max_row + 1):
            cells = self._cells(r)
            first, label = _words(cells[0]), _words(cells[self.label_col - 1])
            numbers = [c for c, leaf in zip(cells, self.leaves)
                       if leaf.is_numeric and c.value is not None and not isinstance(c.value, str)]
            if numbers or first.isdigit() or is_roman(first) or {first, label} & set(self.labels):
                where = (numbers or [c for c in cells if c.value is not None])[0].loc
                self.problems.add(f"Có dữ liệu bảng sau dòng trống {blank}: bảng kết thúc ở dòng trống đầu tiên. "
                                  "Xóa dòng trống trong bảng (dưới bảng chỉ để ghi chú, chữ ký).", where)
                return

    def _row(self, r: int, cells: list[Raw]) -> None:
        first, label = _words(cells[0]), _words(cells[self.label_col - 1])
        kind = self.labels.get(first) or self.labels.get(label)
        if kind == "total":
            self.total = self._mapping(r, cells, skip_label=True)
        elif kind == "comparison":
            self.comparison = self._changes(r, cells)
        elif is_roman(first) and all(c.value is None for i, c in enumerate(cells) if i not in (0, self.label_col - 1)):
            self.groups.append((Raw(label, self.grid.loc(r, self.label_col), text=label), []))
        elif _numbered_group(first) and all(c.value is None for c in cells[1:]):
            # "I. Huyện Đông Sơn" across the row: a table with no TT column numbers its groups in the label.
            label = _numbered_group(first)
            self.groups.append((Raw(label, self.grid.loc(r, 1), text=label), []))
        else:
            self._refuse_merges(r)
            row = self._mapping(r, cells, skip_label=False)
            (self.groups[-1][1] if self.groups else self.rows).append(row)

    def _mapping(self, r: int, cells: list[Raw], skip_label: bool) -> Raw:
        values, keys = {}, {}
        for column, first, span in _spans(self.columns):
            part = cells[first - 1:first - 1 + span]
            if column.type == "index" or (skip_label and first == self.label_col):
                continue
            values[column.id] = Raw(part, part[0].loc) if column.is_group else part[0]
            keys[column.id] = part[0].loc
        return Raw(values, self.grid.loc(r, 1), keys)

    def _changes(self, r: int, cells: list[Raw]) -> Raw:
        """The comparison row: the first filled cell under each grouped column (merged in print)."""
        values, keys = {}, {}
        for column, first, span in _spans(self.columns):
            filled = [c for c in cells[first - 1:first - 1 + span] if c.value is not None]
            if column.is_group and filled:
                values[column.id], keys[column.id] = filled[0], filled[0].loc
        return Raw(values, self.grid.loc(r, 1), keys)

    def _refuse_merges(self, r: int) -> None:
        for top, left, bottom, right in self.grid.merged:
            if top <= r <= bottom:
                self.problems.add("Ô gộp nằm trong vùng dữ liệu: bỏ gộp ô và ghi giá trị vào từng ô.",
                                  self.grid.loc(top, left))

    def result(self) -> SheetRows:
        if self.groups and self.rows:
            self.problems.add("Có dòng dữ liệu trước dòng nhóm đầu tiên (I, II, ...).", self.rows[0].loc)
        if self.groups:
            groups = [Raw({"label": label, "rows": Raw(rows, label.loc)}, label.loc) for label, rows in self.groups]
            return SheetRows(None, Raw(groups, self.grid.loc(1, 1)), self.total, self.comparison, self._sheet())
        return SheetRows(Raw(self.rows, self.grid.loc(1, 1)), None, self.total, self.comparison, self._sheet())

    def _sheet(self) -> Location:
        return Location(self.grid.workbook, sheet=self.grid.name)
