"""Recurring work ("Thường xuyên", "Hằng quý") is named in the narrative when the plan has any: it is due every
quarter, so the tables list it beside the tasks due, and counts of tasks due alone would not match them without it.
(Which annex shows which tasks is compose's numbering: the findings do not name it.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reportgen.check.rules.common import failed, passed
from reportgen.errors import Location
from reportgen.check.findings import Finding
from reportgen.model.report import QUARTER, Report

_NAMED = re.compile(r"\bnhiem_vu\s*\.\s*thuong_xuyen\b")


def recurring_named(report: Report) -> Iterator[Finding]:
    recurring = sum(1 for task in report.tasks if task.recurring)
    if not recurring:
        return
    quarterly = report.period.kind == QUARTER   # the words as they were for quarters; any period alike
    every, later = ("quý", "quý sau") if quarterly else ("kỳ báo cáo", "kỳ sau")
    named = [e for e in report.narrative.expressions if _NAMED.search(e.source)]
    if named:
        yield passed("report-recurring", f"Lời văn nêu {recurring} nhiệm vụ thường xuyên, được liệt kê cùng các nhiệm "
                     f"vụ đến hạn trong kỳ và {later}.", *(e.loc for e in named))
        return
    yield failed("report-recurring", f"Kế hoạch có {recurring} nhiệm vụ thường xuyên, đến hạn mỗi {every} nên được liệt "
                 f"kê cùng các nhiệm vụ đến hạn trong kỳ và {later}, nhưng lời văn không nói đến: thêm "
                 "{{ nhiem_vu.thuong_xuyen }} nhiệm vụ thường xuyên vào câu nói về các nhiệm vụ đó, để số nhiệm vụ "
                 "lời văn nêu khớp số dòng của bảng.", "không nêu", f"{recurring} nhiệm vụ thường xuyên",
                 Location(report.narrative.path))
