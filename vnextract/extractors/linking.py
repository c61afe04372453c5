"""Linking titles to names: the patterns of the genre, over a sequence of items in text order.

Items are title phrases ("P"), name mentions ("N") and pronouns ("R").  The passes, in order:
title right before a name (shared over a list after a colon or "các đồng chí"), appositive chains after
a name, "T, ông A" at a sentence start, predicates ("A ... làm/là/giữ chức T", "T ... đối với ông A",
"khi làm T, ông A"), and bare titles sharing the body of the next title in a dash chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import regex

from vnextract.extractors.names import NameMention, load_lexicon
from vnextract.text.normalize import normalize_key

__all__ = ["TITLE_BEFORE_NAME", "Item", "link"]

# gaps between items
_TBN = regex.compile(r" ?(?:\(\p{Lu}[^()]{0,40}\) ?)?:? ?")  # title right before a name
TITLE_BEFORE_NAME = _TBN
_TBN_HON = regex.compile(r" ?(?:-|:)? ?")  # "cố Bí thư Thành ủy - ông Võ Trần Chí"
# a photo caption opening a line: "Phó Chủ tịch UBND tỉnh - Nguyễn Văn A trao quyết định"
_TBN_DASH = regex.compile(r" [-–] ")
_LINE_START = regex.compile(r"(?:^|\n)\s*$")
_PLAIN_LIST = regex.compile(r" ?(?:,|và|, và) ?")  # a plain list of names after "là các ông"
# "8 phó trưởng ban, gồm các ông A; B; C", "8 Phó Giám đốc gồm các ông bà: A, B"
# (the head may carry its term: "Các Ủy viên Ban Thường vụ Thành ủy khóa XVII, nhiệm kỳ 2025-2030 gồm các ông, bà:",
# and the list may be a column of bulleted lines)
_TBN_LIST = regex.compile(
    r" ?(?:\(?(?:(?:các |nhiệm )?(?:khóa|kỳ) [IVXLC\d]+)\)?)? ?,? ?(?:\(?nhiệm kỳ \d{4} ?[-–] ?\d{4}\)?)? ?,? ?"
    r"(?:gồm|bao gồm)(?: có)?(?: các (?:ông, bà|ông bà|ông|bà|đồng chí))? ?:? ?(?:\n\s*[-–•+] ?)?"
)
_TBN_LOOSE = regex.compile(r" ?, ?")  # "Tổng Lãnh sự Ấn Độ, ông Lah Thla Muana"
_SENTENCE_START = regex.compile(r"(?:^|[.!?:;\n\"] ?)$")
# "do Chủ tịch UBND tỉnh, ông A ký": the agent of a passive names the office holder the same way
_AGENT_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:do|bởi) $")
# name then its title, possibly after a birth date: "ông A, sinh ngày 18/4/1968, nguyên Giám đốc ..."
# (or a rank written after the name: "Lê Hồng Anh - Đại tướng, Bộ trưởng Bộ Công an")
_BORN = r"(?:sinh|SN) (?:ngày |năm )?(?:[\d/.-]{4,10}|\d{1,2} tháng \d{1,2},? năm \d{4})(?: tại [^,()]{1,40})?"
_RANK_AFTER = "|".join(
    regex.escape(r) for r in sorted(load_lexicon("ranks.txt"), key=len, reverse=True) if " " in r
)
_APPOS = regex.compile(
    r"(?: ?\(\p{Lu}[^()]{0,30}\)|\))?"  # a nickname or a home province: "Lê Quang Thẩm (Tám Thẩm), nguyên ..."
    r"(?: ?\((?:tức|bí danh) [^()]{1,30}\))?"  # "Nguyễn Văn A (tức Ba A), Chủ tịch HĐQT ..."
    rf" ?(?:, {_BORN}|, \d{{2,3}} tuổi|, (?:là )?đảng viên| ?(?:,|-) ?(?:{_RANK_AFTER})(?= ?,)"
    # the particulars of court and police reports: "Nguyễn Văn A (55 tuổi, quê tỉnh Bắc Ninh, Phó Tổng Giám đốc ...)"
    r"| ?\((?:\d{2,3} tuổi|SN \d{4}|sinh năm \d{4})(?:, (?:quê|trú|ngụ|thường trú)(?: tại)? [^,()]{1,40})*,)?"
    r" ?(?:,|-|\(|:)? ?"
)
_TERM = r"(?:(?:các |nhiệm )?(?:khóa|kỳ) [IVXLC\d]+(?:(?:, |; | và | - |-)[IVXLC\d]+)*|nhiều khóa)"
_CHAIN = regex.compile(  # title then title ("Cục trưởng Cục X (Thanh tra Chính phủ) - Trưởng đoàn")
    rf" ?\)? ?{_TERM}? ?\)? ?(?:\(\p{{Lu}}[^()]{{0,40}}\) ?)?(?:,|-|\(|và|kiêm|, kiêm|/|rồi)? ?(?:kiêm )?"
    # "bổ sung Ủy viên Ban Chấp hành, Ủy viên Ban Thường vụ và giữ chức danh Chủ tịch LĐLĐ tỉnh"
    r"(?:,? ?và giữ chức(?: danh| vụ)? )?"
)
# a career list: "Ủy viên Trung ương Đảng khóa X, XI; Ủy viên Bộ Chính trị khóa XI; Đại biểu Quốc hội ..."
_CHAIN_TERM = regex.compile(rf" ?\(?{_TERM}\)? ?; ?")
# "khi là Chủ tịch UBND tỉnh, ông A ...": the subject follows the clause
_PREDICATE_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])(?:là|làm|giữ chức(?: vụ)?|cương vị|vai trò(?: là)?|nhậm chức) $")
_SUBJECT_AFTER = regex.compile(r" ?(?:…|\.\.\.)? ?, ?")
# "Bí thư Tỉnh ủy khi đó là ông A", "Giám đốc Sở hiện nay là ông B": the title's holder follows
# ("3 Phó Bí thư khác là A, B, C": a counted title is shared by the list)
_HELD_BY = regex.compile(r" (?:(?:hiện nay|hiện|khi đó|lúc đó|lúc này|nay|trước đó|khác) )?là ")
# "trao quyết định phân công làm Bí thư Thành ủy cho ông A": the office goes to A, not to the subject
_GIVEN_TO = regex.compile(r" cho ")
_REPLACES = regex.compile(r" ?,? ?thay (?:cho )?")
_LIST = regex.compile(r" ?(?:\([^()]{1,20}\))? ?(?:,|;|và|, và) ?")  # name then name in a list
# the next entry of a shared list: after a separator, or on the next bulleted line
# ("- Ông A (SN 1974, quê X)\n- Bà B ...")
_LIST_NEXT = regex.compile(
    r" ?(?:\([^()\n]{1,60}\))? ?\)? ?(?:(?:,|;|và|, và) ?|[.;,]? ?\n\s*[-–•+] ?)"
)
# a stop inside an abbreviation ("TP.HCM") ends no sentence
_NOT_STOP = r"(?:[^.;!?\"\n]|\.(?=[\p{L}\d]))"
_PREDICATE = regex.compile(
    _NOT_STOP + r"{0,60}?(?<![\p{L}\p{M}])(?:làm|là|giữ chức(?: vụ)?|giữ cương vị|cương vị|chức vụ|nhiệm vụ"
    r"|đảm nhiệm(?: chức vụ| vị trí| cương vị)?|vị trí|chức|nhậm chức|giữ|sang|lên|trọng trách|chức danh"
    r"|tái đắc cử|đắc cử|tái cử|trúng cử)"
    # "đã trải qua các vị trí công tác như: ...", "từng giữ các chức vụ quan trọng sau: ..."
    r"(?: (?:công tác|lãnh đạo|quan trọng|chủ chốt))?(?: (?:như|gồm|sau))? ?:? ?"
)
# a career list ("đã trải qua các chức vụ: T1; T2; T3"): every office in it, separated by ";" too, is the subject's
_CAREER = regex.compile(r"(?<![\p{L}\p{M}])(?:chức vụ|vị trí|trải qua|kinh qua)(?![\p{L}\p{M}])")
_CAREER_NEXT = regex.compile(r" ?\)? ?; ?(?:và |rồi )?")
# "Ông A được Ban Bí thư điều động, chỉ định tham gia Ban Chấp hành, Ban Thường vụ và giữ chức T": the verbs that
# name an office reach further back to their subject
_TAKES_OFFICE = regex.compile(
    _NOT_STOP + r"{0,120}?(?<![\p{L}\p{M}])(?:giữ chức|đảm nhiệm chức)(?: vụ| danh)? ?:? ?"
)
_PREDICATE_FORMER = regex.compile(r"thôi|nguyên là|từng|trước đây|cách chức|miễn nhiệm|nghỉ hưu|trải qua|kinh qua")
# an office someone is only proposed for: "giới thiệu ông A để bầu giữ chức T", "dự kiến giữ chức T"
_FUTURE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:giới thiệu|đề cử|dự kiến|ứng cử|sẽ (?!thôi)|để (?:[\p{L}\p{M}]+ ){0,4}?"
    r"(?:bầu|hiệp thương|cử|ứng cử|giữ chức))(?![\p{L}\p{M}])"
)
_OF_BEFORE = regex.compile(r"(?<![\p{L}\p{M}])của (?:[\p{Ll}\p{M}]+ ){0,2}$")
_SAYS = regex.compile(
    r" (?:cho biết|cho rằng|cho hay|khẳng định|nói|nhấn mạnh|phát biểu|giải thích|giải trình|trả lời|đề nghị|yêu cầu"
    r"|nêu rõ|nêu|lý giải|thông tin|bày tỏ|chúc mừng|cảm ơn|hoan nghênh|đánh giá cao|mong muốn|chia sẻ)\b"
)
# a sentence opening on a meeting with the named person: "Tiếp Đại sứ Ai Cập A, Chủ tịch nước bày tỏ ..." (the bare
# title after A is the subject of the main clause)
_MEETS = regex.compile(
    r"(?:^|[.!?\n] ?)(?:Khi |Trong buổi |Tại buổi )?(?:tiếp|gặp|hội kiến|hội đàm với|điện đàm với|tiếp xúc với"
    r"|làm việc với|trao đổi với|thăm)(?= )",
    flags=regex.I,
)
_KIN_BEFORE = regex.compile(
    r"(?<![\p{L}\p{M}])(?:chồng|vợ|con trai|con gái|con|bố|mẹ|cha|em trai|em gái|anh trai|chị gái|cháu)"
    r" (?:ruột )?(?:của )?$"
)
_CAPITAL_PRONOUNS = ("Ông ", "Bà ", "Đồng chí ", "Anh ", "Chị ")  # capitalised only at a sentence start
_TOWARDS = regex.compile(_NOT_STOP + r"{0,50}?(?<![\p{L}\p{M}])đối với ?")
# "các đồng chí", "các ông" before a title, or "các" right before it ("các đại biểu A (X), B (Y)")
_PLURAL_BEFORE = regex.compile(r"(?:các|hai|ba|những)(?: (?:đồng chí|ông|bà|vị))?(?: nguyên)? ?$", flags=regex.I)


@dataclass(slots=True)
class Item:
    """A title phrase ("P"), a name mention ("N") or a pronoun ("R") at text[start:end]."""

    start: int
    end: int
    kind: str  # "P" phrase, "N" name, "R" pronoun
    ref: object
    owners: list[int] = field(default_factory=list)  # name-item indexes a phrase is given to
    former_owners: list[int] = field(default_factory=list)  # owners who no longer hold it
    former: bool = False


def _mention_of(item: Item) -> NameMention | None:
    return item.ref if item.kind == "N" else None  # type: ignore[return-value]


def _new_subject(text: str, name: Item, phrase: Item) -> bool:
    """ "... của ông Cự, Tổng thư ký cho biết": a bare title after a short reference, right before a verb of saying,
    is the subject of a new clause (another person), not an apposition."""
    m = _mention_of(name)
    ph = phrase.ref
    if m is None or getattr(ph, "org_start", -1) >= 0 or not _SAYS.match(text, phrase.end):
        return False
    if _OF_BEFORE.search(text, max(0, m.lead - 24), m.lead):
        return True  # "Về ý kiến của đại biểu A, Phó Thủ tướng nêu rõ": the minister answers A
    opening = max(text.rfind(c, 0, m.lead) for c in ".!?\n")
    if _MEETS.match(text, opening if opening >= 0 else 0) and not getattr(ph, "organization", None) and (
        m.lead - opening < 120
    ):
        return True  # "Tiếp Đại sứ A, Chủ tịch nước bày tỏ": the host speaks
    return m.kind == "short" and not getattr(ph, "organization", None) and not getattr(ph, "complete", True)


# between a title and the name it introduces ("Chủ tịch Ủy ban Trung ương MTTQ (MTTQ) Việt Nam Nguyễn Thiện Nhân")
_TITLED = regex.compile(r"(?: |\p{Lu}[\p{L}\p{M}.]*|\([^()]{0,20}\)){0,8}")
# on behalf of another office holder: "Thừa ủy quyền của Thủ tướng, Tổng Thanh tra Chính phủ A"
_OF_TITLE = regex.compile(r"(?<![\p{L}\p{M}])(?i:ủy quyền(?: của)?|thừa lệnh(?: của)?|thay mặt) $")
_AND = regex.compile(r"(?<![\p{L}\p{M}])và(?![\p{L}\p{M}])")


def _fits_gap(text: str, items: list[Item], rx: regex.Pattern[str], a: int, b: int) -> bool:
    s, e = items[a].end, items[b].start
    return s <= e and rx.fullmatch(text, s, e) is not None


def _own_part(text: str, items: list[Item], chain: list[int]) -> list[int]:
    """The part of a title chain right before a name that is that name's: when the chain opens as the apposition of
    an earlier name ("A, Phó Thủ tướng, Bộ trưởng X và Bộ trưởng Y B"; "A, Thứ trưởng Bộ X, Bí thư Tỉnh ủy Y B"), the
    later name keeps the titles after the last "và", or only the one right before it.  A name whose own title is
    written before it takes no apposition: the titles after it open the next entry."""
    for i in range(len(chain) - 1):
        if _OF_TITLE.search(text, max(0, items[chain[i]].start - 16), items[chain[i]].start):
            return _own_part(text, items, chain[i + 1 :])
    first = chain[0]
    if len(chain) < 2 or first < 1 or items[first - 1].kind != "N":
        return chain
    if not _fits_gap(text, items, _APPOS, first - 1, first):
        return chain
    if first >= 2 and items[first - 2].kind == "P" and _fits_gap(text, items, _TITLED, first - 2, first - 1):
        return chain  # "Chủ tịch QH A, Phó Thủ tướng – Bộ trưởng X B": A's title is written before A
    for i in range(len(chain) - 1, 0, -1):
        if _AND.search(text, items[chain[i - 1]].end, items[chain[i]].start):
            return chain[i:]
    return chain[-1:]


def _career_chain(text: str, items: list[Item], chain: list[int], forward: object) -> list[int]:
    """A career list goes on over ";" ("Phó Chủ tịch, Chủ tịch UBND huyện X; Chánh Văn phòng Tỉnh ủy; ...")."""
    while True:
        nxt = chain[-1] + 1
        if nxt >= len(items) or items[nxt].kind != "P" or items[nxt].owners:
            return chain
        if not _fits_gap(text, items, _CAREER_NEXT, chain[-1], nxt):
            return chain
        chain = chain + forward(nxt)  # type: ignore[operator]


# "miễn nhiệm chức danh Ủy viên UBND thành phố đối với: nguyên Giám đốc Sở X A, nguyên Chánh Thanh tra B và C"
_TOWARDS_LIST = regex.compile(_NOT_STOP + r"{0,60}?(?<![\p{L}\p{M}])đối với ?:? ?")
_LIST_LIGHT = regex.compile(r" ?\)? ?(?:\([^()]{0,60}\))? ?(?:,|và|, và|-|–|\() ?")
_REMOVED_FROM = regex.compile(
    r"(?<![\p{L}\p{M}])(?:miễn nhiệm|bãi nhiệm|cách chức|cho thôi|thôi giữ|thôi làm)(?: (?:chức danh|chức vụ|chức))? ?$"
)


def _towards_list(text: str, items: list[Item]) -> None:
    """ "T ... đối với: [T1] A, [T2] B và [T3] C": the office goes to every person of the list, each perhaps written
    with an office of their own; removed from it ("miễn nhiệm", "cách chức"), they held it before."""
    n = len(items)
    for k in range(n - 1):
        if items[k].kind != "P" or items[k].owners or not _fits_gap(text, items, _TOWARDS_LIST, k, k + 1):
            continue
        names: list[int] = []
        for i in range(k + 1, n):
            if i > k + 1:
                if items[i - 1].kind == "P" and items[i].kind != "N":
                    ok = _fits_gap(text, items, _CHAIN, i - 1, i)
                elif items[i - 1].kind == "P":
                    ok = _fits_gap(text, items, _TBN, i - 1, i)
                else:
                    ok = _fits_gap(text, items, _LIST_LIGHT, i - 1, i)
                if not ok:
                    break
            if items[i].kind == "N":
                names.append(i)
            elif items[i].kind != "P":
                break
        if not names:
            continue
        chain = [k]
        while chain[0] > 0 and items[chain[0] - 1].kind == "P" and not items[chain[0] - 1].owners and _fits_gap(
            text, items, _CHAIN, chain[0] - 1, chain[0]
        ):
            chain.insert(0, chain[0] - 1)
        first = items[chain[0]].start
        removed = bool(_REMOVED_FROM.search(text, max(0, first - 30), first))
        for c in chain:
            items[c].owners = list(names)
            items[c].former = items[c].former or removed


# a pair without "các" shares only an appointment, not a "là" ("ông Dũng và ông Bắc là Giám đốc": Bắc's)
_APPOINTED = regex.compile(
    r"(?<![\p{L}\p{M}])(?:bầu|cử|bổ nhiệm|chỉ định|phê chuẩn|điều động|giữ chức|đảm nhiệm)(?![\p{L}\p{M}])"
)
_MEMBER_NEXT = regex.compile(rf" ?(?:{_TERM})? ?\)? ?(?:,|;|và|, và) ?")


def _plural_predicate(text: str, items: list[Item]) -> None:
    """ "Các ông A (T1), B (T2) và C (T3) được bầu làm T", "Ông A, T1 và ông B, T2 được bầu giữ chức T": the
    predicate's office is every listed person's, not only the last one's."""
    n = len(items)
    for k in range(n):
        m = _mention_of(items[k])
        if m is None:
            continue
        group, j = [k], k
        while True:
            nxt = j + 1
            while nxt < n and items[nxt].kind == "P" and items[nxt].owners == [j]:
                nxt += 1
            if nxt < n and items[nxt].kind == "N" and _fits_gap(text, items, _MEMBER_NEXT, nxt - 1, nxt):
                group.append(nxt)
                j = nxt
                continue
            break
        if len(group) < 2:
            continue
        if not m.plural and (len(group) != 2 or not _AND.search(text, items[group[1] - 1].end, items[group[1]].start)):
            continue  # without "các": only "ông A, T1 và ông B, T2 được bầu giữ chức T"
        last = group[-1]
        i = last + 1
        while i < n and items[i].kind == "P" and items[i].owners == [last]:
            if _fits_gap(text, items, _PREDICATE, i - 1, i) and not _fits_gap(text, items, _CHAIN, i - 1, i) and (
                m.plural or _APPOINTED.search(text, items[i - 1].end, items[i].start)
            ):
                while i < n and items[i].kind == "P" and items[i].owners == [last]:
                    items[i].owners = list(group)
                    i += 1
                break
            i += 1


