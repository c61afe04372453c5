"""A registry of officials across an archive: who held which office, when, and where it says so.

    >>> from vnextract.registry import Registry
    >>> with Registry("officials.db") as reg:                       # doctest: +SKIP
    ...     reg.build(["archive/"])
    ...     for holder in reg.who("Bí thư", "Tỉnh ủy Tuyên Quang", on="2025-10"):
    ...         print(holder.name, holder.first_seen, holder.last_seen)

Modules: ``schema`` (SQLite tables), ``keys`` (normal forms), ``facts`` (a document's people),
``identity`` (one person per individual), ``decisions`` and ``edits`` (manual merge/split),
``store`` (writes), ``builder`` and ``inputs`` (building from a stream), ``queries`` and
``models`` (reading), ``cli`` (``vnextract registry ...``).
"""

from vnextract.registry.api import Registry
from vnextract.registry.builder import BuildStats
from vnextract.registry.inputs import BuildOptions, build
from vnextract.registry.models import Evidence, Holder, Link, OfficeRecord, OrganizationRecord, PersonRecord

__all__ = [
    "BuildOptions",
    "BuildStats",
    "Evidence",
    "Holder",
    "Link",
    "OfficeRecord",
    "OrganizationRecord",
    "PersonRecord",
    "Registry",
    "build",
]
