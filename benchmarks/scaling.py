"""Does extraction time grow linearly with document size?

Builds one document of N real articles glued together (N doubling up to about
10 MB) and reports seconds and chars/s for each size: chars/s should stay flat.

    python benchmarks/scaling.py [--max-mb 10]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "party_news.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--max-mb", type=float, default=10.0)
    args = parser.parse_args()
    if not SHARED.exists():
        print(f"skipped: {SHARED} not found")
        return 0
    import vnextract

    texts = [json.loads(line)["text"] for line in SHARED.open(encoding="utf-8")]
    corpus = "\n\n".join(texts)
    extractor = vnextract.Extractor()
    extractor.extract("Khởi động.")
    size = 250_000
    print(f"{'chars':>12s} {'seconds':>9s} {'chars/s':>10s}")
    while size <= args.max_mb * 1_000_000:
        text = (corpus * (size // len(corpus) + 1))[:size]
        t0 = time.perf_counter()
        extractor.extract(text)
        seconds = time.perf_counter() - t0
        print(f"{size:12d} {seconds:9.2f} {size / seconds:10.0f}", flush=True)
        size *= 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
