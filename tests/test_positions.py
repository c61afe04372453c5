"""Position phrases: title heads, modifiers, status words, the title/organisation split, linking patterns."""

from __future__ import annotations

import pytest

from vnextract import Extractor
from vnextract.records import Person


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _person(extractor: Extractor, text: str, name: str) -> Person:
    doc = extractor.extract(text)
    found = {p.name: p for p in doc.people}
    assert name in found, list(found)
    for q in found[name].positions:
        assert text[q.start : q.end] == q.text
    return found[name]


SPLIT = [
    # text, name, [(position text, title)]
    ("Đồng chí Đặng Văn Tuấn, Phó Bí thư Thường trực Huyện ủy, Chủ tịch HĐND huyện chủ trì hội nghị.", "Đặng Văn Tuấn",
     [("Phó Bí thư Thường trực Huyện ủy", "Phó Bí thư Thường trực"), ("Chủ tịch HĐND huyện", "Chủ tịch")]),
    ("Trưởng Ban Tuyên giáo Tỉnh ủy Lê Văn Hòa phát biểu.", "Lê Văn Hòa",
     [("Trưởng Ban Tuyên giáo Tỉnh ủy", "Trưởng ban")]),
    ("Bà Âu Thị Ngân, Ủy viên Trung ương Đảng, Phó Trưởng Ban Dân vận Trung ương trao huy hiệu.",
     "Âu Thị Ngân",
     [("Ủy viên Trung ương Đảng", "Ủy viên"), ("Phó Trưởng Ban Dân vận Trung ương", "Phó Trưởng ban")]),
    ("Tham dự có Chủ tịch nước Trần Đại Quang.", "Trần Đại Quang", [("Chủ tịch nước", "Chủ tịch nước")]),
    ("Thủ tướng Chính phủ Phạm Minh Chính điều hành cuộc họp trực tuyến.", "Phạm Minh Chính",
     [("Thủ tướng Chính phủ", "Thủ tướng")]),
    ("Quyền Cục trưởng Cục Thi hành án dân sự Vũ Quốc Doanh cho biết.", "Vũ Quốc Doanh",
     [("Quyền Cục trưởng Cục Thi hành án dân sự", "Quyền Cục trưởng")]),
    ("Ông Lý Văn Hậu - Thành ủy viên, Chủ tịch LĐLĐ TP HCM - giải đáp thắc mắc.", "Lý Văn Hậu",
     [("Thành ủy viên", "Ủy viên"), ("Chủ tịch LĐLĐ TP HCM", "Chủ tịch")]),
    ("Bà Phí Thu Trang - Trưởng đoàn Thanh tra (Phó Chánh thanh tra TP Hải Phòng) công bố kết luận.", "Phí Thu Trang",
     [("Trưởng đoàn Thanh tra", "Trưởng đoàn"), ("Phó Chánh thanh tra TP Hải Phòng", "Phó Chánh thanh tra")]),
    ("Phó Thủ tướng - Bộ trưởng Ngoại giao Bùi Thanh Sơn hội đàm với người đồng cấp.", "Bùi Thanh Sơn",
     [("Phó Thủ tướng", "Phó Thủ tướng"), ("Bộ trưởng Ngoại giao", "Bộ trưởng")]),
    ("Ông Đinh Văn Ân, Trợ lý Tổng Bí thư, dự hội nghị.", "Đinh Văn Ân",
     [("Trợ lý Tổng Bí thư", "Trợ lý Tổng Bí thư")]),
]


@pytest.mark.parametrize("text,name,want", SPLIT, ids=[s[0][:60] for s in SPLIT])
def test_title_organisation_split(extractor: Extractor, text: str, name: str, want: list[tuple[str, str]]) -> None:
    person = _person(extractor, text, name)
    assert [(q.text, q.title) for q in person.positions] == want


