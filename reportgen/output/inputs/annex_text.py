"""An annex as the YAML text of its file (definition, rows, total and comparison rows), from the typed Annex: what
`reportgen roll` writes, the figures of each cell given by the caller."""

from __future__ import annotations

from typing import Callable

from reportgen.model.plan import PENDING, Annex, Column, Row
from reportgen.output.inputs.yaml_text import comment, flow, scalar

_WIDE = 118          # a row longer than this is written one key a line, as the sample's Biểu 05 is

# What a cell of the new file holds: (value, PENDING or a figure, and a comment for the clerk or None).
CellText = tuple[object, str | None]
Cells = Callable[[Column, Row | None], CellText]   # the row is None for the total row


def annex_text(annex: Annex, header: list[str], ids: Callable[[str], str], words: Callable[[str], str],
               cells: Cells, periods_note: str | None, rows_note: str | None = None) -> str:
    """The whole file: `ids` renames column ids (th_2019 → th_2020), `words` moves titles and headers on, `cells`
    gives every data and total cell; the comparison row is written with each change "chưa nhập"."""
    lines = list(header)
    lines += [f"id: {scalar(annex.id)}", f"label: {scalar(annex.label)}", f"title: {scalar(words(annex.title))}"]
    if annex.unit_line:
        lines.append(f"unit_line: {scalar(words(annex.unit_line))}")
    if annex.key:
        lines.append(f"key: {flow([ids(k) for k in annex.key])}")
    if annex.unit_groups_from:
        lines.append(f"unit_groups_from: {scalar(annex.unit_groups_from)}")
    if annex.unit_names:
        lines.append(f"unit_names: {flow({ids(k): v for k, v in annex.unit_names.items()})}")
    if annex.numbering != "continuous":
        lines.append(f"numbering: {annex.numbering}")
    if annex.periods is not None:
        lines += comment(periods_note) if periods_note else []
        lines.append(f"periods: {flow({'from': ids(annex.periods.from_id), 'to': ids(annex.periods.to_id)})}")
    lines.append("columns:")
    for column in annex.columns:
        lines += _column(column, ids, words, "  ")
    lines += comment(rows_note) if rows_note else []
    lines += _rows(annex, cells, ids, words)
    lines += _total(annex, cells, ids)
    if annex.comparison is not None and annex.periods is not None:
        lines += comment("Dòng so sánh (năm sau trừ năm trước): ghi khi đã nhập chỉ tiêu, ví dụ Tăng 22 thôn.")
        lines += ["comparison:", f"  label: {scalar(words(annex.comparison.label))}",
                  "  values:"]
        shown = set(annex.comparison.changes) | set(annex.comparison.pending)
        lines += [f"    {ids(c.id)}: {PENDING}" for c in annex.columns if c.id in shown]
    if annex.notes:
        lines += ["notes:"] + [f"  - {scalar(note)}" for note in annex.notes]   # what was said: kept as written
    if annex.rules:
        lines += ["rules:"] + [f"  - {flow(_rule(rule, ids))}" for rule in annex.rules]
    return "\n".join(lines) + "\n"


def _column(column: Column, ids, words, indent: str) -> list[str]:
    spec = {"id": ids(column.id), "header": words(column.header)}
    if column.type:
        spec["type"] = column.type
    if column.aggregate:
        spec["aggregate"] = column.aggregate
    if column.weight:
        spec["weight"] = ids(column.weight)
    if column.type == "decimal" or column.decimals:
        spec["decimals"] = column.decimals
    if column.measure:
        spec["measure"] = column.measure
    if column.cumulative:
        spec["cumulative"] = True
    if not column.children:
        return [f"{indent}- {flow(spec)}"]
    lines = [f"{indent}- id: {scalar(spec.pop('id'))}"] + [f"{indent}  {k}: {scalar(v)}" for k, v in spec.items()]
    lines.append(f"{indent}  columns:")
    for child in column.children:
        lines += _column(child, ids, words, indent + "    ")
    return lines


def _rows(annex: Annex, cells: Cells, ids, words) -> list[str]:
    if len(annex.groups) == 1 and annex.groups[0].label is None:
        return ["rows:"] + [line for row in annex.groups[0].rows for line in _row(annex, row, cells, ids, "  ")]
    lines = ["groups:"]
    for group in annex.groups:
        lines += [f"  - label: {scalar(words(group.label))}", "    rows:"]
        lines += [line for row in group.rows for line in _row(annex, row, cells, ids, "      ")]
    return lines


def _row(annex: Annex, row: Row, cells: Cells, ids, indent: str) -> list[str]:
    """One row: a line `{unit: …, xa_ntm: [6, chưa nhập]}`, or one key a line when long or a cell has a comment."""
    entries: list[tuple[str, str, str | None]] = []   # key, value text, comment
    for column in annex.columns:
        if column.type == "index":
            continue
        if column.children:
            values = [cells(child, row) for child in column.children]
            notes = [note for _, note in values if note]
            entries.append((ids(column.id), flow([v for v, _ in values]), "; ".join(notes) or None))
            continue
        value, note = cells(column, row)
        if value is not None or note:
            entries.append((ids(column.id), scalar(value), note))
    line = "{" + ", ".join(f"{key}: {text}" for key, text, _ in entries) + "}"
    if len(indent) + 2 + len(line) <= _WIDE and not any(note for _, _, note in entries):
        return [f"{indent}- {line}"]
    lines = []
    for n, (key, text, note) in enumerate(entries):
        lead = f"{indent}- " if n == 0 else f"{indent}  "
        lines.append(f"{lead}{key}: {text}" + (f"  # {note}" if note else ""))
    return lines


def _total(annex: Annex, cells: Cells, ids) -> list[str]:
    if annex.total is None:
        return []
    values = {}
    for column in annex.columns:
        if column.children and any(child.is_numeric for child in column.children):
            values[ids(column.id)] = [cells(child, None)[0] for child in column.children]
        elif column.is_numeric:
            values[ids(column.id)] = cells(column, None)[0]
    return ["total:", f"  label: {scalar(annex.total.label)}", f"  values: {flow(values)}"]


def _rule(rule, ids) -> dict:
    """A cross-table rule as its file writes it: the first form `rows_per_unit`, or (when the model has them) the
    general `count`/`sum` with `per`, `group`, `where` and `equals` (rules14's CrossRule)."""
    if getattr(rule, "first_form", True):
        return {"rule": "rows_per_unit", "annex": rule.annex, "column": ids(rule.column), "measure": rule.measure}
    spec = {"rule": rule.kind, "per": rule.per and ids(rule.per), "group": rule.group,
            "where": {ids(k): v for k, v in rule.where.items()} or None,
            "column": rule.summed and ids(rule.summed)}
    equals = {"annex": rule.annex, "column": ids(rule.column), "measure": rule.measure}
    spec["equals"] = {k: v for k, v in equals.items() if v is not None}
    return {k: v for k, v in spec.items() if v is not None}
