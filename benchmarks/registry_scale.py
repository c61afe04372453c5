"""How large an archive one SQLite registry serves: build from synthetic records, in parts, and query.

    python benchmarks/registry_scale.py --documents 100000 --parts 10

Writes ``--documents`` synthetic document records (the JSON lines ``vnextract extract`` writes) as
``--parts`` part files, the way the Dask helpers write one per partition, then builds the registry
one part at a time (each part an incremental build of the same file) and reports, per part: CPU
and wall time per document, peak memory, file size; then the latency of the three queries.

The records imitate the genre: a pool of officials with Vietnamese names (so namesakes occur),
each with a province and a career (a deputy post, then the head post of the same body), reported
in 3-7 per document, sometimes as former holders, with a byline, organisations, dates and
percentages.  No text is needed: the registry reads only records.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from vnextract.gazetteer import gazetteer
from vnextract.registry import Registry, build

SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Hữu", "Ngọc", "Xuân", "Hồng", "Công", "Đình"]
GIVEN = [
    "An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hải", "Hòa", "Hùng", "Hương", "Khánh", "Lâm", "Long", "Mai",
    "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Thành", "Thảo", "Thủy", "Trung", "Tuấn", "Vinh",
]  # fmt: skip
BODIES = [
    ("Ủy ban nhân dân tỉnh {p}", "peoples_committee", "Phó Chủ tịch", "Chủ tịch"),
    ("Tỉnh ủy {p}", "party", "Phó Bí thư", "Bí thư"),
    ("Hội đồng nhân dân tỉnh {p}", "peoples_council", "Phó Chủ tịch", "Chủ tịch"),
    ("Sở Tài chính tỉnh {p}", "government", "Phó Giám đốc", "Giám đốc"),
    ("Sở Y tế tỉnh {p}", "government", "Phó Giám đốc", "Giám đốc"),
    ("Ban Tuyên giáo Tỉnh ủy {p}", "party", "Phó Trưởng ban", "Trưởng ban"),
    ("Công an tỉnh {p}", "police_military", "Phó Giám đốc", "Giám đốc"),
]
START, DAYS = date(2015, 1, 1), 11 * 365


def _officials(rng: random.Random, n: int, provinces: list[tuple[str, str | None]]) -> list[dict[str, Any]]:
    out = []
    for _ in range(n):
        province, new = rng.choice(provinces)
        body, kind, deputy, head = rng.choice(BODIES)
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        promoted = START + timedelta(days=rng.randrange(DAYS))
        out.append({"name": name, "org": body.format(p=province), "kind": kind, "deputy": deputy, "head": head,
                    "promoted": promoted, "admin": new})  # fmt: skip
    return out


def _document(rng: random.Random, i: int, officials: list[dict[str, Any]]) -> dict[str, Any]:
    day = START + timedelta(days=rng.randrange(DAYS))
    people, orgs, pos = [], {}, 0
    for o in rng.sample(officials, rng.randint(3, 7)):
        title = o["head"] if day >= o["promoted"] else o["deputy"]
        former = rng.random() < 0.05
        text = f"{title} {o['org']}"
        people.append({
            "name": o["name"], "honorifics": ["ông"], "ranks": [],
            "positions": [{"text": text, "start": pos + 30, "end": pos + 30 + len(text), "title": title,
                           "organization": o["org"], "organization_text": o["org"], "former": former, "acting": False}],
            "mentions": [{"start": pos, "end": pos + len(o["name"]), "text": o["name"]}],
        })  # fmt: skip
        org_at = pos + 30 + len(title) + 1
        orgs[o["org"]] = {"name": o["org"], "abbreviation": None, "kind": o["kind"], "admin_unit_2025": o["admin"],
                          "mentions": [{"start": org_at, "end": org_at + len(o["org"]), "text": o["org"]}]}  # fmt: skip
        pos += 200
    credit = f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}".upper()
    people.append({"name": credit, "honorifics": [], "ranks": [], "positions": [],
                   "mentions": [{"start": pos, "end": pos + len(credit), "text": credit}]})  # fmt: skip
    dates = [{"text": day.strftime("%d/%m/%Y"), "start": 0, "end": 10, "value": day.isoformat(), "granularity": "day",
              "part_of_day": None, "weekday": None, "year_inferred": False, "lunar": False}] * 4  # fmt: skip
    percentages = [{"text": "12,5%", "start": 50, "end": 55, "value": 12.5, "value_max": None, "qualifier": None,
                    "points": False}] * 2  # fmt: skip
    return {"id": f"synthetic-{i:07d}", "published": day.isoformat(), "people": people,
            "organizations": list(orgs.values()), "dates": dates, "percentages": percentages}  # fmt: skip


def _median_ms(fn: Any, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--parts", type=int, default=10)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--dir", default=None, help="Keep the parts and the database here.")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    units = gazetteer().provinces.values()
    provinces = sorted({(u.name, gazetteer().admin_unit_2025(u.province)) for u in units})
    officials = _officials(rng, max(args.documents // 5, 100), provinces)
    root = Path(args.dir or tempfile.mkdtemp(prefix="registry-scale-"))
    root.mkdir(parents=True, exist_ok=True)
    per_part = -(-args.documents // args.parts)
    parts = []
    for p in range(args.parts):
        path = root / f"part-{p:05d}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(p * per_part, min((p + 1) * per_part, args.documents)):
                f.write(json.dumps(_document(rng, i, officials), ensure_ascii=False) + "\n")
        parts.append(path)
    db = root / "officials.db"
    print(f"{args.documents} synthetic documents in {args.parts} parts, {len(officials)} officials; db {db}")
    print(f"{'documents':>10}{'cpu ms/doc':>12}{'wall ms/doc':>12}{'peak RSS MB':>13}{'db MB':>8}")
    total = 0
    for path in parts:
        cpu, started = _cpu(), time.perf_counter()
        stats = build([str(path)], db)
        cpu, wall = _cpu() - cpu, time.perf_counter() - started
        total += stats.added
        size = sum(f.stat().st_size for f in root.glob("officials.db*")) / 1e6
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        per_doc = f"{cpu / stats.added * 1000:>12.2f}{wall / stats.added * 1000:>12.2f}"
        print(f"{total:>10}{per_doc}{peak:>13.0f}{size:>8.0f}")
    with Registry(db) as reg:
        sample = officials[0]
        print(f"persons {reg.conn.execute('SELECT count(*) FROM persons').fetchone()[0]}, "
              f"offices {reg.conn.execute('SELECT count(*) FROM offices').fetchone()[0]}")  # fmt: skip
        queries = {
            "person (accents dropped)": lambda: reg.person("nguyen van thang"),
            "who --on": lambda: reg.who(sample["head"], sample["org"], on="2020-06"),
            "org (with sub-bodies)": lambda: reg.org(sample["org"].split(" tỉnh ")[0] + " tỉnh Lào Cai"),
        }
        for name, fn in queries.items():
            print(f"query {name}: {_median_ms(fn):.1f} ms")
        _identity(reg, officials)


def _identity(reg: Registry, officials: list[dict[str, Any]]) -> None:
    """How well the registry recovered the synthetic officials (one truth per name and body)."""
    truth = {(o["name"], o["org"]) for o in officials}
    rows = reg.conn.execute(
        "SELECT p.id, p.name, g.name FROM offices o JOIN persons p ON p.id = o.person_id "
        "JOIN organizations g ON g.id = o.organization_id"
    ).fetchall()
    persons_of: dict[tuple[str, str], set[int]] = {}
    truths_of: dict[int, set[tuple[str, str]]] = {}
    for pid, name, org in rows:
        persons_of.setdefault((name, org), set()).add(pid)
        truths_of.setdefault(pid, set()).add((name, org))
    split = sum(1 for t in truth if len(persons_of.get(t, ())) > 1)
    merged = sum(1 for ts in truths_of.values() if len(ts) > 1)
    print(f"identity: {len(truth)} true officials, {len(truths_of)} registry officials; "
          f"{split} split over several persons, {merged} persons joining several true officials")  # fmt: skip


if __name__ == "__main__":
    main()
