"""Run the extractor over a stream of documents: lossless, ordered, resumable, time-limited.

Guarantees:

* every input document yields exactly one output record, a ``Document`` or an
  ``ErrorRecord`` (unreadable input, over the size limit, over the time limit,
  extractor exception);
* records are written in input order, and what is on disk after a kill is an
  exact prefix of the input: JSONL output and ``--errors`` files are flushed
  before a record goes to the *other* file; CSV and Parquet output commit
  whole batches (CSV bytes, Parquet part files) and record each commit in a
  progress journal;
* ``resume_from=...`` (from :func:`resume_point`) skips that prefix, after
  checking it against the input, and appends the rest: no duplicates, no
  losses, and no per-document bookkeeping in memory;
* ``should_stop`` (SIGTERM) ends the run after the document in hand, with every
  file committed: a run stopped so can be resumed.
"""

from __future__ import annotations

import contextlib
import json
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import islice
from typing import Any, TextIO

from vnextract.batch.items import DEFAULT_MAX_CHARS, Extracts, to_record
from vnextract.batch.parallel import ordered_pool_map
from vnextract.batch.readers import SourceDoc
from vnextract.batch.resume import ResumeError, ResumePoint, journal_resume_point, resume_point, skip_done
from vnextract.batch.writers import Form, Outcome, Writer, document_payload
from vnextract.errors import ErrorCode
from vnextract.records import ErrorRecord

__all__ = [
    "DEFAULT_DOC_TIMEOUT",
    "DEFAULT_MAX_CHARS",
    "ResumeError",
    "ResumePoint",
    "RunStats",
    "Sink",
    "journal_resume_point",
    "process_source",
    "resume_point",
    "run",
]

DEFAULT_DOC_TIMEOUT = 120.0
RECORD_KINDS = ("people", "officials", "positions", "organizations", "dates", "percentages")


@dataclass
class RunStats:
    """What a run did, for the end-of-run summary."""

    documents: int = 0
    errors: int = 0
    resumed: int = 0
    resumed_errors: int = 0
    chars: int = 0
    seconds: float = 0.0
    stopped: bool = False
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


def process_source(
    extractor: Extracts, src: SourceDoc, *, form: Form, max_chars: int, published: str | None = None
) -> Outcome:
    """Extract one source document into an :class:`Outcome` rendered for a writer of ``form``.

    ``published`` is the date of documents that carry none of their own.
    """
    src = src.resolved()  # HTML pages are parsed here, in the worker
    if src.error_code is not None:
        return Outcome(id=src.id, error_code=src.error_code, error_message=src.error_message)
    text = src.text or ""
    record = to_record(
        extractor, text, id=src.id, published=src.published or published, max_chars=max_chars, warnings=src.warnings
    )
    if isinstance(record, ErrorRecord):
        return Outcome(id=src.id, error_code=record.error.code, error_message=record.error.message, chars=len(text))
    doc = record
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
    """The outcome for a document whose extraction raised, timed out or crashed its worker."""
    return Outcome(id=src.id, error_code=code, error_message=message, chars=len(src.text or ""))


class Sink:
    """Routes outcomes to the output (and the errors file), keeping what is on disk a prefix of the input.

    Args:
        output: the writer of documents (and of errors, without ``errors``).
        errors: a JSONL writer for error records.
        journal: the progress journal of a journaled output (CSV, Parquet); each commit appends
            ``{"documents", "position", "errors_bytes", "errors", "last_id"}``.
        resumed: what the journal said at the start of a resumed run.
    """

    def __init__(
        self,
        output: Writer,
        errors: Writer | None = None,
        *,
        journal: str | None = None,
        resumed: ResumePoint | None = None,
    ) -> None:
        self.output = output
        self.errors = errors
        self._last: Writer | None = None
        start = resumed or ResumePoint()
        self._documents, self._errors = start.done, start.errors
        self._last_id: str | None = start.tails[-1] if start.tails else None
        self._journal: TextIO | None = None
        if journal is not None:
            self._journal = open(journal, "a" if resumed is not None else "w", encoding="utf-8")  # noqa: SIM115

    def write(self, outcome: Outcome) -> None:
        """Write one outcome to the file it belongs in."""
        target = self.errors if outcome.error_code is not None and self.errors is not None else self.output
        if self._journal is None and self._last is not None and target is not self._last:
            self._last.flush()  # keep the two files a common prefix of the input
        target.write(outcome)
        self._last = target
        self._documents += 1
        self._errors += outcome.error_code is not None
        self._last_id = outcome.id
        part_size = getattr(self.output, "part_size", 0)  # (writers wrapped by --tables have none)
        if part_size and self.output.pending() >= part_size:
            self.commit()

    def flush(self) -> None:
        """At a batch boundary: hand everything to the OS (CSV: commit; Parquet waits for a full part)."""
        if not getattr(self.output, "part_size", 0):
            self.commit()

    def commit(self) -> None:
        """Make everything written complete on disk, then record it in the journal."""
        if self.errors is not None:
            self.errors.flush()
        getattr(self.output, "commit", self.output.flush)()
        if self._journal is not None:
            entry = {
                "documents": self._documents,
                "position": self.output.position(),
                "errors_bytes": self.errors.position() if self.errors is not None else 0,
                "errors": self._errors,
                "last_id": self._last_id,
            }
            self._journal.write(json.dumps(entry, ensure_ascii=True) + "\n")
            self._journal.flush()

    def close(self) -> None:
        """Commit and close every file."""
        try:
            self.commit()
        finally:
            try:
                self.output.close()
            finally:
                if self.errors is not None:
                    self.errors.close()
                if self._journal is not None:
                    self._journal.close()


