"""National Assembly deputies named in session reports: "đại biểu Nguyễn Văn A (Hà Nội)", "ĐB B (đoàn Bến Tre)".

Decision (GUIDELINE §1 counts "đại biểu Quốc hội" as a position): in a report of a National Assembly
session, "đại biểu"/"ĐB" written right before a personal name that is followed by the deputy's province in
parentheses names a deputy of the Quốc hội.  The position is the word as written ("đại biểu", "Đại biểu";
"ĐB" is expanded to the title "Đại biểu"), organisation "Quốc hội".  Both conditions are required:

- the passage mentions the National Assembly ("Quốc hội", "QH", "ĐBQH");
- the name is followed by "(Province)" or "(đoàn Province)" where Province is a known place or
  "Thành phố Hồ Chí Minh"/"TP.HCM".

"đại biểu" meaning a conference attendee ("các đại biểu dự hội nghị", "đại biểu Nguyễn Văn A, Giám đốc ...")
gets nothing: without the parenthesised province there is no position.  "các đại biểu A (X), B (Y)" shares
the title over the list (the linking pass shares a title after "các").
"""

from __future__ import annotations

import regex

from vnextract.extractors.names import NameFinder, NameMention
from vnextract.extractors.positions import PositionPhrase

__all__ = ["deputy_phrases"]

_ASSEMBLY = regex.compile(r"(?<![\p{L}\p{M}])(?:Quốc hội|QH|ĐBQH)(?![\p{L}\p{M}])")
_DEPUTY_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?P<t>[Đđ]ại biểu|ĐB) $")
_PROVINCE_AFTER = regex.compile(r" ?\((?:(?:đoàn|Đoàn|ĐBQH|đoàn ĐBQH|Đoàn ĐBQH) )?(?P<p>[^()]{2,40})\)")
_HCM = regex.compile(r"(?:(?:Thành phố|thành phố) |TP\.? ?|Tp\.? ?)(?:Hồ Chí Minh|HCM)|TPHCM")


def deputy_phrases(
    names: NameFinder, text: str, mentions: list[NameMention], phrases: list[PositionPhrase]
) -> list[PositionPhrase]:
    """Title phrases "đại biểu" for the deputies of ``text`` (normalised), not overlapping ``phrases``."""
    if not _ASSEMBLY.search(text):
        return []
    out: list[PositionPhrase] = []
    for m in mentions:
        if m.kind != "full" or m.prefix_start >= 0:
            continue
        before = _DEPUTY_BEFORE.search(text, max(0, m.start - 10), m.start)
        if before is None or any(p.start < m.start and before.start() < p.end for p in phrases):
            continue
        after = _PROVINCE_AFTER.match(text, m.end)
        if after is None:
            continue
        place = after.group("p")
        start = after.start("p")
        if not (_HCM.fullmatch(place) or names.place_at(text, start) == after.end("p")):
            continue
        a, b = before.span("t")
        title = "Đại biểu" if before.group("t") == "ĐB" else before.group("t")
        phrase = PositionPhrase(a, b, b, a, title, organization="Quốc hội", complete=True)
        out.append(phrase)
    return out
