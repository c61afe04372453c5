"""People and their positions: names found, titles linked to them, one Person per individual.

The pass runs in four steps over the normalised text:

1. title phrases with their organisations (:mod:`vnextract.extractors.positions`);
2. name mentions: capitalised runs with a known surname or introduced by a title or an honorific,
   short references ("ông Cang"), photo credits and bylines (:mod:`vnextract.extractors.names`);
3. links between them following the patterns of the genre: title before name, appositive chains,
   shared titles over lists, predicates ("làm", "giữ chức", "là", "đối với");
4. grouping of mentions into individuals (:mod:`vnextract.extractors.coref`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from vnextract.extractors.coref import group_mentions
from vnextract.extractors.names import NEVER_FIRST, NameFinder, NameMention, looks_foreign, ner_person_spans
from vnextract.extractors.organizations import OrgAnalysis, OrgMention
from vnextract.extractors.positions import PositionPhrase, TitleMatcher
from vnextract.records import Person, Position
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


# gaps between items
_TBN = regex.compile(r" ?(?:\(\p{Lu}[^()]{0,15}\) ?)?:? ?")  # title right before a name
_TBN_HON = regex.compile(r" ?(?:-|:)? ?")  # "cố Bí thư Thành ủy - ông Võ Trần Chí"
_TBN_LIST = regex.compile(r" ?,? ?(?:gồm|bao gồm)(?: có)? ?:? ?")  # "8 phó trưởng ban, gồm các ông A; B; C"
_TBN_LOOSE = regex.compile(r" ?, ?")  # "Tổng Lãnh sự Ấn Độ, ông Lah Thla Muana"
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\"] ?)$")
_APPOS = regex.compile(r" ?(?:,|-|\(|:)? ?")  # name then its title
_TERM = r"(?:(?:các |nhiệm )?(?:khóa|kỳ) [IVXLC\d]+(?:(?:, |; | và | - |-)[IVXLC\d]+)*|nhiều khóa)"
_CHAIN = regex.compile(rf" ?\)? ?{_TERM}? ?\)? ?(?:,|-|\(|và|kiêm|, kiêm|/|rồi)? ?(?:kiêm )?")  # title then title
# "khi là Chủ tịch UBND tỉnh, ông A ...": the subject follows the clause
_PREDICATE_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:là|làm|giữ chức(?: vụ)?|cương vị|vai trò(?: là)?|nhậm chức) $")
_SUBJECT_AFTER = regex.compile(r" ?(?:…|\.\.\.)? ?, ?")
_REPLACES = regex.compile(r" ?,? ?thay (?:cho )?")
_LIST = regex.compile(r" ?(?:\([^()]{1,20}\))? ?(?:,|;|và|, và) ?")  # name then name in a list
_PREDICATE = regex.compile(
    r"[^.;!?\"\n]{0,60}?(?<![\p{L}\p{M}])(?:làm|là|giữ chức(?: vụ)?|giữ cương vị|cương vị|chức vụ|nhiệm vụ"
    r"|đảm nhiệm(?: chức vụ| vị trí| cương vị)?|vị trí|chức|nhậm chức|giữ|sang|lên|trọng trách|chức danh) ?:? ?"
)
_PREDICATE_FORMER = regex.compile(r"thôi|nguyên là|từng|trước đây|cách chức|miễn nhiệm|nghỉ hưu")
_TOWARDS = regex.compile(r"[^.;!?\"\n]{0,50}?(?<![\p{L}\p{M}])đối với ?")
_PLURAL_BEFORE = regex.compile(r"(?:các|hai|ba|những) (?:đồng chí|ông|bà|vị)(?: nguyên)? ?$", flags=regex.I)


_ALIAS = regex.compile(r" ?\((\p{Lu}[\p{Ll}\p{M}]* \p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*)?)\)")
# syllables that never occur in a personal name found by the statistical NER
_NOT_GIVEN = frozenset(("ủy", "bộ", "ban", "tỉnh", "huyện", "thành", "phố", "việt", "nam", "đảng", "nhà", "nước"))


@dataclass(slots=True)
class _Item:
    start: int
    end: int
    kind: str  # "P" phrase, "N" name, "R" pronoun
    ref: object
    owners: list[int] = field(default_factory=list)  # name-item indexes a phrase is given to
    former_owners: list[int] = field(default_factory=list)  # owners who no longer hold it
    former: bool = False


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
        items = self._items(text, phrases, mentions)
        self._link(text, items)
        return self._build(doc, items, mentions, phrases)

    # ------------------------------------------------------------------ names
    def _names(
        self, doc: TextDoc, text: str, phrases: list[PositionPhrase], orgs: OrgAnalysis
    ) -> list[NameMention]:
        found: list[NameMention] = list(self.names.credits(text))
        taken = [(m.start, m.end) for m in found]
        title_ends = {p.end: p for p in phrases}
        inside = [(p.start, p.end) for p in phrases]
        org_spans = [(m.start, m.end) for m in orgs.mentions]
        phrase_orgs = [(p.org_start, p.org_end) for p in phrases if p.org_start >= 0]
        for start, end, sylls in self.names.runs(text):
            if any(a <= start < b for a, b in taken):
                continue
            # a title phrase ending inside the run: "Trưởng Ban Nguyễn Văn Bình", "QH Campuchia Heng Samrin"
            cut = max((p.end for p in phrases if start < p.end < end), default=-1)
            if cut >= 0:
                sylls = [s for s in sylls if s[0] >= cut]
                if not sylls:
                    continue
                start = sylls[0][0]
            pstart, hons, ranks, strong, plural = self.names.prefix_of(text, start)
            # a capitalised honorific opening the run: "Ông Lê Thanh Hải", "Bà Huỳnh Thị Thơ"
            while len(sylls) > 1 and self.names.honorific_strength(text[sylls[0][0] : sylls[0][1]]) is not None:
                word = text[sylls[0][0] : sylls[0][1]]
                if pstart < 0:
                    pstart = sylls[0][0]
                hons.append(word)
                strong = strong or bool(self.names.honorific_strength(word))
                sylls = sylls[1:]
                start = sylls[0][0]
            lead = pstart if pstart >= 0 else start
            after_title = self._after_title(text, lead, title_ends)
            if after_title is None:
                continue
            introduced = strong or after_title
            if len(sylls) == 1:
                if any(a <= start < b for a, b in inside):
                    continue
                if hons or after_title:
                    a, b = sylls[0]
                    word = text[a:b]
                    if not self.names.place_at(text, a) and word.casefold() not in ("người", "bác"):
                        # "Đại sứ Vnukov": a foreign surname alone after a title is a name of its own
                        kind = "full" if after_title and looks_foreign(word) and not self._company_title(
                            text, lead, title_ends
                        ) else "short"
                        found.append(NameMention(a, b, word, kind, pstart, hons, ranks, strong, plural))
                continue
            span = self.names.split_run(text, sylls, introduced)
            if span is None:
                if hons and len(sylls) >= 1:
                    a, b = sylls[0]
                    if not self.names.place_at(text, a) and not self.names.is_surname(text[a:b]):
                        found.append(NameMention(a, b, text[a:b], "short", pstart, hons, ranks, strong, plural))
                continue
            i, j = span
            a, b = sylls[i][0], sylls[j - 1][1]
            if i > 0:
                pstart, hons, ranks, strong, plural = -1, [], [], False, False
                lead = a
                if self._after_title(text, a, title_ends):
                    introduced = True
            if not introduced and self.names.blocked(text, lead):
                continue
            if not hons and any(s <= a and b <= e and (s, e) != (a, b) for s, e in org_spans + phrase_orgs):
                continue
            found.append(NameMention(a, b, text[a:b], "full", pstart, hons, ranks, strong, plural))
        aliases = self._aliases(text, found)
        if aliases:
            found = [
                m for m in found if m.kind != "short" or not any(a.start < m.end and m.start < a.end for a in aliases)
            ]
            found += aliases
        if self.use_ner:
            found += self._ner_names(doc, found, org_spans + phrase_orgs + inside)
        found.sort(key=lambda m: m.start)
        return found

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
            if not alias or alias.group(1) == m.text:
                continue
            pattern = rf"(?<![\p{{L}}\p{{M}}]){regex.escape(alias.group(1))}(?![\p{{L}}\p{{M}}])"
            for use in regex.finditer(pattern, text):
                a, b = use.span()
                if any(x.start < b and a < x.end for x in found + out if x.kind != "short"):
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
            if p is not None and _TBN.fullmatch(text, lead - back, lead):
                # "Lăng Chủ tịch Hồ Chí Minh", "đường Bộ trưởng ...": a place named after an official
                return None if self.names.blocked(text, p.lead) else True
        return False

    def _ner_names(self, doc: TextDoc, found: list[NameMention], blocked: list[tuple[int, int]]) -> list[NameMention]:
        """PER spans of underthesea's CRF NER that the rules missed and that look like names."""
        extra: list[NameMention] = []
        text = doc.text
        for a, b in ner_person_spans(text, doc.sentences):
            if any(m.start < b and a < m.end for m in found) or any(s < b and a < e for s, e in blocked):
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
    def _items(self, text: str, phrases: list[PositionPhrase], mentions: list[NameMention]) -> list[_Item]:
        items: list[_Item] = []
        named = [(m.start, m.end) for m in mentions]
        for p in phrases:
            if any(a < p.end and p.start < b for a, b in named):
                # a title phrase running into a name: cut it back to the title words
                if any(a < p.title_end and p.start < b for a, b in named):
                    continue
                p.end, p.org_start, p.org_end, p.organization, p.mention = p.title_end, -1, -1, None, None
            items.append(_Item(p.lead, p.end, "P", p))
        for m in mentions:
            items.append(_Item(m.lead, m.end, "N", m))
        for a, b in self.names.pronouns(text):
            items.append(_Item(a, b, "R", None))
        items.sort(key=lambda it: (it.start, it.end))
        return items

    def _link(self, text: str, items: list[_Item]) -> None:
        n = len(items)

        def gap(a: int, b: int) -> tuple[int, int]:
            return items[a].end, items[b].start

        def fits(rx: regex.Pattern[str], a: int, b: int) -> bool:
            s, e = gap(a, b)
            return s <= e and rx.fullmatch(text, s, e) is not None

        def is_name(k: int) -> bool:
            return 0 <= k < n and items[k].kind == "N"

        def is_phrase(k: int) -> bool:
            return 0 <= k < n and items[k].kind == "P"

        def chain_forward(k: int) -> list[int]:
            out = [k]
            while is_phrase(out[-1] + 1) and not items[out[-1] + 1].owners and fits(_CHAIN, out[-1], out[-1] + 1):
                out.append(out[-1] + 1)
            return out

        # A. title right before a name (and shared over a list after a colon or "các đồng chí")
        for k in range(n):
            if not is_name(k) or not is_phrase(k - 1):
                continue
            mk = self._mention_of(items[k])
            listed = fits(_TBN_LIST, k - 1, k)
            if not (fits(_TBN, k - 1, k) or listed or (mk and mk.prefix_start >= 0 and fits(_TBN_HON, k - 1, k))):
                continue
            chain = [k - 1]
            while is_phrase(chain[0] - 1) and fits(_CHAIN, chain[0] - 1, chain[0]):
                chain.insert(0, chain[0] - 1)
            if any(items[c].owners for c in chain):
                continue
            targets = [k]
            s, e = gap(k - 1, k)
            shared = listed or ":" in text[s:e] or bool(_PLURAL_BEFORE.search(text, max(0, items[chain[0]].start - 30),
                                                                     items[chain[0]].start))
            if shared:
                j = k
                while True:
                    nxt = j + 1
                    while is_phrase(nxt) and fits(_APPOS if nxt == j + 1 else _CHAIN, nxt - 1, nxt):
                        nxt += 1
                    if is_name(nxt) and fits(_LIST, nxt - 1, nxt):
                        targets.append(nxt)
                        j = nxt
                        continue
                    break
            for c in chain:
                items[c].owners = list(targets)
        # B. appositive chains after a name ("Name, T1, T2 và T3"), shared by a plural list
        for k in range(n):
            if not is_name(k):
                continue
            group = [k]
            m0 = self._mention_of(items[k])
            if m0 is not None and m0.plural:
                j = k
                while is_name(j + 1) and fits(_LIST, j, j + 1):
                    group.append(j + 1)
                    j += 1
            last = group[-1]
            if not is_phrase(last + 1) or items[last + 1].owners or not fits(_APPOS, last, last + 1):
                continue
            for c in chain_forward(last + 1):
                items[c].owners = list(group)
        # C. a title chain then ", ông Name"
        for k in range(n):
            if not is_name(k) or not is_phrase(k - 1) or items[k - 1].owners:
                continue
            m = self._mention_of(items[k])
            if m is None or m.prefix_start < 0 or not fits(_TBN_LOOSE, k - 1, k):
                continue
            chain = [k - 1]
            while is_phrase(chain[0] - 1) and not items[chain[0] - 1].owners and fits(_CHAIN, chain[0] - 1, chain[0]):
                chain.insert(0, chain[0] - 1)
            first = items[chain[0]].start
            if not _SENTENCE_START.search(text, max(0, first - 3), first):
                continue
            for c in chain:
                items[c].owners = [k]
        # D. predicates: "Name ... làm/là/giữ chức T", "T ... đối với ông Name"
        last_person = -1
        for k in range(n):
            it = items[k]
            if it.kind == "N":
                last_person = k
            owner = k if it.kind == "N" else (last_person if it.kind == "R" and last_person >= 0 else -1)
            if owner < 0:
                continue
            j = k + 1
            while True:
                while is_phrase(j) and owner in items[j].owners:
                    j += 1
                if not is_phrase(j) or items[j].owners or not fits(_PREDICATE, j - 1, j):
                    break
                s, e = gap(j - 1, j)
                former = bool(_PREDICATE_FORMER.search(text, s, e))
                chain = chain_forward(j)
                for c in chain:
                    items[c].owners = [owner]
                    items[c].former = items[c].former or former
                # "cử ông A làm Chủ tịch thay ông B": B held it before
                after = chain[-1] + 1
                if is_name(after) and fits(_REPLACES, chain[-1], after):
                    for c in chain:
                        items[c].owners.append(after)
                        items[c].former_owners.append(after)
                j = after
        for k in range(n):
            if not is_name(k) or not is_phrase(k - 1) or items[k - 1].owners:
                continue
            towards = fits(_TOWARDS, k - 1, k)
            if not towards and not fits(_SUBJECT_AFTER, k - 1, k):
                continue
            chain = [k - 1]
            while is_phrase(chain[0] - 1) and not items[chain[0] - 1].owners and fits(_CHAIN, chain[0] - 1, chain[0]):
                chain.insert(0, chain[0] - 1)
            first = items[chain[0]].start
            if towards or _PREDICATE_BEFORE.search(text, max(0, first - 16), first):
                for c in chain:
                    items[c].owners = [k]
        # "Phó chủ tịch - Tổng thư ký Ủy ban Trung ương MTTQ": a bare title shares the next one's body
        for k in range(n - 1):
            if is_phrase(k) and is_phrase(k + 1) and items[k].owners and items[k].owners == items[k + 1].owners:
                a, b = items[k].ref, items[k + 1].ref
                s, e = gap(k, k + 1)
                if a.organization is None and not a.complete and b.organization and regex.fullmatch(
                    r" ?(?:-|kiêm) ?", text[s:e]
                ):
                    a.organization = b.organization

    @staticmethod
    def _mention_of(item: _Item) -> NameMention | None:
        return None if item.kind != "N" else item.ref  # type: ignore[return-value]

    # ------------------------------------------------------------------ records
    def _build(
        self, doc: TextDoc, items: list[_Item], mentions: list[NameMention], phrases: list[PositionPhrase]
    ) -> PeopleResult:
        index_of = {id(m): i for i, m in enumerate(mentions)}
        groups, assign = group_mentions(mentions)
        owned: dict[int, list[_Item]] = {}
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

    def _positions(self, doc: TextDoc, owned: list[tuple[_Item, bool]]) -> list[Position]:
        out: list[tuple[Position, PositionPhrase]] = []
        for it, was in sorted(owned, key=lambda x: x[0].start):
            ph: PositionPhrase = it.ref  # type: ignore[assignment]
            a, b, text = doc.original_bounds(ph.start, ph.end)
            org_text = None
            if ph.org_start >= 0:
                org_text = doc.original_bounds(ph.org_start, ph.org_end)[2]
            pos = Position(
                text=text, start=a, end=b, title=ph.title, organization=ph.organization,
                organization_text=org_text, former=ph.former or it.former or was, acting=ph.acting,
            )
            out.append((pos, ph))
        return _dedupe(out)


def _dedupe(found: list[tuple[Position, PositionPhrase]]) -> list[Position]:
    """One position per office: the longest written form wins."""
    kept: list[Position] = []
    for pos, _ph in found:
        title = normalize_key(pos.title)
        org = normalize_key(pos.organization or "")
        merged = False
        for i, other in enumerate(kept):
            if normalize_key(other.title) != title:
                continue
            o_org = normalize_key(other.organization or "")
            if org == o_org or not org or not o_org or o_org.startswith(org) or org.startswith(o_org):
                if len(pos.text) > len(other.text) and (org or not o_org):
                    kept[i] = pos.model_copy(update={"former": pos.former or other.former})
                merged = True
                break
        if not merged:
            kept.append(pos)
    # a bare title ("Phó trưởng ban") repeated by a fuller title of the same person is one office
    def covered(p: Position, q: Position) -> bool:
        if q is p or not normalize_key(q.title).startswith(normalize_key(p.title)):
            return False
        if not p.organization:
            return bool(q.organization) or len(q.title) > len(p.title)
        return len(q.title) > len(p.title) and normalize_key(q.organization or "") == normalize_key(p.organization)

    return [p for p in kept if not any(covered(p, q) for q in kept)]
