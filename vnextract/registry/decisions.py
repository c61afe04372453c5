"""Manual decisions: "these are one individual" (merge) and "these are not" (split), kept on rebuilds.

A decision names document persons by their *anchor*, ``(document id, anchor key)``: stable when
the registry is rebuilt (person ids are not).  Decisions are replayed in the order they were
made into *groups* of anchors that must stay together and pairs of groups that must stay apart;
a later decision overrides an earlier one.  The build consults them before its own evidence.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field

__all__ = ["Anchor", "Constraints", "anchors_of", "record"]

Anchor = tuple[str, str]


def anchors_of(conn: sqlite3.Connection, person_id: int, documents: Iterable[str] | None = None) -> list[Anchor]:
    """The anchors of a person (only those in ``documents`` when given)."""
    rows = conn.execute("SELECT document_id, anchor FROM person_links WHERE person_id = ?", (person_id,))
    wanted = None if documents is None else set(documents)
    return sorted({(r[0], r[1]) for r in rows if wanted is None or r[0] in wanted})


def record(conn: sqlite3.Connection, action: str, anchors: list[Anchor], other: list[Anchor], note: str | None) -> int:
    """Store a decision; returns its id."""
    cur = conn.execute(
        "INSERT INTO decisions(action, anchors, other, note) VALUES (?, ?, ?, ?)",
        (action, json.dumps(anchors, ensure_ascii=False), json.dumps(other, ensure_ascii=False), note),
    )
    return int(cur.lastrowid or 0)


@dataclass
class Constraints:
    """The replayed decisions: groups of anchors kept together, pairs of groups kept apart."""

    group_of: dict[Anchor, int] = field(default_factory=dict)
    members: dict[int, set[Anchor]] = field(default_factory=dict)
    apart: dict[int, set[int]] = field(default_factory=dict)
    decision_of: dict[int, int] = field(default_factory=dict)
    _next: int = 0

    @classmethod
    def load(cls, conn: sqlite3.Connection) -> Constraints:
        """Replay every decision of the database, oldest first."""
        out = cls()
        for row in conn.execute("SELECT id, action, anchors, other FROM decisions ORDER BY id"):
            anchors = [tuple(a) for a in json.loads(row[2])]
            if row[1] == "merge":
                out._together(anchors, row[0])  # type: ignore[arg-type]
            elif row[1] == "split":
                other = [tuple(a) for a in json.loads(row[3])]
                out._split(anchors, other, row[0])  # type: ignore[arg-type]
        return out

    def _new_group(self, anchors: set[Anchor], decision: int) -> int:
        self._next += 1
        g = self._next
        self.members[g] = anchors
        self.apart[g] = set()
        self.decision_of[g] = decision
        for a in anchors:
            self.group_of[a] = g
        return g

    def _drop_group(self, g: int) -> None:
        for other in self.apart.pop(g, set()):
            self.apart.get(other, set()).discard(g)
        self.members.pop(g, None)

    def _together(self, anchors: list[Anchor], decision: int) -> int:
        old = {self.group_of[a] for a in anchors if a in self.group_of}
        joined = set(anchors).union(*(self.members[g] for g in old))
        apart = set().union(*(self.apart[g] for g in old)) - old
        for g in old:
            self._drop_group(g)
        g = self._new_group(joined, decision)
        for other in apart:
            self.apart[g].add(other)
            self.apart[other].add(g)
        return g

    def _split(self, moved: list[Anchor], kept: list[Anchor], decision: int) -> None:
        moved_set = set(moved)
        for a in moved_set:  # out of whatever group they were in
            g = self.group_of.pop(a, None)
            if g is not None:
                self.members[g].discard(a)
        kept_group = self._together([a for a in kept if a not in moved_set], decision)
        moved_group = self._new_group(moved_set, decision)
        self.apart[kept_group].add(moved_group)
        self.apart[moved_group].add(kept_group)

    def __bool__(self) -> bool:
        return bool(self.group_of)

    def _persons(self, conn: sqlite3.Connection, anchors: Iterable[Anchor]) -> set[int]:
        out = set()
        for doc_id, key in anchors:
            for r in conn.execute(
                "SELECT person_id FROM person_links WHERE document_id = ? AND anchor = ?", (doc_id, key)
            ):
                out.add(int(r[0]))
        return out

    def together_with(self, conn: sqlite3.Connection, anchor: Anchor) -> tuple[int, int] | None:
        """(person, decision) that ``anchor`` must join: one already holding another anchor of its group."""
        g = self.group_of.get(anchor)
        if g is None:
            return None
        persons = self._persons(conn, (a for a in self.members[g] if a != anchor))
        return (min(persons), self.decision_of[g]) if persons else None

    def excluded(self, conn: sqlite3.Connection, anchor: Anchor) -> frozenset[int]:
        """Persons ``anchor`` must not join: those holding an anchor of a group kept apart from its own."""
        g = self.group_of.get(anchor)
        if g is None or not self.apart.get(g):
            return frozenset()
        return frozenset(self._persons(conn, (a for other in self.apart[g] for a in self.members.get(other, ()))))

    def split_persons(
        self, conn: sqlite3.Connection, groups: Iterable[int] | None = None
    ) -> list[tuple[set[int], int]]:
        """Groups whose anchors sit in more than one person: (persons to merge, decision)."""
        out = []
        for g in self.members if groups is None else groups:
            persons = self._persons(conn, self.members.get(g, ()))
            if len(persons) > 1:
                out.append((persons, self.decision_of[g]))
        return out
