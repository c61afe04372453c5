"""vnextract.dask on a LocalCluster gives exactly what a single-process run gives."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("dask")
pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402

from vnextract import Extractor  # noqa: E402
from vnextract.dask import extract_bag, extract_dataframe, extract_records, write_jsonl, write_parquet  # noqa: E402

TEXTS = [
    "Sáng 8/5/2017, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai, phát biểu tại hội nghị.",
    "Năm 2020, tỷ lệ hộ nghèo của huyện giảm còn 2,5%.",
    "",
    "Chiều 2/9, Bí thư Tỉnh ủy Trần Văn Nam dự lễ kỷ niệm.",
]


def records() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = [
        {"id": f"r{i}", "text": TEXTS[i % len(TEXTS)], "published": "2021-09-01" if i % 2 else None} for i in range(10)
    ]
    rows.append({"id": "bad", "text": None, "published": None})
    return rows


def single_process() -> list[dict[str, Any]]:
    ex = Extractor()
    out = []
    for r in records():
        if r["text"] is None:
            out.append(
                {"id": r["id"], "error": {"code": "missing_text", "message": "text is a NoneType, not a string"}}
            )
        else:
            out.append(ex.extract(r["text"], published=r["published"], id=r["id"]).model_dump(mode="json"))
    return out


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    cluster = distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None)
    with cluster, distributed.Client(cluster) as c:
        yield c


def test_bag_of_records_equals_single_process(client: Any) -> None:
    got = extract_bag(db.from_sequence(records(), npartitions=3)).compute()
    assert got == single_process()


def test_bag_of_plain_texts(client: Any) -> None:
    got = extract_bag(db.from_sequence(TEXTS, npartitions=2)).compute()
    assert got == [Extractor().extract(t).model_dump(mode="json") for t in TEXTS]
    (error,) = extract_records([42])
    assert error == {"id": None, "error": {"code": "bad_record", "message": "expected a str or a dict, got int"}}


def test_dataframe_partitions_equal_single_process(client: Any) -> None:
    ddf = dd.from_pandas(pd.DataFrame(records()), npartitions=2)
    out = extract_dataframe(ddf).compute()
    assert list(out["id"]) == [r["id"] for r in records()]
    assert list(out["ok"]) == [r["text"] is not None for r in records()]
    assert [json.loads(r) for r in out["record"]] == single_process()


def test_partitions_written_as_jsonl_and_parquet(client: Any, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    from vnextract.batch.writers import read_parquet

    bag = extract_bag(db.from_sequence(records(), npartitions=3))
    paths = write_jsonl(bag, tmp_path / "jsonl")
    assert [Path(p).name for p in paths] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    lines = [json.loads(line) for p in paths for line in Path(p).read_text(encoding="utf-8").splitlines()]
    assert lines == single_process()

    frame = extract_dataframe(dd.from_pandas(pd.DataFrame(records()), npartitions=2))
    parquet = write_parquet(frame, tmp_path / "parquet")
    assert all(Path(p).is_file() for p in parquet)  # one plain Parquet file per partition
    back = [r.model_dump(mode="json") for p in parquet for r in read_parquet(p)]
    assert back == single_process()
