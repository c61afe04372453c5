"""Shared pieces of organisation parsing: the phrase tree (:class:`Node`, :class:`PlaceRef`) and the
regular-expression building blocks used by :mod:`.org_patterns` and :mod:`.org_names`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from vnextract.extractors.org_lexicon import Head

__all__ = ["LEGAL", "NOT_WORD", "STOP", "BareCheck", "L", "Node", "PlaceRef"]

L = r"[\p{L}\p{M}]"
# a word ends before a non-letter; a digit glued to a lower-case word ("Bộ Công an15." in a numbered
# list) ends it too, while codes keep theirs ("H5N1", "CA2", "VN30")
NOT_WORD = r"(?![\p{L}\p{M}&])(?!(?<=(?-i:[\p{Lu}\p{N}]))\p{N})"  # case-sensitive inside regex.I patterns
# legal forms after which an organisation name continues ("Công ty Cổ phần Đầu tư Long Biên")
LEGAL = frozenset({"Cổ phần", "TNHH", "MTV", "Thương mại Cổ phần", "Trách nhiệm hữu hạn", "Một thành viên"})
# function words and verbs that never continue an organisation's name
STOP = (
    "(?:thuộc|trực|của|và|với|tại|trong|cho|về|là|đã|đang|sẽ|được|bị|có|các|những|nhiệm|khóa|đến|từ|theo|"
    "để|khi|này|đó|cũng|vẫn|còn|đều|chỉ|phải|làm|nhận|gửi|báo|tổ|họp|năm|ngày|tháng|số|thì|mà|như|sau|trước|"
    "tỉnh|huyện|quận|xã(?! hội)|phường|thông|biết|nói|khẳng|nhấn|yêu|đề|kiến|phản|vừa|tiếp|ban|cổ)"
)
@dataclass(frozen=True, slots=True)
class PlaceRef:
    """The written scope of an organisation.

    ``word`` is the lower-case unit word (``tỉnh`` ...), ``Trung ương``, ``Việt Nam``,
    ``country`` or ``None`` for a bare name; ``name`` is ``None`` when elided ("UBND tỉnh").
    """

    start: int
    end: int
    word: str | None
    name: str | None
    level_only: bool = False  # "HĐND cấp thành phố": the level, meaning the article's own unit


@dataclass(frozen=True, slots=True)
class Node:
    """One organisation phrase as written (offsets into the normalised text)."""

    start: int
    end: int
    head: Head
    name: str | None = None
    place: PlaceRef | None = None
    parent: Node | None = None
    abbreviation: str | None = None
    detached: bool = False  # the parent follows "thuộc" and is not part of this mention
    suffix: str | None = None  # words after the scope ("Ban Chỉ đạo Trung ương *về phòng, chống tham nhũng*")
    of: bool = False  # the parent follows "của" and the name keeps it ("Ủy ban Tư pháp của Quốc hội")

    @property
    def bare(self) -> bool:
        """Head alone: no name, scope or parent."""
        return self.name is None and self.place is None and self.parent is None



# Callback deciding whether a capitalised bare name is a place in this document.
BareCheck = Callable[[str], bool]
