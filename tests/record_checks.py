"""Checks every record of a Document against the text it came from."""

from __future__ import annotations

from vnextract.records import Document


def assert_offsets_round_trip(doc: Document, original: str) -> None:
    """Every span-like record must satisfy ``original[start:end] == text``."""
    spans = []
    for person in doc.people:
        spans += [(m.start, m.end, m.text) for m in person.mentions]
        spans += [(p.start, p.end, p.text) for p in person.positions]
    for org in doc.organizations:
        spans += [(m.start, m.end, m.text) for m in org.mentions]
    spans += [(d.start, d.end, d.text) for d in doc.dates]
    spans += [(p.start, p.end, p.text) for p in doc.percentages]
    for start, end, text in spans:
        assert 0 <= start <= end <= len(original), (start, end, text)
        assert original[start:end] == text, (start, end, text, original[start:end])
