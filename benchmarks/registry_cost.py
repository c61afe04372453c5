"""The cost of ``vnextract registry build`` against ``vnextract extract`` over the same input.

    python benchmarks/registry_cost.py ../shared/corpora/party_news.jsonl --repeat 3 --workers 1

Each round runs both commands in fresh interpreters, alternating, and measures wall time and CPU
time (user + system of the command and its worker processes).  On a shared machine wall time
follows the load of other processes; CPU time is the fair comparison.  Prints medians and ratios.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _timed(args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "vnextract.cli", *args], check=False, capture_output=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {"extract": [], "registry build": []}
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.repeat):
            out = Path(tmp, f"out{i}.jsonl")
            db = Path(tmp, f"reg{i}.db")
            common = ["--workers", str(args.workers), "--no-progress"]
            results["extract"].append(_timed(["extract", *args.inputs, "-o", str(out), *common]))
            results["registry build"].append(_timed(["registry", "build", *args.inputs, "--db", str(db), *common]))
    base_wall = statistics.median(w for w, _ in results["extract"])
    base_cpu = statistics.median(c for _, c in results["extract"])
    load = os.getloadavg()[0]
    print(f"inputs: {' '.join(args.inputs)}; workers {args.workers}; {args.repeat} rounds; load {load:.1f}")
    print(f"{'command':<16}{'wall s':>10}{'cpu s':>10}{'wall ratio':>12}{'cpu ratio':>11}")
    for name, runs in results.items():
        wall = statistics.median(w for w, _ in runs)
        cpu = statistics.median(c for _, c in runs)
        print(f"{name:<16}{wall:>10.2f}{cpu:>10.2f}{wall / base_wall:>12.2f}{cpu / base_cpu:>11.2f}")


if __name__ == "__main__":
    main()
