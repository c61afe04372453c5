"""One position per office: written forms of the same office of one person merged, the longest kept."""

from __future__ import annotations

import regex

from vnextract.extractors.positions import PositionPhrase
from vnextract.records import Position
from vnextract.text.normalize import normalize_key

__all__ = ["dedupe_positions"]

_TITLE_FORMS = {"phó ban": "phó trưởng ban"}
_ONE_CLAUSE = 120  # characters, when the text is not known
_STOP = regex.compile(r"[.!?;](?:\s|$)|\n")


def dedupe_positions(found: list[tuple[Position, PositionPhrase]], original: str = "") -> list[Position]:
    """One position per office: the longest written form wins.  ``original`` (the text the positions' offsets
    point into) tells two offices written out in one sentence apart from one office written twice."""
    kept: list[Position] = []
    for pos, _ph in found:
        title = _same_title(pos.title)
        org = normalize_key(pos.organization or "")
        merged = False
        for i, other in enumerate(kept):
            if _same_title(other.title) != title:
                continue
            o_org = normalize_key(other.organization or "")
            if org == o_org or not org or not o_org or o_org.startswith(org) or org.startswith(o_org) or (
                _central(org, o_org) or _central(o_org, org) or _fuller(org, o_org) or _fuller(o_org, org)
            ):
                if len(pos.text) > len(other.text) and (org or not o_org):
                    kept[i] = pos.model_copy(update={"former": pos.former or other.former})
                merged = True
                break
        if not merged:
            kept.append(pos)
    # a bare title ("Phó trưởng ban") repeated by a fuller title of the same person is one office
    def covered(p: Position, q: Position) -> bool:
        if _member_word(p) and normalize_key(q.title) == "ủy viên" and normalize_key(q.organization or "").startswith(
            "ban chấp hành đảng bộ"
        ):
            return True  # "Đảng ủy viên" and "Ủy viên Ban Chấp hành Đảng bộ X" are one office
        if q is p or not normalize_key(q.title).startswith(normalize_key(p.title)):
            return False
        if not p.organization:
            return bool(q.organization) or len(q.title) > len(p.title)
        if p.organization_text and q.organization_text and _one_sentence(original, p, q):
            # "A, Phó Bí thư Tỉnh ủy X nhiệm kỳ 2020-2025, được chỉ định giữ chức Phó Bí thư Thường trực Tỉnh ủy": both
            # offices written out in one clause are two offices
            return False
        return len(q.title) > len(p.title) and normalize_key(q.organization or "") == normalize_key(p.organization)

    return [p for p in kept if not any(covered(p, q) for q in kept)]


def _one_sentence(original: str, p: Position, q: Position) -> bool:
    """Whether two positions are written in one sentence (no stop between them)."""
    a, b = sorted((p, q), key=lambda x: x.start)
    if not original:
        return b.start - a.start < _ONE_CLAUSE
    return _STOP.search(original, a.end, b.start) is None


def _central(longer: str, shorter: str) -> bool:
    """Whether ``longer`` is the central committee of ``shorter`` ("Ủy ban Trung ương MTTQ" / "MTTQ"): one office."""
    return longer.startswith("ủy ban trung ương ") and longer.endswith(" " + shorter)


def _member_word(p: Position) -> bool:
    """A membership title written as one word: "Đảng ủy viên", "Tỉnh ủy viên"."""
    return normalize_key(p.text).endswith(" ủy viên") and " " not in normalize_key(p.text)[: -len(" ủy viên")]


def _fuller(longer: str, shorter: str) -> bool:
    """Whether ``longer`` writes ``shorter`` out in full: same first and last word, the shorter's words in order
    ("Quốc hội Vương quốc Campuchia" / "Quốc hội Campuchia")."""
    a, b = longer.split(), shorter.split()
    if len(a) <= len(b) or len(b) < 2 or a[0] != b[0] or a[-1] != b[-1]:
        return False
    it = iter(a)
    return all(w in it for w in b)


def _same_title(title: str) -> str:
    """A key under which two written forms of one title compare equal ("Phó ban" / "Phó Trưởng ban")."""
    key = normalize_key(title)
    return _TITLE_FORMS.get(key, key)
