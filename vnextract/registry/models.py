"""Pydantic models the registry's queries return (``vnextract registry ... --json`` prints them)."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Evidence", "Holder", "Link", "OfficeRecord", "OrganizationRecord", "PersonRecord"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Evidence(_Model):
    """Where a document says so: offsets into that document's text."""

    document_id: str
    seen: str | None = Field(default=None, description="The document's date (published, else from its text).")
    start: int
    end: int
    text: str
    former: bool = False


class OfficeRecord(_Model):
    """One office of one person: a title in an organisation, with its time span and sources."""

    id: int
    title: str
    organization: str | None = None
    organization_id: int | None = None
    former: bool = Field(default=False, description="A later document says 'nguyên'/'cựu', or none says it is held.")
    acting: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    ended_before: str | None = Field(default=None, description="The first document after last_seen calling it former.")
    n_documents: int = 0
    sources: list[Evidence] = Field(default_factory=list)


class Link(_Model):
    """Why one document's person was joined to this individual."""

    document_id: str
    name: str
    reason: str


class PersonRecord(_Model):
    """One individual across the archive."""

    id: int
    name: str = Field(description="The fullest written form.")
    kind: str = Field(description="official, person (no office seen) or byline (a byline or photo credit).")
    names: list[str] = Field(default_factory=list, description="Every written form.")
    n_documents: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    offices: list[OfficeRecord] = Field(default_factory=list)
    links: list[Link] = Field(default_factory=list)


class Holder(_Model):
    """A holder of an office, for ``who``."""

    person_id: int
    name: str
    title: str
    organization: str | None = None
    first_seen: str | None = None
    last_seen: str | None = None
    ended_before: str | None = None
    former: bool = False
    acting: bool = False
    n_documents: int = 0
    status: str | None = Field(
        default=None,
        description="With --on: 'seen' (documents on both sides of the date, or on it) or 'presumed' "
        "(last seen before the date, not reported as ended, no later holder seen).",
    )
    sources: list[Evidence] = Field(default_factory=list)


class OrganizationRecord(_Model):
    """An organisation with the offices held in it and in its sub-bodies."""

    id: int
    name: str
    kind: str | None = None
    admin_unit_2025: str | None = None
    n_documents: int = 0
    sub_bodies: list[str] = Field(default_factory=list)
    offices: list[Holder] = Field(default_factory=list)
