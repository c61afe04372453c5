"""Reading the free-text part of an organisation's name: common-noun fields ("Dầu khí"), proper names
("Keo Hwa Vina"), regions ("Tây Nguyên"); mixed into :class:`~.org_patterns.OrgParser`, whose compiled
patterns (``_cap``, ``_low``, ``_head``, ``_unit`` ...) and lexicon these methods use."""

from __future__ import annotations

from typing import TYPE_CHECKING

import regex

from vnextract.extractors.org_lexicon import Head
from vnextract.extractors.org_nodes import LEGAL as _LEGAL
from vnextract.extractors.org_nodes import NOT_WORD as _NOT_WORD
from vnextract.extractors.org_nodes import L as _L
from vnextract.extractors.org_nodes import Node, PlaceRef
from vnextract.extractors.org_words import REGIONS
from vnextract.records import OrganizationKind

if TYPE_CHECKING:
    from vnextract.extractors.org_lexicon import OrgLexicon
    from vnextract.gazetteer import Gazetteer

__all__ = ["NameReader"]

_NUMBERED = regex.compile(r" số \d+" + _NOT_WORD)
# a party named after "Đảng" ("Đảng Nhân dân Campuchia"); its name may run over several words
_OTHER_PARTY = Head("Đảng", "Đảng", OrganizationKind.PARTY, "F", frozenset({"chain", "country"}))
# fields that are verbs of governing when written in lower case ("Sở quản lý", "Công ty X quản lý vùng nuôi")
_VERB_FIELDS = frozenset({"quản lý", "chỉ đạo", "tổ chức", "tổng hợp"})  # "để Bộ tổng hợp báo cáo"


