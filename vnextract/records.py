"""The record contract: pydantic models for everything vnextract returns.

Field names here are a public contract read by users, the CLI output and the
scorer; add fields where useful, never rename.  Every offset points into the
caller's original string: ``original[start:end] == text``.
"""

from __future__ import annotations

import json
import re
from datetime import date
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, computed_field, model_validator
from pydantic_core import PydanticSerializationError

__all__ = [
    "DateMention",
    "Document",
    "DocumentWarning",
    "ErrorInfo",
    "ErrorRecord",
    "Granularity",
    "Organization",
    "OrganizationKind",
    "Percentage",
    "Person",
    "Position",
    "SourceText",
    "Span",
]


_SURROGATE = re.compile("[\ud800-\udfff]")


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)

    def model_dump_json(self, **kwargs: Any) -> str:
        """JSON of the record; a lone surrogate (``"\\udcff"``) is written as its JSON escape.

        UTF-8 cannot hold lone surrogates, so they are escaped: ``json.loads`` of the line gives
        back the very same string, and every offset stays exact.
        """
        try:
            return super().model_dump_json(**kwargs)
        except PydanticSerializationError:
            indent = kwargs.pop("indent", None)
            data = self.model_dump(mode="json", **kwargs)
            separators = (",", ": ") if indent is not None else (",", ":")
            line = json.dumps(data, ensure_ascii=False, indent=indent, separators=separators)
            return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", line)


class Span(_Record):
    """A piece of the original text: ``original[start:end] == text``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str


class Position(_Record):
    """An office held by a person, as written and normalised."""

    text: str = Field(description="The position phrase as written, without status words.")
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    title: str = Field(description="Role words, abbreviations expanded: 'Phó Bí thư Thường trực'.")
    organization: str | None = Field(
        default=None, description="Canonical organisation, scope resolved: 'Huyện ủy Đầm Hà'."
    )
    organization_text: str | None = Field(default=None, description="The organisation as written.")
    former: bool = Field(default=False, description="nguyên / cựu / từng là.")
    acting: bool = Field(default=False, description="Quyền (acting).")


class Person(_Record):
    """One individual in a document, with every mention and office."""

    name: str = Field(description="Longest written form of the name, without honorifics or ranks.")
    honorifics: list[str] = Field(default_factory=list)
    ranks: list[str] = Field(default_factory=list)
    positions: list[Position] = Field(default_factory=list)
    mentions: list[Span] = Field(default_factory=list)


class OrganizationKind(StrEnum):
    """What sort of body an organisation is."""

    PARTY = "party"
    PEOPLES_COUNCIL = "peoples_council"
    PEOPLES_COMMITTEE = "peoples_committee"
    GOVERNMENT = "government"
    POLICE_MILITARY = "police_military"
    COURT_PROCURACY = "court_procuracy"
    MASS_ORGANIZATION = "mass_organization"
    ENTERPRISE = "enterprise"
    EDUCATION = "education"
    HEALTH = "health"
    MEDIA = "media"
    INTERNATIONAL = "international"
    OTHER = "other"


class Organization(_Record):
    """One organisation in a document, with all its surface forms."""

    name: str = Field(description="Canonical name: 'Hội đồng nhân dân huyện Đầm Hà'.")
    abbreviation: str | None = None
    kind: OrganizationKind = OrganizationKind.OTHER
    mentions: list[Span] = Field(default_factory=list)
    admin_unit_2025: str | None = Field(
        default=None, description="The post-2025 province this body's unit maps to, when known."
    )


class Granularity(StrEnum):
    """How precise a date mention is."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"
    PERIOD = "period"


class DateMention(_Record):
    """A calendar expression normalised to ISO 8601 at the precision written."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: str = Field(description="'2022-09-30', '2016-10', '2017-Q3', '2022-01/2022-09', 'XXXX-09-30'.")
    granularity: Granularity
    part_of_day: str | None = None
    weekday: str | None = None
    year_inferred: bool = False
    lunar: bool = False


class RelativeDate(_Record):
    """A relative date word ("hôm qua", "tuần trước", "năm ngoái") resolved against ``published``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: str = Field(description="'2017-02-01', a week '2017-01-23/2017-01-29', '2017-01', '2017-Q1', '2016'.")
    granularity: Granularity
    expression: str = Field(description="The relative words, lower case: 'hôm qua', 'năm ngoái'.")
    part_of_day: str | None = None


class Percentage(_Record):
    """A percentage figure; ranges carry ``value_max``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    value: float
    value_max: float | None = None
    qualifier: str | None = None
    points: bool = Field(default=False, description="'điểm phần trăm': percentage points.")


class DocumentWarning(_Record):
    """Damage a document was extracted despite (see :class:`vnextract.errors.WarningCode`)."""

    code: str = Field(description="'decoding_damage', 'bad_published'.")
    message: str
    count: int = Field(default=1, ge=0, description="How many places are affected.")
    start: int | None = Field(default=None, ge=0, description="Character offset of the first one in the text.")


class SourceText:
    """The text a Document was extracted from, kept for its HTML view: never serialised, never compared."""

    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return True  # two Documents with the same records are equal whatever text they carry

    __hash__ = None  # type: ignore[assignment]


class Document(_Record):
    """Everything vnextract found in one text.

    A Document returned by ``extract`` also keeps a reference to its text (not
    serialised, not compared), so that a notebook shows it marked up
    (``_repr_html_``); a Document read back from JSON has no text and shows its
    tables only: use ``vnextract.render_html(doc, text)`` then.
    """

    id: str | None = None
    published: date | None = None
    people: list[Person] = Field(default_factory=list)
    organizations: list[Organization] = Field(default_factory=list)
    dates: list[DateMention] = Field(default_factory=list)
    percentages: list[Percentage] = Field(default_factory=list)
    relative_dates: list[RelativeDate] = Field(
        default_factory=list,
        description="Relative date words resolved against published; only with Extractor(relative_dates=True).",
    )
    warnings: list[DocumentWarning] = Field(
        default_factory=list, description="Input damage the document was extracted despite (decoding, dates)."
    )

    @model_validator(mode="before")
    @classmethod
    def _drop_computed(cls, data: Any) -> Any:
        # ``officials`` is serialised for readers but derived, so a round trip ignores it
        if isinstance(data, dict) and "officials" in data:
            data = {k: v for k, v in data.items() if k != "officials"}
        return data

    _source: SourceText | None = PrivateAttr(default=None)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def officials(self) -> list[Person]:
        """The people with at least one position."""
        return [p for p in self.people if p.positions]

    def _repr_html_(self) -> str:
        from vnextract.views.html import render_fragment

        text = self._source.value if self._source is not None else None
        try:
            return render_fragment(self, text)
        except ValueError:  # records changed since extraction: they no longer fit the text
            return render_fragment(self, None)


class ErrorInfo(_Record):
    """Why a document could not be processed."""

    code: str
    message: str


class ErrorRecord(_Record):
    """Stands in for a document that failed in batch mode."""

    id: str | None
    error: ErrorInfo
