"""Bytes to text for Vietnamese archives: UTF-8/16, Windows-1258, and legacy-font mojibake.

Vietnamese text in the wild comes in more encodings than UTF-8:

* UTF-8 (with or without BOM) and UTF-16 with a BOM;
* Windows-1258, which writes tone marks as *combining* characters and so
  needs NFC after decoding;
* UTF-8 that was once read as Windows-1252 and saved again ("Viá»‡t Nam");
* the pre-Unicode font encodings TCVN3 (ABC, "ViÖt Nam") and VNI ("Vieät Nam").
  Text in these was often re-saved as UTF-8 without conversion, so it shows
  up as valid but meaningless Latin-1 letters.

:func:`decode_bytes` picks the reading that looks most like Vietnamese and
raises :class:`DecodeError` (with a stable ``code``) rather than return
garbage. :func:`repair_mojibake` does the same for text that is already a
``str``.
"""

from __future__ import annotations

import codecs
import threading
import unicodedata
from dataclasses import dataclass, field

import regex

from vnextract.batch.mojibake import cp1252_punctuation, fix_utf8_mojibake
from vnextract.errors import ErrorCode, WarningCode
from vnextract.records import DocumentWarning

__all__ = [
    "DecodeError",
    "Decoded",
    "damage_warning",
    "decode_bytes",
    "decode_document",
    "repair_mojibake",
    "repair_text",
    "tcvn3_to_unicode",
    "utf8_reread",
    "vietnamese_score",
    "vni_to_unicode",
]


class DecodeError(ValueError):
    """Bytes that cannot be turned into trustworthy text.

    Attributes:
        code: machine-readable reason (``empty``, ``binary``, ``undecodable``, ``mojibake``).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


# --- TCVN3 (TCVN 5712:1993, "ABC" fonts): one byte per precomposed letter -----------------------
# Byte values as they appear once read as Latin-1.  Capital letters with tone marks are drawn with
# separate "capital" fonts in TCVN3, so only the base capitals exist here.
_TCVN3_BYTES: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}  # fmt: skip

# --- VNI (VNI-Windows fonts): base letter + one mark character ----------------------------------
_ACUTE, _GRAVE, _HOOK, _TILDE, _DOT = "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"
_CIRC, _BREVE, _HORN = "\u0302", "\u0306", "\u031b"
# mark character (lower case form) -> combining marks it stands for, per kind of base
_VNI_PLAIN = {"ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT}
_VNI_CIRC = {"â": "", "á": _ACUTE, "à": _GRAVE, "å": _HOOK, "ã": _TILDE, "ä": _DOT}
_VNI_BREVE = {"ê": "", "é": _ACUTE, "è": _GRAVE, "ú": _HOOK, "ü": _TILDE, "ë": _DOT}
# single characters standing for a whole letter
_VNI_SINGLE = {
    "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
    "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
    "î": "ỵ", "Î": "Ỵ",
}  # fmt: skip


def _vni_pairs() -> dict[str, str]:
    pairs: dict[str, str] = {}

    def add(base: str, marks: dict[str, str], extra: str) -> None:
        for mark, tone in marks.items():
            for b, m in ((base, mark), (base.upper(), mark), (base.upper(), mark.upper())):
                pairs[b + m] = unicodedata.normalize("NFC", b + extra + tone)

    for base in "aeo":
        add(base, _VNI_CIRC, _CIRC)
    add("a", _VNI_BREVE, _BREVE)
    for base in "aeiouy":
        add(base, _VNI_PLAIN, "")
    for vni, letter in (("ô", "o"), ("ö", "u")):  # ơ / ư written as one char, then a tone mark
        for mark, tone in _VNI_PLAIN.items():
            for b, m, low in ((vni, mark, True), (vni.upper(), mark, False), (vni.upper(), mark.upper(), False)):
                base = letter if low else letter.upper()
                pairs[b + m] = unicodedata.normalize("NFC", base + _HORN + tone)
    # "aâ" etc. would also match 'â' genuinely following a vowel in Unicode text; the scorer decides.
    return pairs


_VNI_PAIRS = _vni_pairs()
_VNI_RE = regex.compile("|".join(regex.escape(k) for k in sorted([*_VNI_PAIRS, *_VNI_SINGLE], key=len, reverse=True)))
_VNI_ALL = {**_VNI_SINGLE, **_VNI_PAIRS}

# Common Vietnamese syllables: a reading with many of these is Vietnamese text.
_COMMON = frozenset(
    """và của các có được là trong cho với những người này đã không một để từ về đến năm theo tại khi
    nhiều cũng như đồng chí việc công tác đảng nhà nước việt nam tỉnh huyện xã thành phố ban ủy nhân dân
    hội đồng chủ tịch phó bí thư trung ương quốc kinh tế phát triển thực hiện trên sẽ đang ra vào
    đó mà nhưng hơn sau trước cùng làm chính quyền lãnh đạo cán bộ đại biểu hoạt động""".split()  # noqa: SIM905
)
_WORD_RE = regex.compile(r"\w+")
# Latin-1 letters that TCVN3 / VNI text is full of and real Vietnamese never uses.
_MOJIBAKE_RE = regex.compile(r"[µ¶·¸¹»¼½¾ÆÇÈÉËÌÎÏÑÖ×ØÜÞßåæçëïñöøûüþ§«®©ª¬¡¢£¤¥¦º‡€™¡]")


def vietnamese_score(text: str, sample: int = 20000) -> float:
    """Share of the first ``sample`` characters' words that are common Vietnamese syllables."""
    words = _WORD_RE.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in _COMMON for w in words) / len(words)


