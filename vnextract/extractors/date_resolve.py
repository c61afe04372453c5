"""Calendar values of date mentions, and the year of partial dates ("ngày 30/9").

A :class:`CalValue` is one calendar point at some precision (year, quarter, month,
day; the year may be unknown).  :class:`YearResolver` fills unknown years, in this order:

1. ``published`` given: the year that puts the date nearest publication (a period: its last
   month), looking back further than forward (an event reported on 2023-01-03 as "ngày 28/12"
   is 2022-12-28; "ngày 2/1" reported on 2023-12-30 is 2024-01-02);
2. else the nearest *anchor year* in the same sentence, preferring one after the date
   ("Chiều ngày 30/9, ... năm 2022, ... năm 2023" -> 2022), shifted by its role
   (:func:`anchor_role`): a year under review ("tổng kết công tác năm 2025", "kết quả năm 2025")
   dates a January/February event in the next year, a year being planned ("triển khai nhiệm vụ
   năm 2025", "phương hướng, nhiệm vụ năm 2025") a November/December event in the year before;
3. else a congress reported in the same sentence (:func:`congress_terms`): the first year of
   its term, since a congress opens its term ("Đại hội ... nhiệm kỳ 2025-2030" -> 2025);
4. else the same day and month, quarter or period written with a year elsewhere in the
   document, the latest such year ("Chiều 24/6" in the lead, "(24/6/1967 - 24/6/2017)" below;
   "6 tháng đầu năm" in a title, "6 tháng đầu năm 2017" in the body);
5. else the latest anchor year of the same paragraph (line), with the same role shifts: news
   reports current events, and the latest year a paragraph speaks of (plans and targets
   excluded) is the year of its events;
6. else the year of a report of the year to date anywhere in the document ("8 tháng đầu năm
   2025"), unless a later year is written in it (history and biography passages);
7. else the year stays unknown; :mod:`vnextract.extractors.dates` then gives it the year the
   same value received elsewhere, else writes ``XXXX``.

Anchor years are the years written in the document's own date mentions, except years
that do not date the reported events: starts and ends of terms and plan periods
("nhiệm kỳ 2015-2020", "giai đoạn 2016-2020"), decades, targets and origins ("đến năm
2020", "tầm nhìn 2030", "từ năm 1981", "sinh năm 1960"), comparison bases ("so với năm
2016"), earlier events ("trước đó, ngày 18-4-2011").  The end of a range of full dates counts
(an anniversary "(15/6/1957 - 15/6/2017)" is dated by its end), "cùng kỳ năm 2016" (same
period of 2016) points to 2017, and a document's date ("Nghị quyết số 35/NQ-CP ngày
16/5/2016") is a *weak* anchor: it counts for the paragraph (step 4) only.
"""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass, replace
from datetime import date

import regex

__all__ = ["CalValue", "Shape", "YearResolver", "anchor_role", "congress_terms", "iso_range", "shape_key", "valid_day"]

# a sentence ends at . ! ? … before a capital or a digit, but not after an abbreviation ("TP. Cần Thơ")
_SENTENCE_END = regex.compile(
    r"(?:(?<!\b(?:TP|Tp|TX|TT|P|Q|H|X|TS|ThS|GS|PGS|BS|KS|Th))\.|[!?…])[.!?…]*[\"')\]]*\s+(?=[\"'(\[]?[\p{Lu}\p{N}])|\n"
)

# The clause before a year: back to a comma, "và", another year or 60 characters.
_CLAUSE_BREAK = regex.compile(r"[,;.:]|\bvà\b|\d{4}", regex.IGNORECASE)
_REVIEW_WORDS = regex.compile(r"\b(?:tổng\s+kết|kết\s+quả|đánh\s+giá|nhìn\s+lại)\b", regex.IGNORECASE)
_PLAN_WORDS = regex.compile(
    r"\b(?:triển\s+khai|phương\s+hướng|nhiệm\s+vụ|kế\s+hoạch|chương\s+trình\s+công\s+tác)\b", regex.IGNORECASE
)
#: what an anchor year dates: a plain event year, a year under review, a year being planned
REVIEW, PLAN = "review", "plan"
_CONGRESS = regex.compile(r"\bđại\s+hội\b", regex.IGNORECASE)
# a congress named as the source of what is implemented is not the event reported
_NOT_CONGRESS_EVENT = regex.compile(
    r"\b(?:nghị\s+quyết|thực\s+hiện|sau|trước|kể\s+từ|từ)\s+(?:của\s+)?(?:các\s+)?đại\s+hội\b", regex.IGNORECASE
)
_TERM = regex.compile(r"nhiệm\s+kỳ", regex.IGNORECASE)


