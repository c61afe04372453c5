"""Calendar expressions of Vietnamese news, normalised to ISO 8601 (``DateMention``).

Date conventions
----------------

What is a date (gold guideline, section 3): full dates ("30/9/2022", "30-9-2022", "30.9.2022",
"ngày 30 tháng 9 năm 2022", "ngày 2 tháng 9, 1945", "9 Tháng 1 2015", "Tháng Mười Hai 29, 2013",
"5/1/17"), partial dates ("ngày 30/9", "Sáng 22-5", "Sáng 11/ 5", "ngày mồng 7 tháng 3"), months
("tháng 10/2016", "tháng 6-2016", "tháng Mười năm 2017", "tháng mười một năm 2019", "tháng tư",
"tháng Chạp", "10/2016", "(5-1941)"), quarters ("quý III/2017", "quý 3 năm 2017", "quý I", "quý hai",
"quý III của năm 2021"), years ("năm 2017", a bare "2017"), periods ("9 tháng năm 2022", "6 tháng đầu
năm", "nhiệm kỳ 2016-2021", "giai đoạn 2016-2020", "thập niên 80") and ranges ("từ ngày 10 đến
15/6", "ngày 27 đến ngày 30-6-2017", "ngày 3 đến ngày 7 tháng 8 năm 2001", "từ 1930 đến 1945",
"(22-5-1927 - 22-5-2017)").

Words: month names in words match capitalised or in lower case ("tháng Tư", "tháng tư"), never
lower-case "tháng năm" ("9 tháng năm 2022" is nine months, "những tháng năm" months and years); a
lower-case month or quarter word needs a written year, a trigger word before it ("vào", "từ",
"đến", "trong", "đầu", "cuối" ...) or to stand alone, and no number or counting word after it
("mỗi tháng hai lần").  Day numbers in words ("ngày hai mươi tháng tư", "mồng ba tháng ba",
"hai mốt" = 21) are read only after "ngày"/"mùng"/"mồng" and before "tháng".  "ngày" before
"mồng"/"mùng" belongs to the mention ("ngày mồng 3 tháng 3 năm 2017").

Two-digit years ("5/6/18", "12/8/95", "tháng 12/99") are dates even without a trigger word, but
not after a house, plot or document number ("số nhà 12/8/95", "hẻm 5/6/18").  Century rule: the
century that puts the year at most 20 years after the publication year (in 2017, "37" is 2037
and "38" 1938); without ``published``, 00-40 are 20yy and 41-99 19yy.

A range is one mention whose value is ``START/END``: two dates joined by "-", "đến", "tới", "đến
hết", days sharing a month ("18 - 25/4", "chiều ngày 29 đến hết ngày 30/9", "ngày 9 - 11.10"), and
two consecutive days joined by "và" ("ngày 9 và 10/12"); other lists of days ("ngày 9 và 12/12",
"25, 26 và 27/9/2014") are one mention per day.  A bare year before 1900 is a date only after
"từ" or as one end of a range.  A whole text that is only a date expression is a date ("7/3").

``value`` formats (ISO 8601 at the written precision):

- day ``2017-05-08``, month ``2016-10``, quarter ``2017-Q3``, year ``2017``;
- periods and ranges ``START/END``: "9 tháng (đầu) năm 2022" = the first nine months
  ``2022-01/2022-09`` (never 9 May), "6 tháng cuối năm 2017" = ``2017-07/2017-12``,
  "nhiệm kỳ 2016-2021" = ``2016/2021``, decades "thập niên 80" / "những năm 1980" =
  ``1980/1989``; a range is one mention, a missing year on one side comes from the other;
- an unknown year is ``XXXX`` ("XXXX-05-22"), and ``year_inferred`` is true whenever the year
  was not written in the expression itself.

``text`` keeps a leading part of day, relative word and weekday ("Sáng nay (7/7)", "thứ Hai,
12/6") and the words "ngày"/"tháng"/"năm", never a preposition ("từ", "đến", "vào", "hết").
``part_of_day`` is the lower-cased word ("sáng", "rạng sáng"), ``weekday`` the canonical one
("thứ Hai", "Chủ nhật"), ``granularity`` day/month/quarter/year/period.

"đầu/giữa/cuối": the modifier stays in ``text`` and the value keeps the written unit
("cuối năm 2017" = ``2017``, "đầu tháng 6/2017" = ``2017-06``); no vague sub-period is invented.

Year of an expression without one (in order; :mod:`~vnextract.extractors.date_resolve`):

1. ``published`` given: the year that puts the date (a period: its last month) nearest
   publication, looking back further than forward ("ngày 28/12" reported 2023-01-03 = 2022);
   "sáng nay (14/3)" / "hôm nay 14/3" is the publication day and takes published's year;
2. the nearest year written in the same sentence, preferring one after the expression; a
   year under review dates a January or February event in the next year ("Sáng 8/1, ... tổng
   kết công tác năm 2025" = 2026-01-08), a year being planned dates a November or December
   event in the year before ("Sáng 27-12, ... triển khai công tác năm 2025" = 2024-12-27);
3. a congress reported in the same sentence: the first year of its term ("Sáng 15/10, ... Đại
   hội ... nhiệm kỳ 2025-2030" = 2025-10-15), not a congress named as a source ("thực hiện
   Nghị quyết Đại hội", "trước Đại hội");
4. the same day and month, quarter or "N tháng đầu năm" written with a year elsewhere in the
   document (the latest such year: "(24/6/1967 - 24/6/2017)" dates a "Chiều 24/6");
5. the latest year written in the same paragraph (news reports current events), with the
   review and plan shifts of step 2; a document's date counts here ("Ngày 15/3, UBND tỉnh ban
   hành Kế hoạch số 12/KH-UBND ngày 10/3/2024" = 2024-03-15);
6. the year a report of the year to date gives ("8 tháng đầu năm 2025", "11 tháng năm 2025")
   anywhere in the document, if no later year is written in it;
7. the year the same value received elsewhere in the document; else ``XXXX``.

Years that date no reported event lend their year to nothing: plan targets and origins
("đến năm 2020", "tầm nhìn 2030", "từ năm 1981"), terms and plan periods ("nhiệm kỳ
2015-2020"), birth dates, comparison bases ("so với năm 2016"; "cùng kỳ năm 2016" points to
2017), dates of earlier events ("trước đó, ngày 18-4-2011").  A document's date ("Nghị quyết
số 35/NQ-CP ngày 16/5/2016") counts only for step 4.  With a weekday, an inferred year moves to
the nearest year (within 6) in which the date falls on that weekday.

Not dates: document numbers ("Nghị quyết 35/2016", "số 12/2017/QĐ-UBND", "Chỉ thị 05-CT/TW"),
ratios and scores ("91/189", "2/3", "64/67 phiếu"), "khóa XII", durations and anniversaries
("90 năm", "3 năm qua"), ages, clock times, counts ("2017 người"), codes and phone numbers,
relative words alone ("hôm nay", "năm nay", "tháng này"), and day-only mentions ("ngày 27",
"hôm 27", "ngày 27 tháng này": no month is written) unless they open a range whose other end
gives the month ("ngày 27 đến ngày 30-6-2017").  A partial date without a trigger word ("ngày",
a part of day, a weekday, brackets, "từ"/"đến"/"vào", a dateline "HÀ NỘI, 12/5 -") is kept only
when a range confirms it.

Lunar dates ("mùng 7 Tết", "hôm 29 Tết" = day 29 of the last month before Tết, "rằm tháng Giêng",
"15/7 âm lịch") have ``lunar=True``; when the lunar
year is known they are converted to the solar date in the Vietnamese calendar (UTC+7), else the
value holds the lunar month and day with year ``XXXX``.  Year names ("năm Đinh Dậu") give the
solar year the lunar year mostly covers: the latest year of that name up to the year after the
document's year.  Names of historical events fix their year: "Cách mạng Tháng Tám" =
``1945-08`` (``year_inferred``).
"""

