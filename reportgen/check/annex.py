"""One annex file (definition + rows from YAML or from a workbook sheet) into a typed Annex."""

from __future__ import annotations

from dataclasses import dataclass

from reportgen.check.annex_def import build_columns, build_rules, identifier
from reportgen.check.annex_lines import build_comparison, build_periods, build_total
from reportgen.check.annex_rows import RowReader
from reportgen.check.fields import Fields
from reportgen.check.units import build_unit_names
from reportgen.sheet_names import sheet_name as default_sheet
from reportgen.errors import Problems
from reportgen.load.raw import Raw, SheetRows
from reportgen.load.workbook import Workbook
from reportgen.model.plan import Annex, Column, Group, name_column

NUMBERING = frozenset({"continuous", "per_group"})


@dataclass
class _Spec:
    what: str
    columns: tuple[Column, ...]
    problems: Problems


def build_annex(raw: Raw, workbooks: dict[str, Workbook], problems: Problems) -> Annex | None:
    """The typed annex, or None when its definition is too broken to read its rows."""
    f = Fields(raw, f"Biểu ({raw.loc.file})", problems)
    annex_id, label, title = f.text("id"), f.text("label"), f.text("title")
    what = label or f"Biểu ({raw.loc.file})"
    spec = _Spec(what, build_columns(f.node("columns"), what, problems), problems)
    head = dict(unit_line=f.text("unit_line", required=False), key=f.texts("key", required=False),
                unit_groups_from=f.text("unit_groups_from", required=False),
                numbering=f.choice("numbering", NUMBERING, required=False) or "continuous",
                notes=f.texts("notes", required=False), rules=build_rules(f.node("rules", False), what, problems),
                unit_names=build_unit_names(f.node("unit_names", False), spec.columns, what, problems))
    periods = build_periods(f.node("periods", False), spec.columns, what, problems)
    total_def, comparison_def = f.node("total", False), f.node("comparison", False)
    data = _data(f, spec, workbooks, total_def, comparison_def, label)
    f.finish()
    if annex_id and not identifier(f"bieu{annex_id}"):
        problems.add(f"{what}: 'id' '{annex_id}' chỉ dùng chữ số và chữ không dấu (ví dụ \"01\").", raw.loc)
        return None
    if None in (annex_id, label, title) or data is None:
        return None
    _check_key(head["key"], spec, raw)
    return Annex(annex_id, label, title, spec.columns, _groups(data, spec),
                 total=build_total(total_def, data, spec.columns, what, problems), periods=periods,
                 comparison=build_comparison(comparison_def, data, spec.columns, periods, what, problems),
                 source=raw.loc, key_locs=dict(raw.keys), **head)


def _data(f: Fields, spec: _Spec, workbooks, total_def: Raw | None, comparison_def: Raw | None,
          label: str | None) -> SheetRows | None:
    rows, groups = f.node("rows", False), f.node("groups", False)
    source, sheet = f.text("source", required=False), f.text("sheet", required=False)
    if not spec.columns:
        return None  # without columns the rows cannot be read (the columns' problem says why)
    if source is None:
        if (rows is None) == (groups is None):
            spec.problems.add(f"{spec.what}: cần đúng một trong 'rows' (bảng phẳng), 'groups' (có nhóm) "
                              "hoặc 'source' (sổ tính).", f.loc)
            return None
        return SheetRows(rows, groups, _part(total_def, "values"), _part(comparison_def, "values"))
    typed_here = [d for d in (total_def, comparison_def) if _part(d, "values") is not None]
    if rows is not None or groups is not None or typed_here:
        where = _part(typed_here[0], "values").loc if typed_here else f.loc
        spec.problems.add(f"{spec.what}: đã có 'source' (sổ tính) thì không ghi 'rows', 'groups' hay 'values' "
                          "trong YAML: số liệu lấy từ sổ tính.", where)
        return None
    book = workbooks.get(source)
    if book is None:
        return None  # the loader already said why
    # Without `sheet:` the annex's label names it, as the XLSX writer names it ("Biểu 06/KH" → "Biểu 06-KH").
    sheet_name = sheet or (label if label in book.sheet_names else default_sheet(label))
    if book.refused(sheet_name):
        return None  # refused by the loader, which said why
    if sheet_name not in book.sheet_names:
        spec.problems.add(f"{spec.what}: sổ tính '{source}' không có trang '{sheet_name}'. Các trang: "
                          f"{', '.join(book.sheet_names)}.", f.loc)
        return None
    labels = [_text(_part(d, "label")) for d in (total_def, comparison_def)]
    return book.table(sheet_name, spec.columns, *labels, spec.problems)


def _part(definition: Raw | None, key: str) -> Raw | None:
    return definition.get(key) if definition is not None and definition.is_map else None


def _text(node: Raw | None) -> str | None:
    return node.value if node is not None and isinstance(node.value, str) else None


def _groups(data: SheetRows, spec: _Spec) -> tuple[Group, ...]:
    reader = RowReader(spec.columns, spec.what, spec.problems)
    name = name_column(spec.columns)
    label_key = name.key if name is not None else None
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


def _check_key(key: tuple[str, ...], spec: _Spec, raw: Raw) -> None:
    leaves = {leaf.key: leaf for c in spec.columns for leaf in c.leaves()}
    for column_key in key:
        leaf = leaves.get(column_key)
        if leaf is None or leaf.type == "index":
            spec.problems.add(f"{spec.what}: 'key' nêu '{column_key}', phải là mã một cột có dữ liệu (không phải "
                              "cột số thứ tự).", raw.keys.get("key", raw.loc))
