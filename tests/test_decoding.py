"""Bytes to text: UTF-8/16, Windows-1258, TCVN3 and VNI mojibake, binary and empty input."""

from __future__ import annotations

import codecs
import unicodedata

import pytest

from vnextract.batch.decoding import (
    DecodeError,
    decode_bytes,
    repair_mojibake,
    tcvn3_to_unicode,
    vietnamese_score,
    vni_to_unicode,
)

# Written for these tests (facts only): a paragraph with every kind of Vietnamese letter.
SAMPLE = (
    "Sáng 8/5/2017, đồng chí Nguyễn Văn Hùng, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân "
    "tỉnh đã phát biểu tại hội nghị của Đảng bộ. Người dân và các cán bộ được tặng quà. Thủ tướng Chính phủ "
    "nước Cộng hòa xã hội chủ nghĩa Việt Nam cùng lãnh đạo tỉnh thăm hỏi những gia đình chính sách."
)
TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# The same kind of sentence as it looks in VNI fonts (read as Windows-1252).
VNI_SAMPLE = (
    "Ñoàng chí Nguyeãn Vaên Huøng, Phoù Bí thö Thöôøng tröïc Tænh uûy, Chuû tòch Hoäi ñoàng nhaân daân tænh "
    "ñaõ phaùt bieåu taïi hoäi nghò cuûa Ñaûng boä. Ngöôøi daân vaø caùc caùn boä ñöôïc taëng quaø."
)
VNI_EXPECTED = (
    "Đồng chí Nguyễn Văn Hùng, Phó Bí thư Thường trực Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh "
    "đã phát biểu tại hội nghị của Đảng bộ. Người dân và các cán bộ được tặng quà."
)

_TCVN3_INVERSE = {
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE, "Đ": 0xA7,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE,
    "ặ": 0xC6, "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB, "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF,
    "é": 0xD0, "ẹ": 0xD1, "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6, "ì": 0xD7, "ỉ": 0xD8,
    "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE, "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4, "ồ": 0xE5,
    "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9, "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4, "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8,
    "ự": 0xF9, "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}  # fmt: skip


def to_cp1258(text: str) -> bytes:
    """Encode like Windows-1258 software does: base letters precomposed, tone marks combining."""
    out = []
    for ch in text:
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
        out.append(base + "".join(c for c in parts if c in TONES))
    return "".join(out).encode("cp1258")


def to_tcvn3(text: str) -> bytes:
    """Encode in TCVN3 (capitals with tone marks lose their case: TCVN3 draws them with another font)."""
    out = bytearray()
    for ch in text:
        if ch in _TCVN3_INVERSE:
            out.append(_TCVN3_INVERSE[ch])
        elif ch.lower() in _TCVN3_INVERSE:
            out.append(_TCVN3_INVERSE[ch.lower()])
        else:
            out += ch.encode("latin-1")
    return bytes(out)


def _tcvn3_expected(text: str) -> str:
    return "".join(ch.lower() if ch != "Đ" and ch.lower() in _TCVN3_INVERSE else ch for ch in text)


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # BOM + native order
        codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8-bom", "utf-16", "utf-16-be-bom"],
)
def test_unicode_encodings_decode(data: bytes) -> None:
    assert decode_bytes(data) == SAMPLE


def test_unicode_text_is_kept_as_written_so_offsets_match_the_file() -> None:
    nfd = unicodedata.normalize("NFD", SAMPLE)
    assert decode_bytes(nfd.encode("utf-8")) == nfd


def test_windows_1258_needs_nfc() -> None:
    data = to_cp1258(SAMPLE)
    assert b"\xcc" in data or b"\xec" in data  # combining tone marks really are in the bytes
    text = decode_bytes(data)
    assert text == SAMPLE
    assert unicodedata.is_normalized("NFC", text)


def test_tcvn3_bytes_are_converted() -> None:
    data = to_tcvn3(SAMPLE)
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data) == _tcvn3_expected(SAMPLE)


def test_tcvn3_mojibake_saved_as_utf8_is_repaired() -> None:
    mojibake = to_tcvn3(SAMPLE).decode("latin-1")  # "ViÖt Nam": what a re-saved TCVN3 file shows
    assert "ViÖt Nam" in mojibake
    assert decode_bytes(mojibake.encode("utf-8")) == _tcvn3_expected(SAMPLE)
    assert tcvn3_to_unicode("ViÖt Nam") == "Việt Nam"


def test_vni_mojibake_is_repaired() -> None:
    assert vni_to_unicode("Vieät Nam") == "Việt Nam"
    assert repair_mojibake(VNI_SAMPLE) == VNI_EXPECTED
    assert decode_bytes(VNI_SAMPLE.encode("cp1252")) == VNI_EXPECTED
    assert decode_bytes(VNI_SAMPLE.encode("utf-8")) == VNI_EXPECTED


def test_utf8_read_as_windows_1252_is_repaired() -> None:
    mojibake = SAMPLE.encode("utf-8").decode("cp1252", errors="replace")
    assert "Viá»‡t" in mojibake
    if "\ufffd" not in mojibake:  # every byte had a Windows-1252 character
        assert repair_mojibake(mojibake) == SAMPLE
    latin = SAMPLE.encode("utf-8").decode("latin-1")
    assert repair_mojibake(latin) == SAMPLE
    assert decode_bytes(latin.encode("utf-8")) == SAMPLE


def test_real_vietnamese_and_foreign_words_are_left_alone() -> None:
    assert repair_mojibake(SAMPLE) == SAMPLE
    text = "Đoàn đại biểu thăm Zürich và München, gặp ông Müller và bà Françoise tại Genève."
    assert repair_mojibake(text) == text


def test_unconvertible_mojibake_is_an_error() -> None:
    garbage = "µ¶·¸¹ »¼½¾ ÆÇÈÉ ËÌÎÏ ÑÖ×Ø ÜÞß §«®© " * 20
    with pytest.raises(DecodeError) as info:
        repair_mojibake(garbage)
    assert info.value.code == "mojibake"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"  \n\t ", "empty"),
        (codecs.BOM_UTF8 + b"   ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        (b"text\x01\x02\x03\x04\x05\x06\x07\x08 more", "binary"),
        ("Grüße aus Köln, schöne Straße, Äpfel und Öl für Übermut.".encode("latin-1") * 3, "undecodable"),
    ],
    ids=["empty", "whitespace", "bom-only", "png", "control-chars", "latin-1-german"],
)
def test_bad_bytes_give_error_codes(data: bytes, code: str) -> None:
    with pytest.raises(DecodeError) as info:
        decode_bytes(data)
    assert info.value.code == code


def test_declared_encoding_is_tried_first_and_bad_names_ignored() -> None:
    assert decode_bytes(to_cp1258(SAMPLE), "windows-1258") == SAMPLE
    assert decode_bytes(SAMPLE.encode("utf-8"), "no-such-charset") == SAMPLE


def test_vietnamese_score_separates_text_from_garbage() -> None:
    assert vietnamese_score(SAMPLE) > 0.3
    assert vietnamese_score(VNI_SAMPLE) < 0.1
    assert vietnamese_score("") == 0.0


def test_real_articles_are_never_rewritten() -> None:
    from tests.shared_data import load_articles

    for article in load_articles():
        text = article["text"]
        assert repair_mojibake(text) is text, article["id"]
        assert decode_bytes(text.encode("utf-8")) == text
