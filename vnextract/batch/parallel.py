"""Ordered, memory-bounded process-pool map with one :class:`Extractor` per worker, and time limits.

Each worker process builds the extractor once, then handles batches of items,
sending each result back as soon as it is done, so the parent always knows
which item a worker has in hand.  Results come back in input order; at most
``max_in_flight`` batches of items are held, so memory stays flat however long
the input is.

* An exception inside a worker becomes an error result for that item.
* An item still in hand after ``timeout`` seconds becomes a ``timeout`` result;
  its worker is killed and replaced, and the rest of its batch goes to a fresh one.
* A worker that dies (segfault, out-of-memory kill) is replaced; the item it
  had in hand is retried once on its own and reported ``worker_crashed`` only
  if it kills a worker again.  An item that cannot be pickled is ``transfer_error``.
* Workers exit by themselves when the parent process dies (``kill -9``), and
  ignore SIGINT/SIGTERM: the parent decides when they stop.
* Workers started from a script without the ``if __name__ == "__main__":`` guard
  fail at once with :class:`WorkerStartError` saying so.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import signal
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from vnextract.batch.items import DEFAULT_MAX_CHARS, Extracts, error_record, item_fields, to_record
from vnextract.errors import ErrorCode
from vnextract.records import Document, ErrorRecord

__all__ = ["WorkerStartError", "ordered_pool_map", "parallel_map", "start_method"]

Task = Callable[[Any, Any], Any]
OnError = Callable[[Any, str, str], Any]

_UNGUARDED = 86  # exit code of a worker that found itself importing a script without the main guard
_GUARD_MESSAGE = (
    "worker processes cannot start: the script that starts them runs again in every worker. "
    'Put the code that calls pipe(n_process=...) or the batch runner under `if __name__ == "__main__":`'
)


class WorkerStartError(RuntimeError):
    """The worker processes could not start (most often: a script without the main guard)."""


def start_method() -> str:
    """The multiprocessing start method: ``VNEXTRACT_START_METHOD`` or ``spawn``.

    ``spawn`` is the default because forking a process that already runs
    threads (progress bars, Dask, user code) can deadlock.
    """
    return os.environ.get("VNEXTRACT_START_METHOD", "spawn")


def _watch_parent(parent_pid: int) -> None:
    while True:
        time.sleep(0.5)
        if os.getppid() != parent_pid:  # the parent died: nobody will read our results
            os._exit(1)


def _worker_main(conn: Connection, extractor: Any, task: Task, on_error: OnError, parent_pid: int) -> None:
    """A worker: build nothing more (``extractor`` was rebuilt by unpickling), then serve batches."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True).start()
    conn.send(("ready", os.getpid()))
    while True:
        try:
            batch = conn.recv()
        except (EOFError, OSError):
            return
        if batch is None:
            return
        for seq, item in batch:
            try:
                result = task(extractor, item)
            except Exception as exc:
                result = on_error(item, ErrorCode.EXTRACTOR_ERROR, f"{type(exc).__name__}: {exc}")
            try:
                conn.send((seq, result))
            except (pickle.PicklingError, TypeError, AttributeError) as exc:
                conn.send((seq, on_error(item, ErrorCode.TRANSFER_ERROR, f"{type(exc).__name__}: {exc}")))


@dataclass(eq=False)
class _Worker:
    proc: Any
    conn: Connection
    ready: bool = False
    batch: deque[tuple[int, Any]] = field(default_factory=deque)
    started: float = 0.0


def _check_not_bootstrapping() -> None:
    if getattr(multiprocessing.current_process(), "_inheriting", False):
        # we are a freshly spawned worker importing a script that starts workers at import time:
        # stop quietly; the parent reports it once, clearly
        os._exit(_UNGUARDED)


