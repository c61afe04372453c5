"""The regular expressions that find calendar expressions in normalised Vietnamese text.

One master pattern is run over the whole text; each alternative captures one kind of
expression in a named group, and :mod:`vnextract.extractors.dates` reads the groups.
Alternatives are ordered so that the longer reading wins at a given start
("9 tháng năm 2022" is a period before "năm 2022" is a year).  The patterns are
linear: no nested quantifiers over the same characters.
"""

from __future__ import annotations

import regex

from vnextract.extractors.date_lexicon import load_list

__all__ = [
    "CANDIDATE",
    "CONNECTOR",
    "DAY_WORDS",
    "DOC_DATE_BEFORE",
    "DOC_WORDS_BEFORE",
    "MONTH_NAMES",
    "PARTS_OF_DAY",
    "SLASH_CONNECTOR",
    "UNIT_AFTER_YEAR",
    "WEEKDAYS",
]

_MONTH_ENTRIES = load_list("date_months.txt")
#: month names, capitalised as in the lexicon and lower-cased -> month number ("Mười"/"mười" -> 10)
MONTH_NAMES: dict[str, int] = {name: int(num) for name, num in (e.split("\t") for e in _MONTH_ENTRIES)}
MONTH_NAMES.update({name.casefold(): num for name, num in list(MONTH_NAMES.items())})
#: day numbers written in words -> value ("hai mươi" -> 20, "mồng ba" reads "ba" -> 3)
DAY_WORDS: dict[str, int] = {w: int(n) for w, n in (e.split("\t") for e in load_list("date_day_words.txt"))}
PARTS_OF_DAY: tuple[str, ...] = tuple(load_list("date_parts_of_day.txt", fold_case=True))
WEEKDAYS: dict[str, str] = {k.casefold(): v for k, v in (e.split("\t") for e in load_list("date_weekdays.txt"))}

_D = r"(?:0?[1-9]|[12]\d|3[01])"
_M = r"(?:0?[1-9]|1[0-2])"
_Y4 = r"(?:1[89]\d\d|20\d\d)"
# Month names match case-sensitively, capitalised ("tháng Tư") or lower case ("tháng tư"), but never
# lower-case "năm": "9 tháng năm 2022" is nine months, "những tháng năm" months and years.
_MNAME = r"(?-i:" + "|".join(
    sorted((n for n in MONTH_NAMES if n != "năm"), key=len, reverse=True)
).replace(" ", r"\s+") + r")"
_DAY_WORD = "|".join(sorted(DAY_WORDS, key=len, reverse=True)).replace(" ", r"\s+")
_QUARTER_WORD = r"một|hai|ba|bốn|tư"
_PART = "|".join(sorted((regex.escape(p) for p in PARTS_OF_DAY), key=len, reverse=True))
_WEEKDAY = "|".join(sorted((regex.escape(w) for w in WEEKDAYS), key=len, reverse=True)).replace(r"\ ", r"\s+")
_REL = r"nay|qua|mai|hôm\s+nay|hôm\s+qua|hôm\s+kia|hôm\s+sau|ngày\s+mai"
_SPELLED_MONTH_COUNT = r"một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười\s+một|mười\s+hai|mười"
_SPELLED_DAY = r"một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười"
_CAN = r"(?-i:Giáp|Ất|Bính|Đinh|Mậu|Kỷ|Canh|Tân|Nhâm|Quý)"
_CHI = r"(?-i:Tý|Tí|Sửu|Dần|Mão|Mẹo|Thìn|Tỵ|Tị|Ngọ|Mùi|Thân|Dậu|Tuất|Hợi)"
_END = r"(?![\p{L}\p{N}])"  # the expression ends at a word boundary
_NUM_END = r"(?!\d|[/.,:]\d|/\s?\d|/\p{L})"  # a number that does not continue (10/2016/QĐ, 12.500)
# a dashed or dotted full date may be followed by "/" and another one: "(19-5-1890/ 19-5-2017)"
_DASH_END = r"(?!\d|[.,:]\d|/(?!\s?\d{1,2}[-.]\d{1,2}[-.]\d))"

