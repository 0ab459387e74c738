"""One annex file (definition + rows from YAML or from a workbook sheet) into a typed Annex."""

from __future__ import annotations

import re
from dataclasses import dataclass

from reportgen.check.annex_def import build_columns, build_rules, identifier
from reportgen.check.annex_rows import RowReader
from reportgen.check.fields import Fields, as_text
from reportgen.check.sheet import SheetRows, read_sheet
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.load.xlsx_file import SheetGrid
from reportgen.model import Annex, Cell, Change, Column, Comparison, Group, TotalRow
from reportgen.vi import parse_number

_CHANGE = re.compile(r"^(Tăng|Giảm)(?: thêm)? (\S+) (.+)$", re.IGNORECASE)
_NO_CHANGE = re.compile(r"^Không (đổi|tăng|giảm|thay đổi)\b", re.IGNORECASE)


@dataclass
class _Spec:
    what: str
    columns: tuple[Column, ...]
    problems: Problems


def build_annex(raw: Raw, workbooks: dict[str, dict[str, SheetGrid]], problems: Problems) -> Annex | None:
    f = Fields(raw, f"Biểu ({raw.loc.file})", problems)
    annex_id, label, title = f.text("id"), f.text("label"), f.text("title")
    what = label or f"Biểu ({raw.loc.file})"
    spec = _Spec(what, build_columns(f.node("columns"), what, problems), problems)
    head = dict(unit_line=f.text("unit_line", required=False), key=f.texts("key", required=False),
                unit_groups_from=f.text("unit_groups_from", required=False),
                notes=f.texts("notes", required=False), rules=build_rules(f.node("rules", False), what, problems))
    total_def, comparison_def = f.node("total", False), f.node("comparison", False)
    data = _data(f, spec, workbooks, total_def, comparison_def, label)
    f.finish()
    if annex_id and not identifier(f"b{annex_id}"):
        problems.add(f"{what}: 'id' '{annex_id}' chỉ dùng chữ số và chữ không dấu (ví dụ \"01\").", raw.loc)
        return None
    if None in (annex_id, label, title) or not spec.columns or data is None:
        return None
    _check_key(head["key"], spec, raw)
    groups = _groups(data, spec)
    total = _total(total_def, data, spec)
    comparison = _comparison(comparison_def, data, spec)
    return Annex(annex_id, label, title, spec.columns, groups, total=total, comparison=comparison,
                 source=raw.loc, **head)


def _data(f: Fields, spec: _Spec, workbooks, total_def: Raw | None, comparison_def: Raw | None,
          label: str | None) -> SheetRows | None:
    rows, groups = f.node("rows", False), f.node("groups", False)
    source, sheet = f.text("source", required=False), f.text("sheet", required=False)
    if source is None:
        if (rows is None) == (groups is None):
            spec.problems.add(f"{spec.what}: cần đúng một trong 'rows' (bảng phẳng), 'groups' (có nhóm) "
                              "hoặc 'source' (sổ tính).", f.loc)
            return None
        return SheetRows(rows, groups, _values(total_def), _values(comparison_def))
    typed_here = [d for d in (total_def, comparison_def) if d is not None and d.get("values") is not None]
    if rows is not None or groups is not None or typed_here:
        where = typed_here[0].get("values").loc if typed_here else f.loc
        spec.problems.add(f"{spec.what}: đã có 'source' (sổ tính) thì không ghi 'rows', 'groups' hay 'values' "
                          "trong YAML: số liệu lấy từ sổ tính.", where)
        return None
    grids = workbooks.get(source)
    if grids is None:
        return None  # the loader already said why
    sheet_name = sheet or label
    if sheet_name not in grids:
        spec.problems.add(f"{spec.what}: sổ tính '{source}' không có trang '{sheet_name}'. Các trang: "
                          f"{', '.join(grids)}.", f.loc)
        return None
    return read_sheet(grids[sheet_name], spec.columns, _label(total_def), _label(comparison_def),
                      spec.problems)


def _values(definition: Raw | None) -> Raw | None:
    return definition.get("values") if definition is not None and definition.is_map else None


def _label(definition: Raw | None) -> str | None:
    node = definition.get("label") if definition is not None and definition.is_map else None
    return node.value if node is not None and isinstance(node.value, str) else None