class _Pool:
    """Worker processes the parent can kill and replace one at a time."""

    def __init__(self, extractor: Any, task: Task, on_error: OnError, n_process: int) -> None:
        _check_not_bootstrapping()
        self.ctx = multiprocessing.get_context(start_method())
        self.args = (extractor, task, on_error, os.getpid())
        self.start_failures = 0
        self.workers: list[_Worker] = []
        for _ in range(n_process):
            self.workers.append(self._spawn())

    def _spawn(self) -> _Worker:
        parent_end, child_end = self.ctx.Pipe(duplex=True)
        proc = self.ctx.Process(target=_worker_main, args=(child_end, *self.args), daemon=True)
        proc.start()
        child_end.close()
        return _Worker(proc, parent_end)

    def replace(self, worker: _Worker) -> None:
        self._stop(worker, kill=True)
        self.workers[self.workers.index(worker)] = self._spawn()

    @staticmethod
    def _stop(worker: _Worker, kill: bool) -> None:
        if kill and worker.proc.is_alive():
            worker.proc.kill()
        worker.proc.join(timeout=5)
        worker.conn.close()

    def close(self) -> None:
        for worker in self.workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(None)
        deadline = time.monotonic() + 2
        for worker in self.workers:
            worker.proc.join(timeout=max(0.0, deadline - time.monotonic()))
            self._stop(worker, kill=True)


def ordered_pool_map(
    extractor: Any,
    task: Task,
    items: Iterable[Any],
    *,
    on_error: OnError,
    batch_size: int = 64,
    n_process: int = 2,
    max_in_flight: int | None = None,
    timeout: float | None = None,
) -> Iterator[Any]:
    """Yield ``task(extractor, item)`` for each item, in input order, using ``n_process`` workers.

    Args:
        extractor: pickled to each worker once (it rebuilds itself there).
        task: a picklable (module-level or ``functools.partial``) function.
        on_error: builds the result for an item that failed, from
            ``(item, code, message)``; must not raise.
        batch_size: items per batch sent to a worker.
        max_in_flight: batches read but not yet yielded (default ``2 * n_process``).
        timeout: seconds one item may take; over it, the item is ``on_error(item, "timeout", ...)``.

    Raises:
        WorkerStartError: the workers die while starting (see the module docstring).
    """
    if batch_size < 1 or n_process < 1:
        raise ValueError("batch_size and n_process must be >= 1")
    run = _Run(extractor, task, on_error, batch_size, n_process, max_in_flight, timeout)
    try:
        yield from run.results(iter(items))
    finally:
        run.pool.close()


