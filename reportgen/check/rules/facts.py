"""Rule fact-reference: a fact typed in so-lieu.yaml that names the table cell it repeats (`ref`) agrees with it."""

from __future__ import annotations

from typing import Iterator

from reportgen.check.findings import Finding
from reportgen.check.rules.common import failed, num, passed
from reportgen.model.plan import Plan


def fact_references(plan: Plan) -> Iterator[Finding]:
    for fact in plan.facts.values():
        if fact.ref is None or not fact.typed or fact.ref_value is None:
            continue  # a fact that is its reference's value has nothing to disagree with
        what = f"Số liệu '{fact.id}' ({fact.label})"
        if fact.value == fact.ref_value:
            yield passed("fact-reference", f"{what}: ghi {num(fact.value)}, bằng {fact.ref}.", fact.value_loc,
                         fact.ref_loc)
        else:
            yield failed("fact-reference", f"{what}: ghi {num(fact.value)} nhưng {fact.ref} cho {num(fact.ref_value)}; "
                         "sửa số ghi hoặc biểu cho khớp.", num(fact.value), num(fact.ref_value), fact.value_loc,
                         fact.ref_loc, sides=(f"so-lieu.yaml ({fact.id})", fact.ref))
