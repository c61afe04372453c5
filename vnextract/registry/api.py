"""``Registry(path)``: the registry of officials as a Python object."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from types import TracebackType

from vnextract.registry import edits, queries
from vnextract.registry.builder import BuildStats
from vnextract.registry.models import Holder, OrganizationRecord, PersonRecord
from vnextract.registry.schema import connect

__all__ = ["Registry"]


class Registry:
    """An open registry database (created when missing).

    >>> reg = Registry("officials.db")                          # doctest: +SKIP
    >>> reg.build(["archive/"])                                 # doctest: +SKIP
    >>> reg.who("Bí thư", "Tỉnh ủy Tuyên Quang", on="2025-10")  # doctest: +SKIP
    """

    def __init__(self, path: str | Path) -> None:
        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, not {type(path).__name__}")
        self.path = Path(path)
        self.conn = connect(self.path)

    def build(self, inputs: Iterable[str | Path], **options: object) -> BuildStats:
        """Add the documents of ``inputs`` (see :func:`vnextract.registry.inputs.build` and its options)."""
        from vnextract.registry.inputs import BuildOptions, build

        return build([str(i) for i in inputs], self.path, BuildOptions(**options))  # type: ignore[arg-type]

    def person(self, name: str, *, sources: int = 10) -> list[PersonRecord]:
        """Every individual called ``name`` (accents and case ignored), with offices and sources."""
        _check_str(name, "name")
        found = (queries.person(self.conn, pid, sources=sources) for pid in queries.find_persons(self.conn, name))
        return [p for p in found if p is not None]

    def who(self, title: str, organization: str | None = None, *, on: str | None = None) -> list[Holder]:
        """Holders of ``title`` in ``organization``, most recent first; ``on`` (ISO date): those holding it then."""
        _check_str(title, "title")
        return queries.holders(self.conn, title, organization, on=on)

    def org(self, name: str) -> list[OrganizationRecord]:
        """Organisations called ``name`` with the offices of their people and sub-bodies."""
        _check_str(name, "name")
        found = (queries.organization(self.conn, oid) for oid in queries.find_organizations(self.conn, name))
        return [o for o in found if o is not None]

    def merge(self, *person_ids: int, note: str | None = None) -> int:
        """Merge persons into one individual (kept on rebuilds); returns the id kept."""
        return edits.merge(self.conn, person_ids, note=note)

    def split(self, person_id: int, documents: Iterable[str], *, note: str | None = None) -> int:
        """Split the mentions in ``documents`` off ``person_id`` (kept on rebuilds); returns the new id."""
        return edits.split(self.conn, person_id, documents, note=note)

    def close(self) -> None:
        """Close the database."""
        self.conn.close()

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()


def _check_str(value: object, what: str) -> None:
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
