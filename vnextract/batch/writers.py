"""Output formats: JSONL (default), Parquet (nested records) and a flat CSV of positions.

Writers receive :class:`Outcome` items already rendered by the workers into
the writer's ``form`` (a JSON line, a dict, or CSV rows), so the parent
process only writes bytes.
"""

from __future__ import annotations

import csv
import sys
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, Literal, TextIO

from pydantic import BaseModel

from vnextract.batch.web import MissingExtraError
from vnextract.records import Document, ErrorInfo, ErrorRecord

__all__ = [
    "POSITION_COLUMNS",
    "CsvPositionsWriter",
    "JsonlWriter",
    "Outcome",
    "ParquetWriter",
    "Writer",
    "arrow_schema",
    "document_payload",
    "open_writer",
    "read_parquet",
]

Form = Literal["json", "dict", "positions"]
POSITION_COLUMNS = (
    "document_id", "published", "person", "title", "organization", "organization_text",
    "position", "start", "end", "former", "acting",
)  # fmt: skip


@dataclass(slots=True)
class Outcome:
    """One processed document: its rendered payload or its error, and counts for the summary."""

    id: str | None
    payload: Any = None
    error_code: str | None = None
    error_message: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    chars: int = 0

    def error_record(self) -> ErrorRecord:
        """The :class:`ErrorRecord` standing in for this document."""
        info = ErrorInfo(code=self.error_code or "error", message=self.error_message or "")
        return ErrorRecord(id=self.id, error=info)


def document_payload(doc: Document, form: Form) -> Any:
    """Render a Document for a writer of ``form``."""
    if form == "json":
        return doc.model_dump_json()
    if form == "dict":
        return doc.model_dump(mode="python", exclude={"officials"})
    rows = []
    for person in doc.people:
        for pos in person.positions:
            when = doc.published.isoformat() if doc.published else ""
            org, org_text = pos.organization or "", pos.organization_text or ""
            rows.append([doc.id, when, person.name, pos.title, org, org_text, pos.text, pos.start, pos.end])
            rows[-1] += [int(pos.former), int(pos.acting)]
    return rows


class Writer:
    """Base class: ``write`` outcomes, ``flush`` to the OS, ``close`` at the end."""

    form: Form = "json"
    accepts_errors = True

    def write(self, outcome: Outcome) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def flush(self) -> None:
        """Hand buffered output to the operating system."""

    def close(self) -> None:
        """Flush and close."""


class JsonlWriter(Writer):
    """One JSON object per line; ``-`` writes to standard output."""

    form: Form = "json"

    def __init__(self, path: str | Path, *, append: bool = False) -> None:
        self.path = str(path)
        self._own = self.path != "-"
        self._file: TextIO = (
            open(self.path, "a" if append else "w", encoding="utf-8", newline="\n")  # noqa: SIM115
            if self._own
            else sys.stdout
        )

    def write(self, outcome: Outcome) -> None:
        line = outcome.payload if outcome.error_code is None else outcome.error_record().model_dump_json()
        self._file.write(line + "\n")

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.flush()
        if self._own:
            self._file.close()


class CsvPositionsWriter(Writer):
    """A flat table with one row per (person, position); documents without positions add no row."""

    form: Form = "positions"
    accepts_errors = False

    def __init__(self, path: str | Path) -> None:
        self._file = open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115
        self._csv = csv.writer(self._file)
        self._csv.writerow(POSITION_COLUMNS)

    def write(self, outcome: Outcome) -> None:
        if outcome.error_code is None:
            self._csv.writerows(outcome.payload)

    def flush(self) -> None:
        self._file.flush()

    def close(self) -> None:
        self._file.close()


# --- Parquet ---------------------------------------------------------------------------------------


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise MissingExtraError(f"Parquet output needs pyarrow: pip install 'vnextract[parquet]' ({exc})") from exc
    return pa, pq


def _arrow_type(pa: Any, annotation: Any) -> Any:
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _arrow_type(pa, args[0])
    if origin is list:
        return pa.list_(_arrow_type(pa, typing.get_args(annotation)[0]))
    if isinstance(annotation, type):
        if issubclass(annotation, BaseModel):
            return pa.struct([pa.field(n, _arrow_type(pa, f.annotation)) for n, f in annotation.model_fields.items()])
        if issubclass(annotation, Enum) or issubclass(annotation, str):
            return pa.string()
        if issubclass(annotation, bool):
            return pa.bool_()
        if issubclass(annotation, int):
            return pa.int64()
        if issubclass(annotation, float):
            return pa.float64()
        if issubclass(annotation, date):
            return pa.date32()
    raise TypeError(f"no Arrow type for {annotation!r}")


def arrow_schema() -> Any:
    """The Arrow schema of a Document row (derived from the pydantic models), plus a nullable ``error``."""
    pa, _ = _pyarrow()
    fields = [pa.field(n, _arrow_type(pa, f.annotation)) for n, f in Document.model_fields.items()]
    fields.append(pa.field("error", pa.struct([pa.field("code", pa.string()), pa.field("message", pa.string())])))
    return pa.schema(fields)


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


class ParquetWriter(Writer):
    """Documents as nested Parquet rows (people → positions → ...), written in row groups."""

    form: Form = "dict"

    def __init__(self, path: str | Path, *, row_group_size: int = 2000) -> None:
        pa, pq = _pyarrow()
        self._pa = pa
        self.schema = arrow_schema()
        self._writer = pq.ParquetWriter(str(path), self.schema, compression="zstd")
        self._rows: list[dict[str, Any]] = []
        self.row_group_size = row_group_size

    def write(self, outcome: Outcome) -> None:
        if outcome.error_code is None:
            row = _plain(outcome.payload)
            row["error"] = None
        else:
            row = {"id": outcome.id, "error": {"code": outcome.error_code, "message": outcome.error_message}}
        self._rows.append(row)
        if len(self._rows) >= self.row_group_size:
            self._write_group()

    def _write_group(self) -> None:
        if self._rows:
            self._writer.write_table(self._pa.Table.from_pylist(self._rows, schema=self.schema))
            self._rows = []

    def close(self) -> None:
        self._write_group()
        self._writer.close()


def read_parquet(path: str | Path) -> Iterator[Document | ErrorRecord]:
    """Read a file written by :class:`ParquetWriter` back into records."""
    _, pq = _pyarrow()
    for batch in pq.ParquetFile(str(path)).iter_batches():
        for row in batch.to_pylist():
            error = row.pop("error", None)
            if error is not None:
                yield ErrorRecord(id=row["id"], error=ErrorInfo(**error))
            else:
                yield Document.model_validate(row)


def open_writer(path: str, *, append: bool = False) -> Writer:
    """A writer chosen by the extension of ``path`` (``-`` is JSONL on standard output)."""
    lower = path.lower()
    if lower.endswith(".parquet"):
        return ParquetWriter(path)
    if lower.endswith(".csv"):
        return CsvPositionsWriter(path)
    return JsonlWriter(path, append=append)
