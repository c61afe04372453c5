"""Error codes: why a document became an :class:`~vnextract.records.ErrorRecord`, and warning codes.

Every error record written by the batch path, :meth:`Extractor.pipe` and :mod:`vnextract.dask`
carries one of these codes in ``error.code``; every ``Document.warnings`` entry one of
:class:`WarningCode`.  Both are ``str`` enums, so ``ErrorCode.EMPTY == "empty"``.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["ErrorCode", "WarningCode"]


class ErrorCode(StrEnum):
    """Why a document could not be extracted (the README lists them with their meaning)."""

    # reading the input
    NOT_FOUND = "not_found"  # an input path inside a folder walk vanished before it was read
    UNSUPPORTED_FORMAT = "unsupported_format"  # a file in a folder whose extension vnextract does not read
    CORRUPT_ARCHIVE = "corrupt_archive"  # a compressed or container file that cannot be read further
    EMPTY = "empty"  # a file or record that holds no text
    BINARY = "binary"  # content that is not text (NUL or control bytes)
    UNDECODABLE = "undecodable"  # mostly undecodable bytes (the message gives the first bad byte offset)
    MOJIBAKE = "mojibake"  # legacy-font (TCVN3/VNI) text that no conversion turns into Vietnamese
    BAD_JSON = "bad_json"  # a JSONL line that is not JSON
    BAD_RECORD = "bad_record"  # a record that is not an object (or a string)
    MISSING_TEXT = "missing_text"  # a record without a string in the text field
    NO_ARTICLE = "no_article"  # an HTML page with no article text
    TOO_LARGE = "too_large"  # over the size limit (--max-chars)
    # extracting
    EXTRACTOR_ERROR = "extractor_error"  # the extractor raised
    TIMEOUT = "timeout"  # over the per-document time limit (--doc-timeout)
    WORKER_CRASHED = "worker_crashed"  # the worker process died twice on this document
    TRANSFER_ERROR = "transfer_error"  # the document or its result could not be sent between processes


class WarningCode(StrEnum):
    """Something a document was extracted despite (``Document.warnings``)."""

    DECODING_DAMAGE = "decoding_damage"  # undecodable bytes replaced by U+FFFD; the rest was extracted
    BAD_PUBLISHED = "bad_published"  # the publication date could not be read and was ignored
    MOJIBAKE_REPAIRED = "mojibake_repaired"  # UTF-8 once read as Windows-1252 ("Viá»‡t") was repaired
    REPETITION = "repetition"  # a phrase repeated many times in a row: the run beyond a few was not read
