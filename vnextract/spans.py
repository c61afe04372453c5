"""Interval look-ups that keep whole-document passes linear in the document's size.

Extractors ask "is this offset inside a title phrase?" or "which organisation mentions
cover this run?" once per candidate; scanning every span each time makes long documents
quadratic.  :class:`SpanIndex` sorts the spans once and answers from the few whose start
lies within the longest span's length of the query.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

__all__ = ["SpanIndex"]


class SpanIndex:
    """Half-open ``(start, end)`` spans, queried by point or by span."""

    __slots__ = ("_longest", "_spans", "_starts")

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self._spans = sorted(spans)
        self._starts = [s for s, _ in self._spans]
        self._longest = max((e - s for s, e in self._spans), default=0)

    def _starting_in(self, lo: int, hi: int) -> list[tuple[int, int]]:
        """Spans whose start lies in ``[lo, hi]``."""
        return self._spans[bisect_left(self._starts, lo) : bisect_right(self._starts, hi)]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans sharing at least one character with ``[start, end)``."""
        return [(s, e) for s, e in self._starting_in(start - self._longest, end - 1) if s < end and start < e]

    def containing_point(self, offset: int) -> bool:
        """Whether some span has ``start <= offset < end``."""
        return any(s <= offset < e for s, e in self._starting_in(offset - self._longest, offset))

    def covering(self, start: int, end: int) -> list[tuple[int, int]]:
        """Spans with ``s <= start`` and ``end <= e``."""
        return [(s, e) for s, e in self._starting_in(end - self._longest, start) if end <= e]
