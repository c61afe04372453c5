"""The ``vnextract extract`` run behind the command line: checks before anything is written, outputs
opened together, the run, signals and the summary.  :func:`run_extract` returns the exit code
(:data:`EXIT_CODES`) or raises :class:`Fatal` (exit code 2, one line ``Error: ...``).
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType
from typing import Any

import click

__all__ = [
    "EXIT_CODES",
    "EXIT_ERRORS",
    "EXIT_FATAL",
    "EXIT_OK",
    "ExtractOptions",
    "Fatal",
    "progress_bar",
    "run_extract",
]

GRACE_SECONDS = 10.0  # after SIGTERM, how long the document in hand may take before the run is cut short
EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_FATAL = 2
EXIT_CODES = """\b
Exit codes:
  0    every document was extracted
  1    some documents became error records (the run itself completed)
  2    could not run: bad usage, an input or output that cannot be used;
       nothing was written and existing files are unchanged
  130  stopped by SIGINT (Ctrl-C), 143 stopped by SIGTERM: the document in hand
       was finished and every file committed; run again with --resume
"""


class Fatal(Exception):
    """A run that cannot start or go on: one line ``Error: ...`` and exit code 2."""


@dataclass
class ExtractOptions:
    """The options of ``vnextract extract``, as click parsed them."""

    inputs: tuple[str, ...]
    output: str
    output_format: str | None
    workers: int
    batch_size: int
    resume: bool
    errors_path: str | None
    limit: int | None
    text_field: str
    id_field: str
    published_field: str
    max_chars: int | None
    part_size: int
    doc_timeout: float | None
    published: str | None
    ner: bool
    progress: bool | None
    tables_dir: str | None = None
    tables_format: str = "csv"
    tables_only: bool = False
    stdin: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.stdin = "-" in self.inputs


def run_extract(opts: ExtractOptions) -> int:
    """The ``extract`` command; returns its exit code, raises :class:`Fatal` for exit code 2."""
    from vnextract.batch.readers import Fields, iter_sources
    from vnextract.batch.runner import DEFAULT_DOC_TIMEOUT, DEFAULT_MAX_CHARS, ResumeError, Sink, run
    from vnextract.batch.web import MissingExtraError
    from vnextract.batch.writers import progress_path
    from vnextract.extractor import Extractor

    fmt = _check_usage(opts)
    max_chars = opts.max_chars or DEFAULT_MAX_CHARS
    fields = Fields(text=opts.text_field, id=opts.id_field or None, published=opts.published_field or None)
    if not opts.stdin:
        _check_inputs(opts, fmt)
        _check_text_field(opts, fields)
    opened = _Outputs(opts, fmt)
    try:
        opened.prepare()
        resume_from = opened.resume_point() if opts.resume else None
        opened.begin()
    except (OSError, ResumeError, MissingExtraError, ValueError) as exc:
        opened.abandon()
        raise Fatal(_describe(exc)) from exc
    journal = progress_path(opened.writer) if opened.writer is not None and opened.writer.journaled else None
    writer, errors = opened.writer, opened.errors
    if opts.tables_dir is not None:
        from vnextract.views.table_files import with_tables

        journal = None  # a tables run is not resumable
        writer, errors = with_tables(writer, errors, opts.tables_dir, opts.tables_format)  # type: ignore[arg-type]
    sink = Sink(writer, errors, journal=journal, resumed=resume_from)
    n_workers = opts.workers or os.cpu_count() or 1
    if opts.stdin:
        sources: Any = _stdin_sources()
    else:
        own = [opts.output, *([opened.errors_path] if opened.errors_path else []), *([journal] if journal else [])]
        sources = iter_sources(
            opts.inputs, fields=fields, max_bytes=max_chars * 4, exclude=own, parse_html=n_workers == 1
        )
    bar = progress_bar(opts.progress, opts.limit)
    stop = _StopOnSignal()
    stats = None
    try:
        with stop:
            stats = run(
                sources,
                sink,
                extractor=Extractor(use_ner=opts.ner),
                workers=n_workers,
                batch_size=opts.batch_size,
                max_chars=max_chars,
                limit=opts.limit,
                resume_from=resume_from,
                progress=bar.update_outcome if bar else None,
                published=opts.published,
                doc_timeout=opts.doc_timeout or DEFAULT_DOC_TIMEOUT,
                should_stop=stop.requested,
            )
    except (MissingExtraError, ResumeError, OSError) as exc:
        raise Fatal(_describe(exc)) from exc
    except KeyboardInterrupt:  # a second signal, or the grace period ran out: every file was closed on the way
        click.echo("vnextract: interrupted; what was written is complete: run again with --resume", err=True)
        return 128 + (stop.signum or signal.SIGINT)
    finally:
        if bar:
            bar.close()
    tables_to = f"{opts.tables_dir}/documents.{opts.tables_format}"
    _summary(stats, n_workers, opened.errors_path or (tables_to if opts.tables_only else opts.output))
    if stats.stopped and stop.signum is not None:
        click.echo(f"vnextract: stopped by signal {stop.signum}; run again with --resume to finish", err=True)
        return 128 + stop.signum
    return EXIT_ERRORS if stats.errors or stats.resumed_errors else EXIT_OK


def _describe(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.filename is not None and exc.strerror:
        return f"{exc.strerror}: {exc.filename}"
    return str(exc)


def _check_usage(opts: ExtractOptions) -> str:
    """Options that cannot work together; returns the output format."""
    from vnextract.batch.writers import format_of

    if opts.stdin and len(opts.inputs) > 1:
        raise click.UsageError("'-' (standard input) cannot be combined with other inputs")
    if opts.stdin and opts.resume:
        raise Fatal("--resume cannot continue a run on standard input (it cannot be read again)")
    if opts.tables_dir is not None and opts.resume:
        raise click.UsageError("--tables cannot be combined with --resume (the tables are written afresh)")
    fmt = format_of(opts.output, opts.output_format)
    if fmt is None:
        raise Fatal(
            f"cannot tell the output format of {opts.output!r}: name it .jsonl, .jsonl.gz, .parquet or .csv, "
            "or give --format"
        )
    if opts.output == "-" and fmt != "jsonl":
        raise Fatal(f"{fmt} output needs a file name (-o out.{fmt}); standard output is JSONL only")
    if opts.resume and opts.output == "-":
        raise Fatal("--resume needs an output file (-o), not standard output")
    if opts.errors_path is not None and opts.errors_path != "-" and not opts.errors_path.lower().endswith(
        (".jsonl", ".ndjson", ".json")
    ):
        raise Fatal(f"--errors writes JSONL: name it .jsonl ({opts.errors_path!r})")
    if opts.resume and opts.output.lower().endswith(".gz"):
        raise Fatal("--resume cannot continue a gzip file: write plain .jsonl to be able to resume")
    if opts.published is not None:
        from vnextract.batch.web import parse_date

        if parse_date(opts.published) is None:
            raise click.BadParameter(f"not a date: {opts.published!r}", param_hint="--published")
    destinations = [p for p in (opts.output, opts.errors_path) if p not in (None, "-")]
    if len(destinations) == 2 and _same_path(destinations[0], destinations[1]):
        raise Fatal(f"--errors and --output are the same file: {opts.output}")
    for dest in destinations:
        parent = Path(dest).parent
        if not parent.is_dir():
            raise Fatal(f"the folder of {dest} does not exist: {parent}")
    if opts.output != "-" and fmt != "parquet" and Path(opts.output).is_dir():
        raise Fatal(f"{opts.output} is a directory, not a file")
    return fmt


def _same_path(a: str | Path, b: str | Path) -> bool:
    """The same file (a link to it too), or the same path not created yet."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return Path(a).resolve() == Path(b).resolve()


