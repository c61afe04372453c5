"""Calendar expressions of Vietnamese news, normalised to ISO 8601 (``DateMention``).

What is a date (see the gold guideline, section 3): full dates ("30/9/2022", "ngày 30 tháng 9
năm 2022"), partial dates ("ngày 30/9", "Sáng 22-5"), months ("tháng 10/2016", "tháng Mười
năm 2017"), quarters ("quý III/2017"), years ("năm 2017", a bare "2017" outside numbers and
counts), periods ("9 tháng năm 2022", "nhiệm kỳ 2016-2021", "thập niên 80") and ranges
("22-5-1927 - 22-5-2017", "từ ngày 30/5-7/6").  Not dates: document numbers, ratios, "khóa
XII", durations, ages, clock times, counts ("2017 người").

Conventions:

- ``text`` keeps a leading part of day, relative word and weekday ("Sáng nay (7/7)",
  "thứ Hai, 12/6") and the words "ngày"/"tháng"/"năm", but not prepositions ("từ", "đến",
  "vào", "hết").  Modifiers "đầu"/"giữa"/"cuối" stay in the text ("cuối năm 2017") and the
  value keeps the written unit ("2017"): the vague part of the unit is not invented.
- "N tháng (đầu) năm Y" is the first N months of Y ("9 tháng năm 2022" -> "2022-01/2022-09");
  "N tháng cuối năm Y" the last N.  Without a written year ("6 tháng đầu năm", "quý I",
  "tháng 10") the year is inferred like a partial date's, else ``XXXX``.  Decades: "thập niên
  80" / "những năm 1980" -> "1980/1989".  A bare year counts outside numbers, codes and counts
  ("2017 người", "khoảng 2000 em", "ISO 9001:2008", phone numbers are not years).
- Ranges are one mention ``START/END``; a missing year on one side comes from the other.
  Days sharing a month listed with "và" or commas ("ngày 10 và 11/5", "ngày 25, 26 và 27/9")
  are one mention each; "18 - 25/4" and "ngày 10 đến 15/6" are ranges.  A range written
  "A - B" is never split, so "(03/02/1930 - 03/02/2020)" is one range (the scorer accepts it
  for the two dates); the mention text leaves out "từ".
- Years of partial dates: see :mod:`vnextract.extractors.date_resolve` (publication date,
  else the nearest year of the sentence, else the latest year of the paragraph, else a full
  date with the same day and month, else ``XXXX``); ``year_inferred`` is set when the year
  came from outside the expression.  When a weekday is written, the inferred year is moved to
  the nearest year (within 6) in which the date falls on that weekday.
- Lunar dates ("mùng 7 Tết", "rằm tháng Giêng", "15/7 âm lịch") have ``lunar=True``; when
  their lunar year is known they are converted to the solar date (UTC+7 calendar), else the
  value holds the lunar month and day with year ``XXXX``.  Year names ("năm Đinh Dậu")
  give the solar year the lunar year mostly covers: the latest year of that name up to the
  year after the document's year (publication, else its latest written year).
- ``weekday`` is the canonical weekday ("thứ Hai", "Chủ nhật"); ``part_of_day`` the lower-cased
  word ("sáng", "chiều", "rạng sáng"); ``granularity`` day/month/quarter/year/period.
"""

from __future__ import annotations

from datetime import date

from vnextract.extractors.date_patterns import CANDIDATE, CONNECTOR, SLASH_CONNECTOR
from vnextract.extractors.date_read import Cand, read_candidate
from vnextract.extractors.date_resolve import CalValue, Shape, YearResolver, iso_range, shape_key, valid_day
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
        for m in CANDIDATE.finditer(text):
            cands.extend(read_candidate(text, m))
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
    anchors: list[tuple[int, int, bool]] = []
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
            anchors.append((c.start, c.anchor_year, c.doc_date))
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
    return YearResolver(text, doc.published, anchors, full_dates)


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
        year = resolver.year_for(start_v, c.start, end_v)
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
        solar = lunar_to_solar(start_v.day, start_v.month, start_v.year)
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
