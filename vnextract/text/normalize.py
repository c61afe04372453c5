"""Normalisation for matching, with an offset map back to the caller's string.

Matching runs on a normalised copy of the text: Unicode NFC, one tone-placement
convention (``uỷ``/``ủy``, ``hoà``/``hòa``, ``thuý``/``thúy`` all become the
second form), odd spaces turned into plain spaces, typographic quotes and dashes
into ASCII.  :class:`NormalizedText` remembers where every normalised character
came from so spans found on the copy map back to exact original offsets.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import regex

__all__ = ["NormalizedText", "fold_tone_placement", "normalize", "normalize_key"]

_SPACE_LIKE = dict.fromkeys(
    map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
        "\u202f\u205f\u3000\t\x0b\x0c"),
    " ",
)
_PUNCT = {
    ord("\u2018"): "'", ord("\u2019"): "'", ord("\u201a"): "'", ord("\u201b"): "'",
    ord("\u201c"): '"', ord("\u201d"): '"', ord("\u201e"): '"', ord("\u00ab"): '"', ord("\u00bb"): '"',
    ord("\u2010"): "-", ord("\u2011"): "-", ord("\u2012"): "-", ord("\u2013"): "-",
    ord("\u2014"): "-", ord("\u2015"): "-", ord("\u2212"): "-", ord("\ufe63"): "-", ord("\uff0d"): "-",
    ord("\uff05"): "%", ord("\u200b"): " ", ord("\ufeff"): " ", ord("\u00ad"): " ",
}
_CHAR_MAP = {**_SPACE_LIKE, **_PUNCT}

# Tone marks of Vietnamese, as combining characters.
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# "oa", "oe", "uy" closing a syllable (no letter after): the tone goes on the first vowel
# ("hòa", "khỏe", "thủy"), the convention of most party and state publications.
# "qu" + y/e/a keeps the tone on the second letter ("quý", "quả"): u is part of the onset.
_TONE_ON_SECOND = regex.compile(
    r"(?<![qQ])([oOuU])([aAeEyY])([" + _TONES + r"])(?![\p{L}\p{M}])"
)


def _move_tone(match: regex.Match[str]) -> str:
    first, second, tone = match.group(1), match.group(2), match.group(3)
    if first in "uU" and second not in "yY":
        return match.group(0)
    if first in "oO" and second in "yY":
        return match.group(0)
    return first + tone + second


def fold_tone_placement(text: str) -> str:
    """Return ``text`` in NFC with one tone-placement convention ("uỷ" -> "ủy")."""
    decomposed = unicodedata.normalize("NFD", text)
    moved = _TONE_ON_SECOND.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", moved)


def normalize_key(text: str) -> str:
    """A lookup key: normalised, lower-cased, single-spaced."""
    folded = fold_tone_placement(text.translate(_CHAR_MAP))
    return " ".join(folded.casefold().split())


@dataclass(frozen=True, slots=True)
class NormalizedText:
    """A normalised copy of ``original`` and the map back to it.

    ``offsets[i]`` is the original offset of normalised character ``i``;
    ``offsets[len(text)] == len(original)``.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span to the original string.

        A span boundary inside a character cluster that normalisation merged
        widens to the whole cluster, so the original span is never cut mid-letter.
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside 0..{len(self.text)}")
        orig_start = self.offsets[start]
        if end == start:
            return orig_start, orig_start
        orig_end = self.offsets[end]
        # widen to the end of the cluster the last character came from
        last = self.offsets[end - 1]
        if orig_end <= last:
            orig_end = last + 1
        return orig_start, orig_end

    def original_text(self, start: int, end: int) -> str:
        """The original characters behind a normalised span."""
        a, b = self.to_original(start, end)
        return self.original[a:b]


# A cluster is a base character with its combining marks; NFC never merges across clusters
# except for Hangul jamo and a few scripts irrelevant to matching, which stay correct anyway
# because a whole run of characters without a starter is treated as one cluster.
_CLUSTER = regex.compile(r"\P{M}\p{M}*|\p{M}+", flags=regex.V1)


def normalize(original: str) -> NormalizedText:
    """Normalise ``original`` for matching and keep the offset map."""
    if original.isascii():
        text = original.translate(_CHAR_MAP)
        return NormalizedText(original, text, tuple(range(len(original) + 1)))
    if unicodedata.is_normalized("NFC", original):
        # the common case: every step maps one character to one, so offsets are the identity
        text = original.translate(_CHAR_MAP)
        folded = fold_tone_placement(text)
        if len(folded) != len(text):  # pragma: no cover - defensive, NFC edge cases
            folded = text
        return NormalizedText(original, folded, tuple(range(len(original) + 1)))
    pieces: list[str] = []
    offsets: list[int] = []
    for match in _CLUSTER.finditer(original):
        chunk = match.group(0)
        start = match.start()
        out = chunk.translate(_CHAR_MAP) if len(chunk) == 1 else unicodedata.normalize("NFC", chunk)
        pieces.append(out)
        offsets.extend([start] * len(out))
    composed = "".join(pieces)
    # Tone placement only moves a mark between two letters of the same length-2 window,
    # so after NFC the result has the same length and offsets stay valid.
    folded = fold_tone_placement(composed)
    if len(folded) != len(composed):  # pragma: no cover - defensive, NFC edge cases
        folded = composed
    offsets.append(len(original))
    return NormalizedText(original, folded, tuple(offsets))