# Leading words kept in a day mention's text: part of day, relative word, weekday, "ngày".
_PREFIX = (
    r"(?:(?P<part>" + _PART + r")" + _END + r"(?:\s+(?P<rel>" + _REL + r"))?[\s,]*)?"
    r"(?:(?P<wd>" + _WEEKDAY + r")" + _END + r"[\s,]*)?"
    r"(?:(?P<rel2>hôm\s+nay|hôm\s+qua|hôm\s+kia|ngày\s+mai|hôm\s+sau)[\s,]*)?"
    r"(?:(?P<ngay>ngày(?:\s+(?:mùng|mồng))?|hôm|mùng|mồng)\s+)?"
    r"(?P<open>\()?"
)

# a year after a day and month written in words: "năm 2022", "năm 99", ", 1945" (comma), " 2015" (dateparser's form)
_WORD_YEAR = (
    r"(?:\s*,?\s*năm\s+(?P<dw_y>" + _Y4 + r"|\d\d(?!\d))" + _END
    + r"|\s*,\s*(?P<dw_yc>" + _Y4 + r")" + _NUM_END + _END
    + r"|[ ]+(?P<dw_ys>" + _Y4 + r")" + _NUM_END + _END + r")"
)

_DAY_CORES = (
    # 30/9/2022, 30-9-2022, 30.9.2022, 15/5/ 2017, 21 /6/2017; two-digit years only with / and -
    r"(?P<dmy>" + _D + r"(?:\s?/\s?" + _M + r"\s?/\s?(?:" + _Y4 + r"|\d\d)" + _NUM_END + r"|-" + _M + r"-(?:" + _Y4
    + r"|\d\d)" + _DASH_END + r"|\." + _M + r"\." + _Y4 + _DASH_END + r"))"
    # 18 - 25/4, 10 và 11/5/2017, 25, 26 và 27/9/2014, 27 đến ngày 30-6-2017, 29 đến hết ngày 30/9 (days sharing
    # a month); 3 đến ngày 7 tháng 8 năm 2001 (the month in words)
    r"|(?P<dayrange>(?P<dr1>" + _D + r")(?P<drmid>(?:\s*,\s*" + _D + r"(?![\d/.-]))*)\s*"
    r"(?:(?P<drconn>-|(?:đến|tới)(?:\s+hết)?)\s*(?:ngày\s+)?|(?P<drand>và\s*(?:ngày\s+)?|,\s*))(?P<dr2>" + _D + r")"
    r"(?:(?P<drs>[/.-])(?P<drm>" + _M + r")(?:(?P=drs)(?P<dry>" + _Y4 + r"))?" + _NUM_END
    + r"|\s+tháng\s+(?P<drmw>" + _M + r"(?!\d)|" + _MNAME + r")" + _END
    + r"(?:\s*,?\s*năm\s+(?P<dryw>" + _Y4 + r")" + _NUM_END + _END + r")?))"
    # 30/9, 22-5, 11/ 5 (a spaced slash needs a trigger word: see date_read)
    r"|(?P<dm>" + _D + r"(?:\s?/\s?|[.-])" + _M + r"(?![\d.,]\d|\s?/\s?\d|/\p{L}|\d))"
    # ngày 30 tháng 9 năm 2022, 30 tháng Tư, ngày hai mươi tháng tư (a day in words only after ngày/mùng/mồng),
    # ngày 2 tháng 9, 1945; 9 Tháng 1 2015
    r"|(?P<dwords>(?P<dw_d>" + _D + r"(?!\d)|(?(ngay)(?:" + _DAY_WORD + r")|(?!)))" + _END
    + r",?\s+tháng\s+(?P<dw_m>" + _M + _END + r"|" + _MNAME + _END + r")" + _WORD_YEAR + r"?)"
    # Tháng Mười Hai 29, 2013 (month, day, comma, year: the order of some web templates)
    r"|(?P<mdy>tháng\s+(?P<mdy_m>" + _M + r"|" + _MNAME + r")\s+(?P<mdy_d>" + _D + r"),\s*(?P<mdy_y>" + _Y4 + r")"
    + _NUM_END + _END + r")"
    # mùng 7 Tết, mồng hai Tết (the "mùng" is read by the prefix)
    r"|(?P<tet>(?P<tet_d>\d{1,2}|" + _SPELLED_DAY + r")\s+(?-i:Tết)" + _END
    + r"(?:\s+(?P<tet_can>" + _CAN + r")\s+(?P<tet_chi>" + _CHI + r")" + _END + r")?)"
)

