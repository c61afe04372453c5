"""Parquet output: a dataset folder of part files, each complete once renamed; one-file writing for Dask."""

from __future__ import annotations

import contextlib
import os
import re
import types
import typing
from collections.abc import Iterable, Iterator
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from vnextract.batch.outcome import Form, Outcome, Writer, plain_text
from vnextract.batch.web import MissingExtraError
from vnextract.records import Document, ErrorInfo, ErrorRecord

__all__ = ["PROGRESS_NAME", "ParquetWriter", "arrow_schema", "part_files", "read_parquet", "write_parquet_file"]

PROGRESS_NAME = "_progress.jsonl"  # the progress journal inside a dataset folder
_PART = re.compile(r"part-(\d{5,})\.parquet")


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
        return plain_text(value)
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
    message = plain_text(outcome.error_message or "")
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
