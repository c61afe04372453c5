"""HTML pages and WARC crawls: article text, title and publish date.

Both need optional extras: ``pip install 'vnextract[html]'`` (trafilatura) for
HTML, plus ``'vnextract[warc]'`` (warcio) for WARC files.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from vnextract.batch.decoding import DecodeError, decode_bytes, repair_mojibake
from vnextract.errors import ErrorCode

__all__ = [
    "MissingExtraError",
    "WarcItem",
    "html_to_text",
    "iter_warc_html",
    "meta_published",
    "parse_date",
    "require_html_extra",
]


class MissingExtraError(RuntimeError):
    """An input format needs an optional dependency that is not installed."""


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError as exc:
        raise MissingExtraError(f"HTML input needs trafilatura: pip install 'vnextract[html]' ({exc})") from exc
    quiet = logging.getLogger("trafilatura")
    if quiet.level == logging.NOTSET:  # its per-page warnings would drown the progress bar
        quiet.setLevel(logging.ERROR)
    return trafilatura


def require_html_extra() -> None:
    """Raise :class:`MissingExtraError` unless HTML parsing is available."""
    _trafilatura()


_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_META_RE = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR_RE = re.compile(r"""([a-zA-Z_:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_TIME_RE = re.compile(r"""<time\b[^>]*\bdatetime\s*=\s*["']([^"']+)["']""", re.I)
_LDJSON_RE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
_DATE_KEYS = (
    "article:published_time", "datepublished", "pubdate", "publishdate", "publish-date", "date",
    "dc.date.issued", "dc.date", "dcterms.created", "og:published_time", "article.published", "created",
)  # fmt: skip
_ISO_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DMY_RE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(value: str) -> str | None:
    """An ISO date from ``2023-05-08``, ``2023-05-08T09:00+07:00`` or ``08/05/2023``; ``None`` otherwise."""
    for pattern, order in ((_ISO_RE, (0, 1, 2)), (_DMY_RE, (2, 1, 0))):
        m = pattern.search(value)
        if m:
            parts = m.groups()
            try:
                return date(int(parts[order[0]]), int(parts[order[1]]), int(parts[order[2]])).isoformat()
            except ValueError:
                continue
    return None


def meta_published(html: str) -> str | None:
    """The publish date from ``<meta>`` tags, JSON-LD or a ``<time datetime>`` dateline (ISO), if any."""
    head = html[:200_000]
    found: dict[str, str] = {}
    for tag in _META_RE.findall(head):
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR_RE.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _DATE_KEYS and attrs.get("content"):
            found.setdefault(key, attrs["content"])
    candidates = [found[k] for k in _DATE_KEYS if k in found]
    candidates += _LDJSON_RE.findall(head)[:1]
    candidates += _TIME_RE.findall(head)[:1]
    for value in candidates:
        parsed = parse_date(value)
        if parsed:
            return parsed
    return None


def html_to_text(data: bytes | str, encoding: str | None = None, *, repair: bool = True) -> tuple[str, str | None]:
    """Article text (title first) and publish date of an HTML page.

    Dates from ``<meta>`` tags, JSON-LD and ``<time>`` datelines win over the
    date trafilatura finds; dates inside the article body are never used.

    Raises:
        DecodeError: ``empty``/``binary``/``undecodable`` bytes, ``no_article``
            (no article text found: broken or empty page) or ``mojibake``.
        MissingExtraError: trafilatura is not installed.
    """
    trafilatura = _trafilatura()
    if isinstance(data, bytes):
        if encoding is None:
            m = _CHARSET_RE.search(data[:4096])
            encoding = m.group(1).decode("ascii") if m else None
        html = decode_bytes(data, encoding, repair=False)
    else:
        html = data
    if "<" not in html[:4096]:
        raise DecodeError(ErrorCode.NO_ARTICLE, "not an HTML page: no markup found")
    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise DecodeError(ErrorCode.NO_ARTICLE, f"HTML could not be parsed: {type(exc).__name__}: {exc}") from exc
    body = (getattr(result, "text", None) or "").strip() if result is not None else ""
    if not body:
        raise DecodeError(ErrorCode.NO_ARTICLE, "no article text found in the HTML page")
    title = (getattr(result, "title", None) or "").strip()
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"
    if repair:  # legacy-font pages (TCVN3/VNI) are mojibake in any charset
        text = repair_mojibake(text)
    published = meta_published(html) or parse_date(str(getattr(result, "date", None) or ""))
    return text, published


WarcItem = tuple[str, bytes | None, str | None, DecodeError | None]
"""``(id, html_bytes, declared_charset, error)`` for one HTML capture of a WARC file."""

_HTML_TYPES = ("text/html", "application/xhtml")


def iter_warc_html(path: Path, name: str, max_bytes: int) -> Iterator[WarcItem]:
    """The HTML responses of a WARC file; other records (requests, images, metadata) are skipped.

    A file that breaks mid-way yields a last item ``(f"{name}@{offset}", None, None, error)``.

    Raises:
        MissingExtraError: warcio is not installed.
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError as exc:
        raise MissingExtraError(f"WARC input needs warcio: pip install 'vnextract[warc]' ({exc})") from exc
    _trafilatura()  # fail early and clearly, before reading the crawl
    end = 0  # where the last complete record ended
    try:
        size = path.stat().st_size
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                item = _warc_item(record, name, max_bytes)
                # offsets are only valid once the content has been read (or skipped)
                end = records.get_record_offset() + records.get_record_length()
                if item is not None:
                    yield item
        if size - end > 4:  # warcio stops quietly at a damaged record: bytes left over mean damage
            damaged = DecodeError(ErrorCode.CORRUPT_ARCHIVE, f"damaged WARC record at byte {end}")
            yield f"{name}@{end}", None, None, damaged
    except MissingExtraError:
        raise
    except Exception as exc:  # warcio raises ArchiveLoadFailed, zlib/OSError, ValueError on damage
        where = name if end == 0 else f"{name}@{end}"
        message = f"cannot read WARC {path}: {type(exc).__name__}: {exc}"
        yield where, None, None, DecodeError(ErrorCode.CORRUPT_ARCHIVE, message)


def _warc_item(record: Any, name: str, max_bytes: int) -> WarcItem | None:
    if record.rec_type not in ("response", "resource"):
        return None
    headers = record.http_headers if record.http_headers is not None else record.rec_headers
    content_type = headers.get_header("Content-Type") or ""
    if not content_type.lower().startswith(_HTML_TYPES):
        return None
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    record_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
    data = record.content_stream().read(max_bytes + 1)
    doc_id = f"{record_id or name}|{url}"
    if len(data) > max_bytes:
        return doc_id, None, None, DecodeError(ErrorCode.TOO_LARGE, f"page is over {max_bytes} bytes")
    m = re.search(r"charset=([A-Za-z0-9_.:-]+)", content_type, re.I)
    return doc_id, data, m.group(1) if m else None, None
