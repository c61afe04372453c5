"""How many of the reference date phrases (corpora/dates_phrases.jsonl) vnextract reads exactly.

Exact = one mention, the expected span and the expected value, with the table's reference date
as ``published``.  Phrases are counted apart by whether their year is written.

    python benchmarks/date_phrases.py
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path

from vnextract.extractors.dates import DateExtractor
from vnextract.text.document import TextDoc

TABLE = Path(__file__).resolve().parents[1] / "corpora" / "dates_phrases.jsonl"


def main() -> None:
    """Print the exact-match rate per kind (written year / partial) and the misses."""
    extractor = DateExtractor()
    total: Counter[str] = Counter()
    exact: Counter[str] = Counter()
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        doc = TextDoc.from_text(row["text"], date.fromisoformat(row["published"]))
        got = [(m.text, m.value) for m in extractor.extract(doc)]
        want = [(e["text"], e["value"]) for e in row["expected"]]
        total[row["year"]] += 1
        if got == want:
            exact[row["year"]] += 1
        else:
            print(f"miss ({row['source']}): {row['text']!r} -> {got}, want {want}")
    for kind in sorted(total):
        print(f"{kind}: {exact[kind]}/{total[kind]} exact ({exact[kind] / total[kind]:.0%})")


if __name__ == "__main__":
    main()
