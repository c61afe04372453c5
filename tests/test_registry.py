"""The registry of officials end to end, on a small archive written here (names and events invented).

The archive holds: one official in three documents with different forms of the name and the title,
then promoted after his province was merged (Hà Giang into Tuyên Quang, 2025); two namesakes in
different provinces, one of them also the namesake of a reporter's byline; a promotion in one body
(Phó Bí thư -> Bí thư) followed by a former office and a successor.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from vnextract.cli import main
from vnextract.registry import Registry, build

ARCHIVE = [
    ("hg-2023-05", "2023-05-10",
     "Chiều 10/5, ông Hoàng Văn Hòa, Phó Chủ tịch Thường trực UBND tỉnh Hà Giang, đã làm việc với các sở về kế hoạch "
     "trồng rừng năm 2023. Ông Hòa đề nghị các huyện rà soát diện tích đất trống.\nẢnh: Thu Hà"),
    ("hg-2023-09", "2023-09-02",
     "Phát biểu tại buổi lễ, đồng chí Hoàng Văn Hòa, Phó chủ tịch thường trực Ủy ban nhân dân tỉnh Hà Giang cho biết "
     "tỉnh đã hoàn thành 95% kế hoạch làm đường giao thông nông thôn."),
    ("hg-2024-01", "2024-01-15",
     "Phó Chủ tịch Thường trực Ủy ban nhân dân tỉnh Hà Giang Hoàng Văn Hoà đã kiểm tra công tác chuẩn bị Tết tại "
     "huyện Mèo Vạc."),
    ("tq-2025-10", "2025-10-20",
     "Sáng 20/10, ông Hoàng Văn Hòa, Chủ tịch UBND tỉnh Tuyên Quang, tiếp đoàn công tác của Bộ Nông nghiệp và "
     "Môi trường."),
    ("cm-2024-04", "2024-04-03",
     "Ông Nguyễn Văn Thắng, Chủ tịch UBND tỉnh Cà Mau, chỉ đạo các ngành chủ động ứng phó với hạn mặn."),
    ("cm-2024-06", "2024-06-12",
     "Ông Nguyễn Văn Thắng, Chủ tịch UBND tỉnh Cà Mau, đã đối thoại với nông dân về giá tôm.\n"
     "Bài và ảnh: Nguyễn Văn Thắng"),
    ("db-2024-05", "2024-05-08",
     "Ông Nguyễn Văn Thắng, Giám đốc Sở Tài chính tỉnh Điện Biên, báo cáo tình hình giải ngân vốn đầu tư công."),
    ("ls-2021-03", "2021-03-18",
     "Ông Lâm Văn Bình, Phó Bí thư Tỉnh ủy Lạng Sơn, dự hội nghị tổng kết công tác dân vận."),
    ("ls-2022-08", "2022-08-25",
     "Ông Lâm Văn Bình, Bí thư Tỉnh ủy Lạng Sơn, đã tiếp đoàn doanh nghiệp Nhật Bản đến tìm hiểu cơ hội đầu tư."),
    ("ls-2025-02", "2025-02-14",
     "Ông Lâm Văn Bình, nguyên Bí thư Tỉnh ủy Lạng Sơn, đã trao tặng 200 suất quà cho học sinh nghèo."),
    ("ls-2025-03", "2025-03-01",
     "Bà Đinh Thị Mai, Bí thư Tỉnh ủy Lạng Sơn, chủ trì hội nghị Ban Chấp hành Đảng bộ tỉnh."),
]  # fmt: skip


def write_archive(path: Path, docs: list[tuple[str, str, str]] = ARCHIVE) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for doc_id, published, text in docs:
            f.write(json.dumps({"id": doc_id, "published": published, "text": text}, ensure_ascii=False) + "\n")
    return path


def cli(*args: str) -> Any:
    return CliRunner().invoke(main, ["registry", *args], catch_exceptions=False)


def snapshot(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows (order-free), to compare two registries."""
    conn = sqlite3.connect(db)
    out = {}
    for table in ("documents", "persons", "person_links", "person_mentions", "offices", "office_evidence",
                  "organizations", "dates", "percentages"):  # fmt: skip
        out[table] = sorted(tuple(r) for r in conn.execute(f"SELECT * FROM {table}"))
    conn.close()
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("registry")
    archive = write_archive(root / "news.jsonl")
    db = root / "officials.db"
    stats = build([str(archive)], db)
    assert (stats.added, stats.errors) == (len(ARCHIVE), 0)
    return db


