"""Locating the read-only shared corpora (present in CI, optional elsewhere)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
ARTICLES = SHARED / "corpora" / "party_news.jsonl"


def load_articles(limit: int | None = None) -> list[dict]:
    """The real articles, or skip the calling test when ../shared is absent."""
    if not ARTICLES.exists():
        pytest.skip("../shared/corpora/party_news.jsonl is not available")
    rows = []
    with ARTICLES.open(encoding="utf-8") as f:
        for line in f:
            rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows
