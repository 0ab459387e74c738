"""Next year's plan from this one (`reportgen roll`): every file of the folder as text, one year on.

The year's results become the earlier (baseline) column of each indicator, from the latest report on the year
when there is one, else the plan's own targets marked as not yet actual; the later (target) column is "chưa nhập"
for the clerk; titles, headers, ids, periods and expressions move one year on; the task schedule keeps its tasks
with each deadline "chưa nhập" beside the old one; the narrative keeps its text (rule old-year points at what still
names the old year), every figure in it still an expression."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from reportgen.model.plan import PENDING, Annex, Column, Plan, Row, Value
from reportgen.output.inputs.annex_text import annex_text
from reportgen.output.inputs.document_text import document_text, facts_text
from reportgen.output.inputs.years import move_expressions, move_years
from reportgen.output.inputs.yaml_text import comment
from reportgen.vi import is_recurring

NARRATIVE, FACTS = "noi-dung.md", "so-lieu.yaml"


@dataclass(frozen=True)
class Baseline:
    """The year's results of one annex's indicators, by unit, as a report states them."""

    annex_id: str
    values: Mapping[str, Mapping[str, Value]]     # unit → indicator (group column id) → figure
    total: Mapping[str, Value]                    # indicator → figure
    source: str                                   # the report's folder, "bao-cao-2020-q2"
    period: str                                   # its period, "2020-Q2"
    whole_year: bool                              # the period ends on 31 December
    indicators: tuple[str, ...] = field(default=())
    words: str = ""                               # the period as said: "quý II năm 2020", "năm 2020"

    @property
    def named(self) -> str:
        """"báo cáo quý II năm 2020 (bao-cao-2020-q2)": the report as the comments and the summary name it."""
        return f"báo cáo {self.words or 'kỳ ' + self.period} ({self.source})"


def rolled_files(plan: Plan, source: str, baseline: Baseline | None) -> dict[str, str]:
    """File name → text of next year's plan folder; `source` names this plan's folder in the comments."""
    old = plan.meta.plan_year
    year = old + 1
    header = comment(f"Kế hoạch năm {year}, do «reportgen roll» viết từ {source} (kế hoạch năm {old}): sửa tiếp "
                     f"ở đây.\nMọi chỗ «{PENDING}» cần ghi số; «reportgen check» liệt kê từng chỗ.")
    files: dict[str, str] = {}
    annex_names = []
    for annex in plan.annexes:
        name = Path(annex.source.file).name
        annex_names.append(name)
        own = baseline if baseline is not None and baseline.annex_id == annex.id else None
        files[name] = _annex(annex, header, old, own, reported=baseline is not None)
    if plan.facts or plan.ratios:
        files[FACTS] = facts_text(plan, header, lambda text: move_years(text, old), year)
    narrative = comment_md(f"Lời văn của kế hoạch năm {old}, giữ nguyên để viết lại cho năm {year}: «reportgen "
                           f"check» cảnh báo từng chỗ còn nêu năm {old}. Mọi con số vẫn là một biểu thức.")
    files[NARRATIVE] = narrative + move_expressions(plan.narrative.text, old)
    names = {"narrative": NARRATIVE, "facts": FACTS if FACTS in files else None, "annexes": annex_names}
    files["van-ban.yaml"] = document_text(plan.meta, header, move_years(plan.meta.subject, old), year, names)
    return files


def comment_md(text: str) -> str:
    return f"<!-- {text} -->\n\n"


def _annex(annex: Annex, header: list[str], old: int, baseline: Baseline | None, reported: bool) -> str:
    before = after = None
    if annex.periods is not None:
        before, after = annex.periods.from_id, annex.periods.to_id
    note = _periods_note(annex, old, baseline, reported) if annex.periods is not None else None

    def cells(column: Column, row: Row | None) -> tuple[object, str | None]:
        group, _, leaf = column.key.rpartition(".")
        if group and leaf == after:
            return PENDING, None
        if group and leaf == before:
            return _baseline(annex, column, group, row, baseline)
        value = _value(annex, column, row)
        if column.type == "deadline" and isinstance(value, str) and not is_recurring(value):
            return PENDING, f"năm {old}: {value}"
        return value, None

    moved = lambda text: move_years(text, old)  # noqa: E731 (ids and words move alike)
    return annex_text(annex, header, moved, moved, cells,
                      note, _rows_note(annex, old))


def _rows_note(annex: Annex, old: int) -> str | None:
    """What the clerk must know of rows carried over: a list or a task schedule is last year's until rewritten."""
    if annex.periods is not None:
        return None
    if annex.deadline_key is not None:
        return (f"Nhiệm vụ của kế hoạch năm {old}: sửa, thêm, bỏ cho năm {old + 1}; mỗi thời hạn «{PENDING}», thời "
                "hạn cũ ghi bên cạnh.")
    return f"Các dòng là của kế hoạch năm {old}: sửa, thêm, bỏ cho năm {old + 1}."


def _value(annex: Annex, column: Column, row: Row | None) -> Value:
    if row is not None:
        return row.value(column.key)
    cell = annex.total.cells.get(column.key) if annex.total is not None else None
    return cell.value if cell is not None else None


def _baseline(annex: Annex, column: Column, group: str, row: Row | None, baseline: Baseline | None):
    """The year's result of this indicator and row from the report; else the plan's target for the year."""
    if baseline is not None and group in baseline.indicators:
        if row is None:
            return baseline.total.get(group), None
        return baseline.values.get(str(row.value(annex.unit_key)), {}).get(group), None
    target = annex.top(group).child(annex.periods.to_id)
    return _value(annex, target, row), None


def _periods_note(annex: Annex, old: int, baseline: Baseline | None, reported: bool) -> str:
    year = old + 1
    before, after = (move_years(i, old) for i in (annex.periods.from_id, annex.periods.to_id))
    groups = [c.id for c in annex.columns if annex.period_columns(c) is not None]
    actual = [g for g in groups if baseline is not None and g in baseline.indicators]
    planned = [g for g in groups if g not in actual]
    lines = [f"Mỗi nhóm cột: {before} (trước) là kết quả đến hết năm {old}, {after} (sau) là chỉ tiêu năm {year}: "
             f"ghi vào chỗ «{PENDING}».",
             "Trong lời văn viết bieu" + annex.id + ".<cột>.truoc / .sau thì biểu thức không phải sửa khi sang năm."]
    if actual:
        whole = "" if baseline.whole_year else (f" CHƯA PHẢI SỐ CẢ NĂM {old}: sửa khi có báo cáo năm")
        lines.append(f"Cột {before} của {', '.join(actual)}: số thực hiện theo {baseline.named}.{whole}")
    if planned:
        why = "báo cáo không có số thực hiện của các cột này" if reported else f"chưa có báo cáo nào của năm {old}"
        lines.append(f"Cột {before} của {', '.join(planned)}: CHƯA PHẢI SỐ THỰC HIỆN ({why}); tạm ghi chỉ tiêu kế "
                     f"hoạch năm {old}: sửa khi có số thực hiện.")
    return "\n".join(lines)
