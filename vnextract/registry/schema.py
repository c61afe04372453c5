"""The registry's SQLite schema, in the shape of Popolo: persons, organisations, offices, sources.

Tables (a contract read by other tools: columns and tables are added, never renamed):

* ``documents(id, published, source, n_people, error, ...)``: every input document, failed ones included;
  ``seen`` is the date the registry dates it by (``published``, else the first full date of the text);
* ``persons(id, name, name_key, kind, ...)``: one row per individual (``kind``: official, person, byline);
* ``person_links(person_id, document_id, doc_person, reason, ...)``: which person of which document is
  this individual, and why it was joined to it;
* ``person_mentions(person_id, document_id, start, end, text)``: every mention, offsets into that document;
* ``organizations(id, name, kind, admin_unit_2025, ...)`` and ``organization_mentions``;
* ``offices(id, person_id, organization_id, title, former, first_seen, last_seen, n_documents, ...)`` and
  ``office_evidence(office_id, document_id, start, end, text, ...)``;
* ``dates``, ``percentages``: the documents' other records;
* ``decisions``: manual merges and splits, kept when the registry is rebuilt;
* ``person_search``, ``organization_search``: FTS5 indexes over folded names (accent-insensitive).
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

__all__ = ["DERIVED_TABLES", "SCHEMA_VERSION", "connect", "create_schema"]

SCHEMA_VERSION = "1"

_DDL = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS documents(
    id TEXT PRIMARY KEY, published TEXT, source TEXT, n_people INTEGER NOT NULL DEFAULT 0,
    error TEXT, error_message TEXT, seen TEXT, seen_from TEXT
);
CREATE TABLE IF NOT EXISTS persons(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL, kind TEXT NOT NULL,
    n_documents INTEGER NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT, source TEXT,
    search_name TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS persons_by_key ON persons(name_key, kind);
CREATE TABLE IF NOT EXISTS person_links(
    person_id INTEGER NOT NULL, document_id TEXT NOT NULL, doc_person INTEGER NOT NULL,
    name TEXT NOT NULL, name_key TEXT NOT NULL, anchor TEXT NOT NULL, reason TEXT NOT NULL,
    PRIMARY KEY(document_id, doc_person)
);
CREATE INDEX IF NOT EXISTS person_links_by_person ON person_links(person_id, document_id);
CREATE INDEX IF NOT EXISTS person_links_by_anchor ON person_links(document_id, anchor);
CREATE TABLE IF NOT EXISTS person_mentions(
    person_id INTEGER NOT NULL, document_id TEXT NOT NULL, doc_person INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS person_mentions_by_person ON person_mentions(person_id);
CREATE INDEX IF NOT EXISTS person_mentions_by_doc ON person_mentions(document_id, doc_person);
CREATE TABLE IF NOT EXISTS organizations(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, name_key TEXT NOT NULL UNIQUE, kind TEXT,
    admin_unit_2025 TEXT, province_key TEXT, local_unit TEXT, n_documents INTEGER NOT NULL DEFAULT 0,
    search_name TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS organization_mentions(
    organization_id INTEGER NOT NULL, document_id TEXT NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS organization_mentions_by_org ON organization_mentions(organization_id);
CREATE INDEX IF NOT EXISTS organization_mentions_by_doc ON organization_mentions(document_id);
CREATE TABLE IF NOT EXISTS offices(
    id INTEGER PRIMARY KEY, person_id INTEGER NOT NULL, organization_id INTEGER,
    title TEXT NOT NULL, title_key TEXT NOT NULL, former INTEGER NOT NULL DEFAULT 0,
    acting INTEGER NOT NULL DEFAULT 0, first_seen TEXT, last_seen TEXT, ended_before TEXT,
    n_documents INTEGER NOT NULL DEFAULT 0, n_current INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS offices_by_person ON offices(person_id, title_key);
CREATE INDEX IF NOT EXISTS offices_by_org ON offices(organization_id, title_key);
CREATE INDEX IF NOT EXISTS offices_by_title ON offices(title_key);
CREATE TABLE IF NOT EXISTS office_evidence(
    office_id INTEGER NOT NULL, document_id TEXT NOT NULL, doc_person INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, organization_text TEXT,
    former INTEGER NOT NULL DEFAULT 0, acting INTEGER NOT NULL DEFAULT 0, seen TEXT
);
CREATE INDEX IF NOT EXISTS office_evidence_by_office ON office_evidence(office_id, document_id);
CREATE INDEX IF NOT EXISTS office_evidence_by_doc ON office_evidence(document_id, doc_person);
CREATE TABLE IF NOT EXISTS dates(
    document_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value TEXT NOT NULL, granularity TEXT, part_of_day TEXT, weekday TEXT,
    year_inferred INTEGER NOT NULL DEFAULT 0, lunar INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS dates_by_doc ON dates(document_id);
CREATE TABLE IF NOT EXISTS percentages(
    document_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
    value REAL NOT NULL, value_max REAL, qualifier TEXT, points INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS percentages_by_doc ON percentages(document_id);
CREATE TABLE IF NOT EXISTS decisions(
    id INTEGER PRIMARY KEY, action TEXT NOT NULL, anchors TEXT NOT NULL, other TEXT NOT NULL DEFAULT '[]',
    note TEXT, created TEXT NOT NULL DEFAULT (datetime('now'))
);
CREATE VIRTUAL TABLE IF NOT EXISTS person_search USING fts5(
    search_name, content='persons', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS persons_ai AFTER INSERT ON persons BEGIN
    INSERT INTO person_search(rowid, search_name) VALUES (new.id, new.search_name);
END;
CREATE TRIGGER IF NOT EXISTS persons_ad AFTER DELETE ON persons BEGIN
    INSERT INTO person_search(person_search, rowid, search_name) VALUES ('delete', old.id, old.search_name);
END;
CREATE TRIGGER IF NOT EXISTS persons_au AFTER UPDATE OF search_name ON persons BEGIN
    INSERT INTO person_search(person_search, rowid, search_name) VALUES ('delete', old.id, old.search_name);
    INSERT INTO person_search(rowid, search_name) VALUES (new.id, new.search_name);
END;
CREATE VIRTUAL TABLE IF NOT EXISTS organization_search USING fts5(
    search_name, content='organizations', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER IF NOT EXISTS organizations_ai AFTER INSERT ON organizations BEGIN
    INSERT INTO organization_search(rowid, search_name) VALUES (new.id, new.search_name);
END;
CREATE TRIGGER IF NOT EXISTS organizations_ad AFTER DELETE ON organizations BEGIN
    INSERT INTO organization_search(organization_search, rowid, search_name)
        VALUES ('delete', old.id, old.search_name);
END;
CREATE TRIGGER IF NOT EXISTS organizations_au AFTER UPDATE OF search_name ON organizations BEGIN
    INSERT INTO organization_search(organization_search, rowid, search_name)
        VALUES ('delete', old.id, old.search_name);
    INSERT INTO organization_search(rowid, search_name) VALUES (new.id, new.search_name);
END;
"""

