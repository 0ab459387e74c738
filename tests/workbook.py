"""Test helper: writes typed annexes into a workbook in the layout the XLSX reader expects.

Test-only (openpyxl); the product's XLSX writer comes with the export issue.
"""

from __future__ import annotations

from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import yaml
from openpyxl import Workbook, load_workbook

from reportgen.model.plan import Annex
from reportgen.vi import roman


def write_annexes(annexes: list[Annex], path: Path) -> None:
    book = Workbook()
    book.remove(book.active)
    for annex in annexes:
        _sheet(book.create_sheet(annex.label), annex)
    book.save(path)


def _sheet(ws, annex: Annex) -> None:
    leaves = annex.leaves()
    lines: list[list] = [[annex.label], [annex.title], []]
    header = len(lines) + 1
    depth = 2 if any(c.is_group for c in annex.columns) else 1
    top, sub, merges, col = [], [], [], 1
    for column in annex.columns:
        span = max(1, len(column.children))
        top += [column.header] + [None] * (span - 1)
        sub += [c.header for c in column.children] or [None]
        if column.is_group:
            merges.append((header, col, header, col + span - 1))
        elif depth == 2:
            merges.append((header, col, header + 1, col))
        col += span
    lines += [top, sub] if depth == 2 else [top]
    lines += _body(annex, leaves)
    for number, line in enumerate(lines, start=1):
        for column, value in enumerate(line, start=1):
            if value is not None:
                ws.cell(number, column, value)
    for top_row, left, bottom, right in merges:
        ws.merge_cells(start_row=top_row, start_column=left, end_row=bottom, end_column=right)


def _body(annex: Annex, leaves) -> list[list]:
    lines, number = [], 0
    label_col = next(i for i, c in enumerate(leaves) if c.type in ("unit", "text"))
    for index, group in enumerate(annex.groups, start=1):
        if group.label is not None:
            row = [None] * len(leaves)
            row[0], row[label_col] = roman(index), group.label
            lines.append(row)
        for data in group.rows:
            number += 1
            lines.append([number if c.type == "index" else _value(data.value(c.key)) for c in leaves])
    if annex.total is not None:
        cells = annex.total.cells
        lines.append([annex.total.label] + [_value(cells[c.key].value) if c.key in cells else None
                                            for c in leaves[1:]])
    if annex.comparison is not None:
        row: list = [annex.comparison.label] + [None] * (len(leaves) - 1)
        for column_id, change in annex.comparison.changes.items():
            row[leaves.index(annex.top(column_id).children[0])] = change.text
        lines.append(row)
    return lines


def _value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    return value


def point_annexes_at_workbook(folder: Path, workbook: str) -> None:
    """Rewrites each annex YAML so its rows come from `workbook` instead of the YAML."""
    for path in sorted(folder.glob("bieu-*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for key in ("rows", "groups"):
            data.pop(key, None)
        for key in ("total", "comparison"):
            if key in data:
                data[key].pop("values", None)
        data["source"] = workbook
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@contextmanager
def edited_workbook(path: Path):
    """Opens a workbook to change some cells, and saves it when the block ends."""
    book = load_workbook(path)
    yield book
    book.save(path)


def rewritten_by_xlsxwriter(path: Path, formulas: dict[tuple[str, str], tuple[str, object]]) -> None:
    """The workbook copied cell by cell by XlsxWriter, with `formulas` {(sheet, cell): (formula, saved value)}:
    a saved value None is XlsxWriter's default, the placeholder 0 of a program that writes formulas without
    computing them."""
    import xlsxwriter
    source = load_workbook(path)
    target = xlsxwriter.Workbook(path)
    for ws in source.worksheets:
        sheet = target.add_worksheet(ws.title)
        for row in ws.iter_rows():
            for cell in (c for c in row if c.value is not None):
                sheet.write(cell.row - 1, cell.column - 1, cell.value)
    for (sheet, cell), (formula, value) in formulas.items():
        target.get_worksheet_by_name(sheet).write_formula(cell, formula, None, *(() if value is None else (value,)))
    target.close()
