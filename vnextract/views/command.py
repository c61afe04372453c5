"""``vnextract show``: one article's records as a terminal summary and a self-contained HTML page.

vnextract show corpora/seed.txt                       # officials and records, as text
vnextract show corpora/seed.txt -o seed.html --open   # the marked-up article in a browser
vnextract show news.jsonl --id 42 -o - > page.html    # one record of an archive
"""

from __future__ import annotations

import sys
import tempfile
import webbrowser
from pathlib import Path

import click

from vnextract.batch.decoding import DecodeError, decode_document
from vnextract.batch.items import parse_published, to_record
from vnextract.batch.readers import Fields, SourceDoc, iter_sources
from vnextract.batch.web import MissingExtraError
from vnextract.records import ErrorRecord

__all__ = ["show_command"]


def _read_one(source: str, doc_id: str | None, fields: Fields, max_bytes: int) -> SourceDoc:
    """The chosen document of ``source`` (``-``: standard input); a read error exits 1."""
    if source == "-":
        try:
            decoded = decode_document(sys.stdin.buffer.read())
        except DecodeError as exc:
            click.echo(f"Error: standard input: {exc} ({exc.code})", err=True)
            sys.exit(1)
        return SourceDoc(id=None, text=decoded.text, warnings=decoded.warnings)
    if not Path(source).exists():
        raise click.BadParameter(f"no such file or directory: {source}", param_hint="FILE")
    chosen = None
    count = 0
    for src in iter_sources([source], fields=fields, max_bytes=max_bytes):
        count += 1
        if doc_id is None or src.id == doc_id:
            chosen = src
            break
    if chosen is None:
        what = f"no document with id {doc_id!r} in" if doc_id is not None else "no document in"
        raise click.BadParameter(f"{what} {source} ({count} read)", param_hint="--id" if doc_id else "FILE")
    if chosen.error_code is not None:
        click.echo(f"Error: {chosen.id}: {chosen.error_message} ({chosen.error_code})", err=True)
        sys.exit(1)
    return chosen


@click.command("show")
@click.argument("source", metavar="FILE|-")
@click.option("-o", "--output", default=None, help="Write the HTML page here ('-' = stdout).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in a web browser.")
@click.option("--published", default=None, help="Publication date (ISO) when the input has none.")
@click.option("--id", "doc_id", default=None, help="Which document of an archive file [default: the first].")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV/Parquet field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL/CSV/Parquet field holding the document id.")
@click.option("--published-field", default="published", show_default=True, help="Field holding the publication date.")
@click.option("--ner", is_flag=True, help="Also use underthesea's CRF NER for person names (slower).")
def show_command(
    source: str,
    output: str | None,
    open_browser: bool,
    published: str | None,
    doc_id: str | None,
    text_field: str,
    id_field: str,
    published_field: str,
    ner: bool,
) -> None:
    """Show what vnextract finds in one article: a summary, and with -o an HTML page.

    FILE is a .txt article (or any input `extract` reads: the first document, or
    the one named by --id); '-' reads standard input.  The page marks every
    record in the text, with its normalised value as a tooltip, and lists the
    officials beside it.  It is self-contained: no network needed to view it.
    """
    from vnextract.extractor import Extractor
    from vnextract.views.html import render_html
    from vnextract.views.summary import summary

    if published is not None and parse_published(published)[0] is None:
        raise click.BadParameter(f"not a date: {published!r}", param_hint="--published")
    fields = Fields(text=text_field, id=id_field or None, published=published_field or None)
    try:
        src = _read_one(source, doc_id, fields, 8_000_000)
    except MissingExtraError as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    text = src.text or ""
    when = published or src.published
    record = to_record(Extractor(use_ner=ner), text, id=src.id, published=when, warnings=src.warnings)
    if isinstance(record, ErrorRecord):
        click.echo(f"Error: {record.id or source}: {record.error.message} ({record.error.code})", err=True)
        sys.exit(1)
    doc = record
    page = render_html(doc, text)
    if output == "-":
        sys.stdout.write(page)
        return
    click.echo(summary(doc, chars=len(text)))
    target = output
    if target is None and open_browser:
        handle = tempfile.NamedTemporaryFile("w", suffix=".html", prefix="vnextract-", delete=False)  # noqa: SIM115
        handle.close()
        target = handle.name
    if target is not None:
        try:
            Path(target).write_text(page, encoding="utf-8")
        except OSError as exc:
            click.echo(f"Error: cannot write {target}: {exc}", err=True)
            sys.exit(2)
        click.echo(f"HTML view: {target}", err=True)
        if open_browser and not webbrowser.open(Path(target).resolve().as_uri()):
            click.echo("(no web browser found: open the file yourself)", err=True)
