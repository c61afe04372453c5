"""Canonical names for parsed organisation phrases, with the document's scope filled in.

Rules (GUIDELINE section 1-2): abbreviations expanded, admin-unit words lower-case
inside names ("Ủy ban nhân dân tỉnh Lào Cai"), party committees as "Tỉnh ủy X" /
"Thành ủy X" (the city of Ho Chi Minh keeps "thành phố"), elided scopes resolved
from the article, and a bare head ("Cục", "Ban Thường trực") read as the last
fuller mention of the same body earlier in the document.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from vnextract.extractors.org_lexicon import Head, org_lexicon
from vnextract.extractors.org_nodes import LEGAL
from vnextract.extractors.org_patterns import Node
from vnextract.gazetteer import Unit
from vnextract.records import OrganizationKind
from vnextract.scope import DocScope, level_of_word, units_named

__all__ = ["Resolved", "Resolver", "elided_level"]

_LEGAL_FIRST = sorted(LEGAL, key=len, reverse=True)
BCH_TW = "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam"
_NEAR = 40
_CLAUSE_END = regex.compile(r"[.;:!?\n()]|\s(?:và|với|của|cùng|tại|cho)\s")
_COMMITTEES = frozenset({"Tỉnh", "Thành", "Huyện", "Quận", "Thị"})
_PARTY_HOSTS = _COMMITTEES | {"Đảng"}
_UNIT_BODIES = frozenset({OrganizationKind.PEOPLES_COMMITTEE, OrganizationKind.PEOPLES_COUNCIL})
# bodies that do not host a department's cells and offices
_NOT_HOSTS = frozenset({OrganizationKind.PARTY, OrganizationKind.PEOPLES_COUNCIL, OrganizationKind.MASS_ORGANIZATION})
HCM = "Hồ Chí Minh"
_UB_TW = "Ủy ban Trung ương"
_FRONT = "Mặt trận Tổ quốc Việt Nam"
# the unit word of a committee's level ("Huyện đoàn" of an unknown district is the Youth Union "huyện")
_LEVEL_WORDS = {"tỉnh": "tỉnh", "city": "thành phố", "huyện": "huyện", "quận": "quận", "thị xã": "thị xã", "": ""}


@dataclass(frozen=True, slots=True)
class Resolved:
    """A node's canonical name and what it resolved to."""

    name: str
    kind: OrganizationKind
    unit: Unit | None = None
    keep: bool = True


def _committee_name(unit_name: str) -> str:
    return f"thành phố {HCM}" if unit_name == HCM else unit_name


def _full(unit: Unit) -> str:
    return f"{unit.word} {unit.name}"


def elided_level(node: Node) -> str | None:
    """The level of an elided scope of ``node`` ("Huyện ủy" -> ``huyện``), for focus counting."""
    head, place = node.head, node.place
    if head.cls == "C" and (place is None or place.name is None):
        return head.level
    if place is not None and place.name is None and place.word and place.word[0].islower():
        return level_of_word(place.word)
    if node.parent is not None:
        return elided_level(node.parent)
    return None