@pytest.fixture()
def reg(built: Path) -> Any:
    with Registry(built) as r:
        yield r


def officials(reg: Registry, name: str) -> list[Any]:
    return [p for p in reg.person(name) if p.kind == "official"]


def test_one_official_across_documents_and_name_forms(reg: Registry) -> None:
    [hoa] = officials(reg, "Hoàng Văn Hòa")
    assert {"Hoàng Văn Hòa", "Hoàng Văn Hoà"} <= set(hoa.names)
    deputy = [o for o in hoa.offices if o.organization == "Ủy ban nhân dân tỉnh Hà Giang"]
    assert len(deputy) == 1, "one office for 'Phó Chủ tịch Thường trực' and 'Phó chủ tịch thường trực'"
    assert (deputy[0].first_seen, deputy[0].last_seen, deputy[0].n_documents) == ("2023-05-10", "2024-01-15", 3)
    assert {s.document_id for s in deputy[0].sources} == {"hg-2023-05", "hg-2023-09", "hg-2024-01"}


def test_province_merged_in_2025_is_the_same_place(reg: Registry) -> None:
    [hoa] = officials(reg, "Hoàng Văn Hòa")
    chair = [o for o in hoa.offices if o.organization == "Ủy ban nhân dân tỉnh Tuyên Quang"]
    assert chair and chair[0].title == "Chủ tịch" and chair[0].first_seen == "2025-10-20"
    reasons = {link.document_id: link.reason for link in hoa.links}
    assert "tỉnh tuyên quang" in reasons["tq-2025-10"]


def test_namesakes_in_different_provinces_stay_apart(reg: Registry) -> None:
    thang = officials(reg, "Nguyễn Văn Thắng")
    assert len(thang) == 2
    by_org = {o.organization: p for p in thang for o in p.offices}
    cau, dien = by_org["Ủy ban nhân dân tỉnh Cà Mau"], by_org["Sở Tài chính tỉnh Điện Biên"]
    assert cau.id != dien.id
    assert cau.n_documents == 2 and dien.n_documents == 1


def test_byline_is_its_own_kind(reg: Registry) -> None:
    kinds = sorted(p.kind for p in reg.person("Nguyễn Văn Thắng"))
    assert kinds == ["byline", "official", "official"]
    [credit] = [p for p in reg.person("Thu Hà") if p.kind == "byline"]
    assert not credit.offices


def test_promotion_in_one_body_and_former_office(reg: Registry) -> None:
    [binh] = officials(reg, "Lâm Văn Bình")
    titles = {o.title: o for o in binh.offices}
    assert set(titles) == {"Phó Bí thư", "Bí thư"}
    assert any(link.reason.startswith("career step") for link in binh.links)
    secretary = titles["Bí thư"]
    assert secretary.former and secretary.last_seen == "2022-08-25" and secretary.ended_before == "2025-02-14"


def test_who_held_an_office_on_a_date(reg: Registry) -> None:
    assert [h.name for h in reg.who("Bí thư", "Tỉnh ủy Lạng Sơn")] == ["Đinh Thị Mai", "Lâm Văn Bình"]
    [then] = reg.who("Bí thư", "Tỉnh ủy Lạng Sơn", on="2023-06")
    assert (then.name, then.status) == ("Lâm Văn Bình", "presumed")
    assert [h.name for h in reg.who("bí thư", "tinh uy lang son", on="2025-03-01")] == ["Đinh Thị Mai"]
    assert reg.who("Bí thư", "Tỉnh ủy Lạng Sơn", on="2020") == []
    assert [h.name for h in reg.who("Bí thư Tỉnh ủy Lạng Sơn", on="2025-03")] == ["Đinh Thị Mai"]
    assert [h.name for h in reg.who("Tổng Bí thư")] == []
    [chair] = reg.who("Chủ tịch", "UBND tỉnh Cà Mau", on="2024-05-01")
    assert chair.name == "Nguyễn Văn Thắng" and chair.status == "seen"


def test_accent_insensitive_search(reg: Registry) -> None:
    assert [p.name for p in reg.person("hoang van hoa") if p.kind == "official"] == ["Hoàng Văn Hòa"]
    assert len(officials(reg, "NGUYEN VAN THANG")) == 2
    assert [o.name for o in reg.org("uy ban nhan dan tinh ca mau")] == ["Ủy ban nhân dân tỉnh Cà Mau"]
    assert reg.person("Trần Không Có") == []


