"""Ordered, memory-bounded process-pool map with one :class:`Extractor` per worker.

Each worker process builds the extractor once (pool initializer), then
handles batches of items.  Results come back in input order; at most
``2 * n_process`` batches are in flight, so memory stays flat however long the
input is.  An exception inside a worker becomes an error result for that item;
a worker that dies (segfault, out-of-memory kill) is replaced, its batch is
retried one item at a time, and only the item that kills a worker again is
reported as ``worker_crashed``; an item that cannot be pickled is reported as
``transfer_error``.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from vnextract.records import ErrorInfo, ErrorRecord

if TYPE_CHECKING:
    from vnextract.extractor import Extractor

__all__ = ["ordered_pool_map", "parallel_map", "start_method"]

T = TypeVar("T")
R = TypeVar("R")

Task = Callable[["Extractor", Any], Any]
OnError = Callable[[Any, str, str], Any]

_worker_extractor: Extractor | None = None


def start_method() -> str:
    """The multiprocessing start method: ``VNEXTRACT_START_METHOD`` or ``spawn``.

    ``spawn`` is the default because forking a process that already runs
    threads (progress bars, Dask, user code) can deadlock.
    """
    return os.environ.get("VNEXTRACT_START_METHOD", "spawn")


def _init_worker(extractor: Extractor) -> None:
    global _worker_extractor
    _worker_extractor = extractor  # unpickling rebuilt it once, in this process


def _run_batch(task: Task, on_error: OnError, batch: list[Any]) -> list[Any]:
    extractor = _worker_extractor
    if extractor is None:  # pragma: no cover - only if the initializer did not run
        from vnextract.extractor import default_extractor

        extractor = default_extractor()
    out = []
    for item in batch:
        try:
            out.append(task(extractor, item))
        except Exception as exc:
            out.append(on_error(item, "extractor_error", f"{type(exc).__name__}: {exc}"))
    return out


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class _Pool:
    """A process pool that can be rebuilt after a worker dies."""

    def __init__(self, extractor: Extractor, n_process: int) -> None:
        self.extractor = extractor
        self.n_process = n_process
        self.executor = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.n_process,
            mp_context=multiprocessing.get_context(start_method()),
            initializer=_init_worker,
            initargs=(self.extractor,),
        )

    def restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._new()

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future[Any]:
        try:
            return self.executor.submit(fn, *args)
        except BrokenProcessPool:
            self.restart()
            return self.executor.submit(fn, *args)

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _salvage(pool: _Pool, run: Callable[[list[Any]], list[Any]], on_error: OnError, batch: list[Any]) -> list[Any]:
    """Rerun a batch whose worker died, one item at a time."""
    out = []
    for item in batch:
        try:
            out.extend(pool.submit(run, [item]).result())
        except BrokenProcessPool:
            pool.restart()
            out.append(on_error(item, "worker_crashed", "the worker process died while handling this document"))
        except Exception as exc:  # e.g. an item or result that cannot be pickled
            out.append(on_error(item, "transfer_error", f"{type(exc).__name__}: {exc}"))
    return out


def ordered_pool_map(
    extractor: Extractor,
    task: Task,
    items: Iterable[Any],
    *,
    on_error: OnError,
    batch_size: int = 64,
    n_process: int = 2,
    max_in_flight: int | None = None,
) -> Iterator[Any]:
    """Yield ``task(extractor, item)`` for each item, in input order, using ``n_process`` workers.

    Args:
        extractor: pickled to each worker once (it rebuilds itself there).
        task: a picklable (module-level or ``functools.partial``) function.
        on_error: builds the result for an item that failed, from
            ``(item, code, message)``; must not raise.
        batch_size: items per task sent to a worker.
        max_in_flight: batches submitted but not yet yielded (default ``2 * n_process``).
    """
    if batch_size < 1 or n_process < 1:
        raise ValueError("batch_size and n_process must be >= 1")
    limit = max_in_flight or 2 * n_process
    run = partial(_run_batch, task, on_error)
    pool = _Pool(extractor, n_process)
    pending: deque[tuple[list[Any], Future[Any]]] = deque()
    try:
        for batch in _batches(items, batch_size):
            pending.append((batch, pool.submit(run, batch)))
            while len(pending) >= limit:
                yield from _take(pool, run, on_error, pending)
        while pending:
            yield from _take(pool, run, on_error, pending)
    finally:
        for _, future in pending:
            future.cancel()
        pool.close()


def _take(
    pool: _Pool,
    run: Callable[[list[Any]], list[Any]],
    on_error: OnError,
    pending: deque[tuple[list[Any], Future[Any]]],
) -> list[Any]:
    batch, future = pending.popleft()
    try:
        return future.result()
    except BrokenProcessPool:
        pool.restart()
        results = _salvage(pool, run, on_error, batch)
        # every other in-flight batch died with the pool: send them again
        for i, (other, _) in enumerate(pending):
            pending[i] = (other, pool.submit(run, other))
        return results
    except Exception:  # the batch could not travel to or from the worker: find the culprit item
        return _salvage(pool, run, on_error, batch)


# --- the Extractor.pipe protocol -----------------------------------------------------------------


def pipe_text(extractor: Extractor, text: Any) -> Any:
    return extractor.extract(text)


def pipe_tuple(extractor: Extractor, item: Any) -> Any:
    text, context = item
    meta = context if isinstance(context, dict) else {}
    return extractor.extract(text, published=meta.get("published"), id=meta.get("id")), context


def pipe_text_error(item: Any, code: str, message: str) -> ErrorRecord:
    return ErrorRecord(id=None, error=ErrorInfo(code=code, message=message))


def pipe_tuple_error(item: Any, code: str, message: str) -> tuple[ErrorRecord, Any]:
    context = item[1] if isinstance(item, tuple) and len(item) == 2 else None
    doc_id = context.get("id") if isinstance(context, dict) else None
    return ErrorRecord(id=None if doc_id is None else str(doc_id), error=ErrorInfo(code=code, message=message)), context


def parallel_map(
    extractor: Extractor, items: Iterable[Any], *, as_tuples: bool, batch_size: int, n_process: int
) -> Iterator[Any]:
    """``Extractor.pipe(..., n_process=N)``: Documents in input order from ``n_process`` workers.

    A text whose extraction raises yields an :class:`~vnextract.records.ErrorRecord`
    (``(ErrorRecord, context)`` with ``as_tuples``) in its place instead of
    stopping the run.
    """
    if as_tuples:
        yield from ordered_pool_map(
            extractor, pipe_tuple, items, on_error=pipe_tuple_error, batch_size=batch_size, n_process=n_process
        )
    else:
        yield from ordered_pool_map(
            extractor, pipe_text, items, on_error=pipe_text_error, batch_size=batch_size, n_process=n_process
        )
