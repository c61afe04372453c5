"""Manual corrections: merge persons into one individual, split documents off a person.

Each edit is applied at once and stored as a decision (:mod:`vnextract.registry.decisions`),
so later builds and rebuilds keep it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from vnextract.registry import store
from vnextract.registry.decisions import anchors_of, record

__all__ = ["merge", "split"]


def _require(conn: sqlite3.Connection, person_id: int) -> sqlite3.Row:
    row = conn.execute("SELECT * FROM persons WHERE id = ?", (person_id,)).fetchone()
    if row is None:
        raise ValueError(f"no person {person_id} in the registry")
    return row


def merge(conn: sqlite3.Connection, person_ids: Iterable[int], *, note: str | None = None) -> int:
    """Make ``person_ids`` one individual (the lowest id stays); returns its id.

    Raises:
        ValueError: fewer than two distinct persons, or an unknown id.
    """
    ids = sorted(set(person_ids))
    if len(ids) < 2:
        raise ValueError("merge needs two persons or more")
    for pid in ids:
        _require(conn, pid)
    anchors = sorted({a for pid in ids for a in anchors_of(conn, pid)})
    decision = record(conn, "merge", anchors, [], note)
    keep = ids[0]
    for other in ids[1:]:
        links = conn.execute("SELECT document_id, doc_person FROM person_links WHERE person_id = ?", (other,))
        store.move(conn, [(r[0], r[1]) for r in links.fetchall()], keep, f"manual merge (decision {decision})")
    conn.commit()
    return keep


def split(conn: sqlite3.Connection, person_id: int, documents: Iterable[str], *, note: str | None = None) -> int:
    """Make the mentions of ``person_id`` in ``documents`` another individual; returns the new person's id.

    Raises:
        ValueError: unknown person, or the documents are none or all of the person's.
    """
    row = _require(conn, person_id)
    docs = set(documents)
    moved = anchors_of(conn, person_id, docs)
    kept = [a for a in anchors_of(conn, person_id) if a not in set(moved)]
    if not moved:
        raise ValueError(f"person {person_id} has no mention in {sorted(docs)}")
    if not kept:
        raise ValueError("a split must leave the person at least one document")
    decision = record(conn, "split", moved, kept, note)
    cur = conn.execute(
        "INSERT INTO persons(name, name_key, kind, source, search_name) VALUES (?, ?, ?, ?, '')",
        (row["name"], row["name_key"], row["kind"], row["source"]),
    )
    new_id = int(cur.lastrowid or 0)
    marks = ",".join("?" * len(docs))
    links = conn.execute(
        f"SELECT document_id, doc_person FROM person_links WHERE person_id = ? AND document_id IN ({marks})",
        (person_id, *sorted(docs)),
    ).fetchall()
    store.move(conn, [(r[0], r[1]) for r in links], new_id, f"manual split (decision {decision})")
    conn.commit()
    return new_id
