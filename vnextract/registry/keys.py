"""Keys and normal forms the registry matches on: names, titles, organisations, places, credits.

Every key reuses the project's own normalisation (:func:`normalize_key`: NFC, one
tone-placement convention, case folded, single spaces), so "Phó chủ tịch thường
trực" and "Phó Chủ tịch Thường trực", "Hoà" and "Hòa" give one key.  ``fold`` goes
further for search: no tone or vowel marks at all and ``đ`` as ``d``
("nguyen van thang" finds "Nguyễn Văn Thắng").
"""

from __future__ import annotations

import functools
import unicodedata
from importlib import resources

import regex

from vnextract.text.normalize import fold_tone_placement, normalize_key

__all__ = [
    "career_step",
    "display_rank",
    "fold",
    "is_credit",
    "is_membership",
    "local_unit",
    "name_key",
    "org_key",
    "province_2025",
    "title_key",
    "unorganised_title",
]

_LOCAL_WORDS = ("thành phố", "thị trấn", "thị xã", "phường", "huyện", "quận", "xã")
_UNIT_NAME = r"(\p{Lu}[\p{L}\p{M}]*(?: [\p{Lu}\d][\p{L}\p{M}\d]*)*|\d+)$"
_LOCAL_UNIT = regex.compile(r"\b(" + "|".join(_LOCAL_WORDS) + r") " + _UNIT_NAME)
# "Huyện ủy Cát Hải" is the party committee of huyện Cát Hải
_COMMITTEE_UNIT = regex.compile(r"\b(Huyện|Quận|Thị|Thành) ủy " + _UNIT_NAME)
_COMMITTEE_WORDS = {"Huyện": "huyện", "Quận": "quận", "Thị": "thị xã", "Thành": "thành phố"}
_PROVINCE = regex.compile(r"\b(tỉnh|thành phố) (\p{Lu}[\p{L}\p{M}]*(?: \p{Lu}[\p{L}\p{M}]*)*)$")


def _lines(name: str) -> list[str]:
    text = resources.files("vnextract.lexicons").joinpath(name).read_text(encoding="utf-8")
    return [line.rstrip("\n") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1 << 16)
def name_key(name: str) -> str:
    """The key persons are grouped by: ``"NGUYỄN VĂN THẮNG"`` and ``"Nguyễn Văn Thắng"`` alike."""
    return normalize_key(name)


@functools.lru_cache(maxsize=1 << 16)
def org_key(name: str) -> str:
    """The key of a canonical organisation name (the extractor has already expanded abbreviations)."""
    return normalize_key(name)


@functools.cache
def _title_abbreviations() -> dict[str, str]:
    """Exact-case title abbreviations of ``titles.tsv`` ("PCT" -> "Phó Chủ tịch")."""
    out = {}
    for line in _lines("titles.tsv"):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) >= 3 and "cs" in cols[2].split(","):
            out[fold_tone_placement(cols[0])] = fold_tone_placement(cols[1])
    return out


@functools.cache
def _title_synonyms() -> dict[str, str]:
    out = {}
    for line in _lines("registry_title_synonyms.tsv"):
        written, _, same = line.partition("\t")
        out[normalize_key(written)] = normalize_key(same)
    return out


@functools.lru_cache(maxsize=1 << 16)
def title_key(title: str) -> str:
    """The key of a title: case and tone placement folded, abbreviations of ``titles.tsv`` expanded,
    synonyms of ``registry_title_synonyms.tsv`` ("Phó ban" = "Phó Trưởng ban") as one."""
    title = " ".join(title.split())
    key = normalize_key(_title_abbreviations().get(title, title))
    return _title_synonyms().get(key, key)


@functools.cache
def _unorganised_titles() -> frozenset[str]:
    out = set()
    for line in _lines("titles.tsv"):
        cols = [c.strip() for c in line.split("\t")]
        if len(cols) >= 3 and {"noorg", "central", "state"} & set(cols[2].split(",")):
            out.add(normalize_key(cols[1]))
    return frozenset(out)


def unorganised_title(key: str) -> bool:
    """Whether a title key names one office of the state without an organisation ("Tổng Bí thư")."""
    return key in _unorganised_titles()


@functools.cache
def _memberships() -> tuple[str, ...]:
    return tuple(sorted((normalize_key(w) for w in _lines("registry_memberships.txt")), key=len, reverse=True))


def is_membership(key: str) -> bool:
    """Whether a title key is a seat among many ("ủy viên", "đại biểu", "ủy viên dự khuyết")."""
    return any(key == m or key.startswith(m + " ") for m in _memberships())