def _groups(data: SheetRows, spec: _Spec) -> tuple[Group, ...]:
    reader = RowReader(spec.columns, spec.what, spec.problems)
    label_key = next((c.key for c in spec.columns for c in c.leaves() if c.type in ("unit", "text")), None)
    if data.rows is not None:
        return (Group(None, _rows(data.rows, reader, label_key, spec), data.rows.loc),)
    if not data.groups.is_list or not data.groups.value:
        spec.problems.add(f"{spec.what}: 'groups' phải là danh sách nhóm {{label, rows}}.", data.groups.loc)
        return ()
    groups = []
    for node in data.groups.value:
        g = Fields(node, f"{spec.what}, nhóm", spec.problems)
        label, rows = g.text("label"), g.node("rows")
        g.finish()
        if label is not None and rows is not None:
            groups.append(Group(label, _rows(rows, reader, label_key, spec), node.loc))
    return tuple(groups)


def _rows(raw: Raw, reader: RowReader, label_key: str | None, spec: _Spec):
    if not raw.is_list:
        spec.problems.add(f"{spec.what}: 'rows' phải là danh sách dòng.", raw.loc)
        return ()
    if not raw.value:
        spec.problems.add(f"{spec.what}: bảng không có dòng nào.", raw.loc)
    return tuple(r for r in (reader.row(node, label_key) for node in raw.value) if r is not None)


def _total(definition: Raw | None, data: SheetRows, spec: _Spec) -> TotalRow | None:
    if definition is None:
        return None
    f = Fields(definition, f"{spec.what}, dòng tổng", spec.problems)
    label = f.text("label")
    f.node("values", required=False)
    f.finish()
    if label is None:
        return None
    cells: dict[str, Cell] = {}
    if data.total is not None:
        row = RowReader(spec.columns, f"{spec.what}, dòng {label}", spec.problems).row(data.total)
        cells = dict(row.cells) if row else {}
    return TotalRow(label, cells)


def _comparison(definition: Raw | None, data: SheetRows, spec: _Spec) -> Comparison | None:
    if definition is None:
        return None
    what = f"{spec.what}, dòng so sánh"
    f = Fields(definition, what, spec.problems)
    label, from_id, to_id = f.text("label"), f.text("from"), f.text("to")
    f.node("values", required=False)
    f.finish()
    if None in (label, from_id, to_id):
        return None
    changes = {}
    values = data.comparison
    for column_id, node in (values.value.items() if values is not None and values.is_map else ()):
        column = next((c for c in spec.columns if c.id == column_id), None)
        where = values.keys.get(column_id, node.loc)
        if column is None or not column.is_group or not (column.child(from_id) and column.child(to_id)):
            spec.problems.add(f"{what}: '{column_id}' phải là cột nhóm có hai cột con '{from_id}' và "
                              f"'{to_id}'.", where)
            continue
        change = _change(node, what, spec.problems)
        if change is not None:
            changes[column_id] = change
    return Comparison(label, from_id, to_id, changes)


def _change(node: Raw, what: str, problems: Problems) -> Change | None:
    text = as_text(node, what, problems, required=False)
    if text is None:
        return None
    if _NO_CHANGE.match(text):
        return Change(text, 0, parse_number("0"), text.split(maxsplit=2)[-1] if len(text.split()) > 2 else "",
                      node.loc)
    match = _CHANGE.match(text)
    amount = parse_number(match.group(2)) if match else None
    if match is None or amount is None:
        problems.add(f"{what}: không đọc được '{text}'. Viết theo mẫu 'Tăng 22 thôn', 'Giảm 9 xã' hoặc "
                     "'Không đổi'.", node.loc)
        return None
    direction = 1 if match.group(1).lower() == "tăng" else -1
    return Change(text, direction, amount, match.group(3).strip(), node.loc)


def _check_key(key: tuple[str, ...], spec: _Spec, raw: Raw) -> None:
    leaves = {leaf.key for c in spec.columns for leaf in c.leaves()}
    for column_key in key:
        if column_key not in leaves:
            spec.problems.add(f"{spec.what}: 'key' nêu cột '{column_key}' không có trong biểu.",
                              raw.keys.get("key", raw.loc))
