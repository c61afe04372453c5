"""The registry over the real shared corpora: the 375 articles and the 2025-era dev passages.

Skipped when ../shared is absent.  Checks the contract (every document a row, every offset exact),
the identity rules' invariants, idempotence and the three queries on real data.
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

from tests.shared_data import ARTICLES, SHARED
from vnextract.registry import BuildOptions, Registry, build
from vnextract.registry.keys import fold, is_membership, title_key

MODERN = SHARED / "corpora" / "gold" / "dev_modern.jsonl"


@pytest.fixture(scope="module")
def corpus_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not ARTICLES.exists() or not MODERN.exists():
        pytest.skip("../shared/corpora is not available")
    db = tmp_path_factory.mktemp("corpus") / "officials.db"
    stats = build([str(ARTICLES), str(MODERN)], db, BuildOptions(workers=2))
    assert stats.errors == 0
    return db


def _texts() -> dict[str, str]:
    out = {}
    for path in (ARTICLES, MODERN):
        with path.open(encoding="utf-8") as f:
            for line in f:
                row = json.loads(line)
                out[str(row["id"])] = row["text"]
    return out


def test_every_document_and_offset(corpus_db: Path) -> None:
    texts = _texts()
    conn = sqlite3.connect(corpus_db)
    assert {r[0] for r in conn.execute("SELECT id FROM documents")} == set(texts)
    for table in ("person_mentions", "office_evidence", "organization_mentions", "dates", "percentages"):
        for doc_id, start, end, text in conn.execute(f'SELECT document_id, start, "end", text FROM {table}'):
            assert texts[doc_id][start:end] == text, (table, doc_id, start, end)


def test_identity_invariants(corpus_db: Path) -> None:
    conn = sqlite3.connect(corpus_db)
    conn.row_factory = sqlite3.Row
    # one person per (document, person of that document), each link with its reason
    assert conn.execute("SELECT count(*) FROM person_links WHERE reason = ''").fetchone()[0] == 0
    # a person joined across documents always has evidence beyond the name
    joined = conn.execute("SELECT reason FROM person_links WHERE reason != 'first seen'").fetchall()
    assert joined and all(r[0].split(":")[0] for r in joined)
    # offices in two provinces join across documents only through a head office or a career step in one body
    provinces: dict[int, set[str]] = defaultdict(set)
    for row in conn.execute(
        "SELECT o.person_id, g.province_key FROM offices o JOIN organizations g ON g.id = o.organization_id "
        "WHERE g.province_key IS NOT NULL"
    ):
        provinces[row[0]].add(row[1])
    for pid in (p for p, ps in provinces.items() if len(ps) > 1):
        reasons = [r[0] for r in conn.execute("SELECT reason FROM person_links WHERE person_id = ?", (pid,))]
        if len(reasons) == 1:
            continue  # one document put them there
        assert any(r.startswith(("same office", "career step", "manual")) for r in reasons), (pid, reasons)
    # bylines never hold offices, one-word names are never joined
    assert conn.execute(
        "SELECT count(*) FROM persons p JOIN offices o ON o.person_id = p.id WHERE p.kind = 'byline'"
    ).fetchone()[0] == 0
    single = conn.execute(
        "SELECT count(*) FROM persons WHERE instr(trim(name), ' ') = 0 AND n_documents > 1 AND kind != 'byline'"
    ).fetchone()[0]
    assert single == 0


def test_building_again_changes_nothing(corpus_db: Path) -> None:
    conn = sqlite3.connect(corpus_db)
    before = conn.execute("SELECT count(*), sum(n_documents) FROM offices").fetchone()
    conn.close()
    again = build([str(ARTICLES), str(MODERN)], corpus_db)
    assert again.added == 0 and again.skipped == again.documents
    assert sqlite3.connect(corpus_db).execute("SELECT count(*), sum(n_documents) FROM offices").fetchone() == before


def test_queries_on_real_data(corpus_db: Path) -> None:
    conn = sqlite3.connect(corpus_db)
    top = conn.execute(
        "SELECT p.name, o.title, g.name FROM offices o JOIN persons p ON p.id = o.person_id "
        "JOIN organizations g ON g.id = o.organization_id ORDER BY o.n_documents DESC LIMIT 20"
    ).fetchall()
    with Registry(corpus_db) as reg:
        for name, title, org in top:
            found = reg.person(fold(name))  # accents dropped
            assert any(p.name == name for p in found), name
            holders = reg.who(title, org)
            assert any(h.name == name for h in holders), (title, org)
            if not is_membership(title_key(title)):
                assert all(title_key(h.title) == title_key(title) for h in holders)
            assert any(o.name == org for o in reg.org(org))
