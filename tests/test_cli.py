"""End-to-end CLI runs on small archives written by the tests: lossless output, errors, resume after kill."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.test_batch import TEXT, html_page, sample_document, write_warc
from tests.test_decoding import SAMPLE, to_cp1258
from vnextract import Document, Extractor
from vnextract.cli import main


def cli(*args: str, input: str | None = None) -> Any:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def cli_subprocess(*args: str, cwd: Path, **kwargs: Any) -> subprocess.Popen[bytes]:
    """The CLI in a fresh interpreter (run from ``cwd``: ``-m`` puts the working directory on sys.path)."""
    return subprocess.Popen([sys.executable, "-m", "vnextract.cli", *args], cwd=cwd, **kwargs)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def complete_lines(path: Path) -> int:
    """Lines fully written so far (a killed or running writer may leave half a line)."""
    return path.read_bytes().count(b"\n") if path.exists() else 0


def build_archive(root: Path) -> tuple[list[Path], list[tuple[str, str | None]]]:
    """Every input kind, good and bad; returns the inputs and the expected (id, error code) in output order."""
    pytest.importorskip("trafilatura")
    txt = root / "txt"
    (txt / "sub").mkdir(parents=True)
    (txt / "a.txt").write_text(TEXT, encoding="utf-8")
    (txt / "sub" / "legacy.txt").write_bytes(to_cp1258(SAMPLE))
    (txt / "sub" / "empty.txt").write_bytes(b"")
    (txt / "sub" / "photo.bin").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    jsonl = root / "news.jsonl"
    jsonl.write_text(
        json.dumps({"id": "j1", "text": TEXT, "published": "2017-05-08"}, ensure_ascii=False)
        + "\n{not json\n"
        + json.dumps({"id": "j3", "text": "Năm 2020 tỷ lệ hộ nghèo giảm còn 2,5%."}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    broken_gz = root / "old.jsonl.gz"
    broken_gz.write_bytes(gzip.compress(b'{"id": "g1", "text": "x"}\n' * 50)[:30])
    table = root / "table.csv"
    table.write_text(f'id,text\nc1,"{TEXT}"\nc2,"Ngày 2/9/2021."\n', encoding="utf-8")
    page = root / "page.html"
    page.write_text(html_page(TEXT), encoding="utf-8")
    broken_html = root / "broken.html"
    broken_html.write_text("<html><body><div><p></div>", encoding="utf-8")
    warc = root / "crawl.warc.gz"
    warc_ids = write_warc(warc, [("http://example.vn/a", html_page(TEXT)), ("http://example.vn/b", html_page(SAMPLE))])
    inputs = [txt, jsonl, broken_gz, table, page, broken_html, warc]
    t = txt.as_posix()
    expected = [
        (f"{t}/a.txt", None), (f"{t}/sub/empty.txt", "empty"), (f"{t}/sub/legacy.txt", None),
        (f"{t}/sub/photo.bin", "unsupported_format"),
        ("j1", None), (f"{jsonl.as_posix()}#L2", "bad_json"), ("j3", None),
        (broken_gz.as_posix(), "corrupt_archive"),
        ("c1", None), ("c2", None),
        (page.as_posix(), None), (broken_html.as_posix(), "no_article"),
        (f"{warc_ids[0]}|http://example.vn/a", None), (f"{warc_ids[1]}|http://example.vn/b", None),
    ]  # fmt: skip
    return inputs, expected


def outcome_codes(records: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    return [(r["id"], r["error"]["code"] if "error" in r else None) for r in records]


def test_schema_prints_the_document_json_schema() -> None:
    result = cli("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert {"people", "organizations", "dates", "percentages", "officials"} <= set(schema["properties"])


def test_stdin_text_prints_one_document() -> None:
    result = cli("extract", "-", "--published", "2017-05-09", input=TEXT)
    assert result.exit_code == 0
    doc = Document.model_validate_json(result.stdout.splitlines()[0])
    assert doc.id is None and doc.published is not None and doc.published.isoformat() == "2017-05-09"
    assert doc == Extractor().extract(TEXT, published="2017-05-09")
    assert cli("extract", "-", "other.txt", input=TEXT).exit_code == 2
    legacy = CliRunner().invoke(main, ["extract", "-"], input=to_cp1258(TEXT))
    assert Document.model_validate_json(legacy.stdout) == Extractor().extract(TEXT)
    binary = CliRunner().invoke(main, ["extract", "-"], input=b"\x00\x01\x02 binary")
    assert binary.exit_code == 1 and json.loads(binary.stdout)["error"]["code"] == "binary"
    empty = cli("extract", "-", input="")
    assert empty.exit_code == 1 and json.loads(empty.stdout)["error"]["code"] == "empty"


def test_mixed_archive_is_lossless_and_ordered(tmp_path: Path) -> None:
    inputs, expected = build_archive(tmp_path)
    out = tmp_path / "out.jsonl"
    result = cli("extract", *map(str, inputs), "-o", str(out))
    assert result.exit_code == 1, result.output  # error records were produced
    records = read_jsonl(out)
    assert outcome_codes(records) == expected
    docs = {r["id"]: Document.model_validate(r) for r in records if "error" not in r}
    assert docs["j1"].published is not None and docs["j1"].published.isoformat() == "2017-05-08"
    assert docs[f"{(tmp_path / 'page.html').as_posix()}"].published.isoformat() == "2021-03-04"  # type: ignore[union-attr]
    for r in records:
        if "error" in r:
            assert set(r) == {"id", "error"} and r["error"]["message"]
    assert "14 documents" in result.stderr and "errors: 5" in result.stderr
    for kind in ("people", "officials", "organizations", "dates", "percentages"):
        assert kind in result.stderr


def test_windows_1258_file_is_read_as_nfc_text(tmp_path: Path) -> None:
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(to_cp1258(TEXT))
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(legacy), "-o", str(out)).exit_code == 0
    (record,) = read_jsonl(out)
    assert Document.model_validate(record) == Extractor().extract(TEXT, id=legacy.as_posix())


def test_two_workers_give_the_same_output_with_separate_errors(tmp_path: Path) -> None:
    inputs, _ = build_archive(tmp_path)
    serial, parallel, errors = tmp_path / "serial.jsonl", tmp_path / "parallel.jsonl", tmp_path / "errors.jsonl"
    cli("extract", *map(str, inputs), "-o", str(serial))
    proc = cli_subprocess(
        "extract", *map(str, inputs), "-o", str(parallel), "--errors", str(errors), "--workers", "2",
        "--batch-size", "2", cwd=tmp_path, stderr=subprocess.PIPE,
    )  # fmt: skip
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr.decode()
    good = [r for r in read_jsonl(serial) if "error" not in r]
    bad = [r for r in read_jsonl(serial) if "error" in r]
    assert read_jsonl(parallel) == good
    assert read_jsonl(errors) == bad
    assert b"with 2 worker(s)" in stderr


def test_clean_run_exits_zero_and_limit_stops_early(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": TEXT}) + "\n" for i in range(5)), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    result = cli("extract", str(src), "-o", str(out), "--limit", "3")
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in read_jsonl(out)] == ["d0", "d1", "d2"]
    assert "errors: 0" in result.stderr


def test_output_inside_an_input_folder_is_not_read_back(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    out, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    out.write_text('{"id": "old run"}\n', encoding="utf-8")
    assert cli("extract", str(tmp_path), "-o", str(out), "--errors", str(errors)).exit_code == 0
    assert [r["id"] for r in read_jsonl(out)] == [(tmp_path / "a.txt").as_posix()]
    assert cli("extract", str(tmp_path), "-o", str(out), "--errors", str(errors), "--resume").exit_code == 0
    assert [r["id"] for r in read_jsonl(out)] == [(tmp_path / "a.txt").as_posix()]


def test_progress_bar_shows_rate_and_errors(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "a", "text": TEXT}) + "\n{bad\n", encoding="utf-8")
    result = cli("extract", str(src), "-o", str(tmp_path / "out.jsonl"), "--progress")
    assert result.exit_code == 1
    assert "doc/s" in result.stderr and "errors=1" in result.stderr


def test_custom_fields_and_size_limit(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"key": "k1", "body": TEXT, "day": "08/05/2017"}, {"key": "k2", "body": TEXT * 10}]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["--text-field", "body", "--id-field", "key", "--published-field", "day", "--max-chars", "500"]
    assert cli("extract", str(src), "-o", str(out), *args).exit_code == 1
    first, second = read_jsonl(out)
    assert (first["id"], first["published"]) == ("k1", "2017-05-08")
    assert (second["id"], second["error"]["code"]) == ("k2", "too_large")


def test_extractor_exception_becomes_an_error_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Extractor.extract

    def flaky(self: Extractor, text: str, **kwargs: Any) -> Document:
        if "BOOM" in text:
            raise RuntimeError("rule blew up")
        return original(self, text, **kwargs)

    monkeypatch.setattr(Extractor, "extract", flaky)
    src = tmp_path / "in.jsonl"
    texts = [TEXT, "BOOM " + TEXT, TEXT]
    src.write_text("".join(json.dumps({"id": f"d{i}", "text": t}) + "\n" for i, t in enumerate(texts)), "utf-8")
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 1
    assert outcome_codes(read_jsonl(out)) == [("d0", None), ("d1", "extractor_error"), ("d2", None)]
    assert "rule blew up" in read_jsonl(out)[1]["error"]["message"]


def _fake_extract(self: Extractor, text: str, *, published: Any = None, id: str | None = None) -> Document:
    return sample_document().model_copy(update={"id": id})


def test_csv_output_is_a_positions_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import csv

    monkeypatch.setattr(Extractor, "extract", _fake_extract)
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": TEXT}) + "\n{bad\n", encoding="utf-8")
    out = tmp_path / "positions.csv"
    result = cli("extract", str(src), "-o", str(out))
    assert result.exit_code == 1
    assert "records: people 1, officials 1, positions 1, organizations 1, dates 0, percentages 0" in result.stderr
    assert "errors: 1 (bad_json 1)" in result.stderr
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows == [
        {
            "document_id": "d1", "published": "2017-05-08", "person": "Nguyễn Văn Hùng", "title": "Chủ tịch",
            "organization": "Ủy ban nhân dân tỉnh Lào Cai", "organization_text": "UBND tỉnh Lào Cai",
            "position": "Chủ tịch UBND tỉnh Lào Cai", "start": "21", "end": "47", "former": "0", "acting": "0",
        }
    ]  # fmt: skip
    errors = read_jsonl(Path(f"{out}.errors.jsonl"))
    assert outcome_codes(errors) == [(f"{src.as_posix()}#L2", "bad_json")]


def test_parquet_output_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("pyarrow")
    from vnextract.batch.writers import read_parquet

    monkeypatch.setattr(Extractor, "extract", _fake_extract)
    src = tmp_path / "in.jsonl"
    src.write_text(
        "".join(json.dumps({"id": f"d{i}", "text": TEXT}) + "\n" for i in range(3)) + "{bad\n", encoding="utf-8"
    )
    out = tmp_path / "out.parquet"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 1
    back = list(read_parquet(out))
    assert back[:3] == [sample_document().model_copy(update={"id": f"d{i}"}) for i in range(3)]
    assert back[3].id == f"{src.as_posix()}#L4" and back[3].error.code == "bad_json"  # type: ignore[union-attr]


def test_resume_refuses_gzip_and_missing_extras_are_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf-8")
    result = cli("extract", str(src), "-o", str(tmp_path / "out.jsonl.gz"), "--resume")
    assert result.exit_code == 2 and "gzip" in result.stderr

    from vnextract.batch import web

    def missing() -> None:
        raise web.MissingExtraError("HTML input needs trafilatura: pip install 'vnextract[html]'")

    monkeypatch.setattr(web, "_trafilatura", missing)
    page = tmp_path / "p.html"
    page.write_text(html_page(TEXT), encoding="utf-8")
    result = cli("extract", str(page), "-o", str(tmp_path / "out.jsonl"))
    assert result.exit_code == 2 and "vnextract[html]" in result.stderr


def _open_fifo_writer(path: Path, reader: subprocess.Popen[bytes], timeout: float = 60) -> Any:
    """Open the write end of a FIFO once ``reader`` has opened it (never hang if the reader died)."""
    import errno

    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError as exc:
            if exc.errno != errno.ENXIO:  # ENXIO: no reader yet
                raise
            if reader.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the CLI never opened its input (exit code {reader.poll()})")
            time.sleep(0.02)
            continue
        os.set_blocking(fd, True)
        return os.fdopen(fd, "w", encoding="utf-8")


def test_resume_after_a_real_kill_mid_run(tmp_path: Path) -> None:
    """Kill the CLI (and its workers) with SIGKILL mid-run, resume, and find every id exactly once."""
    n = 300
    texts = [f"Ngày {i % 28 + 1}/5/2017, hội nghị lần thứ {i}." for i in range(n)]
    lines = [json.dumps({"id": f"n{i:03d}", "text": t}) for i, t in enumerate(texts)]
    lines[150] = "{broken json"
    expected_ids = [f"n{i:03d}" for i in range(n)]
    expected_ids[150] = f"{(tmp_path / 'in.jsonl').as_posix()}#L151"

    src, out, err = tmp_path / "in.jsonl", tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    os.mkfifo(src)  # the first run reads a pipe that we stop feeding: it is certainly mid-run when killed
    args = ["extract", src.as_posix(), "-o", str(out), "--errors", str(err), "--workers", "2", "--batch-size", "4"]
    proc = cli_subprocess(*args, cwd=tmp_path, start_new_session=True, stderr=subprocess.DEVNULL)
    try:
        with _open_fifo_writer(src, proc) as pipe:
            pipe.write("\n".join(lines[:220]) + "\n")
            pipe.flush()
            deadline = time.monotonic() + 90
            while complete_lines(out) < 120 and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
            assert proc.poll() is None, "the first run ended before it could be killed"
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    except BrokenPipeError:
        pass
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    done_before = complete_lines(out) + complete_lines(err)
    assert 120 <= done_before < n

    src.unlink()
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = cli_subprocess(*args, "--resume", cwd=tmp_path, stderr=subprocess.PIPE)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 1, stderr.decode()  # the broken line is an error record
    assert f"resumed: {done_before} documents" in stderr.decode()
    docs, errors = read_jsonl(out), read_jsonl(err)
    ids = [r["id"] for r in docs] + [r["id"] for r in errors]
    assert Counter(ids) == Counter(expected_ids)  # each id exactly once: no duplicate, no loss
    assert [r["id"] for r in docs] == [i for i in expected_ids if "#L" not in i]  # and in input order
    assert outcome_codes(errors) == [(expected_ids[150], "bad_json")]
