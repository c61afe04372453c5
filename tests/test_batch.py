"""Batch internals: readers (ids, formats, damage), writers, the ordered pool and the runner."""

from __future__ import annotations

import gzip
import io
import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from vnextract import Document, Extractor
from vnextract.batch.parallel import ordered_pool_map, parallel_map
from vnextract.batch.readers import Fields, SourceDoc, detect_format, iter_sources
from vnextract.batch.runner import ResumeError, Sink, resume_point, run
from vnextract.batch.writers import JsonlWriter, Outcome, ParquetWriter, read_parquet
from vnextract.records import ErrorRecord, Organization, OrganizationKind, Person, Position, Span

TEXT = "Sáng 8/5/2017, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai, phát biểu tại hội nghị."


def html_page(body: str, *, title: str = "Hội nghị tổng kết", meta_date: str | None = "2021-03-04") -> str:
    meta = f'<meta property="article:published_time" content="{meta_date}T08:00:00+07:00">' if meta_date else ""
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{title}</title>{meta}</head>"
        f"<body><nav>Trang chủ | Thời sự</nav><article><h1>{title}</h1>"
        f"<p>{body}</p><p>Hội nghị diễn ra trong không khí dân chủ, các đại biểu đã thảo luận sôi nổi "
        f"và thống nhất cao về phương hướng nhiệm vụ của năm tới.</p></article><footer>Bản quyền</footer></body></html>"
    )


def write_warc(path: Path, pages: list[tuple[str, str]], *, extra_image: bool = True) -> list[str]:
    """A WARC file with one HTML response per page (plus a request and an image); returns the record ids."""
    warcio = pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    ids = []
    with path.open("wb") as f:
        writer = WARCWriter(f, gzip=path.suffix == ".gz")
        for url, html in pages:
            request = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(request)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(html.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)
            ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
        if extra_image:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            image = writer.create_warc_record(
                "http://example.vn/logo.png", "response", payload=io.BytesIO(b"\x89PNG..."), http_headers=headers
            )
            writer.write_record(image)
    assert warcio is not None
    return ids


# --- readers --------------------------------------------------------------------------------------


def test_detect_format_by_extension_then_content(tmp_path: Path) -> None:
    cases = {
        "a.txt": b"plain", "b.jsonl.gz": gzip.compress(b'{"text": "x"}\n'), "c.csv": b"text\nx\n",
        "d.HTML": b"<p>x</p>", "e.warc.gz": b"", "noext-json": b'  {"text": "x"}\n',
        "noext-html": b"<!doctype html><p>",
        "noext-warc": b"WARC/1.0\r\n", "noext-gz": gzip.compress(b"WARC/1.1\r\n"), "noext-text": b"Hello",
    }  # fmt: skip
    expected = {
        "a.txt": "txt", "b.jsonl.gz": "jsonl", "c.csv": "csv", "d.HTML": "html", "e.warc.gz": "warc",
        "noext-json": "jsonl", "noext-html": "html", "noext-warc": "warc", "noext-gz": "warc", "noext-text": "txt",
    }  # fmt: skip
    for name, data in cases.items():
        (tmp_path / name).write_bytes(data)
    assert {name: detect_format(tmp_path / name) for name in cases} == expected


