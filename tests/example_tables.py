"""Loading the example tables of ``corpora/`` into parametrised tests.

A table is JSONL, one example a line; a row with an ``xfail`` reason is a known
failure, run as a strict xfail so that fixing it is noticed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def table_rows(name: str) -> list[dict]:
    """The rows of ``corpora/<name>``."""
    with (CORPORA / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def table_params(rows: list[dict]) -> list:
    """``pytest.param`` per row, with the input text as its id and strict xfails marked."""
    out = []
    for row in rows:
        marks = [pytest.mark.xfail(strict=True, reason=row["xfail"])] if row.get("xfail") else []
        out.append(pytest.param(row, marks=marks, id=row["text"][:70]))
    return out


def forbidden_hits(row: dict, found: list) -> list[str]:
    """What a negative example forbids among ``found`` (records with start/end/text):
    every hit, or with a ``not`` substring only the hits overlapping it."""
    if "not" not in row:
        return [hit.text for hit in found]
    lo = row["text"].index(row["not"])
    hi = lo + len(row["not"])
    return [hit.text for hit in found if hit.start < hi and lo < hit.end]