from __future__ import annotations

from datetime import date

from vnextract.extractors.date_patterns import CANDIDATE, CONNECTOR, SLASH_CONNECTOR
from vnextract.extractors.date_read import Cand, read_candidate
from vnextract.extractors.date_resolve import (
    CalValue,
    Shape,
    YearResolver,
    anchor_role,
    congress_terms,
    iso_range,
    shape_key,
    valid_day,
)
from vnextract.extractors.lunar import lunar_to_solar, year_from_can_chi
from vnextract.records import DateMention, Granularity
from vnextract.text.document import TextDoc

__all__ = ["DateExtractor"]

_MERGEABLE = {
    "day": {"day"},
    "month": {"month", "year"},
    "year": {"year", "month"},
}


class DateExtractor:
    """Finds and normalises date expressions; stateless after construction (thread-safe)."""

    def extract(self, doc: TextDoc) -> list[DateMention]:
        """All date mentions of ``doc``, in text order."""
        text = doc.text
        cands: list[Cand] = []
        reference = doc.published.year if doc.published else None
        for m in CANDIDATE.finditer(text):
            cands.extend(read_candidate(text, m, reference))
        if not cands:
            return []
        cands = _merge_ranges(text, cands)
        cands = [c for c in cands if c.accepted]
        resolver = _resolver(text, doc, cands)
        values = [_resolve(c, resolver) for c in cands]
        _same_value_elsewhere(cands, values)
        return [_record(doc, c, *v) for c, v in zip(cands, values, strict=True)]


