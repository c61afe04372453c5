"""The ``vnextract`` command line (minimal; the batch issue extends it)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from vnextract.records import Document


@click.group()
@click.version_option(package_name="vnextract")
def main() -> None:
    """Extract officials, organizations, dates and percentages from Vietnamese news."""


@main.command()
def schema() -> None:
    """Print the JSON Schema of a Document."""
    click.echo(json.dumps(Document.model_json_schema(mode="serialization"), ensure_ascii=False, indent=2))


@main.command("extract")
@click.argument("inputs", nargs=-1)
def extract_command(inputs: tuple[str, ...]) -> None:
    """Extract records from text files (``-`` for standard input)."""
    from vnextract import extract

    for name in inputs or ("-",):
        text = sys.stdin.read() if name == "-" else Path(name).read_text(encoding="utf-8")
        click.echo(extract(text, id=None if name == "-" else name).model_dump_json())


if __name__ == "__main__":
    main()
