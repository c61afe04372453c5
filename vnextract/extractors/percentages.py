"""Percentages of Vietnamese news (``Percentage``).

Conventions:

- ``text`` is the number(s) with the ``%`` sign or the words "phần trăm" as written
  ("54,3%", "95,5 %", "5-7%", "50 phần trăm", "năm mươi phần trăm", "2,5 điểm phần trăm");
  a qualifier before it ("hơn", "gần", "khoảng", "trên", "dưới", "đạt", "gần như", "xấp xỉ",
  "tối thiểu", ...) goes to ``qualifier`` (lower case, as written), not into ``text``.
- ``value`` is a float read with Vietnamese separators (decimal comma, thousands dot; see
  :mod:`vnextract.extractors.numbers`): "1.234,5%" -> 1234.5, "54.3%" -> 54.3.
  The typo "87, 24%" (a space after the decimal comma) is read as 87.24.
- A range with one sign ("5-7%", "5 – 7 %", "200 đến 300%") is one percentage with
  ``value_max``; "từ 5% đến 7%" (two signs) is two percentages.
- "điểm phần trăm" / "điểm %" (percentage points) sets ``points=True``.
- Never a percentage: a number glued to upper-case letters, digits, slashes or URL characters
  ("%20" in a link, "a/12%", "COVID19%"), a sign followed by letters or digits ("5%off"),
  fractions and ratios ("2/3", "64/67 phiếu"), "bao nhiêu phần trăm" (no number).  A whole
  lower-case word glued to a number before "%" is an editing slip: "tương đương10,4%" -> "10,4%".
"""

from __future__ import annotations

import regex

from vnextract.extractors.numbers import NUMBER_PATTERN, SPELLED_PATTERN, parse_number, parse_spelled
from vnextract.records import Percentage
from vnextract.text.document import TextDoc

__all__ = ["PercentageExtractor"]

_SIGN = r"(?P<points>điểm\s*)?(?:%|phần\s+trăm(?![\p{L}\p{N}]))"
_PERCENT = regex.compile(
    # not glued to a code or URL; a lower-case word glued to the number is an editing slip ("tương đương10,4%")
    r"(?:(?<![\p{L}\p{N}_/=&?%@#.,\\-])|(?<=(?<![^\s(])(?-i:\p{Ll}{2,}))(?=[\d.,]+\s?%))"
    r"(?:(?P<lo>" + NUMBER_PATTERN + r")\s*(?:-|đến|tới)\s*)?"
    r"(?P<num>" + NUMBER_PATTERN + r"|" + SPELLED_PATTERN + r")"
    r"\s*" + _SIGN + r"(?![\p{L}\p{N}_=&])",
    flags=regex.IGNORECASE,
)
_QUALIFIER = regex.compile(
    r"(?:^|[\s(,;:])(?P<q>gần\s+như|gần|hơn|khoảng|trên\s+dưới|trên|dưới|đạt\s+gần|đạt\s+hơn|đạt\s+trên|đạt|"
    r"xấp\s+xỉ|chừng|ít\s+nhất|tối\s+thiểu|tối\s+đa|chưa\s+đến|chưa\s+tới|lên\s+tới|lên\s+đến|tới|ngót|vượt|"
    r"ước\s+đạt|ước|chỉ|quá|không\s+quá)\s+$",
    flags=regex.IGNORECASE,
)
_TYPO_DECIMAL = regex.compile(r"(?<![\p{L}\p{N}.,])(\d{1,3}),\s$")


class PercentageExtractor:
    """Finds percentages; stateless after construction (thread-safe)."""

    def extract(self, doc: TextDoc) -> list[Percentage]:
        """All percentages of ``doc``, in text order."""
        text = doc.text
        if "%" not in text and "phần trăm" not in text.casefold():
            return []
        out: list[Percentage] = []
        for m in _PERCENT.finditer(text):
            found = _read(text, m)
            if found is None:
                continue
            start, value, value_max = found
            a, b, surface = doc.original_bounds(start, m.end())
            qualifier = _QUALIFIER.search(text, max(0, start - 16), start)
            out.append(
                Percentage(
                    text=surface,
                    start=a,
                    end=b,
                    value=value,
                    value_max=value_max,
                    qualifier=" ".join(qualifier.group("q").casefold().split()) if qualifier else None,
                    points=bool(m.group("points")),
                )
            )
        return out


def _read(text: str, m: regex.Match[str]) -> tuple[int, float, float | None] | None:
    """(start, value, value_max) of a match, or None if it is not a percentage."""
    num = m.group("num")
    value: float | None
    if num[0].isdigit():
        value = parse_number(num)
        typo = _TYPO_DECIMAL.search(text, max(0, m.start() - 6), m.start())
        if typo and m.group("lo") is None and value is not None and len(num) <= 2 and num.isdigit():
            return typo.start(1), float(f"{typo.group(1)}.{num}"), None
    else:
        if not m.group(0).casefold().rstrip().endswith("trăm"):
            return None  # a spelled number needs the words "phần trăm", never a bare "%"
        value = parse_spelled(num)
    if value is None:
        return None
    lo = m.group("lo")
    if lo is not None:
        low = parse_number(lo)
        if low is not None and low < value:
            return m.start(), low, value
        return m.start("num"), value, None
    return m.start(), value, None
