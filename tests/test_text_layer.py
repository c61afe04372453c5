"""The text layer: normalisation, offset maps, sentence and word alignment."""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.shared_data import load_articles
from vnextract.text import TextDoc, align_pieces, fold_tone_placement, normalize, normalize_key, segment_words

VIETNAMESE = st.lists(
    st.sampled_from(
        [
            *"aăâeêioôơuưyđAĂÂEÊIOÔƠUƯYĐbcghkqtxnmpl ,.;:-/%()\n\t\"'",
            "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "\u00a0", "\u2013", "\u201c", "\u201d", "uỷ", "ủy",
        ]
    ),
    max_size=120,
).map("".join)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Huyện uỷ", "Huyện ủy"),
        ("hoà bình", "hòa bình"),
        ("Thuý", "Thúy"),
        ("khoẻ", "khỏe"),
        ("quý", "quý"),  # qu- onset keeps the tone on the vowel after it
        ("hoàng", "hoàng"),  # a final consonant: same in both conventions
        ("thuỷ sản", "thủy sản"),
        ("mùa", "mùa"),
    ],
)
def test_tone_placement_is_folded(written: str, expected: str) -> None:
    assert fold_tone_placement(written) == expected
    assert normalize(written).text == expected


def test_decomposed_input_maps_back_to_original_offsets() -> None:
    original = unicodedata.normalize("NFD", "Chủ tịch HĐND huyện")
    norm = normalize(original)
    assert norm.text == "Chủ tịch HĐND huyện"
    start = norm.text.index("HĐND")
    a, b = norm.to_original(start, start + 4)
    assert unicodedata.normalize("NFC", original[a:b]) == "HĐND"


def test_odd_spaces_quotes_and_dashes() -> None:
    norm = normalize("a\u00a0b \u201cc\u201d \u2013 d")
    assert norm.text == 'a b "c" - d'
    assert norm.original_text(0, len(norm.text)) == norm.original


def test_normalize_key_ignores_case_spacing_and_tone_placement() -> None:
    assert normalize_key("  Huyện  uỷ ") == normalize_key("huyện ủy")


@settings(max_examples=300, deadline=None)
@given(VIETNAMESE)
def test_offset_map_round_trips_on_arbitrary_text(original: str) -> None:
    norm = normalize(original)
    assert len(norm.offsets) == len(norm.text) + 1
    assert norm.original_text(0, len(norm.text)) == original
    for i in range(len(norm.text)):
        a, b = norm.to_original(i, i + 1)
        assert 0 <= a < b <= len(original)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_normalises_and_aligns(original: str) -> None:
    doc = TextDoc.from_text(original)
    for start, end in doc.sentences:
        span = doc.span(start, end)
        assert original[span.start : span.end] == span.text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120), st.lists(st.text(max_size=8), max_size=20))
def test_alignment_never_crashes_and_stays_in_bounds(text: str, pieces: list[str]) -> None:
    last = 0
    for tok in align_pieces(text, pieces):
        assert last <= tok.start < tok.end <= len(text)
        assert text[tok.start : tok.end] == tok.text
        last = tok.end


def test_alignment_skips_pieces_that_do_not_occur() -> None:
    tokens = align_pieces("Đặng Văn Tuấn chủ trì", ["Đặng Văn Tuấn", "XYZ", "chủ trì"])
    assert [t.text for t in tokens] == ["Đặng Văn Tuấn", "chủ trì"]


def test_word_segmentation_has_offsets() -> None:
    text = "Đồng chí Đặng Văn Tuấn, Phó Bí thư Huyện uỷ chủ trì."
    doc = TextDoc.from_text(text)
    words = doc.words(0, len(doc.text))
    assert "Bí thư" in [w.text for w in words]
    for w in words:
        assert doc.text[w.start : w.end] == w.text
    assert segment_words("   ") == []


def test_real_articles_align_and_round_trip() -> None:
    for row in load_articles(limit=120):
        doc = TextDoc.from_text(row["text"])
        assert doc.norm.original_text(0, len(doc.text)) == row["text"]
        previous_end = 0
        for start, end in doc.sentences:
            assert previous_end <= start < end
            span = doc.span(start, end)
            assert row["text"][span.start : span.end] == span.text
            previous_end = end
        s, e = doc.sentences[0]
        for w in doc.words(s, e):
            assert doc.text[w.start : w.end] == w.text
