"""Output formats: JSONL (optionally gzip), a Parquet dataset folder (nested records) and a CSV of positions.

Writers receive :class:`Outcome` items already rendered by the workers into
the writer's ``form`` (a JSON line, a dict, or CSV rows), so the parent
process only writes bytes.

Every writer opens its destination in two steps so that a run that cannot start
changes nothing: :meth:`Writer.prepare` opens (or creates) it *without*
truncating, and :meth:`Writer.begin` truncates it (a fresh run) or positions it
for appending (``--resume``) once every destination has been opened.

Lone surrogates cannot be stored as UTF-8: JSONL writes them as JSON escapes
(exact round trip); Parquet and CSV cells get U+FFFD in their place (one
character for one, so offsets still hold).
"""

from __future__ import annotations

import contextlib
import csv
import gzip
import io
import json
import os
import re
import sys
import types
import typing
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any, BinaryIO, Literal, TextIO

from pydantic import BaseModel

from vnextract.batch.web import MissingExtraError
from vnextract.errors import ErrorCode
from vnextract.records import Document, ErrorInfo, ErrorRecord

__all__ = [
    "FORMATS",
    "POSITION_COLUMNS",
    "CsvPositionsWriter",
    "JsonlWriter",
    "Outcome",
    "ParquetWriter",
    "Writer",
    "arrow_schema",
    "document_payload",
    "format_of",
    "open_writer",
    "read_parquet",
    "write_parquet_file",
]

Form = Literal["json", "dict", "positions"]
FORMATS = ("jsonl", "parquet", "csv")
POSITION_COLUMNS = (
    "document_id", "published", "person", "title", "organization", "organization_text",
    "position", "start", "end", "former", "acting",
)  # fmt: skip
_SURROGATE = re.compile("[\ud800-\udfff]")
_PART = re.compile(r"part-(\d{5,})\.parquet")


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
        info = ErrorInfo(code=self.error_code or ErrorCode.EXTRACTOR_ERROR, message=self.error_message or "")
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


def format_of(path: str, explicit: str | None = None) -> str | None:
    """``jsonl``, ``parquet`` or ``csv`` for an output path (``explicit`` wins); ``None`` if unknown."""
    if explicit is not None:
        return explicit
    lower = path.lower()
    if path == "-" or lower.endswith((".jsonl", ".ndjson", ".json", ".jsonl.gz", ".ndjson.gz", ".json.gz")):
        return "jsonl"
    if lower.endswith((".parquet", ".parquet/")):
        return "parquet"
    if lower.endswith(".csv"):
        return "csv"
    return None


class Writer:
    """Base class: ``prepare`` (open, nothing truncated), ``begin``, ``write``, ``commit``, ``close``."""

    form: Form = "json"
    accepts_errors = True
    #: the output alone cannot tell how many documents are done (a progress journal says it)
    journaled = False
    #: documents to hold before a commit (0: commit at every flush)
    part_size = 0

    def prepare(self) -> None:
        """Open the destination without changing it (raises ``OSError`` if it cannot be written)."""

    def begin(self, append: bool = False) -> None:
        """Start writing: truncate (a fresh run) or append (a resumed one)."""

    def write(self, outcome: Outcome) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def flush(self) -> None:
        """Hand buffered output to the operating system."""

    def commit(self) -> None:
        """Make everything written so far complete on disk (Parquet: close the part in hand)."""
        self.flush()

    def pending(self) -> int:
        """Documents written but not yet committed."""
        return 0

    def position(self) -> int:
        """Bytes committed (files) or parts committed (Parquet), for the progress journal."""
        return 0

    def close(self) -> None:
        """Commit and close."""

    def abandon(self) -> None:
        """Close after a failed start, removing what :meth:`prepare` created."""


