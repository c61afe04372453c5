"""Parquet input: datasets as they are shipped (Hugging Face exports, Spark and pandas dumps).

A ``.parquet`` file is read a batch of rows at a time (memory stays flat); only
the text, id and publication-date columns are loaded.  Each row becomes one
document, with the id from ``--id-field`` or ``PATH#row<n>`` (1-based).  A date
column may hold strings, dates or timestamps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from vnextract.batch.web import MissingExtraError

__all__ = ["PARQUET_MAGIC", "iter_parquet_rows", "require_parquet"]

PARQUET_MAGIC = b"PAR1"
_BATCH_ROWS = 256


def require_parquet() -> Any:
    """The ``pyarrow.parquet`` module, or :class:`MissingExtraError` naming the extra to install."""
    try:
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtraError(f"Parquet input needs pyarrow: pip install 'vnextract[parquet]' ({exc})") from exc
    return pq


def iter_parquet_rows(
    path: Path,
    name: str,
    *,
    text: str,
    id: str | None,
    published: str | None,
    max_bytes: int,
    to_source: Callable[[dict[str, Any], str], Any],
    failed: Callable[[str, str, str], Any],
) -> Iterator[Any]:
    """Yield ``to_source(row, fallback_id)`` for every row of ``path``; ``failed(id, code, message)`` on damage.

    Args:
        path: the Parquet file.
        name: its display name, the prefix of fallback ids.
        text, id, published: column names (``id``/``published`` may be ``None``).
        max_bytes: a text longer than this (in UTF-8 bytes, estimated) becomes a ``too_large`` error.
    """
    pq = require_parquet()
    try:
        parquet = pq.ParquetFile(path)
    except (OSError, ValueError) as exc:  # pyarrow raises ArrowInvalid (a ValueError) on a damaged file
        yield failed(name, "corrupt_archive", f"cannot read {path} as Parquet: {exc}")
        return
    available = set(parquet.schema_arrow.names)
    if text not in available:
        yield failed(name, "missing_text", f"Parquet file has no {text!r} column: {sorted(available)}")
        return
    columns = [c for c in dict.fromkeys([text, id, published]) if c is not None and c in available]
    row_no = 0
    try:
        for batch in parquet.iter_batches(batch_size=_BATCH_ROWS, columns=columns):
            for row in batch.to_pylist():
                row_no += 1
                fallback = f"{name}#row{row_no}"
                value = row.get(text)
                if isinstance(value, str) and len(value) > max_bytes // 4 and len(value.encode("utf-8")) > max_bytes:
                    yield failed(
                        str(row.get(id) or fallback) if id else fallback,
                        "too_large",
                        f"record is over the size limit of {max_bytes} bytes",
                    )
                    continue
                yield to_source(row, fallback)
    except (OSError, ValueError) as exc:
        yield failed(f"{name}@row{row_no + 1}", "corrupt_archive", f"cannot read {path} after row {row_no}: {exc}")