def test_abbreviated_titles_are_expanded(extractor: Extractor) -> None:
    person = _person(extractor, "Ông Lê Văn Dục, GĐ Sở Xây dựng Hà Nội trả lời báo chí.", "Lê Văn Dục")
    assert [(q.title, q.organization_text) for q in person.positions] == [("Giám đốc", "Sở Xây dựng Hà Nội")]
    person = _person(extractor, "Bà Trần Thị Hoa, PCT UBND huyện cho biết.", "Trần Thị Hoa")
    assert [q.title for q in person.positions] == ["Phó Chủ tịch"]


@pytest.mark.parametrize(
    "text,name,former",
    [
        ("Cựu Chủ tịch nước Trương Tấn Sang dự lễ.", "Trương Tấn Sang", True),
        ("nguyên Thủ tướng Chính phủ Nguyễn Tấn Dũng dự lễ.", "Nguyễn Tấn Dũng", True),
        ("Tân Tổng Lãnh sự Hàn Quốc, ông Park Jin Woo, đến chào xã giao.", "Park Jin Woo", False),
        ("Ông Nguyễn Văn A, người từng là Giám đốc Sở Tài chính, đã nghỉ hưu.", "Nguyễn Văn A", True),
    ],
)
def test_status_words(extractor: Extractor, text: str, name: str, former: bool) -> None:
    person = _person(extractor, text, name)
    assert [q.former for q in person.positions] == [former]
    assert not person.positions[0].text.casefold().startswith(("cựu", "nguyên", "tân"))


def test_acting(extractor: Extractor) -> None:
    person = _person(extractor, "Quyền Giám đốc Sở Y tế Nguyễn Văn Bình ký văn bản.", "Nguyễn Văn Bình")
    assert person.positions[0].acting


def test_shared_title_over_colon_list(extractor: Extractor) -> None:
    text = (
        "Có mặt các đồng chí Phó Bí thư Tỉnh ủy: Hà Quốc Trị - Chủ tịch UBND tỉnh; "
        "Đào Minh Khôi, Lương Thị Thu."
    )
    doc = extractor.extract(text)
    got = {p.name: [q.text for q in p.positions] for p in doc.people}
    assert got == {
        "Hà Quốc Trị": ["Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh"],
        "Đào Minh Khôi": ["Phó Bí thư Tỉnh ủy"],
        "Lương Thị Thu": ["Phó Bí thư Tỉnh ủy"],
    }


def test_shared_title_after_plural_names(extractor: Extractor) -> None:
    doc = extractor.extract("Tiếp đoàn có các ông Trần Văn Nam, Lê Văn Bắc - Phó Chủ tịch UBND tỉnh.")
    got = {p.name: [q.text for q in p.positions] for p in doc.people}
    assert got == {"Trần Văn Nam": ["Phó Chủ tịch UBND tỉnh"], "Lê Văn Bắc": ["Phó Chủ tịch UBND tỉnh"]}


def test_titles_before_names_in_a_list(extractor: Extractor) -> None:
    text = (
        "Có mặt Tổng Bí thư Tô Lâm, nguyên Chủ tịch nước: Trương Tấn Sang, Nguyễn Minh Triết; "
        "Thủ tướng Phạm Minh Chính."
    )
    doc = extractor.extract(text)
    got = {p.name: [(q.text, q.former) for q in p.positions] for p in doc.people}
    assert got == {
        "Tô Lâm": [("Tổng Bí thư", False)],
        "Trương Tấn Sang": [("Chủ tịch nước", True)],
        "Nguyễn Minh Triết": [("Chủ tịch nước", True)],
        "Phạm Minh Chính": [("Thủ tướng", False)],
    }


