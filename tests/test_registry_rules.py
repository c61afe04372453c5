"""The registry's rules as example tables (``corpora/registry_*.jsonl``): identity across two documents,
bylines and photo credits.  Each identity row is two short articles written for the table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.example_tables import table_params, table_rows
from vnextract.registry import Registry, build
from vnextract.registry.keys import is_credit

IDENTITY = table_rows("registry_identity.jsonl")
CREDITS = table_rows("registry_credits.jsonl")


@pytest.mark.parametrize("row", table_params(IDENTITY))
def test_identity_across_two_documents(row: dict, tmp_path: Path) -> None:
    archive = tmp_path / "pair.jsonl"
    docs = [("a", row["published"], row["text"]), ("b", row["then_published"], row["then"])]
    archive.write_text(
        "".join(json.dumps({"id": i, "published": p, "text": t}, ensure_ascii=False) + "\n" for i, p, t in docs),
        encoding="utf-8",
    )
    build([str(archive)], tmp_path / "r.db")
    with Registry(tmp_path / "r.db") as reg:
        found = reg.person(row["name"])
    # both documents name the person: one individual or two, never zero
    assert sum(p.n_documents for p in found) == 2, [p.name for p in found]
    if row["same"]:
        [person] = found
        assert person.links[-1].reason.startswith(row["reason"]), person.links
    else:
        assert len(found) == 2


@pytest.mark.parametrize("row", table_params(CREDITS))
def test_bylines_and_photo_credits(row: dict) -> None:
    text = row["text"]
    start = text.index(row["name"])
    assert is_credit(text, start, start + len(row["name"])) is row["credit"]
