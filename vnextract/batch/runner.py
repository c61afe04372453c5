"""Run the extractor over a stream of documents: lossless, ordered, resumable.

Guarantees:

* every input document yields exactly one output record, a ``Document`` or an
  ``ErrorRecord`` (unreadable input, over the size limit, extractor exception);
* records are written in input order, and each write reaches the operating
  system before a record goes to the *other* file (output vs ``--errors``), so
  after a kill the output files hold an exact prefix of the input;
* ``resume=True`` counts that prefix (dropping a half-written last line), checks
  it against the input, skips it and appends the rest: no duplicates, no losses,
  and no per-document bookkeeping in memory.
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from vnextract.batch.parallel import ordered_pool_map
from vnextract.batch.readers import SourceDoc
from vnextract.batch.web import parse_date
from vnextract.batch.writers import Form, Outcome, Writer, document_payload

if TYPE_CHECKING:
    from vnextract.extractor import Extractor

__all__ = [
    "DEFAULT_MAX_CHARS",
    "ResumeError",
    "ResumePoint",
    "RunStats",
    "Sink",
    "process_source",
    "resume_point",
    "run",
]

DEFAULT_MAX_CHARS = 2_000_000
RECORD_KINDS = ("people", "officials", "positions", "organizations", "dates", "percentages")


class ResumeError(RuntimeError):
    """The existing output cannot be resumed (wrong format, or it does not match the input)."""


@dataclass
class RunStats:
    """What a run did, for the end-of-run summary."""

    documents: int = 0
    errors: int = 0
    resumed: int = 0
    resumed_errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    error_codes: Counter[str] = field(default_factory=Counter)
    records: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        """Count one outcome."""
        self.documents += 1
        self.chars += outcome.chars
        if outcome.error_code is not None:
            self.errors += 1
            self.error_codes[outcome.error_code] += 1
        else:
            self.records.update(outcome.counts)


def process_source(extractor: Extractor, src: SourceDoc, *, form: Form, max_chars: int) -> Outcome:
    """Extract one source document into an :class:`Outcome` rendered for a writer of ``form``."""
    src = src.resolved()  # HTML pages are parsed here, in the worker
    if src.error_code is not None:
        return Outcome(id=src.id, error_code=src.error_code, error_message=src.error_message)
    text = src.text or ""
    if len(text) > max_chars:
        return Outcome(
            id=src.id, error_code="too_large", error_message=f"{len(text)} characters, over the limit of {max_chars}"
        )
    published = parse_date(src.published) if src.published else None
    doc = extractor.extract(text, published=published, id=src.id)
    counts = {
        "people": len(doc.people),
        "officials": sum(1 for p in doc.people if p.positions),
        "positions": sum(len(p.positions) for p in doc.people),
        "organizations": len(doc.organizations),
        "dates": len(doc.dates),
        "percentages": len(doc.percentages),
    }
    return Outcome(id=src.id, payload=document_payload(doc, form), counts=counts, chars=len(text))


def source_error(src: SourceDoc, code: str, message: str) -> Outcome:
    """The outcome for a document whose extraction raised or crashed its worker."""
    return Outcome(id=src.id, error_code=code, error_message=message, chars=len(src.text or ""))


class Sink:
    """Routes outcomes to the output (and the errors file), preserving input order on disk."""

    def __init__(self, output: Writer, errors: Writer | None = None) -> None:
        self.output = output
        self.errors = errors
        self._last: Writer | None = None

    def write(self, outcome: Outcome) -> None:
        """Write one outcome to the file it belongs in."""
        target = self.errors if outcome.error_code is not None and self.errors is not None else self.output
        if self._last is not None and target is not self._last:
            self._last.flush()  # keep the two files a common prefix of the input
        target.write(outcome)
        self._last = target

    def flush(self) -> None:
        """Hand everything written so far to the operating system."""
        self.output.flush()
        if self.errors is not None:
            self.errors.flush()

    def close(self) -> None:
        """Flush and close both files."""
        try:
            self.output.close()
        finally:
            if self.errors is not None:
                self.errors.close()


@dataclass(frozen=True)
class ResumePoint:
    """What an interrupted run left: records written, the ids on the files' last lines, error records."""

    done: int = 0
    tails: tuple[str, ...] = ()
    errors: int = 0


