"""Stream documents out of archives: text files and folders, JSONL, CSV, Parquet, HTML and WARC.

Every reader yields :class:`SourceDoc` items one at a time (memory stays flat
whatever the archive size).  A document that cannot be read is still yielded,
with ``error`` set, so the run stays lossless.  Ids are stable across runs:

* text / HTML files: the path as given (folders: the folder as given + the
  relative path, ``/``-separated);
* JSONL / CSV / Parquet: the ``--id-field`` value, else ``PATH#L<line>`` / ``PATH#row<n>``;
* WARC: ``<WARC-Record-ID>|<target URL>``;
* a whole archive that cannot be opened: its path (``PATH`` or ``PATH@<offset>``).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from vnextract.batch.decoding import DecodeError, damage_warning, decode_document, repair_text
from vnextract.batch.parquet_input import PARQUET_MAGIC, iter_parquet_rows
from vnextract.batch.web import MissingExtraError, html_to_text, iter_warc_html, require_html_extra
from vnextract.errors import ErrorCode
from vnextract.records import DocumentWarning

__all__ = [
    "Fields",
    "MissingExtraError",
    "SourceDoc",
    "detect_format",
    "iter_sources",
    "supported_extensions",
    "unsupported_extension",
]

_GZIP_MAGIC = b"\x1f\x8b"
_ARCHIVE_ERRORS = (OSError, EOFError, zlib.error)
_EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl",
    ".csv": "csv",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc",
    ".parquet": "parquet", ".pq": "parquet",
}  # fmt: skip


@dataclass(slots=True)
class SourceDoc:
    """One input document: its id, text and publish date, or why it could not be read."""

    id: str | None
    text: str | None = None
    published: str | None = None
    error_code: str | None = None
    error_message: str | None = None
    html: bytes | None = None  # a page still to be parsed (see ``parse_html`` of iter_sources)
    charset: str | None = None
    warnings: list[DocumentWarning] = field(default_factory=list)  # damage it was read despite

    @classmethod
    def failed(cls, id: str | None, code: str, message: str) -> SourceDoc:
        """A document that could not be read."""
        return cls(id=id, error_code=code, error_message=message)

    def resolved(self) -> SourceDoc:
        """This document with its HTML page (if any) parsed into text and publish date."""
        if self.html is None:
            return self
        try:
            text, published = html_to_text(self.html, self.charset, repair=False)
            repaired = repair_text(text)
        except DecodeError as exc:
            return _failed(self.id, exc)
        return SourceDoc(id=self.id, text=repaired.text, published=published, warnings=repaired.warnings)


@dataclass(frozen=True, slots=True)
class Fields:
    """Field (column) names used in JSONL and CSV records."""

    text: str = "text"
    id: str | None = "id"
    published: str | None = "published"


def supported_extensions() -> list[str]:
    """The input file extensions vnextract reads (each also gzip-compressed, ``.jsonl.gz``)."""
    return sorted(_EXTENSIONS)


def unsupported_extension(path: Path) -> str | None:
    """The extension of ``path`` if vnextract does not read it (files without one are sniffed)."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    if not suffixes or suffixes[-1] in _EXTENSIONS:
        return None
    suffix = suffixes[-1]
    if not suffix[1:].isalnum() or suffix[1:].isdigit() or len(suffix) > 6:
        return None  # "report.2017", "Nghị quyết 01.v2": a dot inside a name, not an extension
    return suffix