def _check_inputs(opts: ExtractOptions, fmt: str) -> None:
    """Every input exists, has a format vnextract reads, and is none of the run's outputs."""
    from vnextract.batch.readers import supported_extensions, unsupported_extension
    from vnextract.batch.writers import PROGRESS_NAME

    outputs = [p for p in (opts.output, opts.errors_path) if p not in (None, "-")]
    if fmt == "csv":
        outputs += [f"{opts.output}.progress", f"{opts.output}.errors.jsonl"]
    if fmt == "parquet":
        outputs.append(str(Path(opts.output, PROGRESS_NAME)))
    for item in opts.inputs:
        path = Path(item)
        if not path.exists():
            raise Fatal(f"no such file or directory: {item}")
        if path.is_file():
            suffix = unsupported_extension(path)
            if suffix is not None:
                raise Fatal(
                    f"{item}: {suffix} files are not read; supported: {', '.join(supported_extensions())} "
                    "(also gzip-compressed, e.g. .jsonl.gz)"
                )
        for out in outputs:
            if _same_path(item, out) or (fmt == "parquet" and _inside(item, opts.output)):
                raise Fatal(f"the output {out} is also an input ({item}): it would be overwritten; choose another -o")


def _inside(item: str, folder: str) -> bool:
    try:
        return Path(item).resolve().is_relative_to(Path(folder).resolve())
    except OSError:
        return False


