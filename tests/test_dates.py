"""Dates over the example tables corpora/dates*.jsonl, the seed article and the real corpus.

Each positive example lists every date the text must yield (text and value, optionally
attributes such as ``part_of_day``, ``weekday``, ``lunar``, ``year_inferred``,
``granularity``); a negative example must yield no date at all, or none overlapping its
``not`` substring.  ``corpora/dates_phrases.jsonl`` holds phrases whose calendar value other
projects' test suites fix (Duckling's Vietnamese time corpus, dateparser's Vietnamese tests,
HeidelTime's Vietnamese rule examples), each alone, with the reference date 2017-02-02.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from tests.example_tables import forbidden_hits, table_params, table_rows
from vnextract.extractor import Extractor
from vnextract.extractors.date_relative import RelativeDateExtractor
from vnextract.extractors.dates import DateExtractor
from vnextract.records import DateMention
from vnextract.text.document import TextDoc

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="module")
def extractor() -> DateExtractor:
    return DateExtractor()


def _extract(extractor: DateExtractor, text: str, published: str | None = None) -> list[DateMention]:
    doc = TextDoc.from_text(text, date.fromisoformat(published) if published else None)
    found = extractor.extract(doc)
    for m in found:
        assert text[m.start : m.end] == m.text, (m.start, m.end, m.text)
    return found


def test_tables_are_big_enough() -> None:
    assert len(table_rows("dates.jsonl")) >= 150
    assert len(table_rows("dates_negative.jsonl")) >= 40


@pytest.mark.parametrize("row", table_params(table_rows("dates.jsonl")))
def test_positive(extractor: DateExtractor, row: dict) -> None:
    found = _extract(extractor, row["text"], row.get("published"))
    assert [(m.text, m.value) for m in found] == [(e["text"], e["value"]) for e in row["expected"]]
    for mention, expected in zip(found, row["expected"], strict=True):
        for key, value in expected.items():
            if key not in ("text", "value"):
                assert getattr(mention, key) == value, (key, mention)


@pytest.mark.parametrize("row", table_params(table_rows("dates_phrases.jsonl")))
def test_reference_phrase(extractor: DateExtractor, row: dict) -> None:
    test_positive(extractor, row)


def test_reference_phrases_cover_duckling() -> None:
    rows = table_rows("dates_phrases.jsonl")
    assert {r["published"] for r in rows} == {"2017-02-02"}  # Duckling's reference time
    duckling_written = [r for r in rows if r["source"] == "duckling" and r["year"] == "written"]
    assert len(duckling_written) >= 17 and not any(r.get("xfail") for r in duckling_written)


@pytest.mark.parametrize("row", table_params(table_rows("dates_negative.jsonl")))
def test_negative(extractor: DateExtractor, row: dict) -> None:
    assert forbidden_hits(row, _extract(extractor, row["text"])) == []


@pytest.mark.parametrize("row", table_params(table_rows("dates_relative.jsonl")))
def test_relative_dates(row: dict) -> None:
    """Relative date words, resolved against ``published``; only with ``relative_dates=True``."""
    doc = Extractor(relative_dates=True).extract(row["text"], published=row.get("published"))
    assert [(r.text, r.value) for r in doc.relative_dates] == [(e["text"], e["value"]) for e in row["expected"]]
    for rel, expected in zip(doc.relative_dates, row["expected"], strict=True):
        assert row["text"][rel.start : rel.end] == rel.text
        for key, value in expected.items():
            if key not in ("text", "value"):
                assert getattr(rel, key) == value, (key, rel)
    assert Extractor().extract(row["text"], published=row.get("published")).relative_dates == []


def test_results_in_text_order_and_typed(extractor: DateExtractor) -> None:
    text = "Năm 2016 - 2017, quý III/2017, tháng 10/2016, Sáng 8/5/2017 và 6 tháng đầu năm 2017."
    found = _extract(extractor, text)
    assert [m.start for m in found] == sorted(m.start for m in found)
    assert [m.granularity.value for m in found] == ["period", "quarter", "month", "day", "period"]


def test_original_offsets_survive_normalisation(extractor: DateExtractor) -> None:
    text = "Kỷ niệm\u00a0(24/6/1967 \u2013 24/6/2017) và Chiều\u00a0ngày 30/9."
    found = _extract(extractor, text)
    assert [m.text for m in found] == ["24/6/1967 \u2013 24/6/2017", "Chiều\u00a0ngày 30/9"]
    assert found[1].year_inferred and found[1].value == "2017-09-30"


def test_seed_article_dates() -> None:
    gold_path = ROOT / "corpora" / "seed.gold.jsonl"
    text_path = ROOT / "corpora" / "seed.txt"
    gold = json.loads(gold_path.read_text(encoding="utf-8").splitlines()[0])
    text = text_path.read_text(encoding="utf-8")
    found = _extract(DateExtractor(), text[: gold.get("chars") or len(text)])
    got = {(m.text, m.value) for m in found}

    def same(g: dict, t: str, v: str) -> bool:
        return (g["text"] in t or t in g["text"]) and (g["value"] == v or g["value"] in v.split("/"))

    for d in gold["dates"]:
        # a date written as one end of a range may be reported as that range (the scorer's rule)
        assert any(same(d, t, v) for t, v in got), d
    for t, v in got:  # and nothing else
        assert any(same(g, t, v) for g in gold["dates"]), t


def test_whole_corpus_runs_clean(extractor: DateExtractor) -> None:
    path = SHARED / "corpora" / "party_news.jsonl"
    if not path.exists():
        pytest.skip("../shared is not available")
    with path.open(encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            for m in _extract(extractor, text):
                assert m.value and (m.granularity.value == "period") == ("/" in m.value)


_FUZZ_TOKENS = [
    "ngày", "Sáng", "thứ Hai", ",", "(", ")", "-", "/", ".", "12", "5", "29/2", "2017", "30/9", "tháng", "năm",
    "quý", "IV", "Tết", "mùng", "đến", "từ", "âm lịch", "Đinh Dậu", "thập niên", "80", "nhiệm kỳ", "2015", "2020",
    "và", "\n", "rằm", "Giêng", "6 tháng đầu năm", "\u2013", "\u00a0",
    "tháng tư", "quý hai", "hai mươi", "mồng", "đến hết", "5/6/18", "Quốc khánh", "của năm", "1850", "hai mốt",
    "Chạp", "Tháng Mười Hai", "29,", "99", "hôm qua", "tuần trước", "năm ngoái", "sáng nay",
]


def test_random_token_soup_never_breaks_offsets(extractor: DateExtractor) -> None:
    import random

    rng = random.Random(20170630)
    relative = RelativeDateExtractor()
    for _ in range(3000):
        text = " ".join(rng.choice(_FUZZ_TOKENS) for _ in range(rng.randint(1, 14)))
        if rng.random() < 0.5:
            text = text.replace(" / ", "/").replace(" - ", "-")
        found = _extract(extractor, text)  # _extract checks original[start:end] == text
        for m in found:
            assert m.value.count("/") <= 1
        for r in relative.extract(TextDoc.from_text(text, date(2017, 2, 2)), found):
            assert text[r.start : r.end] == r.text