_COMMITTEES = ("ban chấp hành", "ban thường vụ")
# units whose party committee is written "Đảng ủy" alone before the unit's own office: "Bí thư Đảng ủy, Chính trị viên
# Đồn Biên phòng X", "Bí thư Đảng ủy, Giám đốc Bệnh viện Y" (not a commune's: "Bí thư Đảng ủy, Chủ tịch HĐND xã")
_UNIT_WITH_COMMITTEE = regex.compile(
    r"(?:đồn|bộ chỉ huy|ban chỉ huy|bộ tư lệnh|quân khu|quân chủng|binh chủng|sư đoàn|lữ đoàn|trung đoàn|bộ đội"
    r"|tập đoàn|tổng công ty|công ty|ngân hàng|bệnh viện|trường|học viện|đại học|viện|sở|cục|tổng cục|công an) "
)


def _committees_of_chain(text: str, items: list[Item]) -> None:
    """ "Ủy viên Ban Chấp hành, Ủy viên Ban Thường vụ và giữ chức danh Chủ tịch LĐLĐ tỉnh X": an executive or standing
    committee (or a unit's "Đảng ủy") written without its body, in one person's chain of offices, is the committee
    of the body that a later office of the chain names."""
    n = len(items)
    for k in range(n - 1):
        ph = items[k].ref
        if items[k].kind != "P" or not items[k].owners:
            continue
        bare = normalize_key(ph.organization or "")
        if bare not in _COMMITTEES and bare != "đảng ủy":
            continue
        j = k
        while j + 1 < n and items[j + 1].kind == "P" and items[j + 1].owners == items[k].owners and _fits_gap(
            text, items, _CHAIN, j, j + 1
        ):
            j += 1
            body = normalize_key(items[j].ref.organization or "")
            if not body or body in _COMMITTEES or (bare == "đảng ủy" and not _UNIT_WITH_COMMITTEE.match(body)):
                continue
            org = items[j].ref.organization
            for c in _COMMITTEES:
                if body.startswith(c + " "):
                    org = org[len(c) + 1 :]
            ph.organization = f"{ph.organization} {org}"
            ph.mention = None
            break