def _complete_lines(path: Path) -> tuple[int, int, str | None]:
    """Drop a half-written last line; return (lines, error records, id on the last line)."""
    if not path.exists():
        return 0, 0, None
    count, errors, last_id, good_end = 0, 0, None, 0
    with path.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            count += 1
            errors += isinstance(record, dict) and "error" in record
            good_end += len(line)
            last_id = record.get("id") if isinstance(record, dict) else None
    if good_end != path.stat().st_size:
        with path.open("r+b") as f:
            f.truncate(good_end)
    return count, errors, last_id


def resume_point(paths: Iterable[str | os.PathLike[str] | None]) -> ResumePoint:
    """What the JSONL ``paths`` of an interrupted run already hold.

    Truncates a half-written last line left by a killed run.
    """
    done, errors, tails = 0, 0, []
    for p in paths:
        if p is None or str(p) == "-":
            continue
        n, bad, last = _complete_lines(Path(p))
        done += n
        errors += bad
        if last is not None:
            tails.append(str(last))
    return ResumePoint(done, tuple(tails), errors)


def _skip(sources: Iterator[SourceDoc], count: int, tails: Iterable[str]) -> int:
    waiting = set(tails)
    skipped = 0
    for src in islice(sources, count):
        skipped += 1
        waiting.discard(src.id)
    if skipped < count or waiting:
        raise ResumeError(
            "the existing output does not match the input (different files or order?): "
            f"{count} records written, {skipped} input documents, unmatched ids {sorted(waiting)[:3]}"
        )
    return skipped


def run(
    sources: Iterable[SourceDoc],
    sink: Sink,
    *,
    extractor: Extractor | None = None,
    workers: int = 1,
    batch_size: int = 32,
    max_chars: int = DEFAULT_MAX_CHARS,
    limit: int | None = None,
    resume_from: ResumePoint | None = None,
    progress: Callable[[Outcome], None] | None = None,
) -> RunStats:
    """Extract every source into ``sink``; returns the run's statistics.

    Args:
        sources: documents in input order (see :func:`vnextract.batch.readers.iter_sources`).
        sink: where records go; closed at the end.
        workers: processes (``1`` runs in this process).
        limit: stop after this many input documents (counting resumed ones).
        resume_from: ``resume_point(...)`` of the existing output, to skip what is done.
        progress: called with each outcome as it is written.

    Raises:
        ResumeError: ``resume_from`` does not match the input.
    """
    from vnextract.extractor import default_extractor

    extractor = extractor or default_extractor()
    stats = RunStats()
    started = time.perf_counter()
    stream: Iterator[SourceDoc] = iter(sources)
    if limit is not None:
        stream = islice(stream, limit)
    try:
        if resume_from is not None and resume_from.done:
            stats.resumed = _skip(stream, resume_from.done, resume_from.tails)
            stats.resumed_errors = resume_from.errors
        task = partial(process_source, form=sink.output.form, max_chars=max_chars)
        if workers <= 1:
            outcomes: Iterator[Outcome] = _serial(extractor, task, stream)
        else:
            outcomes = ordered_pool_map(
                extractor, task, stream, on_error=source_error, batch_size=batch_size, n_process=workers
            )
        for i, outcome in enumerate(outcomes, start=1):
            sink.write(outcome)
            stats.add(outcome)
            if progress is not None:
                progress(outcome)
            if i % batch_size == 0:
                sink.flush()
    finally:
        sink.close()
        stats.seconds = time.perf_counter() - started
    return stats


def _serial(
    extractor: Extractor, task: Callable[[Extractor, SourceDoc], Outcome], stream: Iterator[SourceDoc]
) -> Iterator[Outcome]:
    for src in stream:
        try:
            yield task(extractor, src)
        except Exception as exc:
            yield source_error(src, "extractor_error", f"{type(exc).__name__}: {exc}")