class NameReader:
    """Name-reading methods of the organisation parser (a mixin: the parser provides the patterns)."""

    lex: OrgLexicon
    gaz: Gazetteer
    province_names: frozenset[str]
    _cap: regex.Pattern[str]
    _low: regex.Pattern[str]
    _num: regex.Pattern[str]
    _head: regex.Pattern[str]
    _unit: regex.Pattern[str]
    _central: regex.Pattern[str]
    _national: regex.Pattern[str]
    _country: regex.Pattern[str]
    _place_abbr: regex.Pattern[str]
    _cap_low: regex.Pattern[str]
    _cap_low_long: regex.Pattern[str]
    _country_prefix: regex.Pattern[str]

    def _name(self, text: str, end: int, head: Head, lower: bool) -> tuple[str | None, int, str | None]:
        raise NotImplementedError  # the parser reads names (org_patterns.OrgParser._name)

    @staticmethod
    def _space(text: str, pos: int) -> int | None:
        """Where the next word starts after one or two spaces at ``pos``; ``None`` when no word follows."""
        if text.startswith(" ", pos):
            nxt = pos + 2 if text.startswith("  ", pos) else pos + 1
            return nxt if nxt < len(text) else None  # text ending in a space: nothing follows
        return None

    def _region(self, text: str, pos: int) -> int | None:
        """End of a region name ("Tây Nguyên", "Tây Nam Bộ") or another proper name at ``pos``."""
        m = REGIONS.match(text, pos)
        return m.end() if m else self._proper(text, pos, False)

    def _verb_field(self, written: str, head: Head, parts: list[str]) -> bool:
        """A field written in lower case that is also a verb ("Sở quản lý ...", "Công ty X quản lý ...")
        is the sentence's verb, except as a board's purpose right after "Ban" ("Ban chỉ đạo ...")."""
        if not written[0].islower():
            return False
        if written.lower() == "quốc gia" and not parts:
            return True  # "Hội đồng quốc gia Mặt trận ...": a national council, named after it
        return written.lower() in _VERB_FIELDS and (bool(parts) or head.canonical != "Ban")

    def _is_place(self, surface: str, name: str) -> bool:
        words = [surface, *name.split()]
        return any(self.gaz.is_known(" ".join(words[:n])) for n in range(2, min(len(words), 4) + 1))

    def _next_name(
        self, text: str, pos: int, parts: list[str], chain: bool, heads_ok: bool, before_country: bool
    ) -> int | None:
        """End of the next free-text name piece: a first piece, an enterprise's ("Công ty Cổ phần Dệt may
        Hòa Thọ"), else only capitalised words, stopping at a country ("Đảng Nhân dân Cách mạng Lào")."""
        if before_country and self._country.match(text, pos):
            return None
        if not parts or parts[-1] in _LEGAL or (chain and not before_country):
            # after a legal form a head word is part of the name ("Công ty Cổ phần Tập đoàn T&T")
            return self._free_name(text, pos, chain, heads_ok or bool(parts))
        end = (self._common(text, pos) if before_country else None) or self._proper(text, pos, chain, heads_ok)
        if end is not None and before_country and (c := self._country.search(text, pos, end)):
            end = c.start() - 1 if c.start() > pos else None
        return end

    def _free_name(self, text: str, pos: int, chain: bool, heads_ok: bool) -> int | None:
        """A name not in the lexicon: a common-noun phrase ("Dầu khí") or a proper name ("Keo Hwa Vina")."""
        end = self._common(text, pos, heads_ok, chain)
        return end if end is not None else self._proper(text, pos, chain, heads_ok)

    def _common(self, text: str, pos: int, heads_ok: bool = False, long: bool = False) -> int | None:
        """``Dầu khí``, ``Hội nghị``: a capitalised word and at most two lower-case words, ending
        where a name, a unit, punctuation or the line ends (else it is running text)."""
        m = (self._cap_low_long if long else self._cap_low).match(text, pos)
        if m is None or m.group(1) in self.lex.breaks or (not heads_ok and self._head.match(text, pos)):
            return None
        end = m.end()
        joined = self._cap_low.match(text, end + 4) or self._cap.match(text, end + 4)
        if (
            text.startswith(" và ", end)
            and joined is not None
            and joined.group().split()[0] not in self.lex.breaks
            and not self._head.match(text, end + 4)
        ):
            end = joined.end()  # "Cơ giới và Xây lắp": two fields joined
        if (n := _NUMBERED.match(text, end)) is not None:
            end = n.end()  # "Xây lắp số 9"
        nxt = text[end : end + 1]
        if nxt in ("", "\n", ",", ".", ";", ":", ")", "(", '"') or (
            nxt == " "
            and (text.startswith("(", end + 1) or self._cap.match(text, end + 1) or self._unit.match(text, end + 1))
        ):
            return end
        return None

    def _proper(self, text: str, pos: int, chain: bool, heads_ok: bool = False) -> int | None:
        """End of a capitalised proper name at ``pos`` (``Keo Hwa Vina``), stopping before family names.

        Outside enterprises the words must be title-case, and a single capitalised word followed
        by lower-case words ("Hội đồng Chung khảo") is a common-noun phrase, not a name.
        """
        end = None
        words = 0
        cur = pos
        while words < 5:
            m = self._cap.match(text, cur) or (self._num.match(text, cur) if words else None)
            if m is None:
                break
            word = m.group()
            if words and word in self.lex.breaks:
                break
            if not chain and sum(c.isupper() for c in word) > 1:
                break
            if words == 0 and (
                word in self.lex.breaks
                or (not heads_ok and self._head.match(text, cur))
                or self._unit.match(text, cur)
                or self._central.match(text, cur)
                or self._national.match(text, cur)
            ):
                break
            if word in self.province_names or self._place_abbr.match(text, cur):
                break
            end, words = m.end(), words + 1
            nxt = self._space(text, end)
            if nxt is None:
                break
            if self._place_abbr.match(text, nxt) or self._unit.match(text, nxt) or self._starts_place(text, nxt):
                break
            cur = nxt
        if end is not None and words == 1 and not chain and self._low.match(text, end + 1):
            return None
        return end

    def _starts_place(self, text: str, pos: int) -> bool:
        m = regex.match(r"\p{Lu}" + _L + r"*(?: \p{Lu}" + _L + r"*)?" + _NOT_WORD, text[pos : pos + 40])
        return bool(m) and m.group() in self.province_names

    def _other_party(self, text: str, pos: int, end: int) -> Node | None:
        """A party other than the Communist Party of Vietnam: "Đảng" followed by its own name."""
        sp = self._space(text, end)
        if sp is None or not self._cap.match(text, sp) or self._head.match(text, sp) or self._central.match(text, sp):
            return None
        name, end, _ = self._name(text, end, _OTHER_PARTY, False)
        if name is None or " " not in name:
            return None
        place, end = self._country_after(text, end, None)
        if place is None and (sp := self._space(text, end)) is not None and (n := self._national.match(text, sp)):
            place, end = PlaceRef(sp, n.end(), "Việt Nam", None), n.end()
        return Node(pos, end, _OTHER_PARTY, name, place)

    def _country_after(self, text: str, end: int, place: PlaceRef | None) -> tuple[PlaceRef | None, int]:
        sp = self._space(text, end)
        if sp is None:
            return place, end
        pre = self._country_prefix.match(text, sp)
        if (c := self._country.match(text, pre.end() if pre else sp)) is not None:
            return PlaceRef(sp, c.end(), "country", text[sp : c.end()]), c.end()  # "Vương quốc Campuchia"
        return place, end
