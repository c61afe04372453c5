"""The spaCy component: every record a span of whole tokens, entities without overlaps, the Document kept."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

import vnextract  # noqa: E402
import vnextract.spacy_pipe  # noqa: E402  (registers the factory when vnextract is not pip-installed)

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed.txt"


@pytest.fixture(scope="module")
def nlp() -> object:
    pipeline = spacy.blank("xx")
    pipeline.add_pipe("vnextract")
    return pipeline


def records(doc: vnextract.Document) -> list[tuple[int, int, str]]:
    found = [(m.start, m.end, m.text) for p in doc.people for m in p.mentions]
    found += [(q.start, q.end, q.text) for p in doc.people for q in p.positions]
    found += [(m.start, m.end, m.text) for o in doc.organizations for m in o.mentions]
    found += [(r.start, r.end, r.text) for r in [*doc.dates, *doc.percentages]]
    return sorted(found)


def test_seed_records_become_spans(nlp: object) -> None:
    text = SEED.read_text(encoding="utf-8")
    doc = nlp(text)  # type: ignore[operator]
    assert doc.text == text
    assert doc._.vnextract == vnextract.extract(text)
    spans = doc.spans["vnextract"]
    assert sorted((s.start_char, s.end_char, s.text) for s in spans) == records(doc._.vnextract)
    labels = {s.label_ for s in spans}
    assert labels == {"PERSON", "POSITION", "ORG", "DATE", "PERCENT"}
    ents = list(doc.ents)
    assert all(a.end <= b.start for a, b in pairwise(ents))
    assert ("Đặng Văn Tuấn", "PERSON") in [(e.text, e.label_) for e in ents]
    assert "POSITION" not in {e.label_ for e in ents}


@pytest.mark.parametrize(
    ("text", "record"),
    [
        ("Sản lượng tăng 54,3%/năm so với cùng kỳ.", "54,3%"),
        ("Sáng 8/5/2017-ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai, phát biểu.", "Sáng 8/5/2017"),
    ],
    ids=["percent-glued-to-a-unit", "date-glued-to-a-word"],
)
def test_tokens_glued_to_a_record_are_split(nlp: object, text: str, record: str) -> None:
    blank = spacy.blank("xx")
    assert record not in [t.text for t in blank(text)] and not any(t.text == record.split()[-1] for t in blank(text))
    doc = nlp(text)  # type: ignore[operator]
    assert record in [s.text for s in doc.spans["vnextract"]]
    assert doc.text == text


def test_empty_and_odd_text(nlp: object) -> None:
    # (a lone surrogate is refused by spaCy's own tokenizer, before any component runs)
    for text in ("", "   ", "\n\n", "%%% ((( ", "Ông A\u200b, Bí thư\u00a0Tỉnh ủy Lào Cai\u0301"):
        doc = nlp(text)  # type: ignore[operator]
        assert doc.text == text and isinstance(doc._.vnextract, vnextract.Document)
