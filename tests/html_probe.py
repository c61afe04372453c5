"""Reading vnextract's HTML view back without a browser: marks, their nesting and the visible text."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class MarkSeen:
    """One ``<mark>`` as parsed: its kind, record key, tooltip, label, depth and the text inside it."""

    kind: str
    key: str
    title: str
    depth: int
    label: str | None = None
    text: list[str] = field(default_factory=list)


class ViewProbe(HTMLParser):
    """Collects the article's text and every mark of a rendered view."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.marks: list[MarkSeen] = []
        self.rows: list[str] = []
        self._open: list[MarkSeen] = []
        self._in_article = 0
        self._skip = 0  # inside <style> / <script>
        self.max_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag in ("style", "script"):
            self._skip += 1
        elif tag == "div" and "vnx-text" in a.get("class", "").split():
            self._in_article = 1
        elif self._in_article and tag == "div":
            self._in_article += 1
        elif tag == "mark":
            kind = next(c[4:] for c in a["class"].split() if c.startswith("vnx-") and c not in ("vnx-cut", "vnx-cont"))
            mark = MarkSeen(kind, a["data-k"], a.get("title", ""), len(self._open), a.get("data-label"))
            self.marks.append(mark)
            self._open.append(mark)
            self.max_depth = max(self.max_depth, len(self._open))
        elif tag == "tr" and "data-hl" in a:
            self.rows.append(a["data-hl"])

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self._skip -= 1
        elif tag == "mark":
            self._open.pop()
        elif tag == "div" and self._in_article:
            self._in_article -= 1

    def handle_data(self, data: str) -> None:
        if self._skip or not self._in_article:
            return
        self.text.append(data)
        for mark in self._open:
            mark.text.append(data)


def probe(page: str) -> ViewProbe:
    """Parse a page made by ``render_html``."""
    parser = ViewProbe()
    parser.feed(page)
    parser.close()
    return parser
