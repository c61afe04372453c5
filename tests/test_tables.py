"""Flat tables: ``to_frames`` and ``vnextract extract --tables`` give the same rows, one per record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import vnextract
from vnextract import Document, ErrorRecord, to_frames
from vnextract.cli import main
from vnextract.views.tables import COLUMNS

pd = pytest.importorskip("pandas")

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed.txt"
POSITION_COLUMNS = [
    "document_id", "person", "title", "organization", "organization_text", "former", "acting", "start", "end",
]  # fmt: skip


def seed() -> Document:
    return vnextract.extract(SEED.read_text(encoding="utf-8"), published="2022-10-01", id="seed")


def test_seed_tables() -> None:
    doc = seed()
    frames = to_frames(doc)
    assert set(frames) == {"documents", "people", "positions", "organizations", "dates", "percentages", "mentions"}
    positions = frames["positions"]
    assert list(positions.columns[: len(POSITION_COLUMNS)]) == POSITION_COLUMNS
    assert positions[["person", "title", "organization"]].values.tolist() == [
        ["Đặng Văn Tuấn", "Phó Bí thư Thường trực", "Huyện ủy Đầm Hà"],
        ["Đặng Văn Tuấn", "Chủ tịch", "Hội đồng nhân dân huyện Đầm Hà"],
    ]
    assert str(positions["former"].dtype) == "boolean" and str(positions["start"].dtype) == "Int64"
    assert len(frames["people"]) == len(doc.people) and len(frames["organizations"]) == len(doc.organizations)
    assert frames["dates"]["value"].tolist() == [d.value for d in doc.dates]
    assert frames["percentages"]["value"].tolist() == [54.3]
    assert pd.isna(frames["percentages"]["value_max"][0])
    mentions = frames["mentions"]
    assert len(mentions) == sum(len(p.mentions) for p in doc.people) + sum(len(o.mentions) for o in doc.organizations)
    text = SEED.read_text(encoding="utf-8")
    assert all(text[s:e] == t for s, e, t in mentions[["start", "end", "text"]].itertuples(index=False))
    assert frames["documents"][["published", "officials", "positions"]].values.tolist() == [["2022-10-01", 1, 2]]
    assert set(frames["people"]["document_id"]) == {"seed"}


def test_many_documents_errors_and_dicts() -> None:
    doc = seed()
    error = ErrorRecord(id="bad", error={"code": "empty", "message": "text field is empty"})
    frames = to_frames([doc, error, json.loads(doc.model_copy(update={"id": "again"}).model_dump_json())])
    assert frames["documents"]["document_id"].tolist() == ["seed", "bad", "again"]
    assert frames["documents"]["error_code"].tolist()[1] == "empty"
    assert frames["positions"]["document_id"].tolist() == ["seed", "seed", "again", "again"]
    empty = to_frames([])
    assert all(len(f) == 0 and list(f.columns) == list(COLUMNS[n]) for n, f in empty.items())


def test_wrong_types() -> None:
    with pytest.raises(TypeError):
        to_frames("Ông Nguyễn Văn A")
    with pytest.raises(TypeError):
        to_frames([1, 2])
    with pytest.raises(TypeError):
        to_frames(None)


def write_archive(path: Path) -> None:
    rows = [
        {"id": "a", "text": SEED.read_text(encoding="utf-8"), "published": "2022-10-01"},
        {"id": "b", "text": "   "},
        {"id": "c", "text": "Sáng 8/5/2017, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai, phát biểu."},
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def cli(*args: str, input: str | None = None) -> object:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def test_cli_tables_csv_alongside_jsonl(tmp_path: Path) -> None:
    archive = tmp_path / "news.jsonl"
    write_archive(archive)
    result = cli("extract", str(archive), "-o", str(tmp_path / "out.jsonl"), "--tables", str(tmp_path / "t"))
    assert result.exit_code == 1  # one error record
    docs = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = to_frames(docs)
    for name in COLUMNS:
        got = pd.read_csv(tmp_path / "t" / f"{name}.csv", dtype={"document_id": str})
        assert list(got.columns) == list(COLUMNS[name])
        assert len(got) == len(expected[name]), name
    positions = pd.read_csv(tmp_path / "t" / "positions.csv")
    assert positions["title"].tolist() == expected["positions"]["title"].tolist()
    documents = pd.read_csv(tmp_path / "t" / "documents.csv")
    assert documents["document_id"].tolist() == ["a", "b", "c"] and documents["error_code"][1] == "empty"


def test_cli_tables_only_and_parquet(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    archive = tmp_path / "news.jsonl"
    write_archive(archive)
    result = cli("extract", str(archive), "--tables", str(tmp_path / "t"), "--tables-format", "parquet")
    assert result.exit_code == 1 and result.stdout == ""  # no JSONL on stdout without -o
    documents = pd.read_parquet(tmp_path / "t" / "documents.parquet")
    assert documents["document_id"].tolist() == ["a", "b", "c"]
    positions = pd.read_parquet(tmp_path / "t" / "positions.parquet")
    assert "Ủy ban nhân dân tỉnh Lào Cai" in positions["organization"].tolist()
    assert positions["former"].dtype == bool
    assert len(pd.read_parquet(tmp_path / "t" / "percentages.parquet")) == 1


def test_cli_tables_with_csv_output_and_workers(tmp_path: Path) -> None:
    archive = tmp_path / "news.jsonl"
    write_archive(archive)
    out = tmp_path / "positions.csv"
    result = cli("extract", str(archive), "-o", str(out), "--tables", str(tmp_path / "t"), "--workers", "2")
    assert result.exit_code == 1
    assert len(pd.read_csv(out)) == len(pd.read_csv(tmp_path / "t" / "positions.csv")) == 3
    assert json.loads((tmp_path / "positions.csv.errors.jsonl").read_text())["id"] == "b"
    assert pd.read_csv(tmp_path / "t" / "documents.csv")["document_id"].tolist() == ["a", "b", "c"]


def test_cli_tables_from_stdin_and_refusals(tmp_path: Path) -> None:
    result = cli("extract", "-", "--tables", str(tmp_path / "t"), input="Ông Nguyễn Văn A, Chủ tịch UBND tỉnh Lào Cai")
    assert result.exit_code == 0 and result.stdout == ""
    assert pd.read_csv(tmp_path / "t" / "positions.csv")["title"].tolist() == ["Chủ tịch"]
    archive = tmp_path / "news.jsonl"
    write_archive(archive)
    refused = cli("extract", str(archive), "-o", str(tmp_path / "o.jsonl"), "--tables", str(tmp_path / "u"), "--resume")
    assert refused.exit_code == 2 and not (tmp_path / "u").exists()
