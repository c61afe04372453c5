"""Marks for the HTML view: every record mention as a span, nested into a tree.

A mark is one record mention (a person's name, a position, an organisation
mention, a date, a percentage) with the text of its tooltip.  Marks nest where
one record lies inside another ("Chủ tịch [HĐND huyện]"); a mark that crosses
the end of an enclosing one is cut there and goes on as a second piece, so the
marks always form a proper tree of HTML elements.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass, field

from vnextract.records import Document, Person

__all__ = ["KINDS", "Kind", "Mark", "Node", "collect_marks", "nest_marks"]


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record as the view shows it."""

    name: str
    label: str
    description: str


# outermost first: a position holds an organisation, an organisation may hold a date
KINDS: tuple[Kind, ...] = (
    Kind("position", "POSITION", "title and organisation of an office"),
    Kind("person", "PERSON", "a person's name"),
    Kind("organization", "ORG", "an organisation, with its canonical name"),
    Kind("date", "DATE", "a date, as ISO 8601"),
    Kind("percentage", "PERCENT", "a percentage figure"),
)
_RANK = {kind.name: i for i, kind in enumerate(KINDS)}


@dataclass(frozen=True, slots=True)
class Mark:
    """One mention to mark: ``key`` names its record, ``group`` the person it belongs to."""

    start: int
    end: int
    kind: str
    key: str
    tooltip: str
    group: str | None = None
    label: str = ""

    def sort_key(self) -> tuple[int, int, int]:
        """Earlier first, then longer first, then outer kinds first."""
        return (self.start, -self.end, _RANK[self.kind])


@dataclass(slots=True)
class Node:
    """A mark with the marks inside it; ``piece`` > 0 for the continuation of a cut mark."""

    mark: Mark | None
    start: int
    end: int
    piece: int = 0
    children: list[Node] = field(default_factory=list)


def _person_tooltip(person: Person) -> str:
    lines = [person.name]
    if person.honorifics or person.ranks:
        lines.append(", ".join([*person.honorifics, *person.ranks]))
    for pos in person.positions:
        organization = pos.organization or pos.organization_text
        lines.append("• " + _position_line(pos.title, organization, pos.former, pos.acting))
    return "\n".join(lines)


def _position_line(title: str, organization: str | None, former: bool, acting: bool) -> str:
    flags = [word for word, on in (("former", former), ("acting", acting)) if on]
    text = f"{title}, {organization}" if organization else title
    return f"{text} ({', '.join(flags)})" if flags else text


def _number(value: float) -> str:
    return f"{value:g}"


def collect_marks(doc: Document) -> list[Mark]:
    """Every mention of ``doc`` as a :class:`Mark`, in text order."""
    marks: list[Mark] = []
    for i, person in enumerate(doc.people):
        key = f"p{i}"
        tip = _person_tooltip(person)
        marks += [Mark(m.start, m.end, "person", key, tip, key) for m in person.mentions]
        for j, pos in enumerate(person.positions):
            line = _position_line(pos.title, pos.organization, pos.former, pos.acting)
            if pos.organization_text and pos.organization_text != pos.organization:
                line += f"\nas written: {pos.organization_text}"
            marks.append(Mark(pos.start, pos.end, "position", f"{key}.{j}", f"{line}\nheld by {person.name}", key))
    for i, org in enumerate(doc.organizations):
        lines = [org.name, f"kind: {org.kind.value}"]
        if org.abbreviation:
            lines.append(f"abbreviation: {org.abbreviation}")
        if org.admin_unit_2025:
            lines.append(f"province since 2025: {org.admin_unit_2025}")
        marks += [Mark(m.start, m.end, "organization", f"o{i}", "\n".join(lines)) for m in org.mentions]
    for i, d in enumerate(doc.dates):
        notes = [d.granularity.value]
        notes += [word for word, on in (("year inferred", d.year_inferred), ("lunar", d.lunar)) if on]
        notes += [v for v in (d.part_of_day, d.weekday) if v]
        marks.append(Mark(d.start, d.end, "date", f"d{i}", f"{d.value}\n{', '.join(notes)}"))
    for i, p in enumerate(doc.percentages):
        value = _number(p.value) + (f"–{_number(p.value_max)}" if p.value_max is not None else "")
        unit = " percentage points" if p.points else " %"
        tip = f"{p.qualifier} {value}{unit}" if p.qualifier else value + unit
        marks.append(Mark(p.start, p.end, "percentage", f"x{i}", tip))
    marks = [m for m in marks if m.end > m.start]
    marks.sort(key=Mark.sort_key)
    return marks


def nest_marks(marks: list[Mark], length: int) -> Node:
    """Arrange ``marks`` into a tree under a root node spanning ``[0, length)``.

    A mark that crosses the end of the mark it starts in is cut at that end;
    the rest is placed again as a continuation piece.
    """
    root = Node(None, 0, length)
    pending: list[tuple[tuple[int, int, int], int, int, int, Mark]] = []
    for n, mark in enumerate(marks):
        heapq.heappush(pending, ((mark.start, -mark.end, _RANK[mark.kind]), n, mark.start, 0, mark))
    stack = [root]
    while pending:
        _, n, start, piece, mark = heapq.heappop(pending)
        while len(stack) > 1 and stack[-1].end <= start:
            stack.pop()
        parent = stack[-1]
        end = min(mark.end, parent.end)
        node = Node(mark, start, end, piece)
        parent.children.append(node)
        stack.append(node)
        if end < mark.end:  # crosses the parent's end: place the rest again
            heapq.heappush(pending, ((end, -mark.end, _RANK[mark.kind]), n, end, piece + 1, mark))
    return root
