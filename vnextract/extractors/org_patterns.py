"""Recognition of organisation phrases: head, name, administrative scope, parent.

:class:`OrgParser` reads one organisation phrase starting at an offset of the
normalised text and returns a :class:`Node` (a small tree: a head, its field or
proper name, its written scope and, for sub-bodies, the parent organisation).
It does not resolve elided scopes; :mod:`vnextract.scope` does that per document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import regex

from vnextract.extractors.org_lexicon import Head, OrgLexicon, org_lexicon
from vnextract.extractors.org_names import _NUMBERED as _NUMBER_SUFFIX
from vnextract.extractors.org_names import NameReader
from vnextract.extractors.org_nodes import LEGAL as _LEGAL
from vnextract.extractors.org_nodes import NOT_WORD as _NOT_WORD
from vnextract.extractors.org_nodes import STOP as _STOP
from vnextract.extractors.org_nodes import BareCheck, Node, PlaceRef
from vnextract.extractors.org_nodes import L as _L
from vnextract.extractors.org_words import AFTER_UNIT, LEVEL, RANKS, FieldTail, rank, rank_head
from vnextract.extractors.org_words import SCHOOL_LEVELS as _SCHOOL_LEVELS
from vnextract.gazetteer import gazetteer
from vnextract.records import OrganizationKind
from vnextract.scope import level_of_word, units_named
from vnextract.text.normalize import normalize_key

__all__ = ["Node", "OrgParser", "PlaceRef"]

_UNIT_WORDS = {
    "thành phố": "thành phố", "thị trấn": "thị trấn", "thị xã": "thị xã", "tỉnh": "tỉnh",
    "huyện": "huyện", "quận": "quận", "phường": "phường", "xã": "xã", "đặc khu": "đặc khu",
}
# units that can be written with a bare number: "quận 1", "phường 5"
_NUMBERED = {"quận", "phường"}
_PLURAL = regex.compile(
    r"(?:^|[^\p{L}\p{M}])(?:(?i:các|những|mọi|từng)|Luật|Nghị quyết|Nghị định|Chỉ thị|Điều lệ|Pháp lệnh)\s$"
)



_BCH_TW = "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"
_FOREIGN_CC = Head("Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương", OrganizationKind.PARTY, "P", frozenset())
_MASS_CC = Head(
    "Ban Chấp hành Trung ương", "Ban Chấp hành Trung ương", OrganizationKind.MASS_ORGANIZATION, "P", frozenset()
)

# after a bare head: a plural or a list of generic bodies
_GENERIC_AFTER = regex.compile(
    r"(?: (?:các|những|mọi|cấp|ngành)|, ?(?:ban|ngành|sở|phòng|cục|vụ|viện|hội|đoàn|ủy ban))(?![\p{L}\p{M}])"
)

# "Phó Bí thư Thường trực Tỉnh ủy": "Thường trực" after a deputy's title is part of that title (GUIDELINE)
_DEPUTY_BEFORE = regex.compile(
    r"(?:^|[^\p{L}\p{M}])(?i:phó (?:bí thư|chủ tịch|thủ tướng|ban|trưởng ban|giám đốc|chủ nhiệm|tổng giám đốc)) $"
)

_TERM = regex.compile(r"(?i:khóa) [IVXL]+ ")
_NUMBER_ONLY = regex.compile(r"\d+[A-Z]?")
# an abbreviation written in brackets inside a name, with the space after it
_PAREN_ABBR = regex.compile(r"\((?=[^)]*\p{Lu}[^)]*\p{Lu})\p{Lu}[\p{Lu}\p{Ll}&.-]{1,9}\) (?=\S)")

_UNIT_LIST = regex.compile(
    r"(?:,| và| hoặc) (?:cấp )?(?:tỉnh|huyện|quận|xã|phường|thị xã|thành phố|thị trấn)(?![\p{L}\p{M}])(?! \p{Lu})"
)

class OrgParser(NameReader):
    """Parses organisation phrases; built once, shared read-only."""

    def __init__(self) -> None:
        self.lex: OrgLexicon = org_lexicon()
        self.gaz = gazetteer()
        surfaces = sorted({h.surface for hs in self.lex.heads.values() for h in hs}, key=len, reverse=True)
        self._head = regex.compile(
            r"(?<![\p{L}\p{M}\p{N}&-])(?<!\d/)\L<heads>" + _NOT_WORD + r"(?! (?:viên|trưởng)(?![\p{L}\p{M}]))",
            heads=surfaces,
            flags=regex.I,
        )
        self._field = regex.compile(r"\L<f>" + _NOT_WORD, f=list(self.lex.fields), flags=regex.I)
        self._field_abbr = regex.compile(r"\L<f>" + _NOT_WORD, f=list(self.lex.field_abbr))
        self._place_abbr = regex.compile(r"\L<f>" + _NOT_WORD, f=list(self.lex.place_abbr))
        self._unit = regex.compile(
            r"(?:(?i:thành phố|thị trấn|thị xã|đặc khu|tỉnh|huyện|quận|phường|xã)|TP\.?|Tp\.?|TX\.?)"
            + _NOT_WORD
            + r"(?! ủy| hội)"
        )
        self._country = regex.compile(r"\L<c>" + _NOT_WORD, c=list(self.lex.countries))
        self._media = regex.compile(r"(?<![\p{L}\p{M}\p{N}])\L<m>" + _NOT_WORD, m=list(self.lex.media))
        # a capitalised word; "T&T", "H&M": capitals joined by "&" are one word of a name
        self._cap = regex.compile(r"\p{Lu}" + _L + r"*(?:&\p{Lu}" + _L + r"*)*" + _NOT_WORD)
        self._low = regex.compile(r"\p{Ll}" + _L + r"*" + _NOT_WORD)
        # "Quận 1", "Sư đoàn 304"; a company named after a date is named by it ("Công ty 19/5")
        self._num = regex.compile(r"\d+(?:/\d{1,2}(?!/))?[A-Z]?" + _NOT_WORD)
        self._central = regex.compile(r"(?:Trung ương|TƯ|TW|T\.Ư)" + _NOT_WORD)
        self._national = regex.compile(r"(?:Việt Nam|VN)" + _NOT_WORD)
        self._cap_low = regex.compile(
            r"(\p{Lu}\p{Ll}*)(?: (?!" + _STOP + r"(?![\p{L}\p{M}]))\p{Ll}+){1,2}" + _NOT_WORD
        )
        # an enterprise's trade may run longer ("Công ty Xử lý chất thải rắn Việt Nam")
        self._cap_low_long = regex.compile(
            r"(\p{Lu}\p{Ll}*)(?: (?!" + _STOP + r"(?![\p{L}\p{M}]))\p{Ll}+){1,4}" + _NOT_WORD
        )
        self._prev_cap = regex.compile(r"(\p{Lu}\p{Ll}*) $")
        self._of = regex.compile(r",? (?:thuộc|trực thuộc) ")
        self._hyphen = regex.compile(
            r" ?- ?(\p{Lu}\p{Ll}*(?: (?!" + _STOP + r"(?![\p{L}\p{M}]))\p{Ll}+){0,3})" + _NOT_WORD
        )
        self.province_names = frozenset(u.name for u in self.gaz.provinces.values())
        self.tail = FieldTail(self.lex)
        self._field_names = frozenset(self.lex.fields.values())
        self._compound = regex.compile(r"\L<c>" + _NOT_WORD, c=sorted(self.lex.compounds), flags=regex.I)
        # a school's own name: capitalised, with lower-case words inside ("Kỹ thuật Magdeburg"), up to a unit
        self._school_name = regex.compile(
            r"\p{Lu}\p{Ll}*(?: (?!" + _STOP + r"(?![\p{L}\p{M}])|thành phố|thị xã|thị trấn)\p{Ll}+){0,3}"
            r"(?: (?!TP|Tp|TX)\p{Lu}\p{Ll}*){0,3}" + _NOT_WORD
        )
        self._country_prefix = regex.compile(r"(?:Vương quốc|Cộng hòa|Liên bang|Hoàng gia) ")
        # the two countries of a friendship association ("Hội Hữu nghị Campuchia - Việt Nam")
        self._friends = regex.compile(
            r" ((?:\L<c>|Việt Nam|Việt)(?: ?- ?(?:\L<c>|Việt Nam|Việt))+)" + _NOT_WORD, c=list(self.lex.countries)
        )

    # ------------------------------------------------------------------ scanning
    def head_starts(self, text: str) -> Iterator[int]:
        """Offsets where a head word starts."""
        for m in self._head.finditer(text):
            yield m.start()

    @staticmethod
    def in_title(text: str, pos: int) -> bool:
        """Whether the head at ``pos`` is part of the title before it ("Phó Bí thư *Thường trực* Tỉnh ủy"):
        the scan then reads the organisation from the next head ("Tỉnh ủy ...")."""
        return text.startswith("Thường trực ", pos) and bool(_DEPUTY_BEFORE.search(text, max(0, pos - 22), pos))

    def media_at(self, text: str) -> Iterator[tuple[int, int, str]]:
        """Newspaper names written alone: ``(start, end, canonical)``."""
        for m in self._media.finditer(text):
            yield m.start(), m.end(), self.lex.media[m.group()]

    # ------------------------------------------------------------------ parsing
    def parse(self, text: str, pos: int, bare_ok: BareCheck, depth: int = 0) -> Node | None:
        """The longest organisation phrase starting exactly at ``pos``, or ``None``."""
        m = self._head.match(text, pos)
        if m is None:
            return None
        surface = m.group()
        head = self.lex.head_for(surface)
        if head is None or ("cap" in head.flags and not surface[0].isupper()):
            return None
        if "exact" in head.flags and surface != head.surface:
            return None
        if head.canonical == "Đảng Cộng sản Việt Nam" and surface == "Đảng":
            if self._low.match(text, m.end() + 1):
                return None  # "Đảng viên", "Đảng phí"
            if (other := self._other_party(text, pos, m.end())) is not None:
                return other  # "Đảng Nhân dân Campuchia", "Đảng Cộng sản Cuba"
        if surface == "Mặt trận" and self._cap.match(text, m.end() + 1) and not self._national.match(text, m.end() + 1):
            return None  # "Mặt trận Đoàn kết phát triển Tổ quốc Campuchia": another country's front
        if (c := self._compound.match(text, pos)) is not None and c.end() > m.end():
            return None  # "Hội nghị", "Ban hành", "Trường hợp": ordinary words that begin with a head
        if _PLURAL.search(text[max(0, pos - 12) : pos]):
            return None  # "các Sở", "những Ban": generic plural; "Luật Phòng, chống ...": a document
        prev = self._prev_cap.search(text, max(0, pos - 12), pos) if head.cls == "F" else None
        if prev is not None and (prev.group(1) in self.lex.surnames or self.gaz.is_known(f"{prev.group(1)} {surface}")):
            return None  # "Phòng" of "Hải Phòng", "Trường" of "Nguyễn Trường Tộ"
        if any(c.start() < pos < c.end() for c in self._country.finditer(text, max(0, pos - 12), pos + 20)):
            return None  # "Ban" of "Tây Ban Nha": inside a country's name
        if head.canonical == _BCH_TW and surface.endswith("Đảng"):
            other = self._other_party(text, m.end() - 4, m.end())
            if other is not None and (other.place is None or other.place.word != "Việt Nam"):
                # "Ban Chấp hành Trung ương Đảng Cộng sản Trung Quốc": another party's committee
                return Node(pos, other.end, _FOREIGN_CC, parent=other)
            if other is not None:
                return Node(pos, other.end, head)  # "... Trung ương Đảng Cộng sản Việt Nam" written in full
        if head.canonical == _BCH_TW and not surface.endswith("Đảng") and depth < 3:
            sp = self._space(text, m.end())
            owner = self.parse(text, sp, bare_ok, depth + 1) if sp is not None else None
            if owner is not None and owner.head.kind is OrganizationKind.MASS_ORGANIZATION:
                # "Ban Chấp hành Trung ương Hội Liên hiệp Phụ nữ Việt Nam": the association's, not the Party's
                return Node(pos, owner.end, _MASS_CC, parent=owner)
        abbr = surface if head.abbreviated else None
        end = m.end()
        name = place = parent = None
        detached = school = of_parent = False
        if head.cls == "X":
            if "country" in head.flags:
                place, end = self._country_after(text, end, place)
            if "scope" in head.flags and place is None:
                place, end = self._scope(text, end, bare_ok, head)
        elif head.cls == "C":
            place, end = self._scope(text, end, bare_ok, head)
        else:
            if head.cls == "F":
                name, end, name_abbr = self._name(text, end, head, surface[0].islower())
                school = "school" in head.flags
                abbr = abbr or name_abbr
                lexical = self._field.match(text, m.end() + 1) or (
                    "school" in head.flags and self.tail.school(text, m.end() + 1)
                )
                if name is not None and name_abbr is None and not lexical and self._is_place(surface, name):
                    return None  # "Hội An", "Sở Dầu": a place named with a head word
                if name is None and "noname" not in head.flags and not surface[0].isupper():
                    return None
            if head.cls in "SF" and head.canonical != "Bộ":
                place, end = self._scope(text, end, bare_ok, head)
            if place is None and "p" in head.flags and depth < 3 and ("pcap" not in head.flags or surface[0].isupper()):
                sp = self._space(text, end)
                parent = self.parse(text, sp, bare_ok, depth + 1) if sp is not None else None
                if parent is not None and parent.head.canonical in ("Đảng Cộng sản Việt Nam", "Đảng"):
                    parent = None
                if parent is not None:
                    end = parent.end
                elif name is not None and self._of_body(head, name, text, end):
                    # "Ủy ban Tư pháp của Quốc hội": the committees of the National Assembly keep "của", so do
                    # steering boards of a body ("Ban Chỉ đạo công tác bầu cử của MTTQ Việt Nam")
                    parent = self.parse(text, end + 5, bare_ok, depth + 1)
                    if parent is not None:
                        end, of_parent = parent.end, True
                elif name is not None and (of := self._of.match(text, end)) is not None:
                    # "Chi bộ X thuộc Đảng bộ Y": Y names the parent but is a mention of its own
                    parent = self.parse(text, of.end(), bare_ok, depth + 1)
                    detached = parent is not None
                elif name is not None and head.canonical in RANKS and text.startswith(", ", end):
                    # "Vụ Địa phương I, Ban Tổ chức Trung ương": a higher body after a comma is the parent
                    parent = self.parse(text, end + 2, bare_ok, depth + 1)
                    if parent is None or rank(parent) >= rank_head(head.canonical):
                        parent = None
                    detached = parent is not None
        suffix = None
        if head.canonical == "Ban" and name == "Chỉ đạo" and place is not None:
            sp = self._space(text, end)
            if sp is not None and text.startswith("về ", sp) and (f := self._field.match(text, sp + 3)):
                suffix, end = text[sp : f.end()], f.end()  # "Ban Chỉ đạo Trung ương về phòng, chống tham nhũng"
        lv = LEVEL.match(text, end) if head.cls == "S" and "u" in head.flags and place is None else None
        if lv is not None and parent is None:
            # "đại biểu HĐND cấp thành phố": the article's city (not "cấp tỉnh, cấp huyện" of a regulation)
            place, end = PlaceRef(lv.start(1), lv.end(), lv.group(1), None, level_only=True), lv.end()
        if place is not None and place.name is None and place.word and _UNIT_LIST.match(text, end):
            return None  # "UBND tỉnh, thành phố trực thuộc Trung ương": every province's
        if head.cls in "SF" and name is None and place is None and parent is None and _GENERIC_AFTER.match(text, end):
            return None  # "UBND các cấp", "Sở, ngành": generic or plural use of a bare head
        node = Node(pos, end, head, name, place, parent, abbr, detached, suffix, of_parent)
        lower_parent = depth and head.cls == "C"  # "Thường trực huyện ủy"
        if surface[0].islower() and not any(c.isupper() for c in text[pos + 1 : end]) and not lower_parent:
            return None  # "ban tổ chức", "sở": lower-case generic use
        if head.cls == "F" and head.canonical == "Bộ" and name is None:
            return None
        if "name2" in head.flags and (name is None or " " not in name):
            return None  # "CLB Golf": a kind of club
        if school and (name is None or name in _SCHOOL_LEVELS) and place is None and parent is None:
            return None  # "Trường Đại học", "Trường tiểu học": a kind of school, not one school
        if (
            head.canonical == "Ban"
            and name in self._field_names
            and place is None
            and parent is None
            and text[m.end() + 1 : m.end() + 2].islower()
        ):
            return None  # "Ban tổ chức" of an event, "Ban chỉ đạo": generic boards (not "Ban chỉ đạo đổi mới ...")
        if "noplace" in head.flags and AFTER_UNIT.search(text, max(0, pos - 12), pos):
            return None  # "thành phố Cảng Hải Phòng": the port city
        return node

    # ------------------------------------------------------------------ pieces
    @staticmethod
    def _of_body(head: Head, name: str, text: str, end: int) -> bool:
        """Whether "của" + a body after ``head name`` names the body it belongs to."""
        if head.canonical == "Ủy ban":
            return text.startswith(" của Quốc hội", end)
        return head.canonical == "Ban" and name.startswith("Chỉ đạo") and text.startswith(" của ", end)

    def _name(self, text: str, end: int, head: Head, lower: bool) -> tuple[str | None, int, str | None]:
        """Field or proper name after an F head: ``(canonical, end, abbreviation)``.

        After a lower-case head ("phòng", "vụ") only lexicon fields count as a name.
        """
        parts: list[str] = []
        abbr = None
        pos = end
        chain = head.kind is OrganizationKind.ENTERPRISE or "chain" in head.flags
        media = head.kind is OrganizationKind.MEDIA  # "Tạp chí Mặt trận", "Báo Công an nhân dân"
        school = proper = False
        while len(parts) < 4:
            sp = self._space(text, pos)
            if sp is None:
                break
            piece, new = None, None
            if chain and proper and text[sp].islower():
                break  # "Công ty TNHH Cường Hưng đầu tư dự án ...": after the name, a lower-case word is the verb
            if chain and any(p not in _LEGAL for p in parts) and self._head.match(text, sp):
                break  # "Công ty 19/5 Bộ Công an": after the name, another body (its parent)
            proper = False
            if not parts and "school" in head.flags and (lv := self.tail.school(text, sp)):
                piece, new = lv  # "Trường Đại học" + its own name
                school = True
            elif m := self._field_abbr.match(text, sp):
                piece, new, abbr = self.lex.field_abbr[m.group()], m.end(), abbr or m.group()
            elif (
                not self._place_abbr.match(text, sp)
                and (m := self._field.match(text, sp))
                and not self._verb_field(m.group(), head, parts)
            ):
                piece, new = self.lex.fields[normalize_key(m.group())], m.end()
            elif all(p in _LEGAL for p in parts) and (m := self._num.match(text, sp)):
                piece, new = m.group(), m.end()  # "Công ty TNHH MTV 27/7"
            elif school and (m := self._school_name.match(text, sp)):
                piece, new = m.group(), m.end()  # "Trường THPT Lê Quý Đôn": schools are named after people
            elif not parts and not lower and (e := self.tail.first(text, sp)) is not None:
                piece, new = text[sp:e], e  # "Đăng ký thống kê", "Đo đạc"
            elif not parts and not lower and "school" not in head.flags and (e := self.tail.lower_first(text, sp)):
                piece, new = text[sp:e], e  # "Hội hữu nghị Việt Nam-Campuchia"
            elif lower and not (parts and parts[-1] in _LEGAL):
                break
            elif (e := self._next_name(text, sp, parts, chain, media, "country" in head.flags)) is not None:
                piece, new = text[sp:e], e
                # a proper name ending in a capitalised word ("Cường Hưng", "T&T") takes no lower-case field tail
                last = piece.rsplit(" ", 1)[-1]
                proper = last[:1].isupper() and (" " in piece or sum(c.isupper() for c in last) > 1)
            if piece is None or new is None:
                break
            commas = chain and piece.lower() in self.lex.field_words  # "Thủy tinh, gốm xây dựng"
            if not school and not proper and (t := self.tail.end(text, new, piece, commas)) > new:
                # "Kế hoạch" + " tài chính"; a field respelt by the lexicon is kept as written when it goes on
                written = text[sp:new]
                keep = piece.lower() == written.lower() or self._field_abbr.match(text, sp)  # "CP" stays expanded
                piece = (piece if keep else written) + text[new:t]
                new = t
            elif piece == "Chỉ đạo" and (sp2 := self._space(text, new)) is not None and (e := self._region(text, sp2)):
                piece, new = f"{piece} {text[sp2:e]}", e  # "Ban Chỉ đạo Tây Nam Bộ"
            if chain and (n := _NUMBER_SUFFIX.match(text, new)) is not None:
                piece, new = piece + n.group(), n.end()  # "Tổng công ty Xây dựng số 1"
            if piece.lower() == "hữu nghị" and (f := self._friends.match(text, new)) is not None:
                piece, new = piece + " " + regex.sub(r" ?- ?", " - ", f.group(1)), f.end(1)
            if (r := self.tail.roman(text, new)) is not None:
                piece, new = piece + text[new:r], r  # "Vụ Địa phương I"
            for _ in range(3):  # "Giáo dục - Dạy nghề - Hướng thiện"
                h = self._hyphen.match(text, new)
                if (
                    h is None
                    or h.group(1).split()[0] in self.lex.breaks
                    or self._head.match(text, h.start(1))
                    or self._country_prefix.match(text, h.start(1))  # "... Magdeburg - Cộng hòa Dân chủ Đức"
                    or text.startswith("Cơ quan ", h.start(1))  # "Tạp chí Cộng sản - Cơ quan lý luận": a description
                ):
                    break
                place_end = h.start(1) + len(self._known_name(text, h.start(1), self.gaz.is_known) or "")
                if place_end == h.start(1) and _NUMBER_ONLY.fullmatch(piece):
                    break  # "Trung đoàn 52 - Đoàn quân Tây Tiến": after a unit's number the dash opens an apposition
                end_h = max(h.end(), place_end)  # "BOT Hà Nội-Bắc Giang": a place after the dash
                piece, new = piece + " - " + text[h.start(1) : end_h], end_h
            parts.append(piece)
            pos = new
            if school and len(parts) == 1:
                continue
            if not (chain or piece in _LEGAL):
                break
        if not parts or all(p in _LEGAL for p in parts):
            return None, end, None
        return " ".join(parts), pos, abbr

    def _scope(self, text: str, end: int, bare_ok: BareCheck, head: Head) -> tuple[PlaceRef | None, int]:
        """The administrative scope after ``end``: ``(PlaceRef | None, new end)``."""
        sp = self._space(text, end)
        if sp is None:
            return None, end
        if (ab := _PAREN_ABBR.match(text, sp)) is not None and ab.end() < len(text):
            sp = ab.end()  # "Hội Cựu chiến binh (CCB) tỉnh": the abbreviation in brackets, then the scope
        t = _TERM.match(text, sp)
        if t is not None and (self._place_abbr.match(text, t.end()) or self._unit.match(text, t.end())):
            sp = t.end()  # "Đoàn đại biểu Quốc hội khóa XIV TP.HCM": the term before the scope
        if m := self._place_abbr.match(text, sp):
            word, name = self.lex.place_abbr[m.group()]
            return PlaceRef(sp, m.end(), word, name), m.end()
        if head.cls != "C" and (m := self._central.match(text, sp)):
            return PlaceRef(sp, m.end(), "Trung ương", None), m.end()
        if head.cls != "C" and (m := self._national.match(text, sp)):
            return PlaceRef(sp, m.end(), "Việt Nam", None), m.end()
        if m := self._unit.match(text, sp):
            raw = m.group()
            word = self.lex.unit_abbr.get(raw.rstrip("."), None) or _UNIT_WORDS[raw.lower()]
            after = m.end()
            nsp = after if raw.endswith(".") and not text.startswith(" ", after) else self._space(text, after)
            if nsp is not None:
                if word in _NUMBERED and (n := self._num.match(text, nsp)):
                    return PlaceRef(sp, n.end(), word, n.group()), n.end()
                if (pm := self._place_abbr.match(text, nsp)) and word == "thành phố":
                    w, name = self.lex.place_abbr[pm.group()]
                    return PlaceRef(sp, pm.end(), w, name), pm.end()
                level = level_of_word(word)
                known = self._known_name(text, nsp, lambda s: bool(units_named(self.gaz, s, level)))
                if known:
                    return PlaceRef(sp, nsp + len(known), word, known), nsp + len(known)
            return PlaceRef(sp, after if not raw.endswith(".") else after - 1, word, None), (
                after if not raw.endswith(".") else after - 1
            )
        known = self._known_name(text, sp, bare_ok)
        if known:
            return PlaceRef(sp, sp + len(known), None, known), sp + len(known)
        return None, end

    def _known_name(self, text: str, pos: int, ok: Callable[[str], bool]) -> str | None:
        """Longest run of 1-4 capitalised words at ``pos`` accepted by ``ok``."""
        words: list[tuple[int, int]] = []
        cur = pos
        while len(words) < 4:
            m = self._cap.match(text, cur)
            if m is None:
                break
            words.append((m.start(), m.end()))
            if not text.startswith(" ", m.end()):
                break
            cur = m.end() + 1
        for n in range(len(words), 0, -1):
            cand = text[pos : words[n - 1][1]]
            if ok(cand):
                return cand
        return None


