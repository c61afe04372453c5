"""Vietnamese number reading: digits with decimal comma / thousands dot, spelled numbers, Roman numerals.

Conventions (Vietnamese typography, as used by party and state publications):

- ``,`` is the decimal separator and ``.`` groups thousands: ``1.234,5`` -> 1234.5, ``54,3`` -> 54.3.
- A lone dot is a thousands separator only when it is followed by exactly three digits
  (``1.234`` -> 1234, ``12.500.000`` -> 12500000); otherwise it is read as a decimal point, the
  English style that also appears in news copy (``54.3`` -> 54.3, ``0.75`` -> 0.75).
- A lone comma followed by exactly three digits is still a decimal comma (``1,234`` -> 1.234):
  Vietnamese text never groups thousands with commas.
- Spelled numbers are read up to the thousands: ``năm mươi`` -> 50, ``một trăm`` -> 100,
  ``hai mươi lăm`` -> 25, ``một trăm linh năm`` -> 105, ``mười`` -> 10, ``hai mươi mốt`` -> 21.
- Roman numerals (I..XXXIX) are read for quarters and congress numbers (``quý III`` -> 3).
"""

from __future__ import annotations

import regex

__all__ = [
    "NUMBER_PATTERN",
    "SPELLED_PATTERN",
    "parse_number",
    "parse_spelled",
    "roman_to_int",
]

# A written number: thousands groups with dots (and an optional decimal comma), or plain digits
# with an optional decimal part.  Used inside larger patterns, so it has no groups of its own.
NUMBER_PATTERN = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"

_UNITS: dict[str, int] = {
    "không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5,
    "nhăm": 5, "sáu": 6, "bảy": 7, "bẩy": 7, "tám": 8, "chín": 9,
}
_TENS_WORD = {"mươi", "chục"}
_FILLERS = {"linh", "lẻ"}

_UNIT_ALT = "|".join(sorted(_UNITS, key=len, reverse=True))
# A spelled number of one to five words, e.g. "năm mươi", "một trăm", "hai mươi lăm", "mười".
# Linear: each word is one alternative of a fixed list separated by single spaces.
SPELLED_PATTERN = (
    r"(?:(?:" + _UNIT_ALT + r"|mười|mươi|chục|trăm|nghìn|ngàn|linh|lẻ)"
    r"(?:\s(?:" + _UNIT_ALT + r"|mười|mươi|chục|trăm|nghìn|ngàn|linh|lẻ)){0,5})"
)

_ROMAN = regex.compile(r"M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def parse_number(text: str) -> float | None:
    """Read a written number with Vietnamese separators; ``None`` if it is not one.

    >>> parse_number("1.234,5"), parse_number("54,3"), parse_number("54.3"), parse_number("12.500")
    (1234.5, 54.3, 54.3, 12500.0)
    """
    s = text.strip().replace(" ", "")
    if not s:
        return None
    if "," in s and "." in s:
        # "1.234,5": dots group, comma is decimal.  "1,234.5" (English) read the English way.
        s = s.replace(".", "").replace(",", ".") if s.rfind(",") > s.rfind(".") else s.replace(",", "")
    elif "," in s:
        if s.count(",") > 1:
            return None
        s = s.replace(",", ".")
    elif "." in s:
        groups = s.split(".")
        if len(groups) > 2 or (len(groups) == 2 and len(groups[1]) == 3 and groups[0] != "0"):
            if not all(len(g) == 3 for g in groups[1:]):
                return None
            s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def parse_spelled(text: str) -> int | None:
    """Read a spelled Vietnamese number (``năm mươi`` -> 50); ``None`` if the words are not one."""
    words = text.casefold().split()
    if not words:
        return None
    total = 0  # completed thousands
    hundreds = 0  # the current group below one thousand
    current: int | None = None  # the pending units / tens value (None: no digit word yet)
    seen_tens = False
    for i, w in enumerate(words):
        if w in _UNITS:
            after_ten = i > 0 and words[i - 1] in ("mười", "mươi")
            if w in ("mốt", "lăm", "nhăm") and not seen_tens and not (w == "lăm" and after_ten):
                return None
            if w == "tư" and not seen_tens:
                return None
            current = (current or 0) + _UNITS[w]
        elif w == "mười":
            current = (current or 0) + 10
            seen_tens = True
        elif w in _TENS_WORD:
            if current is None:
                return None
            current *= 10
            seen_tens = True
        elif w in _FILLERS:
            continue
        elif w == "trăm":
            hundreds += (1 if current is None else current) * 100
            current, seen_tens = None, False
        elif w in ("nghìn", "ngàn"):
            group = hundreds + (current or 0)
            total += (group or 1) * 1000
            hundreds, current, seen_tens = 0, None, False
        else:
            return None
    return total + hundreds + (current or 0)


def roman_to_int(text: str) -> int | None:
    """Read a Roman numeral (``III`` -> 3); ``None`` if ``text`` is not a well-formed one."""
    s = text.strip().upper()
    if not s or not _ROMAN.fullmatch(s):
        return None
    value = 0
    for i, ch in enumerate(s):
        v = _ROMAN_VALUES[ch]
        if i + 1 < len(s) and _ROMAN_VALUES[s[i + 1]] > v:
            value -= v
        else:
            value += v
    return value
