"""Identity across documents: is this document's person an individual the registry already holds?

Same-name persons are common ("Nguyễn Văn Thắng" is several officials), so a name alone never
joins two documents.  A careful reader's evidence, strongest first:

1. **same office**: the same title in the same organisation ("Bí thư", "Tỉnh ủy Lào Cai"), or the
   same unique office of state without an organisation ("Tổng Bí thư");
2. **career step**: one step up or down in the same body ("Phó Bí thư" -> "Bí thư" of one Tỉnh ủy);
3. **same organisation**: other titles in one body, or a body and its sub-body ("Ban Thường vụ
   Tỉnh ủy X" / "Tỉnh ủy X"); a shared membership seat ("Ủy viên", "Đại biểu") counts here too;
4. **same district or commune** of the offices' organisations;
5. **same province** (the post-2025 province, so a unit merged in 2025 matches its new province),
   for full names of three words or more.

A shared place (4, 5) counts only within ``PLACE_YEARS`` of the candidate's dated offices.

Offices in different provinces contradict every rule but the first two (a transfer keeps an office
only with its body).  One-word names, people without offices and bylines are never joined to an
official; bylines join bylines of the same name and source.  Manual decisions come first
(:mod:`vnextract.registry.decisions`).
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from vnextract.registry.facts import DocPerson
from vnextract.registry.keys import career_step, is_membership, unorganised_title

__all__ = ["Match", "best_match", "related_bodies"]


@dataclass(frozen=True, slots=True)
class Match:
    """A candidate individual with the strength (higher is stronger) and the reason of the match."""

    person_id: int
    strength: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Office:
    title: str
    title_key: str
    org_id: int | None
    org_key: str | None
    org_name: str | None
    province: str | None
    local: str | None
    first_seen: str | None
    last_seen: str | None


# A shared place alone joins documents only this close in time (years): namesakes a generation apart
# in one province are two people.
PLACE_YEARS = 10


def related_bodies(a: str, b: str) -> bool:
    """Whether one organisation key is a sub-body of the other ("ban thường vụ tỉnh ủy x" / "tỉnh ủy x")."""
    return a != b and (a.endswith(" " + b) or b.endswith(" " + a))


def _profiles(conn: sqlite3.Connection, person_ids: list[int]) -> dict[int, list[_Office]]:
    marks = ",".join("?" * len(person_ids))
    rows = conn.execute(
        "SELECT o.person_id, o.title, o.title_key, o.organization_id, g.name_key, g.name, g.province_key, "
        "g.local_unit, o.first_seen, o.last_seen "
        f"FROM offices o LEFT JOIN organizations g ON g.id = o.organization_id WHERE o.person_id IN ({marks})",
        person_ids,
    )
    out: dict[int, list[_Office]] = {p: [] for p in person_ids}
    for r in rows:
        out[int(r[0])].append(_Office(r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9]))
    return out


def _office_rule(dp: DocPerson, theirs: list[_Office]) -> tuple[int, str] | None:
    """The strongest office-based evidence between ``dp`` and a candidate's offices."""
    best: tuple[int, str] | None = None
    for mine in dp.offices:
        for other in theirs:
            found: tuple[int, str] | None = None
            same_org = mine.organization_id is not None and mine.organization_id == other.org_id
            if same_org and mine.title_key == other.title_key:
                strength = 3 if is_membership(mine.title_key) else 6
                found = (strength, f"same office: {other.title}, {other.org_name}")
            elif mine.organization_id is None and other.org_id is None and mine.title_key == other.title_key:
                if unorganised_title(mine.title_key):
                    found = (6, f"same office: {other.title}")
            elif same_org and career_step(mine.title_key, other.title_key):
                found = (5, f"career step: {other.title} / {mine.title}, {other.org_name}")
            elif same_org:
                found = (3, f"same organisation: {other.org_name} ({other.title} / {mine.title})")
            elif mine.org_key and other.org_key and related_bodies(mine.org_key, other.org_key):
                found = (3, f"related bodies: {other.org_name} / {mine.organization_text or mine.org_key}")
            if found and (best is None or found[0] > best[0]):
                best = found
    return best


def _near_in_time(dp: DocPerson, theirs: list[_Office]) -> bool:
    """Whether ``dp``'s date falls within PLACE_YEARS of the candidate's offices (undated: yes)."""
    dated = [d for o in theirs for d in (o.first_seen, o.last_seen) if d]
    if not dp.seen or not dated:
        return True
    year = int(dp.seen[:4])
    return int(min(dated)[:4]) - PLACE_YEARS <= year <= int(max(dated)[:4]) + PLACE_YEARS


def _place_rule(dp: DocPerson, theirs: list[_Office]) -> tuple[int, str] | None:
    if not _near_in_time(dp, theirs):
        return None
    locals_ = {o.local for o in theirs if o.local} & dp.locals
    if locals_:
        return (2, f"same district or commune: {sorted(locals_)[0]}")
    provinces = {o.province for o in theirs if o.province} & dp.provinces
    if provinces and dp.syllables >= 3:
        return (1, f"same province: {sorted(provinces)[0]}")
    return None


def _evaluate(dp: DocPerson, theirs: list[_Office]) -> tuple[int, str] | None:
    by_office = _office_rule(dp, theirs)
    if by_office is not None and by_office[0] >= 5:
        return by_office  # a head office or a step in one body holds across a transfer between provinces
    mine_p, theirs_p = dp.provinces, {o.province for o in theirs if o.province}
    if mine_p and theirs_p and not mine_p & theirs_p:
        return None  # offices in different provinces: namesakes
    return by_office or _place_rule(dp, theirs)


def best_match(conn: sqlite3.Connection, dp: DocPerson, *, excluded: frozenset[int] = frozenset()) -> Match | None:
    """The individual ``dp`` most likely is, or ``None`` for a new one.

    Args:
        excluded: persons ``dp`` must not join (manual splits).
    """
    if dp.syllables < 2:
        return None
    if dp.kind == "byline":
        row = conn.execute(
            "SELECT id FROM persons WHERE name_key = ? AND kind = 'byline' AND source IS ? ORDER BY n_documents DESC",
            (dp.name_key, dp.source),
        ).fetchall()
        for r in row:
            if int(r[0]) not in excluded:
                return Match(int(r[0]), 1, "same byline name and source")
        return None
    if not dp.offices:
        return None
    rows = conn.execute(
        "SELECT id, n_documents FROM persons WHERE name_key = ? AND kind = 'official'", (dp.name_key,)
    ).fetchall()
    cands = {int(r[0]): int(r[1]) for r in rows if int(r[0]) not in excluded}
    if not cands:
        return None
    profiles = _profiles(conn, list(cands))
    best: Match | None = None
    for pid, offices in profiles.items():
        found = _evaluate(dp, offices)
        if found is None:
            continue
        if best is None or (found[0], cands[pid]) > (best.strength, cands[best.person_id]):
            best = Match(pid, found[0], found[1])
    return best
