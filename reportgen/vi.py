"""Vietnamese conventions: number and percent formats, ND30 dates, Roman numerals, NFC text."""

from __future__ import annotations

import datetime as _dt
import functools
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
    whole, _, fraction = f"{abs(value):f}".partition(".")
    if pad:
        whole = whole.rjust(pad, "0")
    if len(whole) > 3:   # a table writes thousands of figures: slices, not a loop of inserts
        head = len(whole) % 3 or 3
        whole = ".".join([whole[:head]] + [whole[i:i + 3] for i in range(head, len(whole), 3)])
    return f"{sign}{whole},{fraction}" if fraction else f"{sign}{whole}"


def format_percent(value: Decimal, decimals: int = 1) -> str:
    """67,4% — no space before the sign."""
    return f"{format_number(value, decimals)}%"


def format_figure(value: Decimal, kind: str, decimals: int = 0, pad: int = 0) -> str:
    """A typed figure as text: percent 67,4% · roman II (a quarter) · year 2020 (no dot) · else a number 1.234."""
    if kind == "percent":
        return format_percent(value, decimals)
    if kind == "roman":
        return roman(int(value))
    if kind == "year":
        return str(int(value))
    return format_number(value, decimals, pad)


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    """Rounds as people do on paper (0,05 → 0,1), not banker's rounding."""
    return value.quantize(_quantum(decimals), rounding=ROUND_HALF_UP)


@functools.lru_cache(maxsize=64)
def _quantum(decimals: int) -> Decimal:
    return Decimal(1).scaleb(-decimals)


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
    return f"ngày {day.day:02d} tháng {format_month(day.month)} năm {day.year}"


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


_DEADLINE_FORMS = ("'Tháng 7/2020', 'Trước 30/6/2020', 'Quý II/2020', 'Quý II-III/2020', 'Trong năm 2020' "
                   "hoặc, với việc làm đều đặn, 'Thường xuyên'")
# Recurring work has no last day: never overdue.
_RECURRING = {"thường xuyên", "hàng tháng", "hằng tháng", "hàng quý", "hằng quý", "hàng năm", "hằng năm", "định kỳ"}
_QUARTERS = {"I": 1, "II": 2, "III": 3, "IV": 4}
_DATE = r"(\d{1,2})/(\d{1,2})/(\d{4})"


def parse_deadline(text: str) -> _dt.date | None:
    """The last day a task may end: "Tháng 02/2020" → 29/02/2020, "Quý II-III/2020" → 30/9/2020; None if unread."""
    phrase = " ".join(nfc(text).split()).lower()
    if match := re.fullmatch(rf"(?:trước|đến|ngày|hạn) (?:ngày )?{_DATE}", phrase):
        return _date(int(match[3]), int(match[2]), int(match[1]))
    if match := re.fullmatch(r"(?:trong |cuối )?tháng (\d{1,2})/(\d{4})", phrase):
        return _month_end(int(match[2]), int(match[1]))
    if match := re.fullmatch(r"(?:trong )?quý ([iv]+)(?:\s*-\s*(?:quý )?([iv]+))?/(\d{4})", phrase):
        first, last = _QUARTERS.get(match[1].upper()), _QUARTERS.get((match[2] or match[1]).upper())
        return _month_end(int(match[3]), last * 3) if first and last and first <= last else None
    if match := re.fullmatch(r"(?:trong |cuối )?năm (\d{4})", phrase):
        return _date(int(match[1]), 12, 31)
    return None


def is_recurring(text: str) -> bool:
    """"Thường xuyên", "Hằng quý": a task done again and again, with no deadline."""
    return " ".join(nfc(text).split()).lower() in _RECURRING


def deadline_forms() -> str:
    """How a deadline may be written, for messages."""
    return _DEADLINE_FORMS


