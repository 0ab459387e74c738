"""Rule unit-register as run: the tables' own unit names (rules/units.py), then the unit names the narrative, the
facts' refs and the cross-table rules use to reach a row (check/row_names.py), each at the place it is written."""

from __future__ import annotations

from typing import Iterator

from reportgen.check.findings import Finding
from reportgen.check.row_names import referenced_names
from reportgen.check.rules.units import unit_name_findings, units_registered
from reportgen.model.plan import Plan


def units_and_row_names(document) -> Iterator[Finding]:
    yield from units_registered(document)
    if isinstance(document, Plan) and document.register is not None:
        # the parent is not written beside such a name: any unit of that name in the register will do
        names = [(use.name, use.loc, None, None) for use in referenced_names(document) if use.unit]
        yield from unit_name_findings(document.register, names, "Tên đơn vị trong lời văn, số liệu và quy tắc")
