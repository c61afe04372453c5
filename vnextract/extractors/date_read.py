"""Reading one match of :data:`~vnextract.extractors.date_patterns.CANDIDATE` into candidates.

A :class:`Cand` is a date found in the normalised text, before ranges are joined and
years inferred.  Filters that need the surrounding text live here: document numbers
("Nghị quyết 35/2016"), counts ("2017 người"), ratios ("2/3 số đại biểu"), and
partial dates without a trigger word ("ngày", a part of day, a weekday, brackets), which
are kept only if a range confirms them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import regex

from vnextract.extractors.date_lexicon import load_list
from vnextract.extractors.date_patterns import (
    DAY_WORDS,
    DOC_DATE_BEFORE,
    DOC_WORDS_BEFORE,
    MONTH_NAMES,
    UNIT_AFTER_YEAR,
    WEEKDAYS,
)
from vnextract.extractors.date_resolve import CalValue, valid_day
from vnextract.extractors.numbers import parse_spelled, roman_to_int
from vnextract.records import Granularity

__all__ = ["Cand", "read_candidate"]

_LOOKBACK = 40
_SOFT_TRIGGER = regex.compile(r"(?:\b(?:từ|đến|tới|trước|sau|vào|hồi|hạn|và)\s+)$", regex.IGNORECASE)
# a holiday named right before its day and month: "Quốc khánh 2/9", "Giải phóng miền Nam 30/4"
_HOLIDAY_BEFORE = regex.compile(
    r"(?:\b(?:" + "|".join(sorted((regex.escape(h) for h in load_list("date_holidays.txt", fold_case=True)),
                                   key=len, reverse=True)).replace(r"\ ", r"\s+")
    + r")(?:\s+Việt\s+Nam)?\s*)$",
    regex.IGNORECASE,
)
_RATIO_AFTER = regex.compile(
    r"\s*(?:%|phần\s+trăm|số|tổng|phiếu|đại\s+biểu|thành\s+viên|trở\s+lên|người|ĐB|câu|điểm|trận|ván)(?![\p{L}])",
    regex.IGNORECASE,
)
_NOT_ANCHOR_BEFORE = regex.compile(
    r"(?:\b(?:đến|tới|tầm\s+nhìn|từ|sinh|trước|sau|hướng\s+tới|định\s+hướng|SN|kể\s+từ|mục\s+tiêu|so\s+với)\s*"
    r"(?:năm\s*)?)$",
    regex.IGNORECASE,
)
_ORDINAL_BEFORE = regex.compile(
    r"(?:\b(?:lần|kỳ\s+họp|kỳ|phiên|khóa|đợt|hội\s+nghị|ngày|năm|tuần|lớp|vòng)\s*)$", regex.IGNORECASE
)
_SEPARATORS = regex.compile(r"[\s,]*")
_DASH_MONTH_TRIGGER = regex.compile(r"(?:\b(?:từ|đến|tới|vào|hồi|trước|sau|đầu|giữa|cuối)\s+)$", regex.IGNORECASE)
# a dateline: a capitalised place opening a line, then the date and "-" or "(" ("HÀ NỘI, 12/5 - ...")
_DATELINE_BEFORE = regex.compile(r"(?:\A|(?<=\n))[\s\"'*]*\p{Lu}[\p{L}.]*(?:[ ]\p{Lu}[\p{L}.]*){0,4}\s*,\s*\Z")
_DATELINE_AFTER = regex.compile(r"[ \t]*[-(]")
_REVOLUTION_BEFORE = regex.compile(r"(?:\bcách\s+mạng\s+)$", regex.IGNORECASE)
_REVOLUTIONS = {8: 1945, 10: 1917}
_FROM_BEFORE = regex.compile(r"(?:\btừ\s*)$", regex.IGNORECASE)
_SAME_PERIOD_BEFORE = regex.compile(r"(?:\bcùng\s+kỳ\s*)$", regex.IGNORECASE)
# birth dates and dates of earlier events ("trước đó, ngày 18-4-2011") lend their year to no other date
_BIRTH_BEFORE = regex.compile(
    r"(?:\b(?:sinh|SN)\s*(?:ngày\s*)?|\btrước\s+(?:đó|đây)\s*,?\s*(?:vào\s+)?(?:ngày\s*)?)$", regex.IGNORECASE
)
_QUANTITY_BEFORE = regex.compile(
    r"(?:\b(?:khoảng|gần|hơn|trên|dưới|tổng|có|gồm|với|xấp\s+xỉ|lên\s+tới|tăng|giảm|đạt|còn|mất|thu|chi)\s+)$",
    regex.IGNORECASE,
)
_DIGITS = regex.compile(r"\d+")
# a year-like group inside a run of digit groups is part of a phone or account number ("0236 3822 2017")
_DIGIT_GROUP_AROUND = regex.compile(r"\d[\s.]\d{4}(?!\d)|(?<!\d)\d{4}[\s.]\d")
_DAY_CORE_NAMES = ("dmy", "dayrange", "dm", "dwords", "mdy", "tet")
# a house number or a plot, not a date: "số nhà 12/8/95", "hẻm 5/6/18"
_ADDRESS_BEFORE = regex.compile(
    r"(?:\b(?:số|nhà|hẻm|ngõ|ngách|kiệt|tổ|khu|lô|thửa|phòng|căn|tờ)\s*(?:số\s*)?)$", regex.IGNORECASE
)
_EDGE = " \t\n,.;:!?()[]\"'-"
# a lower-case month or quarter word is a date after one of these ("vào tháng tư", "đến quý hai") ...
_WORD_TRIGGER = regex.compile(
    r"(?:\b(?:vào|từ|đến|tới|trong|hồi|trước|sau|hết|đầu|giữa|cuối|suốt|của|năm|ngày|và|hoặc|tháng|quý)\s+)$",
    regex.IGNORECASE,
)
# ... unless a number or a counting word follows: "mỗi tháng hai lần", "quý hai mươi"
_COUNT_AFTER = regex.compile(
    r"\s*(?:\d|(?:mươi|trăm|nghìn|ngàn|triệu|tỷ|lần|buổi|đợt|kỳ|người|lượt|chuyến|ngày|tuần|tháng|năm|giờ)(?!\p{L}))",
    regex.IGNORECASE,
)
_LUNAR_MONTHS = {"giêng", "chạp"}
_GRAN_BY_LEVEL = {
    "day": Granularity.DAY,
    "month": Granularity.MONTH,
    "quarter": Granularity.QUARTER,
    "year": Granularity.YEAR,
    "canchi": Granularity.YEAR,
}


@dataclass(slots=True)
class Cand:
    """A date candidate in normalised offsets."""

    start: int
    end: int
    value: CalValue
    level: str  # day / month / quarter / year / period / canchi
    end_value: CalValue | None = None
    part: str | None = None
    weekday: str | None = None
    lunar: bool = False
    accepted: bool = True
    anchor_year: int | None = None
    canchi: tuple[str, str] | None = None
    year_known: bool = False  # a year from the name of a historical event ("Cách mạng Tháng Tám"): inferred
    tet_eve: bool = False  # "29 Tết": month 12 of the lunar year before the Tết its year names
    doc_date: bool = False  # the date of a document ("Nghị quyết số 35/NQ-CP ngày 16/5/2016"): a weak anchor
    today: bool = False  # "sáng nay (14/3)", "hôm nay 14/3": the publication day, so publication's year

    @property
    def granularity(self) -> Granularity:
        """The record granularity."""
        if self.end_value is not None:
            return Granularity.PERIOD
        return _GRAN_BY_LEVEL.get(self.level, Granularity.PERIOD)

    def as_range(self, other: Cand, start: CalValue, end: CalValue) -> Cand:
        """This candidate and ``other`` joined into one range."""
        anchor = end.year if self.level in ("day", "month") and other.level in ("day", "month") else None
        return replace(self, end=other.end, value=start, end_value=end, accepted=True, anchor_year=anchor)


def _before(text: str, pos: int) -> str:
    return text[max(0, pos - _LOOKBACK) : pos]


def _month_of(word: str) -> int | None:
    if word.isdigit():
        return int(word)
    key = " ".join(word.split())
    return MONTH_NAMES.get(key, MONTH_NAMES.get(key.casefold()))


def _anchor(text: str, start: int, year: int) -> int | None:
    before = _before(text, start)
    if _SAME_PERIOD_BEFORE.search(before):
        return year + 1
    if _NOT_ANCHOR_BEFORE.search(before):
        return None
    return year


def year_from_two_digits(y: str, reference: int | None = None) -> int:
    """The year of a written year: "2017" as is; "17" in the century that puts it at most 20 years after
    ``reference`` (the publication year: "95" is 1995 and "18" 2018 in 2017), else 00-40 = 20yy, 41-99 = 19yy."""
    value = int(y)
    if len(y) != 2:
        return value
    if reference is None:
        return 2000 + value if value <= 40 else 1900 + value
    year = (reference // 100) * 100 + value
    return year - 100 if year > reference + 20 else year


def _alone(text: str, start: int, end: int) -> bool:
    """Whether the expression is the whole text (a table cell, a form field): a date by itself."""
    return not text[:start].strip(_EDGE) and not text[end:].strip(_EDGE)


def read_candidate(text: str, m: regex.Match[str], reference: int | None = None) -> list[Cand]:
    """The candidates one master-pattern match stands for (often one, sometimes none or two).

    ``reference`` (the publication year, if known) places two-digit years."""
    g = m.groupdict()
    if g["dmy"] or g["dm"] or g["dwords"] or g["dayrange"] or g["mdy"] or g["tet"]:
        return _read_day(text, m, g, reference)
    return _read_other(text, m, g, reference)


def _read_day(text: str, m: regex.Match[str], g: dict[str, str | None], reference: int | None) -> list[Cand]:
    part = " ".join(g["part"].casefold().split()) if g["part"] else None
    weekday = WEEKDAYS.get(" ".join(g["wd"].casefold().split())) if g["wd"] else None
    has_prefix = bool(part or weekday or g["rel2"] or g["ngay"])
    lunar = bool(g["lunar"])
    strong = has_prefix or bool(g["open"]) or lunar or _is_dateline(text, m) or _alone(text, m.start(), m.end())
    core = next(name for name in _DAY_CORE_NAMES if g[name])
    # "(7/7)" alone: the brackets are not part of the date; "Sáng nay (7/7)" keeps them
    start = m.start("open") + 1 if g["open"] and not has_prefix else m.start()
    if weekday and not part and _ORDINAL_BEFORE.search(_before(text, m.start())):
        # "Hội nghị lần thứ năm, ngày 10/5": an ordinal, not a weekday
        weekday = None
        start = _SEPARATORS.match(text, m.end("wd")).end()
        has_prefix = bool(g["rel2"] or g["ngay"])
    end = m.end() if g["open"] and has_prefix else m.end("lunar") if lunar else m.end(core)
    rel = " ".join((g["rel"] or g["rel2"] or "").casefold().split())
    base = {"part": part, "weekday": weekday, "today": rel in ("nay", "hôm nay")}
    before = _before(text, m.start())
    if g["dmy"]:
        d, mo, y = (x for x in _DIGITS.findall(g["dmy"]))
        if len(y) == 2 and not strong and (
            _ADDRESS_BEFORE.search(before) or DOC_WORDS_BEFORE.search(before) or UNIT_AFTER_YEAR.match(text, m.end())
        ):
            return []  # "5/6/18" alone is a date, "số nhà 12/8/95" an address
        year = year_from_two_digits(y, reference)
        if not valid_day(int(d), int(mo), year) or (not has_prefix and DOC_WORDS_BEFORE.search(before)):
            return []
        anchor = None if _BIRTH_BEFORE.search(before) else year
        # "21 /6/2017": a spaced slash is a date after a trigger word or as the end of a range
        accepted = has_prefix or " " not in "/".join(g["dmy"].split("/")[:2])
        return [Cand(start, end, CalValue(year, int(mo), int(d)), "day", lunar=lunar, accepted=accepted,
                     anchor_year=anchor, doc_date=bool(DOC_DATE_BEFORE.search(before)), **base)]
    if g["dayrange"]:
        return _read_day_list(text, m, g, (start, end), strong, lunar, base, reference)
    if g["dm"]:
        d, mo = (int(x) for x in _DIGITS.findall(g["dm"]))
        if not valid_day(d, mo, None) or (not has_prefix and DOC_WORDS_BEFORE.search(before)):
            return []
        dotted = "." in g["dm"]
        if dotted and UNIT_AFTER_YEAR.match(text, m.end()):
            return []
        # "14.6" is a date right after "ngày" or a part of day, or as the end of a range
        accepted = bool(part or g["ngay"]) if dotted else strong
        if not strong:
            if _RATIO_AFTER.match(text, m.end()) or UNIT_AFTER_YEAR.match(text, m.end()):
                return []
            accepted = not dotted and bool(_SOFT_TRIGGER.search(before) or _HOLIDAY_BEFORE.search(before))
        if " " in g["dm"]:  # "Sáng 11/ 5", "Ngày 9 / 7": only after a part of day, weekday or "ngày"
            accepted = accepted and has_prefix
        return [Cand(start, end, CalValue(None, mo, d), "day", lunar=lunar, accepted=accepted, **base)]
    if g["dwords"] or g["mdy"]:
        return _read_day_words(text, m, g, (start, end), strong, lunar, base, reference)
    # mùng 7 Tết; hôm 29 Tết / ngày 30 Tết: the last days of the lunar year before Tết
    ngay = ((g["ngay"] or "").casefold().split() or [""])[-1]
    day_word = g["tet_d"]
    day = int(day_word) if day_word.isdigit() else parse_spelled(day_word)
    canchi = (g["tet_can"], g["tet_chi"]) if g["tet_can"] and g["tet_chi"] else None
    if day is not None and ngay in ("mùng", "mồng") and 1 <= day <= 30:
        return [Cand(start, end, CalValue(None, 1, day), "day", lunar=True, canchi=canchi, **base)]
    if day is not None and (ngay in ("ngày", "hôm") or part) and 23 <= day <= 30:
        return [Cand(start, end, CalValue(None, 12, day), "day", lunar=True, canchi=canchi, tet_eve=True, **base)]
    return []


def _read_day_words(
    text: str,
    m: regex.Match[str],
    g: dict[str, str | None],
    bounds: tuple[int, int],
    strong: bool,
    lunar: bool,
    base: dict,
    reference: int | None,
) -> list[Cand]:
    """"ngày 30 tháng 9 năm 2022", "ngày hai mươi tháng tư", "9 Tháng 1 2015", "Tháng Mười Hai 29, 2013"."""
    before = _before(text, m.start())
    day_word = " ".join((g["dw_d"] or g["mdy_d"] or "").casefold().split())
    d = int(day_word) if day_word.isdigit() else DAY_WORDS.get(day_word)
    month_word = " ".join((g["dw_m"] or g["mdy_m"] or "").split())
    mo = _month_of(month_word)
    y = g["dw_y"] or g["dw_yc"] or g["dw_ys"] or g["mdy_y"]
    year = year_from_two_digits(y, reference) if y else None
    if d is None or mo is None or not valid_day(d, mo, year) or not (strong or year):
        return []
    if g["dw_ys"] and UNIT_AFTER_YEAR.match(text, m.end()):
        return []  # "ngày 5 tháng 3 2000 người": a count after the date, not its year
    lunar = lunar or month_word.casefold() in _LUNAR_MONTHS
    anchor = year if year and not _BIRTH_BEFORE.search(before) else None
    return [Cand(*bounds, CalValue(year, mo, d), "day", lunar=lunar, anchor_year=anchor,
                 doc_date=bool(DOC_DATE_BEFORE.search(before)), **base)]


def _is_dateline(text: str, m: regex.Match[str]) -> bool:
    return bool(
        _DATELINE_AFTER.match(text, m.end()) and _DATELINE_BEFORE.search(text, max(0, m.start() - _LOOKBACK), m.start())
    )


def _read_day_list(
    text: str,
    m: regex.Match[str],
    g: dict[str, str | None],
    bounds: tuple[int, int],
    strong: bool,
    lunar: bool,
    base: dict,
    reference: int | None = None,
) -> list[Cand]:
    """Days sharing a month: "18 - 25/4" and "3 đến ngày 7 tháng 8" are ranges, so are two consecutive
    days "19 và 20/8"; "25, 26 và 27/9/2014" is three dates."""
    before = _before(text, m.start())
    if not (strong or _SOFT_TRIGGER.search(before) or _FROM_BEFORE.search(before)):
        return []
    if g["drs"] == "." and not g["dry"] and not (g["ngay"] or g["part"]):
        return []  # "2-3.6" is a number; "ngày 9 - 11.10" a range
    mo = _month_of(" ".join((g["drm"] or g["drmw"] or "").split()))
    if mo is None:
        return []
    y = g["dry"] or g["dryw"]
    year = int(y) if y else None
    spans = [(m.start("dr1"), m.end("dr1"))]
    spans += [(x.start(), x.end()) for x in _DIGITS.finditer(text, m.start("drmid"), m.end("drmid"))]
    spans.append((m.start("dr2"), m.end("dr2")))
    days = [int(text[a:b]) for a, b in spans]
    if not all(valid_day(d, mo, year) for d in days) or days != sorted(set(days)):
        return []
    if len(days) == 2 and (g["drconn"] or ((g["drand"] or "").startswith("và") and days[1] == days[0] + 1)):
        first, last = CalValue(year, mo, days[0]), CalValue(year, mo, days[1])
        return [Cand(*bounds, first, "range", end_value=last, lunar=lunar, anchor_year=year, **base)]
    out = [Cand(bounds[0], spans[0][1], CalValue(year, mo, days[0]), "day", lunar=lunar, **base)]
    for (a, b), day in zip(spans[1:-1], days[1:-1], strict=True):
        out.append(Cand(a, b, CalValue(year, mo, day), "day", lunar=lunar))
    out.append(Cand(spans[-1][0], bounds[1], CalValue(year, mo, days[-1]), "day", lunar=lunar, anchor_year=year))
    return out


def _word_accepted(text: str, start: int, end: int, written_year: bool) -> bool:
    """A lower-case month or quarter word ("tháng tư", "quý hai") is a date with a year, after a trigger word,
    or alone, and never before a number or counting word ("mỗi tháng hai lần")."""
    if _COUNT_AFTER.match(text, end) and not written_year:
        return False
    return written_year or bool(_WORD_TRIGGER.search(_before(text, start))) or _alone(text, start, end)


def _read_other(text: str, m: regex.Match[str], g: dict[str, str | None], reference: int | None = None) -> list[Cand]:
    start, end = m.start(), m.end()
    before = _before(text, start)
    if g["ram"]:
        mo = _month_of(g["ram_m"].strip())
        return [] if mo is None else [Cand(start, end, CalValue(None, mo, 15), "day", lunar=True)]
    if g["period"]:
        n_word = g["pn"]
        n = int(n_word) if n_word.isdigit() else parse_spelled(n_word)
        if n is None or not 1 <= n <= 12 or not (g["pq"] or g["py"] or g["pnay"]):
            return []
        year = int(g["py"]) if g["py"] else None
        first, last = (13 - n, 12) if (g["pq"] or "").casefold() == "cuối" else (1, n)
        return [Cand(start, end, CalValue(year, first), "period", end_value=CalValue(year, last),
                     anchor_year=year)]
    if g["quarter"]:
        q_word = g["q"]
        spelled = q_word.casefold() in DAY_WORDS
        q = int(q_word) if q_word.isdigit() else DAY_WORDS[q_word.casefold()] if spelled else roman_to_int(q_word)
        y = g["qy"] or g["qy2"]
        year = int(y) if y else None
        accepted = not spelled or _word_accepted(text, start, end, year is not None)
        return [Cand(start, end, CalValue(year, quarter=q), "quarter", anchor_year=year, accepted=accepted)]
    if g["month"]:
        month_word = " ".join(g["mm"].split())
        mo = _month_of(month_word)
        y = g["my"] or g["my2"] or g["myy"]
        year = year_from_two_digits(y, reference) if y else None
        if mo is None:
            return []
        lower = month_word[0].islower()
        if year is None and not g["mod"] and mo in _REVOLUTIONS and _REVOLUTION_BEFORE.search(before):
            # "Cách mạng Tháng Tám" is August 1945, "Cách mạng Tháng Mười Nga" October 1917
            return [Cand(start, end, CalValue(_REVOLUTIONS[mo], mo), "month", year_known=True)]
        anchor = _anchor(text, start, year) if year else None
        accepted = not lower or bool(g["mod"]) or _word_accepted(text, start, end, year is not None)
        return [Cand(start, end, CalValue(year, mo), "month", lunar=month_word.casefold() in _LUNAR_MONTHS,
                     anchor_year=anchor, accepted=accepted)]
    if g["yrange"]:
        y1, y2 = int(g["yr1"]), int(g["yr2"])
        if not 0 < y2 - y1 <= 200 or (not g["yrl"] and DOC_WORDS_BEFORE.search(before)):
            return []
        return [Cand(start, end, CalValue(y1), "period", end_value=CalValue(y2))]
    if g["decade"]:
        dec = g["dec"]
        first = int(dec) if len(dec) == 4 else (2000 if dec == "00" else 1900 + int(dec))
        return [Cand(start, end, CalValue(first), "period", end_value=CalValue(first + 9))]
    if g["year"]:
        year = int(g["yv"])
        return [Cand(start, end, CalValue(year), "year", anchor_year=_anchor(text, start, year))]
    if g["canchi"]:
        return [Cand(start, end, CalValue(None), "canchi", lunar=True, canchi=(g["can"], g["chi"]))]
    if g["bmy"]:
        mo, year = (int(x) for x in _DIGITS.findall(g["bmy"]))
        if DOC_WORDS_BEFORE.search(before):
            return []
        # "(5-1941)", "từ 6-2016"; elsewhere "5-2010" is a month only as the end of a range
        accepted = g["bmy_s"] == "/" or bool(
            _DASH_MONTH_TRIGGER.search(before) or (before.endswith("(") and text.startswith(")", end))
        )
        return [Cand(start, end, CalValue(year, mo), "month", accepted=accepted,
                     anchor_year=_anchor(text, start, year))]
    if g["byear"]:
        year = int(g["byear"])
        if (
            not 1800 <= year <= 2059
            or DOC_WORDS_BEFORE.search(before)
            or _QUANTITY_BEFORE.search(before)
            or UNIT_AFTER_YEAR.match(text, end)
            or _DIGIT_GROUP_AROUND.search(text, max(0, start - 2), min(len(text), end + 2))
        ):
            return []
        # a bare year of the 1800s only after "từ" or as one end of a range ("từ 1850 đến 1858", "1850-1958")
        accepted = year >= 1900 or bool(_FROM_BEFORE.search(before))
        return [Cand(start, end, CalValue(year), "year", anchor_year=_anchor(text, start, year), accepted=accepted)]
    return []