def _month_end(year: int, month: int) -> _dt.date | None:
    if not (1 <= month <= 12 and 1 <= year < 9999):
        return None
    following = _dt.date(year + month // 12, month % 12 + 1, 1)
    return following - _dt.timedelta(days=1)


def _date(year: int, month: int, day: int) -> _dt.date | None:
    try:
        return _dt.date(year, month, day)
    except (ValueError, OverflowError):
        return None


def month_end(year: int, month: int) -> _dt.date:
    """The last day of a month: (2020, 6) → 30/6/2020 (the end of a report period)."""
    return _month_end(year, month)


def quarter_end(year: int, quarter: int) -> _dt.date:
    """The last day of a quarter: (2020, 2) → 30/6/2020."""
    return _month_end(year, quarter * 3)


def format_quarter(year: int, quarter: int) -> str:
    """quý II năm 2020 — Roman numerals, as reports write quarters."""
    return f"quý {roman(quarter)} năm {year}"


def format_month(month: int) -> str:
    """"01", "02", "5", "12": a month as ND30 writes it in a date (padded for January and February only)."""
    return f"{month:02d}" if month in (1, 2) else str(month)


def format_period(kind: str, number: int, year: int) -> str:
    """A report period in findings: "tháng 5 năm 2020", "quý II năm 2020", "6 tháng đầu năm 2020", "6 tháng cuối
    năm 2020", "9 tháng đầu năm 2020", "năm 2020" (kinds M, Q, H, T, Y as model.report; templates/ky-bao-cao.j2
    words the documents the same way)."""
    if kind == "M":
        return f"tháng {format_month(number)} năm {year}"
    if kind == "Q":
        return format_quarter(year, number)
    if kind == "H":
        return f"6 tháng {'đầu' if number == 1 else 'cuối'} năm {year}"
    if kind == "T":
        return f"{number} tháng đầu năm {year}"
    return f"năm {year}"


# What the operating system says (strerror is English whatever the locale): by errno, for the clerk.
_OS_REASONS = {
    "EACCES": "không có quyền ghi hoặc đọc ở đây", "EPERM": "hệ điều hành không cho phép thao tác này",
    "ENOSPC": "ổ đĩa đã đầy", "EDQUOT": "đã hết hạn mức dung lượng của người dùng trên ổ đĩa",
    "EROFS": "ổ đĩa hoặc thư mục chỉ cho đọc", "EEXIST": "đã có một tệp hoặc thư mục trùng tên",
    "EISDIR": "đây là một thư mục, không phải tệp", "ENOTDIR": "một phần của đường dẫn là tệp, không phải thư mục",
    "ENOENT": "không có tệp hoặc thư mục này", "ENAMETOOLONG": "tên tệp hoặc đường dẫn quá dài",
    "EMFILE": "quá nhiều tệp đang mở cùng lúc", "ENFILE": "hệ thống đang mở quá nhiều tệp",
    "EIO": "lỗi đọc ghi của ổ đĩa", "EBUSY": "tệp hoặc thư mục đang bị chiếm dụng",
    "ETXTBSY": "tệp đang được dùng", "ELOOP": "đường dẫn có quá nhiều liên kết tượng trưng (vòng lặp?)",
    "EXDEV": "không chuyển được tệp sang ổ đĩa khác", "ENOTEMPTY": "thư mục không trống",
    "EFBIG": "tệp quá lớn", "ENOMEM": "không đủ bộ nhớ", "EINVAL": "tên hoặc thao tác không hợp lệ",
}


def os_error_text(error: OSError) -> str:
    """"ổ đĩa đã đầy [ENOSPC]": the reason in Vietnamese, the errno's name kept for whoever helps the clerk."""
    import errno as _errno
    name = _errno.errorcode.get(error.errno or 0)
    if name in _OS_REASONS:
        return f"{_OS_REASONS[name]} [{name}]"
    return f"lỗi hệ điều hành [{name}]" if name else f"lỗi hệ điều hành ({error})"
