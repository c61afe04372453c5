"""Pieces of organisation names that are read word by word rather than from a closed list.

* :class:`FieldTail` reads the lower-case continuation of a field after its first word
  ("Phòng Kế hoạch *tài chính*", "Ban Chỉ đạo *đổi mới và phát triển doanh nghiệp*") from the
  field-word list ``org_field_words.txt``, plus the country pair of friendship societies
  ("Hội hữu nghị Việt Nam-Campuchia"), school levels after "Trường" and Roman-numeral suffixes
  ("Vụ Địa phương I").
* :func:`web_names` finds news sites written as their domain ("Zing.vn", "VnExpress.net").
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from vnextract.extractors.org_lexicon import OrgLexicon
from vnextract.extractors.org_nodes import NOT_WORD
from vnextract.records import OrganizationKind

__all__ = ["AFTER_UNIT", "LEVEL", "RANKS", "REGIONS", "SCHOOL_LEVELS", "FieldTail", "rank", "rank_head", "web_names"]

_NW = NOT_WORD
# words after which a verb-like field word may follow at once: a board's purpose
# ("Viện Nghiên cứu phát triển ...", "Ban Quản lý dự án đầu tư xây dựng ...")
_PURPOSE = frozenset({"Chỉ đạo", "Quản lý", "Nghiên cứu", "Quản lý dự án", "Điều phối"})
_SCHOOL = {
    "Đại học": "Đại học", "ĐH": "Đại học", "Cao đẳng": "Cao đẳng", "Trung cấp": "Trung cấp",
    "Trung học phổ thông": "Trung học phổ thông", "THPT": "Trung học phổ thông",
    "Trung học cơ sở": "Trung học cơ sở", "THCS": "Trung học cơ sở", "Tiểu học": "Tiểu học",
    "Mầm non": "Mầm non", "Chính trị": "Chính trị", "Sĩ quan": "Sĩ quan",
}
SCHOOL_LEVELS = frozenset(_SCHOOL.values())
# regions of Vietnam that name steering boards ("Ban Chỉ đạo Tây Nguyên"); "Nguyên" alone ends a name
REGIONS = regex.compile(
    r"(?:Tây Nam [Bb]ộ|Tây Bắc(?: [Bb]ộ)?|Tây Nguyên|Nam [Bb]ộ|Bắc [Bb]ộ|Trung [Bb]ộ|Đông Nam [Bb]ộ"
    r"|Đồng bằng sông Cửu Long|Đồng bằng sông Hồng)(?![\p{L}\p{M}])"
)
# a domain is found from its ending, then read backwards (scanning every word for a domain is slow)
_TLD = regex.compile(r"\.(?:vn|com|net|org)(?![\p{L}\p{N}/@_-]|\.[\p{L}\p{N}])")
_HOST = regex.compile(r"(?:www\.)?(?P<name>\p{L}[\p{L}\p{M}\p{N}-]*(?:\.[\p{L}\p{M}\p{N}-]+)*)$")
_BEFORE_HOST = frozenset("@_/-.")


# "HĐND cấp thành phố" (the article's unit), not a list of levels ("cấp tỉnh, cấp huyện") or "(đối với ...)"
LEVEL = regex.compile(
    r" cấp (tỉnh|thành phố)(?![\p{L}\p{M}])"
    r"(?!\)| \(|,? (?:và |hoặc )?(?:cấp|huyện|quận|xã|phường|tỉnh|thành phố|trung ương)(?![\p{L}\p{M}]))"
)
AFTER_UNIT = regex.compile(r"(?i:thành phố|tỉnh|huyện|thị xã|quận|công nghiệp) $")  # "Khu công nghiệp Cảng X"
# how high a body stands, for a parent written after a comma ("Phòng X, Sở Y"); lower is higher
RANKS = {"Bộ": 0, "Tổng cục": 1, "Cục": 2, "Vụ": 2, "Sở": 2, "Viện": 2, "Chi cục": 3, "Phòng": 3, "Trung tâm": 3}


def rank_head(canonical: str) -> int:
    """Rank of a head word (9 for bodies that are never written as a parent after a comma)."""
    return RANKS.get(canonical, 9)


def rank(node: Any) -> int:
    """Rank of a possible parent: ministries, central or committee boards ("Ban Tổ chức Trung ương"), ..."""
    if node.head.canonical == "Ban" and node.name and (node.place is not None or node.parent is not None):
        return 1
    if node.head.cls == "S" and node.place is not None and node.head.kind is not OrganizationKind.PARTY:
        return 1  # "Phòng Tổ chức cán bộ, Viện Kiểm sát nhân dân tỉnh Quảng Trị"
    if node.head.cls == "X" and (node.head.kind is OrganizationKind.GOVERNMENT or node.head.canonical[:3] == "Bộ "):
        return 0
    return rank_head(node.head.canonical) if node.name else 9



class FieldTail:
    """Continuations of field names; built once from the lexicon, shared read-only."""

    def __init__(self, lex: OrgLexicon) -> None:
        words = sorted(lex.field_words, key=len, reverse=True)
        caps = [w[0].upper() + w[1:] for w in words]
        self._verbs = lex.field_verbs
        # "Ban Quản lý dự án đầu tư xây dựng các công trình giao thông": "các" before a field word goes on
        self._word = regex.compile(r"(?P<sep>,| và| &)?(?P<pl> các)? (?P<w>\L<w>)" + _NW, w=words + caps)
        self._first = regex.compile(r"\L<w>" + _NW, w=caps)
        countries = sorted(lex.countries, key=len, reverse=True)
        self._pair = regex.compile(r" (?:Việt Nam|Việt) ?- ?\L<c>" + _NW, c=countries)
        self._school = regex.compile(r"\L<s>" + _NW, s=list(_SCHOOL))
        self._roman = regex.compile(r" (?:I{1,3}|IV|V|VI{1,3}|IX|X)" + _NW + r"(?! [\p{Ll}])")

    def end(self, text: str, pos: int, piece: str, commas: bool = False) -> int:
        """End of the field continuation after ``piece`` ending at ``pos`` (``pos`` when there is none).

        A verb-like word ("xây dựng") may not come right after the first piece ("Sở Tài chính xây dựng
        kế hoạch" is a sentence) unless the piece is a board's purpose ("Ban Chỉ đạo đổi mới ...").
        """
        cur, out = pos, pos
        prev_ok = piece in _PURPOSE
        taken: list[str] = []
        lower = text[max(0, pos - len(piece)) : pos][:1].islower()  # "tập đoàn kinh tế Nhà nước": generic
        for _ in range(7):
            m = self._word.match(text, cur)
            if m is None:
                break
            sep, word = m.group("sep"), m.group("w")
            if (word[0].isupper() and (sep == "," or (not sep and lower))) or (sep == "," and not commas):
                break  # a capitalised field word goes on only right after the piece ("Hợp tác Quốc tế")
            if not sep and not prev_ok and word.lower() in self._verbs:
                break
            if m.group("pl") and sep == ",":
                break  # "các" only inside a field going on, not after a comma
            cur = out = m.end()
            prev_ok = True
            taken.append(word.lower())
        if len(taken) == 1 and taken[0] in self._verbs and piece in _PURPOSE:
            return pos  # "giúp Ban Chỉ đạo xây dựng và triển khai đề án": the verb alone is no purpose
        if (p := self._pair.match(text, out)) is not None:
            out = p.end()
        return out

    def first(self, text: str, pos: int) -> int | None:
        """End of a capitalised field word at ``pos`` and its continuation ("Đăng ký thống kê")."""
        m = self._first.match(text, pos)
        if m is None:
            return None
        return self.end(text, m.end(), m.group())

    def lower_first(self, text: str, pos: int) -> int | None:
        """End of a lower-case field word (not verb-like) and its continuation ("hữu nghị ...")."""
        m = self._word.match(text, pos - 1)
        if m is None or m.group("sep") or not m.group("w")[0].islower() or m.group("w") in self._verbs:
            return None
        return self.end(text, m.end(), m.group("w"))

    def school(self, text: str, pos: int) -> tuple[str, int] | None:
        """A school level after "Trường": ``(canonical, end)``."""
        m = self._school.match(text, pos)
        return (_SCHOOL[m.group()], m.end()) if m else None

    def roman(self, text: str, pos: int) -> int | None:
        """End of a Roman-numeral suffix right after ``pos`` ("Vụ Địa phương I")."""
        m = self._roman.match(text, pos)
        return m.end() if m else None


def web_names(text: str) -> Iterator[tuple[int, int, str]]:
    """News sites written as a domain ("Zing.vn", "VnExpress.net"): ``(start, end, name)``."""
    for t in _TLD.finditer(text):
        lo = max(0, t.start() - 80)
        m = _HOST.search(text[lo : t.start()])
        if m is None:
            continue
        start = lo + m.start()
        if start == lo and lo > 0:
            continue  # longer than a site name
        before = text[start - 1] if start else " "
        if before.isalnum() or before in _BEFORE_HOST:
            continue  # part of an e-mail address or a longer URL
        if ".gov." in text[start : t.end()]:
            continue  # a government portal ("dichvucong.nghean.gov.vn"), not a news site
        yield lo + m.start("name"), t.end(), text[lo + m.start("name") : t.end()]
