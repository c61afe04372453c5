"""How much does underthesea's CRF NER add? Scores with and without it, on a gold file.

Writes the predictions of ``Extractor(use_ner=False)`` and ``Extractor(use_ner=True)``
for the passages of a gold file and scores both with ``../shared/eval/score.py``:

    python benchmarks/ner_signal.py [--gold ../shared/corpora/gold/dev.jsonl]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _passages(gold: Path, corpus: Path) -> dict[str, str]:
    texts = {}
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            texts[row["id"]] = row["text"]
    out = {}
    for line in gold.open(encoding="utf-8"):
        row = json.loads(line)
        text = row.get("text") or texts[row["id"]]
        out[row["id"]] = text[: row.get("chars") or len(text)]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gold", type=Path, default=SHARED / "corpora" / "gold" / "dev.jsonl")
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpora" / "party_news.jsonl")
    args = parser.parse_args()
    scorer = SHARED / "eval" / "score.py"
    if not (scorer.exists() and args.gold.exists() and args.corpus.exists()):
        print(f"skipped: {SHARED} (scorer, gold or corpus) not found")
        return 0
    import vnextract

    passages = _passages(args.gold, args.corpus)
    for use_ner in (False, True):
        extractor = vnextract.Extractor(use_ner=use_ner)
        extractor.extract("Khởi động.")
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as out:
            t0 = time.perf_counter()
            for pid, text in passages.items():
                doc = extractor.extract(text).model_dump(mode="json")
                out.write(json.dumps({"id": pid, "document": doc}, ensure_ascii=False) + "\n")
            seconds = time.perf_counter() - t0
        chars = sum(map(len, passages.values()))
        print(f"\n== use_ner={use_ner}: {chars / seconds:,.0f} chars/s")
        result = subprocess.run(
            [sys.executable, str(scorer), "--gold", str(args.gold), "--corpus", str(args.corpus),
             "--predictions", out.name],
            capture_output=True, text=True, check=False,
        )
        print(result.stdout.strip())
        Path(out.name).unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
