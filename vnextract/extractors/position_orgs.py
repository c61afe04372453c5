"""A small organisation delimiter of the positions pass, for phrases the organisations pass does not parse.

``fallback_org`` reads "Sở Y tế tỉnh X", "Ủy ban Kiểm tra Huyện ủy", "bệnh viện Hùng Vương" from the words
alone: body heads, lower-case words that occur inside body names, administrative units and places.
"""

from __future__ import annotations

import regex

from vnextract.extractors.names import NameFinder, load_lexicon
from vnextract.text.normalize import normalize_key

__all__ = ["ORG_HEAD", "delegation_at", "deputy_scope_end", "fallback_org", "lower_field", "unit_body"]

_ADMIN = ("thành phố", "tỉnh", "huyện", "quận", "xã", "phường", "thị xã", "thị trấn", "TP", "TP.", "Tp", "Tp.")
# lower-case words that occur inside organisation names ("Cục Thi hành án dân sự", "Ban Tuyên giáo")
_ORG_LOWER = frozenset(
    [
        "tuyên", "giáo", "kết", "mầm", "non", "tiểu", "phổ",
        "dân", "vận", "tổ", "chức", "kiểm", "tra", "nội", "chính", "kinh", "tế", "thi", "hành",
        "án", "dân", "sự", "nhân", "dân", "môi", "trường", "nguyên", "nước", "đất", "đai", "cán", "bộ", "bảo", "vệ",
        "quản", "lý", "đầu", "tư", "phát", "triển", "nông", "thôn", "xã", "hội", "thương", "binh", "chính", "trị",
        "quốc", "gia", "quốc", "phòng", "thanh", "niên", "phụ", "nữ", "nông", "dân", "cựu", "chiến", "binh", "lao",
        "động", "giao", "thông", "vận", "tải", "xây", "dựng", "tài", "chính", "kế", "hoạch", "y", "tế", "giáo",
        "dục", "đào", "tạo", "khoa", "học", "công", "nghệ", "thông", "tin", "truyền", "thông", "văn", "hóa", "thể",
        "thao", "du", "lịch", "tư", "pháp", "nội", "vụ", "ngoại", "vụ", "công", "thương", "nông", "nghiệp", "thuế",
        "hải", "quan", "kho", "bạc", "thống", "kê", "bảo", "hiểm", "trung", "ương", "thường", "vụ", "chấp", "hành",
        "thường", "trực", "hành", "chính", "tổng", "hợp", "pháp", "chế", "tòa", "án", "kiểm", "sát", "đại", "biểu",
        "quốc", "hội", "tiếng", "nói", "cổ", "phần", "một", "thành", "viên", "đảng", "bộ", "cơ", "quan", "ủy",
        "khối", "doanh", "nghiệp", "an", "ninh", "cảnh", "sát", "điều", "tra", "nhà", "nước", "dân", "tộc", "tôn",
        "giáo", "mặt", "trận", "tổ", "quốc", "liên", "hiệp", "hội", "đồng", "nhân", "dân", "ủy", "ban", "khoáng",
        "sản", "tài", "nguyên", "lâm", "nghiệp", "thủy", "sản", "công", "an", "quân", "sự", "biên", "phòng", "tổng",
        "cục", "cục", "chi", "cục", "sở", "phòng", "ban", "vụ", "viện", "trường", "bệnh", "viện", "trung", "tâm",
        "giám", "sát", "phản", "biện", "đối", "ngoại", "khu", "ty", "đoàn", "đội", "ủy", "sự", "vụ", "phủ", "luận",
        "tối", "cao",
        "chí", "điều", "hành", "thông", "tấn", "truyền", "hình", "phát", "thanh", "quốc", "tế", "và", "&",
    ]
)
ORG_HEAD = regex.compile(
    r"(?:UBND|HĐND|MTTQ|UB|Ủy ban|Hội đồng|Tỉnh ủy|Thành ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Đảng đoàn|Ban cán sự"
    r"|Chi bộ|Đảng bộ|Bộ|Sở|Ban|Cục|Chi cục|Tổng cục|Vụ|Viện|Phòng|Văn phòng|Thanh tra|Quốc hội|QH|Chính phủ"
    r"|Trung ương|TƯ|TW|BCH|Công an|Công ty|Tổng công ty|Tập đoàn|Ngân hàng|Đài|Báo|Tạp chí|Liên đoàn|LĐLĐ|Hội"
    r"|Đoàn|Mặt trận|Trường|Đại học|Học viện|Bệnh viện|Tòa án|TAND|VKSND|Viện kiểm sát|Kho bạc|Quân khu"
    r"|Quân đoàn|Sư đoàn|Bộ Tư lệnh|Bộ đội|Cảnh sát|Hợp tác xã|HTX|Trung tâm|Kiểm toán|Đại sứ quán|Hiệp hội"
    r"|Khối|Cơ quan|Đội|Tổ|Ủy|Ngoại giao|Tư pháp|Nhà nước|Đồn|Bộ Chỉ huy|Ban Chỉ huy|Lữ đoàn|Trung đoàn"
    r"|Tiểu đoàn|Hải đoàn|Quân chủng|Binh chủng)(?![\p{L}\p{M}])"
)
_LOWER_HEAD = regex.compile(
    r"(?:thành ủy|tỉnh ủy|huyện ủy|quận ủy|thị ủy|đảng ủy|đảng đoàn|chi bộ|đảng bộ|ban chấp hành|bộ chính trị"
    r"|ủy ban|hội đồng nhân dân)(?![\p{L}\p{M}])"
)
# departments that name the body they belong to after a comma or "thuộc" ("Vụ X, Bộ Y")
# a lower-case body word followed by the body's name: "Giám đốc bệnh viện Hùng Vương"
_LOWER_NAMED = regex.compile(r"(?:bệnh viện|công ty|trường|trung tâm|nhà máy|ngân hàng) (?=\p{Lu})")
_TOKEN = regex.compile(r"[^\s,;:()\"]+")
# degrees and honours written together before a name ("GS.TS.NGUT."): no organisation
_ABBREVIATED_RANKS = "|".join(
    regex.escape(r.rstrip(".")) for r in sorted(load_lexicon("ranks.txt"), key=len, reverse=True)
    if r.isupper() or "." in r
)
_RANK_RUN = regex.compile(rf"(?:{_ABBREVIATED_RANKS})(?:\.(?:{_ABBREVIATED_RANKS}))*\.?")
# verbs whose syllables also occur inside body names: "Phó Tư lệnh Quân khu phát biểu"
_VERB_AFTER = regex.compile(r"(?:phát biểu|phát động|biểu dương)(?![\p{L}\p{M}])")