@pytest.mark.parametrize(
    "text,name,want",
    [
        ("Đại hội nhất trí bầu bà Hầu Thị Mai làm Chủ tịch Ủy ban Trung ương MTTQ Việt Nam.", "Hầu Thị Mai",
         "Chủ tịch Ủy ban Trung ương MTTQ Việt Nam"),
        ("Ban Bí thư phân công ông Kha Văn Tiến làm Phó Trưởng Ban Nội chính Trung ương.", "Kha Văn Tiến",
         "Phó Trưởng Ban Nội chính Trung ương"),
        ("Tỉnh quyết định bổ nhiệm bà Lê Thị Hà giữ chức Giám đốc Sở Y tế.", "Lê Thị Hà", "Giám đốc Sở Y tế"),
        ("Đảng ủy phường quyết định cách chức Phó Bí thư Chi bộ 7 đối với bà Ninh Thị Tươi.", "Ninh Thị Tươi",
         "Phó Bí thư Chi bộ 7"),
    ],
)
def test_predicates(extractor: Extractor, text: str, name: str, want: str) -> None:
    person = _person(extractor, text, name)
    assert [q.text for q in person.positions] == [want]


def test_short_reference_is_a_person_of_its_own_when_no_full_name_ends_with_it(extractor: Extractor) -> None:
    # GUIDELINE §1: every person referred to by a personal name; "ông Cang" alone is one (issue 12)
    doc = extractor.extract("Theo ông Cang, thành phố sẽ đầu tư thêm.")
    assert [(p.name, p.positions) for p in doc.people] == [("Cang", [])]
    doc = extractor.extract("Ông Tất Thành Cang dự họp. Theo ông Cang, thành phố sẽ đầu tư thêm.")
    assert [(p.name, len(p.mentions)) for p in doc.people] == [("Tất Thành Cang", 2)]


def test_repeated_office_counts_once(extractor: Extractor) -> None:
    text = "Phó Bí thư Thành ủy Phạm Phương Thảo tiếp đoàn. Phó Bí thư Phạm Phương Thảo cảm ơn."
    person = _person(extractor, text, "Phạm Phương Thảo")
    assert [q.text for q in person.positions] == ["Phó Bí thư Thành ủy"]


def test_title_spans_cover_title_words() -> None:
    from vnextract.extractors.organizations import OrganizationExtractor
    from vnextract.extractors.people import PeopleExtractor
    from vnextract.text.document import TextDoc

    doc = TextDoc.from_text("Đồng chí Đặng Văn Tuấn, Phó Bí thư Thường trực Huyện ủy chủ trì.")
    result = PeopleExtractor().extract(doc, OrganizationExtractor().analyze(doc))
    assert [doc.text[a:b] for a, b in result.title_spans] == ["Phó Bí thư Thường trực"]


def test_clause_before_the_subject(extractor: Extractor) -> None:
    text = "Khi làm Bí thư Tỉnh ủy Long An, ông Lê Văn Tám đã đổi mới cách điều hành."
    person = _person(extractor, text, "Lê Văn Tám")
    assert [q.text for q in person.positions] == ["Bí thư Tỉnh ủy Long An"]


def test_nickname_in_parentheses_is_the_same_person(extractor: Extractor) -> None:
    text = (
        "Chú Võ Văn Kiệm (Sáu Kiệm) ghé thăm trường cũ. Chú Sáu Kiệm từng đảm nhận các trọng trách: "
        "Thứ trưởng Bộ Giao thông vận tải, Phó Bí thư Tỉnh ủy."
    )
    doc = extractor.extract(text)
    assert [p.name for p in doc.people] == ["Võ Văn Kiệm"]
    assert [q.text for q in doc.people[0].positions] == ["Thứ trưởng Bộ Giao thông vận tải", "Phó Bí thư Tỉnh ủy"]
    assert all(q.former for q in doc.people[0].positions)


def test_a_bare_title_shares_the_body_of_the_next(extractor: Extractor) -> None:
    text = "Bà Lò Thị Sinh (Phó chủ tịch - Tổng thư ký Ủy ban Trung ương MTTQ Việt Nam) đọc báo cáo."
    person = _person(extractor, text, "Lò Thị Sinh")
    assert person.positions[0].text == "Phó chủ tịch"
    assert person.positions[0].organization == person.positions[1].organization is not None
