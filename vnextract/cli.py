"""The ``vnextract`` command line.

    vnextract extract archive/ dump.jsonl.gz crawl.warc.gz -o out.jsonl --workers 4
    echo "Sáng 8/5/2017, ông ..." | vnextract extract -
    vnextract schema

Exit codes: 0 all documents extracted; 1 some documents became error records;
2 bad usage or a run that cannot start (missing extra, output that cannot be resumed).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from vnextract.records import Document
from vnextract.registry.cli import registry

if TYPE_CHECKING:
    from vnextract.batch.runner import RunStats
    from vnextract.batch.writers import Outcome
    from vnextract.extractor import Extractor

EXIT_ERRORS = 1
EXIT_FATAL = 2


@click.group()
@click.version_option(package_name="vnextract")
def main() -> None:
    """Extract officials, organizations, dates and percentages from Vietnamese news."""


@main.command()
def schema() -> None:
    """Print the JSON Schema of a Document."""
    click.echo(json.dumps(Document.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))


@main.command("extract")
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output file: .jsonl (default), .parquet or .csv (positions table); '-' is stdout.",
)
@click.option(
    "-w", "--workers", type=click.IntRange(0), default=1, show_default=True, help="Worker processes (0 = one per CPU)."
)
@click.option(
    "--batch-size", type=click.IntRange(1), default=16, show_default=True, help="Documents sent to a worker at a time."
)
@click.option("--resume", is_flag=True, help="Continue an interrupted run: skip what OUTPUT already holds.")
@click.option("--errors", "errors_path", default=None, help="Write error records to this JSONL file instead of OUTPUT.")
@click.option("--limit", type=click.IntRange(1), default=None, help="Process only the first N documents.")
@click.option("--text-field", default="text", show_default=True, help="JSONL/CSV/Parquet field holding the text.")
@click.option("--id-field", default="id", show_default=True, help="JSONL/CSV/Parquet field holding the document id.")
@click.option(
    "--published-field",
    default="published",
    show_default=True,
    help="JSONL/CSV/Parquet field holding the publication date.",
)
@click.option(
    "--max-chars",
    type=click.IntRange(1),
    default=None,
    help="Documents longer than this become 'too_large' error records [default: 2,000,000].",
)
@click.option("--published", default=None, help="Publication date (ISO) of the text read from stdin ('-').")
@click.option("--ner", is_flag=True, help="Also use underthesea's CRF NER for person names (slower).")
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar [default: when stderr is a terminal]."
)
@click.option(
    "--tables",
    "tables_dir",
    default=None,
    help="Also write flat tables (documents, people, positions, organizations, dates, percentages, mentions) "
    "into this folder; without -o, only the tables are written.",
)
@click.option(
    "--tables-format",
    type=click.Choice(["csv", "parquet"]),
    default="csv",
    show_default=True,
    help="File format of --tables.",
)
@click.pass_context
def extract_command(
    ctx: click.Context,
    inputs: tuple[str, ...],
    output: str,
    workers: int,
    batch_size: int,
    resume: bool,
    errors_path: str | None,
    limit: int | None,
    text_field: str,
    id_field: str,
    published_field: str,
    max_chars: int | None,
    published: str | None,
    ner: bool,
    progress: bool | None,
    tables_dir: str | None,
    tables_format: str,
) -> None:
    """Extract records from INPUT files and folders, or from standard input ('-').

    INPUT may be .txt files or folders of them (recursive), .jsonl/.jsonl.gz,
    .csv, .parquet files or folders of them (needs the 'parquet' extra), .html
    (needs 'html') and .warc/.warc.gz (needs 'warc').
    Every document gives one line of OUTPUT: a Document, or an error record
    {"id", "error": {"code", "message"}}.
    """
    from vnextract.extractor import Extractor

    tables_only = tables_dir is not None and ctx.get_parameter_source("output") == click.core.ParameterSource.DEFAULT
    if tables_dir is not None and resume:
        raise click.UsageError("--tables cannot be combined with --resume (the tables are written afresh)")
    if "-" in inputs:
        if len(inputs) > 1:
            raise click.UsageError("'-' (standard input) cannot be combined with other inputs")
        _extract_stdin(Extractor(use_ner=ner), None if tables_only else output, published, tables_dir, tables_format)
        return

    from vnextract.batch.readers import Fields, iter_sources
    from vnextract.batch.runner import DEFAULT_MAX_CHARS, ResumeError, Sink, resume_point, run
    from vnextract.batch.web import MissingExtraError
    from vnextract.batch.writers import JsonlWriter, open_writer

    n_workers = workers or os.cpu_count() or 1
    max_chars = max_chars or DEFAULT_MAX_CHARS
    fields = Fields(text=text_field, id=id_field or None, published=published_field or None)
    try:
        resume_from = None
        if resume:
            if not output.lower().endswith((".jsonl", ".ndjson", ".json")):
                raise ResumeError("--resume needs a JSONL output file (Parquet and CSV cannot be appended to)")
            if errors_path is not None and not errors_path.lower().endswith((".jsonl", ".ndjson", ".json")):
                raise ResumeError("--resume needs a JSONL --errors file")
            resume_from = resume_point([output, errors_path])
        writer = None if tables_only else open_writer(output, append=resume)
        if errors_path is None and writer is not None and not writer.accepts_errors:
            errors_path = f"{output}.errors.jsonl"
        errors = JsonlWriter(errors_path, append=resume) if errors_path else None
        if tables_dir is not None:
            from vnextract.views.table_files import with_tables

            writer, errors = with_tables(writer, errors, tables_dir, tables_format)  # type: ignore[arg-type]
        sink = Sink(writer, errors)
        own_files = [output, *([errors_path] if errors_path else [])]
        sources = iter_sources(
            inputs, fields=fields, max_bytes=max_chars * 4, exclude=own_files, parse_html=n_workers == 1
        )
        bar = _progress_bar(progress, limit)
        try:
            stats = run(
                sources,
                sink,
                extractor=Extractor(use_ner=ner),
                workers=n_workers,
                batch_size=batch_size,
                max_chars=max_chars,
                limit=limit,
                resume_from=resume_from,
                progress=bar.update_outcome if bar else None,
            )
        finally:
            if bar:
                bar.close()
    except (MissingExtraError, ResumeError) as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    _summary(stats, n_workers, errors_path or (f"{tables_dir}/documents.{tables_format}" if tables_only else output))
    if stats.errors or stats.resumed_errors:
        sys.exit(EXIT_ERRORS)


def _extract_stdin(
    extractor: Extractor, output: str | None, published: str | None, tables_dir: str | None, tables_format: str
) -> None:
    from vnextract.batch.decoding import DecodeError, decode_bytes
    from vnextract.records import ErrorInfo, ErrorRecord

    data = sys.stdin.buffer.read()
    failed = False
    try:
        text = decode_bytes(data) if data.strip() else ""  # UTF-8/16, Windows-1258, TCVN3/VNI
        line = extractor.extract(text, published=published).model_dump_json()
    except DecodeError as exc:
        failed = True
        line = ErrorRecord(id=None, error=ErrorInfo(code=exc.code, message=str(exc))).model_dump_json()
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--published") from exc
    if tables_dir is not None:
        from vnextract.views.table_files import TableFiles
        from vnextract.views.tables import document_rows

        files = TableFiles(tables_dir, tables_format)  # type: ignore[arg-type]
        files.write(document_rows(json.loads(line)))
        files.close()
    if output == "-":
        click.echo(line)
    elif output is not None:
        Path(output).write_text(line + "\n", encoding="utf-8")
    if failed:
        sys.exit(EXIT_ERRORS)


class _Bar:
    """tqdm with documents/s and a running error count."""

    def __init__(self, total: int | None) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="doc", dynamic_ncols=True, file=sys.stderr, smoothing=0.1)
        self.errors = 0

    def update_outcome(self, outcome: Outcome) -> None:
        if outcome.error_code is not None:
            self.errors += 1
            self.bar.set_postfix(errors=self.errors, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def _progress_bar(progress: bool | None, total: int | None) -> _Bar | None:
    if progress is None:
        progress = sys.stderr.isatty()
    return _Bar(total) if progress else None


def _summary(stats: RunStats, workers: int, errors_to: str) -> None:
    seconds = max(stats.seconds, 1e-9)
    lines = [
        f"vnextract: {stats.documents} document{'' if stats.documents == 1 else 's'} in {seconds:.1f} s "
        f"with {workers} worker(s): "
        f"{stats.documents / seconds:,.1f} docs/s, {stats.chars / seconds:,.0f} chars/s"
    ]
    if stats.resumed:
        lines.append(f"  resumed: {stats.resumed} documents were already done ({stats.resumed_errors} of them errors)")
    kinds = ("people", "officials", "positions", "organizations", "dates", "percentages")
    lines.append("  records: " + ", ".join(f"{k} {stats.records.get(k, 0)}" for k in kinds))
    if stats.errors:
        codes = ", ".join(f"{c} {n}" for c, n in stats.error_codes.most_common())
        lines.append(f"  errors: {stats.errors} ({codes}) -> {errors_to}")
    else:
        lines.append("  errors: 0")
    click.echo("\n".join(lines), err=True)


def _register_views() -> None:
    from vnextract.views.command import show_command

    main.add_command(show_command)


_register_views()
main.add_command(registry)

if __name__ == "__main__":
    main()
