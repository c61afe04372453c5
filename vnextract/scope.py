"""Document-level administrative scope: which province, district or commune an article is about.

A news article about a district writes "Huyện ủy", "HĐND huyện", "UBND tỉnh" without
naming the unit: the unit is the one the article names elsewhere ("Đảng bộ huyện
Đầm Hà", "tỉnh Lào Cai", "Thành ủy TP.HCM").  :class:`ScopeFinder` collects those
explicit mentions once per document into a :class:`DocScope`, which resolves an
elided scope of a given level to a :class:`~vnextract.gazetteer.Unit`, or to
``None`` when the article names several candidates and none dominates.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

import regex

from vnextract.gazetteer import Gazetteer, Unit

__all__ = ["REFORM", "DocScope", "ScopeFinder", "level_of_word", "unit_matches"]

_WORD_LEVEL = {
    "tỉnh": "tỉnh", "thành phố": "city", "huyện": "huyện", "quận": "quận", "thị xã": "thị xã",
    "xã": "xã", "phường": "phường", "thị trấn": "thị trấn", "đặc khu": "đặc khu",
}
_NAME = r"\p{Lu}[\p{L}\p{M}]*(?: \p{Lu}[\p{L}\p{M}]*){0,3}"
# written after a unit merged away in 2025: "tỉnh Bắc Kạn (cũ)", "huyện Sơn Động cũ"
_FORMER = regex.compile(r" ?\((?i:cũ|trước đây)\)| cũ(?![\p{L}\p{M}])")
_END = r"(?![\p{L}\p{M}\p{N}])"


def level_of_word(word: str) -> str:
    """The resolution level of a unit word: ``tỉnh`` -> ``tỉnh``, ``thành phố`` -> ``city``."""
    return _WORD_LEVEL.get(word, word)


def unit_matches(unit: Unit, level: str) -> bool:
    """Whether ``unit`` is a candidate for an elided scope of ``level``."""
    if level == "province":
        return unit.level == "province"
    if level == "tỉnh":
        return unit.level == "province" and unit.word == "tỉnh"
    if level == "city":
        return unit.word == "thành phố" and unit.level in ("province", "district")
    if level == "district":
        return unit.level == "district"
    if level in ("huyện", "quận", "thị xã"):
        return unit.level == "district" and unit.word == level
    if level in ("xã", "phường", "thị trấn", "đặc khu", "commune"):
        return unit.level == "commune" and (level == "commune" or unit.word == level)
    return False


_TIER = {"huyện": "district", "quận": "district", "thị xã": "district", "xã": "commune", "phường": "commune",
         "thị trấn": "commune", "đặc khu": "commune"}


def units_named(gaz: Gazetteer, name: str, level: str) -> tuple[Unit, ...]:
    """The units of ``level`` called ``name``; failing that, those of the same tier re-worded as written.

    The gazetteer is recent: a district that has since become a town ("huyện Thuận Thành", now "thị xã")
    or a commune now a ward is still found, with the unit word the article used.
    """
    units = tuple(u for u in gaz.find(name) if unit_matches(u, level))
    if units or level not in _TIER:
        return units
    return tuple(replace(u, word=level) for u in gaz.find(name, _TIER[level]))


class ScopeFinder:
    """Finds the explicit unit mentions of a text (built once, shared)."""

    def __init__(self, gaz: Gazetteer, place_abbr: dict[str, tuple[str, str]]) -> None:
        self.gaz = gaz
        self.place_abbr = place_abbr
        self._explicit = regex.compile(
            r"(?<![\p{L}\p{M}])(?P<word>(?i:thành phố|thị trấn|thị xã|đặc khu|tỉnh|huyện|quận|phường|xã)|TP\.?|Tp\.?)"
            r" ?(?P<name>" + _NAME + r"|\d+)" + _END
        )
        self._committee = regex.compile(
            r"(?<![\p{L}\p{M}])(?P<word>(?i:(?:tỉnh|thành|huyện|quận|thị) (?:ủy|đoàn))) (?P<name>" + _NAME + ")" + _END
        )
        self._abbr = regex.compile(r"(?<![\p{L}\p{M}])\L<a>" + _END, a=list(place_abbr))
        provinces = sorted({u.name for u in gaz.provinces.values()}, key=len, reverse=True)
        self._province = regex.compile(r"(?<![\p{L}\p{M}])\L<p>" + _END, p=provinces)

    def scan(self, text: str, published: date | None = None) -> DocScope:
        """The :class:`DocScope` of ``text`` (``published`` tells which era's communes a name means)."""
        explicit: list[tuple[int, tuple[Unit, ...]]] = []
        for m in self._explicit.finditer(text):
            if _FORMER.match(text, m.end()):
                continue  # "tỉnh Long An (cũ)": a unit merged away is not the article's
            word = m.group("word").lower().rstrip(".")
            word = "thành phố" if word == "tp" else word
            units = self._units_at(m.group("name"), level_of_word(word))
            if units:
                explicit.append((m.start(), units))
        for m in self._committee.finditer(text):
            level = {"tỉnh": "tỉnh", "thành": "city", "huyện": "huyện", "quận": "quận"}.get(
                m.group("word").lower().split()[0], "thị xã"
            )
            units = self._units_at(m.group("name"), level) or self._units_at(m.group("name"), "province")
            if units:
                explicit.append((m.start(), units))
        for m in self._abbr.finditer(text):
            _, name = self.place_abbr[m.group()]
            unit = self.gaz.province(name)
            if unit:
                explicit.append((m.start(), (unit,)))
        bare_found = [(m.start(), m.group()) for m in self._province.finditer(text) if not _FORMER.match(text, m.end())]
        return DocScope(self.gaz, explicit, [b for _, b in bare_found], text, bare_found, published)

    def _units_at(self, name: str, level: str) -> tuple[Unit, ...]:
        """Units of ``level`` named by the longest known prefix of ``name``."""
        words = name.split(" ")
        for n in range(len(words), 0, -1):
            cand = " ".join(words[:n])
            units = units_named(self.gaz, cand, level)
            if level == "city" and not units:
                units = tuple(u for u in self.gaz.find(cand) if u.level == "province")
            if units:
                return units
        return ()


class DocScope:
    """The units one document names, and the resolution of elided scopes."""

    def __init__(
        self,
        gaz: Gazetteer,
        explicit: list[tuple[int, tuple[Unit, ...]]],
        bare: list[str],
        text: str = "",
        bare_positions: list[tuple[int, str]] | None = None,
        published: date | None = None,
    ) -> None:
        self.gaz = gaz
        self.text = text
        self.modern = None if published is None else published >= REFORM
        provinces = {us[0].province for _, us in explicit if len({u.province for u in us}) == 1}
        provinces |= {u.name for b in bare if (u := gaz.province(b))}
        self.counts: Counter[Unit] = Counter()
        self.positions: list[tuple[int, Unit]] = []
        for start, units in explicit:
            unit = self.pick(units, provinces)
            if unit is not None:
                self.counts[unit] += 1
                self.positions.append((start, unit))
        explicit_starts = sorted(a for a, _ in explicit)
        for start, name in bare_positions or ():
            unit = gaz.province(name)
            # no explicit unit starting in the 40 characters before: "start" is not part of one
            i = bisect_right(explicit_starts, start)
            if unit is not None and not (i and start < explicit_starts[i - 1] + 40):
                self.positions.append((start, unit))
        self.positions.sort(key=lambda x: x[0])
        self.bare_counts: Counter[Unit] = Counter(u for b in bare if (u := gaz.province(b)) is not None)
        self.provinces = frozenset(provinces | {u.province for u in self.counts if u.province})
        self.districts = frozenset((u.province, u.name) for u in self.counts if u.level == "district")
        self.elided: Counter[str] = Counter()
        self._cache: dict[str, Unit | None] = {}

    def pick(self, units: tuple[Unit, ...], provinces: Iterable[str] | None = None) -> Unit | None:
        """The one unit a written name means among ``units`` of that name, or ``None``.

        A unit inside the article's provinces wins; then, when the publication date is known, the
        unit of its era (a commune of the 2025 reform has no district); otherwise units that share
        their unit word and name ("xã Vân Canh" of two provinces) still name the unit, with its
        province unknown (``""``).
        """
        if len(units) <= 1:
            return units[0] if units else None
        provinces = self.provinces if provinces is None else provinces
        inside = [u for u in units if u.province in provinces]
        if len(inside) == 1:
            return inside[0]
        if self.modern is not None:
            era = [u for u in (inside or units) if (u.level == "commune" and u.district is None) == self.modern]
            if len(era) == 1:
                return era[0]
        if len({(u.level, u.word, u.name) for u in units}) == 1:
            return Unit(units[0].level, units[0].word, units[0].name, "")
        return None

    def add_elided(self, levels: Iterable[str]) -> None:
        """Count elided mentions ("Huyện ủy", "UBND tỉnh") as evidence of the article's level."""
        self.elided.update(levels)
        self._cache.clear()

    # -------------------------------------------------------------- bare names
    def bare_units(self, name: str) -> tuple[Unit, ...]:
        """The units a bare capitalised ``name`` can mean in this document."""
        out = []
        for u in self.gaz.find(name):
            if (
                u.level == "province"
                or (u.level == "district" and u.province in self.provinces)
                or (u.level == "commune" and (u.province, u.district) in self.districts)
            ):
                out.append(u)
        return tuple(out)

    def bare_ok(self, name: str) -> bool:
        """Whether a bare capitalised ``name`` after an organisation head is a place here."""
        return bool(self.bare_units(name))

    def bare_unit(self, name: str) -> Unit | None:
        """The unit a bare ``name`` resolves to (province first, then the article's own units)."""
        units = self.bare_units(name)
        if not units:
            return None
        if units[0].level == "province":
            return units[0]
        top = [u for u in units if u in self.counts] or list(units)
        return top[0] if len(top) == 1 else None

    # -------------------------------------------------------------- elided
    def resolve(self, level: str, pos: int | None = None) -> Unit | None:
        """The unit an elided scope of ``level`` at ``pos`` means, or ``None`` if not clear.

        A unit of that level named just after ``pos`` in the same clause list wins
        ("Bí thư Thành ủy, Chủ tịch HĐND TP Hội An"); otherwise the article's dominant unit.
        """
        if pos is not None and level != "focus":
            near = self._near(level, pos)
            if near is not None:
                return near
        if level not in self._cache:
            self._cache[level] = self._resolve(level)
        return self._cache[level]

    def _near(self, level: str, pos: int) -> Unit | None:
        """A unit of ``level`` named just after ``pos`` in the same clause, else earlier in the sentence."""
        for start, unit in self.positions:
            if start <= pos:
                continue
            if start - pos > _NEAR or _CLAUSE_END.search(self.text, pos, start):
                break
            if unit_matches(unit, level):
                return unit
        for start, unit in reversed(self.positions):
            if start >= pos:
                continue
            if _SENTENCE_END.search(self.text, start, pos):
                break
            if unit_matches(unit, level):
                return unit
        return None

    def _resolve(self, level: str) -> Unit | None:
        if level == "focus":
            return self._focus()
        cands = Counter({u: c for u, c in self.counts.items() if unit_matches(u, level)})
        if not cands and level in ("province", "tỉnh", "city"):
            cands = Counter({u: c for u, c in self.bare_counts.items() if unit_matches(u, level)})
        if not cands and level in ("province", "tỉnh"):
            district = self._resolve("district")
            if district is not None:
                return self.gaz.province(district.province)
            if len(self.provinces) == 1 and self.counts:
                # "Thành phố Vinh", "huyện Nghi Lộc": every unit the article names lies in one province
                province = self.gaz.province(next(iter(self.provinces)))
                return province if province is not None and unit_matches(province, level) else None
        return _dominant(cands)

    def _focus(self) -> Unit | None:
        ev: Counter[str] = Counter()
        for unit, c in self.counts.items():
            ev[unit.level] += c
        for level, c in self.elided.items():
            if level in ("tỉnh", "province"):
                ev["province"] += c
            elif level in ("huyện", "quận", "thị xã", "district"):
                ev["district"] += c
            elif level in ("xã", "phường", "thị trấn", "đặc khu", "commune"):
                ev["commune"] += c
            elif level == "city":
                city = self.resolve("city")
                if city is not None:
                    ev[city.level] += c
        # several different districts (or communes) named in a province's article are a list of
        # places ("phường 1, quận Tân Bình; phường 3, quận 8"), not the article's own unit
        spread = Counter(u.level for u in self.counts)
        order = sorted(("province", "district", "commune"), key=lambda lv: -ev[lv])
        for lv in order:
            if ev[lv] == 0:
                break
            elided = sum(self.elided[w] for w in _ELIDED_WORDS.get(lv, ()))
            if lv != "province" and spread[lv] >= 3 and ev["province"] > 0 and not elided:
                continue
            if lv != "province" and not elided and len(self.provinces) >= 2 and self.resolve("province") is None:
                continue  # a commune named in passing in an article about several provinces is not its focus
            unit = self.resolve(lv)
            if unit is not None:
                return unit
        return self.resolve("province")


_NEAR = 60
# the 2025 reform: the new provinces and communes took effect on this day
REFORM = date(2025, 7, 1)
# an elided mention of the level ("Huyện ủy", "UBND huyện") keeps a level in focus however many units are named
_ELIDED_WORDS = {
    "district": ("huyện", "quận", "thị xã", "district"),
    "commune": ("xã", "phường", "thị trấn", "đặc khu", "commune"),
}
_SENTENCE_END = regex.compile(r"[.!?\n]")
_CLAUSE_END = regex.compile(r"[.;:!?\n]|\s(?:và|với|của|cùng|tại|cho)\s")


def _dominant(cands: Counter[Unit]) -> Unit | None:
    if not cands:
        return None
    ranked = cands.most_common()
    if len(ranked) == 1:
        return ranked[0][0]
    (top, a), (_, b) = ranked[0], ranked[1]
    return top if a >= 2 * b and a >= 2 else None