class Resolver:
    """Resolves the nodes of one document; bare heads read as fuller mentions of the same body."""

    def __init__(self, scope: DocScope) -> None:
        self.scope = scope
        self.seen: list[tuple[Node, Resolved]] = []
        self._final = False
        # the positions in ``seen`` of each head's first word and kind, so that finding an antecedent
        # reads the few candidates instead of every body seen (long documents stay linear)
        self._by_word: dict[str, list[int]] = {}
        self._by_kind: dict[OrganizationKind, list[int]] = {}

    def _remember(self, node: Node, res: Resolved) -> None:
        self._by_word.setdefault(_first_word(node.head.canonical), []).append(len(self.seen))
        self._by_kind.setdefault(node.head.kind, []).append(len(self.seen))
        self.seen.append((node, res))

    def resolve_all(self, nodes: list[Node]) -> list[Resolved]:
        """Resolve every node: full forms first, then bare ones against them (before, else after)."""
        out: dict[int, Resolved] = {}
        for i, node in enumerate(nodes):
            if not _dependent(node):
                out[i] = self.resolve(node)
                self._remember(node, out[i])
        self._final = True
        # a company's board ("Chủ tịch HĐQT, Tổng giám đốc Công ty X") after the other bodies, and party bodies
        # inside another body ("Bí thư Đảng ủy, Chính ủy ...", "Bí thư Đảng ủy, Chủ tịch HĐQT ...") last
        for stage in range(3):
            for i, node in enumerate(nodes):
                if i not in out and _stage(node) == stage:
                    out[i] = self.resolve(node)
                    self._remember(node, out[i])
        seen, self.seen, self._by_word, self._by_kind = self.seen, [], {}, {}
        for node, res in sorted(seen, key=lambda x: x[0].start):
            self._remember(node, res)
        return [out[i] for i in range(len(nodes))]

    def resolve(self, node: Node, before: int | None = None) -> Resolved:
        """Canonical name of ``node``; anaphora prefers mentions before offset ``before``."""
        limit = node.start if before is None else before
        head = node.head
        if head.cls == "M":
            return Resolved(node.name or head.canonical, head.kind)
        # bare heads and partial names: a fuller mention of the same body
        if head.cls in "FSP" and node.place is None and node.parent is None:
            # "Bí thư Đảng ủy, Chính ủy Quân khu 4", "Chủ tịch HĐQT, Tổng giám đốc Công ty X"
            if node.bare and ("attach" in head.flags or _board(head)) and (body := self._next_body(node)) is not None:
                return body
            coordinated = (node.bare and head.cls == "P") or (node.name and head.canonical == "Ban")
            if coordinated and (shared := self._shared_parent(node)) is not None:
                return shared
            prior = self._antecedent(node, limit)
            if prior is not None:
                return prior
            if "host" in head.flags and node.name and (host := self._host(state_only=True)) is not None:
                return Resolved(f"{head.canonical} {node.name} {host.name}", head.kind, host.unit)
            # party organs inside state bodies ("Ban cán sự Đảng", "Đảng đoàn") are never a committee's
            inside = "attach" in head.flags
            party_organ = head.kind is OrganizationKind.PARTY and not inside
            # other sub-bodies ("Hội đồng quản trị", "Đoàn Chủ tịch") only of a body of their own kind
            same = None if party_organ or inside else head.kind
            host = None
            if head.cls == "P" and node.bare and head.kind is not OrganizationKind.OTHER:
                host = self._host(party=party_organ, nonparty=inside, kind=same)
            if host is not None:
                if host.name.startswith(head.canonical + " "):
                    return host
                if head.canonical == "Ban Chấp hành" and host.unit is not None and host.name.split()[0] in _COMMITTEES:
                    # the executive committee of a provincial party organisation is elected by its Đảng bộ
                    return Resolved(f"Ban Chấp hành Đảng bộ {_full(host.unit)}", host.kind, host.unit)
                return Resolved(f"{head.canonical} {host.name}", host.kind, host.unit)
            if node.bare and not self._bare_allowed(node):
                return Resolved(head.canonical, head.kind, keep=False)
        parts = [head.canonical]
        if node.name:
            parts.append(node.name)
        unit: Unit | None = None
        kind = head.kind
        place = node.place
        if head.cls == "C":
            # "Tỉnh đoàn Bắc Ninh" is "Đoàn Thanh niên Cộng sản Hồ Chí Minh tỉnh Bắc Ninh": the unit with its word
            worded = "unit" in head.flags
            if place is not None and place.name is not None:
                unit = self.scope.bare_unit(place.name) if place.word is None else self._named(place.word, place.name)
                if place.name.isdigit():
                    parts.append(f"{place.word or 'quận'} {place.name}")  # "Quận ủy quận 2"
                elif worded:
                    word = place.word or _LEVEL_WORDS[head.level or ""]
                    parts.append(_full(unit) if unit else f"{word} {place.name}")
                else:
                    parts.append(_committee_name(unit.name if unit else place.name))
            else:
                unit = self.scope.resolve(head.level or "province", node.end)
                if unit is not None:
                    parts.append(_full(unit) if worded else _committee_name(unit.name))
                elif worded:
                    parts.append(_LEVEL_WORDS[head.level or ""])
        elif place is not None:
            if place.word in ("Trung ương", "Việt Nam"):
                if not parts[-1].endswith(place.word):  # "Mặt trận Tổ quốc (MTTQ) Việt Nam": written once
                    parts.append(place.word)
            elif place.word == "country":
                parts.append(place.name or "")
            else:
                if place.name is None:
                    unit = self.scope.resolve(level_of_word(place.word or ""), node.end)
                    if unit is None and place.level_only:
                        return Resolved(head.canonical, head.kind, keep=False)  # "UBND cấp tỉnh" of any province
                    parts.append(_full(unit) if unit else (place.word or ""))
                elif place.word is None:
                    unit = self.scope.bare_unit(place.name)
                    parts.append(_full(unit) if unit is not None and "u" in head.flags else place.name)
                else:
                    unit = self._named(place.word, place.name)
                    parts.append(f"{place.word} {place.name}" if unit is None else _full(unit))
                if " Trung ương " in parts[0]:  # "Ủy ban Trung ương MTTQ Việt Nam tỉnh X" is the province's
                    parts[0] = parts[0].replace(" Trung ương ", " ")
        elif node.parent is not None:
            parent = self.resolve(node.parent, limit)
            if not parent.keep:
                return Resolved(head.canonical, head.kind, keep=False)  # a part of a generic body is generic
            unit = parent.unit
            if head.cls == "P" and "attach" not in head.flags:
                kind = parent.kind
            if head.canonical == "Ban Chấp hành" and parent.name == BCH_TW:
                return Resolved(BCH_TW, OrganizationKind.PARTY)
            if node.of:
                parts.append("của")
            parts.append(parent.name)
        elif head.bare_level and (node.name or head.cls == "S") and not _proper_name(node):
            unit = self.scope.resolve(head.bare_level)
            if unit is not None:
                parts.append(_full(unit))
            elif node.bare and self._placeless():
                # "thành viên Ủy ban nhân dân các cấp" in an article that names no place: any council's
                return Resolved(head.canonical, head.kind, keep=False)
        if node.suffix:
            parts.append(node.suffix)
        name = " ".join(p for p in parts if p)
        if name == _UB_TW and (front := self._front_central()) is not None:
            return front  # "Ủy ban TƯ" in an article about the Front
        return Resolved(name, kind, unit)

    def _placeless(self) -> bool:
        """Whether the article names no place at all (an elided unit then means any unit)."""
        return not self.scope.provinces and not self.scope.positions

    def _front_central(self) -> Resolved | None:
        """The Front's central committee when the article names the Front."""
        for node, res in self.seen:
            if (res.keep and res.name.startswith(_FRONT)) or (node.head.canonical == _FRONT and node.head.cls == "X"):
                return Resolved(f"Ủy ban Trung ương {_FRONT}", OrganizationKind.MASS_ORGANIZATION)
        return None

    def _shared_parent(self, node: Node) -> Resolved | None:
        """A bare sub-body coordinated with the next one shares its parent: "Ban Chấp hành, Ban Thường vụ
        Tỉnh ủy Yên Bái" -> "Ban Chấp hành Đảng bộ tỉnh Yên Bái"."""
        if not self._final:
            return None
        text = self.scope.text
        following = [x for x in self.seen if x[0].start >= node.end]
        for nxt, _ in sorted(following, key=lambda x: x[0].start)[:1]:
            gap = text[node.end : nxt.start]
            if gap not in (", ", " và ") or nxt.parent is None or nxt.detached:
                return None
            if nxt.head.cls != "P" and nxt.head.canonical != node.head.canonical:
                return None  # "Ban Pháp chế và Ban Kinh tế - Xã hội HĐND huyện": two boards of one council
            parent = self.resolve(nxt.parent)
            if not parent.keep:
                return None
            head = node.head
            if head.canonical == "Ban Chấp hành" and parent.unit is not None and parent.name.split()[0] in _COMMITTEES:
                return Resolved(f"Ban Chấp hành Đảng bộ {_full(parent.unit)}", parent.kind, parent.unit)
            return Resolved(f"{_base(node)} {parent.name}", parent.kind, parent.unit)
        return None

    def _next_body(self, node: Node) -> Resolved | None:
        """The non-party body named right after ``node`` in the same clause list, as its party organ's host.

        "Bí thư Đảng ủy, Chính ủy Quân khu 4" -> "Đảng ủy Quân khu 4"; a people's committee or
        council lends only its unit ("Bí thư Đảng ủy, Chủ tịch UBND xã X" -> "Đảng ủy xã X").
        """
        if not self._final:
            return None
        following = sorted((x for x in self.seen if x[0].start >= node.end), key=lambda x: x[0].start)
        for nxt, res in following[:1]:
            if nxt.start - node.end > _NEAR or _CLAUSE_END.search(self.scope.text, node.end, nxt.start):
                return None
            if not res.keep or res.kind is OrganizationKind.PARTY or nxt.head.cls == "M":
                return None
            if nxt.bare and nxt.head.cls != "X" and res.name == nxt.head.canonical:
                return None  # an unresolved bare head says nothing
            if node.head.canonical == "Đảng ủy" and nxt.head.canonical == "Phòng" and nxt.parent is not None:
                # "Đảng ủy viên, Trưởng phòng X, Viện Kiểm sát ...": an office has no party committee of its own
                parent = self.resolve(nxt.parent)
                return Resolved(f"{node.head.canonical} {parent.name}", node.head.kind, parent.unit)
            if (army := self._army_committee(node, nxt, res)) is not None:
                return army
            if nxt.head.cls == "P" and res.name.startswith(nxt.head.canonical + " "):
                # "Bí thư Đảng ủy, Chủ tịch HĐQT Công ty X": the party committee of the company, not of its board
                res = Resolved(res.name[len(nxt.head.canonical) + 1 :], res.kind, res.unit)
            commune_front = res.kind is OrganizationKind.MASS_ORGANIZATION and res.unit and res.unit.level == "commune"
            if node.head.canonical == "Đảng ủy" and (res.kind in _UNIT_BODIES or commune_front):
                # the party committee of the unit, not of its people's committee or front
                if res.unit is None:
                    return None
                return Resolved(f"{node.head.canonical} {_full(res.unit)}", node.head.kind, res.unit)
            return Resolved(f"{node.head.canonical} {res.name}", node.head.kind, res.unit)
        return None

    def _army_committee(self, node: Node, nxt: Node, res: Resolved) -> Resolved | None:
        """The party committee of an army unit named by its command: "Đảng ủy, Bộ Tư lệnh Quân khu 7" ->
        "Đảng ủy Quân khu 7"; "Đảng ủy, Bộ Chỉ huy Quân sự tỉnh X" -> "Đảng ủy Quân sự tỉnh X"."""
        if node.head.canonical != "Đảng ủy":
            return None
        if nxt.head.canonical == "Bộ Tư lệnh" and nxt.name is None and nxt.parent is not None:
            parent = self.resolve(nxt.parent)
            return Resolved(f"Đảng ủy {parent.name}", node.head.kind, parent.unit) if parent.keep else None
        if nxt.head.canonical == "Bộ Chỉ huy Quân sự" and res.unit is not None:
            return Resolved(f"Đảng ủy Quân sự {_full(res.unit)}", node.head.kind, res.unit)
        return None

    def _host(
        self,
        state_only: bool = False,
        party: bool = False,
        nonparty: bool = False,
        kind: OrganizationKind | None = None,
    ) -> Resolved | None:
        """The body the article is mostly about, for a bare sub-body ("Ban Thường trực").

        With ``state_only`` only non-party bodies with a known unit count ("Chi bộ 4" of a department).
        """
        if not self._final:
            return None
        counts: dict[str, int] = {}
        first: dict[str, Resolved] = {}
        for node, res in self.seen:
            cls = node.head.cls
            named_x = "scope" in node.head.flags or node.head.kind is OrganizationKind.ENTERPRISE  # "EVN"
            if cls in "MP" or (cls == "X" and not named_x) or (cls != "X" and node.bare):
                continue
            if state_only and (res.kind in _NOT_HOSTS or res.unit is None or "host" in node.head.flags):
                continue
            if party and (res.kind is not OrganizationKind.PARTY or res.name.split()[0] not in _PARTY_HOSTS):
                continue
            if nonparty and res.kind is OrganizationKind.PARTY:
                continue
            if kind is not None and res.kind is not kind:
                continue
            counts[res.name] = counts.get(res.name, 0) + 1
            first.setdefault(res.name, res)
        if not counts:
            return None
        name = max(counts, key=lambda k: counts[k])
        return first[name] if counts[name] >= 2 else None

    def _named(self, word: str, name: str) -> Unit | None:
        for unit in self.scope.bare_units(name) or self.scope.gaz.find(name):
            if unit.word == word or (word == "thành phố" and unit.level == "province" and unit.word == word):
                return unit
        units = units_named(self.scope.gaz, name, word)  # "huyện Thuận Thành", a town since
        return self.scope.pick(units)

    @staticmethod
    def _bare_allowed(node: Node) -> bool:
        head = node.head
        return head.cls in "XCP" or bool(head.bare_level and head.cls == "S") or not head.flags.isdisjoint(
            ("noname", "bare", "national")
        )

    def _antecedent(self, node: Node, limit: int) -> Resolved | None:
        """The nearest fuller mention of the same body: before ``limit``, else (second pass) after it."""
        # every way _fuller can hold needs the same first head word, or (bare long heads) the same kind
        where = set(self._by_word.get(_first_word(node.head.canonical), ()))
        if node.bare and len(node.head.canonical.split()) >= 3:
            where.update(self._by_kind.get(node.head.kind, ()))
        candidates = [self.seen[i] for i in sorted(where)]
        before = [x for x in candidates if x[0].start < limit]
        after = [x for x in candidates if x[0].start > limit] if self._final else []
        bloc = None
        for prev, res in [*reversed(before), *after]:
            if res.keep and _fuller(prev, res, node):
                if "bloc" not in prev.head.flags or prev.head.canonical == node.head.canonical:
                    return res
                # "Đảng ủy" after "Đảng ủy các cơ quan Đảng tỉnh": the committee of the body the article is
                # about when one is named, the bloc's only when none is
                bloc = bloc or res
        return bloc


