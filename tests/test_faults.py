"""End-to-end faults: kill -9 and SIGTERM mid-run, resume in every output format, no process left behind,
per-document time limits, and scripts without the main guard.  Each test is bounded to a few seconds of work.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests.test_cli import _open_fifo_writer, cli_subprocess, complete_lines
from vnextract import Extractor
from vnextract.batch.parallel import WorkerStartError, ordered_pool_map
from vnextract.batch.readers import SourceDoc
from vnextract.batch.runner import Sink, run
from vnextract.batch.writers import JsonlWriter, read_parquet

N = 160
ROOT = Path(__file__).resolve().parents[1]


def lines(n: int = N) -> list[str]:
    return [
        json.dumps({"id": f"n{i:03d}", "text": f"Ngày {i % 28 + 1}/5/2017, hội nghị lần thứ {i}."}) for i in range(n)
    ]


def children(pid: int) -> list[int]:
    """Every process whose parent is ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def output_ids(out: Path, err: Path) -> list[str]:
    if out.suffix == ".parquet":
        ids = [r.id for r in read_parquet(out)]
    elif out.suffix == ".csv":
        import csv

        with out.open(encoding="utf-8", newline="") as f:
            ids = [row["document_id"] for row in csv.DictReader(f)]
    else:
        ids = [json.loads(x)["id"] for x in out.read_text(encoding="utf-8").splitlines()]
    if err.exists():
        ids += [json.loads(x)["id"] for x in err.read_text(encoding="utf-8").splitlines()]
    return ids


def progress_of(out: Path) -> int:
    journal = out / "_progress.jsonl" if out.suffix == ".parquet" else Path(f"{out}.progress")
    if out.suffix == ".jsonl":
        return complete_lines(out)
    if not journal.exists():
        return 0
    done = [json.loads(x)["documents"] for x in journal.read_text().splitlines() if x.endswith("}")]
    return done[-1] if done else 0


