"""The seed article: the full gold record, exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import vnextract
from tests.record_checks import assert_offsets_round_trip
from vnextract.text.normalize import normalize_key

CORPORA = Path(__file__).resolve().parents[1] / "corpora"
SEED_TEXT = (CORPORA / "seed.txt").read_text(encoding="utf-8")
GOLD = json.loads((CORPORA / "seed.gold.jsonl").read_text(encoding="utf-8").splitlines()[0])


@pytest.fixture(scope="module")
def doc() -> vnextract.Document:
    return vnextract.extract(SEED_TEXT, id=GOLD["id"])


def test_gold_text_is_the_bundled_seed() -> None:
    assert GOLD["text"][: GOLD["chars"]] == SEED_TEXT[: GOLD["chars"]]


def test_offsets(doc: vnextract.Document) -> None:
    assert_offsets_round_trip(doc, SEED_TEXT)


def test_people_and_positions(doc: vnextract.Document) -> None:
    got = {
        p.name: sorted((q.text, q.title, q.organization, q.former) for q in p.positions) for p in doc.people
    }
    want = {
        p["name"]: sorted((q["text"], q["title"], q["organization"], q["former"]) for q in p["positions"])
        for p in GOLD["people"]
    }
    assert got == want


def test_organizations(doc: vnextract.Document) -> None:
    got = {normalize_key(o.name): {m.text for m in o.mentions} for o in doc.organizations}
    required = {normalize_key(o["name"]): set(o["mentions"]) for o in GOLD["organizations"] if not o["optional"]}
    optional = {normalize_key(o["name"]) for o in GOLD["organizations"] if o["optional"]}
    for name, mentions in required.items():
        assert name in got, f"missing organization {name}"
        assert mentions <= got[name], (name, mentions, got[name])
    assert set(got) <= set(required) | optional, set(got) - set(required) - optional


def _as_written(date: vnextract.DateMention) -> set[tuple[str, str]]:
    """A range of two full dates ("03/02/1930 - 03/02/2020") stands for both of its ends,
    as the guideline allows either reading."""
    if "/" in date.value and " - " in date.text:
        left, right = date.text.split(" - ", 1)
        first, last = date.value.split("/")
        return {(left.strip(" ()"), first), (right.strip(" ()"), last)}
    return {(date.text, date.value)}


def test_dates(doc: vnextract.Document) -> None:
    got = set().union(*(_as_written(d) for d in doc.dates))
    assert got == {(d["text"], d["value"]) for d in GOLD["dates"]}


def test_percentages(doc: vnextract.Document) -> None:
    got = [(p.text, p.value) for p in doc.percentages]
    assert got == [(p["text"], p["value"]) for p in GOLD["percentages"]]