def detect_format(path: Path) -> str:
    """``txt``, ``jsonl``, ``csv``, ``parquet``, ``html`` or ``warc``: by extension, else by content."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] in (".gz", ".gzip"):
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _EXTENSIONS:
        return _EXTENSIONS[suffixes[-1]]
    try:
        with _open_binary(path) as stream:
            head = stream.read(4096)
    except _ARCHIVE_ERRORS:
        return "txt"  # the txt reader reports the error as a record
    if head.startswith(PARQUET_MAGIC):
        return "parquet"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = stripped[:1024].lower()
    if stripped.startswith(b"WARC/"):
        return "warc"
    if stripped.startswith(b"{"):
        return "jsonl"
    if lower.startswith((b"<!doctype html", b"<html")) or b"<body" in lower or b"<head" in lower:
        return "html"
    return "txt"


def iter_sources(
    inputs: Iterable[str | Path],
    *,
    fields: Fields | None = None,
    max_bytes: int = 8_000_000,
    exclude: Iterable[str | Path] = (),
    parse_html: bool = True,
) -> Iterator[SourceDoc]:
    """Yield every document of ``inputs`` (files or folders), in a stable order.

    Args:
        inputs: paths of files or folders (folders are walked recursively,
            sorted, hidden entries skipped).
        fields: field names for JSONL and CSV records.
        max_bytes: files or records larger than this become ``too_large`` errors
            without being read into memory.
        exclude: files never read (the run's own output files, when they sit
            inside an input folder).
        parse_html: parse HTML pages here; ``False`` leaves the bytes in
            :attr:`SourceDoc.html` for :meth:`SourceDoc.resolved` to parse later
            (in a worker process: page parsing costs as much as extraction).

    Raises:
        MissingExtraError: an HTML or WARC input needs an extra that is not installed.
    """
    fields = fields or Fields()
    skip = {Path(p).resolve() for p in exclude if str(p) != "-"}
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for file in _walk(path):
                if not skip or not _excluded(file, skip):
                    yield from _read_one(file, fields, max_bytes, parse_html)
        elif path.exists():
            if skip and path.resolve() in skip:
                continue
            yield from _read_one(path, fields, max_bytes, parse_html)
        else:
            yield SourceDoc.failed(_display(path), ErrorCode.NOT_FOUND, f"no such file or directory: {path}")


def _read_one(path: Path, fields: Fields, max_bytes: int, parse_html: bool) -> Iterator[SourceDoc]:
    """The documents of one file; a file that holds none gives one ``empty`` record."""
    doc_id = _display(path)
    suffix = unsupported_extension(path)
    if suffix is not None:
        message = f"{suffix} files are not read; supported: {', '.join(supported_extensions())} (also .gz)"
        yield SourceDoc.failed(doc_id, ErrorCode.UNSUPPORTED_FORMAT, message)
        return
    count = 0
    for doc in _read_file(path, doc_id, fields, max_bytes, parse_html):
        count += 1
        yield doc
    if count == 0:
        yield SourceDoc.failed(doc_id, ErrorCode.EMPTY, f"{path} holds no document")


def _excluded(file: Path, skip: set[Path]) -> bool:
    """``file`` is one of the run's own outputs, or inside one (a Parquet dataset folder)."""
    resolved = file.resolve()
    return resolved in skip or any(parent in skip for parent in resolved.parents)


def _display(path: Path) -> str:
    return path.as_posix()


