"""Mojibake repair: UTF-8 once read as Windows-1252, and Windows-1252 punctuation in TCVN3/VNI files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vnextract
from tests.shared_data import load_articles
from tests.test_decoding import SAMPLE, VNI_EXPECTED, VNI_SAMPLE, to_tcvn3
from vnextract.batch.decoding import decode_bytes, repair_mojibake
from vnextract.batch.mojibake import cp1252_punctuation, fix_utf8_mojibake, looks_like_utf8_mojibake
from vnextract.batch.readers import iter_sources


def as_windows_1252(text: str) -> str:
    """What a Windows program makes of UTF-8 bytes: Windows-1252, undefined bytes kept as C1 characters."""
    undefined = (0x81, 0x8D, 0x8F, 0x90, 0x9D)
    return "".join(chr(b) if b in undefined else bytes([b]).decode("cp1252") for b in text.encode())


OFFICIAL = "Ông Lê Văn Tám, Phó Chủ tịch Ủy ban nhân dân tỉnh Đắk Lắk, dự lễ khởi công – “đúng hẹn” …"


@pytest.mark.parametrize(
    "damaged",
    [
        as_windows_1252(SAMPLE),
        SAMPLE.encode("utf-8").decode("latin-1"),
        as_windows_1252(OFFICIAL),
        SAMPLE[:120] + as_windows_1252(SAMPLE[120:]),  # only the second half damaged: a whole-text re-read fails
    ],
    ids=["windows-1252", "latin-1", "punctuation-and-capitals", "partly-damaged"],
)
def test_utf8_read_as_windows_1252_is_repaired(damaged: str) -> None:
    assert looks_like_utf8_mojibake(damaged)
    repaired = fix_utf8_mojibake(damaged)
    assert repaired is not None and repaired.text in (SAMPLE, OFFICIAL)
    assert repaired.count >= 3 and repaired.text[: repaired.start] == damaged[: repaired.start]
    assert repair_mojibake(damaged) == repaired.text
    assert decode_bytes(damaged.encode("utf-8")) == repaired.text


def test_lost_bytes_are_repaired_as_far_as_they_can_be() -> None:
    # 'người' lost the byte 0x9D of 'ờ' on the way: that letter cannot come back, 'Việt' can
    repaired = fix_utf8_mojibake("ngÆ°á»i Viá»‡t Nam")
    assert repaired is not None and repaired.text.startswith("ngư") and repaired.text.endswith("Việt Nam")
    # a lost 0x90 after 'Ä' can only have been 'Đ', a lost 0x9D after 'â€' only '”'
    lost = as_windows_1252("tỉnh Đắk Lắk, “đúng hẹn” …").replace("\x90", "").replace("\x9d", "")
    assert "\x90" not in lost and "Äáº¯k" in lost
    repaired = fix_utf8_mojibake(lost)
    assert repaired is not None and repaired.text == "tỉnh Đắk Lắk, “đúng hẹn” …"


@pytest.mark.parametrize(
    "text",
    [
        SAMPLE,
        "Đoàn đại biểu thăm Zürich và München, gặp ông Müller, bà Françoise, ông Ærø tại Genève.",
        "ĐOÀN CÔNG TÁC THĂM SÃO PAULO VÀ NGÃ BA ĐỒNG LỘC, Ångström, Äpfel, Æble",
        "Chữ «á» và «Ã» trong ngoặc kép",
        VNI_EXPECTED,
    ],
    ids=["vietnamese", "foreign-names", "capitals", "guillemets", "converted-vni"],
)
def test_real_text_is_left_alone(text: str) -> None:
    assert fix_utf8_mojibake(text) is None
    assert repair_mojibake(text) == text


def test_real_articles_show_no_sign_of_mojibake() -> None:
    for row in load_articles():
        assert not looks_like_utf8_mojibake(row["text"]), row["id"]


def test_legacy_font_files_keep_their_windows_1252_punctuation() -> None:
    text = "Đồng chí Nguyễn Văn Hùng phát biểu – “đoàn kết” … và cán bộ đảng viên của tỉnh"
    # Word wrote the dash, quotes and ellipsis as the Windows-1252 bytes 0x96, 0x93, 0x94, 0x85
    data = to_tcvn3(text.replace("–", "#").replace("“", "<").replace("”", ">").replace("…", "|"))
    data = data.replace(b"#", b"\x96").replace(b"<", b"\x93").replace(b">", b"\x94").replace(b"|", b"\x85")
    decoded = decode_bytes(data)
    assert "–" in decoded and "“đoàn kết”" in decoded and "…" in decoded
    assert not any("\x80" <= ch <= "\x9f" for ch in decoded)
    vni = decode_bytes(VNI_SAMPLE.encode("cp1252").replace(b". ", b" \x96 ", 1))
    assert "\x96" not in vni and " – " in vni
    assert cp1252_punctuation("a\x96b\x85c\x81") == "a–b…c\x81"  # undefined bytes stay as they are


def test_archive_records_are_repaired_before_extraction(tmp_path: Path) -> None:
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "x", "text": as_windows_1252(OFFICIAL)}) + "\n", encoding="utf-8")
    (source,) = iter_sources([path])
    assert source.text == OFFICIAL
    doc = vnextract.extract(source.text)
    assert [p.name for p in doc.officials] == ["Lê Văn Tám"]


def test_a_repair_is_recorded_on_the_document(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from vnextract.cli import main

    damaged = "Tin mới. " + as_windows_1252(OFFICIAL)
    path = tmp_path / "news.jsonl"
    path.write_text(json.dumps({"id": "x", "text": damaged}) + "\n", encoding="utf-8")
    (source,) = iter_sources([path])
    (warning,) = source.warnings
    assert warning.code == "mojibake_repaired" and warning.count >= 10 and warning.start == len("Tin mới. ")
    article = tmp_path / "article.txt"
    article.write_text(damaged, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert CliRunner().invoke(main, ["extract", str(article), "-o", str(out)]).exit_code == 0
    doc = vnextract.Document.model_validate_json(out.read_text(encoding="utf-8"))
    assert [w.code for w in doc.warnings] == ["mojibake_repaired"] and doc.officials[0].name == "Lê Văn Tám"
    shown = CliRunner().invoke(main, ["show", str(article), "-o", str(tmp_path / "page.html")])
    assert "Warning: mojibake_repaired" in shown.stdout
    assert "mojibake_repaired" in (tmp_path / "page.html").read_text(encoding="utf-8")
    clean = tmp_path / "clean.jsonl"
    clean.write_text(json.dumps({"id": "y", "text": OFFICIAL}) + "\n", encoding="utf-8")
    assert [s.warnings for s in iter_sources([clean])] == [[]]


def test_html_pages_record_the_repair_too() -> None:
    pytest.importorskip("trafilatura")
    from tests.test_batch import html_page
    from vnextract.batch.readers import SourceDoc

    body = as_windows_1252(OFFICIAL + " Hội nghị tổng kết công tác năm 2020 của tỉnh diễn ra trong hai ngày.")
    page = SourceDoc(id="p", html=html_page(body).encode("utf-8")).resolved()
    assert page.text is not None and OFFICIAL in page.text
    assert [w.code for w in page.warnings] == ["mojibake_repaired"]
