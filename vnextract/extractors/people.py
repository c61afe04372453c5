"""People and their positions (stub, to be replaced; the interface below is fixed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from vnextract.extractors.organizations import OrgAnalysis, OrgMention
from vnextract.records import Person
from vnextract.text.document import TextDoc


@dataclass(slots=True)
class PeopleResult:
    """What the people pass found."""

    people: list[Person] = field(default_factory=list)
    # normalised spans of title words ("Phó Bí thư Thường trực"): organisation mentions
    # overlapping them are not organisations of their own
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    # the organisations completing positions, to be listed among the document's organisations
    position_orgs: list[OrgMention] = field(default_factory=list)


class PeopleExtractor:
    """Finds people, their positions and their later mentions."""

    def __init__(self, use_ner: bool = False) -> None:
        self.use_ner = use_ner

    def extract(self, doc: TextDoc, orgs: OrgAnalysis) -> PeopleResult:
        """People of ``doc``; ``orgs`` delimits and resolves position organisations."""
        return PeopleResult()