def link(text: str, items: list[Item]) -> None:
    """Give each title phrase item to the name items it belongs to, following the genre's patterns."""
    n = len(items)

    def gap(a: int, b: int) -> tuple[int, int]:
        return items[a].end, items[b].start

    def fits(rx: regex.Pattern[str], a: int, b: int) -> bool:
        s, e = gap(a, b)
        return s <= e and rx.fullmatch(text, s, e) is not None

    def is_name(k: int) -> bool:
        return 0 <= k < n and items[k].kind == "N"

    def is_phrase(k: int) -> bool:
        return 0 <= k < n and items[k].kind == "P"

    def chain_forward(k: int) -> list[int]:
        out = [k]
        while is_phrase(out[-1] + 1) and not items[out[-1] + 1].owners and (
            fits(_CHAIN, out[-1], out[-1] + 1) or fits(_CHAIN_TERM, out[-1], out[-1] + 1)
        ):
            out.append(out[-1] + 1)
        return out

    # A. title right before a name (and shared over a list after a colon or "các đồng chí")
    for k in range(n):
        if not is_name(k) or not is_phrase(k - 1):
            continue
        mk = _mention_of(items[k])
        listed = fits(_TBN_LIST, k - 1, k)
        first_p = items[k - 1].start
        caption = fits(_TBN_DASH, k - 1, k) and _LINE_START.search(text, max(0, first_p - 2), first_p)
        if not (fits(_TBN, k - 1, k) or listed or caption or (
            mk and mk.prefix_start >= 0 and fits(_TBN_HON, k - 1, k)
        )):
            continue
        if mk and mk.prefix_start >= 0 and text.startswith(_CAPITAL_PRONOUNS, mk.prefix_start) and not text[
            items[k - 1].end : mk.prefix_start
        ].strip():
            continue  # "... nhận nhiệm vụ Phó Ban Kinh tế Trung ương Ông Nguyễn Văn Bình, ...": a new sentence
        chain = [k - 1]
        while is_phrase(chain[0] - 1) and fits(_CHAIN, chain[0] - 1, chain[0]):
            before = items[chain[0] - 1].start
            if text[items[chain[0] - 1].end : items[chain[0]].start].strip() == "" and _PREDICATE_BEFORE.search(
                text, max(0, before - 16), before
            ):
                break  # "... giữ chức Bí thư TP.HCM Chủ tịch Quốc hội Nguyễn Thị Kim Ngân": a headline ran on
            chain.insert(0, chain[0] - 1)
        chain = _own_part(text, items, chain)
        if any(items[c].owners for c in chain):
            continue
        targets = [k]
        s, e = gap(k - 1, k)
        shared = listed or ":" in text[s:e] or bool(_PLURAL_BEFORE.search(text, max(0, items[chain[0]].start - 30),
                                                                 items[chain[0]].start))
        if shared:
            j = k
            while True:
                nxt = j + 1
                while is_phrase(nxt) and fits(_APPOS if nxt == j + 1 else _CHAIN, nxt - 1, nxt):
                    nxt += 1
                if is_name(nxt) and (fits(_LIST, nxt - 1, nxt) or fits(_LIST_NEXT, nxt - 1, nxt)):
                    targets.append(nxt)
                    j = nxt
                    continue
                if is_name(nxt) and nxt - 1 > j and fits(_TBN, nxt - 1, nxt) and ":" in text[s:e]:
                    # "Ủy viên Trung ương Đảng: A, Thứ trưởng Bộ X, Bí thư Tỉnh ủy Y B": B's entry opens with his title
                    targets.append(nxt)
                    j = nxt
                    continue
                break
        for c in chain:
            items[c].owners = list(targets)
    # A2. a title (chain) then "là ông A": "Bí thư Tỉnh ủy khi đó là ông A"
    for k in range(n):
        if not is_name(k) or not is_phrase(k - 1) or items[k - 1].owners or not fits(_HELD_BY, k - 1, k):
            continue
        chain = [k - 1]
        while is_phrase(chain[0] - 1) and not items[chain[0] - 1].owners and fits(_CHAIN, chain[0] - 1, chain[0]):
            chain.insert(0, chain[0] - 1)
        if is_name(chain[0] - 1) and fits(_APPOS, chain[0] - 1, chain[0]):
            continue  # "ông B, Giám đốc Sở là ông C ...": B's apposition
        targets = [k]
        mk = _mention_of(items[k])
        first = items[chain[0]].start
        counted = bool(_COUNTED_BEFORE.search(text, max(0, first - 20), first))
        while mk is not None and (mk.plural or counted) and is_name(targets[-1] + 1) and fits(
            _PLAIN_LIST, targets[-1], targets[-1] + 1
        ):
            targets.append(targets[-1] + 1)  # "hai đội phó là các ông A và B" (the list ends at "và")
            if "và" in text[slice(*gap(targets[-2], targets[-1]))]:
                break
        for c in chain:
            items[c].owners = list(targets)
    # B. appositive chains after a name ("Name, T1, T2 và T3"), shared by a plural list
    for k in range(n):
        if not is_name(k):
            continue
        group = [k]
        m0 = _mention_of(items[k])
        if m0 is not None and m0.plural:
            j = k
            while is_name(j + 1) and fits(_LIST, j, j + 1):
                group.append(j + 1)
                j += 1
        last = group[-1]
        if not is_phrase(last + 1) or items[last + 1].owners or not fits(_APPOS, last, last + 1):
            continue
        if _new_subject(text, items[last], items[last + 1]):
            continue
        for c in chain_forward(last + 1):
            items[c].owners = list(group)
    # C. a title chain then ", ông Name"
    for k in range(n):
        if not is_name(k) or not is_phrase(k - 1) or items[k - 1].owners:
            continue
        m = _mention_of(items[k])
        if m is None or m.prefix_start < 0 or not fits(_TBN_LOOSE, k - 1, k):
            continue
        chain = [k - 1]
        while is_phrase(chain[0] - 1) and not items[chain[0] - 1].owners and fits(_CHAIN, chain[0] - 1, chain[0]):
            chain.insert(0, chain[0] - 1)
        first = items[chain[0]].start
        opening = _SENTENCE_START.search(text, max(0, first - 3), first)
        if not (opening or _AGENT_BEFORE.search(text, max(0, first - 5), first)):
            continue
        for c in chain:
            items[c].owners = [k]
    # D. predicates: "Name ... làm/là/giữ chức T", "T ... đối với ông Name"
    last_person = -1
    for k in range(n):
        it = items[k]
        if it.kind == "N":
            last_person = k
        owner = k if it.kind == "N" else (last_person if it.kind == "R" and last_person >= 0 else -1)
        if owner < 0:
            continue
        kin = _KIN_BEFORE.search(text, max(0, it.start - 20), it.start) if owner == k and is_name(k - 1) else None
        if kin and text[items[k - 1].end : kin.start()] in (", ", ","):
            owner = k - 1  # "ông A, chồng bà B, làm giám đốc ...": B is named for A, who is the subject
        j = k + 1
        while True:
            while is_phrase(j) and owner in items[j].owners:
                j += 1
            if not is_phrase(j) or items[j].owners or not (fits(_PREDICATE, j - 1, j) or fits(_TAKES_OFFICE, j - 1, j)):
                break
            s, e = gap(j - 1, j)
            if _FUTURE.search(text, s, e):
                break
            former = bool(_PREDICATE_FORMER.search(text, s, e))
            chain = chain_forward(j)
            if _CAREER.search(text, s, e):
                chain = _career_chain(text, items, chain, chain_forward)
            given = chain[-1] + 1
            if is_name(given) and fits(_GIVEN_TO, chain[-1], given) and _mention_of(items[given]).prefix_start >= 0:
                for c in chain:
                    items[c].owners = [given]
                j = given
                continue
            for c in chain:
                items[c].owners = [owner]
                items[c].former = items[c].former or former
            # "cử ông A làm Chủ tịch thay ông B": B held it before
            after = chain[-1] + 1
            if is_name(after) and fits(_REPLACES, chain[-1], after):
                for c in chain:
                    items[c].owners.append(after)
                    items[c].former_owners.append(after)
            j = after
    _plural_predicate(text, items)
    _towards_list(text, items)
    for k in range(n):
        if not is_name(k) or not is_phrase(k - 1) or items[k - 1].owners:
            continue
        towards = fits(_TOWARDS, k - 1, k)
        if not towards and not fits(_SUBJECT_AFTER, k - 1, k):
            continue
        chain = [k - 1]
        while is_phrase(chain[0] - 1) and not items[chain[0] - 1].owners and fits(_CHAIN, chain[0] - 1, chain[0]):
            chain.insert(0, chain[0] - 1)
        first = items[chain[0]].start
        if towards or _PREDICATE_BEFORE.search(text, max(0, first - 16), first):
            for c in chain:
                items[c].owners = [k]
    # E. a title over a list of people each with their own offices: "Các đồng chí Ủy viên Bộ Chính trị: Chủ tịch
    # Quốc hội A; Bí thư Trung ương Đảng B ...", "Ba Phó ban kiêm nhiệm gồm: ông A, Bộ trưởng ...; ông B, ..."
    for k in range(n):
        if not is_phrase(k) or items[k].owners:
            continue
        nxt = k + 1
        if not (is_phrase(nxt) or is_name(nxt)):
            continue
        s, e = gap(k, nxt)
        head = _LIST_HEAD.fullmatch(text, s, e)
        if head is None:
            continue
        before = items[k].start
        if not head.group(1) and not _COUNTED_BEFORE.search(text, max(0, before - 20), before):
            continue
        stop = _STOP.search(text, items[k].end)
        limit = stop.start() if stop else len(text)
        names = [j for j in range(nxt, n) if items[j].start < limit and is_name(j)]
        if len(names) >= 2:
            items[k].owners = names
    # "Giám đốc Sở Nội vụ là ông A; 8 Phó Giám đốc gồm các ông B, C": a bare deputy title right after the
    # head's title of a body names the same body
    for k in range(n):
        if not is_phrase(k) or not items[k].owners:
            continue
        ph = items[k].ref
        if ph.organization is not None or ph.complete or ph.org_start >= 0 or not _DEPUTY_WORDS.match(ph.title):
            continue
        base = _base_title(ph.title)
        for j in range(k - 1, -1, -1):
            if items[k].start - items[j].end > _SAME_BODY_WINDOW or text.count("\n", items[j].end, items[k].start):
                break
            other = items[j].ref if is_phrase(j) else None
            if other is not None and other.organization and _base_title(other.title) == base:
                ph.organization = other.organization
                break
    _committees_of_chain(text, items)
    # "Phó chủ tịch - Tổng thư ký Ủy ban Trung ương MTTQ": a bare title shares the next one's body
    for k in range(n - 1):
        if is_phrase(k) and is_phrase(k + 1) and items[k].owners and items[k].owners == items[k + 1].owners:
            a, b = items[k].ref, items[k + 1].ref
            s, e = gap(k, k + 1)
            _shared_scope(text, a, b, text[s:e])
            if a.organization is None and not a.complete and b.organization and regex.fullmatch(
                r" ?(?:-|kiêm) ?", text[s:e]
            ):
                a.organization = b.organization
            elif (
                a.organization is None and a.org_start < 0 and a.title.casefold() == "bộ trưởng"
                and b.title.casefold() in _MINISTERIAL_HEADS and b.organization and text[s:e].strip() == ","
            ):
                a.organization = b.organization  # "Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ": one ministerial body
            elif (
                a.org_start < 0 and not a.complete and b.organization and _DEPUTY_WORDS.match(a.title)
                and _base_title(a.title) == _base_title(b.title) and _STEP_UP.fullmatch(text, s, e)
            ):
                # "Phó Chủ tịch, Chủ tịch UBND huyện X", "Phó Bí thư rồi Bí thư Huyện ủy Y": a deputy, then the head of
                # the same body
                a.organization, a.mention = b.organization, None


