"""Degenerate repetition: a phrase repeated many times in a row is masked before extraction.

Real articles never repeat a phrase eight times in a row, but damaged or
adversarial input does ("Ban Thường vụ Ban Thường vụ ..." over 100 KB): rules
that chain a body to the next one would then build one name out of the whole
run, in time and output that grow with its square.  :func:`mask_repetitions`
keeps the first few repetitions of such a run and blanks the rest with
newlines (same length, so every offset into the caller's text stays exact);
the Document says so in a ``repetition`` warning.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

__all__ = ["MaskedRun", "mask_repetitions"]

MIN_REPEATS = 8  # a run must repeat its phrase this many times to be masked
KEEP = 3  # repetitions left readable
MAX_PERIOD = 8  # longest phrase, in words
_WORD = regex.compile(r"\S+")
_LETTER = regex.compile(r"\p{L}")


@dataclass(frozen=True, slots=True)
class MaskedRun:
    """Characters ``start:end`` of the text, a run of ``phrase`` repeated ``repeats`` times, were blanked."""

    start: int
    end: int
    phrase: str
    repeats: int


def _has_run(tokens: list[str]) -> bool:
    """Cheap test: does some phrase of up to MAX_PERIOD words repeat MIN_REPEATS times in a row?"""
    for period in range(1, MAX_PERIOD + 1):
        same = bytes(a == b for a, b in zip(tokens, tokens[period:], strict=False))
        if b"\x01" * ((MIN_REPEATS - 1) * period) in same:
            return True
    return False


def mask_repetitions(text: str) -> tuple[str, list[MaskedRun]]:
    """``text`` with degenerate runs blanked (or ``text`` itself when there are none), and the runs."""
    tokens = text.split()
    if len(tokens) < MIN_REPEATS or not _has_run(tokens):
        return text, []
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text)]
    n = len(words)
    runs: list[MaskedRun] = []
    covered_to = -1  # word index up to which a run was already found
    i = 0
    while i < n - MIN_REPEATS:
        found = None
        if i > covered_to:
            for period in range(1, MAX_PERIOD + 1):
                if i + period * MIN_REPEATS > n or words[i][2] != words[i + period][2]:
                    continue
                j = i
                while j + period < n and words[j][2] == words[j + period][2]:
                    j += 1
                repeats = (j - i) // period + 1
                if repeats >= MIN_REPEATS and any(_LETTER.search(w[2]) for w in words[i : i + period]):
                    found = (period, repeats)
                    break
        if found is None:
            i += 1
            continue
        period, repeats = found
        first_masked = i + KEEP * period
        last = i + repeats * period - 1
        phrase = " ".join(w[2] for w in words[i : i + period])
        runs.append(MaskedRun(words[first_masked][0], words[last][1], phrase, repeats))
        covered_to = last
        i = last + 1
    if not runs:
        return text, []
    pieces, pos = [], 0
    for run in runs:
        pieces.append(text[pos : run.start])
        pieces.append(regex.sub(r"[^\n]", "\n", text[run.start : run.end]))
        pos = run.end
    pieces.append(text[pos:])
    return "".join(pieces), runs
