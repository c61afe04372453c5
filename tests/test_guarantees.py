"""The batch path's promises (README "Guarantees"): nothing lost, failed starts change nothing, clear errors.

Each test here failed on the main branch before issue 9 was fixed.
"""

from __future__ import annotations

import csv
import gzip
import json
import os
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tests.record_checks import assert_offsets_round_trip
from tests.test_batch import TEXT
from vnextract import Document, Extractor, extract
from vnextract.cli import main

TEXTS = [f"Ngày {i % 28 + 1}/5/2017, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai, phát biểu." for i in range(30)]


def cli(*args: str, input: Any = None) -> Any:
    return CliRunner().invoke(main, list(args), input=input, catch_exceptions=False)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as f:  # type: ignore[operator]
        return [json.loads(line) for line in f]


def snapshot(*paths: Path) -> dict[Path, bytes | None]:
    return {p: p.read_bytes() if p.is_file() else None for p in paths}


def write_jsonl(path: Path, n: int = 3) -> Path:
    path.write_text("".join(json.dumps({"id": f"d{i}", "text": TEXTS[i]}) + "\n" for i in range(n)), "utf-8")
    return path


# --- data loss ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "errors"])
def test_input_named_as_output_is_refused_and_left_intact(tmp_path: Path, how: str) -> None:
    src = write_jsonl(tmp_path / "same.jsonl")
    before = src.read_bytes()
    out = src
    if how == "symlink":
        out = tmp_path / "link.jsonl"
        out.symlink_to(src)
    elif how == "hardlink":
        out = tmp_path / "hard.jsonl"
        os.link(src, out)
    args = ["--errors", str(src), "-o", str(tmp_path / "o.jsonl")] if how == "errors" else ["-o", str(out)]
    result = cli("extract", str(src), *args)
    assert result.exit_code == 2 and result.stderr.startswith("Error: ") and "input" in result.stderr
    assert src.read_bytes() == before