_OTHER_CORES = (
    # rằm tháng Giêng / rằm tháng Bảy (15th of a lunar month)
    r"(?P<ram>rằm\s+tháng\s+(?P<ram_m>" + _MNAME + r"|" + _M + r")" + _END + r")"
    # 9 tháng năm 2022, 6 tháng đầu năm 2017, sáu tháng cuối năm
    r"|(?P<period>(?P<pn>\d{1,2}|" + _SPELLED_MONTH_COUNT + r")\s+tháng\s+(?:(?P<pq>đầu|cuối)\s+)?năm"
    r"(?:\s+(?P<py>" + _Y4 + r")" + _NUM_END + r"|\s+(?P<pnay>nay))?" + _END + r")"
    # quý III/2017, quý 3 năm 2017, quý I; "quý 3/3017" (a mistyped year: read as unknown)
    r"|(?P<quarter>quý\s+(?P<q>(?-i:IV|I{1,3})|[1-4]|" + _QUARTER_WORD + r")" + _END
    + r"(?:\s*[/-]\s*(?P<qy>" + _Y4 + r")|\s+(?:của\s+|trong\s+)?năm\s+(?P<qy2>" + _Y4 + r")|/(?P<qtypo>[23]\d{3}))?"
    + _NUM_END + r")"
    # đầu / giữa / cuối modifiers of a month or year
    r"|(?P<mod>(?P<modw>đầu|giữa|cuối)\s+)?(?:"
    # tháng 10/2016, tháng 6-2016, tháng 10 năm 2016, tháng Mười năm 2017, tháng 10
    r"(?P<month>tháng\s+(?P<mm>" + _M + r"(?!\d)|" + _MNAME + _END + r")"
    r"(?:\s*[/.-]\s*(?P<my>" + _Y4 + r")|\s*,?\s*(?:của\s+)?năm\s+(?P<my2>" + _Y4 + r")|\s*[/-]\s*(?P<myy>\d\d))?"
    + _NUM_END + _END + r"(?!\s*tuổi))"
    # năm 2016 - 2017, nhiệm kỳ 2015 - 2020, giai đoạn 2011 – 2020, (2016-2020)
    r"|(?P<yrange>(?:(?P<yrl>những\s+năm|nhiệm\s+kỳ|giai\s+đoạn|thời\s+kỳ|niên\s+khóa|năm\s+học|năm\s+tài\s+chính|khóa|năm)\s+)?"
    r"(?P<yr1>" + _Y4 + r")\s*-\s*(?P<yr2>" + _Y4 + r")" + _NUM_END + _END + r")"
    # thập niên 80, thập kỷ 1990, những năm 80
    r"|(?P<decade>(?:thập\s+niên|thập\s+kỷ|những\s+năm)\s+(?P<dec>(?:1[89]|20)?\d0)" + _END + r")"
    # năm 2017
    r"|(?P<year>năm\s*(?P<yv>" + _Y4 + r")" + _NUM_END + _END + r")"
    r")"
    # năm Đinh Dậu, Xuân Đinh Dậu, năm mới Đinh Dậu
    r"|(?P<canchi>(?:năm\s+mới|năm|xuân)\s+(?P<can>" + _CAN + r")\s+(?P<chi>" + _CHI + r")" + _END + r")"
    # 2/2016, 12/1986, (5-1941), từ 6-2016 (month/year without "tháng"; a dash needs brackets or a trigger)
    r"|(?P<bmy>" + _M + r"(?P<bmy_s>[/-])(?P<bmy_y>" + _Y4 + r"))" + _NUM_END + _END
    # a bare year: 2016, 1993
    + r"|(?P<byear>" + _Y4 + r")" + _NUM_END + _END
)

