"""Bodies that complete a title, read from the words after it: a department in lower case ("ban tôn giáo"), a
party's central committee, a diplomat's mission, a department with the body it belongs to, a secretary's committee
named by its place ("Bí thư Hà Tĩnh").  Each returns (start, end, canonical name, organisation mention or None)."""

from __future__ import annotations

import regex

from vnextract.extractors.names import NameFinder
from vnextract.extractors.organizations import OrgAnalysis, OrgMention
from vnextract.extractors.position_orgs import lower_field
from vnextract.text.normalize import normalize_key

__all__ = ["central_committee", "committee_of_place", "lower_field_body", "mission", "with_host"]

_CAPITAL_NEXT = regex.compile(r" \p{Lu}")
_CENTRAL_COMMITTEE = regex.compile(r"(?i:ban chấp hành|bch)(?![\p{L}\p{M}])")
_CENTRAL = frozenset(
    ("trung ương", "tw", "tư", "t.ư", "trung ương đảng", "tw đảng", "tư đảng", "t.ư đảng", "t.w", "t.w đảng")
)
_CITIES = frozenset(("hà nội", "hải phòng", "đà nẵng", "cần thơ", "huế"))
_COUNTRY_AT = regex.compile(r" (\p{Lu})")
# "... Trung ương Đảng Cộng sản Trung Quốc": the party of another country ("Đảng" read by the organisations pass)
_FOREIGN_PARTY = regex.compile(
    r"(?<=Đảng) Cộng sản (\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*){0,2})(?![\p{L}\p{M}])"
)
_HCM = regex.compile(r"(?:TP\.? ?|Tp\.? ?|[Tt]hành phố )?(?:Hồ Chí Minh|HCM)(?![\p{L}\p{M}])|TPHCM(?![\p{L}\p{M}])")
_HOST_HEAD = regex.compile(
    r"(?:Bộ|Sở|Ban|Viện|Thanh tra|UBND|Ủy ban|Tòa án|TAND|VKSND|Đảng bộ|Công an|Tổng cục|Cục|Tổng công ty"
    r"|Tập đoàn|Học viện|Trường|Bệnh viện|Đại học)(?![\p{L}\p{M}])"
)
_HOST_LINK = regex.compile(r",? thuộc |, (?!thuộc)")
_HOST_PLACE = regex.compile(r" tại ")
_NUMERAL = regex.compile(r" ([IVX]{1,4})(?![\p{L}\p{M}\d])")
_ONE_WORD = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]+(?![\p{L}\p{M}])")
_SUB_HEAD = regex.compile(
    r"(?i:vụ|phòng|cục|trung tâm|chi bộ|khoa|chi cục|đội|trạm|tổng cục)(?![\p{L}\p{M}])"
)

def lower_field_body(
    text: str, noun_at: int, p: int, noun: str, orgs: OrgAnalysis
) -> tuple[int, int, str, OrgMention | None] | None:
    """ "Trưởng ban tôn giáo", "Phó trưởng ban đô thị HĐND Đà Nẵng": a department written in lower case after
    the body noun of the title, completed by the body written right after it."""
    end = lower_field(text, p)
    if end <= p:
        return None
    field = text[p + 1 : end]
    name = f"{noun} {field[:1].upper()}{field[1:]}"
    host = orgs.parse_at(end + 1) if text[end : end + 1] == " " else None
    if host is not None and host.start == end + 1 and host.end > host.start:
        return noun_at, host.end, f"{name} {host.name}", None
    if _CAPITAL_NEXT.match(text, end) or field == "tổ chức":
        return None  # "Trưởng ban tổ chức Festival ...": the organisers of an event, not a department
    return noun_at, end, name, None

def central_committee(
    text: str, p: int, orgs: OrgAnalysis
) -> tuple[int, int, str, OrgMention | None] | None:
    """ "Tổng Bí thư Ban Chấp hành Trung ương Đảng (Cộng sản Trung Quốc)": the party's central committee."""
    gap = regex.match(r" ", text[p : p + 1])
    if gap is None:
        return None
    mention = orgs.parse_at(p + 1)
    if mention is None or not _CENTRAL_COMMITTEE.match(text, mention.start):
        return None
    foreign = _FOREIGN_PARTY.match(text, mention.end)
    if foreign:
        country = foreign.group(1)
        if normalize_key(country) != "việt nam":
            name = f"Ban Chấp hành Trung ương Đảng Cộng sản {country}"
            return mention.start, foreign.end(), name, OrgMention(mention.start, foreign.end(), name, mention.kind)
    return mention.start, mention.end, mention.name, mention

