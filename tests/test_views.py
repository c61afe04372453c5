"""The HTML view: every record marked once, nested where records nest, text unchanged, odd input safe."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import vnextract
from tests.html_probe import probe
from tests.shared_data import load_articles
from vnextract import Document, render_html
from vnextract.cli import main
from vnextract.records import DateMention, Granularity, Organization, Person, Span
from vnextract.views.marks import collect_marks, nest_marks
from vnextract.views.summary import summary

SEED = Path(__file__).resolve().parents[1] / "corpora" / "seed.txt"


def seed() -> tuple[Document, str]:
    text = SEED.read_text(encoding="utf-8")
    return vnextract.extract(text, published="2022-10-01", id="seed"), text


def expected_marks(doc: Document) -> Counter[str]:
    return Counter(
        {
            "person": sum(len(p.mentions) for p in doc.people),
            "position": sum(len(p.positions) for p in doc.people),
            "organization": sum(len(o.mentions) for o in doc.organizations),
            "date": len(doc.dates),
            "percentage": len(doc.percentages),
        }
    )


def test_seed_view_marks_every_record_and_keeps_the_text() -> None:
    doc, text = seed()
    page = render_html(doc, text)
    seen = probe(page)
    assert "".join(seen.text) == text
    assert +Counter(m.kind for m in seen.marks) == +expected_marks(doc)
    assert seen.max_depth >= 2  # 'Chủ tịch [HĐND huyện]': an organisation inside a position
    by_text = {("".join(m.text), m.kind): m for m in seen.marks}
    hdnd = [m for m in seen.marks if m.kind == "organization" and "".join(m.text) == "HĐND huyện"]
    assert [m.depth for m in hdnd] == [1, 0]  # inside 'Chủ tịch HĐND huyện', then on its own
    assert all("Hội đồng nhân dân huyện Đầm Hà" in m.title for m in hdnd)
    assert by_text[("9 tháng năm 2022", "date")].title.startswith("2022-01/2022-09")
    assert "54.3" in by_text[("54,3%", "percentage")].title
    position = by_text[("Chủ tịch HĐND huyện", "position")]
    assert "Hội đồng nhân dân huyện Đầm Hà" in position.title and "Đặng Văn Tuấn" in position.title
    assert "Phó Bí thư Thường trực" in by_text[("Đặng Văn Tuấn", "person")].title
    assert seen.rows[:2] == ["p0 p0.0", "p0 p0.1"]  # one row per position of the officials table
    assert 'class="vnx-legend"' in page and "<table" in page


def test_view_is_self_contained() -> None:
    doc, text = seed()
    page = render_html(doc, text)
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert not re.search(r"""(?:src|href)\s*=|@import|url\(|https?://""", page)
    assert "<script>" in page and "<style>" in page
    fragment = render_html(doc, text, page=False)
    assert fragment.startswith('<div class="vnx">') and "<html" not in fragment


def test_crossing_records_are_cut_into_properly_nested_pieces() -> None:
    text = "Ông Trần Văn Bình Minh Phú dự họp ngày 3/2/2020."
    doc = Document(
        people=[Person(name="Trần Văn Bình Minh", mentions=[Span(start=4, end=22, text=text[4:22])])],
        organizations=[Organization(name="Bình Minh Phú", mentions=[Span(start=13, end=26, text=text[13:26])])],
        dates=[
            DateMention(text=text[35:47], start=35, end=47, value="2020-02-03", granularity=Granularity.DAY),
            DateMention(text=text[39:47], start=39, end=47, value="2020-02-03", granularity=Granularity.DAY),
        ],
    )
    seen = probe(render_html(doc, text))
    assert "".join(seen.text) == text
    pieces = [("".join(m.text), m.depth) for m in seen.marks if m.key == "o0"]
    assert pieces == [("Bình Minh", 1), (" Phú", 0)]  # cut at the end of the name it starts in
    assert [m.label for m in seen.marks if m.key == "o0"] == [None, "ORG"]  # one label, at the end
    assert [m.depth for m in seen.marks if m.kind == "date"] == [0, 1]


def test_nesting_tree_covers_each_mark_exactly() -> None:
    doc, text = seed()
    marks = collect_marks(doc)
    root = nest_marks(marks, len(text))
    covered: Counter[str] = Counter()
    stack = [root]
    while stack:
        node = stack.pop()
        for a, b in zip(node.children, node.children[1:], strict=False):
            assert a.end <= b.start
        for child in node.children:
            assert node.start <= child.start < child.end <= node.end
            assert child.mark is not None
            covered[f"{child.mark.kind}:{child.mark.key}:{child.mark.start}"] += child.end - child.start
        stack += node.children
    assert covered == Counter({f"{m.kind}:{m.key}:{m.start}": m.end - m.start for m in marks})


def test_wrong_inputs() -> None:
    doc, text = seed()
    with pytest.raises(TypeError):
        render_html(text, doc)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        render_html(doc, text.encode())  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="shorter"):
        render_html(doc, text[:100])
    with pytest.raises(ValueError, match="does not match"):
        render_html(doc, "x" + text[1:].replace("Đặng", "Dang"))
    with pytest.raises(TypeError):
        summary(text)  # type: ignore[arg-type]


