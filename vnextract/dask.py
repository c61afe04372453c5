"""Run vnextract on a Dask cluster (``pip install 'vnextract[dask]'``).

Each Dask worker process builds one :class:`~vnextract.Extractor` (cached per
process, shared by its threads) and extracts whole partitions; results keep
the input order within and across partitions, and a document that fails
becomes an error record, never a failed task.

    >>> from dask.distributed import Client
    >>> import dask.bag as db
    >>> from vnextract.dask import extract_bag, write_jsonl
    >>> client = Client("tcp://scheduler:8786")        # a real cluster; Client() for a local one
    >>> bag = db.read_text("/shared/news-*.jsonl").map(json.loads)
    >>> write_jsonl(extract_bag(bag), "/shared/out/")  # a folder every worker can write to

or with a DataFrame::

    >>> ddf = dd.read_parquet("articles/")               # columns id, text, published
    >>> out = extract_dataframe(ddf)                     # columns id, ok, record (JSON)
    >>> write_parquet(out, "out/")                       # one Parquet file per partition

Bag elements may be plain strings (the ``id`` of the result is then ``None``)
or dicts with ``text``/``id``/``published`` fields (names configurable).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from vnextract.batch.items import DEFAULT_MAX_CHARS, error_record, item_fields, to_record
from vnextract.batch.writers import JsonlWriter, Outcome, write_parquet_file
from vnextract.errors import ErrorCode
from vnextract.extractor import Extractor
from vnextract.records import Document

__all__ = ["extract_bag", "extract_dataframe", "extract_records", "write_jsonl", "write_parquet"]

_extractors: dict[bool, Extractor] = {}
_lock = threading.Lock()


def _extractor(use_ner: bool) -> Extractor:
    """One Extractor per worker process (and per ``use_ner`` setting)."""
    if use_ner not in _extractors:
        with _lock:
            if use_ner not in _extractors:
                _extractors[use_ner] = Extractor(use_ner=use_ner)
    return _extractors[use_ner]


def _one(item: Any, fields: tuple[str, str, str], use_ner: bool, max_chars: int) -> dict[str, Any]:
    if not isinstance(item, str | dict):
        message = f"expected a str or a dict, got {type(item).__name__}"
        return error_record(None, ErrorCode.BAD_RECORD, message).model_dump(mode="json")
    text, doc_id, published = item_fields(item, *fields)
    record = to_record(_extractor(use_ner), text, id=doc_id, published=published, max_chars=max_chars)
    return record.model_dump(mode="json")


def extract_records(
    items: Iterable[Any],
    *,
    text_field: str = "text",
    id_field: str = "id",
    published_field: str = "published",
    use_ner: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> list[dict[str, Any]]:
    """Extract one partition: strings or dicts in, JSON-ready Document / error-record dicts out."""
    fields = (text_field, id_field, published_field)
    return [_one(item, fields, use_ner, max_chars) for item in items]


def extract_bag(bag: Any, **options: Any) -> Any:
    """A ``dask.bag.Bag`` of Document (or error-record) dicts, one per element of ``bag``.

    Args:
        bag: elements are texts or dicts with ``text``/``id``/``published``.
        **options: passed to :func:`extract_records` (field names, ``use_ner``, ``max_chars``).
    """
    return bag.map_partitions(extract_records, **options)


def _extract_frame(frame: Any, columns: tuple[str, str | None, str | None], options: dict[str, Any]) -> Any:
    import pandas as pd

    def cell(value: Any) -> Any:
        return None if not isinstance(value, str | list | dict) and pd.isna(value) else value

    text_col, id_col, published_col = columns
    texts = frame[text_col].tolist()
    ids = frame[id_col].tolist() if id_col else [None] * len(texts)
    dates = frame[published_col].tolist() if published_col else [None] * len(texts)
    items = [{"text": cell(t), "id": cell(i), "published": cell(d)} for t, i, d in zip(texts, ids, dates, strict=True)]
    results = extract_records(items, **options)
    return pd.DataFrame(
        {
            "id": pd.Series([r.get("id") for r in results], dtype=object, index=frame.index),
            "ok": pd.Series(["error" not in r for r in results], dtype=bool, index=frame.index),
            "record": pd.Series([json.dumps(r, ensure_ascii=False) for r in results], dtype=object, index=frame.index),
        }
    )


def extract_dataframe(
    ddf: Any,
    *,
    text_column: str = "text",
    id_column: str | None = "id",
    published_column: str | None = "published",
    use_ner: bool = False,
    max_chars: int = DEFAULT_MAX_CHARS,
) -> Any:
    """Extract over a Dask DataFrame's partitions.

    Returns:
        A Dask DataFrame with the input's index and columns ``id``, ``ok`` (no error)
        and ``record`` (the Document or error record as a JSON string).
    """
    import pandas as pd

    columns = (
        text_column,
        id_column if id_column in ddf.columns else None,
        published_column if published_column in ddf.columns else None,
    )
    meta = pd.DataFrame(
        {
            "id": pd.Series([], dtype=object),
            "ok": pd.Series([], dtype=bool),
            "record": pd.Series([], dtype=object),
        }
    )
    options = {"use_ner": use_ner, "max_chars": max_chars}
    return ddf.map_partitions(_extract_frame, columns, options, meta=meta)


def _records_of(part: Any) -> list[dict[str, Any]]:
    if hasattr(part, "columns"):  # a pandas partition of extract_dataframe()
        return [json.loads(r) for r in part["record"]]
    return list(part)


def _outcome(record: dict[str, Any], form: str) -> Outcome:
    if "error" in record:
        error = record["error"]
        return Outcome(id=record.get("id"), error_code=error["code"], error_message=error["message"])
    doc = Document.model_validate(record)
    payload = doc.model_dump_json() if form == "json" else doc.model_dump(mode="python", exclude={"officials"})
    return Outcome(id=doc.id, payload=payload)


def _write_part(part: Any, path: str, fmt: str) -> str:
    if fmt == "jsonl":
        writer = JsonlWriter(path)
        try:
            for record in _records_of(part):
                writer.write(_outcome(record, writer.form))
        finally:
            writer.close()
    else:
        write_parquet_file((_outcome(record, "dict") for record in _records_of(part)), path)
    return path


def _write(result: Any, directory: str | Path, fmt: str) -> list[str]:
    import dask

    Path(directory).mkdir(parents=True, exist_ok=True)
    parts = result.to_delayed()
    if hasattr(parts, "flatten"):  # DataFrame.to_delayed() gives a list, Bag.to_delayed() too; arrays flatten
        parts = list(parts.flatten())
    tasks = [
        dask.delayed(_write_part)(part, str(Path(directory) / f"part-{i:05d}.{fmt}"), fmt)
        for i, part in enumerate(parts)
    ]
    return list(dask.compute(*tasks))


def write_jsonl(result: Any, directory: str | Path) -> list[str]:
    """Write the output of :func:`extract_bag` or :func:`extract_dataframe` as one JSONL file per partition."""
    return _write(result, directory, "jsonl")


def write_parquet(result: Any, directory: str | Path) -> list[str]:
    """Write the output of :func:`extract_bag` or :func:`extract_dataframe` as one Parquet file per partition."""
    return _write(result, directory, "parquet")
