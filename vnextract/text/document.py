"""The per-document working state shared by all extractors."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date

from vnextract.records import Span
from vnextract.text.normalize import NormalizedText, normalize
from vnextract.text.tokenize import Token, segment_words, split_sentences

__all__ = ["TextDoc"]


@dataclass(slots=True)
class TextDoc:
    """One document under analysis.

    Extractors match on :attr:`text` (normalised) and report spans with
    :meth:`span`, which maps them back to the caller's original string.
    Sentences and word tokens are computed lazily and cached.
    """

    norm: NormalizedText
    published: date | None = None
    _sentences: list[tuple[int, int]] | None = field(default=None, repr=False)
    _words: dict[tuple[int, int], list[Token]] = field(default_factory=dict, repr=False)

    @classmethod
    def from_text(cls, original: str, published: date | None = None) -> TextDoc:
        """Normalise ``original`` and wrap it."""
        return cls(normalize(original), published)

    @property
    def text(self) -> str:
        """The normalised text extractors match on."""
        return self.norm.text

    @property
    def original(self) -> str:
        """The caller's string."""
        return self.norm.original

    @property
    def sentences(self) -> list[tuple[int, int]]:
        """Sentence spans in normalised offsets."""
        if self._sentences is None:
            self._sentences = split_sentences(self.norm.text)
        return self._sentences

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The sentence containing normalised ``offset`` (or the whole text)."""
        sentences = self.sentences
        i = bisect_right(sentences, (offset, len(self.norm.text) + 1)) - 1
        if i >= 0 and sentences[i][0] <= offset < sentences[i][1]:
            return sentences[i]
        return 0, len(self.norm.text)

    def words(self, start: int, end: int) -> list[Token]:
        """underthesea word tokens of ``text[start:end]`` (cached per span)."""
        key = (start, end)
        if key not in self._words:
            self._words[key] = segment_words(self.norm.text, start, end)
        return self._words[key]

    def span(self, start: int, end: int) -> Span:
        """A :class:`Span` in original offsets for the normalised span."""
        a, b = self.norm.to_original(start, end)
        return Span(start=a, end=b, text=self.norm.original[a:b])

    def original_bounds(self, start: int, end: int) -> tuple[int, int, str]:
        """``(start, end, text)`` in the original string for a normalised span."""
        a, b = self.norm.to_original(start, end)
        return a, b, self.norm.original[a:b]