def fallback_org(names: NameFinder, titles: regex.Pattern[str], text: str, p: int, field: bool = False) -> int:
    """End of the organisation phrase written at ``p`` (minimal delimiter), or ``p``; ``titles`` stops it.

    ``field``: the head implies the kind of body, so a capitalised field name may start it
    ("Bộ trưởng Giao thông Vận tải").
    """
    first = _TOKEN.match(text, p)
    if not first:
        return p
    word = first.group(0)
    if _RANK_RUN.fullmatch(word):
        return p
    if word == "nước" or (word in ("Nhà", "nhà") and text.startswith("nước", first.end() + 1)):
        return p  # "Chủ tịch nước" is a title of its own
    if not word[:1].isupper() and not _LOWER_HEAD.match(text, p) and not _LOWER_NAMED.match(text, p):
        return p
    # a capitalised word that is neither a body, a place nor an abbreviation is not an organisation
    # ("đại biểu Phương": a name)
    if not (
        (field and word[:1].isupper() and not names.starts_name(text, p))
        or ORG_HEAD.match(text, p) or _LOWER_NAMED.match(text, p) or _LOWER_HEAD.match(text, p)
        or names.place_at(text, p)
        or regex.match(r"\p{Lu}[\p{Lu}\d&.-]+(?![\p{Ll}])|\p{Lu}\p{Ll}*\.\p{Lu}", word)
        or normalize_key(word) in ("hồ", "tp")
    ):
        return p
    end = q = p
    lowers = 0
    state = "org"  # "org": inside the body's name; "admin": after tỉnh/huyện; "place": after a place
    head = ORG_HEAD.match(text, p)
    if head is not None and " " in head.group(0) and head.end() < len(text) and text[head.end()] == " ":
        end, q = head.end(), head.end() + 1  # a head of several words: "Quân chủng Hải quân", "Bộ Chỉ huy ..."
    while q < len(text):
        low = _LOWER_HEAD.match(text, q)
        if low:
            end = q = low.end()
            state, lowers = "org", 0
            if q >= len(text) or text[q] != " ":
                break
            q += 1
            continue
        tok = _TOKEN.match(text, q)
        if not tok:
            break
        w = tok.group(0)
        dot = w.endswith(".") and w not in ("TP.", "Tp.")
        if w.endswith("."):
            w = w[:-1]
        wend = tok.start() + len(w)
        if q > p and titles.match(text, q):
            break
        for lead_word in ("Thành phố ", "Thủ đô "):
            if text.startswith(lead_word, q):
                w, wend = "thành phố", q + len(lead_word) - 1
        if (w[:1].isupper() or "&" in w) and w != "thành phố":
            if names.starts_name(text, q):
                break
            if state != "admin" and normalize_key(text[q : q + 11]) == "hồ chí minh":
                break  # "Chủ tịch Hồ Chí Minh": the person, not a city
            place = names.place_at(text, q)
            if state == "place" and not ORG_HEAD.match(text, q):
                break
            if place:
                wend = place
                state = "place"
            elif state == "admin":
                state = "place" if names.is_surname(w) else "admin"
            else:
                state = "org"
            lowers = 0
            end = wend
        elif w in _ADMIN or (w == "thành" and text.startswith("thành phố", q)):
            if w == "thành":
                wend = q + len("thành phố")
            if state == "admin" and w != "thành phố":
                break
            state = "admin"
            end = wend
        elif w[:1].isdigit() and state == "org" and end > p:
            end = wend
        elif state == "org" and lowers < 6 and w.casefold() in _ORG_LOWER and not _VERB_AFTER.match(text, q):
            lowers += 1
            if w != "và" and w != "&":
                end = wend
            elif not regex.match(r" \p{Lu}", text[wend : wend + 2]):
                break
        else:
            break
        q = wend
        if dot or q >= len(text) or text[q] != " ":
            break
        q += 1
    return end


