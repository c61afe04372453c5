"""Vietnam's administrative units, read from the gazetteer shipped inside underthesea.

``underthesea/address/data/mapping.json`` lists every pre-2025 commune with its
district and province and the post-2025 province it maps to.  It is loaded
lazily, once per process, into frozen lookups keyed by :func:`normalize_key`:

* provinces: ``"lào cai"`` -> :class:`Unit` (``tỉnh Lào Cai``), 63 of them;
* districts: ``"đầm hà"`` -> the districts of that name (``huyện Đầm Hà``, Quảng Ninh);
* communes:  ``"tân lập"`` -> the communes of that name, each with its district; and the communes,
  wards and special zones (``đặc khu``) of the 34 provinces after the 2025 reform, which have no
  district (``xã Sơn Động``, Bắc Ninh); a post-2025 unit whose name, word and province are those of
  a former commune is that commune.

Nothing here is retyped from the data file; only the unit words are parsed.
"""

from __future__ import annotations

import functools
import importlib.util
import json
import marshal
import os
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from vnextract.text.normalize import fold_tone_placement, normalize_key

__all__ = ["Gazetteer", "Unit", "gazetteer"]

# unit words of the data file, lower-cased, longest first
_UNIT_WORDS = ("thành phố", "thị trấn", "thị xã", "đặc khu", "phường", "huyện", "quận", "tỉnh", "xã")


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit.

    ``level`` is ``province``, ``district`` or ``commune``; ``word`` the unit word
    in lower case (``tỉnh``, ``thành phố``, ``huyện``, ``quận``, ``thị xã``, ``xã``,
    ``phường``, ``thị trấn``, ``đặc khu``); ``province`` the short name of its pre-2025 province
    (for a post-2025 commune, of the province it belongs to now); ``district`` the short name of
    its district (pre-2025 communes only).
    """

    level: str
    word: str
    name: str
    province: str
    district: str | None = None
    district_word: str | None = None

    @property
    def full(self) -> str:
        """``tỉnh Lào Cai``, ``huyện Đầm Hà``, ``thành phố Hồ Chí Minh``."""
        return f"{self.word} {self.name}"


def _split_unit(full: str) -> tuple[str, str]:
    folded = fold_tone_placement(full.strip())
    low = folded.lower()
    for word in _UNIT_WORDS:
        if low.startswith(word + " "):
            return word, folded[len(word) + 1 :].strip()
    return "", folded


class Gazetteer:
    """Frozen lookups over the underthesea address data (build with :func:`gazetteer`)."""

    def __init__(self, rows: _Rows) -> None:
        provinces_rows, district_rows, commune_rows, new_rows, current_rows = rows
        self.provinces: dict[str, Unit] = {k: Unit("province", w, n, n) for k, w, n in provinces_rows}
        for former, (word, current) in _FORMER_NAMES.items():
            if normalize_key(current) in self.provinces and normalize_key(former) not in self.provinces:
                # the article's own name of the unit, counted as the data file's province
                self.provinces[normalize_key(former)] = Unit("province", word, former, current)
        districts: dict[str, list[Unit]] = {}
        for k, w, n, prov in district_rows:
            districts.setdefault(k, []).append(Unit("district", w, n, prov))
        communes: dict[str, list[Unit]] = {}
        for k, w, n, prov, dname, dword in commune_rows:
            communes.setdefault(k, []).append(Unit("commune", w, n, prov, dname, dword))
        for k, w, n, prov in current_rows:
            same = communes.get(k, [])
            if not any(u.word == w and u.name == n and u.province == prov for u in same):
                communes.setdefault(k, []).append(Unit("commune", w, n, prov))
        self.districts: dict[str, tuple[Unit, ...]] = {k: tuple(v) for k, v in districts.items()}
        self.communes: dict[str, tuple[Unit, ...]] = {k: tuple(v) for k, v in communes.items()}
        self.new_province: dict[str, str] = dict(new_rows)

    @classmethod
    def from_mapping(cls, data: dict) -> Gazetteer:
        """Build from the parsed ``mapping.json``."""
        return cls(_rows_from_mapping(data))

    def province(self, name: str) -> Unit | None:
        """The province (or centrally-run city) called ``name``, if any."""
        return self.provinces.get(normalize_key(name))

    def find(self, name: str, level: str | None = None) -> tuple[Unit, ...]:
        """Every unit called ``name`` (at ``level`` when given), provinces first."""
        key = normalize_key(name)
        out: list[Unit] = []
        if level in (None, "province") and key in self.provinces:
            out.append(self.provinces[key])
        if level in (None, "district"):
            out.extend(self.districts.get(key, ()))
        if level in (None, "commune"):
            out.extend(self.communes.get(key, ()))
        return tuple(out)

    def is_known(self, name: str) -> bool:
        """Whether ``name`` names any unit."""
        key = normalize_key(name)
        return key in self.provinces or key in self.districts or key in self.communes

    def admin_unit_2025(self, province: str) -> str | None:
        """The post-2025 province (``Tỉnh Lào Cai``) that the pre-2025 ``province`` became."""
        return self.new_province.get(province)


# Former names of provinces that the data file lists under a later name: news archives use the former
# ("Tỉnh ủy Thừa Thiên Huế" before the province became the city of Huế in 2025). Name -> (unit word, data name).
_FORMER_NAMES = {"Thừa Thiên Huế": ("tỉnh", "Huế"), "Thừa Thiên - Huế": ("tỉnh", "Huế")}

# (provinces, districts, communes, old->new province, post-2025 communes) as plain tuples: cheap to cache
_Rows = tuple[tuple, tuple, tuple, tuple, tuple]


def _rows_from_mapping(data: dict) -> _Rows:
    split = functools.lru_cache(maxsize=None)(_split_unit)
    key = functools.lru_cache(maxsize=None)(normalize_key)
    new_names = {k: v["name"] for k, v in data.get("province_names", {}).items()}
    provinces, new_rows = [], []
    for pkey, info in data["old_province_names"].items():
        word, name = split(info["name"])
        provinces.append((key(name), word or "tỉnh", name))
        target = data.get("province_mapping", {}).get(pkey)
        if target in new_names:
            new_rows.append((name, fold_tone_placement(new_names[target])))
    districts: dict[tuple[str, str], tuple] = {}
    communes: dict[tuple[str, str, str], tuple] = {}
    for row in data["ward_mapping"]:
        _, prov = split(row["old_province"])
        dword, dname = split(row["old_district"])
        cword, cname = split(row["old_ward"])
        if (prov, dname) not in districts:
            districts[(prov, dname)] = (key(dname), dword or "huyện", dname, prov)
        if (prov, dname, cname) not in communes:
            communes[(prov, dname, cname)] = (key(cname), cword or "xã", cname, prov, dname, dword or "huyện")
    current: dict[tuple[str, str, str], tuple] = {}
    for row in data["ward_mapping"]:
        nword, nname = split(row.get("new_ward") or "")
        _, nprov = split(row.get("new_province") or "")
        if nword and nname and nprov and (nprov, nword, nname) not in current:
            current[(nprov, nword, nname)] = (key(nname), nword, nname, nprov)
    return (
        tuple(provinces), tuple(districts.values()), tuple(communes.values()), tuple(new_rows), tuple(current.values())
    )


def _data_path() -> Path:
    # find_spec locates the package without importing it (importing underthesea is slow)
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("underthesea is not installed: vnextract needs its address gazetteer")
    return Path(next(iter(spec.submodule_search_locations))) / "address" / "data" / "mapping.json"


def _cache_file(source: Path) -> Path | None:
    base = os.environ.get("VNEXTRACT_CACHE") or os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    try:
        stat = source.stat()
    except OSError:
        return None
    # marshal's format is specific to the Python version: the interpreter's version is part of the key
    py = f"py{sys.version_info[0]}{sys.version_info[1]}"
    name = f"gazetteer-{_CACHE_VERSION}-{py}-{stat.st_size}-{int(stat.st_mtime)}.marshal"
    return Path(base) / "vnextract" / name


def _load_rows() -> _Rows:
    """The compact rows: from the marshal cache when present, else parsed (and cached)."""
    source = _data_path()
    cache = _cache_file(source)
    if cache is not None and cache.is_file():
        try:
            rows = marshal.loads(cache.read_bytes())
            if isinstance(rows, tuple) and len(rows) == 5:
                return rows
        except (OSError, EOFError, ValueError, TypeError):
            pass
    with open(source, encoding="utf-8") as fh:
        rows = _rows_from_mapping(json.load(fh))
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(rows))
            os.replace(tmp, cache)
        except OSError:  # read-only home: fine, just slower next time
            pass
    return rows


_CACHE_VERSION = 2
_lock = threading.Lock()
_instance: Gazetteer | None = None


def gazetteer() -> Gazetteer:
    """The process-wide :class:`Gazetteer`, loaded on first use (cached compactly on disk)."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                _instance = Gazetteer(_load_rows())
    return _instance