class _DocTimeout(BaseException):
    """Raised by the alarm inside the extractor (a BaseException: no ``except Exception`` swallows it)."""


@contextlib.contextmanager
def _alarm(seconds: float | None) -> Iterator[bool]:
    """SIGALRM-based time limit in this (main) thread; yields whether it is armed."""
    main = threading.current_thread() is threading.main_thread()
    usable = seconds is not None and hasattr(signal, "setitimer") and main
    if not usable:
        yield False
        return

    def ring(signum: int, frame: Any) -> None:
        raise _DocTimeout

    previous = signal.signal(signal.SIGALRM, ring)
    try:
        yield True
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(
    sources: Iterable[SourceDoc],
    sink: Sink,
    *,
    extractor: Extracts,
    workers: int = 1,
    batch_size: int = 32,
    max_chars: int = DEFAULT_MAX_CHARS,
    limit: int | None = None,
    resume_from: ResumePoint | None = None,
    progress: Callable[[Outcome], None] | None = None,
    published: str | None = None,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    should_stop: Callable[[], bool] | None = None,
) -> RunStats:
    """Extract every source into ``sink``; returns the run's statistics.

    Args:
        sources: documents in input order (see :func:`vnextract.batch.readers.iter_sources`).
        sink: where records go; closed at the end.
        extractor: an :class:`~vnextract.Extractor`.
        workers: processes (``1`` runs in this process).
        limit: stop after this many input documents (counting resumed ones).
        resume_from: ``resume_point(...)`` of the existing output, to skip what is done.
        progress: called with each outcome as it is written.
        published: the publication date of documents that carry none.
        doc_timeout: seconds a document may take before it becomes a ``timeout`` error record
            (``None``: no limit).  With one worker the limit interrupts the extractor in this
            process (SIGALRM, main thread only); with more, the worker is killed and replaced.
        should_stop: polled after each record; ``True`` ends the run early (``RunStats.stopped``).

    Raises:
        ResumeError: ``resume_from`` does not match the input.
    """
    stats = RunStats()
    started = time.perf_counter()
    stream: Iterator[SourceDoc] = iter(sources)
    if limit is not None:
        stream = islice(stream, limit)
    try:
        if resume_from is not None and resume_from.done:
            stats.resumed = skip_done(stream, resume_from.done, resume_from.tails, limit)
            stats.resumed_errors = resume_from.errors
        task = partial(process_source, form=sink.output.form, max_chars=max_chars, published=published)
        with contextlib.ExitStack() as stack:
            if workers <= 1:
                armed = stack.enter_context(_alarm(doc_timeout))
                outcomes: Iterator[Outcome] = _serial(extractor, task, stream, doc_timeout if armed else None)
            else:
                outcomes = ordered_pool_map(
                    extractor,
                    task,
                    stream,
                    on_error=source_error,
                    batch_size=batch_size,
                    n_process=workers,
                    timeout=doc_timeout,
                )
                stack.callback(getattr(outcomes, "close", lambda: None))
            for i, outcome in enumerate(outcomes, start=1):
                sink.write(outcome)
                stats.add(outcome)
                if progress is not None:
                    progress(outcome)
                if should_stop is not None and should_stop():
                    stats.stopped = True
                    break
                if i % batch_size == 0:
                    sink.flush()
    finally:
        sink.close()
        stats.seconds = time.perf_counter() - started
    return stats


def _serial(
    extractor: Extracts,
    task: Callable[[Extracts, SourceDoc], Outcome],
    stream: Iterator[SourceDoc],
    timeout: float | None,
) -> Iterator[Outcome]:
    for src in stream:
        try:
            if timeout is not None:
                signal.setitimer(signal.ITIMER_REAL, timeout)
            try:
                outcome = task(extractor, src)
            finally:
                if timeout is not None:
                    signal.setitimer(signal.ITIMER_REAL, 0)
        except _DocTimeout:
            outcome = source_error(src, ErrorCode.TIMEOUT, f"extraction took over the time limit of {timeout:g} s")
        except Exception as exc:
            outcome = source_error(src, ErrorCode.EXTRACTOR_ERROR, f"{type(exc).__name__}: {exc}")
        yield outcome