class _Run:
    """The state of one :func:`ordered_pool_map` call."""

    def __init__(
        self,
        extractor: Any,
        task: Task,
        on_error: OnError,
        batch_size: int,
        n_process: int,
        max_in_flight: int | None,
        timeout: float | None,
    ) -> None:
        self.on_error = on_error
        self.batch_size = batch_size
        self.capacity = (max_in_flight or 2 * n_process) * batch_size
        self.timeout = timeout
        self.pool = _Pool(extractor, task, on_error, n_process)
        self.queue: deque[tuple[int, Any]] = deque()  # read, waiting for a worker (retries in front)
        self.done: dict[int, Any] = {}
        self.crashes: dict[int, int] = {}

    def results(self, source: Iterator[Any]) -> Iterator[Any]:
        read = given = 0
        exhausted = False
        while True:
            while not exhausted and read - given < self.capacity and len(self.queue) < self.capacity:
                try:
                    item = next(source)
                except StopIteration:
                    exhausted = True
                    break
                self.queue.append((read, item))
                read += 1
            self._dispatch()
            while given in self.done:
                yield self.done.pop(given)
                given += 1
            if exhausted and given == read:
                return
            if given not in self.done:
                self._wait()

    def _dispatch(self) -> None:
        for worker in self.pool.workers:
            if not (worker.ready and not worker.batch and self.queue):
                continue
            if self.queue[0][0] in self.crashes:
                batch = [self.queue.popleft()]  # a retry after a crash goes alone
            else:
                batch = []
                while self.queue and len(batch) < self.batch_size and self.queue[0][0] not in self.crashes:
                    batch.append(self.queue.popleft())
            self._send(worker, batch)

    def _send(self, worker: _Worker, batch: list[tuple[int, Any]]) -> None:
        try:
            worker.conn.send(batch)
        except (pickle.PicklingError, TypeError, AttributeError):
            sendable = []
            for seq, item in batch:
                try:
                    pickle.dumps(item)
                    sendable.append((seq, item))
                except Exception as exc:
                    self.done[seq] = self.on_error(item, ErrorCode.TRANSFER_ERROR, f"{type(exc).__name__}: {exc}")
            if not sendable:
                return
            batch = sendable
            try:
                worker.conn.send(batch)
            except OSError:
                self.queue.extendleft(reversed(batch))
                return
        except OSError:  # the worker died: its death is handled when we wait
            self.queue.extendleft(reversed(batch))
            return
        worker.batch.extend(batch)
        worker.started = time.monotonic()

    def _wait(self) -> None:
        busy = [w for w in self.pool.workers if w.batch or not w.ready]
        wait_for = 1.0
        if self.timeout is not None:
            now = time.monotonic()
            ends = [w.started + self.timeout - now for w in busy if w.batch]
            wait_for = max(0.01, min([wait_for, *ends]))
        handles: list[Any] = [w.conn for w in busy] + [w.proc.sentinel for w in busy]
        wait(handles, timeout=wait_for)
        for worker in list(self.pool.workers):
            alive = self._drain(worker)
            if not alive or not worker.proc.is_alive():
                self._drain(worker)
                self._died(worker)
            elif self.timeout is not None and worker.batch and time.monotonic() - worker.started > self.timeout:
                seq, item = worker.batch.popleft()
                message = f"extraction took over the time limit of {self.timeout:g} s"
                self.done[seq] = self.on_error(item, ErrorCode.TIMEOUT, message)
                self.queue.extendleft(reversed(worker.batch))
                self.pool.replace(worker)

    def _drain(self, worker: _Worker) -> bool:
        """Read every message waiting from ``worker``; ``False`` if its pipe is closed."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message[0] == "ready":
                    worker.ready = True
                    continue
                seq, result = message
                if worker.batch and worker.batch[0][0] == seq:
                    worker.batch.popleft()
                self.done[seq] = result
                worker.started = time.monotonic()
        except (EOFError, OSError):
            return False
        return True

    def _died(self, worker: _Worker) -> None:
        if not worker.ready:
            code = worker.proc.exitcode
            self.pool.start_failures += 1
            if code == _UNGUARDED:
                raise WorkerStartError(_GUARD_MESSAGE)
            if self.pool.start_failures >= 3 * len(self.pool.workers):
                raise WorkerStartError(f"worker processes keep exiting while they start (exit code {code})")
        elif worker.batch:
            seq, item = worker.batch.popleft()
            self.crashes[seq] = self.crashes.get(seq, 0) + 1
            rest = list(worker.batch)
            if self.crashes[seq] >= 2:
                message = "the worker process died twice while handling this document"
                self.done[seq] = self.on_error(item, ErrorCode.WORKER_CRASHED, message)
                self.queue.extendleft(reversed(rest))
            else:
                self.queue.extendleft(reversed([(seq, item), *rest]))
        worker.batch.clear()
        self.pool.replace(worker)


# --- the Extractor.pipe protocol -----------------------------------------------------------------


@dataclass(frozen=True)
class PipeTask:
    """What a worker does with one :meth:`Extractor.pipe` item (picklable)."""

    as_tuples: bool
    max_chars: int

    def __call__(self, extractor: Extracts, item: Any) -> Any:
        text, doc_id, published = item_fields(item) if self.as_tuples else (item, None, None)
        record = to_record(extractor, text, id=doc_id, published=published, max_chars=self.max_chars)
        return (record, item[1]) if self.as_tuples else record

    def failed(self, item: Any, code: str, message: str) -> Any:
        """The result standing for an item that failed outside :func:`to_record`."""
        if not self.as_tuples:
            return error_record(None, code, message)
        _, doc_id, _ = item_fields(item)
        context = item[1] if isinstance(item, tuple) and len(item) == 2 else None
        return error_record(doc_id, code, message), context


def parallel_map(
    extractor: Extracts,
    items: Iterable[Any],
    *,
    as_tuples: bool,
    batch_size: int,
    n_process: int,
    max_chars: int | None = None,
    timeout: float | None = None,
) -> Iterator[Document | ErrorRecord | tuple[Document | ErrorRecord, Any]]:
    """``Extractor.pipe(..., n_process=N)``: records in input order from ``n_process`` workers.

    A text that fails yields an :class:`~vnextract.records.ErrorRecord`
    (``(ErrorRecord, context)`` with ``as_tuples``) in its place instead of
    stopping the run.
    """
    task = PipeTask(as_tuples, max_chars or DEFAULT_MAX_CHARS)
    yield from ordered_pool_map(
        extractor, task, items, on_error=task.failed, batch_size=batch_size, n_process=n_process, timeout=timeout
    )
