"""What one document says about one person, in the form the registry matches and stores.

A document's people come from the extractor already grouped (one :class:`Person` per individual
of that document); :func:`document_people` turns each into a :class:`DocPerson` with keyed offices.
Plain dicts (``Document.model_dump()`` or the JSON lines ``vnextract extract`` wrote) are read
directly, so records need not be validated again.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from vnextract.registry.keys import is_credit, name_key, org_key, title_key

__all__ = ["DocPerson", "OfficeFact", "document_date", "document_people"]


@dataclass(frozen=True, slots=True)
class OfficeFact:
    """One position of a document's person: title and organisation keyed, evidence as written."""

    title: str
    title_key: str
    organization_id: int | None
    org_key: str | None
    province: str | None
    local: str | None
    former: bool
    acting: bool
    start: int
    end: int
    text: str
    organization_text: str | None


@dataclass(slots=True)
class DocPerson:
    """One person of one document, with the document's date and where it came from."""

    document_id: str
    doc_person: int
    name: str
    name_key: str
    kind: str
    seen: str | None
    source: str | None
    mentions: list[tuple[int, int, str]] = field(default_factory=list)
    offices: list[OfficeFact] = field(default_factory=list)

    @property
    def anchor_key(self) -> str:
        """The name key, marked for a byline ("byline:thu hà"): one document may credit its own subject."""
        return f"byline:{self.name_key}" if self.kind == "byline" else self.name_key

    @property
    def anchor(self) -> tuple[str, str]:
        """How manual decisions name this person: (document id, anchor key); stable across rebuilds."""
        return (self.document_id, self.anchor_key)

    @property
    def syllables(self) -> int:
        """Words in the name: one-word names ("ông Thắng") are never joined across documents."""
        return len(self.name.split())

    @property
    def provinces(self) -> set[str]:
        """Post-2025 provinces of this person's offices."""
        return {o.province for o in self.offices if o.province}

    @property
    def locals(self) -> set[str]:
        """Districts and communes of this person's offices."""
        return {o.local for o in self.offices if o.local}


def document_date(doc: Mapping[str, Any]) -> tuple[str | None, str | None]:
    """The date a document is dated by, and where it came from (``published`` or ``text``).

    Without a publication date, the first full date the article writes with its year (the
    event it reports, as a rule: "Sáng 8/5/2017, ...").
    """
    published = doc.get("published")
    if published:
        return str(published)[:10], "published"
    for d in doc.get("dates") or ():
        value = str(d.get("value") or "")
        if d.get("granularity") == "day" and not d.get("year_inferred") and "X" not in value and "/" not in value:
            return value[:10], "text"
    return None, None


# doc_person numbers of bylines split off a person of the same name (the article's reporter is its subject's namesake)
BYLINE_OFFSET = 100_000


def _credits(person: Mapping[str, Any], text: str | None) -> list[bool]:
    """For each mention: is it a byline or photo credit?"""
    mentions = person.get("mentions") or ()
    if text is not None:
        return [is_credit(text, m["start"], m["end"]) for m in mentions]
    # records without their text: an ALL-CAPS name of someone who holds no office is a credit line
    return [not person.get("positions") and m["text"].isupper() for m in mentions]


def document_people(
    doc: Mapping[str, Any],
    *,
    organization_id: Callable[[str], int | None],
    places: Callable[[str], tuple[str | None, str | None]],
    seen: str | None,
    source: str | None,
    text: str | None = None,
) -> list[DocPerson]:
    """The people of a document record as :class:`DocPerson` items.

    Args:
        organization_id: the registry id of a canonical organisation name.
        places: (post-2025 province key, local unit key) of a canonical organisation name.
        text: the document's text, when known (bylines are told by what precedes a name).
    """
    out = []
    for i, person in enumerate(doc.get("people") or ()):
        name = " ".join(str(person.get("name") or "").split())
        if not name:
            continue
        mentions = [(int(m["start"]), int(m["end"]), str(m["text"])) for m in person.get("mentions") or ()]
        credits = _credits(person, text)
        own = [m for m, c in zip(mentions, credits, strict=True) if not c]
        credited = [m for m, c in zip(mentions, credits, strict=True) if c]
        if credited:
            byline = DocPerson(str(doc.get("id")), BYLINE_OFFSET + i, name, name_key(name), "byline", seen, source)
            byline.mentions = credited
            out.append(byline)
        if not own and not person.get("positions"):
            continue
        kind = "official" if person.get("positions") else "person"
        dp = DocPerson(str(doc.get("id")), i, name, name_key(name), kind, seen, source)
        dp.mentions = own
        dp.offices = [f for f in (_office(pos, organization_id, places) for pos in person.get("positions") or ()) if f]
        out.append(dp)
    return out


def _office(
    pos: Mapping[str, Any],
    organization_id: Callable[[str], int | None],
    places: Callable[[str], tuple[str | None, str | None]],
) -> OfficeFact | None:
    title = " ".join(str(pos.get("title") or "").split())
    if not title:
        return None
    org = pos.get("organization")
    province, local = places(org) if org else (None, None)
    return OfficeFact(
        title=title,
        title_key=title_key(title),
        organization_id=organization_id(org) if org else None,
        org_key=org_key(org) if org else None,
        province=province,
        local=local,
        former=bool(pos.get("former")),
        acting=bool(pos.get("acting")),
        start=int(pos["start"]),
        end=int(pos["end"]),
        text=str(pos.get("text") or ""),
        organization_text=pos.get("organization_text"),
    )