def _proper_name(node: Node) -> bool:
    """A centre named like a person or a club ("Trung tâm Con người và Thiên nhiên"), capitalised past
    its first word: its own name, not a local office of the article's province."""
    if node.head.canonical != "Trung tâm" or not node.name or node.name in _field_names():
        return False  # "Trung tâm Truyền thông và Văn hóa": a field, the office of the article's district
    return any(w[:1].isupper() for w in node.name.split()[1:])


@functools.cache
def _field_names() -> frozenset[str]:
    return frozenset(org_lexicon().fields.values())


@functools.cache
def _first_word(canonical: str) -> str:
    return canonical.split(" ", 1)[0]


def _base(node: Node) -> str:
    return f"{node.head.canonical} {node.name}" if node.name else node.head.canonical


def _fuller(prev: Node, res: Resolved, node: Node) -> bool:
    """Whether ``prev`` (resolved as ``res``) is a fuller mention of the body ``node`` names."""
    if prev is node or prev.head.cls == "M":
        return False
    scoped = prev.place is not None or prev.parent is not None
    if node.name is None:
        base = _base(prev)
        if (base == node.head.canonical or base.startswith(node.head.canonical + " ")) and (scoped or prev.name):
            return True
    elif _base(prev) == _base(node) and scoped:
        return True
    elif prev.name and prev.head.canonical == node.head.canonical and _without_legal(prev.name) == node.name:
        return prev.name != node.name  # "Công ty Cường Hưng" after "Công ty TNHH Cường Hưng"
    if node.bare and prev.head.kind == node.head.kind and len(node.head.canonical.split()) >= 3:
        # "Ủy ban MTTQ Việt Nam" after "Ủy ban Trung ương MTTQ Việt Nam": the head's words in order
        head_words, name_words = node.head.canonical.split(), res.name.split()
        words = iter(name_words)
        return (
            name_words[:2] == head_words[:2]
            and all(w in words for w in head_words)
            and res.name != node.head.canonical
        )
    return False


def _without_legal(name: str) -> str:
    """``name`` without its leading legal forms ("Trách nhiệm hữu hạn Cường Hưng" -> "Cường Hưng")."""
    changed = True
    while changed:
        changed = False
        for form in _LEGAL_FIRST:
            if name.startswith(form + " "):
                name, changed = name[len(form) + 1 :], True
    return name


def _board(head: Head) -> bool:
    """A company's board ("HĐQT", "Hội đồng Thành viên"): written alone it is that of the company named next."""
    return head.cls == "P" and head.kind is OrganizationKind.ENTERPRISE


def _stage(node: Node) -> int:
    """When a dependent node is resolved: other bodies (0), bare boards (1), party bodies inside another (2)."""
    if "attach" in node.head.flags:
        return 2
    return 1 if node.bare and _board(node.head) else 0


def _dependent(node: Node) -> bool:
    """A node whose name depends on other mentions (bare head, or a parent that is one)."""
    if node.head.cls in "FSP" and node.place is None and node.parent is None:
        return True
    return node.parent is not None and _dependent(node.parent)
