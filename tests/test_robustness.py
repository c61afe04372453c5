"""Odd and damaged text never crashes the extractor: text cut right after a mention, fuzzed input.

The cut test is the class of bug behind ``IndexError`` on ``"Tập đoàn FLC "``: a rule that
looks one character past a match it found at the very end of the text.
"""

from __future__ import annotations

import functools
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.record_checks import assert_offsets_round_trip
from tests.shared_data import ARTICLES, load_articles
from vnextract import Document, extract

ROOT = Path(__file__).resolve().parents[1]
SUFFIXES = ("", " ", "  ", "\n", " \n", "\n\n", "\t")


@pytest.mark.parametrize(
    "text",
    [
        "Tập đoàn FLC ", "Công ty TNHH ABC ", "Ngân hàng BIDV ", "Tổng công ty VNPT ", "Ban Tổ chức ",
        "Ban tổ chức  ", "Công ty ", "Sở ", "Ủy ban nhân dân tỉnh ", "ông Nguyễn Văn An, Bí thư ",
    ],
)  # fmt: skip
def test_text_ending_right_after_a_mention_does_not_crash(text: str) -> None:
    doc = extract(text)
    assert_offsets_round_trip(doc, text)


def _mention_ends(doc: Document) -> list[int]:
    ends = {m.end for org in doc.organizations for m in org.mentions}
    ends |= {m.end for p in doc.people for m in p.mentions} | {q.end for p in doc.people for q in p.positions}
    ends |= {d.end for d in doc.dates} | {p.end for p in doc.percentages}
    return sorted(ends)


@functools.cache
def _cut_points() -> list[tuple[str, list[int]]]:
    """A few real articles (the seed, plus the shared corpus when present) and where their mentions end."""
    texts = [(ROOT / "corpora" / "seed.txt").read_text(encoding="utf-8")[:6000]]
    if ARTICLES.exists():
        texts += [row["text"][:6000] for row in load_articles(limit=24)]
    return [(t, _mention_ends(extract(t))) for t in texts]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_real_articles_cut_after_any_mention_do_not_crash(data: st.DataObject) -> None:
    text, ends = data.draw(st.sampled_from(_cut_points()))
    end = data.draw(st.sampled_from(ends or [len(text)]))
    cut = text[:end] + data.draw(st.sampled_from(SUFFIXES))
    assert_offsets_round_trip(extract(cut), cut)


def test_every_mention_end_of_the_seed_article_is_a_safe_cut() -> None:
    """Exhaustive on one article: every organisation, person and date end, with each trailing suffix."""
    text, ends = _cut_points()[0]
    started = time.perf_counter()
    for end in ends[:: max(1, len(ends) // 40)]:
        for suffix in ("", " ", "\n"):
            cut = text[:end] + suffix
            assert_offsets_round_trip(extract(cut), cut)
    assert time.perf_counter() - started < 60