def test_a_run_that_cannot_start_leaves_every_file_byte_identical(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl")
    existing = tmp_path / "existing.jsonl"
    existing.write_text('{"id": "from an earlier run"}\n', encoding="utf-8")
    before = snapshot(src, existing)
    for errors in (str(tmp_path / "missing_dir" / "e.jsonl"), str(tmp_path)):
        result = cli("extract", str(src), "-o", str(existing), "--errors", errors)
        assert result.exit_code == 2 and result.stderr.startswith("Error: "), result.stderr
        assert snapshot(src, existing) == before
    blocked = tmp_path / "blocked"
    blocked.mkdir()
    (blocked / "e.jsonl").mkdir()  # opening the errors file fails after the output was opened
    result = cli("extract", str(src), "-o", str(existing), "--errors", str(blocked / "e.jsonl"))
    assert result.exit_code == 2 and snapshot(src, existing) == before
    new = tmp_path / "new.jsonl"
    assert cli("extract", str(src), "-o", str(new), "--errors", str(blocked / "e.jsonl")).exit_code == 2
    assert not new.exists()  # a file the failed start created is removed again


def test_bad_bytes_in_one_csv_row_damage_only_that_row(tmp_path: Path) -> None:
    lines = ["id,text"] + [f'r{i},"{t}"' for i, t in enumerate(TEXTS)]
    data = bytearray("\n".join(lines).encode("utf-8") + b"\n")
    at = data.index(b"r7,") + 12
    data[at:at] = b"\x90\xff"
    src = tmp_path / "table.csv"
    src.write_bytes(bytes(data))
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 0
    records = read_jsonl(out)
    assert [r["id"] for r in records] == [f"r{i}" for i in range(30)]
    damaged = [r for r in records if r["warnings"]]
    assert [r["id"] for r in damaged] == ["r7"]
    (warning,) = damaged[0]["warnings"]
    assert warning["code"] == "decoding_damage" and warning["count"] == 2
    assert damaged[0]["people"][0]["name"] == "Nguyễn Văn Hùng"  # the rest of the row was extracted
    assert warning["start"] == (TEXTS[7].encode()[:8] + b"\x90\xff").decode("utf-8", errors="replace").index("\ufffd")
    assert records[8] == json.loads(Document.model_dump_json(Extractor().extract(TEXTS[8], id="r8")))


def test_one_invalid_utf8_sequence_in_a_text_file_stays_local(tmp_path: Path) -> None:
    raw = TEXT.encode("utf-8")
    src = tmp_path / "article.txt"
    src.write_bytes(raw[:40] + b"\xff" + raw[40:])
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 0
    (record,) = read_jsonl(out)
    assert record["people"] and record["warnings"][0]["code"] == "decoding_damage"
    assert "first at byte 40" in record["warnings"][0]["message"]
    text = (raw[:40] + b"\xff" + raw[40:]).decode("utf-8", errors="replace")
    assert text[record["warnings"][0]["start"]] == "\ufffd"
    binary = tmp_path / "noise.txt"
    binary.write_bytes(bytes(range(128, 256)) * 40)
    assert cli("extract", str(binary), "-o", str(out)).exit_code == 1
    (error,) = read_jsonl(out)
    assert error["error"]["code"] == "undecodable" and "first at byte 0" in error["error"]["message"]


# --- crashes -----------------------------------------------------------------------------------------


def test_lone_surrogates_extract_serialise_and_keep_offsets(tmp_path: Path) -> None:
    text = "Ông Nguyễn V\udcffăn An, Bí thư Tỉnh ủy Lào Cai \udcff phát biểu."
    doc = extract(text, id="x\udcff")
    line = doc.model_dump_json()
    assert "\\udcff" in line and line.encode("utf-8")
    back = Document.model_validate(json.loads(line))
    assert back == doc
    assert_offsets_round_trip(back, text)
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "s", "text": "Ông Nguyễn Văn A\\udcff, Bí thư Tỉnh ủy Lào Cai"}\n', encoding="utf-8")
    for name in ("out.jsonl", "out.csv", "out.parquet"):
        if name.endswith(".parquet"):
            pytest.importorskip("pyarrow")
        result = cli("extract", str(src), "-o", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
    (record,) = read_jsonl(tmp_path / "out.jsonl")
    assert "error" not in record and record["organizations"][0]["name"] == "Tỉnh ủy Lào Cai"


# --- clear errors, consistent rules -----------------------------------------------------------------


def test_output_failures_are_one_line_errors_with_exit_code_2(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl")
    for out in (tmp_path / "no" / "out.jsonl", tmp_path):
        result = cli("extract", str(src), "-o", str(out))
        assert result.exit_code == 2 and result.stderr.startswith("Error: ") and "Traceback" not in result.stderr
    locked = tmp_path / "locked.jsonl"
    locked.write_text("", encoding="utf-8")
    locked.chmod(0o444)
    if not os.access(locked, os.W_OK):  # (root may write anyway)
        result = cli("extract", str(src), "-o", str(locked))
        assert result.exit_code == 2 and result.stderr.startswith("Error: ")


def test_full_disk_is_an_error_line_not_a_traceback(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    src = write_jsonl(tmp_path / "docs.jsonl")
    result = cli("extract", str(src), "-o", "/dev/full", "--format", "jsonl")
    assert result.exit_code == 2 and result.stderr.startswith("Error: ")


def test_bad_inputs_are_usage_errors_and_write_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = cli("extract", str(tmp_path / "missing.jsonl"), "-o", str(out))
    assert result.exit_code == 2 and "no such file" in result.stderr and not out.exists()
    for name in ("table.tsv", "report.docx"):
        (tmp_path / name).write_text("id\ttext\n", encoding="utf-8")
        result = cli("extract", str(tmp_path / name), "-o", str(out))
        assert result.exit_code == 2 and ".jsonl" in result.stderr and ".csv" in result.stderr and not out.exists()
    src = write_jsonl(tmp_path / "docs.jsonl")
    result = cli("extract", str(src), "-o", str(out), "--text-field", "body")
    assert result.exit_code == 2 and "id, text" in result.stderr and not out.exists()


def test_an_input_with_no_document_gives_one_empty_record_in_every_format(tmp_path: Path) -> None:
    files = {"a.txt": b"", "b.jsonl": b"\n\n", "c.csv": b"id,text\n", "d.txt": b"  \n"}
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "out" / "o.jsonl"
    out.parent.mkdir()
    result = cli("extract", *(str(tmp_path / n) for n in files), "-o", str(out))
    assert result.exit_code == 1
    assert [(r["id"], r["error"]["code"]) for r in read_jsonl(out)] == [
        ((tmp_path / n).as_posix(), "empty") for n in files
    ]


def test_output_format_options_are_honoured(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl")
    gz = tmp_path / "out.jsonl.gz"
    assert cli("extract", str(src), "-o", str(gz)).exit_code == 0
    assert [r["id"] for r in read_jsonl(gz)] == ["d0", "d1", "d2"]
    result = cli("extract", str(src), "-o", str(tmp_path / "out.xlsx"))
    assert result.exit_code == 2 and "--format" in result.stderr and not (tmp_path / "out.xlsx").exists()
    odd = tmp_path / "out.data"
    assert cli("extract", str(src), "-o", str(odd), "--format", "jsonl").exit_code == 0
    assert len(read_jsonl(odd)) == 3


def test_stdin_honours_csv_output_limit_and_errors(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    assert cli("extract", "-", "-o", str(out), input=TEXTS[0]).exit_code == 0
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [r["person"] for r in rows] == ["Nguyễn Văn Hùng"]
    errors = tmp_path / "e.jsonl"
    assert cli("extract", "-", "-o", str(tmp_path / "y.jsonl"), "--errors", str(errors), input=b"").exit_code == 1
    assert read_jsonl(errors)[0]["error"]["code"] == "empty"
    result = cli("extract", "-", "-o", str(tmp_path / "z.jsonl"), "--resume", input=TEXTS[0])
    assert result.exit_code == 2 and "standard input" in result.stderr


def test_published_applies_to_every_document_without_its_own(tmp_path: Path) -> None:
    src = tmp_path / "docs.jsonl"
    rows = [
        {"id": "own", "text": "Ngày 2/9, lễ kỷ niệm.", "published": "2020-01-01"},
        {"id": "none", "text": "Ngày 2/9."},
    ]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    txt = tmp_path / "a.txt"
    txt.write_text("Ngày 2/9, lễ kỷ niệm.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(src), str(txt), "-o", str(out), "--published", "2017-05-08").exit_code == 0
    assert [(r["id"], r["published"]) for r in read_jsonl(out)] == [
        ("own", "2020-01-01"), ("none", "2017-05-08"), (txt.as_posix(), "2017-05-08")
    ]  # fmt: skip
    assert cli("extract", str(src), "-o", str(out), "--published", "someday").exit_code == 2


def test_resume_mismatch_says_what_differs(tmp_path: Path) -> None:
    src = write_jsonl(tmp_path / "docs.jsonl", 30)
    out = tmp_path / "out.jsonl"
    assert cli("extract", str(src), "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    result = cli("extract", str(src), "-o", str(out), "--resume", "--limit", "10")
    assert result.exit_code == 2
    assert "holds 30 records but the input has only 10 documents with --limit 10" in result.stderr
    assert out.read_bytes() == before
