"""underthesea's CRF NER as an optional extra signal for personal names."""

from __future__ import annotations

import regex

__all__ = ["ner_person_spans"]


def ner_person_spans(text: str, sentences: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """PER spans (normalised offsets) from underthesea's CRF NER, on sentences with a capitalised word inside.

    Slow (a CRF over every such sentence): used only when the extractor is built with ``use_ner=True``.
    """
    from underthesea import ner

    from vnextract.text.tokenize import align_pieces

    spans: list[tuple[int, int]] = []
    for s, e in sentences:
        if not _INNER_CAPITAL.search(text, s + 1, e):
            continue
        try:
            tagged = ner(text[s:e])
        except Exception:  # pragma: no cover - the model failing on odd input
            continue
        tokens = align_pieces(text, [t[0] for t in tagged], s, e)
        if len(tokens) != len(tagged):
            continue
        cur: list[int] | None = None
        for tok, tag in zip(tokens, tagged, strict=True):
            label = tag[-1]
            if label == "B-PER" or (label == "I-PER" and cur is None):
                if cur:
                    spans.append((cur[0], cur[1]))
                cur = [tok.start, tok.end]
            elif label == "I-PER" and cur is not None:
                cur[1] = tok.end
            else:
                if cur:
                    spans.append((cur[0], cur[1]))
                cur = None
        if cur:
            spans.append((cur[0], cur[1]))
    return spans


_INNER_CAPITAL = regex.compile(r"(?<=[\p{L}\p{M},] )\p{Lu}")
