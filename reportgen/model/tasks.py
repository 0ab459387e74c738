"""A task annex's rows by their stable key ("I.3": group numeral, row number as printed) and a task's lead agency:
report, forms, collect."""

from __future__ import annotations

import re

from reportgen.model.plan import Annex, Row
from reportgen.vi import nfc, roman


def task_rows(annex: Annex) -> dict[str, Row]:
    """Each row by its key: "I.3" in a grouped annex (numbering as printed), "3" in a flat one."""
    keyed, number = {}, 0
    for position, group in enumerate(annex.groups, start=1):
        if group.label is not None and annex.numbering == "per_group":
            number = 0
        for row in group.rows:
            number += 1
            keyed[f"{roman(position)}.{number}" if group.label is not None else str(number)] = row
    return keyed


# Words that begin an agency's name. In a lead column a comma, or a semicolon, then such a word begins a co-ordinating
# agency ("Sở NN&PTNT, VPĐP tỉnh": the lead is Sở NN&PTNT, the first named); any other text after a comma is part
# of the lead's own name ("UBND huyện, TP", "Sở, ngành thuộc UBND tỉnh", "UBND huyện Việt Yên, Lạng Giang").
AGENCY_WORDS = ("Sở", "UBND", "Ủy ban", "Uỷ ban", "Ban", "BCĐ", "VPĐP", "Văn phòng", "Chi cục", "Cục", "Công an",
                "Đoàn", "Mặt trận", "MTTQ", "Hội", "Phòng", "Trung tâm", "Tỉnh đoàn", "Liên minh", "Liên đoàn",
                "Ngân hàng", "Kho bạc", "Bộ", "Báo", "Đài", "Viện", "Trường", "Thanh tra", "Tỉnh ủy", "Huyện ủy",
                "Thành ủy", "Đảng ủy", "HĐND", "Hội đồng", "Các")   # "Các": a group co-ordinating ("…, các xã")
_NEXT_AGENCY = re.compile(r"\s*[,;]\s+(?=(?:" + "|".join(map(re.escape, AGENCY_WORDS)) + r")(?:\s|$))", re.IGNORECASE)


LEAD_COLUMN = "chu_tri"              # the task annex's lead agency column, when the plan names it so


def lead_key(annex: Annex) -> str | None:
    """The column naming a task's lead agency: `chu_tri`, else the text column after the one naming the task."""
    leaves = annex.leaves()
    named = next((c.key for c in leaves if c.id == LEAD_COLUMN), None)
    if named is not None:
        return named
    texts = [c.key for c in leaves if c.type == "text"]
    return texts[1] if len(texts) > 1 else None


def task_lead(annex: Annex, row: Row) -> str:
    """The lead agency of a task's row ("" when the annex names none)."""
    key = lead_key(annex)
    value = row.value(key) if key is not None else None
    return lead_agency(str(value)) if value is not None else ""


def lead_agency(text: str) -> str:
    """The lead agency of a task, the first named: "Sở NN&PTNT, VPĐP" → "Sở NN&PTNT" (one form per lead)."""
    text = " ".join(nfc(text).split())
    return _NEXT_AGENCY.split(text, maxsplit=1)[0].strip()
