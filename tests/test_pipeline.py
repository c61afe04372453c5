"""The whole pipeline on arbitrary and real text: no crash, offsets into the caller's string."""

from __future__ import annotations

import json
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnextract
from tests.record_checks import assert_offsets_round_trip
from tests.shared_data import load_articles

NEWSY = st.lists(
    st.sampled_from(
        [
            "Đồng chí ", "Đặng Văn Tuấn", ", ", "Phó Bí thư ", "Huyện uỷ", " Đầm Hà", "Chủ tịch ", "HĐND huyện",
            "UBND tỉnh ", "Quảng Ninh", "Sáng ngày 30/9", "/2022", " năm 2017", "54,3%", " - ", "(", ")", "\n",
            "\u00a0", "\u2013", "ông ", "bà ", "Nguyễn", " Thị ", "Lan", "quý III", " 9 tháng", "%", ".", "Ảnh: ",
            "LÊ THOA", unicodedata.normalize("NFD", "Thành uỷ"), "TP.HCM", " đạt ", "hơn 50 phần trăm", "x",
        ]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY)
def test_newsy_fragments_never_crash_and_round_trip(text: str) -> None:
    doc = vnextract.extract(text)
    assert_offsets_round_trip(doc, text)
    json.loads(doc.model_dump_json())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=200))
def test_any_unicode_never_crashes(text: str) -> None:
    assert_offsets_round_trip(vnextract.extract(text), text)


def test_real_articles_round_trip_and_serialise() -> None:
    for row in load_articles(limit=60):
        doc = vnextract.extract(row["text"], id=row["id"])
        assert_offsets_round_trip(doc, row["text"])
        again = vnextract.Document.model_validate_json(doc.model_dump_json())
        assert again == doc


def test_decomposed_unicode_gives_original_offsets() -> None:
    text = unicodedata.normalize("NFD", "Sáng 8/5/2017, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai phát biểu.")
    assert_offsets_round_trip(vnextract.extract(text), text)
