"""SpanIndex answers exactly as a scan over all spans would."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from vnextract.spans import SpanIndex

SPANS = st.lists(st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda t: (t[0], t[0] + t[1])), max_size=25)


@given(SPANS, st.integers(0, 90), st.integers(0, 15))
def test_queries_match_a_full_scan(spans: list[tuple[int, int]], start: int, width: int) -> None:
    index = SpanIndex(spans)
    end = start + width
    assert sorted(index.overlapping(start, end)) == sorted((s, e) for s, e in spans if s < end and start < e)
    assert index.containing_point(start) == any(s <= start < e for s, e in spans)
    assert sorted(index.covering(start, end)) == sorted((s, e) for s, e in spans if s <= start and end <= e)
