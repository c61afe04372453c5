"""Flat tables of extracted records: one row per record, ``document_id`` on every row.

Tables (columns in order):

* ``documents``: document_id, published, error_code, error_message and the record counts;
  error records appear here only, so every input document has its row;
* ``people``: document_id, person, honorifics, ranks (``"; "``-joined), positions and
  mentions (counts), start, end (first mention);
* ``positions``: document_id, person, title, organization, organization_text, former,
  acting, start, end, text;
* ``organizations``: document_id, organization (canonical), abbreviation, kind,
  admin_unit_2025, mentions (count), start, end (first mention);
* ``dates``: document_id, text, start, end, value, granularity, part_of_day, weekday,
  year_inferred, lunar;
* ``percentages``: document_id, text, start, end, value, value_max, qualifier, points;
* ``mentions``: every person and organisation mention: document_id, kind, name, text, start, end.

:func:`table_rows` works on the JSON form of a Document (what the CLI writes), so
the same rows come out of ``to_frames`` and ``vnextract extract --tables``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from vnextract.records import Document, ErrorRecord

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["COLUMNS", "TABLES", "document_rows", "error_rows", "table_rows", "to_frames"]

# column name -> type: "str", "int", "float" or "bool" (nullable in every output format)
COLUMNS: dict[str, dict[str, str]] = {
    "documents": {
        "document_id": "str", "published": "str", "error_code": "str", "error_message": "str",
        "people": "int", "officials": "int", "positions": "int", "organizations": "int", "dates": "int",
        "percentages": "int",
    },
    "people": {
        "document_id": "str", "person": "str", "honorifics": "str", "ranks": "str", "positions": "int",
        "mentions": "int", "start": "int", "end": "int",
    },
    "positions": {
        "document_id": "str", "person": "str", "title": "str", "organization": "str", "organization_text": "str",
        "former": "bool", "acting": "bool", "start": "int", "end": "int", "text": "str",
    },
    "organizations": {
        "document_id": "str", "organization": "str", "abbreviation": "str", "kind": "str",
        "admin_unit_2025": "str", "mentions": "int", "start": "int", "end": "int",
    },
    "dates": {
        "document_id": "str", "text": "str", "start": "int", "end": "int", "value": "str", "granularity": "str",
        "part_of_day": "str", "weekday": "str", "year_inferred": "bool", "lunar": "bool",
    },
    "percentages": {
        "document_id": "str", "text": "str", "start": "int", "end": "int", "value": "float", "value_max": "float",
        "qualifier": "str", "points": "bool",
    },
    "mentions": {"document_id": "str", "kind": "str", "name": "str", "text": "str", "start": "int", "end": "int"},
}  # fmt: skip
TABLES = tuple(COLUMNS)
_JOIN = "; "

Rows = dict[str, list[tuple[Any, ...]]]


def _first(mentions: list[dict[str, Any]]) -> tuple[Any, Any]:
    return (mentions[0]["start"], mentions[0]["end"]) if mentions else (None, None)


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, Document):
        return item.model_dump(mode="json", exclude={"officials"})
    if isinstance(item, ErrorRecord):
        return item.model_dump(mode="json")
    if isinstance(item, dict):
        return item
    raise TypeError(f"to_frames() takes Documents, ErrorRecords or their dicts, not {type(item).__name__}")


def error_rows(doc_id: str | None, code: str, message: str) -> Rows:
    """The rows for a document that became an error record: one row of ``documents``."""
    rows: Rows = {name: [] for name in TABLES}
    rows["documents"].append((doc_id, None, code, message, None, None, None, None, None, None))
    return rows


def document_rows(doc: dict[str, Any]) -> Rows:
    """The rows of every table for one Document in its JSON form (``model_dump(mode="json")``)."""
    if "error" in doc and "people" not in doc:
        error = doc.get("error") or {}
        return error_rows(doc.get("id"), str(error.get("code", "error")), str(error.get("message", "")))
    did = doc.get("id")
    people, orgs = doc.get("people") or [], doc.get("organizations") or []
    dates, pcts = doc.get("dates") or [], doc.get("percentages") or []
    rows: Rows = {name: [] for name in TABLES}
    n_positions = 0
    for p in people:
        mentions, positions = p.get("mentions") or [], p.get("positions") or []
        n_positions += len(positions)
        honorifics, ranks = _JOIN.join(p.get("honorifics") or []), _JOIN.join(p.get("ranks") or [])
        rows["people"].append((did, p["name"], honorifics, ranks, len(positions), len(mentions), *_first(mentions)))
        for q in positions:
            rows["positions"].append((
                did, p["name"], q["title"], q.get("organization"), q.get("organization_text"),
                bool(q.get("former")), bool(q.get("acting")), q["start"], q["end"], q["text"],
            ))  # fmt: skip
        rows["mentions"] += [(did, "person", p["name"], m["text"], m["start"], m["end"]) for m in mentions]
    for o in orgs:
        mentions = o.get("mentions") or []
        rows["organizations"].append((
            did, o["name"], o.get("abbreviation"), o.get("kind"), o.get("admin_unit_2025"), len(mentions),
            *_first(mentions),
        ))  # fmt: skip
        rows["mentions"] += [(did, "organization", o["name"], m["text"], m["start"], m["end"]) for m in mentions]
    for d in dates:
        rows["dates"].append((
            did, d["text"], d["start"], d["end"], d["value"], d.get("granularity"), d.get("part_of_day"),
            d.get("weekday"), bool(d.get("year_inferred")), bool(d.get("lunar")),
        ))  # fmt: skip
    for x in pcts:
        rows["percentages"].append((
            did, x["text"], x["start"], x["end"], x["value"], x.get("value_max"), x.get("qualifier"),
            bool(x.get("points")),
        ))  # fmt: skip
    officials = sum(1 for p in people if p.get("positions"))
    published = doc.get("published")
    rows["documents"].append(
        (did, str(published) if published else None, None, None, len(people), officials, n_positions, len(orgs),
         len(dates), len(pcts))
    )  # fmt: skip
    return rows


def table_rows(docs: Iterable[Any]) -> Iterator[Rows]:
    """Rows per table for each item of ``docs`` (Documents, ErrorRecords or their JSON dicts)."""
    for item in docs:
        yield document_rows(_as_dict(item))


_PANDAS_TYPES = {"str": "string", "int": "Int64", "float": "Float64", "bool": "boolean"}


def _pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:
        raise ImportError("to_frames() needs pandas: pip install 'vnextract[pandas]'") from exc
    return pandas


def to_frames(docs: Any) -> dict[str, pd.DataFrame]:
    """Flat pandas tables of ``docs``: ``{"documents", "people", "positions", "organizations",
    "dates", "percentages", "mentions"}`` (columns in the module docstring).

    Args:
        docs: a Document, or an iterable of Documents, ErrorRecords or their
            JSON dicts (lines of a vnextract JSONL file, parsed).

    Raises:
        TypeError: an item is none of those.
        ImportError: pandas is not installed (the ``pandas`` extra).
    """
    pd = _pandas()
    if isinstance(docs, Document | ErrorRecord | dict):
        docs = [docs]
    elif isinstance(docs, str | bytes) or not isinstance(docs, Iterable):
        raise TypeError(f"to_frames() takes a Document or an iterable of them, not {type(docs).__name__}")
    collected: Rows = {name: [] for name in TABLES}
    for rows in table_rows(docs):
        for name, table in rows.items():
            collected[name] += table
    frames = {}
    for name, columns in COLUMNS.items():
        frame = pd.DataFrame(collected[name], columns=list(columns))
        frames[name] = frame.astype({c: _PANDAS_TYPES[t] for c, t in columns.items()})
    return frames