def tcvn3_to_unicode(text: str) -> str:
    """Convert TCVN3 text read as Latin-1 (``"ViÖt Nam"``) to Unicode (``"Việt Nam"``)."""
    return text.translate(_TCVN3_BYTES)


def vni_to_unicode(text: str) -> str:
    """Convert VNI text read as Windows-1252 (``"Vieät Nam"``) to Unicode (``"Việt Nam"``)."""
    return _VNI_RE.sub(lambda m: _VNI_ALL[m.group()], text)


def utf8_reread(text: str) -> str:
    """Undo UTF-8 read as Windows-1252/Latin-1 (``"Viá»‡t Nam"`` -> ``"Việt Nam"``).

    Raises:
        ValueError: the text is not such mojibake.
    """
    for codec in ("cp1252", "latin-1"):
        try:
            return text.encode(codec).decode("utf-8")
        except UnicodeError:
            continue
    raise ValueError("not UTF-8 read as a single-byte encoding")


def repair_mojibake(text: str) -> str:
    """Return ``text``, converted from TCVN3 or VNI if it is mojibake from those encodings.

    Raises:
        DecodeError: ``mojibake`` when the text is full of legacy-font characters
            but no conversion yields Vietnamese.
    """
    return repair_text(text).text


def repair_text(text: str) -> Decoded:
    """:func:`repair_mojibake`, with a ``mojibake_repaired`` warning when UTF-8 read as Windows-1252 was repaired.

    Raises:
        DecodeError: ``mojibake``, as :func:`repair_mojibake`.
    """
    repaired = fix_utf8_mojibake(text)  # "Viá»‡t": UTF-8 once read as Windows-1252
    if repaired is None:
        return Decoded(_repair_legacy(text))
    message = (
        f"{repaired.count} place(s) of UTF-8 once read as Windows-1252 ('Viá»‡t') repaired; "
        "offsets point into the repaired text"
    )
    warning = DocumentWarning(
        code=WarningCode.MOJIBAKE_REPAIRED, message=message, count=repaired.count, start=repaired.start
    )
    return Decoded(repaired.text, [warning])