def _walk(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and name != "_progress.jsonl":  # (the journal of a Parquet output)
                yield Path(folder, name)


def _read_file(path: Path, doc_id: str, fields: Fields, max_bytes: int, parse_html: bool) -> Iterator[SourceDoc]:
    kind = detect_format(path)
    if kind == "jsonl":
        yield from _read_jsonl(path, doc_id, fields, max_bytes)
    elif kind == "csv":
        yield from _read_csv(path, doc_id, fields, max_bytes)
    elif kind == "parquet":
        yield from iter_parquet_rows(
            path, doc_id, text=fields.text, id=fields.id, published=fields.published, max_bytes=max_bytes,
            to_source=lambda row, fallback: _record_to_source(row, fallback, fields), failed=SourceDoc.failed,
        )  # fmt: skip
    elif kind == "warc":
        for warc_id, html, charset, error in iter_warc_html(path, doc_id, max_bytes):
            yield _html_source(warc_id, html, charset, parse_html) if error is None else _failed(warc_id, error)
    else:
        data = _read_bytes(path, doc_id, max_bytes)
        if isinstance(data, SourceDoc):
            yield data
        elif kind == "html":
            yield _html_source(doc_id, data, None, parse_html)
        else:
            try:
                decoded = decode_document(data)
            except DecodeError as exc:
                yield _failed(doc_id, exc)
            else:
                yield SourceDoc(id=doc_id, text=decoded.text, warnings=decoded.warnings)


def _failed(doc_id: str, error: DecodeError) -> SourceDoc:
    return SourceDoc.failed(doc_id, error.code, str(error))


def _html_source(doc_id: str, data: bytes | None, charset: str | None, parse: bool) -> SourceDoc:
    require_html_extra()  # fail clearly here, not once per page in the workers
    page = SourceDoc(id=doc_id, html=data or b"", charset=charset)
    return page.resolved() if parse else page


def _open_binary(path: Path) -> BinaryIO:
    raw = path.open("rb")
    if raw.peek(2)[:2] == _GZIP_MAGIC:  # peek, not seek: works on pipes too
        return gzip.GzipFile(fileobj=raw)  # type: ignore[return-value]
    return raw


def _read_bytes(path: Path, doc_id: str, max_bytes: int) -> bytes | SourceDoc:
    try:
        if path.stat().st_size > max_bytes:
            return SourceDoc.failed(doc_id, ErrorCode.TOO_LARGE, f"file is over the size limit of {max_bytes} bytes")
        with _open_binary(path) as stream:
            data = stream.read(max_bytes + 1)
    except _ARCHIVE_ERRORS as exc:
        return SourceDoc.failed(doc_id, ErrorCode.CORRUPT_ARCHIVE, f"cannot read {path}: {exc}")
    if len(data) > max_bytes:
        return SourceDoc.failed(doc_id, ErrorCode.TOO_LARGE, f"content is over the size limit of {max_bytes} bytes")
    return data


def _text_of(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _published_of(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def _record_to_source(record: Any, fallback_id: str, fields: Fields, damaged: bool = False) -> SourceDoc:
    if isinstance(record, str):
        record = {fields.text: record}
    if not isinstance(record, dict):
        got = type(record).__name__
        return SourceDoc.failed(fallback_id, ErrorCode.BAD_RECORD, f"expected a JSON object, got {got}")
    raw_id = record.get(fields.id) if fields.id else None
    doc_id = fallback_id if raw_id is None or raw_id == "" else str(raw_id)
    text = _text_of(record.get(fields.text))
    if text is None:
        found = "missing" if fields.text not in record else f"a {type(record[fields.text]).__name__}"
        return SourceDoc.failed(doc_id, ErrorCode.MISSING_TEXT, f"text field {fields.text!r} is {found}, not a string")
    if not text.strip():
        return SourceDoc.failed(doc_id, ErrorCode.EMPTY, "text field is empty")
    try:
        repaired = repair_text(text)
    except DecodeError as exc:
        return SourceDoc.failed(doc_id, exc.code, str(exc))
    text = repaired.text
    published = _published_of(record.get(fields.published)) if fields.published else None
    warning = damage_warning(text) if damaged else None
    warnings = [*([warning] if warning else []), *repaired.warnings]
    return SourceDoc(id=doc_id, text=text, published=published, warnings=warnings)


def _json_line(line: bytes) -> tuple[Any, bool]:
    """Parse one JSONL line: ``(record, damaged)``.

    Lines in a legacy encoding (Windows-1258, TCVN3, VNI) are decoded first; a line with a few
    bad bytes is read with U+FFFD in their place (``damaged``).
    """
    try:
        return json.loads(line), False
    except UnicodeDecodeError:
        decoded = decode_document(line)
        return json.loads(decoded.text), bool(decoded.warnings)


def _read_json_array(stream: BinaryIO, name: str, fields: Fields, max_bytes: int) -> Iterator[SourceDoc]:
    """A ``.json`` file holding one array of records (read whole: such files are not streamable)."""
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield SourceDoc.failed(name, ErrorCode.TOO_LARGE, f"JSON array file is over {max_bytes} bytes: use JSONL")
        return
    try:
        records = json.loads(data)
    except ValueError as exc:
        yield SourceDoc.failed(name, ErrorCode.BAD_JSON, f"not valid JSON: {exc}")
        return
    for i, record in enumerate(records):
        yield _record_to_source(record, f"{name}#{i}", fields)


def _read_jsonl(path: Path, name: str, fields: Fields, max_bytes: int) -> Iterator[SourceDoc]:
    lineno = 0
    try:
        with _open_binary(path) as stream:
            if stream.peek(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":  # type: ignore[attr-defined]
                yield from _read_json_array(stream, name, fields, max_bytes)
                return
            for lineno, line in enumerate(stream, start=1):
                if not line.strip():
                    continue
                fallback = f"{name}#L{lineno}"
                if len(line) > max_bytes:
                    message = f"record is over the size limit of {max_bytes} bytes"
                    yield SourceDoc.failed(fallback, ErrorCode.TOO_LARGE, message)
                    continue
                try:
                    record, damaged = _json_line(line)
                except DecodeError as exc:
                    yield SourceDoc.failed(fallback, exc.code, f"line {lineno}: {exc}")
                    continue
                except ValueError as exc:
                    yield SourceDoc.failed(fallback, ErrorCode.BAD_JSON, f"line {lineno} is not valid JSON: {exc}")
                    continue
                yield _record_to_source(record, fallback, fields, damaged)
    except _ARCHIVE_ERRORS as exc:
        where = name if lineno == 0 else f"{name}@L{lineno + 1}"
        yield SourceDoc.failed(where, ErrorCode.CORRUPT_ARCHIVE, f"cannot read {path} after line {lineno}: {exc}")


def _csv_encoding(path: Path) -> str:
    try:
        with _open_binary(path) as stream:
            head = stream.read(1 << 20)
    except _ARCHIVE_ERRORS:
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(head) - 4:  # not merely a character cut at the chunk end
            bad = head.decode("utf-8", errors="replace").count("\ufffd")
            if bad > max(16, len(head) // 100):  # a legacy encoding, not a few damaged bytes in UTF-8
                return "cp1258"
    return "utf-8-sig"


def _read_csv(path: Path, name: str, fields: Fields, max_bytes: int) -> Iterator[SourceDoc]:
    import unicodedata

    csv.field_size_limit(max(max_bytes, 131072))
    encoding = _csv_encoding(path)
    row_no = 0
    try:
        with _open_binary(path) as stream:
            # a few bad bytes in a UTF-8 table become U+FFFD in their row, not the loss of the file
            text_stream = io.TextIOWrapper(stream, encoding=encoding, errors="replace", newline="")
            reader = csv.DictReader(text_stream)
            if reader.fieldnames is None or fields.text not in reader.fieldnames:
                message = f"CSV has no {fields.text!r} column: {reader.fieldnames}"
                yield SourceDoc.failed(name, ErrorCode.MISSING_TEXT, message)
                return
            for row_no, row in enumerate(reader, start=1):
                if encoding == "cp1258":
                    row = {k: unicodedata.normalize("NFC", v) if isinstance(v, str) else v for k, v in row.items()}
                damaged = any(isinstance(v, str) and "\ufffd" in v for v in row.values())
                yield _record_to_source(row, f"{name}#row{row_no}", fields, damaged)
    except (*_ARCHIVE_ERRORS, UnicodeDecodeError, csv.Error) as exc:
        where = name if row_no == 0 else f"{name}@row{row_no + 1}"
        yield SourceDoc.failed(where, ErrorCode.CORRUPT_ARCHIVE, f"cannot read {path} after row {row_no}: {exc}")


def first_record_keys(path: Path, records: int = 5) -> list[str]:
    """The field names of the first ``records`` records of a JSONL or CSV file (``[]``: not such a file,
    or records that are plain strings), to check ``--text-field`` before a run starts."""
    kind = detect_format(path)
    keys: dict[str, None] = {}
    try:
        with _open_binary(path) as stream:
            if kind == "csv":
                header = io.TextIOWrapper(stream, encoding=_csv_encoding(path), errors="replace", newline="")
                return next(csv.reader(header), [])
            if kind != "jsonl" or stream.peek(64).lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[":  # type: ignore[attr-defined]
                return []
            seen = 0
            for line in stream:
                if not line.strip():
                    continue
                seen += 1
                if seen > records:
                    break
                try:
                    record, _ = _json_line(line)
                except ValueError:
                    continue
                if not isinstance(record, dict):
                    return []
                keys.update(dict.fromkeys(record))
    except (*_ARCHIVE_ERRORS, csv.Error):
        return []
    return list(keys)
