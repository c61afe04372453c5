"""A spaCy pipeline component: ``nlp.add_pipe("vnextract")`` (the ``spacy`` extra).

    import spacy
    nlp = spacy.blank("xx")
    nlp.add_pipe("vnextract")
    doc = nlp("Ông Nguyễn Văn A, Chủ tịch UBND tỉnh Lào Cai, ...")
    doc.spans["vnextract"]   # every record: PERSON, POSITION, ORG, DATE, PERCENT (they may overlap)
    doc.ents                 # the non-overlapping PERSON/ORG/DATE/PERCENT spans (longest first)
    doc._.vnextract          # the full vnextract Document

The component extracts from ``doc.text`` and then splits every token that a
record boundary falls inside ("54,3%" in one token, a name glued to a
bracket), so each record is exactly a span of tokens.  The factory is also
registered through the ``spacy_factories`` entry point, so an installed
vnextract needs no import for ``add_pipe``.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from vnextract.extractor import Extractor
from vnextract.records import Document

__all__ = ["LABELS", "VnextractComponent", "make_vnextract"]

LABELS = {"person": "PERSON", "position": "POSITION", "organization": "ORG", "date": "DATE", "percentage": "PERCENT"}
_ENT_KINDS = ("person", "organization", "date", "percentage")  # a position holds an ORG: not an entity itself


def _record_spans(doc: Document) -> list[tuple[int, int, str]]:
    spans = [(m.start, m.end, "person") for p in doc.people for m in p.mentions]
    spans += [(q.start, q.end, "position") for p in doc.people for q in p.positions]
    spans += [(m.start, m.end, "organization") for o in doc.organizations for m in o.mentions]
    spans += [(d.start, d.end, "date") for d in doc.dates]
    spans += [(x.start, x.end, "percentage") for x in doc.percentages]
    return [s for s in spans if s[1] > s[0]]


def _split_at(doc: Doc, cuts: list[int]) -> None:
    """Split every token of ``doc`` that one of the character offsets ``cuts`` falls inside."""
    splits = []
    for token in doc:
        start, end = token.idx, token.idx + len(token.text)
        i = bisect_right(cuts, start)
        inner = []
        while i < len(cuts) and cuts[i] < end:
            inner.append(cuts[i] - start)
            i += 1
        if inner:
            splits.append((token, [0, *inner, len(token.text)]))
    if not splits:
        return
    with doc.retokenize() as retokenizer:
        for token, bounds in splits:
            orths = [token.text[a:b] for a, b in pairwise(bounds)]
            retokenizer.split(token, orths, heads=[(token, i) for i in range(len(orths))])


class VnextractComponent:
    """Puts vnextract's records on a spaCy ``Doc`` (see the module docstring)."""

    def __init__(self, nlp: Language, name: str = "vnextract", *, use_ner: bool = False, spans_key: str = "vnextract"):
        self.name = name
        self.spans_key = spans_key
        self.extractor = Extractor(use_ner=use_ner)
        if not Doc.has_extension("vnextract"):
            Doc.set_extension("vnextract", default=None)

    def __call__(self, doc: Doc) -> Doc:
        """Extract from ``doc.text``; set ``doc.spans[spans_key]``, ``doc.ents`` and ``doc._.vnextract``."""
        record = self.extractor.extract(doc.text)
        found = _record_spans(record)
        _split_at(doc, sorted({offset for start, end, _ in found for offset in (start, end)}))
        spans: list[Span] = []
        for start, end, kind in sorted(found):
            span = doc.char_span(start, end, label=LABELS[kind], alignment_mode="strict")
            if span is not None:  # always, once tokens are split at every boundary
                spans.append(span)
        doc.spans[self.spans_key] = spans
        doc.ents = filter_spans([s for s in spans if s.label_ in {LABELS[k] for k in _ENT_KINDS}])
        doc._.vnextract = record
        return doc


@Language.factory("vnextract", default_config={"use_ner": False, "spans_key": "vnextract"})
def make_vnextract(nlp: Language, name: str, use_ner: bool, spans_key: str) -> Any:
    """The ``vnextract`` factory for ``nlp.add_pipe``."""
    return VnextractComponent(nlp, name, use_ner=use_ner, spans_key=spans_key)
