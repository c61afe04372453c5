"""vnextract: officials, organisations, dates and percentages from Vietnamese news.

    >>> import vnextract
    >>> doc = vnextract.extract("Sáng 8/5/2017, ông Nguyễn Văn A, Chủ tịch UBND tỉnh ...")
"""

from vnextract.extractor import Extractor, PipeError, extract
from vnextract.records import (
    DateMention,
    Document,
    ErrorRecord,
    Organization,
    OrganizationKind,
    Percentage,
    Person,
    Position,
    Span,
)
from vnextract.views import render_html, to_frames

__version__ = "0.1.0"

__all__ = [
    "DateMention",
    "Document",
    "ErrorRecord",
    "Extractor",
    "Organization",
    "OrganizationKind",
    "Percentage",
    "Person",
    "PipeError",
    "Position",
    "Span",
    "__version__",
    "extract",
    "render_html",
    "to_frames",
]