def _repair_legacy(text: str) -> str:
    """TCVN3 / VNI / whole-text double UTF-8 (see :func:`repair_mojibake`)."""
    head = text[:20000]
    markers = len(_MOJIBAKE_RE.findall(head))
    if markers < 3:
        return text
    base = vietnamese_score(head)
    if markers < 0.02 * len(head) and base >= 0.15:
        return text  # a few foreign letters in real Vietnamese text
    try:
        reread = utf8_reread(text)
    except ValueError:
        reread = None
    if reread is not None and vietnamese_score(reread) > base + 0.05:
        return unicodedata.normalize("NFC", reread)
    best, best_score = text, base
    for convert in (tcvn3_to_unicode, vni_to_unicode):
        candidate = convert(head)
        score = vietnamese_score(candidate)
        if score > best_score + 0.05:
            best, best_score = convert, score  # type: ignore[assignment]
    if callable(best):
        return unicodedata.normalize("NFC", cp1252_punctuation(best(text)))
    if base < 0.05 and markers >= 0.02 * len(head):
        raise DecodeError(ErrorCode.MOJIBAKE, "text looks like TCVN3/VNI mojibake that could not be converted")
    return text


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL_RE = regex.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _check_text(text: str) -> str:
    if not text.strip():
        raise DecodeError(ErrorCode.EMPTY, "document is empty or whitespace only")
    head = text[:8192]
    if len(_CONTROL_RE.findall(head)) > max(2, len(head) // 100):
        raise DecodeError(ErrorCode.BINARY, "content has control characters: looks like a binary file")
    return text


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and the damage it was decoded despite."""

    text: str
    warnings: list[DocumentWarning] = field(default_factory=list)


# UTF-8 with at most this share of bad bytes is UTF-8 with local damage (legacy encodings of
# Vietnamese have a fifth or more of their bytes invalid as UTF-8) ...
_LOCAL_DAMAGE = 0.01
# ... and, when no legacy encoding reads it either, with up to this share it is still damaged UTF-8.
_MOSTLY_TEXT = 0.10


_counting = threading.local()


def _count_and_replace(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    found: list[tuple[int, int]] = _counting.spans
    found.append((exc.start, exc.end))
    return "\ufffd", exc.end


codecs.register_error("vnextract-count", _count_and_replace)


def _utf8_bad_bytes(data: bytes) -> tuple[int, int, int]:
    """``(bad sequences, bad bytes, offset of the first bad byte)`` of ``data`` read as UTF-8."""
    _counting.spans = []
    try:
        data.decode("utf-8", errors="vnextract-count")
        spans = _counting.spans
    finally:
        _counting.spans = []
    if not spans:
        return 0, 0, -1
    return len(spans), sum(end - start for start, end in spans), spans[0][0]


def damage_warning(text: str, sequences: int | None = None, byte_offset: int | None = None) -> DocumentWarning | None:
    """The ``decoding_damage`` warning for ``text`` whose undecodable bytes were replaced by U+FFFD."""
    start = text.find("\ufffd")
    if start < 0:
        return None
    count = text.count("\ufffd") if sequences is None else sequences
    where = f" (first at byte {byte_offset})" if byte_offset is not None else ""
    message = f"{count} undecodable byte sequence(s) replaced by U+FFFD{where}; the rest was extracted"
    return DocumentWarning(code=WarningCode.DECODING_DAMAGE, message=message, count=count, start=start)


def decode_bytes(data: bytes, encoding: str | None = None, *, repair: bool = True) -> str:
    """Decode a document's bytes to text, detecting the encoding (see :func:`decode_document`).

    Raises:
        DecodeError: with code ``empty``, ``binary``, ``undecodable`` or ``mojibake``.
    """
    return decode_document(data, encoding, repair=repair).text


def decode_document(data: bytes, encoding: str | None = None, *, repair: bool = True) -> Decoded:
    """Decode a document's bytes to text, detecting the encoding; damage stays local.

    Unicode encodings (UTF-8, UTF-16/32 with BOM) are returned exactly as
    decoded, so record offsets match what ``Path.read_text()`` gives; text that
    had to be converted (Windows-1258, TCVN3, VNI, double UTF-8) is returned NFC.
    UTF-8 with a few bad bytes (a damaged sector, a bad copy) is decoded with
    U+FFFD in their place and a ``decoding_damage`` warning; only bytes that are
    mostly undecodable raise.

    Args:
        data: the raw bytes.
        encoding: a declared encoding (HTTP header, ``<meta charset>``) tried
            first; ignored if it does not decode cleanly.
        repair: also undo TCVN3/VNI/double-UTF-8 mojibake (:func:`repair_mojibake`);
            HTML callers repair the extracted article text instead of the markup.

    Raises:
        DecodeError: with code ``empty``, ``binary``, ``undecodable`` (its message gives the
            offset of the first bad byte) or ``mojibake``.
    """
    if not data.strip():
        raise DecodeError(ErrorCode.EMPTY, "document is empty")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                text = data.decode(codec, errors="replace")
                warning = damage_warning(text)
                return _finish(text, repair, [warning] if warning else [])
            return _finish(text, repair)
    if b"\x00" in data[:8192]:
        raise DecodeError(ErrorCode.BINARY, "content has NUL bytes: looks like a binary file")
    candidates = ["utf-8"]
    if encoding:
        try:
            if codecs.lookup(encoding).name != "utf-8":
                candidates.insert(0, encoding)
        except LookupError:
            pass
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if codec != "utf-8":  # a declared legacy charset (Windows-1258 writes combining tone marks)
            text = unicodedata.normalize("NFC", text)
        return _finish(text, repair)
    sequences, bad, first = _utf8_bad_bytes(data)
    if bad <= max(16, _LOCAL_DAMAGE * len(data)):
        return _damaged_utf8(data, sequences, first, repair)
    try:
        return Decoded(_check_text(_decode_legacy(data)))
    except DecodeError as exc:
        if exc.code != ErrorCode.UNDECODABLE:
            raise
        if bad <= _MOSTLY_TEXT * len(data):
            return _damaged_utf8(data, sequences, first, repair)
        raise DecodeError(
            ErrorCode.UNDECODABLE,
            f"{bad} of {len(data)} bytes are not UTF-8 (first at byte {first}) and the bytes do not read "
            "as Vietnamese in Windows-1258, TCVN3 or VNI",
        ) from None


def _damaged_utf8(data: bytes, sequences: int, first: int, repair: bool) -> Decoded:
    repaired = _finish(data.decode("utf-8", errors="replace"), repair)
    warning = damage_warning(repaired.text, sequences, first)
    return Decoded(repaired.text, [*([warning] if warning else []), *repaired.warnings])


def _finish(text: str, repair: bool, warnings: list[DocumentWarning] | None = None) -> Decoded:
    """Repaired (when asked) and checked text, with the warnings of both steps."""
    repaired = repair_text(text) if repair else Decoded(text)
    return Decoded(_check_text(repaired.text), [*(warnings or []), *repaired.warnings])


def _decode_legacy(data: bytes) -> str:
    """Non-UTF-8 bytes: Windows-1258, TCVN3 or VNI, whichever reads as Vietnamese."""
    readings: list[tuple[float, str]] = []
    try:
        cp1258 = unicodedata.normalize("NFC", data.decode("cp1258"))
        readings.append((vietnamese_score(cp1258), cp1258))
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    readings.append((vietnamese_score(tcvn3_to_unicode(latin[:20000])), "tcvn3"))
    readings.append((vietnamese_score(vni_to_unicode(latin[:20000])), "vni"))
    score, best = max(readings, key=lambda r: r[0])
    if score < 0.05:
        raise DecodeError(
            ErrorCode.UNDECODABLE, "bytes are not UTF-8 and do not read as Vietnamese in Windows-1258, TCVN3 or VNI"
        )
    if best == "tcvn3":  # Word's dashes and quotes in these files are Windows-1252 bytes
        return unicodedata.normalize("NFC", cp1252_punctuation(tcvn3_to_unicode(latin)))
    if best == "vni":
        return unicodedata.normalize("NFC", cp1252_punctuation(vni_to_unicode(latin)))
    return best
