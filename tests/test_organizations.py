"""Organisations over the example tables corpora/organizations*.jsonl, parse_at, and the seed article."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.example_tables import table_params, table_rows
from vnextract import Extractor
from vnextract.extractors.organizations import OrganizationExtractor
from vnextract.records import Organization, OrganizationKind
from vnextract.text.document import TextDoc
from vnextract.text.normalize import normalize_key

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def orgs() -> OrganizationExtractor:
    return OrganizationExtractor()


def _records(orgs: OrganizationExtractor, text: str) -> list[Organization]:
    doc = TextDoc.from_text(text)
    analysis = orgs.analyze(doc)
    records = analysis.records(analysis.mentions)
    for org in records:
        for span in org.mentions:
            assert text[span.start : span.end] == span.text
    return records


@pytest.mark.parametrize("row", table_params(table_rows("organizations.jsonl")))
def test_positive(orgs: OrganizationExtractor, row: dict) -> None:
    records = _records(orgs, row["text"])
    for want in row["orgs"]:
        found = [o for o in records if any(m.text == want["text"] for m in o.mentions)]
        assert found, f"{want['text']!r} not found in {[o.name for o in records]}"
        assert found[0].name == want["name"]
        if "kind" in want:
            assert found[0].kind == OrganizationKind(want["kind"])


@pytest.mark.parametrize("row", table_params(table_rows("organizations_negative.jsonl")))
def test_negative(orgs: OrganizationExtractor, row: dict) -> None:
    records = _records(orgs, row["text"])
    assert records == [], [(o.name, [m.text for m in o.mentions]) for o in records]


def test_tables_are_big_enough() -> None:
    assert len(table_rows("organizations.jsonl")) >= 120
    assert len(table_rows("organizations_negative.jsonl")) >= 40


# ----------------------------------------------------------------------------- parse_at
PARSE_AT = [
    # text, the title before the organisation, expected canonical name
    ("Tỉnh ủy Lào Cai họp. Ông A, Phó Bí thư Thường trực Tỉnh ủy dự.", "Phó Bí thư Thường trực ", "Tỉnh ủy Lào Cai"),
    ("Huyện Đầm Hà phát triển. Ông B, Chủ tịch HĐND huyện chủ trì.", "Chủ tịch ", "Hội đồng nhân dân huyện Đầm Hà"),
    ("Tỉnh ủy Nghệ An họp. Bà C, Trưởng Ban Tuyên giáo Tỉnh ủy báo cáo.", "Trưởng ", "Ban Tuyên giáo Tỉnh ủy Nghệ An"),
    ("Ông D, Bộ trưởng Bộ Tư pháp dự họp.", "Bộ trưởng ", "Bộ Tư pháp"),
    ("UBND TP Hà Nội họp. Ông E, Giám đốc Sở Xây dựng TP phát biểu.", "Giám đốc ", "Sở Xây dựng thành phố Hà Nội"),
    ("Tỉnh ủy Yên Bái họp. Ông F, Ủy viên Ban Thường vụ Tỉnh ủy dự.", "Ủy viên ", "Ban Thường vụ Tỉnh ủy Yên Bái"),
    ("Ông G, Ủy viên Trung ương Đảng, phát biểu.", "Ủy viên ", "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"),
    ("Ông H, Đại biểu Quốc hội khóa XIV, chất vấn.", "Đại biểu ", "Quốc hội"),
    ("Ông I, Chủ tịch UBND tỉnh Long An, cho biết.", "Chủ tịch ", "Ủy ban nhân dân tỉnh Long An"),
    ("Ông K, Bí thư Thành ủy TP.HCM, dự lễ.", "Bí thư ", "Thành ủy thành phố Hồ Chí Minh"),
]


@pytest.mark.parametrize(("text", "title", "name"), PARSE_AT, ids=[t for _, t, _ in PARSE_AT])
def test_parse_at_after_title(orgs: OrganizationExtractor, text: str, title: str, name: str) -> None:
    doc = TextDoc.from_text(text)
    analysis = orgs.analyze(doc)
    start = doc.text.index(title) + len(title)
    mention = analysis.parse_at(start)
    assert mention is not None
    assert mention.start == start
    assert mention.name == name


def test_parse_at_is_none_without_organisation(orgs: OrganizationExtractor) -> None:
    doc = TextDoc.from_text("Thủ tướng Nguyễn Xuân Phúc dự họp.")
    analysis = orgs.analyze(doc)
    assert analysis.parse_at(doc.text.index("Nguyễn")) is None


def test_parse_at_returns_longest_phrase(orgs: OrganizationExtractor) -> None:
    text = "Ông A là Ủy viên Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Hòa Bình."
    doc = TextDoc.from_text(text)
    mention = orgs.analyze(doc).parse_at(doc.text.index("Ban Thường vụ"))
    assert mention is not None
    assert doc.text[mention.start : mention.end] == "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh Hòa Bình"


def test_member_committee(orgs: OrganizationExtractor) -> None:
    text = "Thành ủy TP.HCM họp. Bà Trần Kim Y, Thành ủy viên, Chủ tịch LĐLĐ TP phát biểu."
    doc = TextDoc.from_text(text)
    analysis = orgs.analyze(doc)
    mention = analysis.member_committee(doc.text.index("Thành ủy viên"))
    assert mention is not None
    assert (doc.text[mention.start : mention.end], mention.name) == ("Thành ủy", "Thành ủy thành phố Hồ Chí Minh")
    assert analysis.member_committee(doc.text.index("Thành ủy TP.HCM")) is None


# ----------------------------------------------------------------------------- records
def test_records_group_surface_forms_in_order(orgs: OrganizationExtractor) -> None:
    text = "UBND tỉnh Đắk Nông họp. Sau đó UBND tỉnh giao Sở Y tế thực hiện. UBND tỉnh Đắk Nông sẽ kiểm tra."
    records = _records(orgs, text)
    assert [o.name for o in records] == ["Ủy ban nhân dân tỉnh Đắk Nông", "Sở Y tế tỉnh Đắk Nông"]
    assert [m.text for m in records[0].mentions] == ["UBND tỉnh Đắk Nông", "UBND tỉnh", "UBND tỉnh Đắk Nông"]
    assert records[0].abbreviation == "UBND"
    assert records[0].kind is OrganizationKind.PEOPLES_COMMITTEE


def test_kinds_and_admin_unit_2025(orgs: OrganizationExtractor) -> None:
    text = "Công an tỉnh Hà Giang, Tỉnh ủy Hà Giang, Báo Nhân Dân và Công ty Keo Hwa Vina."
    by_name = {o.name: o for o in _records(orgs, text)}
    assert by_name["Công an tỉnh Hà Giang"].kind is OrganizationKind.POLICE_MILITARY
    assert by_name["Công an tỉnh Hà Giang"].admin_unit_2025 == "Tỉnh Tuyên Quang"
    assert by_name["Tỉnh ủy Hà Giang"].kind is OrganizationKind.PARTY
    assert by_name["Báo Nhân Dân"].kind is OrganizationKind.MEDIA
    assert by_name["Công ty Keo Hwa Vina"].kind is OrganizationKind.ENTERPRISE
    assert by_name["Công ty Keo Hwa Vina"].admin_unit_2025 is None


def test_original_offsets_survive_normalisation(orgs: OrganizationExtractor) -> None:
    text = "Uỷ ban nhân dân tỉnh Hoà Bình\u00a0và Thành uỷ Hà Nội."
    records = _records(orgs, text)
    assert [o.name for o in records] == ["Ủy ban nhân dân tỉnh Hòa Bình", "Thành ủy Hà Nội"]
    assert records[0].mentions[0].text == "Uỷ ban nhân dân tỉnh Hoà Bình"


# ----------------------------------------------------------------------------- seed article
def test_seed_organizations_exact() -> None:
    gold = table_rows("seed.gold.jsonl")[0]
    text = (ROOT / "corpora" / "seed.txt").read_text(encoding="utf-8")
    doc = Extractor().extract(text)
    wanted = [o for o in gold["organizations"] if not o.get("optional")]
    got = {normalize_key(o.name): o for o in doc.organizations}
    for org in wanted:
        assert normalize_key(org["name"]) in got, org["name"]
        texts = {m.text for m in got[normalize_key(org["name"])].mentions}
        assert set(org["mentions"]) <= texts, (org["name"], texts)
    gold_keys = {normalize_key(o["name"]) for o in gold["organizations"]}
    gold_keys |= {normalize_key(m) for o in gold["organizations"] for m in o["mentions"]}
    for org in doc.organizations:
        keys = {normalize_key(org.name)} | {normalize_key(m.text) for m in org.mentions}
        assert keys & gold_keys, f"unexpected organisation {org.name}"


# ----------------------------------------------------------------------------- ministries named by their field
@pytest.mark.parametrize(
    ("text", "name", "mention"),
    [
        ("Bộ trưởng Nội vụ Phạm Văn Bình trình bày tờ trình.", "Bộ Nội vụ", "Nội vụ"),
        ("Ông Lê Văn Tâm, Bộ trưởng Quốc phòng Lào, hội đàm với đoàn.", "Bộ Quốc phòng Lào", "Quốc phòng Lào"),
    ],
)
def test_minister_of_a_field_names_the_ministry(text: str, name: str, mention: str) -> None:
    doc = Extractor().extract(text)
    found = [o for o in doc.organizations if o.name == name]
    assert found and [m.text for m in found[0].mentions] == [mention]


def test_head_of_office_by_field_is_no_ministry() -> None:
    # "Trưởng phòng Tài chính": the office is in the position, not a ministry mention of its own
    doc = Extractor().extract("Ông Lê Văn Tâm, Trưởng phòng Tài chính huyện Đức Thọ, báo cáo.")
    assert not any(o.name.startswith("Bộ ") for o in doc.organizations)
