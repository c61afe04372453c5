"""The Vietnamese lunisolar calendar: lunar dates to solar dates, and sexagenary year names.

The calendar is computed, not tabulated: new moons and solar longitudes from the
standard low-precision astronomical series (Meeus), evaluated in the Vietnamese
calendar's own time zone, UTC+7 (which is why Vietnam's Tết sometimes differs from
China's).  A lunar year's month 11 is the month containing the winter solstice; a
year with 13 months between two such months has a leap month, the first month
without a major solar term.  Accurate for 1800..2199, which covers news text.

Year names ("Đinh Dậu") repeat every 60 years; :func:`year_from_can_chi` picks the
latest one up to the year after a reference year.
"""

from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

__all__ = ["CAN", "CHI", "can_chi_of", "lunar_to_solar", "year_from_can_chi"]

VIETNAM_TZ = 7.0
_SYNODIC = 29.530588853
_JD_EPOCH = 2415021.076998695  # a new moon near 1900-01-01
_ORDINAL_TO_JD = 1721425  # date.toordinal() + this = Julian day number

CAN = ("giáp", "ất", "bính", "đinh", "mậu", "kỷ", "canh", "tân", "nhâm", "quý")
CHI = ("tý", "sửu", "dần", "mão", "thìn", "tỵ", "ngọ", "mùi", "thân", "dậu", "tuất", "hợi")
_CHI_ALIASES = {"mẹo": "mão", "tí": "tý", "tị": "tỵ"}


def _jd(d: date) -> int:
    return d.toordinal() + _ORDINAL_TO_JD


def _date_from_jd(jd: int) -> date:
    return date.fromordinal(jd - _ORDINAL_TO_JD)


def _new_moon(k: int) -> float:
    """Julian day (fractional, UT) of the k-th new moon after the 1900 epoch."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    dr = math.pi / 180
    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd1 += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * dr)
    m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3
    mpr = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3
    f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3
    c1 = (0.1734 - 0.000393 * t) * math.sin(m * dr) + 0.0021 * math.sin(2 * dr * m)
    c1 = c1 - 0.4068 * math.sin(mpr * dr) + 0.0161 * math.sin(dr * 2 * mpr)
    c1 = c1 - 0.0004 * math.sin(dr * 3 * mpr)
    c1 = c1 + 0.0104 * math.sin(dr * 2 * f) - 0.0051 * math.sin(dr * (m + mpr))
    c1 = c1 - 0.0074 * math.sin(dr * (m - mpr)) + 0.0004 * math.sin(dr * (2 * f + m))
    c1 = c1 - 0.0004 * math.sin(dr * (2 * f - m)) - 0.0006 * math.sin(dr * (2 * f + mpr))
    c1 = c1 + 0.0010 * math.sin(dr * (2 * f - mpr)) + 0.0005 * math.sin(dr * (2 * mpr + m))
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd1 + c1 - delta_t


def _new_moon_day(k: int, tz: float) -> int:
    return math.floor(_new_moon(k) + 0.5 + tz / 24)


def _sun_longitude(jdn: float) -> float:
    """Apparent solar longitude in radians, 0..2pi."""
    t = (jdn - 2451545.0) / 36525
    t2 = t * t
    dr = math.pi / 180
    m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2
    l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2
    dl = (1.914600 - 0.004817 * t - 0.000014 * t2) * math.sin(dr * m)
    dl += (0.019993 - 0.000101 * t) * math.sin(dr * 2 * m) + 0.000290 * math.sin(dr * 3 * m)
    lon = (l0 + dl) * dr
    return lon - 2 * math.pi * math.floor(lon / (2 * math.pi))


def _sun_sector(day: int, tz: float) -> int:
    """Which of the 12 major solar terms' sectors the sun is in at the start of ``day``."""
    return math.floor(_sun_longitude(day - 0.5 - tz / 24) / math.pi * 6)


def _lunar_month_11(year: int, tz: float) -> int:
    """Julian day on which lunar month 11 (the winter-solstice month) of ``year`` begins."""
    off = _jd(date(year, 12, 31)) - 2415021
    k = math.floor(off / _SYNODIC)
    nm = _new_moon_day(k, tz)
    if _sun_sector(nm, tz) >= 9:
        nm = _new_moon_day(k - 1, tz)
    return nm


def _leap_month_offset(a11: int, tz: float) -> int:
    k = math.floor((a11 - _JD_EPOCH) / _SYNODIC + 0.5)
    i = 1
    arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    last = -1
    while arc != last and i < 14:
        last = arc
        i += 1
        arc = _sun_sector(_new_moon_day(k + i, tz), tz)
    return i - 1


@lru_cache(maxsize=1024)
def lunar_to_solar(day: int, month: int, year: int, leap: bool = False, tz: float = VIETNAM_TZ) -> date | None:
    """The solar date of lunar ``day``/``month`` of lunar ``year``; ``None`` if it does not exist.

    >>> lunar_to_solar(1, 1, 2017)
    datetime.date(2017, 1, 28)
    """
    if not (1 <= day <= 30 and 1 <= month <= 12 and 1800 <= year <= 2199):
        return None
    if month < 11:
        a11, b11 = _lunar_month_11(year - 1, tz), _lunar_month_11(year, tz)
    else:
        a11, b11 = _lunar_month_11(year, tz), _lunar_month_11(year + 1, tz)
    k = math.floor(0.5 + (a11 - _JD_EPOCH) / _SYNODIC)
    off = month - 11
    if off < 0:
        off += 12
    if b11 - a11 > 365:
        leap_off = _leap_month_offset(a11, tz)
        leap_month = leap_off - 2
        if leap_month < 0:
            leap_month += 12
        if leap and month != leap_month:
            return None
        if leap or off >= leap_off:
            off += 1
    elif leap:
        return None
    start = _new_moon_day(k + off, tz)
    next_start = _new_moon_day(k + off + 1, tz)
    if day > next_start - start:
        return None
    return _date_from_jd(start + day - 1)


def can_chi_of(year: int) -> tuple[str, str]:
    """The (can, chi) names of a lunar year: 2017 -> ("đinh", "dậu")."""
    return CAN[(year + 6) % 10], CHI[(year + 8) % 12]


def year_from_can_chi(can: str, chi: str, reference: int | None = None) -> int | None:
    """The latest year named ``can chi`` up to ``reference + 1`` (default: the 1984..2043 cycle)."""
    can, chi = can.casefold(), chi.casefold()
    chi = _CHI_ALIASES.get(chi, chi)
    if can not in CAN or chi not in CHI:
        return None
    first = next((y for y in range(1984, 2044) if can_chi_of(y) == (can, chi)), None)
    if first is None:  # an impossible pairing (parities differ), e.g. "Giáp Sửu"
        return None
    if reference is None:
        return first
    # the latest year of that name not after the year following the reference: a year name in
    # news is the current or coming year, or one in the past ("nạn đói năm Ất Dậu" -> 1945)
    return first + 60 * ((reference + 1 - first) // 60)
