"""Build the registry from archives: raw inputs through the extraction runner, records read directly.

``registry build`` takes what ``vnextract extract`` takes (text files and folders, JSONL, CSV,
HTML, WARC) and also the records ``extract`` (or the Dask helpers, per partition) wrote: JSONL
lines of Documents and error records, and Parquet files.  Record files are told by content, so
an archive is never extracted twice.  Raw inputs go through :func:`vnextract.batch.runner.run`
(workers, error records, ordering) into a :class:`RegistryWriter`; documents already in the
registry are skipped before extraction.
"""

from __future__ import annotations

import gzip
import json
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from vnextract.batch.readers import Fields, SourceDoc, detect_format, iter_sources
from vnextract.batch.runner import DEFAULT_MAX_CHARS, Sink, run
from vnextract.batch.writers import Outcome, Writer
from vnextract.registry.builder import Builder, BuildStats
from vnextract.registry.schema import connect

if TYPE_CHECKING:
    from vnextract.extractor import Extractor

__all__ = ["BuildOptions", "RegistryWriter", "build", "is_records_file", "iter_records"]


@dataclass(frozen=True)
class BuildOptions:
    """Reader and runner options, as ``vnextract extract`` has them."""

    fields: Fields = field(default_factory=Fields)
    workers: int = 1
    batch_size: int = 16
    max_chars: int = DEFAULT_MAX_CHARS
    limit: int | None = None
    use_ner: bool = False
    rebuild: bool = False