def anchor_role(text: str, start: int) -> str | None:
    """Whether the year written at ``start`` is under review ("tổng kết công tác năm 2025"), being
    planned ("triển khai nhiệm vụ năm 2026", "phương hướng, nhiệm vụ năm 2026"), or neither (None)."""
    clause = _CLAUSE_BREAK.split(text[max(0, start - 60) : start])[-1]
    if _REVIEW_WORDS.search(clause):
        return REVIEW
    if _PLAN_WORDS.search(clause):
        return PLAN
    return None


def congress_terms(text: str, terms: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """(offset, year) of the congresses a passage reports: the first year of a term ("nhiệm kỳ 2025-2030")
    written in the same sentence after "Đại hội", unless the congress is only a source ("Nghị quyết Đại hội")."""
    out = []
    for pos, first_year in terms:
        if not _TERM.match(text, pos):
            continue
        ends = [m.end() for m in _SENTENCE_END.finditer(text, max(0, pos - 300), pos)]
        lo = max([0, text.rfind("\n", 0, pos), *ends])
        congresses = list(_CONGRESS.finditer(text, lo, pos))
        if not congresses:
            continue
        last = congresses[-1]  # the congress nearest the term names it
        if not _NOT_CONGRESS_EVENT.search(text, max(lo, last.start() - 30), last.end()):
            out.append((pos, first_year))
    return out


@dataclass(frozen=True, slots=True)
class CalValue:
    """One calendar point: year (None = unknown), and optionally quarter, month, day."""

    year: int | None
    month: int | None = None
    day: int | None = None
    quarter: int | None = None

    def iso(self) -> str:
        """ISO 8601 at the written precision, ``XXXX`` for an unknown year."""
        y = f"{self.year:04d}" if self.year is not None else "XXXX"
        if self.quarter is not None:
            return f"{y}-Q{self.quarter}"
        if self.month is None:
            return y
        if self.day is None:
            return f"{y}-{self.month:02d}"
        return f"{y}-{self.month:02d}-{self.day:02d}"

    def with_year(self, year: int | None) -> CalValue:
        """The same point in ``year``."""
        return replace(self, year=year)

    def first_day(self, year: int) -> date:
        """The first day this point covers in ``year`` (used to compare with publication)."""
        if self.quarter is not None:
            return date(year, 3 * self.quarter - 2, 1)
        month = self.month or 1
        day = min(self.day or 1, calendar.monthrange(year, month)[1])
        return date(year, month, day)


Shape = tuple[int | None, ...]


def shape_key(start: CalValue, end: CalValue | None = None) -> Shape | None:
    """A year-free key of a value ("30/9", "quý II", "6 tháng đầu năm"); ``None`` for bare years."""
    if start.month is None and start.quarter is None:
        return None
    key = (start.month, start.day, start.quarter)
    return key if end is None else (*key, end.month, end.day, end.quarter)


def iso_range(start: CalValue, end: CalValue) -> str:
    """``START/END`` in ISO 8601."""
    return f"{start.iso()}/{end.iso()}"


def valid_day(day: int, month: int, year: int | None) -> bool:
    """Whether ``day``/``month`` exists (in a leap year when the year is unknown)."""
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year or 2000, month)[1]