def test_odd_characters_are_escaped_not_fatal() -> None:
    text = "Ông Nguyễn Văn A\udcff, Bí thư <b>Tỉnh ủy</b> Lào Cai & \x00\x85 \"x\" ngày 3/2/2020"
    page = render_html(vnextract.extract(text), text)
    page.encode("utf-8")  # no lone surrogate left
    article = page[page.index('<div class="vnx-text">') : page.index('<div class="vnx-side">')]
    assert "<b>" not in article and "&lt;b&gt;" in article and "\x00" not in page and "\x85" not in page


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("Ông Bí thư Tỉnh ủy Lào Cai, 3/2/2020 50% <&>\"'\n")), max_size=120))
def test_any_text_renders_with_its_text_intact(text: str) -> None:
    seen = probe(render_html(vnextract.extract(text), text))
    assert "".join(seen.text) == text


def test_real_articles_render_with_every_mark() -> None:
    for row in load_articles(limit=40):
        doc = vnextract.extract(row["text"], id=row["id"])
        seen = probe(render_html(doc, row["text"]))
        assert "".join(seen.text) == row["text"]
        assert +Counter(m.kind for m in seen.marks) >= +expected_marks(doc)  # cut marks count twice
        assert {(m.kind, m.key) for m in seen.marks} == {(m.kind, m.key) for m in collect_marks(doc)}


def test_notebook_repr_uses_the_attached_text_or_shows_the_tables() -> None:
    doc, text = seed()
    fragment = doc._repr_html_()
    assert fragment == render_html(doc, text, page=False)
    loaded = Document.model_validate_json(doc.model_dump_json())
    assert loaded == doc  # the text is not part of the record
    bare = loaded._repr_html_()
    assert "<mark" not in bare and "Đặng Văn Tuấn" in bare and "render_html(doc, text)" in bare
    assert "Đặng Văn Tuấn" in vnextract.extract("").model_copy(update={"people": doc.people})._repr_html_()


def test_show_prints_a_summary_and_writes_the_page(tmp_path: Path) -> None:
    out = tmp_path / "seed.html"
    result = CliRunner().invoke(main, ["show", str(SEED), "--published", "2022-10-01", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Đặng Văn Tuấn" in result.stdout and "Phó Bí thư Thường trực · Huyện ủy Đầm Hà" in result.stdout
    seen = probe(out.read_text(encoding="utf-8"))
    assert "".join(seen.text) == SEED.read_text(encoding="utf-8")
    page = CliRunner().invoke(main, ["show", "-", "-o", "-"], input="Ông Nguyễn Văn A, Chủ tịch UBND tỉnh Lào Cai")
    assert page.exit_code == 0 and page.stdout.startswith("<!DOCTYPE html>")
    assert "Ủy ban nhân dân tỉnh Lào Cai" in page.stdout


def test_show_picks_a_document_of_an_archive(tmp_path: Path) -> None:
    archive = tmp_path / "news.jsonl"
    archive.write_text(
        '{"id": "a", "text": "Ông Lê Văn Bảy dự họp."}\n'
        '{"id": "b", "text": "Bà Trần Thị Hoa, Bí thư Tỉnh ủy Lào Cai, phát biểu.", "published": "2021-05-02"}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["show", str(archive), "--id", "b"])
    assert result.exit_code == 0 and "Trần Thị Hoa" in result.stdout and "2021-05-02" in result.stdout
    assert CliRunner().invoke(main, ["show", str(archive), "--id", "zz"]).exit_code == 2
    assert CliRunner().invoke(main, ["show", str(tmp_path / "missing.txt")]).exit_code == 2
    binary = CliRunner().invoke(main, ["show", "-"], input=b"\x00\x01\x02 binary")
    assert binary.exit_code == 1
