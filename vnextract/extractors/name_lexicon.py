"""Word tables of personal-name recognition: place/street words, sentence starters, media names, compounds.

Closed-class words of the genre (not reviewed lexicons of entities, which live in ``vnextract/lexicons``).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

import regex

from vnextract.text.normalize import fold_tone_placement, normalize_key

__all__ = [
    "BLOCKERS", "COMPOUNDS", "CREDIT_NEVER_FIRST", "MEDIA", "NEVER_FIRST", "STARTERS", "TRAILING", "compound_words",
    "is_compound",
]

# words before a capitalised run that make it a place, street, school, event ... not a person
BLOCKERS = (
    "đường", "phố", "phố đi bộ", "tuyến phố",
    "phường", "xã", "quận", "huyện", "thị xã", "thị trấn", "Trường", "trường", "THPT", "THCS",
    "Tiểu học", "tiểu học", "Mầm non", "mầm non",
    "tàu", "Tàu", "giải", "Giải", "cầu", "Cầu", "Lăng", "lăng", "công viên", "Công viên", "khu", "Khu", "hẻm",
    "ngõ", "Ngõ", "Quảng trường", "quảng trường", "tượng đài", "Tượng đài", "Học viện", "học viện", "Bệnh viện",
    "bệnh viện", "chùa", "Chùa", "đền", "Đền", "làng", "thôn", "ấp", "bản", "Huyện", "Xã", "Phường", "Quận",
    "Đường", "Phố", "Nhà máy", "Công ty", "công ty", "Tập đoàn", "Quỹ", "Thủy điện", "sông", "Sông",
    "núi", "Núi", "Chợ", "chợ", "Bến", "bến", "Đoàn TNCS", "Đội TNTP", "Cung", "Nhà văn hóa", "Khu di tích",
    "khu di tích", "Bảo tàng", "bảo tàng", "Đại lộ", "đại lộ", "sân bay", "Sân bay", "Ga", "ga", "Đảo", "đảo",
    "Hồ", "Đèo", "đèo", "Đồi", "đồi", "Vịnh", "vịnh", "xóm", "khối", "tổ", "Thị trấn", "Thị xã", "tên",
    "giải thưởng", "Giải thưởng", "Giải báo chí", "Lăng", "Nhà tưởng niệm", "nhà tưởng niệm", "Đền thờ",
    "đền thờ", "Khu lưu niệm", "khu lưu niệm", "Bến cảng", "cảng", "Cảng", "Thư viện", "thư viện",
    "Nông trường", "nông trường", "quốc doanh", "Câu lạc bộ", "câu lạc bộ", "CLB",
)
# capitalised words that start sentences or headlines but never names
STARTERS = frozenset(
    w.casefold()
    for w in (
        "Theo", "Tại", "Với", "Cùng", "Khi", "Sau", "Trước", "Và", "Nhưng", "Còn", "Do", "Đây", "Đó", "Qua",
        "Về", "Để", "Thay", "Tuy", "Riêng", "Ngoài", "Trong", "Vì", "Nếu", "Như", "Ngày", "Sáng", "Chiều", "Tối",
        "Trưa", "Đêm", "Hôm", "Dự", "Gặp", "Cảm", "Chúc", "Mời", "Thưa", "Kính", "Gửi", "Ảnh", "Clip",
        "Video", "Nguồn", "Tin", "Bài", "Là", "Cả", "Các", "Những", "Mọi", "Này", "Kết", "Tham", "Báo",
        "Chủ", "Ông", "Bà", "Anh", "Chị", "Cô", "Thầy", "Cụ", "Chú", "Bác", "Em", "Cháu", "Được", "Đã", "Đang", "Sẽ",
        "Cho", "Có", "Không", "Bên", "Cũng", "Lúc", "Tháng", "Tuần", "Giai", "Nhiệm", "Đảng",
    )
)
# capitalised words that end a run but never a name: the next sentence started without a stop
TRAILING = (STARTERS - {"anh", "chị", "em", "cô", "sáng", "cả"}) | frozenset(
    ("tỉnh", "huyện", "xã", "phường", "quận", "đảng", "bộ", "sở", "ban", "cục", "báo", "đài", "thường", "trao",
     "tặng", "ngoài", "tổng")
)
MEDIA = frozenset(
    normalize_key(x)
    for x in (
        "Đại Đoàn Kết", "Nhân Dân", "Tuổi Trẻ", "Thanh Niên", "Lao Động", "Tiền Phong", "Dân Trí", "Người Lao Động",
        "Sài Gòn Giải Phóng", "Quân Đội Nhân Dân", "Công An Nhân Dân", "Minh Họa", "Tư Liệu", "Internet",
        "Báo Ảnh", "Thông Tấn Xã", "Việt Nam", "Đất Việt", "Pháp Luật", "Giáo Dục", "Thời Đại",
    )
)
# two-word compounds whose first syllable may close a capitalised run ("Đoàn Chủ tịch")
COMPOUNDS = frozenset(
    normalize_key(x)
    for x in (
        "Chủ tịch", "Bí thư", "Thường trực", "Thường vụ", "Trung ương", "Chính trị", "Quốc hội", "Nhân dân",
        "Thành phố", "Thành ủy", "Tỉnh ủy", "Huyện ủy", "Quận ủy", "Đảng ủy", "Đồng chí", "Chủ nhiệm", "Giám đốc",
        "Tổng giám", "Phó chủ", "Ủy viên", "Ủy ban", "Hội đồng", "Văn phòng", "Tổ chức", "Tuyên giáo", "Dân vận",
        "Nội chính", "Kinh tế", "Đại biểu", "Thủ tướng", "Bộ trưởng", "Thứ trưởng", "Trưởng ban", "Hội nghị",
        "Đại hội", "Chính phủ", "Cục trưởng", "Vụ trưởng", "Tổng bí", "Đảng đoàn", "Đảng bộ", "Chi bộ", "Công an",
        "Quân khu", "Tư lệnh", "Chính ủy", "Thanh tra", "Phó trưởng", "Chánh văn", "Tổng thư", "Thư ký", "Phó ban",
        "Trưởng đoàn", "Lãnh sự", "Đại sứ", "Bác sĩ", "Giáo sư", "Tiến sĩ", "Thạc sĩ", "Đại tướng", "Thượng tướng",
        "Trung tướng", "Thiếu tướng", "Đại tá", "Thượng tá", "Trung tá", "Thiếu tá", "Nhà giáo", "Anh hùng",
        "Trưởng phòng", "Chi cục", "Tổng cục", "Thành viên", "Phó thủ", "Nghệ sĩ", "Sinh thời", "Lễ kỷ",
        "Cộng sản", "Cộng hòa", "Dân chủ", "Xã hội", "Cấp cao", "Luật sư",
    )
)


# first syllables of bodies and places, never of a personal name written without a known surname
NEVER_FIRST = frozenset(
    w.casefold()
    for w in (
        "Đảng", "Bộ", "Sở", "Ban", "Cục", "Vụ", "Viện", "Báo", "Đài", "Hội", "Tổng", "Ủy", "Công", "Trung", "Quốc",
        "Nhà", "Thành", "Tỉnh", "Huyện", "Xã", "Phòng", "Văn", "Trường", "Học", "Bệnh", "Tòa", "Quân", "Sư", "Liên",
        "Mặt", "Chính", "Khu", "Tập", "Ngân", "Kho", "Cảng", "Sân", "Hiệp", "Trạm", "Đồn", "Chi", "Cổng", "Tạp",
        "Thông", "Hãng", "Cộng", "Đoàn", "Đội", "Lữ", "Tiểu", "Đại", "Hãng", "Tòa", "Viện", "Nghị", "Luật", "Quyết",
        "Chỉ", "Kế", "Đề", "Dự", "Chương", "Công", "Nhóm",
    )
)
CREDIT_NEVER_FIRST = frozenset(
    w.casefold() for w in (
        "Đảng", "Bộ", "Sở", "Ban", "Cục", "Vụ", "Viện", "Báo", "Đài", "Hội", "Ủy", "Tạp", "Cổng", "Hãng", "Tổng",
        "Học", "Bệnh", "Tòa", "Khu", "Sân",
    )
)


@cache
def compound_words() -> frozenset[str]:
    """Two-syllable words of the Vietnamese word list shipped with underthesea (``Viet74K.txt``), as
    normalised keys: "cách mạng", "lãnh đạo".  A capitalised syllable that forms one of them with the
    lower-case word after it ("các đồng chí Cách mạng lão thành") is no given name.  Empty when the
    list is missing (the rules then do without it)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(next(iter(spec.submodule_search_locations))) / "corpus" / "data" / "Viet74K.txt"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    two = [w.casefold() for w in text.splitlines() if w.count(" ") == 1]
    # the old tone placement ("hoà") folded as normalize_key does; only those lines need the work
    return frozenset(fold_tone_placement(w) if _OLD_TONE.search(w) else w for w in two)


_OLD_TONE = regex.compile(r"[ou][àáảãạèéẻẽẹỳýỷỹỵ](?![\p{L}])")


def is_compound(first: str, second: str) -> bool:
    """Whether ``first second`` is a two-syllable word of the list, in either spelling of a final i/y
    ("kĩ thuật" / "kỹ thuật")."""
    words = compound_words()
    a, b = normalize_key(first), normalize_key(second)
    return any(f"{x} {y}" in words for x in _final_i_y(a) for y in _final_i_y(b))


def _final_i_y(syllable: str) -> tuple[str, ...]:
    last = syllable[-1:]
    if last and last in _I_Y:
        return syllable, syllable[:-1] + _I_Y[last]
    return (syllable,)


_I_Y = dict(zip("iìíỉĩịyỳýỷỹỵ", "yỳýỷỹỵiìíỉĩị", strict=True))
