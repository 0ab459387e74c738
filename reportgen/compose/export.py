"""What `reportgen export` writes: each annex standing alone, and each district's share of it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reportgen.compose.by_unit import unit_annex, units_of
from reportgen.compose.document import compose_annexes
from reportgen.model.plan import Annex, Plan
from reportgen.styles import StyleSheet
from reportgen.tree.nodes import Document


@dataclass(frozen=True)
class Piece:
    """One document to write in every format asked: an annex, province-wide (unit None) or one unit's rows."""

    unit: str | None
    stem: str                        # "Biểu 01": the file name is made from it
    document: Document


def export_pieces(plan: Plan, annexes: list[Annex], by_unit: bool, sheet: StyleSheet, templates: Path
                  ) -> list[Piece]:
    pieces = [_piece(plan, annex, None, sheet, templates) for annex in annexes]
    if by_unit:
        for unit in units_of(tuple(annexes)):
            parts = [p for p in (unit_annex(annex, unit) for annex in annexes) if p is not None]
            pieces += [_piece(plan, part, unit, sheet, templates) for part in parts]
    return pieces


def _piece(plan: Plan, annex: Annex, unit: str | None, sheet: StyleSheet, templates: Path) -> Piece:
    title = f"{annex.label} — {unit}" if unit else annex.label
    return Piece(unit, annex.label, compose_annexes(plan, [annex], title, sheet, templates, unit))
