"""Resuming an interrupted run: what its output files already hold, checked against the input.

JSONL output is counted line by line (a half-written last line is cut); CSV and
Parquet output by the last record of their progress journal (what came after it
is cut: CSV bytes, Parquet part files, ``--errors`` lines).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

from vnextract.batch.readers import SourceDoc
from vnextract.batch.writers import CsvPositionsWriter, ParquetWriter, Writer, part_files, progress_path, read_progress

__all__ = ["ResumeError", "ResumePoint", "journal_resume_point", "resume_point", "skip_done"]


class ResumeError(RuntimeError):
    """The existing output cannot be resumed (wrong format, or it does not match the input)."""


@dataclass(frozen=True)
class ResumePoint:
    """What an interrupted run left: documents done, the id of the last one(s), error records."""

    done: int = 0
    tails: tuple[str, ...] = ()
    errors: int = 0


def _complete_lines(path: Path) -> tuple[int, int, str | None]:
    """Drop a half-written last line; return (lines, error records, id on the last line)."""
    if not path.exists():
        return 0, 0, None
    count, errors, last_id, good_end = 0, 0, None, 0
    with path.open("rb") as f:
        for line in f:
            if not line.endswith(b"\n"):
                break
            try:
                record = json.loads(line)
            except ValueError:
                break
            count += 1
            errors += isinstance(record, dict) and "error" in record
            good_end += len(line)
            last_id = record.get("id") if isinstance(record, dict) else None
    if good_end != path.stat().st_size:
        with path.open("r+b") as f:
            f.truncate(good_end)
    return count, errors, last_id


def resume_point(paths: Iterable[str | os.PathLike[str] | None]) -> ResumePoint:
    """What the JSONL ``paths`` of an interrupted run already hold.

    Truncates a half-written last line left by a killed run.
    """
    done, errors, tails = 0, 0, []
    for p in paths:
        if p is None or str(p) == "-":
            continue
        if str(p).lower().endswith(".gz"):
            raise ResumeError(f"--resume cannot continue a gzip file ({p}): write plain .jsonl to resume")
        n, bad, last = _complete_lines(Path(p))
        done += n
        errors += bad
        if last is not None:
            tails.append(str(last))
    return ResumePoint(done, tuple(tails), errors)


def journal_resume_point(output: Writer, errors_path: str | None) -> ResumePoint:
    """What a journaled output (CSV, Parquet) holds; cuts what was written after its last commit."""
    journal = progress_path(output)
    assert journal is not None
    entry = read_progress(journal)
    if entry is None:
        holds = bool(part_files(output.path)) if isinstance(output, ParquetWriter) else _has_rows(output)
        if holds:
            raise ResumeError(f"{output.path} has no progress journal ({journal}): it cannot be resumed")
        return ResumePoint()
    if isinstance(output, ParquetWriter):
        output.truncate_parts(int(entry["position"]))
    elif isinstance(output, CsvPositionsWriter):
        _truncate(output.path, int(entry["position"]))
    if errors_path is not None and errors_path != "-":
        _truncate(errors_path, int(entry.get("errors_bytes", 0)))
    last = entry.get("last_id")
    return ResumePoint(int(entry["documents"]), (str(last),) if last is not None else (), int(entry.get("errors", 0)))


def _has_rows(output: Writer) -> bool:
    path = Path(getattr(output, "path", ""))
    return path.is_file() and path.stat().st_size > 0


def _truncate(path: str, size: int) -> None:
    if os.path.exists(path) and os.path.getsize(path) > size:
        with open(path, "r+b") as f:
            f.truncate(size)


def skip_done(sources: Iterator[SourceDoc], count: int, tails: Iterable[str], limit: int | None) -> int:
    waiting = set(tails)
    skipped = 0
    for src in islice(sources, count):
        skipped += 1
        waiting.discard(src.id)
    if skipped < count:
        with_limit = f" with --limit {limit}" if limit is not None and limit <= count else ""
        raise ResumeError(
            f"the output holds {count} records but the input has only {skipped} documents{with_limit}: "
            "different input files, or a different --limit?"
        )
    if waiting:
        raise ResumeError(
            f"the output's last record is {sorted(waiting)[0]!r}, which is not among the first {count} input "
            "documents: different input files or order?"
        )
    return skipped
