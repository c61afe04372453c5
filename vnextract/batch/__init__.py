"""Batch processing of news archives: readers, decoding, writers, the process pool and the runner.

    >>> from vnextract.batch import Sink, iter_sources, open_writer, run
    >>> stats = run(iter_sources(["archive/"]), Sink(open_writer("out.jsonl")), workers=2)  # doctest: +SKIP

The ``vnextract extract`` command is a thin layer over these.
"""

from vnextract.batch.decoding import DecodeError, decode_bytes, repair_mojibake
from vnextract.batch.parallel import ordered_pool_map, parallel_map
from vnextract.batch.readers import Fields, SourceDoc, detect_format, iter_sources
from vnextract.batch.runner import ResumeError, ResumePoint, RunStats, Sink, resume_point, run
from vnextract.batch.web import MissingExtraError
from vnextract.batch.writers import JsonlWriter, Outcome, open_writer, read_parquet

__all__ = [
    "DecodeError",
    "Fields",
    "JsonlWriter",
    "MissingExtraError",
    "Outcome",
    "ResumeError",
    "ResumePoint",
    "RunStats",
    "Sink",
    "SourceDoc",
    "decode_bytes",
    "detect_format",
    "iter_sources",
    "open_writer",
    "ordered_pool_map",
    "parallel_map",
    "read_parquet",
    "repair_mojibake",
    "resume_point",
    "run",
]