def mission(names: NameFinder, text: str, p: int, kind: str, orgs: OrgAnalysis) -> tuple[int, int, str] | None:
    """ "Đại sứ Nhật Bản tại Việt Nam", "Tổng Lãnh sự Ấn Độ": the diplomatic mission (start, end, name)."""
    m = _COUNTRY_AT.match(text, p)
    if m is None:
        return None
    start = m.start(1)
    end = names.place_at(text, start)
    if not end:
        one = _ONE_WORD.match(text, start)
        if one is None or names.starts_name(text, start) or not _HOST_PLACE.match(text, one.end()):
            return None
        end = one.end()
    country = text[start:end]
    name = f"{kind} {country}"
    host = _HOST_PLACE.match(text, end)
    if host:
        place_end = names.place_at(text, host.end()) or (host.end() if _HCM.match(text, host.end()) else 0)
        hcm = _HCM.match(text, host.end())
        if hcm:
            place_end, place = hcm.end(), "thành phố Hồ Chí Minh"
        elif place_end:
            place = text[host.end() : place_end]
        if place_end:
            return start, place_end, f"{name} tại {place}"
    # "Tổng Lãnh sự Ấn Độ" in a passage naming "Tổng Lãnh sự quán Ấn Độ tại TP.HCM": that mission
    key = normalize_key(name)
    named = next((o.name for o in orgs.mentions if normalize_key(o.name).startswith(key)), None)
    return start, end, named or name

def with_host(
    text: str, org: tuple[int, int, str, OrgMention | None], orgs: OrgAnalysis
) -> tuple[int, int, str, OrgMention | None]:
    """A department completed by the body it belongs to, written after a comma or "thuộc":
    "Vụ Địa phương I, Ban Tổ chức Trung ương", "Chi bộ X thuộc Đảng bộ Y" (one organisation)."""
    start, end, name, mention = org
    head = _SUB_HEAD.match(text, start)
    if head is None:
        return org
    numeral = _NUMERAL.match(text, end)
    if numeral:  # "Vụ Địa phương I", "Cục Cảnh sát hình sự II"
        end, name = numeral.end(), f"{name} {numeral.group(1)}"
        mention = None
    link = _HOST_LINK.match(text, end)
    host = orgs.parse_at(link.end()) if link else None
    if host is None or host.end <= host.start:
        return (start, end, name, mention) if numeral else org
    host_head = _HOST_HEAD.match(text, host.start)
    sub_word = normalize_key(head.group(0))
    if host_head is None or normalize_key(host_head.group(0)) == sub_word:
        return (start, end, name, mention) if numeral else org
    if sub_word == "tổng cục" and normalize_key(host_head.group(0)) != "bộ":
        return (start, end, name, mention) if numeral else org
    if not normalize_key(name).endswith(normalize_key(host.name)):
        name = f"{name} {host.name}"
    combined = OrgMention(start, host.end, name, (mention or host).kind)
    return start, host.end, name, combined

def committee_of_place(
    names: NameFinder, text: str, org: tuple[int, int, str, OrgMention | None], head_title: str
) -> tuple[int, int, str, OrgMention | None]:
    """ "Bí thư Hà Tĩnh", "Phó Bí thư TP.HCM": the province's party committee; "Ủy viên Trung ương": the
    Central Committee."""
    start, end, name, mention = org
    title = normalize_key(head_title)
    written = normalize_key(text[start:end])
    if title in ("ủy viên", "bí thư") and written in _CENTRAL and (title == "ủy viên" or "đảng" in written):
        return start, end, "Ban Chấp hành Trung ương Đảng Cộng sản Việt Nam", None
    if mention is not None or title != "bí thư":
        return org
    hcm = _HCM.fullmatch(text, start, end)
    if hcm:
        return start, end, "Thành ủy thành phố Hồ Chí Minh", None
    if names.place_at(text, start) >= end:
        committee = "Thành ủy" if normalize_key(name) in _CITIES else "Tỉnh ủy"
        return start, end, f"{committee} {name}", None
    return org
