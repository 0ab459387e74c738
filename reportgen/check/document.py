"""The document file (van-ban.yaml) into DocumentMeta: issuing bodies, number, date, signer, recipients."""

from __future__ import annotations

import datetime as _dt

from reportgen.check.fields import Fields, as_text
from reportgen.check.pending import pending_fields
from reportgen.errors import Problems
from reportgen.load.raw import Raw
from reportgen.model.plan import DocumentMeta, Recipient, Signer

KINDS = frozenset({"ke_hoach", "bao_cao"})
FILE_KEYS = ("narrative", "facts", "annexes")


def build_meta(raw: Raw, problems: Problems) -> DocumentMeta | None:
    f = Fields(raw, "Văn bản", problems)
    for key in FILE_KEYS:
        f.node(key, required=False)   # read by the loader
    pending = pending_fields(f, ("number", "date"))   # a rolled plan: typed when it is signed
    meta = dict(
        kind=f.choice("kind", KINDS),
        parent_body=f.text("parent_body", required=False),
        issuing_body=f.texts("issuing_body"),
        issuing_body_name=f.text("issuing_body_name"),
        number=None if "number" in pending else f.integer("number"),
        symbol=f.text("symbol"),
        place=f.text("place"),
        date=None if "date" in pending else f.date("date"),
        subject=f.text("subject"),
        legal_bases=f.texts("legal_bases", required=False),
        signer=_signer(f.node("signer"), problems),
        recipients=_recipients(f.node("recipients"), problems),
        archive=f.text("archive"),
        year=f.integer("year", required=False),
        kinh_gui=f.texts("kinh_gui", required=False),
    )
    _stand_ins(meta, pending, problems)
    f.finish()
    if meta["kinh_gui"] and meta["kind"] != "bao_cao":
        problems.add("Văn bản: 'kinh_gui' (Kính gửi) chỉ có ở báo cáo (kind: bao_cao); kế hoạch gửi theo Nơi nhận "
                     "('recipients').", raw.get("kinh_gui").loc)
        return None
    if None not in (meta["year"], meta["date"]) and not _year_fits(meta["kind"], meta["year"], meta["date"].year):
        problems.add(_year_message(meta["kind"], meta["year"], meta["date"].year), raw.get("year").loc)
        return None
    if meta["number"] is not None and meta["number"] <= 0:
        problems.add("Văn bản: 'number' phải là số dương.", raw.get("number").loc)
        return None
    required = [k for k in meta if k not in ("parent_body", "legal_bases", "year", "kinh_gui")]
    if any(meta[k] is None or meta[k] == () for k in required):
        return None
    return DocumentMeta(**meta, pending=pending, places=_places(raw, meta["legal_bases"]))


def _places(raw: Raw, bases: tuple[str, ...]) -> dict:
    """The subject's place, and each legal basis's by its text (as typed, before NFC the same words)."""
    places = {"subject": raw.get("subject").loc} if raw.get("subject") is not None else {}
    node = raw.get("legal_bases")
    items = node.value if node is not None and node.is_list else []
    for basis, item in zip(bases, [i for i in items if isinstance(i.value, str) and i.value.strip()]):
        places[basis] = item.loc
    return places


def _stand_ins(meta: dict, pending: dict, problems: Problems) -> None:
    """A number or date still "chưa nhập" stands as 1 and 1 January of `year` while the rest is checked; rule
    input-pending fails on it, so no document is ever written with them."""
    if "number" in pending:
        meta["number"] = 1
    if "date" in pending:
        if meta["year"] is None:
            problems.add("Văn bản: 'date' chưa nhập thì ghi 'year' (năm của kế hoạch, ví dụ year: 2021) để "
                         "kiểm tra các phần còn lại.", pending["date"])
        else:
            meta["date"] = _dt.date(meta["year"], 1, 1)


def _year_fits(kind: str, year: int, signed: int) -> bool:
    """A plan is signed in its year or the December before; a Báo cáo in its year or the January after."""
    return year in ((signed, signed - 1) if kind == "bao_cao" else (signed, signed + 1))


def _year_message(kind: str, year: int, signed: int) -> str:
    if kind == "bao_cao":
        return (f"Văn bản: 'year' (năm được báo cáo) là {year}, phải là năm của ngày ký ({signed}) hoặc năm trước "
                f"({signed - 1}, báo cáo năm ký đầu năm sau); không ghi 'year' thì lấy năm của ngày ký.")
    return (f"Văn bản: 'year' (năm của kế hoạch) là {year}, phải là năm của ngày ký ({signed}) hoặc năm sau "
            f"({signed + 1}); không ghi 'year' thì lấy năm của ngày ký.")


def _signer(raw: Raw | None, problems: Problems) -> Signer | None:
    if raw is None:
        return None
    f = Fields(raw, "Người ký", problems)
    title, name, capacity = f.texts("title"), f.text("name"), f.text("capacity", required=False)
    f.finish()
    return Signer(title, name, capacity) if title and name else None


def _recipients(raw: Raw | None, problems: Problems) -> tuple[Recipient, ...] | None:
    if raw is None:
        return None
    if not raw.is_list or not raw.value:
        problems.add("Nơi nhận: 'recipients' phải là danh sách, mỗi dòng một nơi nhận.", raw.loc)
        return None
    result = []
    for item in raw.value:
        if item.is_map:
            f = Fields(item, "Nơi nhận", problems)
            text, items = f.text("text"), f.texts("items")
            f.finish()
            if text:
                result.append(Recipient(text, items))
        else:
            text = as_text(item, "Nơi nhận", problems)
            if text:
                result.append(Recipient(text))
    return tuple(result)