def _merge_ranges(text: str, cands: list[Cand]) -> list[Cand]:
    """Join "A - B" / "A đến B" into one range; accept partial dates that a range confirms."""
    out: list[Cand] = []
    i = 0
    while i < len(cands):
        a = cands[i]
        b = cands[i + 1] if i + 1 < len(cands) else None
        if (
            b is not None
            and a.end_value is None
            and b.end_value is None
            and a.level in _MERGEABLE
            and b.level in _MERGEABLE[a.level]
            and (a.accepted or b.accepted)
            and (CONNECTOR.fullmatch(text, a.end, b.start) or _full_dates_slash(text, a, b))
            and not b.part
        ):
            start, end = _fill_range_years(a.value, b.value)
            if start is not None and end is not None:
                out.append(a.as_range(b, start, end))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _full_dates_slash(text: str, a: Cand, b: Cand) -> bool:
    return (
        a.level == b.level == "day"
        and a.value.year is not None
        and b.value.year is not None
        and SLASH_CONNECTOR.fullmatch(text, a.end, b.start) is not None
    )


def _fill_range_years(a: CalValue, b: CalValue) -> tuple[CalValue | None, CalValue | None]:
    """Give each side of a range the other's year when it lacks one; None if the order is wrong."""
    if a.year is None and b.year is not None:
        later = (a.month or 1, a.day or 1) > (b.month or 12, b.day or 31)
        a = a.with_year(b.year - 1 if later else b.year)
    elif b.year is None and a.year is not None:
        earlier = (b.month or 12, b.day or 31) < (a.month or 1, a.day or 1)
        b = b.with_year(a.year + 1 if earlier else a.year)
    if a.year is not None and b.year is not None and a.first_day(a.year) > b.first_day(b.year):
        return None, None
    return a, b


def _resolver(text: str, doc: TextDoc, cands: list[Cand]) -> YearResolver:
    anchors: list[tuple[int, int, bool, str | None]] = []
    event_years: list[int] = []
    full_dates: dict[Shape, int] = {}
    if any(c.canchi for c in cands):  # year names are placed near the other years, then anchor too
        reference = doc.published.year if doc.published else max(
            (c.anchor_year for c in cands if c.anchor_year is not None), default=None
        )
        for c in cands:
            if c.canchi is not None:
                year = year_from_can_chi(c.canchi[0], c.canchi[1], reference)
                if c.level == "canchi":
                    c.value, c.anchor_year = CalValue(year), year
                else:  # "mùng 4 Tết Bính Tuất": the lunar year of a lunar day
                    c.value = c.value.with_year(year)
                c.canchi = None
    for c in cands:
        if c.anchor_year is not None:
            role = anchor_role(text, c.start) if c.level == "year" else None
            anchors.append((c.start, c.anchor_year, c.doc_date, role))
            if c.level == "period" and c.value.month == 1 and c.end_value is not None:
                event_years.append(c.anchor_year)  # "8 tháng đầu năm 2025": the year being reported
        if c.lunar or c.doc_date or (c.end_value is None and c.anchor_year is None):
            continue  # birth dates and documents' dates date no other event
        written = [(c.value, c.end_value)]
        if c.end_value is not None and c.value.day is not None:
            written += [(c.value, None), (c.end_value, None)]  # each end of a range of days
        for v, e in written:
            key = shape_key(v, e)
            if key is not None and v.year is not None and (e is None or e.year is not None):
                # the latest year wins: "(24/6/1967 - 24/6/2017)" dates the anniversary's "Chiều 24/6"
                full_dates[key] = max(v.year, full_dates.get(key, v.year))
    terms = [(c.start, c.value.year) for c in cands if c.end_value is not None and c.level == "period"
             and c.value.month is None and c.value.year is not None]
    congress = congress_terms(text, terms) if doc.published is None else []  # type: ignore[arg-type]
    return YearResolver(text, doc.published, anchors, full_dates, congress, event_years)