_SAME_BODY_WINDOW = 160
_STEP_UP = regex.compile(r" ?(?:,|-|rồi|, rồi|, sau đó|sau đó) ?")
_LIST_HEAD = regex.compile(r"(?: [\p{Ll}\p{M}]+){0,2} ?,? ?((?:bao )?gồm(?: có)?)? ?: ?")
_COUNTED_BEFORE = regex.compile(
    r"(?<![\p{L}\p{M}])(?i:các|những|\d+|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)(?: (?i:đồng chí|vị|ông|bà))? $"
)
_STOP = regex.compile(r"(?<![\p{Lu}.])\.(?=\s|$)|\n")
# heads of ministry-level bodies that are not ministries: a minister's rank goes with the body
_MINISTERIAL_HEADS = frozenset(("chủ nhiệm", "tổng thanh tra", "thống đốc"))
_DEPUTY_WORDS = regex.compile(r"^(?:(?:phó|quyền) )+", flags=regex.I)


def _base_title(title: str) -> str:
    """ "Phó Giám đốc" -> "giám đốc": the office without its deputy/acting words."""
    return _DEPUTY_WORDS.sub("", title.casefold())


_SECRETARY = regex.compile(r"(?:phó )?bí thư(?: thường trực)?", flags=regex.I)
_BARE_COMMITTEE = frozenset(("thành ủy", "tỉnh ủy", "thành uỷ", "tỉnh uỷ"))
_UNIT_OF = regex.compile(r"(?:Ủy ban nhân dân|Hội đồng nhân dân) (tỉnh|thành phố) (.+)")


def _shared_scope(text: str, a: object, b: object, between: str) -> None:
    """ "nguyên Bí thư, nguyên chủ tịch tỉnh Hà Tĩnh", "Phó Bí thư Thành ủy, Chủ tịch UBND TP. Hồ Chí Minh": a
    secretary's committee left unnamed (or written bare) in a chain is the committee of the province or city the
    next office names."""
    if not regex.fullmatch(r" ?(?:,|-|kiêm|, kiêm) ?(?:nguyên |cựu )?", between):
        return
    title = getattr(a, "title", "")
    if not _SECRETARY.fullmatch(title or "") or not getattr(b, "organization", None):
        return
    unit = _UNIT_OF.fullmatch(b.organization)
    if unit is None:
        return
    bare = a.org_start < 0 and a.organization is None
    written = text[a.org_start : a.org_end].casefold() if a.org_start >= 0 else ""
    if bare or written in _BARE_COMMITTEE:
        place = "thành phố Hồ Chí Minh" if unit.group(2) == "Hồ Chí Minh" else unit.group(2)
        a.organization = f"{'Tỉnh ủy' if unit.group(1) == 'tỉnh' else 'Thành ủy'} {place}"
        a.mention = None