#: Every candidate calendar expression; read the named groups.
CANDIDATE = regex.compile(
    # every alternative starts with a digit, "(" or one of these letters: failing fast elsewhere
    # makes the scan about 1.6x faster
    r"(?=[\d(bcghkmnqrstxđBCGHKMNQRSTXĐ])"
    r"(?<![\p{L}\p{N}/,:])(?<!\d\.)(?:"
    + _PREFIX + r"(?:" + _DAY_CORES + r")(?(open)\))"
    + r"(?P<lunar>\s*\(\s*(?:âm\s+lịch|ÂL)\s*\)|\s+(?:âm\s+lịch|ÂL)" + _END + r")?"
    + r"|" + _OTHER_CORES
    + r")",
    flags=regex.IGNORECASE | regex.V0,
)

#: What may join two dates into one range: "-", "đến", "tới", "đến hết", with an optional "ngày"/"năm"/"tháng".
#: "/" joins two full dates written with dashes or dots into one range ("19-5-1890/ 19-5-2017").
SLASH_CONNECTOR = regex.compile(r"\s?/\s?")
CONNECTOR = regex.compile(r"\s*-\s*|\s*(?:,\s*)?(?:đến|tới)\s+(?:hết\s+)?", flags=regex.IGNORECASE)

#: Words that make the next number a document number, not a date ("Nghị quyết 35/2016").
_DOCUMENT_KINDS = (
    r"số|nghị\s+quyết|quyết\s+định|chỉ\s+thị|thông\s+tư|nghị\s+định|công\s+văn|kết\s+luận|quy\s+định"
    r"|thông\s+báo|hướng\s+dẫn|tờ\s+trình|kế\s+hoạch|đề\s+án|luật|pháp\s+lệnh|văn\s+bản"
)
DOC_WORDS_BEFORE = regex.compile(
    r"(?:\b(?:" + _DOCUMENT_KINDS + r"|báo\s+cáo|NQ|QĐ|CT|TT|NĐ|KL|CV)\s*(?:số\s*)?:?\s*)$",
    flags=regex.IGNORECASE,
)

#: A document number just before a date makes it the document's date ("Nghị quyết số 35/NQ-CP ngày 16/5/2016"):
#: a date that dates no reported event, so it lends its year to no other date.
DOC_DATE_BEFORE = regex.compile(
    r"(?:\b(?:" + _DOCUMENT_KINDS + r")\s*(?:số\s*)?:?\s*"
    r"[\p{L}\d/.&-]*\d[\p{L}\d/.&-]*\s*,?\s*(?:(?:ban\s+hành|được\s+ký|ký)\s+)?)$",
    flags=regex.IGNORECASE,
)

#: A counting word after a 4-digit number makes it a quantity, not a year ("2017 người").
UNIT_AFTER_YEAR = regex.compile(
    r"\s*(?!đồng\s+thời" + _END + r")(?:"  # "Hiến pháp 2013 đồng thời ...": "đồng thời" is "at the same time"
    + "|".join(sorted((regex.escape(u) for u in load_list("date_units_after_year.txt", fold_case=True)),
                                key=len, reverse=True)).replace(r"\ ", r"\s+")
    + r")" + _END,
    flags=regex.IGNORECASE,
)