def test_folder_walk_is_sorted_recursive_with_path_ids(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    for rel in ("b/2.txt", "a.txt", "b/1.txt", "c/d/3.txt", ".hidden.txt", ".git/x.txt"):
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_text(TEXT, encoding="utf-8")
    ids = [s.id for s in iter_sources([root])]
    prefix = root.as_posix()
    assert ids == [f"{prefix}/a.txt", f"{prefix}/b/1.txt", f"{prefix}/b/2.txt", f"{prefix}/c/d/3.txt"]
    assert ids == [s.id for s in iter_sources([root])]  # stable


def test_jsonl_fields_fallback_ids_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    lines = [
        json.dumps({"doc": 17, "body": TEXT, "date": "2017-05-08"}, ensure_ascii=False),
        "",
        json.dumps({"body": TEXT}, ensure_ascii=False),
        "{broken",
        json.dumps({"doc": "x", "body": 5}),
        json.dumps(["not", "an", "object"]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    got = list(iter_sources([path], fields=Fields(text="body", id="doc", published="date")))
    name = path.as_posix()
    assert [(s.id, s.error_code) for s in got] == [
        ("17", None), (f"{name}#L3", None), (f"{name}#L4", "bad_json"), ("x", "missing_text"),
        (f"{name}#L6", "bad_record"),
    ]  # fmt: skip
    assert got[0].text == TEXT and got[0].published == "2017-05-08"


def test_json_array_file(tmp_path: Path) -> None:
    path = tmp_path / "dump.json"
    path.write_text(json.dumps([{"id": "a", "text": TEXT}, {"text": TEXT}], ensure_ascii=False), encoding="utf-8")
    assert [(s.id, s.text) for s in iter_sources([path])] == [("a", TEXT), (f"{path.as_posix()}#1", TEXT)]


def test_jsonl_line_in_windows_1258_is_decoded(tmp_path: Path) -> None:
    from tests.test_decoding import SAMPLE, to_cp1258

    path = tmp_path / "legacy.jsonl"
    path.write_bytes(b'{"id": "v1", "text": "' + to_cp1258(SAMPLE) + b'"}\n')
    assert [(s.id, s.text) for s in iter_sources([path])] == [("v1", SAMPLE)]


def test_truncated_gzip_keeps_what_was_readable(tmp_path: Path) -> None:
    rows = "".join(json.dumps({"id": f"r{i}", "text": TEXT * 20}, ensure_ascii=False) + "\n" for i in range(50))
    data = gzip.compress(rows.encode("utf-8"))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    got = list(iter_sources([path]))
    assert got[-1].error_code == "corrupt_archive"
    assert got[-1].id.startswith(path.as_posix())
    assert all(s.error_code is None for s in got[:-1])
    assert [s.id for s in got[:-1]] == [f"r{i}" for i in range(len(got) - 1)]


def test_garbage_gzip_is_one_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate data at all")
    got = list(iter_sources([path]))
    assert [(s.id, s.error_code) for s in got] == [(path.as_posix(), "corrupt_archive")]


def test_csv_with_ids_missing_column_and_windows_1258(tmp_path: Path) -> None:
    from tests.test_decoding import SAMPLE, to_cp1258

    good = tmp_path / "a.csv"
    good.write_text(f'id,text,published\nk1,"{TEXT}",2017-05-08\n,"{TEXT}",\n', encoding="utf-8")
    got = list(iter_sources([good]))
    assert [s.id for s in got] == ["k1", f"{good.as_posix()}#row2"]
    assert got[0].published == "2017-05-08" and got[1].published is None

    legacy = tmp_path / "legacy.csv"
    legacy.write_bytes(b'id,text\nv1,"' + to_cp1258(SAMPLE) + b'"\n')
    assert [s.text for s in iter_sources([legacy])] == [SAMPLE]

    no_text = tmp_path / "no_text.csv"
    no_text.write_text("id,body\n1,x\n", encoding="utf-8")
    assert [(s.id, s.error_code) for s in iter_sources([no_text])] == [(no_text.as_posix(), "missing_text")]


def test_missing_input_and_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("a" * 5000, encoding="utf-8")
    got = list(iter_sources([tmp_path / "nope.txt", big], max_bytes=1000))
    assert [s.error_code for s in got] == ["not_found", "too_large"]


def test_html_text_title_and_meta_date_preferred(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.html"
    page.write_text(html_page(TEXT + " Ngày 1/1/2010 cũng được nhắc đến."), encoding="utf-8")
    (src,) = iter_sources([page])
    assert src.error_code is None
    assert src.text is not None and src.text.startswith("Hội nghị tổng kết")
    assert TEXT in src.text and "Trang chủ" not in src.text and "Bản quyền" not in src.text
    assert src.published == "2021-03-04"  # the <meta> date, not 2017 or 2010 from the body


def test_html_parsing_can_be_left_to_the_workers(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = tmp_path / "page.html"
    page.write_text(html_page(TEXT), encoding="utf-8")
    (raw,) = iter_sources([page], parse_html=False)
    assert raw.text is None and raw.html is not None
    assert raw.resolved() == next(iter_sources([page]))


def test_html_page_in_a_legacy_font_is_repaired(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    from tests.test_decoding import VNI_EXPECTED, VNI_SAMPLE

    page = tmp_path / "vni.html"
    body = f"<p>{VNI_SAMPLE}</p><p>{VNI_SAMPLE}</p>"
    html = f"<html><head><title>Tin tuc</title></head><body><article><h1>Tin tuc</h1>{body}</article></body></html>"
    page.write_bytes(html.encode("cp1252"))
    (src,) = iter_sources([page])
    assert src.error_code is None and VNI_EXPECTED in (src.text or "")


def test_html_dateline_time_element_and_broken_pages(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    page = tmp_path / "dateline.html"
    page.write_text(
        html_page(TEXT, meta_date=None).replace("<h1>", '<time datetime="2019-12-31">31/12/2019</time><h1>'),
        encoding="utf-8",
    )
    assert next(iter_sources([page])).published == "2019-12-31"
    broken = tmp_path / "broken.html"
    broken.write_text("<html><head><title>x</title></head><body><div></div></body></html>", encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    assert [s.error_code for s in iter_sources([broken, empty])] == ["no_article", "empty"]


def test_warc_html_responses_only_with_record_ids(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    path = tmp_path / "crawl.warc.gz"
    ids = write_warc(path, [("http://example.vn/a", html_page(TEXT)), ("http://example.vn/b", html_page(TEXT))])
    got = list(iter_sources([path]))
    assert [s.id for s in got] == [f"{ids[0]}|http://example.vn/a", f"{ids[1]}|http://example.vn/b"]
    assert all(s.error_code is None and TEXT in (s.text or "") for s in got)


def test_damaged_warc_ends_with_an_error_record(tmp_path: Path) -> None:
    pytest.importorskip("trafilatura")
    path = tmp_path / "cut.warc"
    write_warc(path, [(f"http://example.vn/{i}", html_page(TEXT)) for i in range(3)], extra_image=False)
    data = path.read_bytes()
    path.write_bytes(data[: int(len(data) * 0.8)] + b"\r\nWARC/1.0\r\nthis is not a header\r\n\r\n")
    got = list(iter_sources([path]))
    assert got[-1].error_code == "corrupt_archive"
    assert sum(s.error_code is None for s in got) >= 1


# --- the ordered pool -----------------------------------------------------------------------------


def _crash_on_marker(extractor: Extractor, item: str) -> str:
    if item == "crash":
        os._exit(3)  # a worker dying hard, like an out-of-memory kill
    if item == "raise":
        raise RuntimeError("boom")
    return item.upper()


def _error_tag(item: str, code: str, message: str) -> str:
    return f"<{code}>"


def test_pool_keeps_order_and_survives_exceptions_and_crashes() -> None:
    items = [f"t{i}" for i in range(40)]
    items[7], items[23] = "raise", "crash"
    out = list(ordered_pool_map(Extractor(), _crash_on_marker, items, on_error=_error_tag, batch_size=3, n_process=2))
    expected = [s.upper() for s in items]
    expected[7], expected[23] = "<extractor_error>", "<worker_crashed>"
    assert out == expected


def _echo(extractor: Extractor, item: int) -> int:
    return item


def test_pool_reads_input_lazily_with_bounded_batches_in_flight() -> None:
    pulled = 0

    def endless() -> Iterator[int]:
        nonlocal pulled
        while True:
            pulled += 1
            yield pulled

    results = ordered_pool_map(Extractor(), _echo, endless(), on_error=_error_tag, batch_size=5, n_process=2)
    first = [next(results) for _ in range(12)]
    results.close()  # shuts the pool down
    assert first == list(range(1, 13))
    # the 3 batches being yielded plus at most 2 * n_process batches in flight beyond them
    assert pulled <= (3 + 2 * 2) * 5


def test_unpicklable_item_becomes_an_error_not_a_crash() -> None:
    items = ["a", "b", lambda: None, "d"]  # type: ignore[list-item]
    out = list(ordered_pool_map(Extractor(), _echo, items, on_error=_error_tag, batch_size=2, n_process=2))
    assert out == ["a", "b", "<transfer_error>", "d"]


def test_pipe_with_processes_matches_serial_and_reports_errors() -> None:
    ex = Extractor()
    texts = [TEXT, "Năm 2020 tăng 5,2%.", "", TEXT.replace("2017", "2018")]
    serial = list(ex.pipe(texts))
    assert list(parallel_map(ex, texts, as_tuples=False, batch_size=2, n_process=2)) == serial
    items = [(t, {"id": str(i)}) for i, t in enumerate([*texts, None])]
    out = list(ex.pipe(items, as_tuples=True, n_process=2, batch_size=2, on_error="record"))
    assert [c["id"] for _, c in out] == ["0", "1", "2", "3", "4"]
    assert [d for d, _ in out[:4]] == [d.model_copy(update={"id": str(i)}) for i, d in enumerate(serial)]
    assert isinstance(out[4][0], ErrorRecord) and out[4][0].id == "4" and out[4][0].error.code == "missing_text"


# --- runner and writers ---------------------------------------------------------------------------


def _sources(n: int) -> list[SourceDoc]:
    return [SourceDoc(id=f"d{i}", text=f"Ngày {i % 28 + 1}/5/2017, ông Nguyễn Văn Hùng phát biểu.") for i in range(n)]


def test_run_is_lossless_in_order_with_size_limit(tmp_path: Path) -> None:
    sources = _sources(10)
    sources[3] = SourceDoc.failed("d3", "binary", "binary file")
    sources[5] = SourceDoc(id="d5", text="x" * 500)
    out, err = tmp_path / "out.jsonl", tmp_path / "err.jsonl"
    stats = run(sources, Sink(JsonlWriter(out), JsonlWriter(err)), max_chars=100, batch_size=4, extractor=Extractor())
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    errors = [json.loads(line) for line in err.read_text(encoding="utf-8").splitlines()]
    assert [d["id"] for d in docs] == [f"d{i}" for i in range(10) if i not in (3, 5)]
    assert [(e["id"], e["error"]["code"]) for e in errors] == [("d3", "binary"), ("d5", "too_large")]
    assert (stats.documents, stats.errors, dict(stats.error_codes)) == (10, 2, {"binary": 1, "too_large": 1})
    for d in docs:
        Document.model_validate(d)


def test_resume_point_drops_half_line_and_skips_done(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run(_sources(6), Sink(JsonlWriter(out)), extractor=Extractor())
    lines = out.read_text(encoding="utf-8").splitlines(keepends=True)
    out.write_text("".join(lines[:4]) + lines[4][:20], encoding="utf-8")  # killed mid-line
    point = resume_point([out, None])
    assert (point.done, point.tails, point.errors) == (4, ("d3",), 0)
    assert out.read_text(encoding="utf-8") == "".join(lines[:4])
    stats = run(_sources(6), Sink(JsonlWriter(out, append=True)), resume_from=point, extractor=Extractor())
    assert (stats.resumed, stats.documents) == (4, 2)
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        f"d{i}" for i in range(6)
    ]


def test_resume_refuses_output_of_another_input(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    run(_sources(3), Sink(JsonlWriter(out)), extractor=Extractor())
    other = [SourceDoc(id=f"z{i}", text="Năm 2017.") for i in range(5)]
    with pytest.raises(ResumeError):
        run(other, Sink(JsonlWriter(out, append=True)), resume_from=resume_point([out]), extractor=Extractor())


def sample_document() -> Document:
    """A hand-built Document with every nested record kind."""
    text = "Ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai"
    return Document(
        id="doc-1",
        published=date(2017, 5, 8),
        people=[
            Person(
                name="Nguyễn Văn Hùng",
                honorifics=["ông"],
                positions=[
                    Position(
                        text="Chủ tịch UBND tỉnh Lào Cai",
                        start=21,
                        end=47,
                        title="Chủ tịch",
                        organization="Ủy ban nhân dân tỉnh Lào Cai",
                        organization_text="UBND tỉnh Lào Cai",
                    )
                ],
                mentions=[Span(start=4, end=19, text=text[4:19])],
            )
        ],
        organizations=[
            Organization(
                name="Ủy ban nhân dân tỉnh Lào Cai",
                abbreviation="UBND",
                kind=OrganizationKind.PEOPLES_COMMITTEE,
                mentions=[Span(start=30, end=47, text=text[30:47])],
            )
        ],
    )


def test_parquet_round_trip_keeps_nested_records_and_errors(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    doc = sample_document()
    path = tmp_path / "out.parquet"
    writer = ParquetWriter(path, part_size=2)
    for i in range(5):
        d = doc.model_copy(update={"id": f"doc-{i}"})
        writer.write(Outcome(id=d.id, payload=d.model_dump(mode="python", exclude={"officials"})))
    writer.write(Outcome(id="bad", error_code="binary", error_message="binary file"))
    writer.close()
    back = list(read_parquet(path))
    assert back[:5] == [doc.model_copy(update={"id": f"doc-{i}"}) for i in range(5)]
    assert back[0].officials[0].positions[0].organization == "Ủy ban nhân dân tỉnh Lào Cai"
    assert isinstance(back[5], ErrorRecord) and back[5].error.code == "binary"
