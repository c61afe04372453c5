"""The Extractor: lexicons and patterns loaded once, then shared read-only.

An :class:`Extractor` is immutable after construction, so one instance can
serve many threads, and it pickles cheaply (workers rebuild it from its
settings) for process pools.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any, Literal, overload

from vnextract.batch.items import DEFAULT_MAX_CHARS, item_fields, to_record
from vnextract.batch.parallel import PipeTask, parallel_map
from vnextract.errors import ErrorCode, WarningCode
from vnextract.extractors.date_relative import RelativeDateExtractor
from vnextract.extractors.dates import DateExtractor
from vnextract.extractors.organizations import OrganizationExtractor, OrgMention
from vnextract.extractors.people import PeopleExtractor
from vnextract.extractors.percentages import PercentageExtractor
from vnextract.records import Document, DocumentWarning, ErrorRecord, SourceText
from vnextract.spans import SpanIndex
from vnextract.text.document import TextDoc
from vnextract.text.repetition import MaskedRun, mask_repetitions

__all__ = ["Extractor", "PipeError", "coerce_published", "extract"]


def coerce_published(published: date | str | None) -> date | None:
    """Accept a ``date``, a ``datetime`` or an ISO string (``2023-01-03``)."""
    if published is None or published == "":
        return None
    if isinstance(published, datetime):
        return published.date()
    if isinstance(published, date):
        return published
    if isinstance(published, str):
        try:
            return date.fromisoformat(published.strip()[:10])
        except ValueError as exc:
            raise ValueError(f"published must be an ISO date like 2023-01-03, got {published!r}") from exc
    raise TypeError(f"published must be a date, an ISO date string or None, not {type(published).__name__}")


class Extractor:
    """Turns Vietnamese news text into a :class:`~vnextract.records.Document`.

    Args:
        use_ner: also use underthesea's CRF NER as a signal for person names
            (slower; off by default).
        relative_dates: also fill :attr:`Document.relative_dates` with relative date words
            ("hôm qua", "tuần trước", "năm ngoái") resolved against ``published`` (off by default).
    """

    __slots__ = ("_dates", "_frozen", "_orgs", "_people", "_percentages", "_relative", "relative_dates", "use_ner")

    def __init__(self, *, use_ner: bool = False, relative_dates: bool = False) -> None:
        object.__setattr__(self, "use_ner", use_ner)
        object.__setattr__(self, "relative_dates", relative_dates)
        object.__setattr__(self, "_relative", RelativeDateExtractor() if relative_dates else None)
        object.__setattr__(self, "_dates", DateExtractor())
        object.__setattr__(self, "_percentages", PercentageExtractor())
        object.__setattr__(self, "_orgs", OrganizationExtractor())
        object.__setattr__(self, "_people", PeopleExtractor(use_ner=use_ner))
        object.__setattr__(self, "_frozen", True)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("Extractor is immutable once built")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.use_ner, self.relative_dates))

    def extract(
        self, text: str, *, published: date | str | None = None, id: str | None = None
    ) -> Document:
        """Extract every record from ``text``.

        Args:
            text: the article text (a ``str``; decode bytes first).
            published: publication date, used to fill years of partial dates.
            id: carried into :attr:`Document.id`.

        Raises:
            TypeError: ``text`` is not a ``str``.
        """
        if not isinstance(text, str):
            raise TypeError(
                f"vnextract.extract() needs text as str, not {type(text).__name__}"
                + ("; decode bytes first, e.g. data.decode('utf-8')" if isinstance(text, bytes | bytearray) else "")
            )
        if id is not None and not isinstance(id, str):
            raise TypeError(f"id must be a str or None, not {type(id).__name__}")
        when = coerce_published(published)
        if not text.strip():
            return _with_text(Document(id=id, published=when), text)
        work, masked = mask_repetitions(text)  # "Ban Thường vụ " x 7,000: a few are read, the rest blanked
        doc = TextDoc.from_text(work, when)
        dates = self._dates.extract(doc)
        percentages = self._percentages.extract(doc)
        orgs = self._orgs.analyze(doc)
        found = self._people.extract(doc, orgs)
        titles = SpanIndex(found.title_spans)
        kept: list[OrgMention] = []
        for mention in orgs.mentions:
            if not titles.overlapping(mention.start, mention.end):
                kept.append(mention)
                continue
            # a mention cut by a title ("Phó Bí thư Thường trực Huyện ủy") is no body of its
            # own, but the bodies named inside it still are
            kept += [p for p in mention.parents if not titles.overlapping(p.start, p.end)]
        seen = {(m.start, m.end) for m in kept}
        kept += [m for m in found.position_orgs if (m.start, m.end) not in seen]
        kept.sort(key=lambda m: (m.start, -m.end))
        return _with_text(
            Document(
                id=id,
                published=when,
                people=found.people,
                organizations=orgs.records(kept),
                dates=dates,
                percentages=percentages,
                relative_dates=self._relative.extract(doc, dates) if self._relative is not None else [],
                warnings=[_repetition_warning(run) for run in masked],
            ),
            text,
        )

    @overload
    def pipe(
        self,
        texts: Iterable[str],
        *,
        as_tuples: Literal[False] = False,
        batch_size: int = 64,
        n_process: int = 1,
        on_error: Literal["raise"] = "raise",
        doc_timeout: float | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> Iterator[Document]: ...
    @overload
    def pipe(
        self,
        texts: Iterable[tuple[str, Any]],
        *,
        as_tuples: Literal[True],
        batch_size: int = 64,
        n_process: int = 1,
        on_error: Literal["raise"] = "raise",
        doc_timeout: float | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> Iterator[tuple[Document, Any]]: ...
    @overload
    def pipe(
        self,
        texts: Iterable[Any],
        *,
        as_tuples: bool = False,
        batch_size: int = 64,
        n_process: int = 1,
        on_error: Literal["raise", "record"] = "raise",
        doc_timeout: float | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> Iterator[Any]: ...

    def pipe(
        self,
        texts: Iterable[Any],
        *,
        as_tuples: bool = False,
        batch_size: int = 64,
        n_process: int = 1,
        on_error: Literal["raise", "record"] = "raise",
        doc_timeout: float | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
    ) -> Iterator[Any]:
        """Extract from many texts, yielding results in input order.

        Each item goes through :func:`vnextract.batch.items.to_record`, as in the CLI and
        :mod:`vnextract.dask`: the same ``published`` parsing and the same size limit.

        Args:
            texts: strings, or ``(text, context)`` pairs with ``as_tuples=True``;
                the context is passed through untouched (a dict context may carry
                ``id`` and ``published``).
            batch_size: texts sent to a worker at a time.
            n_process: worker processes; ``1`` runs in this process, ``0`` or less
                means one per CPU.  Workers are started with ``spawn``, so a script
                using them needs the ``if __name__ == "__main__":`` guard (without it,
                :class:`~vnextract.batch.parallel.WorkerStartError` says so at once).
            on_error: ``"raise"`` stops at the first text that fails (raising
                :class:`PipeError` from a worker); ``"record"`` yields an
                :class:`~vnextract.records.ErrorRecord` (or ``(ErrorRecord, context)``)
                in its place and goes on.
            doc_timeout: with ``n_process > 1``, seconds a text may take; a text over it
                becomes a ``timeout`` error record and its worker is replaced.
            max_chars: longer texts become ``too_large`` error records.
        """
        if on_error not in ("raise", "record"):
            raise ValueError(f"on_error must be 'raise' or 'record', not {on_error!r}")
        if n_process <= 0:
            n_process = os.cpu_count() or 1
        if n_process == 1:
            yield from self._pipe_here(texts, as_tuples, on_error, max_chars)
            return
        results = parallel_map(
            self,
            texts,
            as_tuples=as_tuples,
            batch_size=batch_size,
            n_process=n_process,
            max_chars=max_chars,
            timeout=doc_timeout,
        )
        for result in results:
            record = result[0] if as_tuples else result
            if on_error == "raise" and isinstance(record, ErrorRecord):
                raise PipeError(record)
            yield result

    def _pipe_here(self, texts: Iterable[Any], as_tuples: bool, on_error: str, max_chars: int) -> Iterator[Any]:
        task = PipeTask(as_tuples, max_chars)
        for item in texts:
            if on_error == "record":
                try:
                    yield task(self, item)
                except Exception as exc:  # a malformed item (not a pair with as_tuples)
                    yield task.failed(item, ErrorCode.BAD_RECORD, f"{type(exc).__name__}: {exc}")
                continue
            text, doc_id, published = item_fields(item) if as_tuples else (item, None, None)
            record = to_record(self, text, id=doc_id, published=published, max_chars=max_chars, catch=False)
            if isinstance(record, ErrorRecord):
                raise PipeError(record)
            yield (record, item[1]) if as_tuples else record


def _with_text(doc: Document, text: str) -> Document:
    doc._source = SourceText(text)  # for the notebook view; not part of the record
    return doc


class PipeError(RuntimeError):
    """A text failed in :meth:`Extractor.pipe` with ``on_error="raise"``."""

    def __init__(self, record: ErrorRecord) -> None:
        super().__init__(f"{record.error.code}: {record.error.message} (id={record.id})")
        self.record = record


def _repetition_warning(run: MaskedRun) -> DocumentWarning:
    message = (
        f"{run.phrase[:60]!r} repeated {run.repeats} times in a row: characters {run.start}-{run.end} "
        "were not read (a degenerate repetition)"
    )
    return DocumentWarning(code=WarningCode.REPETITION, message=message, count=run.repeats, start=run.start)


def _rebuild(use_ner: bool, relative_dates: bool = False) -> Extractor:
    return Extractor(use_ner=use_ner, relative_dates=relative_dates)


_default: Extractor | None = None
_default_lock = threading.Lock()


def default_extractor() -> Extractor:
    """The lazily built shared :class:`Extractor`."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extract(text: str, *, published: date | str | None = None, id: str | None = None) -> Document:
    """Extract records from ``text`` with the shared default :class:`Extractor`."""
    return default_extractor().extract(text, published=published, id=id)
