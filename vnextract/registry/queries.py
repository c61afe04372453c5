"""Read the registry: persons by name, holders of an office, organisations with their offices.

Names are found accent-insensitively through the FTS5 indexes (``person_search``,
``organization_search``) over folded forms; an exact key match ranks first.
"""

from __future__ import annotations

import calendar
import re
import sqlite3
from typing import Any

from vnextract.registry.keys import fold, is_membership, name_key, org_key, title_key
from vnextract.registry.models import Evidence, Holder, Link, OfficeRecord, OrganizationRecord, PersonRecord

__all__ = ["date_range", "find_organizations", "find_persons", "holders", "organization", "person"]

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def date_range(value: str) -> tuple[str, str]:
    """``2025-10`` -> (``2025-10-01``, ``2025-10-31``); days and years alike.

    Raises:
        ValueError: not an ISO date at day, month or year precision.
    """
    m = _DATE.match(value.strip())
    if m is None:
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {value!r}")
    year, month, day = m.group(1), m.group(2), m.group(3)
    if day:
        return value.strip(), value.strip()
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def _match_expr(query: str) -> str | None:
    tokens = [t for t in re.split(r"[^\w]+", fold(query)) if t]
    return " AND ".join(f'"{t}"' for t in tokens) if tokens else None


def find_persons(conn: sqlite3.Connection, name: str, *, limit: int = 20) -> list[int]:
    """Ids of the persons called ``name`` (any case or accents), best matches first."""
    exact = [
        r[0]
        for r in conn.execute("SELECT id FROM persons WHERE name_key = ? ORDER BY n_documents DESC", (name_key(name),))
    ]
    expr = _match_expr(name)
    found: list[tuple[int, int, int]] = []
    if expr:
        rows = conn.execute(
            "SELECT p.id, p.name, p.n_documents FROM person_search s JOIN persons p ON p.id = s.rowid "
            "WHERE person_search MATCH ? LIMIT 500",
            (expr,),
        )
        want = fold(name)
        found = [(0 if fold(r[1]) == want else 1, -r[2], r[0]) for r in rows]
    folded_equal = [pid for rank, _, pid in sorted(found) if rank == 0]
    rest = [pid for rank, _, pid in sorted(found) if rank == 1]
    ordered = list(dict.fromkeys([*exact, *folded_equal] or rest))
    return ordered[:limit]


def _evidence(conn: sqlite3.Connection, office_id: int, limit: int) -> list[Evidence]:
    rows = conn.execute(
        'SELECT document_id, seen, start, "end", text, former FROM office_evidence WHERE office_id = ? '
        "ORDER BY seen IS NULL, seen DESC, document_id LIMIT ?",
        (office_id, limit),
    )
    return [Evidence(document_id=r[0], seen=r[1], start=r[2], end=r[3], text=r[4], former=bool(r[5])) for r in rows]


def _office(conn: sqlite3.Connection, row: sqlite3.Row, sources: int) -> OfficeRecord:
    return OfficeRecord(
        id=row["id"], title=row["title"], organization=row["org_name"], organization_id=row["organization_id"],
        former=bool(row["former"]), acting=bool(row["acting"]), first_seen=row["first_seen"],
        last_seen=row["last_seen"], ended_before=row["ended_before"], n_documents=row["n_documents"],
        sources=_evidence(conn, row["id"], sources),
    )  # fmt: skip


def person(conn: sqlite3.Connection, person_id: int, *, sources: int = 10) -> PersonRecord | None:
    """One individual with every office (most recent first), their sources and the links' reasons."""
    p = conn.execute("SELECT * FROM persons WHERE id = ?", (person_id,)).fetchone()
    if p is None:
        return None
    offices = conn.execute(
        "SELECT o.*, g.name AS org_name FROM offices o LEFT JOIN organizations g ON g.id = o.organization_id "
        "WHERE o.person_id = ? ORDER BY o.last_seen IS NULL, o.last_seen DESC, o.n_documents DESC, o.id",
        (person_id,),
    ).fetchall()
    links = conn.execute(
        "SELECT document_id, name, reason FROM person_links WHERE person_id = ? ORDER BY rowid", (person_id,)
    ).fetchall()
    names = list(dict.fromkeys(r["name"] for r in links))
    return PersonRecord(
        id=p["id"], name=p["name"], kind=p["kind"], names=names, n_documents=p["n_documents"],
        first_seen=p["first_seen"], last_seen=p["last_seen"],
        offices=[_office(conn, o, sources) for o in offices],
        links=[Link(document_id=r[0], name=r[1], reason=r[2]) for r in links],
    )  # fmt: skip


def find_organizations(conn: sqlite3.Connection, name: str, *, limit: int = 20) -> list[int]:
    """Ids of the organisations called ``name``: exact key, the extractor's canonical form, accents ignored."""
    keys = [org_key(name)]
    canonical = _canonical_organization(name)
    if canonical:
        keys.append(org_key(canonical))
    for key in keys:
        row = conn.execute("SELECT id FROM organizations WHERE name_key = ?", (key,)).fetchone()
        if row is not None:
            return [row[0]]
    expr = _match_expr(canonical or name)
    if not expr:
        return []
    rows = conn.execute(
        "SELECT g.id, g.name, g.n_documents FROM organization_search s JOIN organizations g ON g.id = s.rowid "
        "WHERE organization_search MATCH ? LIMIT 500",
        (expr,),
    ).fetchall()
    wants = {fold(name), fold(canonical or name)}
    equal = [r[0] for r in rows if fold(r[1]) in wants]
    if equal:
        return equal[:limit]
    return [r[0] for r in sorted(rows, key=lambda r: (len(r[1]), -r[2]))][:limit]