# the staff of a commune's people's committee, named after the commune: "cựu kế toán xã Sơn Giang"
_COMMUNE_STAFF = frozenset(("kế toán", "thủ quỹ"))
_UNIT = regex.compile(r"(tỉnh|thành phố|TP\.?|Tp\.?|huyện|quận|thị xã|xã|phường) (?=\p{Lu})")
_PLACE_WORDS = regex.compile(r"\p{Lu}[\p{Ll}\p{M}]*(?: \p{Lu}[\p{Ll}\p{M}]*)?(?![\p{L}\p{M}\d])")
_HCM_AT = regex.compile(r"(?:Hồ Chí Minh|HCM)(?![\p{L}\p{M}])")
_COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy",
              "xã": "Đảng ủy xã", "phường": "Đảng ủy phường"}


def unit_body(names: NameFinder, text: str, p: int, title_key: str) -> tuple[int, str] | None:
    """ "chủ tịch tỉnh Hà Tĩnh", "Bí thư quận Thủ Đức": a chairman or secretary named after the unit he leads
    heads its people's committee or its party committee.  Returns (end, canonical organisation) or None."""
    if title_key not in ("chủ tịch", "phó chủ tịch", "bí thư", "phó bí thư") and title_key not in _COMMUNE_STAFF:
        return None
    unit = _UNIT.match(text, p)
    if unit is None:
        return None
    q = unit.end()
    word = unit.group(1).rstrip(".")
    word = "thành phố" if word in ("TP", "Tp") else word
    if _HCM_AT.match(text, q):
        end, place = _HCM_AT.match(text, q).end(), "Hồ Chí Minh"
        word = "thành phố"
    elif names.starts_name(text, q):
        return None  # "Chủ tịch TP Nguyễn Đức Chung": the city's chairman, then his name
    else:
        end = names.place_at(text, q)
        if not end:
            m = _PLACE_WORDS.match(text, q)
            if m is None:
                return None
            end = m.end()
        place = text[q:end]
    if "chủ tịch" in title_key or title_key in _COMMUNE_STAFF:
        return end, f"Ủy ban nhân dân {word} {place}"
    return end, f"{_COMMITTEE[word]} {place}"


