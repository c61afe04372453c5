"""The record contract and the public API surface."""

from __future__ import annotations

import pickle

import pytest

import vnextract
from vnextract import Document, Extractor


def test_wrong_type_raises_clear_type_error() -> None:
    with pytest.raises(TypeError, match="str"):
        vnextract.extract(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        vnextract.extract(None)  # type: ignore[arg-type]


def test_empty_text_gives_empty_document() -> None:
    doc = vnextract.extract("", id="x")
    assert doc == Document(id="x")
    assert doc.officials == []


def test_published_accepts_iso_string() -> None:
    assert vnextract.extract("   ", published="2023-01-03").published.isoformat() == "2023-01-03"
    with pytest.raises(ValueError):
        vnextract.extract("x", published="03/01/2023")


def test_extractor_is_immutable_and_picklable() -> None:
    ex = Extractor()
    with pytest.raises(AttributeError):
        ex.use_ner = True  # type: ignore[misc]
    clone = pickle.loads(pickle.dumps(ex))
    text = "Sáng 8/5/2017, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai phát biểu."
    assert clone.extract(text) == ex.extract(text)


def test_pipe_keeps_order_and_context() -> None:
    ex = Extractor()
    items = [("Ngày 1/2/2020.", {"id": "a"}), ("", {"id": "b"}), ("Năm 2017.", {"id": "c"})]
    out = list(ex.pipe(items, as_tuples=True))
    assert [d.id for d, _ in out] == ["a", "b", "c"]
    assert [c["id"] for _, c in out] == ["a", "b", "c"]


def test_schema_lists_contract_fields() -> None:
    schema = Document.model_json_schema(mode="serialization")
    assert {"id", "published", "people", "organizations", "dates", "percentages", "officials"} <= set(
        schema["properties"]
    )


def test_pipe_routes_failures_by_policy() -> None:
    ex = Extractor()
    items = [("Năm 2017.", {"id": "a"}), (b"bytes", {"id": "b"}), ("Ngày 1/2/2020.", {"id": "c"})]
    out = list(ex.pipe(items, as_tuples=True, on_error="record"))
    assert [c["id"] for _, c in out] == ["a", "b", "c"]
    assert isinstance(out[1][0], vnextract.ErrorRecord)
    assert out[1][0].id == "b" and out[1][0].error.code == "missing_text"  # the same code as the CLI and Dask
    assert out[2][0].dates[0].value == "2020-02-01"
    with pytest.raises(TypeError):
        list(ex.pipe(["ok", 3]))  # type: ignore[list-item]
    with pytest.raises(ValueError, match="on_error"):
        list(ex.pipe(["ok"], on_error="ignore"))  # type: ignore[call-overload]


def test_pipe_with_workers_matches_single_process() -> None:
    ex = Extractor()
    texts = ["Sáng 8/5/2017, ông Nguyễn Văn Hùng, Chủ tịch UBND tỉnh Lào Cai phát biểu.", "", "Đạt 54,3% kế hoạch."]
    assert list(ex.pipe(texts, n_process=2, batch_size=1)) == list(ex.pipe(texts))
    with pytest.raises(vnextract.PipeError, match="missing_text"):
        list(ex.pipe(["ok", 3], n_process=2, batch_size=1))  # type: ignore[list-item]
