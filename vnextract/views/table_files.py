"""``vnextract extract --tables DIR``: the flat tables written as files while a run goes on.

One file per table (``DIR/positions.csv`` ...; names and columns in
:mod:`vnextract.views.tables`), written as documents arrive, so memory stays
flat whatever the archive size: CSV rows go straight to disk, Parquet rows in
row groups of ``row_group`` rows.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any, Literal, TextIO

from vnextract.views.tables import COLUMNS, Rows, document_rows, error_rows

__all__ = ["TableFiles", "TablesTee"]

TableFormat = Literal["csv", "parquet"]
_ARROW_TYPES = {"str": "string", "int": "int64", "float": "float64", "bool": "bool_"}


class TableFiles:
    """Writes rows of every table to ``folder/<table>.<format>``; ``close`` finishes the files."""

    def __init__(self, folder: str | Path, format: TableFormat = "csv", *, row_group: int = 20_000) -> None:
        if format not in ("csv", "parquet"):
            raise ValueError(f"table format must be 'csv' or 'parquet', not {format!r}")
        self.folder = Path(folder)
        self.format = format
        self.row_group = row_group
        self.folder.mkdir(parents=True, exist_ok=True)
        self._csv: dict[str, tuple[TextIO, Any]] = {}
        self._parquet: dict[str, Any] = {}
        self._buffers: dict[str, list[tuple[Any, ...]]] = {name: [] for name in COLUMNS}
        if format == "csv":
            for name, columns in COLUMNS.items():
                handle = (self.folder / f"{name}.csv").open("w", encoding="utf-8", newline="")
                writer = csv.writer(handle)
                writer.writerow(columns)
                self._csv[name] = (handle, writer)
        else:
            self._open_parquet()

    def paths(self) -> list[Path]:
        """The files this writer makes."""
        return [self.folder / f"{name}.{self.format}" for name in COLUMNS]

    def _open_parquet(self) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError as exc:
            from vnextract.batch.web import MissingExtraError

            raise MissingExtraError(f"Parquet tables need pyarrow: pip install 'vnextract[parquet]' ({exc})") from exc
        self._pa = pa
        for name, columns in COLUMNS.items():
            schema = pa.schema([(c, getattr(pa, _ARROW_TYPES[t])()) for c, t in columns.items()])
            self._parquet[name] = pq.ParquetWriter(str(self.folder / f"{name}.parquet"), schema)

    def write(self, rows: Rows) -> None:
        """Add one document's rows."""
        for name, table in rows.items():
            if not table:
                continue
            if self.format == "csv":
                self._csv[name][1].writerows(table)
            else:
                buffer = self._buffers[name]
                buffer += table
                if len(buffer) >= self.row_group:
                    self._flush_table(name)

    def _flush_table(self, name: str) -> None:
        buffer = self._buffers[name]
        if not buffer:
            return
        writer = self._parquet[name]
        columns = list(zip(*buffer, strict=True))
        arrays = [self._pa.array(col, type=field.type) for col, field in zip(columns, writer.schema, strict=True)]
        writer.write_table(self._pa.Table.from_arrays(arrays, schema=writer.schema))
        buffer.clear()

    def flush(self) -> None:
        """Hand CSV rows to the operating system (Parquet rows wait for a full row group)."""
        for handle, _ in self._csv.values():
            handle.flush()

    def close(self) -> None:
        """Write what is buffered and close every file."""
        for handle, _ in self._csv.values():
            handle.close()
        for name, writer in self._parquet.items():
            self._flush_table(name)
            writer.close()
        self._csv.clear()
        self._parquet.clear()


class TablesTee:
    """A batch writer that passes every outcome on to ``inner`` and its rows to ``tables``.

    With ``inner=None`` only the tables are written (error records land in the
    ``documents`` table).  It asks the workers for JSON lines, which it parses
    for the tables and hands on unchanged to a JSONL writer; other writers get
    the form they expect rebuilt from the JSON.
    """

    form = "json"
    accepts_errors = True

    def __init__(self, inner: Any | None, tables: TableFiles) -> None:
        self.inner = inner
        self.tables = tables
        self.accepts_errors = inner is None or bool(inner.accepts_errors)

    def __getattr__(self, name: str) -> Any:
        # anything else a writer offers (paths, resume support ...) is the inner writer's
        inner = self.__dict__.get("inner")
        if inner is None:
            raise AttributeError(name)
        return getattr(inner, name)

    def write(self, outcome: Any) -> None:
        """Write one outcome (see :class:`vnextract.batch.writers.Outcome`)."""
        if outcome.error_code is not None:
            self.tables.write(error_rows(outcome.id, outcome.error_code, outcome.error_message or ""))
            if self.inner is not None:
                self.inner.write(outcome)
            return
        data = json.loads(outcome.payload)
        self.tables.write(document_rows(data))
        if self.inner is None:
            return
        if getattr(self.inner, "form", "json") != "json":
            from vnextract.batch.writers import document_payload
            from vnextract.records import Document

            doc = Document.model_validate(data)
            outcome = type(outcome)(**{**_fields(outcome), "payload": document_payload(doc, self.inner.form)})
        self.inner.write(outcome)

    def flush(self) -> None:
        """Flush both."""
        self.tables.flush()
        if self.inner is not None:
            self.inner.flush()

    def close(self) -> None:
        """Close both."""
        try:
            self.tables.close()
        finally:
            if self.inner is not None:
                self.inner.close()


def _fields(outcome: Any) -> dict[str, Any]:
    from dataclasses import fields

    return {f.name: getattr(outcome, f.name) for f in fields(outcome)}


def with_tables(output: Any | None, errors: Any | None, folder: str | Path, format: TableFormat) -> tuple[Any, Any]:
    """Wrap a run's output and errors writers so that every outcome also goes to the tables in ``folder``.

    ``output=None`` writes the tables only.  Both wrappers share one
    :class:`TableFiles`, and each outcome goes to exactly one of them, so every
    input document has exactly one row in the ``documents`` table.
    """
    files = TableFiles(folder, format)
    return TablesTee(output, files), (TablesTee(errors, files) if errors is not None else None)