_DELEGATION = regex.compile(
    r"(?i:đoàn) (?:(?i:đại biểu) (?:Quốc hội|QH)|ĐBQH)(?: (?i:khóa|khoá) [IVXLC]+)?"
    r"(?: (?P<unit>tỉnh|thành phố|TP\.?|Tp\.?) ?| )(?=\p{Lu})"
)


def delegation_at(names: NameFinder, text: str, p: int) -> tuple[int, str] | None:
    """ "đoàn Đại biểu Quốc hội khóa XIV TP.HCM", "Đoàn ĐBQH tỉnh Nghệ An": a province's National Assembly
    delegation (the term written inside is not part of its name).  Returns (end, canonical name) or None."""
    m = _DELEGATION.match(text, p)
    if m is None:
        return None
    q = m.end()
    hcm = regex.match(r"(?:TP\.? ?|Tp\.? ?)?(?:HCM|Hồ Chí Minh)(?![\p{L}\p{M}])|TPHCM(?![\p{L}\p{M}])", text[q:])
    if hcm:
        return q + hcm.end(), "Đoàn đại biểu Quốc hội thành phố Hồ Chí Minh"
    end = names.place_at(text, q)
    if not end or names.starts_name(text, q):
        return None
    place = text[q:end]
    unit = (m.group("unit") or "").rstrip(".")
    if unit in ("TP", "Tp"):
        unit = "thành phố"
    unit = unit or ("thành phố" if normalize_key(place) in _CITY_KEYS else "tỉnh")
    return end, f"Đoàn đại biểu Quốc hội {unit} {place}"


_CITY_KEYS = frozenset(("hà nội", "hải phòng", "đà nẵng", "cần thơ"))


_FIELD_WORD = regex.compile(r"[\p{Ll}\p{M}]+")
_FIELD_EXTRA = frozenset(
    ("đô", "thị", "pháp", "chế", "tôn", "thi", "đua", "khen", "thưởng", "tiếp", "công", "văn", "tham", "mưu")
)


def lower_field(text: str, p: int) -> int:
    """End of lower-case field words written at ``p`` after a body noun ("ban tôn giáo", "ban thi đua khen
    thưởng", "ban đô thị"), or ``p`` when none (at most five words, the last not a conjunction)."""
    q = end = p
    for _ in range(5):
        if q >= len(text) or text[q] != " ":
            break
        w = _FIELD_WORD.match(text, q + 1)
        if w is None or (w.end() < len(text) and text[w.end()].isalnum()):
            break
        word = w.group(0)
        if (word not in _ORG_LOWER and word not in _FIELD_EXTRA) or (word == "và" and end == p):
            break
        if word == "tiếp" and not text.startswith((" dân", " công dân"), w.end()):
            break  # "ban tiếp công dân", not "đoàn thanh tra tiếp ..."
        q = w.end()
        if word != "và":
            end = q
    return end


_TERM_UNIT = regex.compile(r"(?: (?i:khóa|khoá) [IVXLC]+)? (?:(tỉnh|thành phố|TP\.?|Tp\.?) ?)?(?=\p{Lu})")


def deputy_scope_end(names: NameFinder, text: str, p: int) -> int:
    """End of the term and constituency written after "đại biểu Quốc hội" at ``p`` ("khóa XIV tỉnh Sóc Trăng",
    "TP Hồ Chí Minh"), or ``p``; the organisation stays "Quốc hội" (GUIDELINE)."""
    m = _TERM_UNIT.match(text, p)
    if m is None:
        return p
    q = m.end()
    hcm = regex.match(r"(?:TP\.? ?|Tp\.? ?|[Tt]hành phố )?(?:Hồ Chí Minh|HCM)(?![\p{L}\p{M}])|TPHCM(?![\p{L}\p{M}])",
                      text[q:])
    if hcm:
        return q + hcm.end()
    if not m.group(1):
        return p  # a capitalised word right after "Quốc hội" without a unit word may be the deputy's name
    end = names.place_at(text, q)
    return end if end and not names.starts_name(text, q) else p
