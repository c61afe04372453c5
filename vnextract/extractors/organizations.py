"""Organisations (stub, to be replaced; the interface below is fixed)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from vnextract.records import Organization, OrganizationKind
from vnextract.text.document import TextDoc


@dataclass(frozen=True, slots=True)
class OrgMention:
    """One organisation mention; offsets are into the normalised text."""

    start: int
    end: int
    name: str
    kind: OrganizationKind = OrganizationKind.OTHER
    abbreviation: str | None = None


class OrgAnalysis:
    """The organisations of one document and its resolved scope."""

    def __init__(self, doc: TextDoc, mentions: list[OrgMention]) -> None:
        self.doc = doc
        self.mentions = mentions

    def parse_at(self, start: int) -> OrgMention | None:
        """The organisation phrase beginning exactly at normalised ``start``, resolved."""
        return None

    def records(self, mentions: Iterable[OrgMention]) -> list[Organization]:
        """One :class:`Organization` per canonical name, in order of first mention."""
        return []


class OrganizationExtractor:
    """Finds organisation mentions and resolves their scope."""

    def analyze(self, doc: TextDoc) -> OrgAnalysis:
        """Find every organisation mention of ``doc``."""
        return OrgAnalysis(doc, [])