def test_org_lists_offices_of_its_sub_bodies(tmp_path: Path) -> None:
    docs = [
        ("qn-1", "2024-02-01", "Ông Vũ Đức Lâm, Ủy viên Ban Thường vụ Tỉnh ủy Quảng Ninh, dự lễ khởi công cầu cảng."),
        ("qn-2", "2024-03-01", "Ông Phạm Minh Tú, Bí thư Tỉnh ủy Quảng Ninh, làm việc với Ban Tuyên giáo Tỉnh ủy."),
    ]
    db = tmp_path / "qn.db"
    build([str(write_archive(tmp_path / "qn.jsonl", docs))], db)
    with Registry(db) as r:
        [org] = r.org("Tỉnh ủy Quảng Ninh")
    assert "Ban Thường vụ Tỉnh ủy Quảng Ninh" in org.sub_bodies
    assert {(h.name, h.title) for h in org.offices} == {("Vũ Đức Lâm", "Ủy viên"), ("Phạm Minh Tú", "Bí thư")}


def test_rebuild_over_the_same_documents_changes_nothing(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl")
    db = tmp_path / "r.db"
    build([str(archive)], db)
    before = snapshot(db)
    again = build([str(archive)], db)
    assert (again.added, again.skipped) == (0, len(ARCHIVE))
    assert snapshot(db) == before


def test_incremental_build_adds_only_new_documents(tmp_path: Path) -> None:
    db = tmp_path / "r.db"
    build([str(write_archive(tmp_path / "a.jsonl", ARCHIVE[:5]))], db)
    stats = build([str(write_archive(tmp_path / "b.jsonl", ARCHIVE))], db)
    assert (stats.added, stats.skipped) == (len(ARCHIVE) - 5, 5)
    whole = tmp_path / "whole.db"
    build([str(tmp_path / "b.jsonl")], whole)
    assert offices_by_name(db) == offices_by_name(whole)


def test_records_written_by_extract_build_the_same_registry(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl")
    records = tmp_path / "records.jsonl"
    result = CliRunner().invoke(main, ["extract", str(archive), "-o", str(records)])
    assert result.exit_code == 0
    from_text, from_records = tmp_path / "t.db", tmp_path / "r.db"
    build([str(archive)], from_text)
    build([str(records)], from_records)
    assert offices_by_name(from_text) == offices_by_name(from_records)


def offices_by_name(db: Path) -> list[tuple[Any, ...]]:
    """Offices with person and organisation names instead of ids."""
    conn = sqlite3.connect(db)
    rows = conn.execute(
        "SELECT p.name, o.title, g.name, o.former, o.first_seen, o.last_seen, o.ended_before, o.n_documents "
        "FROM offices o JOIN persons p ON p.id = o.person_id LEFT JOIN organizations g ON g.id = o.organization_id"
    ).fetchall()
    conn.close()
    return sorted(rows)


def test_manual_merge_and_split_survive_rebuilds(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl")
    db = tmp_path / "r.db"
    build([str(archive)], db)
    with Registry(db) as r:
        ids = sorted(p.id for p in officials(r, "Nguyễn Văn Thắng"))
        kept = r.merge(*ids, note="the same man, moved from Điện Biên")
        assert [p.id for p in officials(r, "Nguyễn Văn Thắng")] == [kept]
        [hoa] = officials(r, "Hoàng Văn Hòa")
        new = r.split(hoa.id, ["tq-2025-10"])
        assert {p.id for p in officials(r, "Hoàng Văn Hòa")} == {hoa.id, new}
    build([str(archive)], db)  # nothing new: decisions hold
    build([str(archive)], db, _rebuild())  # everything again: decisions replayed
    with Registry(db) as r:
        assert len(officials(r, "Nguyễn Văn Thắng")) == 1
        assert len(officials(r, "Hoàng Văn Hòa")) == 2
        [merged] = officials(r, "Nguyễn Văn Thắng")
        assert any(link.reason.startswith("manual merge") for link in merged.links)
        with pytest.raises(ValueError):
            r.merge(merged.id)


def _rebuild() -> Any:
    from vnextract.registry import BuildOptions

    return BuildOptions(rebuild=True)


def test_cli_build_and_queries(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl")
    db = str(tmp_path / "cli.db")
    result = cli("build", str(archive), "--db", db)
    assert result.exit_code == 0, result.output
    shown = cli("person", "nguyen van thang", "--db", db, "--json")
    assert shown.exit_code == 0
    assert sorted(p["kind"] for p in json.loads(shown.output)) == ["byline", "official", "official"]
    who = cli("who", "Bí thư", "Tỉnh ủy Lạng Sơn", "--on", "2022-09-01", "--db", db, "--json")
    assert [h["name"] for h in json.loads(who.output)] == ["Lâm Văn Bình"]
    text = cli("who", "Phó Chủ tịch Thường trực", "UBND tỉnh Hà Giang", "--db", db)
    assert "Hoàng Văn Hòa" in text.output and "2023-05-10 .. 2024-01-15" in text.output
    org = cli("org", "Tỉnh ủy Lạng Sơn", "--db", db, "--json")
    assert {h["name"] for h in json.loads(org.output)[0]["offices"]} == {"Lâm Văn Bình", "Đinh Thị Mai"}
    assert cli("person", "Không Ai Cả", "--db", db).exit_code == 1
    assert cli("who", "Bí thư", "Tỉnh ủy Lạng Sơn", "--on", "mùa thu", "--db", db).exit_code == 2
    ids = [str(p["id"]) for p in json.loads(shown.output) if p["kind"] == "official"]
    merged = cli("merge", *ids, "--db", db)
    assert merged.exit_code == 0 and "merged into person" in merged.output
    assert cli("split", ids[0], "--document", "db-2024-05", "--db", db).exit_code == 0
    assert cli("split", ids[0], "--document", "no-such-doc", "--db", db).exit_code == 2
    assert cli("person", "x", "--db", str(tmp_path / "missing.db")).exit_code == 2


def test_errors_are_documents_too(tmp_path: Path) -> None:
    archive = tmp_path / "news.jsonl"
    archive.write_text(
        json.dumps({"id": "ok", "text": ARCHIVE[0][2]}, ensure_ascii=False)
        + "\n{broken\n"
        + '{"id": "e", "text": ""}\n',
        encoding="utf-8",
    )
    db = tmp_path / "e.db"
    result = cli("build", str(archive), str(tmp_path / "missing.txt"), "--db", str(db))
    assert result.exit_code == 1
    rows = dict(sqlite3.connect(db).execute("SELECT id, error FROM documents").fetchall())
    assert rows["ok"] is None and rows["e"] == "empty" and set(rows.values()) >= {"bad_json", "not_found"}


def test_wrong_types_raise_type_error(reg: Registry) -> None:
    with pytest.raises(TypeError):
        reg.person(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Registry(3.5)  # type: ignore[arg-type]


def test_killed_build_resumes_without_losses_or_duplicates(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    docs = [(f"c{k:03d}-{doc_id}", published, text) for k in range(30) for doc_id, published, text in ARCHIVE]
    archive = write_archive(tmp_path / "many.jsonl", docs)
    db = tmp_path / "killed.db"
    args = [sys.executable, "-m", "vnextract.cli", "registry", "build", str(archive), "--db", str(db)]
    proc = subprocess.Popen([*args, "--batch-size", "2", "--no-progress"], stderr=subprocess.DEVNULL)
    done = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                reader = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
                done = reader.execute("SELECT count(*) FROM documents").fetchone()[0]
                reader.close()
            except sqlite3.OperationalError:
                done = 0
            if done >= 20:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "the build ended before it could be killed: make the archive larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert 20 <= done < len(docs)
    resumed = subprocess.run([*args, "--no-progress"], capture_output=True, text=True, check=False)
    assert resumed.returncode == 0, resumed.stderr
    assert "already in the registry" in resumed.stderr
    clean = tmp_path / "clean.db"
    build([str(archive)], clean)
    assert offices_by_name(db) == offices_by_name(clean)
    assert snapshot(db)["documents"] == snapshot(clean)["documents"]
    conn = sqlite3.connect(db)
    assert conn.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone() == (len(docs), len(docs))


def test_parquet_records_and_parquet_datasets(tmp_path: Path) -> None:
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    archive = write_archive(tmp_path / "news.jsonl")
    records = tmp_path / "records.parquet"
    assert CliRunner().invoke(main, ["extract", str(archive), "-o", str(records)]).exit_code == 0
    dataset = tmp_path / "dataset.parquet"
    columns = list(zip(*ARCHIVE, strict=True))
    pq.write_table(pa.table({"id": columns[0], "published": columns[1], "text": columns[2]}), dataset)
    from_jsonl, from_records, from_dataset = tmp_path / "j.db", tmp_path / "r.db", tmp_path / "d.db"
    build([str(archive)], from_jsonl)
    assert build([str(records)], from_records).added == len(ARCHIVE)
    assert build([str(dataset)], from_dataset).added == len(ARCHIVE)
    assert offices_by_name(from_records) == offices_by_name(from_jsonl) == offices_by_name(from_dataset)


def test_export_tables_as_parquet(built: Path, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    result = cli("export", str(tmp_path / "tables"), "--db", str(built))
    assert result.exit_code == 0, result.output
    offices = pq.read_table(tmp_path / "tables" / "offices.parquet")
    conn = sqlite3.connect(built)
    assert offices.num_rows == conn.execute("SELECT count(*) FROM offices").fetchone()[0]
    assert set(offices.column_names) >= {"person_id", "organization_id", "title", "first_seen", "last_seen"}
    assert pq.read_table(tmp_path / "tables" / "persons.parquet").num_rows > 0


def test_a_shared_province_a_generation_apart_is_two_people(tmp_path: Path) -> None:
    docs = [
        ("old", "1998-04-02", "Ông Trần Văn Lộc, Giám đốc Sở Y tế tỉnh Nghệ An, kiểm tra bệnh viện huyện."),
        ("new", "2024-04-02", "Ông Trần Văn Lộc, Chủ tịch UBND tỉnh Nghệ An, dự lễ khánh thành cầu."),
        ("near", "2026-01-05", "Ông Trần Văn Lộc, Bí thư Tỉnh ủy Nghệ An, thăm các gia đình chính sách."),
    ]
    db = tmp_path / "g.db"
    build([str(write_archive(tmp_path / "g.jsonl", docs))], db)
    with Registry(db) as r:
        people = sorted((p.first_seen, p.n_documents) for p in officials(r, "Trần Văn Lộc"))
    assert people == [("1998-04-02", 1), ("2024-04-02", 2)]


def test_dask_part_files_in_a_folder(tmp_path: Path) -> None:
    archive = write_archive(tmp_path / "news.jsonl")
    records = tmp_path / "records.jsonl"
    assert CliRunner().invoke(main, ["extract", str(archive), "-o", str(records)]).exit_code == 0
    lines = records.read_text(encoding="utf-8").splitlines(keepends=True)
    parts = tmp_path / "out"
    parts.mkdir()
    (parts / "part-00000.jsonl").write_text("".join(lines[:4]), encoding="utf-8")
    (parts / "part-00001.jsonl").write_text("".join(lines[4:]), encoding="utf-8")
    whole, split = tmp_path / "w.db", tmp_path / "s.db"
    build([str(records)], whole)
    assert build([str(parts)], split).added == len(ARCHIVE)
    assert offices_by_name(split) == offices_by_name(whole)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Phó chủ tịch thường trực", "Phó Chủ tịch Thường trực", True),
        ("PCT", "Phó Chủ tịch", True),
        ("Phó ban", "Phó Trưởng ban", True),
        ("Phó Chủ tịch", "Chủ tịch", False),
        ("Phó ban", "Trưởng ban", False),
    ],
)
def test_title_keys(a: str, b: str, same: bool) -> None:
    from vnextract.registry.keys import title_key

    assert (title_key(a) == title_key(b)) is same


@pytest.mark.parametrize(
    ("a", "b", "step"),
    [
        ("Phó Bí thư", "Bí thư", True),
        ("Phó Chủ tịch Thường trực", "Chủ tịch", True),
        ("Thứ trưởng", "Bộ trưởng", True),
        ("Phó ban", "Trưởng ban", True),
        ("Phó Chủ tịch", "Bí thư", False),
        ("Bí thư", "Bí thư", False),
        ("Phó Giám đốc", "Chủ tịch", False),
    ],
)
def test_career_steps(a: str, b: str, step: bool) -> None:
    from vnextract.registry.keys import career_step, title_key

    assert career_step(title_key(a), title_key(b)) is step
    assert career_step(title_key(b), title_key(a)) is step
