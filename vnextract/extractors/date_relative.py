"""Relative dates ("hôm qua", "tuần trước", "năm ngoái") resolved against the publication date.

A relative word alone is not a date of ``Document.dates`` (guideline, section 3); with
``Extractor(relative_dates=True)`` and a known ``published`` they are offered, resolved, in
``Document.relative_dates``.  The words and their offsets are the lexicon
``date_relative.tsv``.  Values: a day ``2017-02-01``; a week (Monday to Sunday), as a range
``2017-01-23/2017-01-29``; a month ``2017-01``; a quarter ``2017-Q1``; a year ``2016``.
Not relative dates: counted spans ("3 năm qua", "những năm qua", "hai tuần tới" are durations),
times relative to another time ("năm trước đó"), and words inside an absolute date ("Sáng nay
(7/7)" is in ``Document.dates``).  Without ``published`` nothing is returned.
"""

from __future__ import annotations

from datetime import date, timedelta

import regex

from vnextract.extractors.date_lexicon import load_list
from vnextract.extractors.date_patterns import PARTS_OF_DAY
from vnextract.records import DateMention, Granularity, RelativeDate
from vnextract.text.document import TextDoc

__all__ = ["RelativeDateExtractor"]

_ENTRIES = {
    phrase.casefold(): (unit, int(offset))
    for phrase, unit, offset in (e.split("\t") for e in load_list("date_relative.tsv"))
}
_NEEDS_PART = {"nay", "qua", "mai"}
_PART = "|".join(sorted((regex.escape(p) for p in PARTS_OF_DAY), key=len, reverse=True))
_PHRASE = "|".join(sorted((regex.escape(p) for p in _ENTRIES), key=len, reverse=True)).replace(r"\ ", r"\s+")
_RELATIVE = regex.compile(
    r"(?<![\p{L}\p{N}])(?:(?P<part>" + _PART + r")\s+)?(?P<rel>" + _PHRASE + r")(?![\p{L}\p{N}])",
    flags=regex.IGNORECASE,
)
# a number or a quantifier before makes a duration ("3 năm qua", "những năm qua", "mấy tuần nay")
_COUNTED_BEFORE = regex.compile(
    r"(?:\d|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|mươi|trăm|nghìn|mấy|vài|nhiều|những|các|mỗi|hàng))\s*$",
    flags=regex.IGNORECASE,
)
# relative to another time, not to publication: "năm trước đó", "tháng sau đó"
_OTHER_TIME_AFTER = regex.compile(r"\s+(?:đó|ấy)(?![\p{L}\p{N}])", flags=regex.IGNORECASE)
_GRANULARITY = {
    "day": Granularity.DAY,
    "week": Granularity.PERIOD,
    "month": Granularity.MONTH,
    "quarter": Granularity.QUARTER,
    "year": Granularity.YEAR,
}


class RelativeDateExtractor:
    """Finds relative date words and resolves them against ``published``; stateless (thread-safe)."""

    def extract(self, doc: TextDoc, dates: list[DateMention]) -> list[RelativeDate]:
        """The relative dates of ``doc`` outside its absolute ``dates``, in text order."""
        if doc.published is None:
            return []
        text = doc.text
        out: list[RelativeDate] = []
        for m in _RELATIVE.finditer(text):
            rel = " ".join(m.group("rel").casefold().split())
            if (rel in _NEEDS_PART and not m.group("part")) or _OTHER_TIME_AFTER.match(text, m.end()):
                continue
            if not m.group("part") and _COUNTED_BEFORE.search(text, max(0, m.start() - 12), m.start()):
                continue
            a, b, surface = doc.original_bounds(m.start(), m.end())
            if any(d.start < b and a < d.end for d in dates):
                continue
            unit, offset = _ENTRIES[rel]
            part = " ".join(m.group("part").casefold().split()) if m.group("part") else None
            out.append(RelativeDate(
                text=surface, start=a, end=b, value=_value(doc.published, unit, offset),
                granularity=_GRANULARITY[unit], expression=rel, part_of_day=part,
            ))
        return out


def _value(published: date, unit: str, offset: int) -> str:
    if unit == "day":
        return (published + timedelta(days=offset)).isoformat()
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=offset)
        return f"{monday.isoformat()}/{(monday + timedelta(days=6)).isoformat()}"
    if unit == "month":
        index = published.year * 12 + published.month - 1 + offset
        return f"{index // 12:04d}-{index % 12 + 1:02d}"
    if unit == "quarter":
        index = published.year * 4 + (published.month - 1) // 3 + offset
        return f"{index // 4:04d}-Q{index % 4 + 1}"
    return f"{published.year + offset:04d}"