@functools.cache
def _steps() -> frozenset[tuple[str, str]]:
    pairs = set()
    for line in _lines("registry_career_steps.tsv"):
        lower, _, higher = line.partition("\t")
        pairs.add((normalize_key(lower), normalize_key(higher)))
    return frozenset(pairs)


@functools.cache
def _post_modifiers() -> tuple[str, ...]:
    out = []
    for line in _lines("title_modifiers.txt"):
        kind, _, word = line.partition("\t")
        if kind.strip() == "post":
            out.append(normalize_key(word))
    return tuple(sorted(out, key=len, reverse=True))


def _head_of(key: str) -> str:
    """A title without its trailing modifiers ("phó bí thư thường trực" -> "phó bí thư")."""
    changed = True
    while changed:
        changed = False
        for mod in _post_modifiers():
            if key.endswith(" " + mod):
                key, changed = key[: -len(mod) - 1], True
    return key


def career_step(a: str, b: str) -> bool:
    """Whether title keys ``a`` and ``b`` are one step apart in the same body, either way.

    "phó bí thư" / "bí thư", "phó chủ tịch thường trực" / "chủ tịch", "thứ trưởng" / "bộ trưởng".
    """
    if a == b:
        return False
    ha, hb = _head_of(a), _head_of(b)
    for low, high in ((ha, hb), (hb, ha)):
        if (low.startswith("phó ") and low[4:] == high) or (low, high) in _steps():
            return True
    return False


@functools.cache
def _credit_pattern() -> regex.Pattern[str]:
    words = sorted(
        (regex.escape(fold_tone_placement(w)) for w in _lines("registry_credits.txt")), key=len, reverse=True
    )
    return regex.compile(r"(?:^|[\s(\[.,;:/|])(?:" + "|".join(words) + r")\s*[:\-]?\s*\(?\s*$", regex.IGNORECASE)


def is_credit(text: str, start: int, end: int) -> bool:
    """Whether the name at ``text[start:end]`` is a byline or photo credit.

    It follows a credit word on the same line ("Ảnh: Hải An", "Bài và ảnh: ..."), or it stands
    alone at the very end of the article, after the last sentence ("... tốt đẹp. Thu Hà").
    """
    line_start = text.rfind("\n", 0, start) + 1
    before = fold_tone_placement(text[max(line_start, start - 30) : start])
    if _credit_pattern().search(before):
        return True
    rest = text[end:].strip()
    if len(rest) <= 12 and not regex.search(r"\p{Ll}{2,} \p{Ll}", rest):
        tail = text[max(line_start, start - 3) : start]
        return tail.strip() == "" or tail.rstrip().endswith((".", "!", "?", "”", '"', "-"))
    return False


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Search form: lower case, no marks, ``đ`` -> ``d`` ("Nguyễn Văn Đức" -> "nguyen van duc")."""
    decomposed = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def display_rank(written: str) -> tuple[int, int, int]:
    """How good a written form is for display: more words, mixed case over ALL CAPS, more capitals."""
    letters = [c for c in written if c.isalpha()]
    all_caps = bool(letters) and all(c.isupper() for c in letters)
    return (len(written.split()), 0 if all_caps else 1, sum(c.isupper() for c in letters))


@functools.lru_cache(maxsize=1 << 16)
def local_unit(org_name: str) -> str | None:
    """The district or commune an organisation belongs to, as a key ("huyện đầm hà"), if its name ends with one."""
    folded = fold_tone_placement(org_name)
    m = _LOCAL_UNIT.search(folded)
    if m is not None:
        word, name = m.group(1), m.group(2)
    elif (c := _COMMITTEE_UNIT.search(folded)) is not None:
        word, name = _COMMITTEE_WORDS[c.group(1)], c.group(2)
    else:
        return None
    if word == "thành phố":
        from vnextract.gazetteer import gazetteer

        unit = gazetteer().province(name)
        if unit is not None and unit.word == "thành phố":
            return None  # a centrally-run city is a province, not a local unit
    return normalize_key(f"{word} {name}")


@functools.lru_cache(maxsize=1 << 16)
def province_2025(org_name: str, admin_unit_2025: str | None) -> str | None:
    """The post-2025 province of an organisation: the extractor's, else the gazetteer's for a name ending in one."""
    if admin_unit_2025:
        return normalize_key(admin_unit_2025)
    m = _PROVINCE.search(fold_tone_placement(org_name))
    if m is None:
        return None
    from vnextract.gazetteer import gazetteer

    unit = gazetteer().province(m.group(2))
    if unit is None or (m.group(1) == "thành phố" and unit.word != "thành phố"):
        return None
    new = gazetteer().admin_unit_2025(unit.province)
    return normalize_key(new) if new else None
