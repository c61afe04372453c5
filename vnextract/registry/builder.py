"""Fill the registry from a stream of document records, one transaction per batch.

:class:`Builder` takes records one at a time (dicts as ``vnextract extract`` writes them, or
:class:`~vnextract.records.Document` objects) and never holds more than one document in memory.
A document id already in the registry is skipped, so building again over the same input changes
nothing and a killed build resumes where its last committed batch ended.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from vnextract.records import Document
from vnextract.registry import store
from vnextract.registry.decisions import Constraints
from vnextract.registry.facts import DocPerson, document_date, document_people
from vnextract.registry.identity import best_match
from vnextract.registry.schema import DERIVED_TABLES

__all__ = ["BuildStats", "Builder"]


@dataclass
class BuildStats:
    """What a build did."""

    documents: int = 0
    added: int = 0
    skipped: int = 0
    errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    error_codes: Counter[str] = field(default_factory=Counter)
    persons: int = 0
    offices: int = 0


def _enum(value: Any) -> Any:
    return getattr(value, "value", value)


class Builder:
    """Adds documents to an open registry connection; call :meth:`commit` at batch ends."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.stats = BuildStats()
        self.constraints = Constraints.load(conn)
        self._touched: set[int] = set()
        self._org_ids: dict[str, int] = {}
        self._places: dict[str, tuple[str | None, str | None]] = {}

    def clear(self) -> None:
        """Empty every derived table (a rebuild); manual decisions stay."""
        for table in DERIVED_TABLES:
            self.conn.execute(f"DELETE FROM {table}")
        self.conn.execute("INSERT INTO person_search(person_search) VALUES ('rebuild')")
        self.conn.execute("INSERT INTO organization_search(organization_search) VALUES ('rebuild')")
        self.conn.commit()
        self._org_ids.clear()
        self._places.clear()

    def done(self, document_id: str) -> bool:
        """Whether the document is already in the registry (failed documents are tried again)."""
        row = self.conn.execute("SELECT error FROM documents WHERE id = ?", (document_id,)).fetchone()
        return row is not None and row[0] is None

    def _known(self, document_id: str, ok: bool) -> bool:
        row = self.conn.execute("SELECT error FROM documents WHERE id = ?", (document_id,)).fetchone()
        if row is None:
            return False
        if ok and row[0] is not None:
            store.delete_document(self.conn, document_id)  # it failed before and reads now
            return False
        return True

    def add_error(self, document_id: str | None, code: str, message: str, *, source: str | None = None) -> None:
        """Record a document that could not be read or extracted."""
        self.stats.documents += 1
        self.stats.errors += 1
        self.stats.error_codes[code] += 1
        doc_id = document_id if document_id is not None else f"{source or ''}#error{self.stats.documents}"
        if self._known(doc_id, ok=False):
            return
        self.conn.execute(
            "INSERT INTO documents(id, source, n_people, error, error_message) VALUES (?, ?, 0, ?, ?)",
            (doc_id, source, code, message),
        )

    def add(self, doc: Mapping[str, Any] | Document, *, source: str | None = None, text: str | None = None) -> bool:
        """Add one document record; ``False`` when its id was already there.

        Args:
            source: where the record came from (the input path).
            text: the document's text, when at hand (tells bylines from people).
        """
        if isinstance(doc, Document):
            doc = doc.model_dump(mode="python", exclude={"officials"})
        if not isinstance(doc, Mapping):
            raise TypeError(f"expected a document record (dict or Document), got {type(doc).__name__}")
        self.stats.documents += 1
        doc_id = str(doc.get("id"))
        if self._known(doc_id, ok=True):
            self.stats.skipped += 1
            return False
        seen, seen_from = document_date(doc)
        published = doc.get("published")
        people = doc.get("people") or ()
        self.conn.execute(
            "INSERT INTO documents(id, published, source, n_people, seen, seen_from) VALUES (?, ?, ?, ?, ?, ?)",
            (doc_id, str(published)[:10] if published else None, source, len(people), seen, seen_from),
        )
        orgs = self._organizations(doc_id, doc)
        if len(self._org_ids) > 50_000:  # a bounded cache: memory stays flat in archive size
            self._org_ids.clear()
        self._dates_and_percentages(doc_id, doc)

        def org_id(name: str) -> int:
            if name not in orgs:
                orgs[name] = self._org_ids.get(name) or store.upsert_organization(self.conn, name, None, None)
            return orgs[name]

        def places(name: str) -> tuple[str | None, str | None]:
            org_id(name)
            if name not in self._places:
                if len(self._places) > 50_000:
                    self._places.clear()
                self._places[name] = store.organization_places(self.conn, name)
            return self._places[name]

        for dp in document_people(doc, organization_id=org_id, places=places, seen=seen, source=source, text=text):
            self._place(dp)
        self.stats.added += 1
        if text is not None:
            self.stats.chars += len(text)
        return True

    def _organizations(self, doc_id: str, doc: Mapping[str, Any]) -> dict[str, int]:
        ids: dict[str, int] = {}
        rows = []
        for org in doc.get("organizations") or ():
            name = " ".join(str(org.get("name") or "").split())
            if not name:
                continue
            oid = store.upsert_organization(self.conn, name, _enum(org.get("kind")), org.get("admin_unit_2025"))
            self._org_ids[name] = oid
            self._places.pop(name, None)  # the row may have just learnt its province
            if name not in ids:
                self.conn.execute("UPDATE organizations SET n_documents = n_documents + 1 WHERE id = ?", (oid,))
            ids[name] = oid
            rows.extend((oid, doc_id, m["start"], m["end"], m["text"]) for m in org.get("mentions") or ())
        self.conn.executemany(
            'INSERT INTO organization_mentions(organization_id, document_id, start, "end", text) '
            "VALUES (?, ?, ?, ?, ?)",
            rows,
        )
        return ids

    def _dates_and_percentages(self, doc_id: str, doc: Mapping[str, Any]) -> None:
        self.conn.executemany(
            'INSERT INTO dates(document_id, start, "end", text, value, granularity, part_of_day, weekday, '
            "year_inferred, lunar) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, d["start"], d["end"], d["text"], d["value"], _enum(d.get("granularity")),
                 d.get("part_of_day"), d.get("weekday"), int(bool(d.get("year_inferred"))), int(bool(d.get("lunar"))))
                for d in doc.get("dates") or ()
            ],
        )  # fmt: skip
        self.conn.executemany(
            'INSERT INTO percentages(document_id, start, "end", text, value, value_max, qualifier, points) '
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, p["start"], p["end"], p["text"], p["value"], p.get("value_max"), p.get("qualifier"),
                 int(bool(p.get("points"))))
                for p in doc.get("percentages") or ()
            ],
        )  # fmt: skip

    def _place(self, dp: DocPerson) -> None:
        """Join ``dp`` to the individual it is (manual decisions first, then evidence), or start a new one."""
        forced = self.constraints.together_with(self.conn, dp.anchor) if self.constraints else None
        if forced is not None:
            person_id, reason = forced[0], f"manual merge (decision {forced[1]})"
        else:
            excluded = self.constraints.excluded(self.conn, dp.anchor) if self.constraints else frozenset()
            match = best_match(self.conn, dp, excluded=excluded)
            if match is not None:
                person_id, reason = match.person_id, match.reason
            else:
                person_id, reason = store.new_person(self.conn, dp), "first seen"
        store.attach(self.conn, person_id, dp, reason)
        group = self.constraints.group_of.get(dp.anchor)
        if group is not None:
            self._touched.add(group)

    def reconcile(self, groups: set[int] | None = None) -> None:
        """Merge persons that hold anchors of one manual-merge group."""
        for persons, decision in self.constraints.split_persons(self.conn, groups):
            keep = min(persons)
            for other in sorted(persons - {keep}):
                links = self.conn.execute(
                    "SELECT document_id, doc_person FROM person_links WHERE person_id = ?", (other,)
                ).fetchall()
                store.move(self.conn, [(r[0], r[1]) for r in links], keep, f"manual merge (decision {decision})")

    def commit(self) -> None:
        """Apply pending manual merges and commit the batch."""
        if self._touched:
            self.reconcile(self._touched)
            self._touched = set()
        self.conn.commit()

    def totals(self) -> BuildStats:
        """The statistics, with the registry's person and office counts."""
        self.stats.persons = self.conn.execute("SELECT count(*) FROM persons").fetchone()[0]
        self.stats.offices = self.conn.execute("SELECT count(*) FROM offices").fetchone()[0]
        return self.stats
