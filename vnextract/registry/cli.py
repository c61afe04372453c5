"""``vnextract registry ...``: build the registry of officials and query it.

    vnextract registry build archive/ records.jsonl --db officials.db --workers 2
    vnextract registry person "nguyen van thang" --db officials.db
    vnextract registry who "Bí thư" "Tỉnh ủy Tuyên Quang" --on 2025-10 --db officials.db
    vnextract registry org "Tỉnh ủy Quảng Ninh" --json --db officials.db
    vnextract registry merge 12 40 --db officials.db
    vnextract registry split 12 --document news.jsonl#L7 --db officials.db
    vnextract registry export tables/ --db officials.db     # one Parquet file per table

Exit codes of ``build`` are those of ``extract``: 0 all documents read, 1 some became error
records, 2 bad usage or a build that cannot start.  Queries exit 1 when nothing matches.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

import click

__all__ = ["registry"]

EXIT_NONE = 1
EXIT_ERRORS = 1
EXIT_FATAL = 2

_db = click.option(
    "--db", default="officials.db", show_default=True, type=click.Path(dir_okay=False), help="The registry file."
)
_json = click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")


@click.group()
def registry() -> None:
    """A registry of officials across an archive: who held which office, when, with the evidence."""


@registry.command("build")
@click.argument("inputs", nargs=-1, required=True)
@_db
@click.option(
    "-w", "--workers", type=click.IntRange(0), default=1, show_default=True, help="Worker processes (0 = one per CPU)."
)
@click.option(
    "--batch-size", type=click.IntRange(1), default=16, show_default=True, help="Documents per batch (and per commit)."
)
@click.option("--limit", type=click.IntRange(1), default=None, help="Read only the first N documents.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL/CSV field holding the document id.")
@click.option(
    "--published-field", default="published", show_default=True, help="JSONL/CSV field holding the publication date."
)
@click.option(
    "--max-chars",
    type=click.IntRange(1),
    default=None,
    help="Longer documents become 'too_large' errors [default: 2,000,000].",
)
@click.option("--ner", is_flag=True, help="Also use underthesea's CRF NER for person names (slower).")
@click.option(
    "--rebuild", is_flag=True, help="Empty the registry first (manual merges and splits are kept and replayed)."
)
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar [default: when stderr is a terminal]."
)
def build_command(
    inputs: tuple[str, ...], db: str, workers: int, batch_size: int, limit: int | None, text_field: str,
    id_field: str, published_field: str, max_chars: int | None, ner: bool, rebuild: bool, progress: bool | None,
) -> None:  # fmt: skip
    """Add the documents of INPUT files and folders to the registry.

    INPUT is what 'vnextract extract' reads (.txt files and folders, .jsonl, .csv, .html, .warc),
    or records it wrote (JSONL of Documents, .parquet; Dask part files). Documents already in the
    registry are skipped: a build run again changes nothing, and a killed build resumes.
    """
    import os

    from vnextract.batch.readers import Fields
    from vnextract.batch.runner import DEFAULT_MAX_CHARS
    from vnextract.batch.web import MissingExtraError
    from vnextract.registry.inputs import BuildOptions, build

    if "-" in inputs:
        raise click.UsageError("'registry build' reads files and folders, not standard input")
    options = BuildOptions(
        fields=Fields(text=text_field, id=id_field or None, published=published_field or None),
        workers=workers or os.cpu_count() or 1,
        batch_size=batch_size,
        max_chars=max_chars or DEFAULT_MAX_CHARS,
        limit=limit,
        use_ner=ner,
        rebuild=rebuild,
    )
    bar = _bar(progress, limit)
    try:
        stats = build(list(inputs), db, options, progress=bar.update_outcome if bar else None)
    except (MissingExtraError, RuntimeError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    finally:
        if bar:
            bar.close()
    seconds = max(stats.seconds, 1e-9)
    lines = [
        f"vnextract registry: {stats.documents} documents in {seconds:.1f} s: {stats.added} added, "
        f"{stats.skipped} already in the registry, {stats.errors} errors",
        f"  registry {db}: {stats.persons} persons, {stats.offices} offices",
    ]
    if stats.errors:
        lines.append("  errors: " + ", ".join(f"{c} {n}" for c, n in stats.error_codes.most_common()))
    click.echo("\n".join(lines), err=True)
    if stats.errors:
        sys.exit(EXIT_ERRORS)


def _bar(progress: bool | None, total: int | None) -> Any:
    from vnextract.cli_extract import progress_bar

    return progress_bar(progress, total)


def _open(db: str) -> Any:
    from pathlib import Path

    from vnextract.registry.api import Registry

    if not Path(db).exists():
        raise click.UsageError(f"no registry at {db}: run 'vnextract registry build ... --db {db}' first")
    return Registry(db)


def _emit(items: Sequence[Any], as_json: bool, render: Any) -> None:
    if as_json:
        click.echo(json.dumps([i.model_dump(mode="json") for i in items], ensure_ascii=False, indent=2))
    else:
        for item in items:
            click.echo(render(item))
    if not items:
        if not as_json:
            click.echo("nothing found", err=True)
        sys.exit(EXIT_NONE)


def _span(first: str | None, last: str | None) -> str:
    if first is None and last is None:
        return "undated"
    return first if first == last else f"{first or '?'} .. {last or '?'}"


def _documents(n: int) -> str:
    return f"{n} document{'' if n == 1 else 's'}"


def _render_person(p: Any) -> str:
    lines = [f"[{p.id}] {p.name} ({p.kind}, {_documents(p.n_documents)}, {_span(p.first_seen, p.last_seen)})"]
    for o in p.offices:
        status = " (former)" if o.former else ""
        lines.append(f"  {o.title}{', ' + o.organization if o.organization else ''}{status}: "
                     f"{_span(o.first_seen, o.last_seen)}, {_documents(o.n_documents)}")  # fmt: skip
        for s in o.sources[:3]:
            lines.append(f"      {s.document_id} [{s.start}:{s.end}] {s.text}")
    return "\n".join(lines)


def _render_holder(h: Any) -> str:
    status = f" [{h.status}]" if h.status else ""
    former = " (former)" if h.former else ""
    org = f", {h.organization}" if h.organization else ""
    span = _span(h.first_seen, h.last_seen)
    return f"[{h.person_id}] {h.name}: {h.title}{org}{former}, {span}, {_documents(h.n_documents)}{status}"


def _render_org(o: Any) -> str:
    lines = [f"[{o.id}] {o.name} ({o.kind or 'other'}, {_documents(o.n_documents)})"]
    if o.sub_bodies:
        lines.append("  sub-bodies: " + "; ".join(o.sub_bodies))
    lines.extend("  " + _render_holder(h) for h in o.offices)
    return "\n".join(lines)


@registry.command("person")
@click.argument("name")
@_db
@_json
def person_command(name: str, db: str, as_json: bool) -> None:
    """Each individual called NAME (accents and case ignored) with offices and sources."""
    with _open(db) as reg:
        _emit(reg.person(name), as_json, _render_person)


@registry.command("who")
@click.argument("title")
@click.argument("organization", required=False)
@click.option("--on", "on", default=None, help="Only who held it on this date (YYYY, YYYY-MM or YYYY-MM-DD).")
@_db
@_json
def who_command(title: str, organization: str | None, on: str | None, db: str, as_json: bool) -> None:
    """Holders of TITLE in ORGANIZATION, most recent first.

    TITLE may name the organisation too ("Bí thư Tỉnh ủy Lạng Sơn").
    """
    from vnextract.registry.queries import date_range

    if on is not None:
        try:
            date_range(on)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--on") from exc
    with _open(db) as reg:
        _emit(reg.who(title, organization, on=on), as_json, _render_holder)


@registry.command("org")
@click.argument("name")
@_db
@_json
def org_command(name: str, db: str, as_json: bool) -> None:
    """The organisation NAME with the people and offices of it and its sub-bodies."""
    with _open(db) as reg:
        _emit(reg.org(name), as_json, _render_org)


@registry.command("merge")
@click.argument("person_ids", nargs=-1, type=int, required=True)
@click.option("--note", default=None, help="Why (stored with the decision).")
@_db
def merge_command(person_ids: tuple[int, ...], note: str | None, db: str) -> None:
    """Merge persons PERSON_IDS into one individual; the decision is kept on rebuilds."""
    with _open(db) as reg:
        try:
            kept = reg.merge(*person_ids, note=note)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"merged into person {kept}")


@registry.command("split")
@click.argument("person_id", type=int)
@click.option(
    "--document", "documents", multiple=True, required=True, help="A document whose mentions move (repeatable)."
)
@click.option("--note", default=None, help="Why (stored with the decision).")
@_db
def split_command(person_id: int, documents: tuple[str, ...], note: str | None, db: str) -> None:
    """Split the mentions of PERSON_ID in the given documents off into another individual."""
    with _open(db) as reg:
        try:
            new_id = reg.split(person_id, documents, note=note)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from exc
    click.echo(f"split into person {new_id}")


@registry.command("export")
@click.argument("directory", type=click.Path(file_okay=False))
@_db
def export_command(directory: str, db: str) -> None:
    """Write every table of the registry as DIRECTORY/TABLE.parquet (for DuckDB or a warehouse)."""
    from vnextract.batch.web import MissingExtraError
    from vnextract.registry.export import export_parquet

    with _open(db) as reg:
        try:
            paths = export_parquet(reg.conn, directory)
        except MissingExtraError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_FATAL)
    click.echo(f"{len(paths)} tables written to {directory}")
