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
        texts += [row["text"][:6000] for row in load_articles(limit=12)]
    return [(t, _mention_ends(extract(t))) for t in texts]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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
    for end in ends[:: max(1, len(ends) // 20)]:
        for suffix in ("", " \n"):
            cut = text[:end] + suffix
            assert_offsets_round_trip(extract(cut), cut)
    assert time.perf_counter() - started < 60


# --- repetition and fuzzing ----------------------------------------------------------------------------

REPEATED = ["Ban Thường vụ ", "Ủy viên Ban Thường vụ ", "(Ủy ban ", "Công ty "]  # the slowest on main


def _real_text(size: int) -> str:
    """About ``size`` characters of real articles (the seed article alone when ../shared is absent)."""
    rows = [r["text"] for r in load_articles(limit=60)] if ARTICLES.exists() else []
    pieces = rows or [(ROOT / "corpora" / "seed.txt").read_text(encoding="utf-8")]
    text = ""
    i = 0
    while len(text) < size:
        text += pieces[i % len(pieces)] + "\n\n"
        i += 1
    return text[:size]


def _timed(text: str) -> tuple[float, Document]:
    started = time.perf_counter()
    doc = extract(text)
    return time.perf_counter() - started, doc


def test_repetitive_input_is_linear_and_its_json_stays_small() -> None:
    """100 KB of one phrase repeated: within 3x the time of 100 KB of real text, JSON within 20x the input."""
    size = 100_000
    extract("warm up")
    real_seconds, _ = _timed(_real_text(size))
    for unit in REPEATED:
        text = unit * (size // len(unit))
        seconds, doc = _timed(text)
        assert seconds <= 3 * real_seconds + 0.5, (unit, seconds, real_seconds)
        assert len(doc.model_dump_json()) <= 20 * len(text.encode("utf-8")), unit
        assert max((len(o.name) for o in doc.organizations), default=0) < 300, unit
        assert_offsets_round_trip(doc, text)
        assert doc.warnings and doc.warnings[0].code == "repetition"


def test_a_few_repetitions_are_read_as_usual() -> None:
    text = "Ông Nguyễn Văn An, Bí thư Tỉnh ủy Lào Cai. " * 3
    doc = extract(text)
    assert not doc.warnings and len(doc.people) == 1 and len(doc.people[0].mentions) == 3


_INSERTS = ["\x00", "\u0301", "\u200b", "\u200f", "\u202e", "\ufeff", "\udcff", "\ud83d", "x" * 10_000, "\r\n", "\t"]


@st.composite
def _damaged_article(draw: st.DrawFn) -> str:
    text, _ = draw(st.sampled_from(_cut_points()))
    start = draw(st.integers(0, max(0, len(text) - 1)))
    piece = text[start : start + draw(st.integers(1, 2500))]
    for _ in range(draw(st.integers(0, 4))):
        at = draw(st.integers(0, len(piece)))
        insert = draw(st.sampled_from(_INSERTS) | st.text(max_size=8))
        piece = piece[:at] + insert + piece[at:]
    if draw(st.booleans()):
        import unicodedata

        piece = unicodedata.normalize("NFD", piece)
    if draw(st.integers(0, 5)) == 0:
        at = draw(st.integers(0, len(piece)))
        piece = piece[:at] + draw(st.sampled_from(REPEATED)) * draw(st.integers(2, 400)) + piece[at:]
    return piece


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=300), _damaged_article()))
def test_fuzz_never_raises_round_trips_and_serialises(text: str) -> None:
    seconds, doc = _timed(text)
    assert_offsets_round_trip(doc, text)
    line = doc.model_dump_json()
    assert line.encode("utf-8")  # lone surrogates are escaped, never an encoding error
    assert seconds < 10