def kill_mid_run(tmp_path: Path, args: list[str], at: int, out: Path) -> list[int]:
    """Run the CLI on a FIFO fed with part of the input, SIGKILL it after ``at`` documents; its children."""
    src = tmp_path / "in.jsonl"
    os.mkfifo(src)
    proc = cli_subprocess(*args, cwd=tmp_path, start_new_session=True, stderr=subprocess.DEVNULL)
    kids: list[int] = []
    try:
        with _open_fifo_writer(src, proc) as pipe:
            pipe.write("\n".join(lines()[: N * 2 // 3]) + "\n")
            pipe.flush()
            deadline = time.monotonic() + 60
            while progress_of(out) < at and time.monotonic() < deadline and proc.poll() is None:
                time.sleep(0.05)
            assert proc.poll() is None, "the first run ended before it could be killed"
            kids = children(proc.pid)
            os.kill(proc.pid, signal.SIGKILL)  # the parent only: its workers must notice by themselves
            proc.wait(timeout=30)
    except BrokenPipeError:
        pass
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    src.unlink()
    src.write_text("\n".join(lines()) + "\n", encoding="utf-8")
    return kids


@pytest.mark.parametrize(("name", "workers"), [("out.parquet", "2"), ("out.csv", "1")])  # JSONL: test_cli  # fmt: skip
def test_kill_9_then_resume_gives_every_id_once_and_leaves_no_process(tmp_path: Path, name: str, workers: str) -> None:
    if name.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    out, err = tmp_path / name, tmp_path / "err.jsonl"
    args = ["extract", "in.jsonl", "-o", name, "--errors", "err.jsonl", "--workers", workers, "--batch-size", "4"]
    args += ["--part-size", "8"]
    kids = kill_mid_run(tmp_path, args, 24, out)
    if workers != "1":
        assert kids, "the workers were not found"
        deadline = time.monotonic() + 10
        while any(alive(k) for k in kids) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not any(alive(k) for k in kids), "a worker or the resource tracker outlived its parent"
    if name.endswith(".parquet"):
        list(read_parquet(out))  # every finished part is readable after the kill
    resume = [*args[: args.index("--workers")], "--resume"]  # one worker is enough to finish
    proc = cli_subprocess(*resume, cwd=tmp_path, stderr=subprocess.PIPE)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 0, stderr.decode()
    assert b"resumed: " in stderr
    expected = [f"n{i:03d}" for i in range(N)]
    ids = output_ids(out, err)
    if name.endswith(".csv"):  # one row per position: these short texts have none, the journal is the proof
        assert ids == [] and progress_of(out) == N
    else:
        assert Counter(ids) == Counter(expected) and ids == expected


def test_sigterm_finishes_the_document_in_hand_and_exits_143(tmp_path: Path) -> None:
    (tmp_path / "in.jsonl").write_text("\n".join(lines(60)) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["extract", "in.jsonl", "-o", "out.jsonl", "--workers", "2", "--batch-size", "2"]
    proc = cli_subprocess(*args, cwd=tmp_path, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while complete_lines(out) < 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    kids = children(proc.pid)
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 143, stderr.decode()
    assert b"--resume" in stderr
    data = out.read_bytes()
    assert data.endswith(b"\n")  # no half line
    deadline = time.monotonic() + 10
    while any(alive(k) for k in kids) and time.monotonic() < deadline:
        time.sleep(0.1)  # (the resource tracker ends once it reads the end of its pipe)
    assert not any(alive(k) for k in kids)
    proc = cli_subprocess(*args[:4], "--resume", cwd=tmp_path, stderr=subprocess.PIPE)
    proc.communicate(timeout=120)
    assert proc.returncode == 0
    assert [json.loads(x)["id"] for x in out.read_text().splitlines()] == [f"n{i:03d}" for i in range(60)]


def test_sigterm_while_waiting_for_input_still_stops(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    os.mkfifo(src)
    env = {**os.environ, "VNEXTRACT_STOP_GRACE": "1"}
    args = ["extract", "in.jsonl", "-o", "out.jsonl", "--batch-size", "1"]
    proc = cli_subprocess(*args, cwd=tmp_path, stderr=subprocess.PIPE, env=env)
    with _open_fifo_writer(src, proc) as pipe:
        pipe.write("\n".join(lines(5)) + "\n")
        pipe.flush()
        deadline = time.monotonic() + 60
        while complete_lines(out) < 1 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        time.sleep(0.5)
        proc.send_signal(signal.SIGTERM)  # the CLI is blocked reading the pipe, which stays open
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 143, stderr.decode()
    assert b"Traceback" not in stderr and out.read_bytes().endswith(b"\n")


def _slow_on_marker(extractor: Any, item: str) -> str:
    if item == "slow":
        time.sleep(60)
    return item


def _tag(item: Any, code: str, message: str) -> str:
    return f"<{code}>"


def test_a_document_over_the_time_limit_becomes_timeout_and_the_run_goes_on() -> None:
    items = ["a", "b", "slow", "c", "d", "e"]
    started = time.monotonic()
    out = list(
        ordered_pool_map(Extractor(), _slow_on_marker, items, on_error=_tag, batch_size=3, n_process=2, timeout=1)
    )
    assert out == ["a", "b", "<timeout>", "c", "d", "e"]
    assert time.monotonic() - started < 30


def test_serial_runner_time_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = Extractor.extract

    def slow(self: Extractor, text: str, **kwargs: Any) -> Any:
        if "SLOW" in text:
            while True:  # a runaway rule
                pass
        return original(self, text, **kwargs)

    monkeypatch.setattr(Extractor, "extract", slow)
    sources = [SourceDoc(id="a", text="Năm 2017."), SourceDoc(id="b", text="SLOW"), SourceDoc(id="c", text="Năm 2018.")]
    out = tmp_path / "out.jsonl"
    stats = run(sources, Sink(JsonlWriter(out)), extractor=Extractor(), doc_timeout=0.5)
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert [(r["id"], r.get("error", {}).get("code")) for r in records] == [("a", None), ("b", "timeout"), ("c", None)]
    assert stats.error_codes == {"timeout": 1}


def test_a_script_without_the_main_guard_fails_at_once_with_one_message(tmp_path: Path) -> None:
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(
            """
            import vnextract
            print(list(vnextract.Extractor().pipe(["Ngày 1/2/2020", "Năm 2017"], n_process=2)))
            """
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    started = time.monotonic()
    result = subprocess.run([sys.executable, str(script)], capture_output=True, timeout=60, env=env, cwd=tmp_path)
    assert result.returncode != 0
    stderr = result.stderr.decode()
    last = stderr.strip().splitlines()[-1]
    assert f"{WorkerStartError.__name__}: " in last and 'if __name__ == "__main__":' in last
    assert len(stderr.splitlines()) < 30  # one traceback of the parent, nothing from the workers
    assert time.monotonic() - started < 40
