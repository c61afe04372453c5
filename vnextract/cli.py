"""The ``vnextract`` command line.

    vnextract extract archive/ dump.jsonl.gz crawl.warc.gz -o out.jsonl --workers 4
    echo "Sáng 8/5/2017, ông ..." | vnextract extract -
    vnextract schema

``main`` is a click group: each command is one function here or in its own
module (``main.add_command``).  Exit codes of ``extract``: see :data:`EXIT_CODES`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from vnextract.cli_extract import EXIT_CODES, EXIT_FATAL, ExtractOptions, Fatal, run_extract
from vnextract.cli_extract import progress_bar as _progress_bar  # noqa: F401 (the registry command uses it)
from vnextract.records import Document
from vnextract.registry.cli import registry


@click.group()
@click.version_option(package_name="vnextract")
def main() -> None:
    """Extract officials, organizations, dates and percentages from Vietnamese news."""


@main.command()
def schema() -> None:
    """Print the JSON Schema of a Document."""
    click.echo(json.dumps(Document.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))


@main.command("extract", epilog=EXIT_CODES)
@click.argument("inputs", nargs=-1, required=True)
@click.option(
    "-o",
    "--output",
    default="-",
    show_default=True,
    help="Output: .jsonl (.jsonl.gz: gzip), .parquet (a dataset folder of part files) or .csv "
    "(positions table); '-' is stdout (JSONL).",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["jsonl", "parquet", "csv"]),
    default=None,
    help="Output format, whatever OUTPUT's name [default: by OUTPUT's extension; an unknown one is refused].",
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
@click.option(
    "--part-size",
    type=click.IntRange(1),
    default=1000,
    show_default=True,
    help="Documents per Parquet part file (each part is complete on disk once written).",
)
@click.option(
    "--doc-timeout",
    type=click.FloatRange(0, min_open=True),
    default=None,
    help="Seconds one document may take; over it, a 'timeout' error record (and a fresh worker) [default: 120].",
)
@click.option(
    "--published",
    default=None,
    help="Publication date (ISO) of every input document that has no date of its own (stdin, .txt, records "
    "without the date field); it fills the year of partial dates.",
)
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
def extract_command(ctx: click.Context, **options: Any) -> None:
    """Extract records from INPUT files and folders, or from standard input ('-').

    INPUT may be .txt files or folders of them (recursive), .jsonl/.jsonl.gz,
    .csv, .parquet files or folders of them (needs the 'parquet' extra), .html
    (needs 'html') and .warc/.warc.gz (needs 'warc').
    Every document gives exactly one record: a Document, or an error record
    {"id", "error": {"code", "message"}} (in OUTPUT, or in --errors).
    """
    opts = ExtractOptions(**options)
    opts.tables_only = (
        opts.tables_dir is not None and ctx.get_parameter_source("output") == click.core.ParameterSource.DEFAULT
    )
    try:
        code = run_extract(opts)
    except Fatal as exc:
        click.echo(f"Error: {exc}", err=True)
        sys.exit(EXIT_FATAL)
    if code:
        sys.exit(code)


def _register_views() -> None:
    from vnextract.views.command import show_command

    main.add_command(show_command)


_register_views()
main.add_command(registry)

if __name__ == "__main__":
    main()
