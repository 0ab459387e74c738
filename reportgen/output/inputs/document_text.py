"""The document file (van-ban.yaml), the facts file and the narrative of a plan, as text for the clerk."""

from __future__ import annotations

from reportgen.model.plan import PENDING, DocumentMeta, Plan
from reportgen.output.inputs.yaml_text import block_list, comment, flow, scalar


def document_text(meta: DocumentMeta, header: list[str], subject: str, year: int, files: dict) -> str:
    """van-ban.yaml with number and date "chưa nhập" and `year` given (the date is not there to say it)."""
    lines = list(header) + [f"kind: {meta.kind}"]
    if meta.parent_body:
        lines.append(f"parent_body: {scalar(meta.parent_body)}")
    lines += [f"issuing_body: {flow(list(meta.issuing_body))}", f"issuing_body_name: {scalar(meta.issuing_body_name)}"]
    lines += comment(f"Số và ngày ký: ghi khi văn bản được ký (ví dụ number: 15, date: {year}-02-17); đến khi đó "
                     f"reportgen check liệt kê chúng là «{PENDING}».")
    lines += [f"number: {PENDING}", f"symbol: {scalar(meta.symbol)}", f"place: {scalar(meta.place)}",
              f"date: {PENDING}", f"year: {year}", f"subject: {scalar(subject)}"]
    if meta.legal_bases:
        lines += comment(f"Căn cứ của kế hoạch năm {year - 1}: xem lại cho năm {year} (mỗi căn cứ một dòng).")
        lines += block_list("legal_bases", list(meta.legal_bases))
    if meta.kinh_gui:
        lines += block_list("kinh_gui", list(meta.kinh_gui))
    lines += ["signer:", f"  title: {flow(list(meta.signer.title))}"]
    if meta.signer.capacity:
        lines.append(f"  capacity: {scalar(meta.signer.capacity)}")
    lines += [f"  name: {scalar(meta.signer.name)}", "recipients:"]
    for recipient in meta.recipients:
        if recipient.items:
            lines += [f"  - text: {scalar(recipient.text)}", f"    items: {flow(list(recipient.items))}"]
        else:
            lines.append(f"  - {scalar(recipient.text)}")
    lines.append(f"archive: {scalar(meta.archive)}")
    lines += [f"narrative: {scalar(files['narrative'])}"]
    if files.get("facts"):
        lines.append(f"facts: {scalar(files['facts'])}")
    lines += block_list("annexes", files["annexes"])
    return "\n".join(lines) + "\n"


def facts_text(plan: Plan, header: list[str], expressions, year: int) -> str:
    """so-lieu.yaml: each fact as it was (marked last year's), each ratio's parts moved on by `expressions`."""
    lines = list(header)
    if plan.facts:
        lines += comment(f"Mỗi số «{PENDING}»: ghi số của năm {year}; số của kế hoạch năm {year - 1} ghi bên cạnh.")
        lines.append("facts:")
        for fact in plan.facts.values():
            lines.append(_fact(fact, expressions, year))
    if plan.ratios:
        lines.append("ratios:")
        for ratio in plan.ratios.values():
            lines += [f"  {ratio.id}:", f"    label: {scalar(ratio.label)}",
                      f"    numerator: {scalar(expressions(ratio.numerator))}",
                      f"    denominator: {scalar(expressions(ratio.denominator))}",
                      f"    stated: {scalar(ratio.stated)}  # tỷ lệ năm {year - 1}: tính lại khi đã nhập chỉ tiêu",
                      f"    decimals: {ratio.decimals}"]
    return "\n".join(lines) + "\n"


def _fact(fact, expressions, year: int) -> str:
    """One fact's line: "chưa nhập" with last year's figure beside it; a fact that points at a table (`ref`, a
    later feature of so-lieu.yaml) keeps its reference, moved on like every expression."""
    ref = getattr(fact, "ref", None)
    spec = {"label": fact.label, "ref": expressions(ref) if ref else None, "value": None if ref else PENDING,
            "unit": "%" if fact.kind == "percent" else fact.unit}
    if fact.kind == "decimal":
        spec["kind"] = "decimal"
    if fact.value is not None and fact.decimals != max(0, -fact.value.as_tuple().exponent):
        spec["decimals"] = fact.decimals
    line = f"  {fact.id}: {flow({k: v for k, v in spec.items() if v is not None})}"
    return line if ref or fact.value is None else f"{line}  # năm {year - 1}: {scalar(fact.value)}"
