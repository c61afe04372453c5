"""Percentages over the example tables corpora/percentages*.jsonl, the seed article and the real corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.example_tables import forbidden_hits, table_params, table_rows
from vnextract.extractors.percentages import PercentageExtractor
from vnextract.records import Percentage
from vnextract.text.document import TextDoc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def extractor() -> PercentageExtractor:
    return PercentageExtractor()


def _extract(extractor: PercentageExtractor, text: str) -> list[Percentage]:
    found = extractor.extract(TextDoc.from_text(text))
    for p in found:
        assert text[p.start : p.end] == p.text, (p.start, p.end, p.text)
    return found


def test_tables_are_big_enough() -> None:
    assert len(table_rows("percentages.jsonl")) >= 60
    assert len(table_rows("percentages_negative.jsonl")) >= 20


@pytest.mark.parametrize("row", table_params(table_rows("percentages.jsonl")))
def test_positive(extractor: PercentageExtractor, row: dict) -> None:
    found = _extract(extractor, row["text"])
    assert [(p.text, p.value) for p in found] == [(e["text"], e["value"]) for e in row["expected"]]
    for pct, expected in zip(found, row["expected"], strict=True):
        assert pct.value_max == expected.get("value_max")
        assert pct.points == expected.get("points", False)
        if "qualifier" in expected:
            assert pct.qualifier == expected["qualifier"]


@pytest.mark.parametrize("row", table_params(table_rows("percentages_negative.jsonl")))
def test_negative(extractor: PercentageExtractor, row: dict) -> None:
    assert forbidden_hits(row, _extract(extractor, row["text"])) == []


def test_qualifier_is_not_in_text(extractor: PercentageExtractor) -> None:
    (pct,) = _extract(extractor, "Tỷ lệ này đạt gần 54,3% kế hoạch.")
    assert pct.text == "54,3%" and pct.qualifier == "đạt gần"


def test_offsets_survive_normalisation(extractor: PercentageExtractor) -> None:
    text = "Tăng\u00a05\u20137\uff05 và gần\u00a0ba mươi phần trăm."
    found = _extract(extractor, text)
    assert [(p.text, p.value, p.value_max) for p in found] == [
        ("5\u20137\uff05", 5.0, 7.0),
        ("ba mươi phần trăm", 30.0, None),
    ]


def test_seed_article_percentage() -> None:
    gold = json.loads((ROOT / "corpora" / "seed.gold.jsonl").read_text(encoding="utf-8").splitlines()[0])
    text = (ROOT / "corpora" / "seed.txt").read_text(encoding="utf-8")
    found = _extract(PercentageExtractor(), text)
    assert sorted({p.value for p in found}) == sorted({p["value"] for p in gold["percentages"]})


def test_whole_corpus_values_are_sane(extractor: PercentageExtractor) -> None:
    path = SHARED / "corpora" / "party_news.jsonl"
    if not path.exists():
        pytest.skip("../shared is not available")
    n = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            for p in _extract(extractor, json.loads(line)["text"]):
                n += 1
                assert 0 <= p.value <= 10_000
                assert p.value_max is None or p.value_max > p.value
    assert n > 400
