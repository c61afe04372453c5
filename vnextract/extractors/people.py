"""People and their positions: names found, titles linked to them, one Person per individual.

The pass runs in four steps over the normalised text:

1. title phrases with their organisations (:mod:`vnextract.extractors.positions`);
2. name mentions: capitalised runs with a known surname or introduced by a title or an honorific,
   short references ("ông Cang"), photo credits and bylines (:mod:`vnextract.extractors.names`);
   National Assembly deputies of session reports, "đại biểu A (Tỉnh)" (:mod:`vnextract.extractors.deputies`);
3. links between them following the patterns of the genre: title before name, appositive chains,
   shared titles over lists, predicates ("làm", "giữ chức", "là", "đối với")
   (:mod:`vnextract.extractors.linking`);
4. grouping of mentions into individuals (:mod:`vnextract.extractors.coref`) and one position per office
   (:mod:`vnextract.extractors.position_merge`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import regex

from vnextract.extractors.coref import group_mentions
from vnextract.extractors.deputies import deputy_phrases
from vnextract.extractors.linking import TITLE_BEFORE_NAME, Item, link
from vnextract.extractors.names import NEVER_FIRST, NameFinder, NameMention, looks_foreign, ner_person_spans
from vnextract.extractors.organizations import OrgAnalysis, OrgMention
from vnextract.extractors.position_merge import dedupe_positions
from vnextract.extractors.positions import PositionPhrase, TitleMatcher
from vnextract.records import Person, Position
from vnextract.spans import SpanIndex
from vnextract.text.document import TextDoc
from vnextract.text.normalize import normalize_key

__all__ = ["PeopleExtractor", "PeopleResult"]


@dataclass(slots=True)
class PeopleResult:
    """What the people pass found."""

    people: list[Person] = field(default_factory=list)
    # normalised spans of title words ("Phó Bí thư Thường trực"): organisation mentions
    # overlapping them are not organisations of their own
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    # the organisations completing positions, to be listed among the document's organisations
    position_orgs: list[OrgMention] = field(default_factory=list)


# heads of organisations that may follow a name without a comma
_ORG_START = regex.compile(
    r"(?:Ban|Bộ|Sở|Ủy ban|UBND|HĐND|Thành ủy|Tỉnh ủy|Huyện ủy|Quận ủy|Đảng ủy|Công ty|Tổng công ty|Tập đoàn"
    r"|Cục|Tổng cục|Vụ|Viện|Văn phòng|Hội đồng|Mặt trận|Trung tâm|Ngân hàng|Báo|Đài|Trường|Bệnh viện|Học viện"
    r"|Quốc hội|Chính phủ|Công an|Hội|Liên đoàn|Đoàn|Chi cục|Phòng|Tòa án|Viện kiểm sát)(?![\p{L}\p{M}])"
)
# ("Bộ Nông nghiệp và Môi trường Trần Đức Thắng": "trường" of another word is no school)
_SCHOOL_BEFORE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:[Mm]ầm non|THPT|THCS|[Tt]iểu học|PTDTNT"
    r"|(?<!(?i:môi|thị|chiến|hiện|công|quảng|lập|nông) )[Tt]rường) $"
)
_PLACE_LIST = frozenset((", ", " và ", ", và "))
_PLACE_LIST_LONGEST = max(map(len, _PLACE_LIST))
_LOWER_AFTER = regex.compile(r" \p{Ll}")
# a committee or unit word ending a title: a capitalised run after it without a surname is its place
_UNIT_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:[Tt]hành ủy|[Tt]ỉnh ủy|[Hh]uyện ủy|[Qq]uận ủy|[Tt]hị ủy|[Đđ]ảng ủy"
                             r"|UBND|HĐND|huyện|tỉnh|xã|phường|quận|thị xã|thị trấn|thành phố|TP\.?) $")
_AFTER_NAME = regex.compile(
    r"\s*(?:$|[,.;:!?)(\"”“'-])| (?:đã|để|là|và|cùng|được|có|nói|cho|trong|với|đến|từ|khi|người|từng|vẫn|luôn"
    r"|rất|sinh|mất|qua|tại|về|viết|chủ|phát|thì|còn|cũng|lại|đi|đọc|ký|soạn|nêu|nhấn|khẳng|chỉ|đề|giữ|làm|trở)"
    r"(?![\p{L}\p{M}])"
)
_ALIAS = regex.compile(r" ?\((\p{Lu}[\p{Ll}\p{M}]* \p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*)?)\)")
# syllables that never occur in a personal name found by the statistical NER
_NOT_GIVEN = frozenset(("ủy", "bộ", "ban", "tỉnh", "huyện", "thành", "phố", "việt", "nam", "đảng", "nhà", "nước"))


class PeopleExtractor:
    """Finds people, their positions and their later mentions."""

    def __init__(self, use_ner: bool = False) -> None:
        self.use_ner = use_ner
        self.names = NameFinder()
        self.titles = TitleMatcher(self.names)

    # ------------------------------------------------------------------ public
    def extract(self, doc: TextDoc, orgs: OrgAnalysis) -> PeopleResult:
        """People of ``doc``; ``orgs`` delimits and resolves position organisations."""
        text = doc.text
        phrases = self.titles.find(text, orgs)
        mentions = self._names(doc, text, phrases, orgs)
        deputies = deputy_phrases(self.names, text, mentions, phrases)
        if deputies:
            phrases = sorted(phrases + deputies, key=lambda p: p.start)
        items = self._items(text, phrases, mentions)
        link(text, items)
        return self._build(doc, items, mentions, phrases)

    # ------------------------------------------------------------------ names
    def _names(
        self, doc: TextDoc, text: str, phrases: list[PositionPhrase], orgs: OrgAnalysis
    ) -> list[NameMention]:
        found: list[NameMention] = list(self.names.credits(text))
        places: set[str] = set()
        place_ends: set[int] = set()
        taken = SpanIndex((m.start, m.end) for m in found)
        title_ends = {p.end: p for p in phrases}
        inside = SpanIndex((p.start, p.end) for p in phrases)
        bodies = SpanIndex(
            [(m.start, m.end) for m in orgs.mentions] + [(p.org_start, p.org_end) for p in phrases if p.org_start >= 0]
        )
        for start, end, sylls in self.names.runs(text):
            if taken.containing_point(start):
                continue
            # a run inside a title phrase: "... Trung ương Đảng: Phó Trưởng Ban thường trực Ban Tổ chức"
            if inside.covering(start, end):
                continue
            # a title phrase ending inside the run: "Trưởng Ban Nguyễn Văn Bình", "QH Campuchia Heng Samrin"
            cut = max((e for _, e in inside.overlapping(start, end) if start < e < end), default=-1)
            if cut >= 0:
                sylls = [s for s in sylls if s[0] >= cut]
                if not sylls:
                    continue
                start = sylls[0][0]
            pstart, hons, ranks, strong, plural = self.names.prefix_of(text, start)
            if 0 <= pstart < cut:
                # the "honorific" is the end of the title phrase: "Thủ tướng Anh Keir Starmer"
                pstart, hons, ranks, strong, plural = -1, [], [], False, False
            if (
                self.names.honorific_strength(text[sylls[0][0] : sylls[0][1]]) is not None
                and self.names.place_at(text, start) >= sylls[-1][1]
            ):
                continue  # "Bà Rịa", "Anh Quốc": a place opening with an honorific word
            # a capitalised honorific opening the run: "Ông Lê Thanh Hải", "Bà Huỳnh Thị Thơ"
            # (not a country after a title: "Thủ tướng Anh Keir Starmer")
            # (one honorific only: "chị Anh Thư" is "Anh Thư")
            while (
                len(sylls) > 1 and self.names.honorific_strength(text[sylls[0][0] : sylls[0][1]]) is not None
                and not (hons and self.names.honorific_strength(text[sylls[0][0] : sylls[0][1]]) is False)
                and not (self.names.country_len([text[sylls[0][0] : sylls[0][1]]], 0)
                         and self._after_title(text, start, title_ends))
            ):
                word = text[sylls[0][0] : sylls[0][1]]
                if pstart < 0:
                    pstart = sylls[0][0]
                hons.append(word)
                strong = strong or bool(self.names.honorific_strength(word))
                sylls = sylls[1:]
                start = sylls[0][0]
            lead = pstart if pstart >= 0 else start
            if _SCHOOL_BEFORE.search(text, max(0, lead - 20), lead):
                continue  # "Hiệu trưởng Trường mầm non An Hiệp": the school's name
            after_title = self._after_title(text, lead, title_ends)
            if after_title is None:
                continue
            # any honorific, role or rank before the run introduces it ("anh Quang Hải", "ca sĩ Mỹ Tâm")
            introduced = strong or after_title or self.names.introduces(hons, ranks)
            if len(sylls) == 1:
                if inside.containing_point(start):
                    continue
                if hons or after_title or ranks:
                    a, b = sylls[0]
                    word = text[a:b]
                    if after_title and not hons and self.names.country_len([word], 0):
                        continue  # "Đại sứ Argentina tại Việt Nam"
                    if not self.names.place_at(text, a) and word.casefold() not in ("người", "bác"):
                        # "Đại sứ Vnukov": a foreign surname alone after a title is a name of its own
                        kind = "full" if after_title and looks_foreign(word) and not self._company_title(
                            text, lead, title_ends
                        ) else "short"
                        found.append(NameMention(a, b, word, kind, pstart, hons, ranks, strong, plural))
                continue
            if (
                after_title and not strong and len(sylls) <= 2
                and not self.names.is_surname(text[sylls[0][0] : sylls[0][1]])
                and _UNIT_BEFORE.search(text, max(0, lead - 12), lead)
            ):
                continue  # "Phó Bí thư Huyện ủy Đăk Glei": the committee's district, not a name
            span = self.names.split_run(text, sylls, introduced, titled=bool(after_title))
            if span is None and introduced and self._pen_name(doc, sylls, orgs):
                span = (0, 2)  # "đồng chí Trường Chinh": a two-syllable name opening with a body word
            if span is None:
                if hons and len(sylls) >= 1:
                    a, b = sylls[0]
                    if not self.names.place_at(text, a) and not self.names.is_surname(text[a:b]):
                        found.append(NameMention(a, b, text[a:b], "short", pstart, hons, ranks, strong, plural))
                continue
            i, j = span
            j = self._org_cut(text, sylls, i, j, orgs)
            if j - i < 2 and not (j - i == 1 and looks_foreign(text[sylls[i][0] : sylls[i][1]])):
                continue
            a, b = sylls[i][0], sylls[j - 1][1]
            if i > 0:
                pstart, hons, ranks, strong, plural = -1, [], [], False, False
                lead = a
                if self._after_title(text, a, title_ends):
                    introduced = True
            if not introduced and (
                self.names.blocked(text, lead) or any(
                    text[e:lead] in _PLACE_LIST for e in range(lead - _PLACE_LIST_LONGEST, lead) if e in place_ends
                )
            ):
                # "xã Đồng Tâm", "đường Nguyễn Hữu Cảnh, Lê Thánh Tôn": a place, and so are its other uses
                places.add(normalize_key(text[a:b]))
                place_ends.add(b)
                continue
            if not hons and any(span != (a, b) for span in bodies.covering(a, b)):
                continue
            found.append(NameMention(a, b, text[a:b], "full", pstart, hons, ranks, strong, plural))
        if places:
            found = [
                m for m in found
                if m.kind != "full" or m.prefix_start >= 0 or normalize_key(m.text) not in places
                or self._after_title(text, m.start, title_ends)
            ]
        found = self._run_on(text, found)
        aliases = self._aliases(text, found)
        if aliases:
            found = [
                m for m in found
                if m.kind not in ("short", "full") or not any(a.start < m.end and m.start < a.end for a in aliases)
            ]
            found += aliases
        if self.use_ner:
            found += self._ner_names(doc, found, (bodies, inside))
        # a one-syllable reference that ends no full name of the passage is not a person ("Trung tâm Giáo dục")
        # unless an honorific, role or rank introduces it as a name of its own ("chị Lan", "bác sĩ Hùng")
        given = {m.text.split()[-1].casefold() for m in found if m.kind == "full"}
        found = [
            m if m.kind != "short" or m.text.casefold() in given else replace(m, kind="full")
            for m in found
            if m.kind != "short" or m.text.casefold() in given or self.names.lone_given(text, m)
        ]
        found.sort(key=lambda m: m.start)
        return found

    def _pen_name(self, doc: TextDoc, sylls: list[tuple[int, int]], orgs: OrgAnalysis) -> bool:
        """Two capitalised syllables after a strong honorific or a title, the first a body word ("Trường",
        "Đoàn"), that no organisation or place reading covers: a name ("Tổng Bí thư Trường Chinh")."""
        text = doc.text
        if len(sylls) != 2 or text[sylls[0][1] : sylls[1][0]] != " ":
            return False
        a = sylls[0][0]
        second = text[sylls[1][0] : sylls[1][1]].casefold()
        if text[a : sylls[0][1]].casefold() not in NEVER_FIRST or self.names.place_at(text, a):
            return False
        if second in NEVER_FIRST or second in _NOT_GIVEN:
            return False
        if orgs.parse_at(a) is not None or self.names.place_at(text, sylls[1][0]):
            return False
        # the name ends there: punctuation or a function word follows ("Trường Chinh đã ..."), not the rest of a
        # body's name ("Trạm Y tế", "Nhóm Nghị sĩ", "Khu Nông nghiệp")
        after = _AFTER_NAME.match(text, sylls[1][1])
        return after is not None

    @staticmethod
    def _run_on(text: str, found: list[NameMention]) -> list[NameMention]:
        """ "Ông Trương Quý Dương Liên tiếp sai phạm" beside "ông Trương Quý Dương": a headline running on
        without a stop; the name is the shorter form written elsewhere in the passage."""
        fulls = {m.text for m in found if m.kind == "full"}
        out: list[NameMention] = []
        for m in found:
            cut = m.text.rfind(" ")
            if (
                m.kind == "full" and m.text.count(" ") >= 2 and m.text[:cut] in fulls
                and _LOWER_AFTER.match(text, m.end)
                and (m.text.count(" ") >= 3 or any(looks_foreign(w) for w in m.text[:cut].split()))
            ):
                m = NameMention(m.start, m.start + cut, m.text[:cut], m.kind, m.prefix_start, m.honorifics,
                                m.ranks, m.strong, m.plural)
            out.append(m)
        return out

    @staticmethod
    def _org_cut(text: str, sylls: list[tuple[int, int]], i: int, j: int, orgs: OrgAnalysis) -> int:
        """End syllable of a name running into an organisation written without a comma
        ("Nguyễn Phú Trọng Ban Bí thư ...", "Nguyễn Văn An Công ty ..."): the name stops at its head."""
        end = sylls[j - 1][1]
        for k in range(i + 2, j):
            a = sylls[k][0]
            if not _ORG_START.match(text, a):
                continue
            m = orgs.parse_at(a)
            if m is not None and (m.end > end or (k + 1 < j and m.end >= sylls[k + 1][1])):
                return k
        return j

    @staticmethod
    def _company_title(text: str, lead: int, title_ends: dict[int, PositionPhrase]) -> bool:
        """Whether the title right before ``lead`` is a company office (its brand may follow: "Chủ tịch Becamex")."""
        for back in range(0, 4):
            p = title_ends.get(lead - back)
            if p is not None:
                return bool(regex.search(r"(?i)giám đốc|chủ tịch|hđqt|hội đồng quản trị", p.title))
        return False

    def _aliases(self, text: str, found: list[NameMention]) -> list[NameMention]:
        """Nicknames given in parentheses after a full name ("Lê Quang Thẩm (Tám Thẩm)") and their later uses."""
        out: list[NameMention] = []
        for m in [m for m in found if m.kind == "full"]:
            alias = _ALIAS.match(text, m.end)
            if not alias or alias.group(1) == m.text or self.names.place_at(text, alias.start(1)) >= alias.end(1):
                continue  # "Nguyễn Văn Thể (Sóc Trăng)": the deputy's province, not a nickname
            pattern = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(alias.group(1))}(?![\p{{L}}\p{{M}}])"
            for use in regex.finditer(pattern, text):
                a, b = use.span()
                # ("chú Tám Thẩm" found as a name of its own is a use of the nickname)
                if any(x.start < b and a < x.end for x in found + out if x.kind != "short" and x.text != use.group(0)):
                    continue
                pstart, hons, ranks, strong, plural = self.names.prefix_of(text, a)
                if pstart < 0 and a >= 2 and text[a - 1] == " ":
                    word_start = text.rfind(" ", 0, a - 1) + 1
                    if self.names.honorific_strength(text[word_start : a - 1]) is not None:
                        pstart, hons = word_start, [text[word_start : a - 1]]
                out.append(NameMention(a, b, text[a:b], "alias", pstart, hons, ranks, strong, plural, m.text))
        return out

    def _after_title(self, text: str, lead: int, title_ends: dict[int, PositionPhrase]) -> bool | None:
        """True after a title phrase, None after a title inside a place name, else False."""
        for back in range(0, 4):
            p = title_ends.get(lead - back)
            if p is not None and TITLE_BEFORE_NAME.fullmatch(text, lead - back, lead):
                # "Lăng Chủ tịch Hồ Chí Minh", "đường Bộ trưởng ...": a place named after an official
                return None if self.names.blocked(text, p.lead) else True
        return False

    def _ner_names(
        self, doc: TextDoc, found: list[NameMention], blocked: tuple[SpanIndex, ...]
    ) -> list[NameMention]:
        """PER spans of underthesea's CRF NER that the rules missed and that look like names."""
        extra: list[NameMention] = []
        text = doc.text
        taken = SpanIndex((m.start, m.end) for m in found)
        for a, b in ner_person_spans(text, doc.sentences):
            if taken.overlapping(a, b) or any(index.overlapping(a, b) for index in blocked):
                continue
            words = text[a:b].split()
            if not 2 <= len(words) <= 4 or not all(w[:1].isupper() and not w.isupper() for w in words):
                continue
            if words[0].casefold() in NEVER_FIRST or any(w.casefold() in _NOT_GIVEN for w in words):
                continue
            if self.names.place_at(text, a) or self.names.blocked(text, a):
                continue
            pstart, hons, ranks, strong, plural = self.names.prefix_of(text, a)
            if not (self.names.is_surname(words[0]) or strong):
                continue
            extra.append(NameMention(a, b, text[a:b], "full", pstart, hons, ranks, strong, plural))
        return extra

    # ------------------------------------------------------------------ linking
    def _items(self, text: str, phrases: list[PositionPhrase], mentions: list[NameMention]) -> list[Item]:
        items: list[Item] = []
        named = SpanIndex((m.start, m.end) for m in mentions)
        for p in phrases:
            if named.overlapping(p.start, p.end):
                # a title phrase running into a name: cut it back to the title words
                if named.overlapping(p.start, p.title_end):
                    continue
                p.end, p.org_start, p.org_end, p.organization, p.mention = p.title_end, -1, -1, None, None
            items.append(Item(p.lead, p.end, "P", p))
        for m in mentions:
            # photographers and authors in credits take no titles ("Ảnh: Phạm Hải Chủ tịch QH cho biết")
            items.append(Item(m.lead, m.end, "C" if m.kind in ("credit", "byline") else "N", m))
        for a, b in self.names.pronouns(text):
            items.append(Item(a, b, "R", None))
        items.sort(key=lambda it: (it.start, it.end))
        return items

    # ------------------------------------------------------------------ records
    def _build(
        self, doc: TextDoc, items: list[Item], mentions: list[NameMention], phrases: list[PositionPhrase]
    ) -> PeopleResult:
        index_of = {id(m): i for i, m in enumerate(mentions)}
        groups, assign = group_mentions(mentions)
        owned: dict[int, list[Item]] = {}
        for it in items:
            if it.kind != "P":
                continue
            for o in it.owners:
                owner = items[o]
                if owner.kind != "N":
                    continue
                g = assign.get(index_of[id(owner.ref)])
                if g is not None:
                    owned.setdefault(g, []).append((it, o in it.former_owners))
        people: list[Person] = []
        position_orgs: list[OrgMention] = []
        for g, members in enumerate(groups):
            ms = [mentions[i] for i in members]
            fulls = [m for m in ms if m.kind not in ("short", "alias")]
            if not fulls:
                continue
            best = max(fulls, key=lambda m: (len(m.text.split()), len(m.text)))
            _, _, name = doc.original_bounds(best.start, best.end)
            hons: list[str] = []
            ranks: list[str] = []
            for m in ms:
                hons += [h for h in m.honorifics if h.casefold() not in (x.casefold() for x in hons)]
                ranks += [r for r in m.ranks if r not in ranks]
            positions = self._positions(doc, owned.get(g, []))
            for it, _ in owned.get(g, []):
                ph: PositionPhrase = it.ref  # type: ignore[assignment]
                if ph.mention is not None and ph.mention not in position_orgs:
                    position_orgs.append(ph.mention)
            people.append(
                Person(
                    name=name,
                    honorifics=hons,
                    ranks=ranks,
                    positions=positions,
                    mentions=[doc.span(m.start, m.end) for m in ms],
                )
            )
        title_spans = [(p.start, p.title_end) for p in phrases]
        return PeopleResult(people, title_spans, position_orgs)

    def _positions(self, doc: TextDoc, owned: list[tuple[Item, bool]]) -> list[Position]:
        out: list[tuple[Position, PositionPhrase]] = []
        for it, was in sorted(owned, key=lambda x: x[0].start):
            ph: PositionPhrase = it.ref  # type: ignore[assignment]
            if ph.grade:
                continue
            a, b, text = doc.original_bounds(ph.start, ph.end)
            org_text = None
            if ph.org_start >= 0:
                org_text = doc.original_bounds(ph.org_start, ph.org_end)[2]
            pos = Position(
                text=text, start=a, end=b, title=ph.title, organization=ph.organization,
                organization_text=org_text, former=ph.former or it.former or was, acting=ph.acting,
            )
            out.append((pos, ph))
        return dedupe_positions(out, doc.original)
