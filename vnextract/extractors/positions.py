"""Position phrases: title heads from the lexicon, modifiers, status words, and the organisation.

A :class:`TitleMatcher` finds every title phrase of a text ("nguyên Phó Bí thư Thường trực") and
completes it with the organisation that follows ("Huyện ủy"), asking the organisations pass
(``OrgAnalysis.parse_at``) first and falling back to a small delimiter of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import regex

from vnextract.extractors.names import NameFinder, load_pairs, looks_foreign
from vnextract.extractors.organizations import OrgAnalysis, OrgMention
from vnextract.extractors.position_bodies import (
    central_committee,
    committee_of_place,
    lower_field_body,
    with_host,
)
from vnextract.extractors.position_bodies import (
    mission as mission_at,
)
from vnextract.extractors.position_orgs import ORG_HEAD, delegation_at, deputy_scope_end, fallback_org, unit_body
from vnextract.records import OrganizationKind
from vnextract.text.normalize import normalize_key

__all__ = ["PositionPhrase", "TitleMatcher"]


@dataclass(slots=True)
class PositionPhrase:
    """A title (and its organisation) at normalised offsets."""

    start: int  # first title word (after status words)
    end: int  # end of the organisation, or of the title
    title_end: int  # end of the title words proper
    lead: int  # start including status words ("nguyên ")
    title: str
    former: bool = False
    acting: bool = False
    org_start: int = -1
    org_end: int = -1
    organization: str | None = None
    mention: OrgMention | None = None
    complete: bool = False  # a title needing no organisation ("Phó Thủ tướng", "Tổng Bí thư")
    grade: bool = False  # a civil-service grade ("Thẩm phán cao cấp"): part of a title chain, not a position


@dataclass(frozen=True, slots=True)
class _Head:
    title: str
    noun: str | None
    needorg: bool
    noorg: bool
    org: str | None
    implies: str | None = None
    via: bool = False  # a job title whose organisation may follow "tại"/"của"/"thuộc" ("lái xe của Sở")
    mission: str | None = None  # a diplomat's mission ("Đại sứ quán") completed by country and host place
    central: bool = False  # only a central committee completes it ("Tổng Bí thư BCH T.Ư")
    state: bool = False  # a head of state followed by the state's name ("Chủ tịch nước CHND Trung Hoa")


_DELEGATION = regex.compile(r"(?:, |\(|- )((?:Đoàn|đoàn) )$")
_FIELD_BODIES = frozenset(("Bộ", "Cục", "Vụ", "Viện", "Tổng cục", "Chi cục", "Phòng", "Ban", "Khoa"))
_VIA = regex.compile(r"(?:tại|của|thuộc) ")
# bodies named "Ban ..." that no "Trưởng ban" heads
_NOT_HEADED = ("ban chấp hành", "ban thường vụ", "ban bí thư", "ban cán sự", "ban thường trực")
_NEXT_TITLE = regex.compile(r" ?(?:,|-|kiêm|,? kiêm) ?")
_NEAR = 400
_BRAND = regex.compile(r"\p{Lu}\p{Ll}+(?![\p{L}\p{M}\d])")
_CENTRAL_END = regex.compile(r"(?:Trung ương|T\.Ư|TƯ|TW)$")
_OF_PARTY = regex.compile(r" Đảng(?![\p{L}\p{M}])(?! (?:Cộng sản|CS|Nhân dân|Lao động|Dân chủ|ủy|bộ))")
_GRADE = regex.compile(r" (?:cao cấp|trung cấp|sơ cấp)(?![\p{L}\p{M}])")
_GRADED = frozenset(
    ("thẩm phán", "kiểm sát viên", "điều tra viên", "thanh tra viên", "chấp hành viên", "kiểm tra viên")
)
# "sở" in lower case, alone: the department the passage is about ("Phó giám đốc sở kiêm ...")
_THE_DEPARTMENT = regex.compile(r"sở(?![\p{L}\p{M}])(?! \p{Lu})")
_WORD = regex.compile(r"\S+")
_STATE_NAME = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*)?(?![\p{L}\p{M}])")
# a state's name after a head of state: "Chủ tịch nước CHND Trung Hoa", "Chủ tịch nước Cộng hòa xã hội chủ nghĩa ..."
_STATE = regex.compile(
    r" (?:CHXHCN |CHND |CHDCND |Cộng hòa (?:(?i:xã hội chủ nghĩa|nhân dân|dân chủ nhân dân) )?)(?=\p{Lu})"
)  # characters within which a bare title refers back to a body of its kind


def _alt(items: list[str]) -> str:
    return "|".join(regex.escape(x) for x in sorted(set(items), key=len, reverse=True))


class TitleMatcher:
    """Finds title phrases and completes them with their organisation."""

    def __init__(self, names: NameFinder) -> None:
        self._names = names
        self.heads: dict[str, _Head] = {}
        ci: list[str] = []
        cs: list[str] = []
        for row in load_pairs("titles.tsv"):
            written, title = row[0], row[1]
            flags = {}
            for f in (row[2].split(",") if len(row) > 2 and row[2] else []):
                k, _, v = f.partition("=")
                flags[k.strip()] = v.strip()
            key = normalize_key(written) if "cs" not in flags else written
            self.heads[key] = _Head(
                title, flags.get("noun"), "needorg" in flags, "noorg" in flags, flags.get("org"), flags.get("implies"),
                "via" in flags, flags.get("mission"), "central" in flags, "state" in flags,
            )
            (cs if "cs" in flags else ci).append(written)
        mods = load_pairs("title_modifiers.txt")
        by = {t: [w for k, w in mods if k == t] for t in ("pre", "acting", "post", "former", "drop")}
        status = _alt(by["former"] + by["drop"])
        self._former = frozenset(w.casefold() for w in by["former"])
        heads = f"(?i:{_alt(ci)})" + (f"|{_alt(cs)}" if cs else "")
        self._re = regex.compile(
            rf"(?<![\p{{L}}\p{{M}}\d])(?:(?P<status>(?i:{status}))\s+)?"
            rf"(?P<t>(?:(?P<acting>(?i:{_alt(by['acting'])}))\s+)?(?:(?P<pre>(?i:{_alt(by['pre'])}))\s+)?"
            rf"(?P<head>{heads})(?:\s+(?P<post>(?i:{_alt(by['post'])})))?)(?![\p{{L}}\p{{M}}\d])"
        )
        # a title inside an organisation name is not a title ("Ban Bí thư", "Đoàn Chủ tịch", "Bộ Tư lệnh")
        self._inside_org = regex.compile(r"(?:Ban|Bộ|Văn phòng|Đoàn|Hội đồng|Phòng|Ủy ban|Hội)\s$")

    def head(self, written: str) -> _Head | None:
        """The lexicon entry for a matched head."""
        return self.heads.get(written) or self.heads.get(normalize_key(written))

    def find(self, text: str, orgs: OrgAnalysis) -> list[PositionPhrase]:
        """Every title phrase of ``text`` with its organisation, left to right, non-overlapping."""
        out: list[PositionPhrase] = []
        pos = 0
        for m in self._re.finditer(text):
            if m.start() < pos:
                continue
            if self._inside_org.search(text, max(0, m.start("t") - 12), m.start("t")) and not m.group("status"):
                phrase = self._delegate(text, m, orgs)
                if phrase is not None:
                    out.append(phrase)
                    pos = phrase.end
                continue
            phrase = self._complete(text, m, orgs)
            if phrase is None:
                continue
            out.append(phrase)
            pos = phrase.end
        return out

    def _delegate(self, text: str, m: regex.Match[str], orgs: OrgAnalysis) -> PositionPhrase | None:
        """ "ông A, Đoàn đại biểu Quốc hội tỉnh X": membership of a delegation is the office "đại biểu Quốc hội
        tỉnh X" (text from "đại biểu", organisation Quốc hội)."""
        lead = _DELEGATION.search(text, max(0, m.start("t") - 8), m.start("t"))
        if lead is None or not regex.match(r"(?i:đại biểu|ĐBQH)", m.group("head")):
            return None
        after = m.end("head")
        if m.group("head") != "ĐBQH":
            qh = regex.match(r" (?:Quốc hội|QH)(?![\p{L}\p{M}])", text[after:])
            if qh is None:
                return None
        mention = orgs.parse_at(lead.start(1))
        if mention is not None and mention.end > after:
            end = mention.end
        else:
            end = fallback_org(self._names, self._re, text, lead.start(1))
        end = max(end, after)
        phrase = PositionPhrase(m.start("t"), end, m.end("head"), lead.start(1), m.group("head"))
        if m.group("head") == "ĐBQH":
            phrase.title = "Đại biểu"
        phrase.organization = "Quốc hội"
        phrase.complete = True
        return phrase

    def _complete(self, text: str, m: regex.Match[str], orgs: OrgAnalysis) -> PositionPhrase | None:
        head = self.head(m.group("head"))
        if head is None:
            return None
        status = (m.group("status") or "").casefold()
        former = status in self._former
        # the title as written ("Phó chủ tịch"), abbreviations expanded ("PCT" -> "Phó Chủ tịch"),
        # the body word shared with the organisation in lower case ("Trưởng Ban Tuyên giáo" -> "Trưởng ban")
        written = m.group("head")
        head_title = written if normalize_key(written) == normalize_key(head.title) else head.title
        if head.noun and head_title.endswith(head.noun):
            head_title = head_title[: -len(head.noun)] + head.noun.lower()
        parts = [m.group("acting"), m.group("pre"), head_title, m.group("post")]
        if m.group("pre") and normalize_key(head.title).startswith("phó"):
            parts[1] = None
        title = " ".join(p for p in parts if p)
        t_start, t_end = m.start("t"), m.end("t")
        phrase = PositionPhrase(t_start, t_end, t_end, m.start(), title, former, bool(m.group("acting")))
        phrase.complete = head.noorg or head.implies == "Chính phủ" or head.org is not None
        grade = _GRADE.match(text, t_end) if normalize_key(head.title) in _GRADED else None
        if grade is not None:
            # "Thẩm phán cao cấp", "Thanh tra viên cao cấp": a grade of the service, like a rank (no position)
            phrase.end = phrase.title_end = grade.end()
            phrase.grade = phrase.complete = True
            return phrase
        if head.central:
            central = central_committee(text, t_end, orgs)
            if central is not None:
                phrase.org_start, phrase.org_end, phrase.organization, phrase.mention = central
                phrase.end = central[1]
                return phrase
        if head.state:
            state = _STATE.match(text, t_end)
            country = self._country_after(text, t_end) if state is None else 0
            if country:
                # "Chủ tịch nước Trung Quốc Tập Cận Bình": the country belongs to the text
                phrase.end = country
            if state is not None:
                end = self._names.place_at(text, state.end())
                if not end and not self._names.starts_name(text, state.end()):
                    two = _STATE_NAME.match(text, state.end())
                    end = two.end() if two else 0
                phrase.end = end or phrase.end
        if head.noorg:
            return phrase
        if normalize_key(m.group("head")).endswith(" ủy viên"):
            # "Thành ủy viên", "Đảng ủy viên": the committee is the organisation, resolved like any mention of it
            mention = orgs.member_committee(m.start("head"))
            phrase.organization = head.org or head.implies
            if mention is not None:
                phrase.organization, phrase.mention = mention.name, mention
            phrase.complete = True
            return phrase
        if head.mission:
            mission = mission_at(self._names, text, t_end, head.mission, orgs)
            if mission is not None:
                phrase.org_start, phrase.org_end, phrase.organization = mission
                phrase.end = mission[1]
                return phrase
        org = None
        if head.noun and not m.group("post"):
            noun_at = m.end("head") - len(head.noun)
            delegation = delegation_at(self._names, text, noun_at) if head.noun == "Đoàn" else None
            if delegation is not None:
                phrase.title_end = noun_at
                phrase.org_start, phrase.org_end, phrase.organization = noun_at, delegation[0], delegation[1]
                phrase.end = delegation[0]
                phrase.mention = OrgMention(noun_at, delegation[0], delegation[1], OrganizationKind.GOVERNMENT)
                return phrase
            org = self._org_at(text, noun_at, orgs)
            if org and org[1] <= m.end("head"):
                org = None
            if org is None and text[noun_at].islower():
                org = lower_field_body(text, noun_at, m.end("head"), head.noun, orgs)
            if org:
                phrase.title_end = noun_at
        if org is None:
            p = t_end
            while p < len(text) and text[p] == " ":
                p += 1
            org = self._org_at(text, p, orgs, field=(head.implies or head.noun) in _FIELD_BODIES)
            via = _VIA.match(text, p) if head.via and org is None else None
            if via:
                org = self._org_at(text, via.end(), orgs)
                if org is not None:
                    org = (p, *org[1:])
        if org is None and _THE_DEPARTMENT.match(text, p) and normalize_key(title).endswith("giám đốc"):
            # "Phó giám đốc sở" in a passage about "Sở Nội vụ Hà Nội": that department
            near = self._nearest_body(orgs, t_start, "Sở", window=3 * _NEAR)
            end = p + 2
            phrase.org_start, phrase.org_end, phrase.end = p, end, end
            phrase.organization = near.name if near is not None else "Sở"
            return phrase
        if org is None and normalize_key(title).endswith(("giám đốc", "hđqt", "hội đồng quản trị")):
            brand = _BRAND.match(text, p)
            if brand is not None and looks_foreign(brand.group(0)):
                # "tổng giám đốc Becamex": a company's brand, not a person (people.py reads it the same way)
                org = (p, brand.end(), brand.group(0), None)
        if org is None:
            unit = unit_body(self._names, text, p, normalize_key(title))
            if unit is not None:
                phrase.org_start, phrase.org_end, phrase.organization = p, unit[0], unit[1]
                phrase.end = unit[0]
                return phrase
        if org is None:
            if head.org:
                phrase.organization = head.org
                if head.noun and phrase.title_end == t_end and not m.group("post"):
                    # "Thường trực Ban Bí thư": the body is written inside the head
                    phrase.title_end = phrase.org_start = m.end("head") - len(head.noun)
                    phrase.org_end = m.end("head")
                return phrase
            if head.needorg:
                return None
            # a bare "Phó trưởng ban" in a passage about "Ban Kinh tế Trung ương": that body
            noun = head.noun or head.implies
            # (not when another title follows: "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ" names its own office)
            nxt = _NEXT_TITLE.match(text, t_end)
            if noun and head.implies != "Chính phủ" and not (nxt and self._re.match(text, nxt.end())):
                near = self._nearest_body(orgs, t_start, noun)
                if near is not None:
                    phrase.organization = near.name
            return phrase
        org = with_host(text, org, orgs)
        org = committee_of_place(self._names, text, org, head.title)
        if org[3] is None and regex.fullmatch(r"(?:của |tại |thuộc )?(?:Sở|Bộ|Cục|Viện|Công ty|Trường|Bệnh viện)",
                                              text[org[0] : org[1]]):
            # "lái xe của Sở": the body of that kind the passage is about
            near = self._nearest_body(orgs, t_start, text[org[0] : org[1]].split(" ", 1)[-1]
                                      if text[org[0]].islower() else text[org[0] : org[1]], window=3 * _NEAR)
            if near is not None:
                org = (org[0], org[1], near.name, None)
        phrase.org_start, phrase.org_end, phrase.organization, phrase.mention = org
        phrase.end = org[1]
        if normalize_key(head.title) == "chủ tịch" and self._country_after(text, t_end) == org[1]:
            # "Chủ tịch Trung Quốc Tập Cận Bình": a head of state; the country is no organisation
            phrase.organization, phrase.mention, phrase.org_start, phrase.org_end = None, None, -1, -1
            phrase.complete = True
            return phrase
        party = _OF_PARTY.match(text, org[1]) if _CENTRAL_END.search(text, max(0, org[1] - 10), org[1]) else None
        if party is not None:
            # "Trưởng Ban Tổ chức Trung ương Đảng": "Đảng" only qualifies the central body
            phrase.end = phrase.org_end = party.end()
        if phrase.organization == "Quốc hội" and normalize_key(head.title) == "đại biểu":
            # "đại biểu Quốc hội khóa XIV tỉnh Sóc Trăng Nguyễn Văn Thể": the constituency belongs to the text
            phrase.end = deputy_scope_end(self._names, text, org[1])
        # the body named by the head itself: "Trưởng phòng Tài nguyên nước" -> Phòng Tài nguyên nước,
        # "Bộ trưởng Ngoại giao" -> Bộ Ngoại giao, "Phó Chánh văn phòng Trung ương Đảng" -> Văn phòng ...
        implied = head.implies or (head.noun if phrase.title_end == t_end else None)
        written = text[org[0] : org[1]]
        same = normalize_key(phrase.organization or "") == normalize_key(written)
        plain = phrase.mention is None or head.noun or same
        if implied and plain and not normalize_key(written).startswith(normalize_key(implied)):
            phrase.organization = f"{implied} {written}"
            # "Bộ trưởng Nội vụ": the ministry is named by its field alone, a mention of its own
            kind = OrganizationKind.GOVERNMENT
            phrase.mention = OrgMention(org[0], org[1], phrase.organization, kind) if implied == "Bộ" else None
            if head.org and head.noun and head.noun.count(" "):
                phrase.org_start = m.end("head") - len(head.noun)  # "Thường trực [Ban Bí thư Trung ương Đảng]"
        if head.noun and not m.group("post"):
            # "Trưởng ban Tuyên giáo ...": "ban" belongs to the organisation, not to the title words
            phrase.title_end = min(phrase.title_end, m.end("head") - len(head.noun))
        return phrase

    def _country_after(self, text: str, p: int) -> int:
        """End of a country name written right after ``p`` (" Lào", " Trung Quốc"), or 0."""
        words = _STATE_NAME.match(text, p + 1) if text.startswith(" ", p) else None
        if words is None:
            return 0
        sylls = [(w.start(), w.end()) for w in _WORD.finditer(text, words.start(), words.end())]
        n = self._names.country_len([text[a:b] for a, b in sylls], 0)
        return sylls[n - 1][1] if n else 0

    # ------------------------------------------------------------ organisations
    @staticmethod
    def _nearest_body(orgs: OrgAnalysis, before: int, noun: str, window: int = _NEAR) -> OrgMention | None:
        """The closest organisation mention of kind ``noun`` ("Ban", "Cục" ...) ending shortly before ``before``."""
        key = normalize_key(noun) + " "
        near = [
            m for m in orgs.mentions
            if m.end <= before and before - m.end < window and normalize_key(m.name).startswith(key)
            and not normalize_key(m.name).startswith(_NOT_HEADED)
        ]
        return max(near, key=lambda m: m.end, default=None)

    def _org_at(
        self, text: str, p: int, orgs: OrgAnalysis, field: bool = False
    ) -> tuple[int, int, str, OrgMention | None] | None:
        mention = orgs.parse_at(p)
        if mention is not None and mention.end > p:
            return mention.start, mention.end, mention.name, mention
        end = fallback_org(self._names, self._re, text, p, field)
        if field and end > p and " " not in text[p:end] and not ORG_HEAD.match(text, p):
            return None  # one capitalised syllable is a cut word ("Trưởng ban Thi đua"), not a field name
        if end <= p:
            return None
        name = text[p:end]
        return p, end, name[:1].upper() + name[1:], None
