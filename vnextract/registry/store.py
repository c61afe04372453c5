"""Writes to the registry: organisations, persons, their links, mentions and offices.

Adding a document updates each touched row in place (counts, first and last seen), so a
build costs the same per document however large the archive is.  Moving a document's person
to another individual (a merge or a split) recomputes the rows involved from their evidence.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from vnextract.registry.facts import DocPerson, OfficeFact
from vnextract.registry.keys import display_rank, fold, local_unit, org_key, province_2025

__all__ = [
    "attach",
    "delete_document",
    "move",
    "new_person",
    "organization_places",
    "recompute_person",
    "upsert_organization",
]


def _search_name(forms: Iterable[str]) -> str:
    """The FTS text: each written form and its folded form ("Nguyễn Văn Đức | nguyen van duc")."""
    out: list[str] = []
    for form in forms:
        for f in (form, fold(form)):
            if f and f not in out:
                out.append(f)
    return " | ".join(out)


def upsert_organization(conn: sqlite3.Connection, name: str, kind: str | None, admin_unit_2025: str | None) -> int:
    """The id of the organisation called ``name`` (canonical), created on first sight."""
    key = org_key(name)
    row = conn.execute("SELECT id, admin_unit_2025, kind FROM organizations WHERE name_key = ?", (key,)).fetchone()
    if row is not None:
        if (row["admin_unit_2025"] is None and admin_unit_2025) or (row["kind"] in (None, "other") and kind):
            conn.execute(
                "UPDATE organizations SET admin_unit_2025 = coalesce(admin_unit_2025, ?), "
                "province_key = coalesce(province_key, ?), kind = CASE WHEN kind IS NULL OR kind = 'other' "
                "THEN coalesce(?, kind) ELSE kind END WHERE id = ?",
                (admin_unit_2025, province_2025(name, admin_unit_2025), kind, row["id"]),
            )
        return int(row["id"])
    cur = conn.execute(
        "INSERT INTO organizations(name, name_key, kind, admin_unit_2025, province_key, local_unit, search_name) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            name,
            key,
            kind,
            admin_unit_2025,
            province_2025(name, admin_unit_2025),
            local_unit(name),
            _search_name([name]),
        ),
    )
    return int(cur.lastrowid or 0)


def organization_places(conn: sqlite3.Connection, name: str) -> tuple[str | None, str | None]:
    """(post-2025 province key, local unit key) of a known organisation."""
    row = conn.execute("SELECT province_key, local_unit FROM organizations WHERE name_key = ?", (org_key(name),))
    found = row.fetchone()
    return (found["province_key"], found["local_unit"]) if found else (None, None)


def new_person(conn: sqlite3.Connection, dp: DocPerson) -> int:
    """A new individual first seen as ``dp``."""
    cur = conn.execute(
        "INSERT INTO persons(name, name_key, kind, source, search_name) VALUES (?, ?, ?, ?, ?)",
        (dp.name, dp.name_key, dp.kind, dp.source, _search_name([dp.name])),
    )
    return int(cur.lastrowid or 0)


def _office_id(conn: sqlite3.Connection, person_id: int, org_id: int | None, key: str, title: str) -> int:
    row = conn.execute(
        "SELECT id, title FROM offices WHERE person_id = ? AND title_key = ? AND organization_id IS ?",
        (person_id, key, org_id),
    ).fetchone()
    if row is None:
        cur = conn.execute(
            "INSERT INTO offices(person_id, organization_id, title, title_key) VALUES (?, ?, ?, ?)",
            (person_id, org_id, title, key),
        )
        return int(cur.lastrowid or 0)
    if display_rank(title) > display_rank(row["title"]):
        conn.execute("UPDATE offices SET title = ? WHERE id = ?", (title, row["id"]))
    return int(row["id"])


def _add_evidence(conn: sqlite3.Connection, office_id: int, dp: DocPerson, fact: OfficeFact) -> None:
    new_doc = (
        conn.execute(
            "SELECT 1 FROM office_evidence WHERE office_id = ? AND document_id = ? LIMIT 1", (office_id, dp.document_id)
        ).fetchone()
        is None
    )
    conn.execute(
        "INSERT INTO office_evidence(office_id, document_id, doc_person, start, \"end\", text, organization_text, "
        "former, acting, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (office_id, dp.document_id, dp.doc_person, fact.start, fact.end, fact.text, fact.organization_text,
         int(fact.former), int(fact.acting), dp.seen),
    )  # fmt: skip
    row = conn.execute("SELECT * FROM offices WHERE id = ?", (office_id,)).fetchone()
    first, last, ended, n_current = row["first_seen"], row["last_seen"], row["ended_before"], row["n_current"]
    if fact.former:
        if dp.seen and (last is None or dp.seen > last) and (ended is None or dp.seen < ended):
            ended = dp.seen
    else:
        n_current += 1
        if dp.seen:
            first = dp.seen if first is None or dp.seen < first else first
            last = dp.seen if last is None or dp.seen > last else last
            if ended is not None and ended <= last:
                _recompute_office(conn, office_id)  # the office went on after its "former" mention
                return
    acting = int(row["acting"]) if row["n_documents"] else int(fact.acting)
    conn.execute(
        "UPDATE offices SET first_seen = ?, last_seen = ?, ended_before = ?, n_current = ?, "
        "n_documents = n_documents + ?, acting = ?, former = ? WHERE id = ?",
        (first, last, ended, n_current, int(new_doc), acting & int(fact.acting), _former(n_current, ended), office_id),
    )


def _former(n_current: int, ended_before: str | None) -> int:
    """An office is former when a later document calls it so, or no document calls it current."""
    return int(ended_before is not None or n_current == 0)


def _recompute_office(conn: sqlite3.Connection, office_id: int) -> None:
    rows = conn.execute(
        "SELECT document_id, former, acting, seen FROM office_evidence WHERE office_id = ?", (office_id,)
    )
    evidence = rows.fetchall()
    if not evidence:
        conn.execute("DELETE FROM offices WHERE id = ?", (office_id,))
        return
    current = [e for e in evidence if not e["former"]]
    dated = [e["seen"] for e in current if e["seen"]]
    first, last = (min(dated), max(dated)) if dated else (None, None)
    later = [e["seen"] for e in evidence if e["former"] and e["seen"] and (last is None or e["seen"] > last)]
    ended = min(later) if later else None
    conn.execute(
        "UPDATE offices SET first_seen = ?, last_seen = ?, ended_before = ?, n_current = ?, n_documents = ?, "
        "acting = ?, former = ? WHERE id = ?",
        (first, last, ended, len(current), len({e["document_id"] for e in evidence}),
         int(all(e["acting"] for e in evidence)), _former(len(current), ended), office_id),
    )  # fmt: skip


def attach(conn: sqlite3.Connection, person_id: int, dp: DocPerson, reason: str) -> None:
    """Record ``dp`` as (part of) individual ``person_id``, with why: link, mentions, offices, counts."""
    new_doc = (
        conn.execute(
            "SELECT 1 FROM person_links WHERE person_id = ? AND document_id = ? LIMIT 1", (person_id, dp.document_id)
        ).fetchone()
        is None
    )
    conn.execute(
        "INSERT INTO person_links(person_id, document_id, doc_person, name, name_key, anchor, reason) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (person_id, dp.document_id, dp.doc_person, dp.name, dp.name_key, dp.anchor_key, reason),
    )
    conn.executemany(
        'INSERT INTO person_mentions(person_id, document_id, doc_person, start, "end", text) VALUES (?, ?, ?, ?, ?, ?)',
        [(person_id, dp.document_id, dp.doc_person, s, e, t) for s, e, t in dp.mentions],
    )
    for fact in dp.offices:
        office = _office_id(conn, person_id, fact.organization_id, fact.title_key, fact.title)
        _add_evidence(conn, office, dp, fact)
    row = conn.execute("SELECT * FROM persons WHERE id = ?", (person_id,)).fetchone()
    first, last = row["first_seen"], row["last_seen"]
    if dp.seen:
        first = dp.seen if first is None or dp.seen < first else first
        last = dp.seen if last is None or dp.seen > last else last
    name = dp.name if display_rank(dp.name) > display_rank(row["name"]) else row["name"]
    forms = row["search_name"].split(" | ")
    search = row["search_name"] if dp.name in forms else _search_name([*forms, dp.name])
    kind = "official" if dp.offices or row["kind"] == "official" else row["kind"]
    conn.execute(
        "UPDATE persons SET name = ?, kind = ?, first_seen = ?, last_seen = ?, n_documents = n_documents + ? "
        "WHERE id = ?",
        (name, kind, first, last, int(new_doc), person_id),
    )
    if search != row["search_name"]:  # the FTS trigger fires on every write of the column: only when it changes
        conn.execute("UPDATE persons SET search_name = ? WHERE id = ?", (search, person_id))


def recompute_person(conn: sqlite3.Connection, person_id: int) -> None:
    """Counts, dates, display name and search forms of a person from its links; drop it when it has none."""
    links = conn.execute(
        "SELECT l.name, l.document_id, d.seen FROM person_links l JOIN documents d ON d.id = l.document_id "
        "WHERE l.person_id = ?",
        (person_id,),
    ).fetchall()
    if not links:
        conn.execute("DELETE FROM persons WHERE id = ?", (person_id,))
        return
    names = sorted({r["name"] for r in links}, key=display_rank, reverse=True)
    dated = [r["seen"] for r in links if r["seen"]]
    has_office = conn.execute("SELECT 1 FROM offices WHERE person_id = ? LIMIT 1", (person_id,)).fetchone()
    kind_row = conn.execute("SELECT kind FROM persons WHERE id = ?", (person_id,)).fetchone()
    kind = "official" if has_office else ("person" if kind_row["kind"] == "official" else kind_row["kind"])
    conn.execute(
        "UPDATE persons SET name = ?, kind = ?, n_documents = ?, first_seen = ?, last_seen = ?, search_name = ? "
        "WHERE id = ?",
        (names[0], kind, len({r["document_id"] for r in links}), min(dated) if dated else None,
         max(dated) if dated else None, _search_name(names), person_id),
    )  # fmt: skip


def move(conn: sqlite3.Connection, anchors: Iterable[tuple[str, int]], to_person: int, reason: str) -> set[int]:
    """Make the document persons ``(document_id, doc_person)`` part of ``to_person``; returns the persons they left."""
    touched_offices: set[int] = set()
    old_persons: set[int] = set()
    for doc_id, doc_person in anchors:
        row = conn.execute(
            "SELECT person_id FROM person_links WHERE document_id = ? AND doc_person = ?", (doc_id, doc_person)
        ).fetchone()
        if row is None or row["person_id"] == to_person:
            continue
        old_persons.add(int(row["person_id"]))
        conn.execute(
            "UPDATE person_links SET person_id = ?, reason = ? WHERE document_id = ? AND doc_person = ?",
            (to_person, reason, doc_id, doc_person),
        )
        conn.execute(
            "UPDATE person_mentions SET person_id = ? WHERE document_id = ? AND doc_person = ?",
            (to_person, doc_id, doc_person),
        )
        evidence = conn.execute(
            "SELECT e.rowid AS rid, e.office_id, o.organization_id, o.title_key, o.title FROM office_evidence e "
            "JOIN offices o ON o.id = e.office_id WHERE e.document_id = ? AND e.doc_person = ?",
            (doc_id, doc_person),
        ).fetchall()
        for ev in evidence:
            target = _office_id(conn, to_person, ev["organization_id"], ev["title_key"], ev["title"])
            conn.execute("UPDATE office_evidence SET office_id = ? WHERE rowid = ?", (target, ev["rid"]))
            touched_offices.update((int(ev["office_id"]), target))
    for office in touched_offices:
        _recompute_office(conn, office)
    for person in (*old_persons, to_person):
        recompute_person(conn, person)
    return old_persons


def delete_document(conn: sqlite3.Connection, document_id: str) -> None:
    """Remove a document and everything it contributed (used to retry a document that failed before)."""
    persons = {r[0] for r in conn.execute("SELECT person_id FROM person_links WHERE document_id = ?", (document_id,))}
    offices = {
        r[0] for r in conn.execute("SELECT office_id FROM office_evidence WHERE document_id = ?", (document_id,))
    }
    for table in (
        "person_links",
        "person_mentions",
        "office_evidence",
        "organization_mentions",
        "dates",
        "percentages",
    ):
        conn.execute(f"DELETE FROM {table} WHERE document_id = ?", (document_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (document_id,))
    for office in offices:
        _recompute_office(conn, office)
    for person in persons:
        recompute_person(conn, person)