def is_records_file(path: Path, text_field: str = "text") -> bool:
    """Whether ``path`` holds records ``vnextract extract`` wrote (Parquet, or JSONL of Documents/errors).

    A JSONL line with the text field is a document to extract, whatever else it carries (gold files do).
    """
    kind = detect_format(path)
    if kind == "parquet":
        return _parquet_records(path, text_field)
    if kind != "jsonl":
        return False
    try:
        raw = path.open("rb")
        stream = gzip.GzipFile(fileobj=raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
        with stream:
            for line in stream:
                if line.strip():
                    first = json.loads(line)
                    break
            else:
                return False
    except (OSError, EOFError, ValueError):
        return False
    if not isinstance(first, dict) or text_field in first:
        return False
    return ("people" in first and "organizations" in first) or (set(first) == {"id", "error"})


def _parquet_records(path: Path, text_field: str) -> bool:
    """A Parquet file of records has the Document columns and no text column (a dataset to extract has one)."""
    from vnextract.batch.parquet_input import require_parquet

    try:
        names = set(require_parquet().ParquetFile(path).schema_arrow.names)
    except (OSError, ValueError):
        return False  # the reader reports the damage as an error record
    return "people" in names and text_field not in names


def iter_records(path: Path) -> Iterator[tuple[str, Any]]:
    """``("doc", dict)`` or ``("error", (id, code, message))`` for each record of a records file."""
    if detect_format(path) == "parquet":
        from vnextract.batch.writers import read_parquet
        from vnextract.records import ErrorRecord

        for rec in read_parquet(path):
            if isinstance(rec, ErrorRecord):
                yield "error", (rec.id, rec.error.code, rec.error.message)
            else:
                yield "doc", rec.model_dump(mode="python", exclude={"officials"})
        return
    raw = path.open("rb")
    stream = gzip.GzipFile(fileobj=raw) if raw.peek(2)[:2] == b"\x1f\x8b" else raw
    with stream:
        for lineno, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            fallback = f"{path.as_posix()}#L{lineno}"
            try:
                rec = json.loads(line)
            except ValueError as exc:
                yield "error", (fallback, "bad_json", f"line {lineno} is not valid JSON: {exc}")
                continue
            if isinstance(rec, dict) and isinstance(rec.get("error"), dict) and "people" not in rec:
                err = rec["error"]
                yield "error", (rec.get("id"), str(err.get("code") or "error"), str(err.get("message") or ""))
            elif isinstance(rec, dict) and isinstance(rec.get("people"), list) and rec.get("id") is not None:
                yield "doc", rec
            else:
                yield "error", (fallback, "bad_record", f"line {lineno} is not a vnextract record")


class RegistryWriter(Writer):
    """A runner output that adds each outcome to the registry; ``flush`` commits the batch."""

    form = "dict"

    def __init__(self, builder: Builder, pending: deque[tuple[str, str | None, str]]) -> None:
        self.builder = builder
        self.pending = pending  # (id, text, source) of the documents sent to the runner, in order

    def write(self, outcome: Outcome) -> None:
        text, source = None, None
        if self.pending:
            doc_id, text, source = self.pending.popleft()
            if doc_id != outcome.id:
                text = None
        if outcome.error_code is not None:
            self.builder.add_error(outcome.id, outcome.error_code, outcome.error_message or "", source=source)
        else:
            self.builder.add(outcome.payload, source=source, text=text)

    def flush(self) -> None:
        self.builder.commit()

    def close(self) -> None:
        self.builder.commit()


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(folder, name)


def _segments(inputs: Iterable[str], own: set[Path], text_field: str) -> Iterator[tuple[bool, list[str]]]:
    """Runs of inputs: (True, [records file]) or (False, [raw inputs for the runner])."""
    raw: list[str] = []
    for item in inputs:
        path = Path(item)
        files = list(_walk(path)) if path.is_dir() else [path]
        records = [f for f in files if f.exists() and f.resolve() not in own and is_records_file(f, text_field)]
        if not records:
            raw.append(item)
            continue
        for f in files:
            if f.resolve() in own:
                continue
            if f in records:
                if raw:
                    yield False, raw
                    raw = []
                yield True, [f.as_posix()]
            else:
                raw.append(f.as_posix())
    if raw:
        yield False, raw


def build(
    inputs: Iterable[str],
    db: str | Path,
    options: BuildOptions | None = None,
    *,
    extractor: Extractor | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> BuildStats:
    """Add every document of ``inputs`` to the registry at ``db``; returns the statistics.

    Raises:
        MissingExtraError: an input needs an extra that is not installed.
    """
    options = options or BuildOptions()
    started = time.perf_counter()
    conn = connect(db)
    try:
        builder = Builder(conn)
        if options.rebuild:
            builder.clear()
        own = {Path(f"{db}{s}").resolve() for s in ("", "-wal", "-shm", "-journal")}
        budget = [options.limit]
        for is_records, paths in _segments(inputs, own, options.fields.text):
            if budget[0] is not None and budget[0] <= 0:
                break
            if is_records:
                _add_records(builder, Path(paths[0]), options, budget, progress)
            else:
                _add_raw(builder, paths, options, own, budget, extractor, progress)
        builder.commit()
        if options.rebuild:
            builder.reconcile()
            builder.commit()
        stats = builder.totals()
    finally:
        conn.close()
    stats.seconds = time.perf_counter() - started
    return stats


def _add_records(
    builder: Builder, path: Path, options: BuildOptions, budget: list[int | None], progress: Callable | None
) -> None:
    records: Iterator[tuple[str, Any]] = iter_records(path)
    if budget[0] is not None:
        records = islice(records, budget[0])
    for i, (kind, rec) in enumerate(records, start=1):
        if kind == "doc":
            builder.add(rec, source=path.as_posix())
            outcome = Outcome(id=str(rec.get("id")))
        else:
            builder.add_error(rec[0], rec[1], rec[2], source=path.as_posix())
            outcome = Outcome(id=rec[0], error_code=rec[1], error_message=rec[2])
        if budget[0] is not None:
            budget[0] -= 1
        if progress is not None:
            progress(outcome)
        if i % max(options.batch_size, 64) == 0:
            builder.commit()
    builder.commit()


def _add_raw(
    builder: Builder,
    paths: list[str],
    options: BuildOptions,
    own: set[Path],
    budget: list[int | None],
    extractor: Extractor | None,
    progress: Callable | None,
) -> None:
    from vnextract.extractor import Extractor

    pending: deque[tuple[str, str | None, str]] = deque()
    skipped: list[int] = [0]

    def sources() -> Iterator[SourceDoc]:
        for path in paths:
            docs: Iterator[SourceDoc] = iter_sources(
                [path],
                fields=options.fields,
                max_bytes=options.max_chars * 4,
                exclude=own,
                parse_html=options.workers <= 1,
            )
            for src in docs:
                if budget[0] is not None:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                if src.error_code is None and builder.done(src.id):
                    builder.stats.documents += 1
                    builder.stats.skipped += 1
                    skipped[0] += 1
                    continue
                pending.append((src.id, src.text, path))
                yield src

    run(
        sources(),
        Sink(RegistryWriter(builder, pending)),
        extractor=extractor or Extractor(use_ner=options.use_ner),
        workers=options.workers,
        batch_size=options.batch_size,
        max_chars=options.max_chars,
        progress=progress,
    )
