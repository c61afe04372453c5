"""Loading the small lexicon files of the date and percentage extractors.

Each file in ``vnextract/lexicons/`` starts with ``#`` lines saying what belongs in
it; entries are one a line, tab-separated fields where the file says so.  Entries are
normalised on load (NFC, one tone-placement convention) so "thứ bẩy"/"thứ bảy" and
"uỷ"/"ủy" spellings match the normalised text.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from vnextract.text.normalize import fold_tone_placement

__all__ = ["load_list"]


@lru_cache(maxsize=32)
def _read(name: str) -> tuple[str, ...]:
    raw = resources.files("vnextract.lexicons").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in raw.splitlines():
        entry = line.strip()
        if entry and not entry.startswith("#"):
            out.append(fold_tone_placement(entry))
    return tuple(out)


def load_list(name: str, *, fold_case: bool = False) -> list[str]:
    """The entries of lexicon file ``name`` (normalised; lower-cased if ``fold_case``)."""
    entries = _read(name)
    return [e.casefold() for e in entries] if fold_case else list(entries)
