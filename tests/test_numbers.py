"""Vietnamese number reading, Roman numerals and the lunar calendar helpers."""

from __future__ import annotations

from datetime import date

import pytest

from vnextract.extractors.lunar import can_chi_of, lunar_to_solar, year_from_can_chi
from vnextract.extractors.numbers import parse_number, parse_spelled, roman_to_int


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("54,3", 54.3),
        ("54.3", 54.3),
        ("1.234,5", 1234.5),
        ("12.500", 12500.0),
        ("12.500.000", 12500000.0),
        ("100", 100.0),
        ("0,5", 0.5),
        ("0.500", 0.5),
        ("1,234", 1.234),
        ("1,234.5", 1234.5),
        ("7,37", 7.37),
    ],
    ids=lambda v: str(v),
)
def test_parse_number(text: str, value: float) -> None:
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "1.23.456", "12.34.5"])
def test_parse_number_rejects(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("năm", 5),
        ("mười", 10),
        ("mười lăm", 15),
        ("mười hai", 12),
        ("hai mươi", 20),
        ("hai mươi mốt", 21),
        ("hai mươi lăm", 25),
        ("ba mươi tư", 34),
        ("Năm mươi", 50),
        ("một trăm", 100),
        ("một trăm linh năm", 105),
        ("hai trăm năm mươi", 250),
        ("một nghìn", 1000),
        ("hai nghìn không trăm mười bảy", 2017),
    ],
    ids=lambda v: str(v),
)
def test_parse_spelled(text: str, value: int) -> None:
    assert parse_spelled(text) == value


@pytest.mark.parametrize("text", ["", "mốt", "lăm", "tư", "phần", "năm mới"])
def test_parse_spelled_rejects(text: str) -> None:
    assert parse_spelled(text) is None


@pytest.mark.parametrize(("text", "value"), [("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("XII", 12), ("XIV", 14)])
def test_roman(text: str, value: int) -> None:
    assert roman_to_int(text) == value


@pytest.mark.parametrize("text", ["", "IIII", "IC", "ABC", "VV"])
def test_roman_rejects(text: str) -> None:
    assert roman_to_int(text) is None


@pytest.mark.parametrize(
    ("lunar", "solar"),
    [
        ((1, 1, 2017), date(2017, 1, 28)),
        ((7, 1, 2017), date(2017, 2, 3)),
        ((15, 1, 2017), date(2017, 2, 11)),
        ((10, 3, 2017), date(2017, 4, 6)),
        ((15, 7, 2017), date(2017, 9, 5)),
        ((1, 1, 2023), date(2023, 1, 22)),
        ((1, 1, 1985), date(1985, 1, 21)),  # a year Vietnam's Tết (UTC+7) differs from China's
        ((1, 1, 2007), date(2007, 2, 17)),
    ],
    ids=str,
)
def test_lunar_to_solar(lunar: tuple[int, int, int], solar: date) -> None:
    assert lunar_to_solar(*lunar) == solar


def test_leap_month() -> None:
    # 2017 had a leap 6th month: the leap month starts one lunar month after the regular one
    regular, leap = lunar_to_solar(1, 6, 2017), lunar_to_solar(1, 6, 2017, leap=True)
    assert regular is not None and leap is not None and 29 <= (leap - regular).days <= 30
    assert lunar_to_solar(1, 5, 2017, leap=True) is None
    assert lunar_to_solar(31, 1, 2017) is None


def test_can_chi() -> None:
    assert can_chi_of(2017) == ("đinh", "dậu")
    assert year_from_can_chi("Đinh", "Dậu") == 2017
    assert year_from_can_chi("Mậu", "Tuất", reference=2017) == 2018
    assert year_from_can_chi("Ất", "Dậu", reference=1995) == 1945
    assert year_from_can_chi("Giáp", "Sửu") is None  # parities differ: no such year