class _File:
    """A file opened for writing without truncation (so that a failed start changes nothing)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.created = not os.path.lexists(path)
        if os.path.isdir(path):
            raise IsADirectoryError(f"{path} is a directory")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
        self.raw: BinaryIO = os.fdopen(fd, "wb", buffering=1 << 16)

    def begin(self, append: bool) -> None:
        if append:
            self.raw.seek(0, os.SEEK_END)
        else:
            self.raw.truncate(0)
            self.raw.seek(0)

    def close(self) -> None:
        if not self.raw.closed:
            self.raw.close()

    def abandon(self) -> None:
        self.close()
        if self.created:
            Path(self.path).unlink(missing_ok=True)


def _plain_text(value: str) -> str:
    return _SURROGATE.sub("\ufffd", value)


class JsonlWriter(Writer):
    """One JSON object per line; ``-`` writes to standard output; ``.gz`` paths are gzip-compressed.

    Args:
        path: the file, or ``-``.
        append: continue the file (``--resume``).
        compress: gzip; default: when ``path`` ends in ``.gz``.
        start: open and begin now; ``False`` leaves :meth:`prepare` and :meth:`begin` to the caller.
    """

    form: Form = "json"

    def __init__(
        self, path: str | Path, *, append: bool = False, compress: bool | None = None, start: bool = True
    ) -> None:
        self.path = str(path)
        self.compress = self.path.lower().endswith(".gz") if compress is None else compress
        self._file: _File | None = None
        self._out: TextIO | None = None
        self._gzip: gzip.GzipFile | None = None
        if start:
            self.prepare()
            self.begin(append)

    def prepare(self) -> None:
        if self.path != "-" and self._file is None:
            self._file = _File(self.path)

    def begin(self, append: bool = False) -> None:
        if self._file is None:
            self._out = sys.stdout
            return
        self._file.begin(append)
        binary: BinaryIO = self._file.raw
        if self.compress:
            self._gzip = gzip.GzipFile(fileobj=binary, mode="ab" if append else "wb")
            binary = self._gzip  # type: ignore[assignment]
        self._out = io.TextIOWrapper(binary, encoding="utf-8", newline="\n", write_through=False)

    def write(self, outcome: Outcome) -> None:
        line = outcome.payload if outcome.error_code is None else outcome.error_record().model_dump_json()
        assert self._out is not None, "begin() first"
        self._out.write(line + "\n")

    def flush(self) -> None:
        if self._out is not None:
            self._out.flush()
        if self._gzip is not None:
            self._gzip.flush()
        if self._file is not None:
            self._file.raw.flush()

    def position(self) -> int:
        return self._file.raw.tell() if self._file is not None else 0

    def close(self) -> None:
        if self._out is None:
            self.abandon()
            return
        self._out.flush()
        if self._out is sys.stdout:
            return
        self._out.close()  # closes the gzip stream and the file under it
        if self._file is not None:
            self._file.close()

    def abandon(self) -> None:
        if self._file is not None:
            self._file.abandon()


class CsvPositionsWriter(Writer):
    """A flat table with one row per (person, position); documents without positions add no row.

    Documents without rows leave no trace in the table, so a progress journal beside it
    (``OUTPUT.progress``) records how many documents each committed byte of it covers.
    """

    form: Form = "positions"
    accepts_errors = False
    journaled = True

    def __init__(self, path: str | Path, *, append: bool = False, start: bool = True) -> None:
        self.path = str(path)
        self._file: _File | None = None
        self._text: TextIO | None = None
        if start:
            self.prepare()
            self.begin(append)

    def prepare(self) -> None:
        if self._file is None:
            self._file = _File(self.path)

    def begin(self, append: bool = False) -> None:
        assert self._file is not None
        self._file.begin(append)
        self._text = io.TextIOWrapper(self._file.raw, encoding="utf-8", newline="")
        self._csv = csv.writer(self._text)
        if not append or self._file.raw.tell() == 0:
            self._csv.writerow(POSITION_COLUMNS)

    def write(self, outcome: Outcome) -> None:
        if outcome.error_code is None:
            rows = [[_plain_text(c) if isinstance(c, str) else c for c in row] for row in outcome.payload]
            self._csv.writerows(rows)

    def flush(self) -> None:
        if self._text is not None:
            self._text.flush()

    def position(self) -> int:
        self.flush()
        return self._file.raw.tell() if self._file is not None else 0

    def close(self) -> None:
        if self._text is None:
            self.abandon()
            return
        self._text.close()

    def abandon(self) -> None:
        if self._file is not None:
            self._file.abandon()


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
    if isinstance(value, str):
        return _plain_text(value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def part_files(folder: str | Path) -> list[Path]:
    """The finished part files of a Parquet dataset folder, in order."""
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted(p for p in root.iterdir() if _PART.fullmatch(p.name))


class ParquetWriter(Writer):
    """Documents as nested Parquet rows (people → positions → ...) in a dataset folder of part files.

    ``OUT.parquet/part-00000.parquet``, ``part-00001.parquet`` ...: each part is written whole to a
    hidden temporary file and renamed when complete, so after a kill every part in the folder is
    readable; ``pyarrow.parquet.read_table("OUT.parquet")`` and ``pandas.read_parquet`` read the folder.
    Error records are rows with ``error`` set (unless ``--errors`` sends them elsewhere).
    """

    form: Form = "dict"
    journaled = True

    def __init__(
        self, path: str | Path, *, part_size: int = 1000, append: bool = False, start: bool = True
    ) -> None:
        pa, pq = _pyarrow()
        self._pa, self._pq = pa, pq
        self.path = str(path).rstrip("/")
        self.schema = arrow_schema()
        self.part_size = part_size
        self._rows: list[dict[str, Any]] = []
        self._next = 0
        self._created = False
        if start:
            self.prepare()
            self.begin(append)

    def prepare(self) -> None:
        root = Path(self.path)
        if root.exists() and not root.is_dir():
            raise FileExistsError(
                f"{self.path} is a file; Parquet output is a dataset folder of part files: "
                "remove it or choose another name"
            )
        if not root.exists():
            root.mkdir()
            self._created = True
        if not os.access(root, os.W_OK | os.X_OK):
            raise PermissionError(f"{self.path} is not writable")

    def begin(self, append: bool = False) -> None:
        root = Path(self.path)
        for tmp in root.glob(".part-*.tmp"):
            tmp.unlink()  # a part a killed run was writing
        parts = part_files(root)
        if not append:
            for part in parts:
                part.unlink()
            (root / PROGRESS_NAME).unlink(missing_ok=True)
            parts = []
        self._next = int(_PART.fullmatch(parts[-1].name).group(1)) + 1 if parts else 0  # type: ignore[union-attr]

    def truncate_parts(self, keep: int) -> None:
        """Remove parts after the first ``keep`` (written after the last progress record)."""
        for part in part_files(self.path):
            if int(_PART.fullmatch(part.name).group(1)) >= keep:  # type: ignore[union-attr]
                part.unlink()

    def write(self, outcome: Outcome) -> None:
        self._rows.append(_parquet_row(outcome))

    def pending(self) -> int:
        return len(self._rows)

    def commit(self) -> None:
        if not self._rows:
            return
        name = f"part-{self._next:05d}.parquet"
        tmp = Path(self.path, f".{name}.tmp")
        table = self._pa.Table.from_pylist(self._rows, schema=self.schema)
        self._pq.write_table(table, str(tmp), compression="zstd")
        os.replace(tmp, Path(self.path, name))
        self._next += 1
        self._rows = []

    def position(self) -> int:
        return self._next

    def close(self) -> None:
        self.commit()

    def abandon(self) -> None:
        if self._created:
            Path(self.path, PROGRESS_NAME).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                Path(self.path).rmdir()


PROGRESS_NAME = "_progress.jsonl"


def progress_path(writer: Writer) -> str | None:
    """Where the progress journal of a journaled writer goes."""
    if isinstance(writer, ParquetWriter):
        return str(Path(writer.path, PROGRESS_NAME))
    if isinstance(writer, CsvPositionsWriter):
        return writer.path + ".progress"
    return None


def write_parquet_file(outcomes: Iterable[Outcome], path: str | Path) -> None:
    """Write outcomes rendered in the ``dict`` form as one Parquet file (a Dask partition, say)."""
    pa, pq = _pyarrow()
    rows = [_parquet_row(o) for o in outcomes]
    pq.write_table(pa.Table.from_pylist(rows, schema=arrow_schema()), str(path), compression="zstd")


def _parquet_row(outcome: Outcome) -> dict[str, Any]:
    if outcome.error_code is None:
        row = _plain(outcome.payload)
        row["error"] = None
        return row  # type: ignore[no-any-return]
    message = _plain_text(outcome.error_message or "")
    return {"id": outcome.id, "error": {"code": outcome.error_code, "message": message}}


def read_parquet(path: str | Path) -> Iterator[Document | ErrorRecord]:
    """Read the output of :class:`ParquetWriter` (a dataset folder, or one Parquet file) back into records."""
    _, pq = _pyarrow()
    files = part_files(path) if Path(path).is_dir() else [Path(path)]
    for file in files:
        for batch in pq.ParquetFile(str(file)).iter_batches():
            for row in batch.to_pylist():
                error = row.pop("error", None)
                if error is not None:
                    yield ErrorRecord(id=row["id"], error=ErrorInfo(**error))
                else:
                    yield Document.model_validate(row)


def open_writer(
    path: str, *, append: bool = False, format: str | None = None, start: bool = True, part_size: int = 1000
) -> Writer:
    """A writer for ``path`` by ``format`` or, without one, by its extension (``-`` is JSONL on stdout).

    Raises:
        ValueError: the extension is not one vnextract writes and no ``format`` is given.
    """
    kind = format_of(path, format)
    if kind == "parquet":
        return ParquetWriter(path, append=append, start=start, part_size=part_size)
    if kind == "csv":
        return CsvPositionsWriter(path, append=append, start=start)
    if kind == "jsonl":
        return JsonlWriter(path, append=append, start=start)
    raise ValueError(
        f"cannot tell the output format of {path!r}: use a .jsonl, .jsonl.gz, .parquet or .csv name, or --format"
    )


def read_progress(path: str) -> dict[str, Any] | None:
    """The last complete record of a progress journal (``None`` if there is none)."""
    if not os.path.exists(path):
        return None
    last = None
    with open(path, "rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                last = json.loads(line)
            except ValueError:
                break
    return last
