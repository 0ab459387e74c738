"""Vietnamese conventions: number and percent formats, ND30 dates, Roman numerals, NFC text."""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


def nfc(text: str) -> str:
    """Text as NFC (precomposed): what search, comparison and PDF extraction expect."""
    return unicodedata.normalize("NFC", text)


def format_number(value: Decimal, decimals: int | None = None, pad: int = 0) -> str:
    """1.234,5 — dot groups thousands, comma marks decimals (Luật Kế toán, NĐ 86/2012); pad=2 gives 08."""
    if decimals is not None:
        value = round_half_up(value, decimals)
    sign = "-" if value < 0 else ""
    digits = f"{abs(value):f}"
    whole, _, fraction = digits.partition(".")
    whole = whole.rjust(pad, "0")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    return f"{sign}{text},{fraction}" if fraction else f"{sign}{text}"


def format_percent(value: Decimal, decimals: int = 1) -> str:
    """67,4% — no space before the sign."""
    return f"{format_number(value, decimals)}%"


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Rounds as people do on paper (0,05 → 0,1), not banker's rounding."""
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


_VI_NUMBER = re.compile(r"^-?\d{1,3}(\.\d{3})*(,\d+)?$|^-?\d+(,\d+)?$")


def parse_number(text: str) -> Decimal | None:
    """Reads a number written the Vietnamese way ("1.234,5", "0,4", "22"); None if it is not one."""
    text = text.strip()
    if not _VI_NUMBER.match(text):
        return None
    try:
        return Decimal(text.replace(".", "").replace(",", "."))
    except InvalidOperation:
        return None


def format_document_number(number: int, symbol: str) -> str:
    """552/KH-BCĐ; numbers below 10 take a leading zero (ND30 II.3): 07/KH-UBND."""
    return f"{number:02d}/{symbol}"


def format_date_long(day: _dt.date) -> str:
    """ngày 17 tháng 02 năm 2020 — day padded, month padded only for 1 and 2 (ND30 II.4.b)."""
    month = f"{day.month:02d}" if day.month in (1, 2) else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_date_short(day: _dt.date) -> str:
    """17/02/2020 — the short form used in annex reference lines."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


_ROMAN = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def roman(number: int) -> str:
    """4 → IV, for group rows and section numbers."""
    if number <= 0:
        raise ValueError("số La Mã phải lớn hơn 0")
    parts = []
    for value, letters in _ROMAN:
        count, number = divmod(number, value)
        parts.append(letters * count)
    return "".join(parts)


def is_roman(text: str) -> bool:
    """True for a Roman numeral such as "IV" (group-row numbers in annex tables)."""
    text = text.strip().upper()
    return bool(text) and re.fullmatch(r"M*(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", text) is not None