_WEEKDAY_INDEX = {"thứ Hai": 0, "thứ Ba": 1, "thứ Tư": 2, "thứ Năm": 3, "thứ Sáu": 4, "thứ Bảy": 5, "Chủ nhật": 6}


def _year_matching_weekday(value: CalValue, year: int, weekday: str) -> int:
    """The year nearest ``year`` (within 6) in which ``value`` falls on ``weekday``; else ``year``."""
    want = _WEEKDAY_INDEX.get(weekday)
    if want is None or value.month is None or value.day is None:
        return year
    for delta in (0, -1, 1, -2, 2, -3, 3, -4, 4, -5, 5, -6, 6):
        y = year + delta
        if valid_day(value.day, value.month, y) and date(y, value.month, value.day).weekday() == want:
            return y
    return year


def _resolve(c: Cand, resolver: YearResolver) -> tuple[CalValue, CalValue | None, bool]:
    """(start, end, year_inferred) of a candidate, its year filled where the context gives one."""
    inferred = c.year_known
    start_v, end_v = c.value, c.end_value
    if start_v.year is None and (end_v is None or end_v.year is None):
        # the eve of Tết takes the year of that Tết ("29 Tết" of Tết 2017 is in lunar year 2016)
        year = resolver.year_for(CalValue(None, 1, 1) if c.tet_eve else start_v, c.start, end_v)
        if c.today and resolver.published is not None:
            year = resolver.published.year  # "sáng nay (14/3)" is the day of publication
        if year is not None:
            inferred = True
            if c.weekday is not None and end_v is None and not c.lunar:
                year = _year_matching_weekday(start_v, year, c.weekday)
            day, month = start_v.day, start_v.month
            if day is not None and month is not None and not valid_day(day, month, year):
                year = None  # 29/2 in a common year: leave the year unknown
                inferred = False
            start_v = start_v.with_year(year)
            if end_v is not None:
                filled = _fill_range_years(start_v, end_v)
                end_v = filled[1] or end_v.with_year(year)
    if c.lunar and start_v.year is not None and start_v.day is not None and start_v.month is not None:
        solar = lunar_to_solar(start_v.day, start_v.month, start_v.year - (1 if c.tet_eve else 0))
        if solar is not None:
            start_v = CalValue(solar.year, solar.month, solar.day)
    return start_v, end_v, inferred


def _same_value_elsewhere(cands: list[Cand], values: list[tuple[CalValue, CalValue | None, bool]]) -> None:
    """A value still without a year takes the year that the same day, month, quarter or period has elsewhere."""
    known: dict[Shape, int] = {}
    for c, (v, end, _) in zip(cands, values, strict=True):
        key = None if c.lunar or c.year_known or v.year is None else shape_key(v, end)
        if key is not None:
            known.setdefault(key, v.year)  # type: ignore[arg-type]
    if not known:
        return
    for i, (c, (v, end, _)) in enumerate(zip(cands, values, strict=True)):
        key = None if c.lunar or v.year is not None else shape_key(v, end)
        year = known.get(key) if key is not None else None
        if year is not None:
            start, stop = _fill_range_years(v.with_year(year), end) if end is not None else (v.with_year(year), None)
            if start is not None:
                values[i] = (start, stop, True)


def _record(doc: TextDoc, c: Cand, start_v: CalValue, end_v: CalValue | None, inferred: bool) -> DateMention:
    value = start_v.iso() if end_v is None else iso_range(start_v, end_v)
    a, b, surface = doc.original_bounds(c.start, c.end)
    return DateMention(
        text=surface,
        start=a,
        end=b,
        value=value,
        granularity=Granularity.PERIOD if end_v is not None else c.granularity,
        part_of_day=c.part,
        weekday=c.weekday,
        year_inferred=inferred,
        lunar=c.lunar,
    )
