"""Unit names as a clerk types them: NFC and spaces, the unit type ("TP" = "Thành phố"), keys and near names."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from reportgen.vi import nfc

# Every unit type a register or a table names, canonical spelling first, then the forms clerks type (compared
# after casefold, with or without a final dot). Longest first when matching: "Thị xã" before "Xã".
UNIT_TYPES: dict[str, tuple[str, ...]] = {
    "Thành phố": ("thành phố", "tp", "tp.", "t.p", "t.p."),
    "Thị xã": ("thị xã", "tx", "tx."),
    "Thị trấn": ("thị trấn", "tt", "tt."),
    "Huyện": ("huyện", "h."),
    "Quận": ("quận", "q."),
    "Tỉnh": ("tỉnh",),
    "Đặc khu": ("đặc khu",),
    "Phường": ("phường", "p."),
    "Xã": ("xã",),
    "Thôn": ("thôn",),
    "Bản": ("bản",),
    "Làng": ("làng",),
    "Ấp": ("ấp",),
    "Tổ dân phố": ("tổ dân phố", "tdp", "tdp."),
}
# One regular expression for every form, longest first ("Thị xã" before "Xã"): a name is split in one match.
_FORMS = {form: canonical for canonical, forms in UNIT_TYPES.items() for form in forms}
_PREFIX = re.compile("(" + "|".join(re.escape(form) for form in sorted(_FORMS, key=len, reverse=True)) + r")"
                     r"(?:\s+|(?<=\.))(\S.*)", re.IGNORECASE | re.DOTALL)

# Old and new tone placement on oa, oe, uy ("Hoà" / "Hòa"): one name either way, as Vietnamese readers see it.
_OLD_TONES = {f"{a}{mark}{b}": f"{a}{b}{mark}" for a, b in (("o", "a"), ("o", "e"), ("u", "y"))
              for mark in ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")}
_OLD_TONE = re.compile("|".join(_OLD_TONES))


def clean(text: str) -> str:
    """NFC, one space between words, none at the ends."""
    return " ".join(nfc(text).split())


def split_type(name: str) -> tuple[str | None, str]:
    """("Thành phố", "Bắc Giang") for "TP Bắc Giang" or "TP.Bắc Giang"; (None, name) when it names no type."""
    text = clean(name)
    match = _PREFIX.fullmatch(text)
    if match is None:
        return None, text
    return _FORMS[match.group(1).casefold()], match.group(2)


def canonical(name: str) -> str:
    """The name with its type spelled out: "Thành phố Bắc Giang" for "TP  Bắc Giang"."""
    kind, rest = split_type(name)
    return f"{kind} {rest}" if kind else rest


def _tones(text: str) -> str:
    """Marks placed the new way (oà -> òa), so both placements give one key."""
    decomposed = unicodedata.normalize("NFD", text)
    return nfc(_OLD_TONE.sub(lambda m: _OLD_TONES[m.group()], decomposed))


def bare_key(text: str) -> str:
    """The name without its type, as compared: case, spaces and tone placement ignored, tones kept."""
    return _tones(clean(text).casefold())


@dataclass(frozen=True)
class NameKey:
    kind: str | None    # canonical type, or None when the name gives none
    bare: str           # bare_key of the rest


@functools.lru_cache(maxsize=1 << 16)   # a long list names the same few hundred units again and again
def name_key(name: str) -> NameKey:
    kind, rest = split_type(name)
    return NameKey(kind, bare_key(rest))


def folded(text: str) -> str:
    """Without tones, case or đ: what near names are measured on ("Hàm Yen" ~ "Hàm Yên")."""
    decomposed = unicodedata.normalize("NFD", clean(text).casefold().replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance, or limit + 1 as soon as it must exceed limit (short, banded: names are short)."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


@functools.lru_cache(maxsize=1 << 16)
def folded_bare(name: str) -> str:
    """The name without its type word, tones, case or đ: near names are measured on it; equal means 'the same
    letters' ("Thổ Bính" and "Thổ Bình")."""
    return folded(split_type(name)[1])


def near_names(name: str, candidates: list[str], count: int = 3) -> list[str]:
    """The candidates nearest `name` by tone- and case-insensitive distance (types left aside), best first."""
    wanted = folded_bare(name)
    limit = max(1, len(wanted) // 3)
    scored = []
    for candidate in dict.fromkeys(candidates):
        other = folded_bare(candidate)
        score = 0 if other == wanted else distance(wanted, other, limit)
        if score <= limit:
            scored.append((score, candidate))
    scored.sort(key=lambda pair: pair[0])
    # a name differing only in tones or case ("Hàm Yen") is meant: farther names would only distract
    best = scored[0][0] if scored else 0
    return [candidate for score, candidate in scored if best or not score][:count]


def suggestion(name: str, candidates: list[str]) -> str:
    """' có phải "A" hoặc "B" không?' or '' when nothing is near."""
    near = near_names(name, candidates)
    if not near:
        return ""
    return " Có phải " + " hoặc ".join(f"'{n}'" for n in near) + " không?"
