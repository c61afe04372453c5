"""One input item to one record: the single path from (text, id, published) to a Document or an ErrorRecord.

:meth:`Extractor.pipe`, the batch runner (``vnextract extract``) and :mod:`vnextract.dask` all
call :func:`to_record`, so the three read ``published`` the same way and apply the same size
limit.  This module knows the extractor only through the :class:`Extracts` protocol: it does
not import :mod:`vnextract.extractor` (which imports it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from vnextract.batch.web import parse_date
from vnextract.errors import ErrorCode, WarningCode
from vnextract.records import Document, DocumentWarning, ErrorInfo, ErrorRecord

__all__ = [
    "DEFAULT_MAX_CHARS",
    "Extracts",
    "error_record",
    "item_fields",
    "parse_published",
    "to_record",
]

DEFAULT_MAX_CHARS = 2_000_000


class Extracts(Protocol):
    """What :func:`to_record` needs of an extractor (:class:`vnextract.Extractor` is one)."""

    def extract(self, text: str, *, published: date | str | None = None, id: str | None = None) -> Document: ...


def error_record(doc_id: Any, code: ErrorCode | str, message: str) -> ErrorRecord:
    """An :class:`ErrorRecord` (``doc_id`` is made a string unless it is ``None``)."""
    return ErrorRecord(id=None if doc_id is None else str(doc_id), error=ErrorInfo(code=str(code), message=message))


def parse_published(value: Any) -> tuple[date | None, DocumentWarning | None]:
    """A publication date from a ``date``, a ``datetime`` or a string (ISO, ``08/05/2023``, ISO with time).

    Returns ``(date, None)``, ``(None, None)`` for no value, or ``(None, warning)`` for a value that
    is not a date: the document is still extracted, only partial dates keep no inferred year.

    Raises:
        TypeError: a value that is none of these types (a number, a list ...).
    """
    if value is None or value == "":
        return None, None
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    if not isinstance(value, str):
        raise TypeError(f"published must be a date, an ISO date string or None, not {type(value).__name__}")
    iso = parse_date(value)
    if iso is not None:
        return date.fromisoformat(iso), None
    shown = value if len(value) <= 40 else value[:40] + "..."
    return None, DocumentWarning(code=WarningCode.BAD_PUBLISHED, message=f"not a date: {shown!r}; ignored")


def item_fields(
    item: Any, text_field: str = "text", id_field: str = "id", published_field: str = "published"
) -> tuple[Any, Any, Any]:
    """``(text, id, published)`` of a string, a ``(text, context)`` pair, or a mapping with those fields."""
    if isinstance(item, str):
        return item, None, None
    if isinstance(item, Mapping):
        return item.get(text_field), item.get(id_field), item.get(published_field)
    if isinstance(item, Sequence) and not isinstance(item, bytes | bytearray) and len(item) == 2:
        text, context = item
        if isinstance(context, Mapping):
            return text, context.get("id"), context.get("published")
        return text, None, None
    return item, None, None


def to_record(
    extractor: Extracts,
    text: Any,
    *,
    id: Any = None,
    published: Any = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    warnings: Sequence[DocumentWarning] = (),
    catch: bool = True,
) -> Document | ErrorRecord:
    """Extract one item: a :class:`Document`, or an :class:`ErrorRecord` saying why not.

    Args:
        text: the text (anything else is ``missing_text``, or ``TypeError`` with ``catch=False``).
        id: carried into the record (made a ``str``).
        published: see :func:`parse_published`; an unreadable value adds a ``bad_published`` warning.
        max_chars: longer texts are ``too_large`` error records.
        warnings: damage found while reading the item (decoding), put on the Document.
        catch: turn an exception of the extractor into an ``extractor_error`` record; ``False`` lets it raise.
    """
    doc_id = None if id is None else str(id)
    if not isinstance(text, str):
        if not catch:
            raise TypeError(f"text must be a str, not {type(text).__name__}")
        return error_record(doc_id, ErrorCode.MISSING_TEXT, f"text is a {type(text).__name__}, not a string")
    if len(text) > max_chars:
        return error_record(doc_id, ErrorCode.TOO_LARGE, f"{len(text)} characters, over the limit of {max_chars}")
    try:
        when, bad_date = parse_published(published)
        doc = extractor.extract(text, published=when, id=doc_id)
    except Exception as exc:
        if not catch:
            raise
        return error_record(doc_id, ErrorCode.EXTRACTOR_ERROR, f"{type(exc).__name__}: {exc}")
    found = [*warnings, *([bad_date] if bad_date else [])]
    if found:
        doc.warnings = [*doc.warnings, *found]
    return doc
