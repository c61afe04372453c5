"""Organisation lexicons: heads, fields, abbreviations, media names, countries.

Loaded once from the package data files ``vnextract/lexicons/org_*.tsv|txt`` and
``abbreviations.tsv`` into frozen tables.  Surfaces are folded with
:func:`fold_tone_placement` so "Uỷ ban" and "Ủy ban" match alike.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources

from vnextract.records import OrganizationKind
from vnextract.text.normalize import fold_tone_placement, normalize_key

__all__ = ["Head", "OrgLexicon", "is_abbreviation", "org_lexicon"]


@dataclass(frozen=True, slots=True)
class Head:
    """One organisation head word with how to read what follows it (see ``org_heads.tsv``)."""

    surface: str
    canonical: str
    kind: OrganizationKind
    cls: str
    flags: frozenset[str]
    level: str | None = None
    bare_level: str | None = None

    @property
    def abbreviated(self) -> bool:
        """Whether the surface is an abbreviation (matched with exact case)."""
        return is_abbreviation(self.surface)


def is_abbreviation(word: str) -> bool:
    """``UBND``, ``TN&MT``, ``Tổng LĐLĐ``: two capitals in one word, or ``&``."""
    return any(sum(c.isupper() for c in w) >= 2 or "&" in w for w in word.split())


def _same_abbreviations(text: str, surface: str) -> bool:
    """Whether ``text`` spells every abbreviation word of ``surface`` exactly, other words in any case:
    "đoàn ĐBQH", "Ủy ban T.Ư Mặt trận Tổ Quốc Việt Nam"."""
    written, wanted = text.split(" "), surface.split(" ")
    if len(written) != len(wanted):
        return False
    return all(
        w == s if is_abbreviation(s) else w.casefold() == s.casefold() for w, s in zip(written, wanted, strict=True)
    )


def _rows(name: str) -> list[list[str]]:
    text = resources.files("vnextract.lexicons").joinpath(name).read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        out.append([fold_tone_placement(c.strip()) for c in line.split("\t")])
    return out


@dataclass(frozen=True, slots=True)
class OrgLexicon:
    """All organisation tables, frozen."""

    heads: dict[str, tuple[Head, ...]]  # normalize_key(surface) -> heads (exact-case variants)
    fields: dict[str, str]  # normalize_key(surface) -> canonical field
    field_abbr: dict[str, str]  # exact surface -> canonical field
    place_abbr: dict[str, tuple[str, str]]  # exact surface -> (unit word, name)
    unit_abbr: dict[str, str]  # exact surface -> unit word
    media: dict[str, str]  # exact surface -> canonical name
    countries: frozenset[str]
    breaks: frozenset[str]
    surnames: frozenset[str]
    field_words: frozenset[str] = frozenset()  # lower-case words continuing a field ("tài chính")
    field_verbs: frozenset[str] = frozenset()  # those of them that are also verbs ("xây dựng")
    compounds: frozenset[str] = frozenset()  # ordinary words that begin with a head ("Hội nghị")

    def head_for(self, text: str) -> Head | None:
        """The head entry matching ``text`` as written (exact case for abbreviations)."""
        cands = self.heads.get(normalize_key(text), ())
        for head in cands:
            if head.abbreviated:
                # "đoàn ĐBQH": a lower-case head word before an exact abbreviation
                if head.surface == text or _same_abbreviations(text, head.surface):
                    return head
            else:
                return head
        return None


def _flags(raw: str) -> tuple[frozenset[str], str | None, str | None]:
    flags, level, bare = set(), None, None
    for f in (x.strip() for x in raw.split(",") if x.strip()):
        if f.startswith("level="):
            level = f[6:]
        elif f.startswith("b="):
            bare = f[2:]
        else:
            flags.add(f)
    return frozenset(flags), level, bare


def _dash_spacings(surface: str) -> list[str]:
    """``surface`` and, when it has a spaced dash, the same with the dash written tight or half-spaced."""
    if " - " not in surface:
        return [surface]
    return [surface, surface.replace(" - ", "-"), surface.replace(" - ", "- "), surface.replace(" - ", " -")]


@functools.cache
def org_lexicon() -> OrgLexicon:
    """The process-wide organisation lexicon."""
    heads: dict[str, list[Head]] = {}
    for row in _rows("org_heads.tsv"):
        surface, canonical, kind, cls = row[:4]
        flags, level, bare = _flags(row[4] if len(row) > 4 else "")
        head = Head(surface, canonical, OrganizationKind(kind), cls, flags, level, bare)
        heads.setdefault(normalize_key(surface), []).append(head)
    fields: dict[str, str] = {}
    for surface, canonical in (r[:2] for r in _rows("org_fields.tsv")):
        for variant in _dash_spacings(surface):  # "Tài nguyên- Môi trường" as "Tài nguyên - Môi trường"
            fields.setdefault(normalize_key(variant), canonical)
    field_abbr, place_abbr, unit_abbr = {}, {}, {}
    for surface, expansion, kind in (r[:3] for r in _rows("abbreviations.tsv")):
        if kind == "field":
            field_abbr[surface] = expansion
        elif kind == "place":
            word, _, name = expansion.partition("|")
            place_abbr[surface] = (word, name)
        elif kind == "unit":
            unit_abbr[surface] = expansion
    media = {r[0]: r[1] for r in _rows("org_media.tsv")}
    countries = frozenset(r[0] for r in _rows("org_countries.txt"))
    breaks = frozenset(r[0] for r in _rows("org_name_breaks.txt"))
    # the project's list of family names (shared with the people extractor): "Nguyễn Trường Tộ" is a person
    surnames = frozenset(r[0] for r in _rows("surnames.txt"))
    word_rows = _rows("org_field_words.txt")
    field_words = frozenset(r[0] for r in word_rows)
    field_verbs = frozenset(r[0] for r in word_rows if len(r) > 1 and r[1] == "v")
    return OrgLexicon(
        {k: tuple(v) for k, v in heads.items()},
        fields,
        field_abbr,
        place_abbr,
        unit_abbr,
        media,
        countries,
        breaks,
        surnames,
        field_words,
        field_verbs,
        frozenset(r[0] for r in _rows("org_not_heads.txt")),
    )
