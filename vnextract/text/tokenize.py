"""Sentence splitting and word segmentation with character offsets.

underthesea returns strings without offsets and may change characters on the
way (normalisation, quotes), so every piece it returns is aligned back onto the
text it was given.  Alignment never raises: a piece that cannot be placed is
dropped and alignment carries on from where it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex

__all__ = ["Token", "align_pieces", "segment_words", "split_sentences"]

_LOOKAHEAD = 40
_LINE = regex.compile(r"[^\n]+")
_TRAILING_SPACE = regex.compile(r"\s+$")


@dataclass(frozen=True, slots=True)
class Token:
    """A word (possibly several syllables) at ``text[start:end]``."""

    start: int
    end: int
    text: str


def _same(a: str, b: str) -> bool:
    return a == b or a.casefold() == b.casefold()


def _place_word(text: str, word: str, cursor: int, limit: int) -> int:
    """Offset where ``word`` starts at or after ``cursor``, or -1."""
    n = len(word)
    if _same(text[cursor : cursor + n], word):
        return cursor
    found = text.find(word, cursor, min(limit, cursor + _LOOKAHEAD + n))
    if found >= 0:
        return found
    lowered = text[cursor : min(limit, cursor + _LOOKAHEAD + n)].casefold()
    found = lowered.find(word.casefold())
    return cursor + found if found >= 0 else -1


def align_pieces(text: str, pieces: list[str], start: int = 0, end: int | None = None) -> list[Token]:
    """Align ``pieces`` (in order) onto ``text[start:end]``; never raises."""
    limit = len(text) if end is None else end
    cursor = start
    tokens: list[Token] = []
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        first = last = -1
        probe = cursor
        for word in words:
            while probe < limit and text[probe].isspace():
                probe += 1
            at = _place_word(text, word, probe, limit)
            if at < 0:
                first = -1
                break
            if first < 0:
                first = at
            probe = at + len(word)
            last = probe
        if first < 0:
            continue
        tokens.append(Token(first, last, text[first:last]))
        cursor = last
    return tokens


@lru_cache(maxsize=1)
def _underthesea_sent_tokenize():  # pragma: no cover - import indirection
    from underthesea import sent_tokenize

    return sent_tokenize


@lru_cache(maxsize=1)
def _underthesea_word_tokenize():  # pragma: no cover - import indirection
    from underthesea import word_tokenize

    return word_tokenize


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of ``text``: lines first, then underthesea within each line."""
    sent_tokenize = _underthesea_sent_tokenize()
    spans: list[tuple[int, int]] = []
    for line in _LINE.finditer(text):
        line_text = line.group(0)
        if not line_text.strip():
            continue
        try:
            pieces = sent_tokenize(line_text)
        except Exception:
            pieces = [line_text]
        tokens = align_pieces(line_text, pieces)
        if not tokens:
            spans.append((line.start(), line.end()))
            continue
        # let each sentence run to the next one so no character is orphaned
        base = line.start()
        for i, tok in enumerate(tokens):
            s = base + (tok.start if i else 0)
            e = base + (tokens[i + 1].start if i + 1 < len(tokens) else len(line_text))
            trailing = _TRAILING_SPACE.search(text, s, e)
            spans.append((s, trailing.start() if trailing else e))
    return spans


def segment_words(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """underthesea word segmentation of ``text[start:end]``, offsets into ``text``."""
    stop = len(text) if end is None else end
    chunk = text[start:stop]
    if not chunk.strip():
        return []
    try:
        pieces = _underthesea_word_tokenize()(chunk)
    except Exception:
        pieces = chunk.split()
    return [Token(t.start + start, t.end + start, t.text) for t in align_pieces(chunk, pieces)]