# Everything a rebuild clears: all but ``decisions`` and ``meta``.
DERIVED_TABLES = (
    "documents", "persons", "person_links", "person_mentions", "organizations", "organization_mentions",
    "offices", "office_evidence", "dates", "percentages",
)  # fmt: skip


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (and create) a registry database.

    Write-ahead logging lets queries read while a build writes; each build batch is one transaction,
    so a killed build leaves whole documents only.

    Raises:
        RuntimeError: this SQLite has no FTS5, or the file is a registry of another schema version.
    """
    if readonly:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    else:
        conn = sqlite3.connect(str(path))
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA cache_size=-32768")  # 32 MB of pages: the indexes a build probes stay in memory
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA busy_timeout=10000")
    if not readonly:
        create_schema(conn)
    return conn


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables, indexes, FTS5 tables and triggers when missing; check the schema version."""
    try:
        conn.executescript(_DDL)
    except sqlite3.OperationalError as exc:  # pragma: no cover - SQLite builds without FTS5 are rare
        raise RuntimeError(f"this SQLite cannot hold a registry (FTS5 needed): {exc}") from exc
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    if row is None:
        conn.execute("INSERT INTO meta(key, value) VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        conn.commit()
    elif row[0] != SCHEMA_VERSION:
        raise RuntimeError(f"registry schema version {row[0]}, this vnextract reads {SCHEMA_VERSION}")
