"""Vietnamese conventions: number formats, ND30 date padding, Roman numerals, number reading."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from reportgen import vi


@pytest.mark.parametrize(("value", "decimals", "pad", "text"), [
    ("1234.5", None, 0, "1.234,5"),
    ("1234567", None, 0, "1.234.567"),
    ("19.0", None, 0, "19,0"),
    ("0.05", 1, 0, "0,1"),        # half up, not banker's rounding
    ("0.25", 1, 0, "0,3"),
    ("-9", None, 0, "-9"),
    ("8", None, 2, "08"),
    ("12", None, 2, "12"),
    ("999", None, 0, "999"),
])
def test_format_number(value, decimals, pad, text):
    assert vi.format_number(Decimal(value), decimals, pad) == text


def test_percent_has_no_space_and_a_decimal_comma():
    assert vi.format_percent(Decimal(124) / Decimal(184) * 100, 1) == "67,4%"


@pytest.mark.parametrize(("day", "text"), [
    (dt.date(2020, 2, 17), "ngày 17 tháng 02 năm 2020"),
    (dt.date(2020, 1, 5), "ngày 05 tháng 01 năm 2020"),
    (dt.date(2020, 3, 5), "ngày 05 tháng 3 năm 2020"),
    (dt.date(2019, 6, 29), "ngày 29 tháng 6 năm 2019"),
    (dt.date(2020, 12, 1), "ngày 01 tháng 12 năm 2020"),
])
def test_nd30_date_padding(day, text):
    assert vi.format_date_long(day) == text


def test_short_date():
    assert vi.format_date_short(dt.date(2020, 2, 17)) == "17/02/2020"


def test_roman_numerals():
    assert [vi.roman(n) for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert vi.is_roman("VIII") and vi.is_roman("iv") and not vi.is_roman("Tổng") and not vi.is_roman("")


@pytest.mark.parametrize(("text", "value"), [
    ("22", Decimal(22)), ("0,4", Decimal("0.4")), ("1.234", Decimal(1234)), ("1.234,5", Decimal("1234.5")),
    ("mười", None), ("1,2,3", None),
])
def test_parse_vietnamese_number(text, value):
    assert vi.parse_number(text) == value


def test_nfc():
    decomposed = "Hòa".replace("ò", "o\u0300")
    assert decomposed != "Hòa" and vi.nfc(decomposed) == "Hòa"


@pytest.mark.parametrize("text, expected", [
    ("Tháng 01/2020", dt.date(2020, 1, 31)),
    ("Tháng 02/2020", dt.date(2020, 2, 29)),
    ("tháng 12/2024", dt.date(2024, 12, 31)),
    ("Trước 28/02/2020", dt.date(2020, 2, 28)),
    ("Trước 30/6/2020", dt.date(2020, 6, 30)),
    ("Đến ngày 5/3/2024", dt.date(2024, 3, 5)),
    ("Quý I/2020", dt.date(2020, 3, 31)),
    ("Quý IV/2020", dt.date(2020, 12, 31)),
    ("Quý II-III/2020", dt.date(2020, 9, 30)),
    ("Trong năm 2020", dt.date(2020, 12, 31)),
    ("Trong  năm\u00a02020", dt.date(2020, 12, 31)),
])
def test_deadline_phrases_give_the_last_day(text, expected):
    assert vi.parse_deadline(text) == expected


@pytest.mark.parametrize("text", ["Sớm nhất có thể", "Tháng 13/2020", "Trước 31/02/2020", "Quý V/2020",
                                  "Quý IIII/2020", "Thường xuyên", "2020"])
def test_unread_deadline_phrases_give_none(text):
    assert vi.parse_deadline(text) is None


def test_recurring_work_has_no_deadline_but_is_a_known_phrase():
    assert vi.is_recurring("Thường  xuyên") and vi.is_recurring("Hằng quý") and not vi.is_recurring("Quý I/2020")


@pytest.mark.parametrize("text", ["Tháng 1/0000", "Năm 0000", "Tháng 12/9999", "Quý IV/9999", "Quý II-I/2020"])
def test_impossible_deadlines_are_unread_not_a_crash(text):
    assert vi.parse_deadline(text) is None
