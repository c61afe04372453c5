"""The HTML view in a real browser (headless Chromium): rendered marks, hover highlighting, a screenshot."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import vnextract
from tests.browser import dump_dom, find_browser, screenshot

pytestmark = pytest.mark.skipif(find_browser() is None, reason="no Chromium installed (apt-get install chromium)")

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed.txt"

# Runs after the view's own script: hovers the first officials row, then reports what lit up.
PROBE = """<script>
(function () {
  var row = document.querySelector(".vnx tr[data-hl]");
  row.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
  var lit = Array.prototype.map.call(document.querySelectorAll("mark.vnx-on"), function (m) {
    return [m.getAttribute("data-k"), m.textContent]; });
  row.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
  var left = document.querySelectorAll(".vnx-on").length;
  var rowsLit = {};
  ["person", "organization"].forEach(function (kind) {
    var mark = document.querySelector("mark.vnx-" + kind);
    mark.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
    rowsLit[kind] = document.querySelectorAll("tr.vnx-on").length;
    mark.dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
  });
  var kinds = {};
  document.querySelectorAll(".vnx-text mark").forEach(function (m) {
    var k = m.className.split(" ")[0]; kinds[k] = (kinds[k] || 0) + 1; });
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify({
    lit: lit, left: left, rowsLit: rowsLit, kinds: kinds,
    nested: document.querySelectorAll(".vnx-text mark mark").length,
    personColour: getComputedStyle(document.querySelector("mark.vnx-person")).backgroundColor,
    textWidth: document.querySelector(".vnx-text").getBoundingClientRect().width,
    sideWidth: document.querySelector(".vnx-side").getBoundingClientRect().width,
    hasSelector: CSS.supports("selector(:has(a))")
  });
  document.body.appendChild(out);
})();
</script>"""


def seed_page(tmp_path: Path) -> tuple[Path, vnextract.Document]:
    text = SEED.read_text(encoding="utf-8")
    doc = vnextract.extract(text, published="2022-10-01", id="seed")
    page = vnextract.render_html(doc, text).replace("</body>", PROBE + "</body>")
    path = tmp_path / "seed.html"
    path.write_text(page, encoding="utf-8")
    return path, doc


def test_seed_view_renders_and_hover_lights_the_official(tmp_path: Path) -> None:
    path, doc = seed_page(tmp_path)
    dom = dump_dom(path)
    found = re.search(r'<pre id="probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    probe = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    person = doc.officials[0]
    assert [k for k, _ in probe["lit"]].count("p0") == len(person.mentions)
    assert ["p0.0", person.positions[0].text] in probe["lit"]
    assert all(text == person.name for k, text in probe["lit"] if k == "p0")
    assert probe["left"] == 0  # mouseout clears the highlight
    assert probe["rowsLit"] == {"person": len(person.positions), "organization": 1}  # its rows in the tables
    assert probe["kinds"]["vnx-person"] == sum(len(p.mentions) for p in doc.people)
    assert probe["kinds"]["vnx-date"] == len(doc.dates)
    assert probe["nested"] >= 2
    assert probe["personColour"] not in ("", "rgba(0, 0, 0, 0)")  # the stylesheet applied
    assert probe["hasSelector"] and probe["textWidth"] > probe["sideWidth"] > 200


def test_screenshot_of_the_seed_view(tmp_path: Path) -> None:
    path, _ = seed_page(tmp_path)
    png = tmp_path / "seed.png"
    screenshot(path, png, width=1200, height=800)
    data = png.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20_000


TWO_VIEWS_PROBE = """<script>
(function () {
  var views = document.querySelectorAll(".vnx");
  views[1].querySelector("tr[data-hl]").dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
  var out = document.createElement("pre");
  out.id = "probe";
  out.textContent = JSON.stringify([views[0].querySelectorAll(".vnx-on").length,
                                    views[1].querySelectorAll("mark.vnx-on").length,
                                    Array.prototype.map.call(views, function (v) { return v.dataset.vnxReady; })]);
  document.body.appendChild(out);
})();
</script>"""


def test_two_views_on_one_page_stay_apart(tmp_path: Path) -> None:
    # what a notebook shows: two Documents' fragments on one page, each with its own style and script
    first = "Ông Trần Văn Bình, Bí thư Tỉnh ủy Lào Cai, dự họp."
    second = "Bà Lê Thị Hoa, Chủ tịch UBND tỉnh Yên Bái, phát biểu."
    fragments = [vnextract.extract(t)._repr_html_() for t in (first, second)]
    path = tmp_path / "notebook.html"
    path.write_text(f"<!DOCTYPE html><html><body>{''.join(fragments)}{TWO_VIEWS_PROBE}</body></html>", "utf-8")
    found = re.search(r'<pre id="probe">(.*?)</pre>', dump_dom(path), re.S)
    assert found
    in_first, in_second, ready = json.loads(found.group(1))
    assert in_first == 0 and in_second >= 2 and ready == ["1", "1"]
