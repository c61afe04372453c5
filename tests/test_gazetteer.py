"""The administrative-unit gazetteer read from underthesea.address's mapping.json."""

from __future__ import annotations

import time

import pytest

from vnextract import gazetteer as gz
from vnextract.gazetteer import Gazetteer, gazetteer


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def test_sixty_three_pre_2025_provinces(gaz: Gazetteer) -> None:
    assert len({u.province for u in gaz.provinces.values()}) == 63  # plus former names ("Thừa Thiên Huế")
    hcm = gaz.province("Hồ Chí Minh")
    assert hcm is not None
    assert (hcm.word, hcm.full) == ("thành phố", "thành phố Hồ Chí Minh")
    assert gaz.province("lào cai").full == "tỉnh Lào Cai"


def test_tone_placement_is_folded(gaz: Gazetteer) -> None:
    assert gaz.province("Hoà Bình") == gaz.province("Hòa Bình")
    assert gaz.province("Khánh Hoà") is not None


def test_districts_keep_their_unit_word(gaz: Gazetteer) -> None:
    (dam_ha,) = gaz.find("Đầm Hà", "district")
    assert (dam_ha.word, dam_ha.province) == ("huyện", "Quảng Ninh")
    hoi_an = [u for u in gaz.find("Hội An", "district") if u.province == "Quảng Nam"]
    assert hoi_an and hoi_an[0].word == "thành phố"
    assert any(u.word == "quận" and u.province == "Hồ Chí Minh" for u in gaz.find("Tân Bình", "district"))


def test_communes_know_their_district(gaz: Gazetteer) -> None:
    hits = [u for u in gaz.find("Tân Lập", "commune") if u.district == "Đầm Hà"]
    assert len(hits) == 1
    assert (hits[0].word, hits[0].province, hits[0].district_word) == ("xã", "Quảng Ninh", "huyện")
    assert len(gaz.find("Tân Lập", "commune")) > 10  # a common name: many communes


def test_unknown_names(gaz: Gazetteer) -> None:
    assert gaz.find("Nguyễn Văn Cao") == ()
    assert not gaz.is_known("Keo Hwa Vina")


def test_post_2025_province(gaz: Gazetteer) -> None:
    assert gaz.admin_unit_2025("Hà Giang") == "Tỉnh Tuyên Quang"
    assert gaz.admin_unit_2025("Lào Cai") == "Tỉnh Lào Cai"
    assert gaz.admin_unit_2025("Atlantis") is None


def test_post_2025_communes(gaz: Gazetteer) -> None:
    # the communes, wards and special zones after the 2025 reform: no district, their current province
    (son_dong,) = [u for u in gaz.find("Sơn Động", "commune") if u.district is None]
    assert (son_dong.word, son_dong.province) == ("xã", "Bắc Ninh")
    assert any(u.word == "đặc khu" and u.province == "An Giang" for u in gaz.find("Thổ Châu", "commune"))
    # a current ward that keeps the name, word and province of a former one is that ward, listed once
    ngoc_ha = [u for u in gaz.find("Ngọc Hà", "commune") if u.province == "Hà Nội"]
    assert len(ngoc_ha) == 1 and ngoc_ha[0].district == "Ba Đình"
    assert gaz.find("Sơn Động", "district")[0].province == "Bắc Giang"  # the former district is still there


def test_loaded_once(gaz: Gazetteer) -> None:
    assert gazetteer() is gaz


def test_cache_round_trip(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("VNEXTRACT_CACHE", str(tmp_path))
    started = time.perf_counter()
    cold = gz._load_rows()
    cold_s = time.perf_counter() - started
    assert list(tmp_path.rglob("gazetteer-*.marshal"))
    started = time.perf_counter()
    warm = gz._load_rows()
    warm_s = time.perf_counter() - started
    assert warm == cold
    assert warm_s < max(cold_s, 0.5)
    assert Gazetteer(warm).provinces == gazetteer().provinces


def test_corrupt_cache_is_rebuilt(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("VNEXTRACT_CACHE", str(tmp_path))
    gz._load_rows()
    (cache,) = tmp_path.rglob("gazetteer-*.marshal")
    cache.write_bytes(b"not marshal data")
    rows = gz._load_rows()
    assert len(rows[0]) == 63


def test_cache_key_names_the_python_version(tmp_path, monkeypatch) -> None:
    import sys

    monkeypatch.setenv("VNEXTRACT_CACHE", str(tmp_path))
    gz._load_rows()
    (cache,) = tmp_path.rglob("gazetteer-*.marshal")
    assert f"-py{sys.version_info[0]}{sys.version_info[1]}-" in cache.name


def test_former_province_name(gaz: Gazetteer) -> None:
    unit = gaz.province("Thừa Thiên Huế")
    assert unit is not None
    assert (unit.full, unit.province) == ("tỉnh Thừa Thiên Huế", "Huế")
    assert gaz.admin_unit_2025(unit.province) == "Thành phố Huế"
