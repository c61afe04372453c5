"""Calendar expressions (stub, to be replaced)."""

from __future__ import annotations

from vnextract.records import DateMention
from vnextract.text.document import TextDoc


class DateExtractor:
    """Finds and normalises date expressions."""

    def extract(self, doc: TextDoc) -> list[DateMention]:
        """All date mentions of ``doc``, in text order."""
        return []
