"""Write the registry's tables as Parquet files, for DuckDB, Spark or a warehouse.

One ``TABLE.parquet`` per table (FTS indexes excepted), read from SQLite in batches so memory
stays flat; column types follow SQLite's declared types.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from vnextract.registry.schema import DERIVED_TABLES

__all__ = ["EXPORTED_TABLES", "export_parquet"]

EXPORTED_TABLES = (*DERIVED_TABLES, "decisions")
_BATCH = 50_000


def _arrow_type(pa: object, declared: str) -> object:
    declared = declared.upper()
    if "INT" in declared:
        return pa.int64()  # type: ignore[attr-defined]
    if "REAL" in declared:
        return pa.float64()  # type: ignore[attr-defined]
    return pa.string()  # type: ignore[attr-defined]


def export_parquet(conn: sqlite3.Connection, directory: str | Path) -> list[Path]:
    """Write every table to ``directory/TABLE.parquet``; returns the paths.

    Raises:
        MissingExtraError: pyarrow is not installed.
    """
    from vnextract.batch.parquet_input import require_parquet

    pq = require_parquet()
    import pyarrow as pa

    out_dir = Path(directory)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for table in EXPORTED_TABLES:
        columns = conn.execute(f"PRAGMA table_info({table})").fetchall()
        schema = pa.schema([pa.field(c[1], _arrow_type(pa, c[2] or "")) for c in columns])
        path = out_dir / f"{table}.parquet"
        with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
            cursor = conn.execute(f"SELECT * FROM {table}")
            while rows := cursor.fetchmany(_BATCH):
                data = {c[1]: [r[i] for r in rows] for i, c in enumerate(columns)}
                writer.write_table(pa.Table.from_pydict(data, schema=schema))
        paths.append(path)
    return paths