def _check_text_field(opts: ExtractOptions, fields: Any) -> None:
    """Stop before writing anything when the first records of a JSONL/CSV input lack ``--text-field``."""
    from vnextract.batch.readers import first_record_keys

    for item in opts.inputs:
        path = Path(item)
        if not path.is_file():
            continue
        keys = first_record_keys(path)
        if keys and fields.text not in keys:
            raise Fatal(
                f"--text-field {fields.text!r} is not a field of the first records of {item}; "
                f"they have: {', '.join(keys)}"
            )


class _Outputs:
    """The run's output and errors writers: opened without truncation, then begun together."""

    def __init__(self, opts: ExtractOptions, fmt: str) -> None:
        from vnextract.batch.writers import JsonlWriter, open_writer

        self.opts = opts
        self.writer = (
            None if opts.tables_only else open_writer(opts.output, format=fmt, start=False, part_size=opts.part_size)
        )
        self.errors_path = opts.errors_path
        if self.errors_path is None and self.writer is not None and not self.writer.accepts_errors:
            self.errors_path = f"{opts.output}.errors.jsonl"
        self.errors = JsonlWriter(self.errors_path, start=False) if self.errors_path else None

    def prepare(self) -> None:
        if self.writer is not None:
            self.writer.prepare()
        if self.errors is not None:
            self.errors.prepare()

    def resume_point(self) -> Any:
        from vnextract.batch.runner import journal_resume_point, resume_point

        if self.writer is not None and self.writer.journaled:
            return journal_resume_point(self.writer, self.errors_path)
        return resume_point([self.opts.output, self.errors_path])

    def begin(self) -> None:
        if self.writer is not None:
            self.writer.begin(self.opts.resume)
        if self.errors is not None:
            self.errors.begin(self.opts.resume)

    def abandon(self) -> None:
        if self.writer is not None:
            self.writer.abandon()
        if self.errors is not None:
            self.errors.abandon()


def _stdin_sources() -> Iterator[Any]:
    from vnextract.batch.decoding import DecodeError, decode_document
    from vnextract.batch.readers import SourceDoc
    from vnextract.errors import ErrorCode

    data = sys.stdin.buffer.read()
    try:
        decoded = decode_document(data)  # UTF-8/16, Windows-1258, TCVN3/VNI; local damage kept local
    except DecodeError as exc:
        yield SourceDoc.failed(None, exc.code, str(exc) if exc.code != ErrorCode.EMPTY else "standard input is empty")
        return
    yield SourceDoc(id=None, text=decoded.text, warnings=decoded.warnings)


class _StopOnSignal:
    """SIGTERM / SIGINT ask the run to stop after the document in hand (a second one stops at once)."""

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict[int, Any] = {}
        self._timer: threading.Timer | None = None

    def requested(self) -> bool:
        return self.signum is not None

    def _handle(self, signum: int, frame: FrameType | None) -> None:
        if self.signum is not None:
            raise KeyboardInterrupt
        self.signum = signum
        # a run blocked on its input (a pipe nobody writes to) never reaches the next record: stop it anyway
        grace = float(os.environ.get("VNEXTRACT_STOP_GRACE", GRACE_SECONDS))
        self._timer = threading.Timer(grace, os.kill, (os.getpid(), signal.SIGINT))  # a real signal ends a read
        self._timer.daemon = True
        self._timer.start()

    def __enter__(self) -> _StopOnSignal:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGTERM, signal.SIGINT):
                self._previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._timer is not None:
            self._timer.cancel()
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)


class _Bar:
    """tqdm with documents/s and a running error count."""

    def __init__(self, total: int | None) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=total, unit="doc", dynamic_ncols=True, file=sys.stderr, smoothing=0.1)
        self.errors = 0

    def update_outcome(self, outcome: Any) -> None:
        if outcome.error_code is not None:
            self.errors += 1
            self.bar.set_postfix(errors=self.errors, refresh=False)
        self.bar.update(1)

    def close(self) -> None:
        self.bar.close()


def progress_bar(progress: bool | None, total: int | None) -> _Bar | None:
    if progress is None:
        progress = sys.stderr.isatty()
    return _Bar(total) if progress else None


def _summary(stats: Any, workers: int, errors_to: str) -> None:
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
