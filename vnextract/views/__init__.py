"""Views of extracted documents: an HTML page with every record marked, and pandas tables.

>>> html = vnextract.render_html(doc, text)        # self-contained page
>>> frames = vnextract.to_frames(docs)             # dict of DataFrames (needs pandas)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from vnextract.views.html import render_fragment, render_html

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["render_fragment", "render_html", "to_frames"]


def to_frames(docs: Any) -> dict[str, pd.DataFrame]:
    """Tables of ``docs`` as pandas DataFrames; see :func:`vnextract.views.tables.to_frames`."""
    from vnextract.views.tables import to_frames as build

    return build(docs)
