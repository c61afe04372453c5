"""Name recognition: surnames, honorifics and ranks kept out of names, credits and bylines."""

from __future__ import annotations

import pytest

from vnextract import Extractor
from vnextract.extractors.names import NameFinder, load_lexicon


@pytest.fixture(scope="module")
def finder() -> NameFinder:
    return NameFinder()


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_lexicons_load_and_fold_tone_placement() -> None:
    surnames = load_lexicon("surnames.txt")
    assert "Nguyễn" in surnames and "Tất" in surnames
    assert not any(s.startswith("#") for s in surnames)
    assert "Hà Nội" in load_lexicon("not_names.txt")


@pytest.mark.parametrize("word,expected", [("Nguyễn", True), ("nguyễn", True), ("Tất", True), ("Hà", True),
                                           ("Phó", False), ("Đảng", False), ("Chủ", False)])
def test_surnames(finder: NameFinder, word: str, expected: bool) -> None:
    assert finder.is_surname(word) is expected


@pytest.mark.parametrize(
    "text,name,honorifics,ranks",
    [
        ("Đại tướng Ngô Xuân Lịch phát biểu.", "Ngô Xuân Lịch", [], ["Đại tướng"]),
        ("Thượng tá Trần Văn Hiếu cho biết.", "Trần Văn Hiếu", [], ["Thượng tá"]),
        ("GS.TS Nguyễn Văn Minh trình bày tham luận.", "Nguyễn Văn Minh", [], ["GS.TS"]),
        ("Theo PGS.TS Lê Thị Hoa, cần sửa luật.", "Lê Thị Hoa", [], ["PGS.TS"]),
        ("Hôm qua, đ/c Bùi Văn Nam dự họp.", "Bùi Văn Nam", ["đ/c"], []),
        ("Chúng tôi gặp anh Lò Văn Páo ở bản.", "Lò Văn Páo", ["anh"], []),
        ("Ông Tất Thành Cang cho biết.", "Tất Thành Cang", ["Ông"], []),
        ("Cử tri Nguyễn Quang Nga đề nghị.", "Nguyễn Quang Nga", ["Cử tri"], []),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_prefixes_kept_out(extractor: Extractor, text: str, name: str, honorifics: list[str], ranks: list[str]) -> None:
    doc = extractor.extract(text)
    assert [p.name for p in doc.people] == [name]
    assert doc.people[0].honorifics == honorifics
    assert doc.people[0].ranks == ranks


@pytest.mark.parametrize(
    "text,name",
    [
        ("Lễ khởi công diễn ra sáng nay. Ảnh: LÊ THOA", "LÊ THOA"),
        ("Đồng chí phát biểu tại hội nghị (Ảnh: Trọng Toàn)", "Trọng Toàn"),
        ("Quang cảnh phiên họp. Ảnh: VGP/Nhật Bắc", "Nhật Bắc"),
        ("Các đại biểu dâng hương. Ảnh: Hồng Đào Trong dịp này, tỉnh trao quà.", "Hồng Đào"),
        ("Hội nghị thành công tốt đẹp.\nMai Thắm (Trung tâm TT&VH)", "Mai Thắm"),
        ("Hội nghị thành công tốt đẹp. B.T.Ngọc", "B.T.Ngọc"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_credits_and_bylines(extractor: Extractor, text: str, name: str) -> None:
    doc = extractor.extract(text)
    assert [p.name for p in doc.people] == [name]
    span = doc.people[0].mentions[0]
    assert text[span.start : span.end] == name


@pytest.mark.parametrize(
    "text",
    ["Ảnh: Đại Đoàn Kết", "Ảnh: Bộ Công Thương", "Ảnh: TTXVN", "Quang cảnh hội nghị. Ảnh minh họa"],
)
def test_credits_that_are_not_people(extractor: Extractor, text: str) -> None:
    assert extractor.extract(text).people == []


def test_run_split_after_place(extractor: Extractor) -> None:
    doc = extractor.extract("Chủ tịch UBND TP Hải Phòng Lê Quốc Bình trình bày tờ trình.")
    assert [p.name for p in doc.people] == ["Lê Quốc Bình"]


def test_run_split_after_city_name(extractor: Extractor) -> None:
    doc = extractor.extract("Bí thư Thành ủy Thành phố Hồ Chí Minh Mạc Đình Khuê trao cờ thi đua.")
    assert [p.name for p in doc.people] == ["Mạc Đình Khuê"]


def test_two_sentences_without_a_stop(extractor: Extractor) -> None:
    doc = extractor.extract("Hội Nông dân tặng hoa ông Phùng Văn Khải Ông Phùng Văn Khải sinh năm 1958.")
    assert [p.name for p in doc.people] == ["Phùng Văn Khải"]
    assert len(doc.people[0].mentions) == 2


def test_uncle_ho_joins_ho_chi_minh(extractor: Extractor) -> None:
    doc = extractor.extract("Chủ tịch Hồ Chí Minh về thăm quê năm 1957. Ngày Bác Hồ về thăm là ngày vui.")
    assert [p.name for p in doc.people] == ["Hồ Chí Minh"]


def test_mistyped_lower_case_given_name_joins_full_name(extractor: Extractor) -> None:
    doc = extractor.extract("Ông Nguyễn Thiện Nhân phát biểu. Video: ông Nguyễn Thiện nhân làm Bí thư.")
    assert [p.name for p in doc.people] == ["Nguyễn Thiện Nhân"]


def test_pronoun_positions_go_to_last_person(extractor: Extractor) -> None:
    doc = extractor.extract("Bà Quan Thị Hồng sinh năm 1971. Bà là Ủy viên Ban Chấp hành Trung ương Đảng.")
    assert [q.title for q in doc.people[0].positions] == ["Ủy viên"]


@pytest.mark.parametrize("word,expected", [("Vnukov", True), ("Merkel", True), ("Macron", True), ("Minh", False),
                                           ("Thanh", False), ("Long", False), ("Nguyễn", False)])
def test_looks_foreign(word: str, expected: bool) -> None:
    from vnextract.extractors.names import looks_foreign

    assert looks_foreign(word) is expected


def test_foreign_surname_alone_after_a_title(extractor: Extractor) -> None:
    doc = extractor.extract("Thủ tướng Merkel đã hội đàm với đoàn Việt Nam. Bí thư Minh tiếp đoàn.")
    assert [(p.name, [q.title for q in p.positions]) for p in doc.people] == [("Merkel", ["Thủ tướng"])]
