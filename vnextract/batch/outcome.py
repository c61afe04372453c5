"""What a worker hands the writers: :class:`Outcome`, and the :class:`Writer` interface every format implements."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

from vnextract.errors import ErrorCode
from vnextract.records import Document, ErrorInfo, ErrorRecord

__all__ = ["POSITION_COLUMNS", "Form", "Outcome", "Writer", "document_payload", "plain_text"]

Form = Literal["json", "dict", "positions"]
POSITION_COLUMNS = (
    "document_id", "published", "person", "title", "organization", "organization_text",
    "position", "start", "end", "former", "acting",
)  # fmt: skip
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(slots=True)
class Outcome:
    """One processed document: its rendered payload or its error, and counts for the summary."""

    id: str | None
    payload: Any = None
    error_code: str | None = None
    error_message: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    chars: int = 0

    def error_record(self) -> ErrorRecord:
        """The :class:`ErrorRecord` standing in for this document."""
        info = ErrorInfo(code=self.error_code or ErrorCode.EXTRACTOR_ERROR, message=self.error_message or "")
        return ErrorRecord(id=self.id, error=info)


def document_payload(doc: Document, form: Form) -> Any:
    """Render a Document for a writer of ``form``."""
    if form == "json":
        return doc.model_dump_json()
    if form == "dict":
        return doc.model_dump(mode="python", exclude={"officials"})
    rows = []
    for person in doc.people:
        for pos in person.positions:
            when = doc.published.isoformat() if doc.published else ""
            org, org_text = pos.organization or "", pos.organization_text or ""
            rows.append([doc.id, when, person.name, pos.title, org, org_text, pos.text, pos.start, pos.end])
            rows[-1] += [int(pos.former), int(pos.acting)]
    return rows


class Writer:
    """Base class: ``prepare`` (open, nothing truncated), ``begin``, ``write``, ``commit``, ``close``."""

    form: Form = "json"
    accepts_errors = True
    #: the output alone cannot tell how many documents are done (a progress journal says it)
    journaled = False
    #: documents to hold before a commit (0: commit at every flush)
    part_size = 0

    def prepare(self) -> None:
        """Open the destination without changing it (raises ``OSError`` if it cannot be written)."""

    def begin(self, append: bool = False) -> None:
        """Start writing: truncate (a fresh run) or append (a resumed one)."""

    def write(self, outcome: Outcome) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def flush(self) -> None:
        """Hand buffered output to the operating system."""

    def commit(self) -> None:
        """Make everything written so far complete on disk (Parquet: close the part in hand)."""
        self.flush()

    def pending(self) -> int:
        """Documents written but not yet committed."""
        return 0

    def position(self) -> int:
        """Bytes committed (files) or parts committed (Parquet), for the progress journal."""
        return 0

    def close(self) -> None:
        """Commit and close."""

    def abandon(self) -> None:
        """Close after a failed start, removing what :meth:`prepare` created."""


class OutputFile:
    """A file opened for writing without truncation (so that a failed start changes nothing)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.created = not os.path.lexists(path)
        if os.path.isdir(path):
            raise IsADirectoryError(f"{path} is a directory")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT, 0o666)
        self.raw: BinaryIO = os.fdopen(fd, "wb", buffering=1 << 16)

    def begin(self, append: bool) -> None:
        if append:
            self.raw.seek(0, os.SEEK_END)
        else:
            self.raw.truncate(0)
            self.raw.seek(0)

    def close(self) -> None:
        if not self.raw.closed:
            self.raw.close()

    def abandon(self) -> None:
        self.close()
        if self.created:
            Path(self.path).unlink(missing_ok=True)


def plain_text(value: str) -> str:
    """``value`` with lone surrogates as U+FFFD (one character for one): for Parquet and CSV cells."""
    return _SURROGATE.sub("\ufffd", value)
