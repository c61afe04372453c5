"""Percentages (stub, to be replaced)."""

from __future__ import annotations

from vnextract.records import Percentage
from vnextract.text.document import TextDoc


class PercentageExtractor:
    """Finds percentages."""

    def extract(self, doc: TextDoc) -> list[Percentage]:
        """All percentages of ``doc``, in text order."""
        return []
