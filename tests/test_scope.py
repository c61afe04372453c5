"""Document-level scope resolution: corpora/org_resolution.jsonl and DocScope rules."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from vnextract.extractors.organizations import OrganizationExtractor
from vnextract.gazetteer import gazetteer
from vnextract.scope import DocScope, ScopeFinder
from vnextract.text.document import TextDoc

ROOT = Path(__file__).resolve().parents[1]


def _rows() -> list[dict]:
    with open(ROOT / "corpora" / "org_resolution.jsonl", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _params() -> list:
    out = []
    for row in _rows():
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        out.append(pytest.param(row, marks=marks, id=row["note"]))
    return out


@pytest.fixture(scope="module")
def orgs() -> OrganizationExtractor:
    return OrganizationExtractor()


@pytest.fixture(scope="module")
def finder() -> ScopeFinder:
    return ScopeFinder(gazetteer(), {"TP.HCM": ("thành phố", "Hồ Chí Minh")})


def _nth(text: str, sub: str, n: int) -> int:
    pos = -1
    for _ in range(n):
        pos = text.index(sub, pos + 1)
    return pos


@pytest.mark.parametrize("row", _params())
def test_resolution(orgs: OrganizationExtractor, row: dict) -> None:
    published = date.fromisoformat(row["published"]) if row.get("published") else None
    doc = TextDoc.from_text(row["text"], published)
    analysis = orgs.analyze(doc)
    for want in row["expect"]:
        # the n-th mention written exactly so; inside a title ("Phó Bí thư Thường trực Huyện ủy") use parse_at
        same = [m for m in analysis.mentions if doc.text[m.start : m.end] == want["text"]]
        if len(same) >= want["occurrence"]:
            mention = same[want["occurrence"] - 1]
        else:
            mention = analysis.parse_at(_nth(doc.text, want["text"], want["occurrence"]))
        assert mention is not None, want["text"]
        assert doc.original[mention.start : mention.end] == want["text"]
        assert mention.name == want["name"], (want["text"], mention.name)


def test_resolution_table_has_documents() -> None:
    assert len(_rows()) >= 10


def test_single_candidate_resolves(finder: ScopeFinder) -> None:
    scope = finder.scan("Lãnh đạo tỉnh Lào Cai làm việc với huyện Bát Xát.")
    assert scope.resolve("tỉnh").name == "Lào Cai"
    district = scope.resolve("huyện")
    assert district is not None
    assert (district.name, district.province) == ("Bát Xát", "Lào Cai")


def test_two_equal_candidates_stay_unresolved(finder: ScopeFinder) -> None:
    scope = finder.scan("Tỉnh Nghệ An và tỉnh Hà Tĩnh ký kết hợp tác.")
    assert scope.resolve("tỉnh") is None


def test_dominant_candidate_wins(finder: ScopeFinder) -> None:
    scope = finder.scan("Tỉnh Nghệ An họp. Tỉnh Nghệ An quyết định. Đoàn tỉnh Hà Tĩnh dự. UBND tỉnh Nghệ An chỉ đạo.")
    assert scope.resolve("tỉnh").name == "Nghệ An"


def test_city_level_prefers_explicit_units(finder: ScopeFinder) -> None:
    scope = finder.scan("Đà Nẵng đẹp. Chủ tịch HĐND TP Hội An cho biết. Đà Nẵng và Đà Nẵng.")
    unit = scope.resolve("city")
    assert unit is not None
    assert (unit.name, unit.level) == ("Hội An", "district")


def test_province_from_district_when_not_written(finder: ScopeFinder) -> None:
    scope = finder.scan("Đảng bộ huyện Đầm Hà kết nạp đảng viên.")
    assert scope.resolve("tỉnh").name == "Quảng Ninh"


def test_bare_names_need_the_article_context(finder: ScopeFinder) -> None:
    with_district = finder.scan("Đảng bộ huyện Đầm Hà làm tốt.")
    assert with_district.bare_ok("Tân Lập")
    assert with_district.bare_unit("Tân Lập").full == "xã Tân Lập"
    without = finder.scan("Một bài viết không nói đến địa phương nào.")
    assert not without.bare_ok("Tân Lập")
    assert without.bare_ok("Hà Nội")


def test_focus_follows_the_most_named_level(finder: ScopeFinder) -> None:
    scope: DocScope = finder.scan("Huyện Đầm Hà và Công an tỉnh Quảng Ninh.")
    scope.add_elided(["huyện", "huyện", "huyện"])
    assert scope.resolve("focus").name == "Đầm Hà"


def test_post_2025_commune_names_its_unit(finder: ScopeFinder) -> None:
    # a commune of the 2025 reform (no district), found from the unit word written before it
    scope = finder.scan("Đại hội Đảng bộ xã Sơn Động nhiệm kỳ 2025-2030.", date(2025, 8, 1))
    unit = scope.resolve("xã")
    assert unit is not None and (unit.name, unit.province, unit.district) == ("Sơn Động", "Bắc Ninh", None)


def test_publication_date_picks_the_era_of_a_commune(finder: ScopeFinder) -> None:
    # "xã Vân Canh": a commune of Hà Nội before 2025, of Gia Lai after it
    modern = finder.scan("Xã Vân Canh tổ chức đại hội.", date(2025, 10, 26)).resolve("xã")
    assert modern is not None and modern.province == "Gia Lai"
    old = finder.scan("Xã Vân Canh tổ chức đại hội.", date(2017, 5, 1)).resolve("xã")
    assert old is not None and old.province == "Hà Nội"


def test_same_name_in_two_provinces_still_names_the_unit(finder: ScopeFinder) -> None:
    scope = finder.scan("Xã Vân Canh tổ chức đại hội.")
    unit = scope.resolve("xã")
    assert unit is not None and (unit.word, unit.name, unit.province) == ("xã", "Vân Canh", "")
    assert scope.provinces == frozenset()  # no province is located by it
    assert scope.resolve("tỉnh") is None
