"""Memory stays flat over a large archive: RSS of the CLI's processes against progress.

    .venv/bin/python benchmarks/memory_flat.py --docs 200000 --workers 2 --json memory.json

Writes a synthetic JSONL archive (sentences written for this benchmark, varied
by number, name and date so no two documents are equal), runs
``vnextract extract --workers N`` on it, and samples the summed RSS of the
parent and its workers every 0.2 s together with the number of output lines.
Prints RSS at each tenth of the run; "flat" means the last tenth's peak is
within 10% (+20 MB) of the peak reached after the first tenth.  Not a test.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quang", "Thanh", "Hữu", "Ngọc"]
GIVEN = ["Hùng", "Lan", "Nam", "Hà", "Tuấn", "Mai", "Dũng", "Hương", "Sơn", "Bình"]
PROVINCES = ["Lào Cai", "Quảng Ninh", "Nghệ An", "Đắk Lắk", "Cà Mau", "Thái Bình", "Bình Định", "Hà Giang"]
TITLES = ["Chủ tịch UBND tỉnh", "Bí thư Tỉnh ủy", "Phó Chủ tịch HĐND tỉnh", "Giám đốc Sở Tài chính tỉnh"]


def synthetic_text(rng: random.Random) -> str:
    name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    province = rng.choice(PROVINCES)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2010, 2024)
    pct = f"{rng.randint(1, 99)},{rng.randint(0, 9)}%"
    sentences = [
        f"Sáng {day}/{month}/{year}, đồng chí {name}, {rng.choice(TITLES)} {province} chủ trì hội nghị.",
        f"Năm {year}, tốc độ tăng trưởng kinh tế của tỉnh đạt {pct}, cao hơn cùng kỳ năm trước.",
        f"Hội nghị đã thảo luận các giải pháp thực hiện nhiệm vụ 6 tháng cuối năm {year}.",
    ]
    rng.shuffle(sentences)
    return " ".join(sentences * rng.randint(1, 3))


def write_archive(path: Path, docs: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    chars = 0
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as f:
        for i in range(docs):
            text = synthetic_text(rng)
            chars += len(text)
            f.write(json.dumps({"id": f"s{i:07d}", "text": text}, ensure_ascii=False) + "\n")
    return chars


def tree_rss(pid: int) -> int:
    import psutil

    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            total += p.memory_info().rss
    return total


def count_lines(path: Path) -> int:
    if not path.exists():
        return 0
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    try:
        import psutil  # noqa: F401
    except ImportError:
        print("skipped: psutil is needed to sample RSS (pip install psutil)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        archive, out = work / "archive.jsonl.gz", work / "out.jsonl"
        chars = write_archive(archive, args.docs)
        print(f"archive: {args.docs:,} documents, {chars:,} chars ({archive.stat().st_size / 2**20:.1f} MB gzipped)")
        cmd = [sys.executable, "-m", "vnextract.cli", "extract", str(archive), "-o", str(out),
               "--workers", str(args.workers), "--no-progress"]  # fmt: skip
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=work, stderr=subprocess.PIPE)
        samples: list[tuple[float, int, int]] = []
        while proc.poll() is None:
            samples.append((time.perf_counter() - started, count_lines(out), tree_rss(proc.pid)))
            time.sleep(0.2)
        stderr = proc.stderr.read().decode() if proc.stderr else ""
        seconds = time.perf_counter() - started
        done = count_lines(out)
    tenths: list[dict[str, Any]] = []
    for k in range(1, 11):
        upto = [s for s in samples if s[1] <= done * k / 10]
        if upto:
            tenths.append({"progress": k / 10, "docs": upto[-1][1], "peak_rss_mb": max(s[2] for s in upto) / 2**20})
    print(f"{done:,} documents in {seconds:.0f} s (exit {proc.returncode})\n" + stderr.strip())
    print("\nprogress  documents   peak RSS so far (all processes)")
    for t in tenths:
        print(f"{t['progress']:>7.0%}  {t['docs']:>10,}  {t['peak_rss_mb']:>8.0f} MB")
    flat = None
    if len(tenths) >= 2:
        first, last = tenths[0]["peak_rss_mb"], tenths[-1]["peak_rss_mb"]
        flat = last <= first * 1.1 + 20
        print(f"\nflat: {flat} (peak after 10%: {first:.0f} MB, at the end: {last:.0f} MB)")
    if args.json:
        report = {"docs": args.docs, "chars": chars, "workers": args.workers, "seconds": seconds,
                  "documents_written": done, "tenths": tenths, "flat": flat}  # fmt: skip
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
