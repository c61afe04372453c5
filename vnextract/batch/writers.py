"""Output formats: JSONL (optionally gzip) and a CSV of positions; Parquet in :mod:`parquet_output`.

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

import csv
import gzip
import io
import json
import os
import sys
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from vnextract.batch.outcome import POSITION_COLUMNS, Form, Outcome, OutputFile, Writer, document_payload, plain_text
from vnextract.batch.parquet_output import (
    PROGRESS_NAME,
    ParquetWriter,
    arrow_schema,
    part_files,
    read_parquet,
    write_parquet_file,
)

__all__ = [
    "FORMATS",
    "POSITION_COLUMNS",
    "PROGRESS_NAME",
    "CsvPositionsWriter",
    "Form",
    "JsonlWriter",
    "Outcome",
    "ParquetWriter",
    "Writer",
    "arrow_schema",
    "document_payload",
    "format_of",
    "open_writer",
    "part_files",
    "progress_path",
    "read_parquet",
    "read_progress",
    "write_parquet_file",
]

FORMATS = ("jsonl", "parquet", "csv")


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
        self._file: OutputFile | None = None
        self._out: TextIO | None = None
        self._gzip: gzip.GzipFile | None = None
        if start:
            self.prepare()
            self.begin(append)

    def prepare(self) -> None:
        if self.path != "-" and self._file is None:
            self._file = OutputFile(self.path)

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
        self._file: OutputFile | None = None
        self._text: TextIO | None = None
        if start:
            self.prepare()
            self.begin(append)

    def prepare(self) -> None:
        if self._file is None:
            self._file = OutputFile(self.path)

    def begin(self, append: bool = False) -> None:
        assert self._file is not None
        self._file.begin(append)
        self._text = io.TextIOWrapper(self._file.raw, encoding="utf-8", newline="")
        self._csv = csv.writer(self._text)
        if not append or self._file.raw.tell() == 0:
            self._csv.writerow(POSITION_COLUMNS)

    def write(self, outcome: Outcome) -> None:
        if outcome.error_code is None:
            rows = [[plain_text(c) if isinstance(c, str) else c for c in row] for row in outcome.payload]
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


def progress_path(writer: Writer) -> str | None:
    """Where the progress journal of a journaled writer goes."""
    if isinstance(writer, ParquetWriter):
        return str(Path(writer.path, PROGRESS_NAME))
    if isinstance(writer, CsvPositionsWriter):
        return writer.path + ".progress"
    return None


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
