"""Organisations: recognition, canonical names and document-level scope resolution.

``OrganizationExtractor().analyze(doc)`` finds every organisation phrase of a
document (:mod:`.org_patterns`), learns which administrative units the article is
about (:mod:`vnextract.scope`, gazetteer from ``underthesea.address``) and gives
each mention its canonical name (:mod:`.org_resolve`): "HĐND huyện" in an article
about Đầm Hà becomes "Hội đồng nhân dân huyện Đầm Hà".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import regex

from vnextract.extractors.org_lexicon import Head
from vnextract.extractors.org_patterns import Node, OrgParser
from vnextract.extractors.org_resolve import Resolved, Resolver, elided_level
from vnextract.extractors.org_words import web_names
from vnextract.gazetteer import gazetteer
from vnextract.records import Organization, OrganizationKind
from vnextract.scope import DocScope, ScopeFinder
from vnextract.text.document import TextDoc
from vnextract.text.normalize import normalize_key

__all__ = ["OrgAnalysis", "OrgMention", "OrganizationExtractor"]


@dataclass(frozen=True, slots=True)
class OrgMention:
    """One organisation mention; offsets are into the normalised text."""

    start: int
    end: int
    name: str
    kind: OrganizationKind = OrganizationKind.OTHER
    abbreviation: str | None = None
    admin_unit_2025: str | None = None
    # the parent bodies written inside this mention ("Tỉnh ủy Bình Định" of "Ban Tổ chức Tỉnh ủy Bình
    # Định"): organisations of their own, listed with the mention (GUIDELINE: every specific organisation)
    parents: tuple[OrgMention, ...] = ()


class OrgAnalysis:
    """The organisations of one document and its resolved scope."""

    def __init__(
        self,
        doc: TextDoc,
        mentions: list[OrgMention],
        parser: OrgParser | None = None,
        scope: DocScope | None = None,
        resolver: Resolver | None = None,
    ) -> None:
        self.doc = doc
        self.mentions = mentions
        self.scope = scope
        self._parser = parser
        self._resolver = resolver
        self._by_start: dict[int, OrgMention] | None = None  # first mention at each offset, built on demand

    def parse_at(self, start: int) -> OrgMention | None:
        """The organisation phrase beginning exactly at normalised ``start``, resolved.

        Returns the longest phrase starting there ("Ban Tuyên giáo Tỉnh ủy" after
        "Trưởng "), with its canonical, scope-resolved name, or ``None``.
        """
        if self._parser is None or self.scope is None or self._resolver is None:
            return None
        if self._by_start is None:
            self._by_start = {}
            for m in self.mentions:
                self._by_start.setdefault(m.start, m)
        found = self._by_start.get(start)
        if found is not None:
            return found
        node = self._parser.parse(self.doc.text, start, self.scope.bare_ok)
        if node is None:
            return None
        res = self._resolver.resolve(node)
        if not res.keep:
            return None
        return _written_dashes(self.doc, _mention(node, res, self._resolver))

    def member_committee(self, start: int) -> OrgMention | None:
        """The committee of a membership title written as one word ("Tỉnh ủy viên", "Thành ủy viên",
        "Đảng ủy viên"): the committee part at normalised ``start``, resolved like an elided mention.
        """
        if self._parser is None or self._resolver is None:
            return None
        m = _MEMBER.match(self.doc.text, start)
        head = self._parser.lex.head_for(m.group()) if m else None
        if m is None or head is None:
            return None
        node = Node(start, m.end(), head)
        res = self._resolver.resolve(node)
        return _mention(node, res) if res.keep else None

    def records(self, mentions: Iterable[OrgMention]) -> list[Organization]:
        """One :class:`Organization` per canonical name, in order of first mention."""
        by_key: dict[str, Organization] = {}
        spans: dict[str, set[tuple[int, int]]] = {}
        for m in sorted(_with_parents(mentions), key=lambda x: (x.start, -x.end)):
            key = normalize_key(_STATE_FORM.sub(" ", m.name))  # "Quốc hội Campuchia" is "Quốc hội Vương quốc Campuchia"
            org = by_key.get(key)
            if org is None:
                org = Organization(
                    name=m.name, abbreviation=m.abbreviation, kind=m.kind, admin_unit_2025=m.admin_unit_2025
                )
                by_key[key] = org
                spans[key] = set()
            if len(m.name) > len(org.name):
                org.name = m.name  # the fuller form of the state's name
            if (m.start, m.end) in spans[key]:
                continue
            spans[key].add((m.start, m.end))
            org.mentions.append(self.doc.span(m.start, m.end))
            org.abbreviation = org.abbreviation or m.abbreviation
            org.admin_unit_2025 = org.admin_unit_2025 or m.admin_unit_2025
        return list(by_key.values())


def _mention(node: Node, res: Resolved, resolver: Resolver | None = None) -> OrgMention:
    province = res.unit.province if res.unit is not None else None
    parents: tuple[OrgMention, ...] = ()
    if resolver is not None and node.parent is not None and not node.detached:
        pres = resolver.resolve(node.parent)
        # a bare "Tỉnh ủy" says nothing; the national body written alone ("Bộ đội Biên phòng") does
        head = node.parent.head
        unresolved = head.cls != "X" and "national" not in head.flags and pres.name == head.canonical
        if pres.keep and pres.name != res.name and not unresolved:
            parents = (_mention(node.parent, pres, resolver),)
    return OrgMention(
        node.start,
        node.end,
        res.name,
        res.kind,
        _abbreviation(node),
        gazetteer().admin_unit_2025(province) if province else None,
        parents,
    )


def _with_parents(mentions: Iterable[OrgMention]) -> list[OrgMention]:
    """``mentions`` and, after each, the parent bodies written inside it."""
    out: list[OrgMention] = []
    todo = list(mentions)
    while todo:
        m = todo.pop()
        out.append(m)
        todo.extend(m.parents)
    return out


_STATE_FORM = regex.compile(r" (?:Vương quốc|Cộng hòa|Liên bang|Hoàng gia) (?=\p{Lu})")
_DASHES = regex.compile(r"[\u2013\u2014]")


def _written_dashes(doc: TextDoc, m: OrgMention) -> OrgMention:
    """Keep the dash character the article wrote ("Ủy ban Kinh tế – Ngân sách"): the normalised text has "-".

    The dashes of the name are replaced in order by those of the original mention; names whose
    dashes come from the official-name tables ("Bộ Lao động - Thương binh và Xã hội") keep theirs
    unless the article wrote another dash in the same place.
    """
    if "-" not in m.name:
        return m
    original = doc.original_bounds(m.start, m.end)[2]
    if not _DASHES.search(original):
        return m
    written = [c for c in original if c in "-\u2013\u2014"]
    out, i = [], 0
    for c in m.name:
        if c == "-" and i < len(written):
            c, i = written[i], i + 1
        out.append(c)
    return replace(m, name="".join(out))


def _abbreviation(node: Node) -> str | None:
    while node is not None:
        if node.abbreviation:
            return node.abbreviation
        node = node.parent  # type: ignore[assignment]
    return None


_MEMBER = regex.compile(r"(?i:tỉnh ủy|thành ủy|huyện ủy|quận ủy|thị ủy|đảng ủy)(?= viên(?![\p{L}\p{M}]))")
_MEDIA = Head("", "", OrganizationKind.MEDIA, "M", frozenset())


class OrganizationExtractor:
    """Finds organisation mentions and resolves their scope (built once, shared read-only)."""

    def __init__(self) -> None:
        self._parser = OrgParser()
        self._scope = ScopeFinder(self._parser.gaz, self._parser.lex.place_abbr)

    def analyze(self, doc: TextDoc) -> OrgAnalysis:
        """Find every organisation mention of ``doc``."""
        text = doc.text
        scope = self._scope.scan(text, doc.published)
        nodes: list[Node] = []
        last = 0
        for start in self._parser.head_starts(text):
            if start < last or self._parser.in_title(text, start):
                continue
            node = self._parser.parse(text, start, scope.bare_ok)
            if node is not None:
                nodes.append(node)
                last = node.end
        spans = [(n.start, n.end) for n in nodes]
        for start, end, name in web_names(text):  # "Zing.vn" as written, before "Zing" of the media list
            if not any(a < end and start < b for a, b in spans):
                nodes.append(Node(start, end, _MEDIA, name))
                spans.append((start, end))
        for start, end, canonical in self._parser.media_at(text):
            if not any(a < end and start < b for a, b in spans):
                nodes.append(Node(start, end, _MEDIA, canonical))
        nodes.sort(key=lambda n: n.start)
        scope.add_elided(lv for n in nodes if (lv := elided_level(n)))
        resolver = Resolver(scope)
        mentions = [
            _written_dashes(doc, _mention(n, r, resolver))
            for n, r in zip(nodes, resolver.resolve_all(nodes), strict=True)
            if r.keep
        ]
        return OrgAnalysis(doc, mentions, self._parser, scope, resolver)
