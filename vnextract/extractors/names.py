"""Personal-name recognition: capitalised runs, surnames, honorifics, ranks, bylines.

Everything here works on the normalised text of a :class:`~vnextract.text.document.TextDoc`
and returns normalised offsets.  A :class:`NameFinder` is built once and shared read-only.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import regex

from vnextract.extractors.name_lexicon import (
    BLOCKERS,
    COMPOUNDS,
    CREDIT_NEVER_FIRST,
    MEDIA,
    NEVER_FIRST,
    STARTERS,
    TRAILING,
    is_compound,
)
from vnextract.extractors.name_ner import ner_person_spans
from vnextract.text.normalize import fold_tone_placement, normalize_key

__all__ = [
    "NEVER_FIRST", "NameFinder", "NameMention", "load_lexicon", "load_pairs", "looks_foreign", "ner_person_spans",
]


@cache
def load_lexicon(filename: str) -> tuple[str, ...]:
    """Entries of ``vnextract/lexicons/<filename>`` (comments and blanks skipped), tone-folded."""
    text = resources.files("vnextract.lexicons").joinpath(filename).read_text(encoding="utf-8")
    out: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        out.append(fold_tone_placement(line.rstrip("\n").strip()))
    return tuple(out)


def load_pairs(filename: str) -> tuple[tuple[str, ...], ...]:
    """Tab-separated rows of a lexicon file."""
    return tuple(tuple(c.strip() for c in row.split("\t")) for row in load_lexicon(filename))


@dataclass(slots=True)
class NameMention:
    """A name as written at ``text[start:end]`` (normalised offsets)."""

    start: int
    end: int
    text: str
    kind: str  # "full" (a whole name), "short" (one given-name syllable), "alias", "byline", "credit"
    prefix_start: int = -1  # where honorifics/ranks before the name begin (or -1)
    honorifics: list[str] = field(default_factory=list)
    ranks: list[str] = field(default_factory=list)
    strong: bool = False  # introduced by a strong honorific (ông, bà, đồng chí ...)
    plural: bool = False  # introduced by "các ông", "các đồng chí" ...
    alias_of: str | None = None  # for kind "alias": the full name the nickname stands for

    @property
    def lead(self) -> int:
        """Start of the mention including its honorific/rank prefix."""
        return self.prefix_start if self.prefix_start >= 0 else self.start


_L = r"[\p{L}\p{M}]"
CAP = r"\p{Lu}[\p{Ll}\p{M}]*"
ALLCAP = r"\p{Lu}[\p{Lu}\p{M}]+"
# one capitalised word of a name: a syllable, a hyphenated foreign name ("Sang-sik", "Phết-tha-von",
# "El-Fayez", "Jean-Pierre": an upper-case part only after a name particle) or an ethnic-minority name
# with an apostrophe ("H'Yim", "K'Mák")
_WORD = (
    r"\p{Lu}(?:'\p{Lu})?[\p{Ll}\p{M}]*(?:-\p{Ll}[\p{Ll}\p{M}]*)*"
    r"(?:-(?<=(?<![\p{L}\p{M}'])(?:El|Al|Abu|Abd|Ben|Bin|Ibn|Jean|Ould|Ag)-)[A-Z][a-z]+)?"
)
# a run of capitalised syllables separated by single spaces
# (a list number glued to the last word ends it: "... Quân đội nhân dân Việt Nam9. Trương Vĩnh Trọng")
_RUN = regex.compile(
    rf"(?<![\p{{L}}\p{{M}}\d&])(?<!\p{{Lu}}')(?:{_WORD})(?: (?:{_WORD}))*"
    rf"(?:(?![\p{{L}}\p{{M}}\d&])|(?=\d{{1,2}}\.(?:\s|\p{{Lu}})))"
)
_SYL = regex.compile(_WORD)
_ALLCAP_RUN = regex.compile(rf"(?<![\p{{L}}\p{{M}}\d&])(?:{ALLCAP})(?: (?:{ALLCAP})){{1,4}}(?![\p{{L}}\p{{M}}\d&])")
_UNCLE_HO = regex.compile(r"(?<![\p{L}\p{M}])(?:Bác|Cụ) Hồ(?![\p{L}\p{M}])")
# middle names that make the run a person whatever its first syllable ("bà Văn Thị Bạch Tuyết")
_MIDDLE = regex.compile(r"Thị|Văn")
_LOWER_NEXT = regex.compile(r" \p{Ll}")
_DIGIT_NEXT = regex.compile(r" ?\d")
_NEXT_LOWER = regex.compile(r" (\p{Ll}[\p{Ll}\p{M}]*)")
_CAP_WORD_END = regex.compile(r"(?<![\p{L}\p{M}])(\p{Lu}[\p{Ll}\p{M}]*) $")
_STOP_AFTER = regex.compile(r"[,.;!?)\]\"”]|\s*$|\s*\n")
_INITIALS = regex.compile(r"(?:\p{Lu}\.){1,3} ?\p{Lu}[\p{Ll}\p{M}]+")

_BLOCK_BEFORE = regex.compile(
    r"(?:(?<![\p{L}\p{M}])(?:" + "|".join(regex.escape(b) for b in sorted(BLOCKERS, key=len, reverse=True))
    + r")) ?$"
)


_CITY_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:TP|Tp|thành phố|Thành phố|THÀNH PHỐ)\.? ?$")
_HOUSE_NUMBER = regex.compile(r"(?<![\p{L}\p{M}])(?:số (?:nhà )?)?\d+[\p{L}/\d-]* $")


# onsets of Central Highlands names written in Vietnamese letters ("Kđăm", "Knơng", "Mlô", "Byă")
_MINORITY_ONSET = regex.compile(r"(?!ch|gh|kh|ng|nh|ph|th|tr|gi|qu)[bcdđghklmnprstvx][bcdđghklmnprstvxy]")
_VIET_FINAL = regex.compile(r"(?:[aeiouyăâêôơư\p{M}]|ch|nh|ng|c|m|n|p|t)$")
_FOREIGN_CLUSTER = regex.compile(r"[fjwz]|(?!ch|gh|kh|ng|nh|ph|th|tr|gi|qu)[bcdfghjklmnpqrstvwxz]{2}")


def looks_foreign(word: str) -> bool:
    """Whether a capitalised word cannot be a Vietnamese syllable ("Vnukov", "Trump", "Merkel")."""
    low = word.casefold()
    if len(low) < 3 or not low.isalpha() or not low.isascii():
        return False
    return bool(_FOREIGN_CLUSTER.search(low[1:]) or _FOREIGN_CLUSTER.match(low) or not _VIET_FINAL.search(low))


def _alt(items: list[str]) -> str:
    return "|".join(regex.escape(x) for x in sorted(set(items), key=len, reverse=True))


class NameFinder:
    """Finds name mentions; built once, shared read-only."""

    def __init__(self) -> None:
        self.surnames = frozenset(s.casefold() for s in load_lexicon("surnames.txt"))
        self.not_names = frozenset(normalize_key(s) for s in load_lexicon("not_names.txt"))
        self._max_not_name = max(len(s.split()) for s in self.not_names)
        self.countries = frozenset(normalize_key(s) for s in load_lexicon("org_countries.txt")) - {"việt nam"}
        self._max_country = max(len(s.split()) for s in self.countries)
        self.minority_names = frozenset(s.casefold() for s in load_lexicon("minority_names.txt"))
        self.not_given = frozenset(s.casefold() for s in load_lexicon("not_given_names.txt")) | STARTERS | TRAILING
        hon = load_pairs("honorifics.txt")
        self.honorifics = {normalize_key(r[0]): (len(r) > 1 and r[1] == "strong") for r in hon}
        # roles ("ca sĩ", "cầu thủ", "bị cáo") introduce a name like a strong honorific and are kept with them
        roles = load_lexicon("name_roles.txt")
        self.roles = frozenset(normalize_key(r) for r in roles)
        self.honorifics.update(dict.fromkeys(self.roles, True))
        self.group_honorifics = frozenset(normalize_key(r[0]) for r in hon if len(r) > 1 and r[1] == "group")
        ranks = load_lexicon("ranks.txt")
        self.rank_keys = frozenset(normalize_key(r) for r in ranks)
        hon_alt = _alt([r[0] for r in hon] + list(roles))
        rank_words = [r for r in ranks if not regex.search(r"[.]|^\p{Lu}+$", r)]
        rank_abbr = [r for r in ranks if r not in rank_words]
        # one prefix element right before a name (repeated backwards): "ông ", "Đại tướng ", "GS.TS "
        self._prefix = regex.compile(
            rf"(?:(?<![\p{{L}}\p{{M}}])(?P<hon>(?i:{hon_alt}))|(?<![\p{{L}}\p{{M}}])(?P<rank>(?i:{_alt(rank_words)})"
            rf"|{_alt(rank_abbr)}))(?P<sep> ?(?:, )?)$"
        )
        self._starts_prefix = regex.compile(
            rf"(?:(?i:ông|bà|đồng chí|đ/c)|{_alt(rank_words)}|{_alt(rank_abbr)}) \p{{Lu}}"
        )
        self._pronoun = regex.compile(
            r"(?:^|(?<=[.!?:;\n\"] ?))(Ông|Bà)(?= (?!\p{Lu})[\p{Ll}])"
            r"|(?<=, )(ông|bà)(?= (?!bà|con|cha|nội|ngoại|già|cụ|lão|chủ|ta|ấy ta)[\p{Ll}])",
            flags=regex.M,
        )
        self._credit = regex.compile(
            r"(?:(?<![\p{L}])(?:Ảnh|ảnh|ẢNH|Bài và ảnh|Bài, ảnh|Tin, ảnh|Tin và ảnh|Clip|Đồ họa)(?: minh họa)?"
            r" ?[:-] ?)(?:[\p{Lu}\p{Ll}.]+/)?"
        )

    # ---------------------------------------------------------------- helpers
    def is_surname(self, syllable: str) -> bool:
        """Whether ``syllable`` is a known family name."""
        return syllable.casefold() in self.surnames

    def _place_len(self, sylls: list[str], i: int) -> int:
        """Number of syllables of a known non-name (place, country) starting at ``sylls[i]``."""
        for n in range(min(self._max_not_name, len(sylls) - i), 0, -1):
            if normalize_key(" ".join(sylls[i : i + n])) in self.not_names:
                return n
        return 0

    def country_len(self, words: list[str], i: int) -> int:
        """Number of syllables of a country name starting at ``words[i]`` ("Pháp", "Ai Cập"), or 0."""
        for n in range(min(self._max_country, len(words) - i), 0, -1):
            if normalize_key(" ".join(words[i : i + n])) in self.countries:
                return n
        return 0

    def exotic(self, word: str) -> bool:
        """Whether a capitalised word is no Vietnamese syllable: foreign ("Macron"), hyphenated ("Sang-sik")
        or of an ethnic-minority name ("Kđăm", "H'Yim")."""
        return looks_foreign(word) or "-" in word or self.minority(word)

    def minority(self, word: str) -> bool:
        """Whether ``word`` belongs to an ethnic-minority name of the Central Highlands or the north
        ("Niê", "Kđăm", "H'Yăm", "Ksor"): a listed family name, an apostrophe or a consonant cluster
        Vietnamese spelling has not."""
        low = word.casefold()
        if low in self.minority_names or "'" in low:
            return True
        return bool(_MINORITY_ONSET.match(low)) and not low.isascii()

    def lone_given(self, text: str, m: NameMention) -> bool:
        """Whether a one-word mention with no full name to refer to is a person of its own: a given name
        or nickname after an honorific, a role or a rank ("chị Lan", "bác sĩ Hùng", "chú Tám", "ông Trump").

        Not: a word of the genre's vocabulary or a deity ("ông Táo"), a place or country after a role,
        a syllable forming a word with the next one ("các đồng chí Cách mạng lão thành"), an honorific
        inside a longer capitalised name ("Hai Bà Trưng"), a foreign word after a role alone ("công nhân
        Samsung": more often a company or a club than a person)."""
        word = m.text
        if m.prefix_start < 0 or len(word) < 2 or not word[1:].replace("-", "").islower():
            return False
        if text[m.start - 2 : m.start] == ", " or _DIGIT_NEXT.match(text, m.end):
            return False  # "Thưa các đồng chí, Năm 2016 ...": the next sentence, not a name
        key = word.casefold()
        if key in self.not_given or key in NEVER_FIRST:
            return False
        if not self.introduces(m.honorifics, m.ranks):
            return False
        addressed = any(normalize_key(h) not in self.roles | self.group_honorifics for h in m.honorifics)
        if not addressed and (looks_foreign(word) or self.country_len([word], 0)):
            return False
        nxt = _NEXT_LOWER.match(text, m.end)
        if nxt and is_compound(word, nxt.group(1)):
            return False
        prev = _CAP_WORD_END.search(text, max(0, m.prefix_start - 12), m.prefix_start)
        return not (
            prev and text[m.prefix_start : m.prefix_start + 1].isupper() and prev.group(1).casefold() not in STARTERS
        )

    def introduces(self, honorifics: list[str], ranks: list[str]) -> bool:
        """Whether the honorifics, roles and ranks written before a run make it a name without a known
        surname ("anh Quang Hải", "ca sĩ Mỹ Tâm", "Đại tướng Tea Seiha"; not "cử tri Tân Bình")."""
        return bool(ranks) or any(normalize_key(h) not in self.group_honorifics for h in honorifics)

    def honorific_strength(self, word: str) -> bool | None:
        """None if ``word`` is not a one-word honorific, else whether it is a strong one."""
        return self.honorifics.get(word.casefold()) if " " not in word else None

    def place_at(self, text: str, p: int) -> int:
        """End of a known place/country name written at ``p`` (or 0); "Hồ Chí Minh" counts here."""
        m = _RUN.match(text, p)
        if not m:
            return 0
        sylls = [(s.start(), s.end()) for s in _SYL.finditer(text, m.start(), m.end())]
        words = [text[a:b] for a, b in sylls]
        n = self._place_len(words, 0)
        if n:
            return sylls[n - 1][1]
        if len(words) >= 3 and normalize_key(" ".join(words[:3])) == "hồ chí minh":
            return sylls[2][1]
        # a country before a foreign name ("Tổng thống Pháp Emmanuel Macron"; not "huyện Đức Thọ")
        n = self.country_len(words, 0)
        if n and n < len(words) and self.exotic(words[n]):
            return sylls[n - 1][1]
        return 0

    def starts_name(self, text: str, p: int) -> bool:
        """Whether a personal name (or an honorific/rank introducing one) starts at ``p``."""
        if self._starts_prefix.match(text, p):
            return True
        m = _RUN.match(text, p)
        if not m:
            return False
        words = text[m.start() : m.end()].split(" ")
        if len(words) < 2 or not self.is_surname(words[0]) or self._place_len(words, 0):
            return False
        if normalize_key(" ".join(words[:3])) == "hồ chí minh":
            return False
        return normalize_key(" ".join(words[:2])) not in COMPOUNDS

    def prefix_of(self, text: str, start: int) -> tuple[int, list[str], list[str], bool, bool]:
        """Honorifics and ranks written right before ``start``: (prefix_start, honorifics, ranks, strong, plural)."""
        hons: list[str] = []
        ranks: list[str] = []
        strong = plural = False
        pos = start
        for _ in range(4):
            m = self._prefix.search(text, max(0, pos - 40), pos)
            if not m:
                break
            if m.group("hon"):
                key = normalize_key(m.group("hon"))
                hons.insert(0, m.group("hon"))
                strong = strong or self.honorifics.get(key, False)
                plural = plural or key.startswith(("các ", "hai "))
            else:
                ranks.insert(0, m.group("rank"))
                strong = True  # "Đại tướng Tea Seiha", "GS Ngô Bảo Châu": a rank introduces a name
            pos = m.start()
        return (pos if pos < start else -1), hons, ranks, strong, plural

    def blocked(self, text: str, start: int) -> bool:
        """Whether the run at ``start`` follows a street/place/school word."""
        window = max(0, start - 20)
        if normalize_key(text[start : start + 11]) == "hồ chí minh" and _CITY_BEFORE.search(text, window, start):
            return True  # the city, not the person
        return bool(_BLOCK_BEFORE.search(text, window, start) or _HOUSE_NUMBER.search(text, window, start))

    # ---------------------------------------------------------------- runs
    def runs(self, text: str) -> list[tuple[int, int, list[tuple[int, int]]]]:
        """Capitalised runs as (start, end, syllable spans), trimmed of compound-word tails."""
        out = []
        for m in _RUN.finditer(text):
            sylls = [(s.start(), s.end()) for s in _SYL.finditer(text, m.start(), m.end())]
            # "Đoàn Chủ tịch": the last syllable belongs to a lower-case compound that follows
            while sylls:
                a, b = sylls[-1]
                nxt = regex.match(r" ([\p{Ll}\p{M}]+)", text[b : b + 12])
                if nxt and normalize_key(text[a:b] + " " + nxt.group(1)) in COMPOUNDS:
                    sylls.pop()
                    continue
                break
            # "... Đinh La Thăng Ông Đinh La Thăng ...": a run never continues over "Ông"/"Bà"
            piece: list[tuple[int, int]] = []
            for a, b in sylls:
                if piece and text[a:b] in ("Ông", "Bà"):
                    out.append((piece[0][0], piece[-1][1], piece))
                    piece = []
                piece.append((a, b))
            if piece:
                out.append((piece[0][0], piece[-1][1], piece))
        return out

    def split_run(
        self, text: str, sylls: list[tuple[int, int]], introduced: bool, titled: bool = False
    ) -> tuple[int, int] | None:
        """The syllable range [i, j) of ``sylls`` that is a personal name, or None.

        ``introduced``: a title, an honorific, a role or a rank stands right before the run, so the
        name need not start with a known surname; ``titled``: a title does.  A country or place opening
        the run after a title is not part of the name ("Tổng thống Pháp Emmanuel Macron"); a one-word
        foreign name after one is returned alone ("Tổng thống Mỹ Trump").
        """
        words = [text[a:b] for a, b in sylls]
        i = 0
        lead_places = True  # only places and countries before words[i]
        # leading honorific / starter words and places ("Ông Lê ...", "Hà Nội Nguyễn Đức Chung")
        while i < len(words):
            key = words[i].casefold()
            n = self._place_len(words, i) or (self.country_len(words, i) if titled else 0)
            if n and i + n < len(words):
                i += n
                continue
            if n:
                i += n
                break
            if key in STARTERS and i + 1 < len(words) and not (
                introduced and i == 0 and self.honorific_strength(words[0]) is False
            ):  # ("chị Anh Thư": the name after an honorific)
                i += 1
                lead_places = False
                continue
            break
        if i >= len(words):
            return None
        exotic = sum(1 for w in words[i:] if self.exotic(w))
        # a long run after a title, honorific or rank, ending at a stop and with no Vietnamese surname
        # inside: a foreign name transcribed syllable by syllable ("Đại tá Sô Pha Phô Xay Nhạ Vông,")
        spelled = (
            introduced and 4 < len(words) - i <= 6 and _STOP_AFTER.match(text, sylls[-1][1]) is not None
            and not any(self.is_surname(w) or w.casefold() in NEVER_FIRST | TRAILING for w in words[i:])
        )
        minority = exotic and (words[i] == "Y" or any(self.minority(w) for w in words[i:]))
        if (len(words) - i > 4 and not minority) or (
            i < len(words) and normalize_key(" ".join(words[i : i + 3])) == "hồ chí minh"
        ):
            # "Hồ Chí Minh Đinh La Thăng": a later surname leaving a 2-4 syllable name
            for k in range(i + 2, len(words) - 1):
                if self.is_surname(words[k]) and 2 <= len(words) - k <= 4 and not self.exotic(words[k]):
                    i = k
                    lead_places = False
                    break
        rest = len(words) - i
        if rest == 1 and titled and i > 0 and lead_places and looks_foreign(words[i]):
            return i, i + 1  # "Tổng thống Mỹ Trump"
        if rest < 2:
            return None
        if words[i] in ("Đoàn", "Từ") and not introduced and self._place_len(words, i + 1) == rest - 1:
            # "tại Đoàn Thanh Hóa" (the province's delegation), "Từ Làng Sen, ..." (from a place): not a person;
            # only for these two words ("Hòa Bình", "Thái Bình" end real names)
            return None
        if introduced and lead_places and not self.is_surname(words[i]):
            # "Chủ tịch Vinatex Lê Tiến Trường": a brand or other foreign word, then a Vietnamese name
            for k in range(i + 1, len(words) - 1):
                if self.is_surname(words[k]) and 2 <= len(words) - k <= 4 and all(
                    looks_foreign(w) or w.isupper() for w in words[i:k]
                ) and not any(self.exotic(w) for w in words[k:]):
                    i = k
                    break
        if self.is_surname(words[i]) or (
            introduced and lead_places
            and (words[i].casefold() not in NEVER_FIRST or _MIDDLE.fullmatch(words[i + 1]))
        ):
            # foreign and ethnic-minority names run longer ("Hany Mostafa Mohamed Mostafa Hassan",
            # "Y Thanh Hà Niê Kđăm")
            j = min(len(words), i + (6 if (minority or spelled or (introduced and exotic >= 2)) else 4))
        else:
            return None
        # a sentence running on without a stop: "Ông Kim Cự Chiều nay ...", "Hoàng Diệu Tỉnh ..."
        # ("Nguyễn Văn Huyện" keeps its last syllable: "Văn"/"Thị" never end a name)
        # (a run ending at a stop or a comma keeps the syllable: "Nguyễn Phi Thường, Giám đốc ...")
        while (
            j - i > 2 and words[j - 1].casefold() in TRAILING and words[j - 2].casefold() not in ("văn", "thị")
            and not (j == len(words) and _STOP_AFTER.match(text, sylls[-1][1]))
        ):
            j -= 1
        # a trailing place inside the run ("Nguyễn Văn A Hà Nội") is not part of the name
        for k in range(i + 2, j):
            if self._place_len(words, k) and not _MIDDLE.fullmatch(words[k - 1]):  # "Nguyễn Thị Mai Hương"
                j = k
                break
        if j - i < 2:
            return None
        return i, j

    # ---------------------------------------------------------------- credits and bylines
    def credits(self, text: str) -> list[NameMention]:
        """Photographers and authors: "Ảnh: LÊ THOA", "(Ảnh: Trọng Toàn)", a final "Mai Thắm (...)"."""
        out: list[NameMention] = []
        for m in self._credit.finditer(text):
            p = m.end()
            hit = self._name_at(text, p)
            if hit:
                s, e = hit
                if text.count(" ", s, e) >= 2 and _LOWER_NEXT.match(text, e):
                    e = text.rfind(" ", s, e)  # "Ảnh: Lê Sơn Hoàn thành ...": the last syllable starts a sentence
                out.append(NameMention(s, e, text[s:e], "credit"))
        for m in _UNCLE_HO.finditer(text):
            out.append(NameMention(m.start(), m.end(), m.group(0), "full"))
        tail = self._byline(text)
        if tail and not any(x.start <= tail[0] < x.end for x in out):
            out.append(NameMention(tail[0], tail[1], text[tail[0] : tail[1]], "byline"))
        return out

    def _name_at(self, text: str, p: int) -> tuple[int, int] | None:
        m = _INITIALS.match(text, p) or _ALLCAP_RUN.match(text, p) or _RUN.match(text, p)
        if not m:
            return None
        s, e = m.span()
        name = text[s:e]
        words = name.split()
        if any(normalize_key(" ".join(words[:k])) in MEDIA for k in range(1, len(words) + 1)):
            return None
        if words[0].casefold() in CREDIT_NEVER_FIRST and not words[0].isupper():
            return None
        # a credit running into the next sentence: "Ảnh: Hồng Đào Trong dịp Tết ..."
        keep = 4 if self.is_surname(words[0]) or words[0].isupper() else 2
        while len(words) > 2 and (
            len(words) > keep or words[-1].casefold() in STARTERS or normalize_key(words[-1]) in self.rank_keys
        ):
            words.pop()
        e = s + len(" ".join(words))
        name = text[s:e]
        if normalize_key(name) in MEDIA or normalize_key(name) in self.not_names:
            return None
        if _INITIALS.fullmatch(name):
            last = words[-1].split(".")[-1]
            if " " in name and (last.casefold() in STARTERS or regex.match(r" \p{Ll}", text[e : e + 2])):
                return None  # "Ảnh: H.H. Theo báo cáo ...": initials, then the next sentence
            return s, e
        if words[0].casefold() in STARTERS and words[0] != "Anh":
            return None  # "Theo Vnexpress" (but "Anh Thư", "Anh Dũng (TTXVN)" sign articles)
        if name.isupper() and (min(map(len, words)) < 2 or max(map(len, words)) < 3):
            return None  # "Ảnh: TN TP ..."
        if not 2 <= len(words) <= 4:
            return None
        if len(words) >= 3 and not self.is_surname(words[0]):
            return None
        if self._place_len(words, 0):
            return None
        return s, e

    def _byline(self, text: str) -> tuple[int, int] | None:
        end = len(text.rstrip())
        if end == 0:
            return None
        window = text[max(0, end - 120) : end]
        base = max(0, end - 120)
        cut = max(window.rfind("\n"), *(window.rfind(c + " ") for c in ".!?…\"")) + 1
        tail = window[cut:]
        lead = len(tail) - len(tail.lstrip())
        tail = tail.strip()
        m = regex.fullmatch(r"(.+?)(?: ?\([^()]{1,60}\))?", tail)
        if not m or not tail:
            return None
        s = base + cut + lead
        hit = self._name_at(text, s)
        if hit and hit[1] == s + len(m.group(1)):
            return hit
        return None

    def pronouns(self, text: str) -> list[tuple[int, int]]:
        """Sentence-initial "Ông"/"Bà" used as a pronoun (not followed by a name)."""
        return [m.span(1) if m.group(1) else m.span(2) for m in self._pronoun.finditer(text)]