class YearResolver:
    """Fills unknown years for one document; see the module docstring for the rules."""

    __slots__ = (
        "_anchor_pos", "_anchor_role", "_anchor_year", "_congress", "_event_year", "_full_dates", "_near_pos",
        "_near_role", "_near_year", "_published", "_sent_ends", "_text"
    )

    def __init__(
        self,
        text: str,
        published: date | None,
        anchors: list[tuple[int, int, bool, str | None]],
        full_dates: dict[Shape, int],
        congress: list[tuple[int, int]] | None = None,
        event_years: list[int] | None = None,
    ) -> None:
        """``anchors``: (offset, year, weak, role); a weak anchor (a document's date) counts for the paragraph
        only; ``role`` is :data:`REVIEW`, :data:`PLAN` or None (see :func:`anchor_role`).  ``congress``: the
        year of the congress the passage reports (:func:`congress_year`); ``event_years``: the years of the
        passage's own dated events (full dates and months with their year, not documents' dates)."""
        self._text = text
        self._published = published
        ordered = sorted(anchors, key=lambda a: a[0])
        self._anchor_pos = [a[0] for a in ordered]
        self._anchor_year = [a[1] for a in ordered]
        self._anchor_role = [a[3] for a in ordered]
        strong = [a for a in ordered if not a[2]]
        self._near_pos = [a[0] for a in strong]
        self._near_year = [a[1] for a in strong]
        self._near_role = [a[3] for a in strong]
        self._full_dates = full_dates
        self._congress = sorted(congress or [])
        # the passage's latest dated event, if no later year is written anywhere (history and biography
        # passages write later years than their dated events: then the fallback would guess)
        latest_event = max(event_years) if event_years else None
        self._event_year = latest_event if latest_event is not None and latest_event >= max(self._anchor_year) else None
        self._sent_ends: list[int] | None = None

    def year_for(self, value: CalValue, pos: int, end: CalValue | None = None) -> int | None:
        """The year for a value (``value`` to ``end``) written at normalised offset ``pos``; ``None`` if unknown."""
        if self._published is not None:
            return self._near_published(end or value)
        month = value.month if end is None else None
        year = self._nearest(pos, *self._sentence(pos), month) if self._anchor_pos else None
        if year is None and self._congress:
            year = self._congress_in(*self._sentence(pos))
        if year is None and (value.day is not None or value.quarter is not None or end is not None):
            year = self._full_dates.get(shape_key(value, end))  # type: ignore[arg-type]
        if year is None and self._anchor_pos:
            year = self._latest(*self._line(pos), month)
        if year is None:
            year = self._event_year
        return year

    @property
    def published(self) -> date | None:
        """The publication date the resolver places years around."""
        return self._published

    def reference_year(self) -> int | None:
        """A year to place the document in (publication, else the latest anchor)."""
        if self._published is not None:
            return self._published.year
        return max(self._anchor_year) if self._anchor_year else None

    def _near_published(self, value: CalValue) -> int:
        pub = self._published
        assert pub is not None
        best, best_cost = pub.year, None
        for year in (pub.year - 1, pub.year, pub.year + 1):
            delta = (value.first_day(year) - pub).days
            cost = delta * 2 if delta > 0 else -delta
            if best_cost is None or cost < best_cost:
                best, best_cost = year, cost
        return best

    def _congress_in(self, lo: int, hi: int) -> int | None:
        return next((year for pos, year in self._congress if lo <= pos < hi), None)

    def _nearest(self, pos: int, lo: int, hi: int, month: int | None) -> int | None:
        i = bisect.bisect_left(self._near_pos, pos)
        if i < len(self._near_pos) and self._near_pos[i] < hi:
            return _event_year(self._near_year[i], self._near_role[i], month)
        if i > 0 and self._near_pos[i - 1] >= lo:
            return _event_year(self._near_year[i - 1], self._near_role[i - 1], month)
        return None

    def _latest(self, lo: int, hi: int, month: int | None) -> int | None:
        i, j = bisect.bisect_left(self._anchor_pos, lo), bisect.bisect_left(self._anchor_pos, hi)
        years = [_event_year(y, r, month) for y, r in zip(self._anchor_year[i:j], self._anchor_role[i:j], strict=True)]
        return max(years) if years else None

    def _sentence(self, pos: int) -> tuple[int, int]:
        if self._sent_ends is None:
            self._sent_ends = [m.end() for m in _SENTENCE_END.finditer(self._text)]
        ends = self._sent_ends
        i = bisect.bisect_right(ends, pos)
        lo = ends[i - 1] if i > 0 else 0
        hi = ends[i] if i < len(ends) else len(self._text)
        return lo, hi

    def _line(self, pos: int) -> tuple[int, int]:
        lo = self._text.rfind("\n", 0, pos) + 1
        hi = self._text.find("\n", pos)
        return lo, (len(self._text) if hi < 0 else hi)


def _event_year(year: int, role: str | None, month: int | None) -> int:
    """The year of an event in ``month`` dated by an anchor year: a review of year N held in January or
    February is in N+1, a plan for year N made in November or December is in N-1."""
    if role == REVIEW and month is not None and month <= 2:
        return year + 1
    if role == PLAN and month is not None and month >= 11:
        return year - 1
    return year
