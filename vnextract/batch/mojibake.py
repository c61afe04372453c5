"""Mojibake from UTF-8 read as Windows-1252, and Windows-1252 punctuation in legacy-font text.

Two kinds of damage that archives of Vietnamese news are full of:

* **UTF-8 read as Windows-1252** (or Latin-1) and saved again: ``"Việt"`` becomes
  ``"Viá»‡t"``, ``"người"`` becomes ``"ngÆ°á»\\x9di"``.  Each Vietnamese letter turns
  into two or three characters of which the first is one of ``Â Ã Ä Å Æ á â`` and the
  next a character no Vietnamese text puts there.  :func:`looks_like_utf8_mojibake`
  is that cheap check; only when it fires is the text repaired: each damaged word is
  turned back into its bytes and read as UTF-8 (exact, and it works when only some
  words are damaged), then ftfy's ``fix_encoding`` handles what is left (texts damaged
  twice).  Before that, the two lost bytes that have only one Vietnamese reading are
  put back; a result is kept only when it has fewer such signs.  A lost byte after ``á»``
  (one of ề ọ ỏ Ố ờ) cannot be told and stays as it is.
* **TCVN3 / VNI text decoded byte by byte**: the bytes 0x80–0x9F are Windows-1252
  punctuation in those files (Word's dashes, quotes and ellipses: ``\\x96`` is ``–``,
  ``\\x85`` is ``…``), not the C1 control characters Latin-1 makes of them.
  :func:`cp1252_punctuation` puts them back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["MojibakeRepair", "cp1252_punctuation", "fix_utf8_mojibake", "looks_like_utf8_mojibake"]

# What a UTF-8 continuation byte (0x80-0xBF) becomes when read as Windows-1252 or as Latin-1.
_CONTINUATION = "".join(
    sorted({ch for b in range(0x80, 0xC0) for ch in (chr(b), bytes([b]).decode("cp1252", errors="ignore")) if ch})
)
# Lead bytes: C2-C6 (Â Ã Ä Å Æ: NBSP, Latin-1 letters, ă đ ĩ ũ ơ ư), E1 BA / E1 BB (áº, á»: the letters with
# tone marks) and E2 80 (â€: dashes, quotes, ellipsis).  No Vietnamese syllable puts those pairs together.
_SIGN_RE = re.compile(f"[ÂÃÄÅÆ][{re.escape(_CONTINUATION)}]|á[º»]|â[€\x80]")
# Bytes undefined in Windows-1252 (0x81 0x8D 0x8F 0x90 0x9D) are often lost on the way (HTML parsers drop
# them).  Two losses have one Vietnamese reading: 'Ä' alone was 'Đ' (C4 90), 'â€' alone was '”' (E2 80 9D).
_LOST_RE = re.compile(f"Ä(?![{re.escape(_CONTINUATION)}])|â€(?![{re.escape(_CONTINUATION)}])")
_LOST = {"Ä": "Ä\x90", "â€": "â€\x9d"}  # the lost byte put back, for the UTF-8 re-reading
_WORD_SPLIT_RE = re.compile(r"([ \t\r\n]+)")  # not NBSP: 'à' read as Windows-1252 ends in one
_TO_BYTE = {chr(b): b for b in range(256)} | {
    bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_C1_TO_CP1252 = {b: bytes([b]).decode("cp1252") for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)}


@dataclass(frozen=True, slots=True)
class MojibakeRepair:
    """Repaired text: ``count`` damaged places, the first at ``start`` in the repaired text."""

    text: str
    count: int
    start: int


def looks_like_utf8_mojibake(text: str) -> bool:
    """True when ``text`` has the signature of UTF-8 read as Windows-1252 (``"Viá»‡t"``, ``"ngÆ°"``)."""
    return _SIGN_RE.search(text) is not None


def _reread_word(word: str) -> str:
    try:
        return bytes(_TO_BYTE[ch] for ch in word).decode("utf-8")
    except (KeyError, UnicodeDecodeError):  # a real letter in the word, or bytes lost
        return word


def _reread_words(text: str) -> str:
    parts = _WORD_SPLIT_RE.split(text)
    return "".join(_reread_word(p) if i % 2 == 0 and _SIGN_RE.search(p) else p for i, p in enumerate(parts))


def _fix_encoding(text: str) -> str:
    text = _reread_words(_LOST_RE.sub(lambda m: _LOST[m.group()], text))
    if looks_like_utf8_mojibake(text):
        try:
            import ftfy
        except ImportError:  # a declared dependency; without it, the word-by-word repair is all
            pass
        else:
            text = ftfy.fix_encoding(text)
    return text


def fix_utf8_mojibake(text: str) -> MojibakeRepair | None:
    """Repair UTF-8-read-as-Windows-1252 mojibake in ``text``; ``None`` when there is none to repair.

    Text with no sign of such mojibake is returned untouched at the cost of one regex
    search.  The result is in NFC (ftfy's default), so offsets of later records point
    into the repaired text.
    """
    signs = len(_SIGN_RE.findall(text)) if looks_like_utf8_mojibake(text) else 0
    if not signs:
        return None
    fixed = _fix_encoding(text)
    if fixed == text or len(_SIGN_RE.findall(fixed)) >= signs:
        return None
    start = next((i for i, (a, b) in enumerate(zip(text, fixed, strict=False)) if a != b), min(len(text), len(fixed)))
    return MojibakeRepair(fixed, signs, start)


def cp1252_punctuation(text: str) -> str:
    """Replace C1 control characters (U+0080–U+009F) by the Windows-1252 characters of those bytes."""
    if not any("\x80" <= ch <= "\x9f" for ch in text):
        return text
    return text.translate(_C1_TO_CP1252)
