"""Regenerate docs/seed_view.png, the README's picture of the HTML view of corpora/seed.txt.

    PYTHONPATH=. python docs/seed_view.py        # needs Chromium (apt-get install chromium)
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import vnextract
from tests.browser import screenshot

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    text = (ROOT / "corpora" / "seed.txt").read_text(encoding="utf-8")
    doc = vnextract.extract(text, published="2022-10-01", id="corpora/seed.txt")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "seed.html"
        page.write_text(vnextract.render_html(doc, text), encoding="utf-8")
        screenshot(page, ROOT / "docs" / "seed_view.png", width=1280, height=860)
    print(ROOT / "docs" / "seed_view.png")


if __name__ == "__main__":
    main()