def _canonical_organization(name: str) -> str | None:
    """The extractor's canonical name for ``name`` when the whole string is one organisation ("UBND tỉnh X")."""
    from vnextract.extractor import default_extractor

    try:
        doc = default_extractor().extract(name)
    except Exception:
        return None
    stripped = name.strip()
    for org in doc.organizations:
        if any(m.text.strip() == stripped for m in org.mentions):
            return org.name
    return None


def _holder(conn: sqlite3.Connection, row: sqlite3.Row, status: str | None, sources: int) -> Holder:
    return Holder(
        person_id=row["person_id"], name=row["person_name"], title=row["title"], organization=row["org_name"],
        first_seen=row["first_seen"], last_seen=row["last_seen"], ended_before=row["ended_before"],
        former=bool(row["former"]), acting=bool(row["acting"]), n_documents=row["n_documents"], status=status,
        sources=_evidence(conn, row["id"], sources),
    )  # fmt: skip


_HOLDERS = (
    "SELECT o.*, p.name AS person_name, g.name AS org_name FROM offices o JOIN persons p ON p.id = o.person_id "
    "LEFT JOIN organizations g ON g.id = o.organization_id "
)
_RECENT = " ORDER BY o.last_seen IS NULL, o.last_seen DESC, o.n_documents DESC, o.id"


def _status(row: sqlite3.Row, lo: str, hi: str, rows: list[Any], membership: bool) -> str | None:
    first, last, ended = row["first_seen"], row["last_seen"], row["ended_before"]
    if first is None or first > hi or last is None:
        return None
    if last >= lo:
        return "seen"
    if ended is not None and ended <= lo:
        return None
    if not membership:  # a later holder of the same office, seen before the date, ends the presumption
        for other in rows:
            same = other["organization_id"] == row["organization_id"] and other["id"] != row["id"]
            if same and other["first_seen"] and last < other["first_seen"] <= hi:
                return None
    return "presumed"


def split_office(conn: sqlite3.Connection, phrase: str) -> tuple[str, str | None]:
    """``"Chủ tịch UBND tỉnh Cà Mau"`` -> (``"Chủ tịch"``, ``"UBND tỉnh Cà Mau"``): the longest known title first."""
    words = phrase.split()
    for cut in range(len(words) - 1, 0, -1):
        title, rest = " ".join(words[:cut]), " ".join(words[cut:])
        known = conn.execute("SELECT 1 FROM offices WHERE title_key = ? LIMIT 1", (title_key(title),)).fetchone()
        if known and find_organizations(conn, rest):
            return title, rest
    return phrase, None


def holders(
    conn: sqlite3.Connection, title: str, organization: str | None, *, on: str | None = None, sources: int = 3
) -> list[Holder]:
    """Holders of ``title`` in ``organization`` (most recent first); with ``on``, those holding it then.

    Without an organisation, a ``title`` that names one ("Bí thư Tỉnh ủy Lạng Sơn") is split into both.
    """
    if organization is None:
        title, organization = split_office(conn, title)
    key = title_key(title)
    if organization:
        org_ids = find_organizations(conn, organization)
        if not org_ids:
            return []
        marks = ",".join("?" * len(org_ids))
        sql = _HOLDERS + f"WHERE o.title_key = ? AND o.organization_id IN ({marks})" + _RECENT
        rows = conn.execute(sql, (key, *org_ids)).fetchall()
    else:
        rows = conn.execute(
            _HOLDERS + "WHERE o.title_key = ? AND o.organization_id IS NULL" + _RECENT, (key,)
        ).fetchall()
    if on is None:
        return [_holder(conn, r, None, sources) for r in rows]
    lo, hi = date_range(on)
    out = []
    for r in rows:
        status = _status(r, lo, hi, rows, is_membership(key))
        if status is not None:
            out.append(_holder(conn, r, status, sources))
    return out


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def organization(conn: sqlite3.Connection, org_id: int, *, sources: int = 1) -> OrganizationRecord | None:
    """An organisation, its sub-bodies (names ending in its own) and every office held in them."""
    g = conn.execute("SELECT * FROM organizations WHERE id = ?", (org_id,)).fetchone()
    if g is None:
        return None
    subs = conn.execute(
        "SELECT id, name FROM organizations WHERE name_key LIKE ? ESCAPE '\\' ORDER BY name",
        ("% " + _like_escape(g["name_key"]),),
    ).fetchall()
    ids = [org_id, *(r[0] for r in subs)]
    marks = ",".join("?" * len(ids))
    rows = conn.execute(_HOLDERS + f"WHERE o.organization_id IN ({marks})" + _RECENT, ids).fetchall()
    return OrganizationRecord(
        id=g["id"], name=g["name"], kind=g["kind"], admin_unit_2025=g["admin_unit_2025"],
        n_documents=g["n_documents"], sub_bodies=[r[1] for r in subs],
        offices=[_holder(conn, r, None, sources) for r in rows],
    )  # fmt: skip
