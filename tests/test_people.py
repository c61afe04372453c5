"""People and positions over the example tables in corpora/people*.jsonl and the seed article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.example_tables import table_params, table_rows
from tests.record_checks import assert_offsets_round_trip
from vnextract import Extractor
from vnextract.records import Document, Person

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _by_name(doc: Document) -> dict[str, Person]:
    return {p.name: p for p in doc.people}


@pytest.mark.parametrize("row", table_params(table_rows("people.jsonl")))
def test_positive(extractor: Extractor, row: dict) -> None:
    text = row["text"]
    doc = extractor.extract(text)
    assert_offsets_round_trip(doc, text)
    found = _by_name(doc)
    for want in row["people"]:
        assert want["name"] in found, f"{want['name']} not in {list(found)}"
        person = found[want["name"]]
        got = [(q.title.casefold(), q.organization_text) for q in person.positions]
        expected = [(w["title"].casefold(), w["organization_text"]) for w in want["positions"]]
        assert got == expected
        for w, q in zip(want["positions"], person.positions, strict=True):
            assert q.former == w.get("former", False)
            if "organization" in w:
                assert q.organization == w["organization"]
            assert q.text not in ("",) and not q.text.casefold().startswith(("nguyên ", "cựu "))
        if "ranks" in want:
            assert person.ranks == want["ranks"]
            assert not any(r in person.name for r in want["ranks"])
        if "mentions" in want:
            assert len(person.mentions) == want["mentions"]
    assert len(doc.people) == len(row["people"]), [p.name for p in doc.people]


@pytest.mark.parametrize("row", table_params(table_rows("people_negative.jsonl")))
def test_negative(extractor: Extractor, row: dict) -> None:
    doc = extractor.extract(row["text"])
    assert_offsets_round_trip(doc, row["text"])
    assert doc.people == [], [p.name for p in doc.people]


def test_tables_are_big_enough() -> None:
    assert len(table_rows("people.jsonl")) >= 120
    assert len(table_rows("people_negative.jsonl")) >= 40


def test_seed_article_people_exact(extractor: Extractor) -> None:
    gold_path = SHARED / "corpora" / "gold" / "seed.jsonl"
    if not gold_path.exists():
        pytest.skip("shared gold data not available")
    gold = json.loads(gold_path.read_text(encoding="utf-8").splitlines()[0])
    doc = extractor.extract(gold["text"][: gold.get("chars") or len(gold["text"])])
    got = {p.name: sorted((q.text, q.title, q.former) for q in p.positions) for p in doc.people}
    want = {p["name"]: sorted((q["text"], q["title"], q["former"]) for q in p["positions"]) for p in gold["people"]}
    assert got == want


def test_one_person_per_individual(extractor: Extractor) -> None:
    text = (
        "Phó Bí thư Thường trực Thành ủy Lữ Minh Khôi tới dự lễ khánh thành. "
        "Ông Khôi khẳng định thành phố sẽ ưu tiên vốn cho trường học. "
        "Đồng chí Lữ Minh Khôi cũng biểu dương các nhà tài trợ."
    )
    doc = extractor.extract(text)
    assert [p.name for p in doc.people] == ["Lữ Minh Khôi"]
    assert [m.text for m in doc.people[0].mentions] == ["Lữ Minh Khôi", "Khôi", "Lữ Minh Khôi"]


def test_honorifics_are_not_names(extractor: Extractor) -> None:
    doc = extractor.extract("Đồng chí Đặng Văn Tuấn chủ trì hội nghị.")
    assert doc.people[0].name == "Đặng Văn Tuấn"
    assert doc.people[0].honorifics == ["Đồng chí"]
