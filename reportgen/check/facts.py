"""The facts file (so-lieu.yaml): stated figures no table holds, and stated ratios to recompute."""

from __future__ import annotations

from reportgen.check.annex_rows import looks_grouped
from reportgen.check.fields import MAX_DECIMALS, Fields, decimals_allowed
from reportgen.check.pending import is_pending
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.model.ties import Fact, Ratio

KINDS = frozenset({"count", "decimal", "percent"})


def build_facts(raw: Raw | None, problems: Problems) -> tuple[dict[str, Fact], dict[str, Ratio]]:
    if raw is None:
        return {}, {}
    f = Fields(raw, "Số liệu", problems)
    facts = _each(f.node("facts", required=False), "Số liệu", _fact, problems)
    ratios = _each(f.node("ratios", required=False), "Tỷ lệ", _ratio, problems)
    f.finish()
    return facts, ratios


def _each(raw: Raw | None, what: str, build, problems: Problems) -> dict:
    if raw is None:
        return {}
    if not raw.is_map:
        problems.add(f"{what}: phải là bảng 'tên: {{...}}'.", raw.loc)
        return {}
    result = {}
    for key, node in raw.value.items():
        if not key.isidentifier() or not key.isascii():
            problems.add(f"{what}: tên '{key}' chỉ dùng chữ không dấu, số và dấu gạch dưới "
                         "(ví dụ so_xa_toan_tinh).", raw.keys[key])
            continue
        item = build(key, node, problems)
        if item is not None:
            result[key] = item
    return result


def _fact(key: str, raw: Raw, problems: Problems) -> Fact | None:
    if is_pending(raw.get("value")):
        return _pending_fact(key, raw, problems)
    f = Fields(raw, f"Số liệu '{key}'", problems)
    label, ref = f.text("label"), f.text("ref", required=False)
    value = f.number("value", required=ref is None)
    unit = f.text("unit", required=False)
    kind = f.choice("kind", KINDS, required=False)
    decimals = f.integer("decimals", required=False)
    f.finish()
    if label is None or (value is None and ref is None):
        return None
    if value is None:  # the reference gives it (check/fact_refs.py), typed as the reference's figure
        kind = kind or ("percent" if unit == "%" else None)
        return Fact(key, label, None, kind, None if unit == "%" else unit, decimals, raw.loc, ref=ref, typed=False,
                    ref_loc=raw.get("ref").loc)
    if kind is None and unit != "%" and value != value.to_integral_value():
        problems.add(f"Số liệu '{key}': {value} không phải số nguyên; nếu là số thập phân hãy ghi 'kind: decimal' "
                     "(mặc định là số đếm).", raw.get("value").loc)
        return None
    kind = kind or ("percent" if unit == "%" else "count")
    if kind == "count" and looks_grouped(value):
        problems.add(f"Số liệu '{key}': số đếm '{raw.get('value').text}' có dấu chấm; viết số nguyên không dấu "
                     "chấm (một trăm nghìn viết 100000).", raw.get("value").loc)
        return None
    if (kind == "percent") != (unit == "%") and unit is not None:
        problems.add(f"Số liệu '{key}': 'kind: {kind}' không hợp với 'unit: {unit}' (tỷ lệ phần trăm ghi unit: \"%\").",
                     raw.loc)
        return None
    if decimals is None:
        decimals = max(0, -value.as_tuple().exponent)
    if not decimals_allowed(decimals):
        problems.add(f"Số liệu '{key}': tối đa {MAX_DECIMALS} chữ số thập phân ('decimals' hoặc giá trị).", raw.loc)
        return None
    return Fact(key, label, value, kind, None if unit == "%" else unit, decimals, raw.loc, ref=ref,
                value_loc=raw.get("value").loc, ref_loc=raw.get("ref").loc if ref is not None else raw.loc)


def _pending_fact(key: str, raw: Raw, problems: Problems) -> Fact | None:
    """A fact whose value is "chưa nhập" (a rolled plan): its words, no figure; rule input-pending lists it."""
    f = Fields(raw, f"Số liệu '{key}'", problems)
    label, unit = f.text("label"), f.text("unit", required=False)
    kind, value = f.choice("kind", KINDS, required=False), f.node("value")
    f.integer("decimals", required=False)
    f.finish()
    if label is None:
        return None
    kind = kind or ("percent" if unit == "%" else "count")
    return Fact(key, label, None, kind, None if unit == "%" else unit, 0, value.loc, pending=True)


def _ratio(key: str, raw: Raw, problems: Problems) -> Ratio | None:
    f = Fields(raw, f"Tỷ lệ '{key}'", problems)
    label, numerator, denominator = f.text("label"), f.text("numerator"), f.text("denominator")
    stated, decimals = f.number("stated"), f.integer("decimals", required=False, default=1)
    stated_node = raw.get("stated")
    f.finish()
    if None in (label, numerator, denominator, stated):
        return None
    if not decimals_allowed(decimals):
        problems.add(f"Tỷ lệ '{key}': 'decimals' phải từ 0 đến {MAX_DECIMALS}.", raw.loc)
        return None
    if max(0, -stated.as_tuple().exponent) > decimals:
        problems.add(f"Tỷ lệ '{key}': 'stated' {stated_node.text} có nhiều chữ số thập phân hơn 'decimals' "
                     f"({decimals}).", stated_node.loc)
        return None
    return Ratio(key, label, numerator, denominator, stated, decimals, raw.loc, stated_node.loc)
