"""Parquet input: files and folders of them, chosen columns, dates of any type, damage kept local."""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.test_batch import TEXT
from vnextract.batch.readers import Fields, detect_format, iter_sources
from vnextract.cli import main

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

OTHER = "Chiều 30/9/2022, bà Lê Thị Mai, Phó Chủ tịch HĐND huyện Đầm Hà, dự hội nghị."


def news_table(n: int = 5) -> object:
    """A table shaped like a Hugging Face news dataset exported to Parquet."""
    return pa.table(
        {
            "url": [f"https://example.vn/bai-{i}" for i in range(n)],
            "title": [f"Tin {i}" for i in range(n)],
            "content": [TEXT if i % 2 == 0 else OTHER for i in range(n)],
            "publish_date": [datetime.datetime(2022, 10, 1 + i, 7, 30) for i in range(n)],
        }
    )


def test_rows_become_documents_with_their_ids_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "train.parquet"
    pq.write_table(news_table(5), path, row_group_size=2)
    fields = Fields(text="content", id="url", published="publish_date")
    docs = list(iter_sources([path], fields=fields))
    assert [d.id for d in docs] == [f"https://example.vn/bai-{i}" for i in range(5)]
    assert [d.text for d in docs] == [TEXT, OTHER, TEXT, OTHER, TEXT]
    assert docs[2].published is not None and docs[2].published.startswith("2022-10-03")
    no_id = list(iter_sources([path], fields=Fields(text="content", id=None, published=None)))
    assert [d.id for d in no_id][:2] == [f"{path.as_posix()}#row1", f"{path.as_posix()}#row2"]
    assert all(d.published is None for d in no_id)


def test_detected_by_content_and_folders_are_datasets(tmp_path: Path) -> None:
    folder = tmp_path / "dataset"
    folder.mkdir()
    pq.write_table(news_table(3), folder / "part-00000.parquet")
    pq.write_table(news_table(2), folder / "part-00001.parquet")
    odd = tmp_path / "no_extension"
    pq.write_table(news_table(1), odd)
    assert detect_format(odd) == "parquet"
    fields = Fields(text="content", id=None, published="publish_date")
    docs = list(iter_sources([folder, odd], fields=fields))
    assert len(docs) == 6 and all(d.error_code is None for d in docs)
    assert docs[3].id.endswith("part-00001.parquet#row1")


def test_missing_column_null_text_and_damage_are_error_records(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(pa.table({"content": [TEXT, None, "  "], "id": [1, 2, 3]}), path)
    missing = list(iter_sources([path], fields=Fields(text="body")))
    assert [d.error_code for d in missing] == ["missing_text"] and "content" in (missing[0].error_message or "")
    docs = list(iter_sources([path], fields=Fields(text="content")))
    assert [(d.id, d.error_code) for d in docs] == [("1", None), ("2", "missing_text"), ("3", "empty")]
    broken = tmp_path / "broken.parquet"
    broken.write_bytes(b"PAR1" + b"\x00" * 50)
    assert [d.error_code for d in iter_sources([broken])] == ["corrupt_archive"]
    big = tmp_path / "big.parquet"
    pq.write_table(pa.table({"text": ["ông " * 3000, TEXT]}), big)
    assert [d.error_code for d in iter_sources([big], max_bytes=5000)] == ["too_large", None]


def test_cli_reads_a_hugging_face_export(tmp_path: Path) -> None:
    path = tmp_path / "train.parquet"
    pq.write_table(news_table(4), path)
    out = tmp_path / "out.jsonl"
    args = ["extract", str(path), "--text-field", "content", "--id-field", "url", "--published-field", "publish_date"]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [d["published"] for d in docs] == ["2022-10-01", "2022-10-02", "2022-10-03", "2022-10-04"]
    assert docs[1]["officials"][0]["name"] == "Lê Thị Mai"
    assert docs[1]["dates"][0]["value"] == "2022-09-30"
