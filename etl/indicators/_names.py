"""Indicator names reduced to the key `Catalog.match` looks up, and the stable id of a name
the catalog does not hold.

The same indicator is written many ways: 'Ngành Nông, lâm nghiệp và thuỷ sản' under the row
'Giá trị sản xuất (theo giá so sánh năm 2010)' in a plan, 'Tốc độ tăng giá trị sản xuất ngành
nông, lâm nghiệp và thủy sản' in a report. `normalize` drops list marks, periods, price bases,
values, filler words and diacritics so that both read the same.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from etl.text import fold as _fold  # the phrases below are lower case

GROWTH = "tang"            # the one token every growth wording becomes, put first in the key


def _words(*phrases: str) -> str:
    """A regex alternation of Vietnamese phrases, each also without diacritics, longest first."""
    forms = {form for phrase in phrases for form in (phrase, _fold(phrase))}
    forms = sorted(forms, key=len, reverse=True)
    return "|".join(re.escape(form).replace(r"\ ", r"\s+") for form in forms)


_rx = re.compile
_YEAR = r"(?:19|20)\d{2}"
_LEVELS = _words("huyện", "xã", "thị xã", "thành phố", "quận", "phường", "thị trấn", "tỉnh")
_UNITS = _words("tỷ đồng", "triệu đồng", "nghìn đồng", "ngàn đồng", "đồng", "triệu usd", "usd",
                "ha", "km2", "km²", "người", "hộ", "lao động", "trường", "lượt", "cây",
                "sản phẩm", "đảng viên")
_LEADING_MARK = _rx(r"^\s*(?:[-–—+*•·▪●○]+|\(?[a-zA-ZđĐ]\)|\d+(?:\.\d+)*[.)]|[IVX]+\.?(?=\s))\s*")
_LEADING_HAVE = _rx(r"^(?:có|Có|CÓ)\s+")
_PARENS = _rx(r"\([^()]*\)|\[[^\[\]]*\]")
_OPEN_PAREN = _rx(r"\([^)]*$")
_QUALIFIERS = _rx(
    rf"(?<!\w)theo\s+(?:{_words('giá so sánh', 'giá hiện hành', 'giá thực tế')})"
    rf"(?:\s+(?:{_words('năm')}))?(?:\s*{_YEAR})?"
    rf"|(?<!\w)theo\s+(?:{_words('tiêu chí', 'chuẩn nghèo', 'chuẩn')})"
    rf"(?:\s+(?:{_words('đa chiều', 'mới', 'cũ')}))*"
)
_PERIODS = [
    _rx(rf"(?:(?:{_words('giai đoạn', 'nhiệm kỳ', 'thời kỳ', 'từ năm', 'năm')})\s*)?"
        rf"{_YEAR}\s*[-–—]\s*{_YEAR}"),
    _rx(rf"(?:(?:{_words('đến', 'từ', 'trong', 'cuối', 'đầu', 'hết')})\s+)*"
        rf"(?:{_words('năm')}|(?:{_words('tháng')})\s*\d{{1,2}}\s*(?:/|{_words('năm')})?)\s*{_YEAR}"),
    _rx(rf"\d{{1,2}}\s*/\s*{_YEAR}"),
    _rx(rf"(?:(?:{_words('trong', 'đến')})\s+)?\d{{1,2}}\s*(?:{_words('tháng')})"
        rf"(?:\s*(?:{_words('đầu', 'cuối')}))?(?:\s*(?:{_words('năm')}))?"),
    _rx(rf"(?<!\w)(?:{_words('hàng năm', 'hằng năm', 'mỗi năm')})(?!\w)"),
    _rx(rf"\d+\s*(?:{_words('năm')})(?!\w)"),
    _rx(rf"/\s*(?:{_words('năm')})(?!\w)"),
    _rx(rf"(?<!\w)(?:{_words('quý')})\s*(?:iv|iii|ii|i|[1-4])(?!\w)"),
    _rx(rf"(?<!\d){_YEAR}(?!\d)"),
]
_GRADE = _rx(rf"(?<!\w)(?:{_words('giai đoạn', 'mức độ')})\s*(1|2|3|iii|ii|i)(?!\w)(?![.,]\d)")
_GRADE_WORDS = {"1": "một", "i": "một", "2": "hai", "ii": "hai", "3": "ba", "iii": "ba"}
_PER_10K = _rx(rf"(?:/|(?<!\w)(?:{_words('trên')}))\s*(?:1|{_words('một')})?\s*"
               rf"(?:{_words('vạn')})\s*(?:{_words('dân')})|/\s*10[.,]?000\s*(?:{_words('dân')})")
_MANAGED = _rx(rf"(?<!\w)do\s+(?:(?:{_words('cấp')})\s+)?"
               rf"(?:(?:{_LEVELS})[\s,]*(?:(?:{_words('và')})\s+)?)+(?:{_words('quản lý')})")
_TERRITORY = _rx(rf"(?<!\w)({_words('trên địa bàn')})(?:[\s,]*(?:{_LEVELS})(?!\w))*")
_WHOLE_UNIT = _rx(rf"(?<!\w)(?:{_words('toàn')})\s+(?:{_LEVELS})(?!\w)")
_GROWTH_WORDS = _words("tốc độ tăng trưởng", "tốc độ tăng", "tăng trưởng", "tăng bình quân", "tăng")
_GROWTH = _rx(rf"(?<!\w)(?<!hạ )(?<!ha )(?:{_GROWTH_WORDS})(?!\s+(?:cường|cuong))(?!\w)")
_NUMBER = _rx(rf"[<>≤≥]?\s*\d+(?:[.,]\d+)*(?:\s*/\s*\d+(?:[.,]\d+)*)?\s*(?:%|(?:{_UNITS})(?!\w))?")
_PUNCT = _rx(r"[^\w#\s]|_")
# A number that names something ('… mức 2', 'Trường số 1', 'Quốc lộ 27', 'Tổ 5') is part of
# the name, not a value: it is spelled in letters ('z' + a letter per digit, 'quoc lo zch')
# so that the value rule below leaves it, and `decisive_numbers` keeps fuzzy matching from
# merging 'Quốc lộ 20' with 'Quốc lộ 27'.
_NAMING_WORDS = _words("mức", "số", "quốc lộ", "tỉnh lộ", "huyện lộ", "đường tỉnh", "đường huyện",
                       "tuyến", "khu", "tiểu khu", "phân khu", "cụm", "lô", "tổ", "thôn", "ấp",
                       "bản", "loại", "hạng", "nhóm", "gói thầu", "trạm", "đợt", "cấp")
_NAMED_NUMBER = _rx(rf"(?<!\w)({_NAMING_WORDS})\s*(?:[.:]\s*)?(\d{{1,3}}[a-z]?)(?![\w.,/%-])")
_DIGIT_LETTERS = str.maketrans("0123456789", "abcdefghij")
NAMED_NUMBER_MARK = "z"  # Vietnamese words never start with z
_COMPARATOR_WORDS = _words("trên", "dưới", "từ", "hơn", "khoảng", "đạt", "là", "chiếm", "còn",
                           "ít nhất", "tối thiểu", "tối đa", "bằng", "có")
_AND_ABOVE = _words("trở lên", "trở xuống")
_COMPARATOR = _rx(rf"(?<!\w)(?:{_COMPARATOR_WORDS})\s+#|#\s+(?:{_AND_ABOVE})(?!\w)")
_FILLER_WORDS = _words("trong đó", "riêng", "ngành", "khu vực", "bình quân", "ước", "đạt", "được",
                       "và", "của", "các", "những", "là", "giữ vững", "duy trì", "phấn đấu",
                       "chiếm", "khoảng", "trở lên", "trở xuống", "như sau", "đồng bào")
_FILLER = _rx(rf"(?<!\w)(?:{_FILLER_WORDS})(?!\w)")
_ABBREVIATIONS = {
    "nsnn": "ngan sach nha nuoc", "nsdp": "ngan sach dia phuong", "nstw": "ngan sach trung uong",
    "ns": "ngan sach", "bhyt": "bao hiem y te", "bhxh": "bao hiem xa hoi", "qg": "quoc gia",
    "cchc": "cai cach hanh chinh", "xsnv": "xuat sac nhiem vu", "httnv": "hoan thanh tot nhiem vu",
    "dtts": "dan toc thieu so", "ntm": "nong thon moi", "gtsx": "gia tri san xuat",
    "cn": "cong nghiep", "xd": "xay dung", "dv": "dich vu", "tm": "thuong mai",
    "ttxh": "trat tu xa hoi", "kt": "kinh te", "xh": "xa hoi", "tccsd": "to chuc co so dang",
    "tthc": "thu tuc hanh chinh", "tp": "thanh pho", "tx": "thi xa",
    # one spelling for the i/y syllables: tỉ/tỷ, sĩ/sỹ, kì/kỳ, lí/lý, mĩ/mỹ
    "ti": "ty", "si": "sy", "ki": "ky", "li": "ly", "mi": "my",
}


def normalize(text: str) -> str:
    """The key used for matching: lower-case ASCII words separated by one space.

    Steps: NFC; leading list marks ('-', '+', 'a)', '1.2.', 'II') and a leading 'Có' dropped;
    text in brackets, price bases ('theo giá so sánh 2010') and standards ('theo tiêu chí mới')
    dropped; periods ('giai đoạn 2021-2023', 'năm 2023', '6 tháng đầu năm', 'hàng năm', '%/năm')
    dropped; 'giai đoạn 1' / 'mức độ 1' written 'muc do mot'; '/1 vạn dân' written 'van dan'; a
    number that names something ('mức 2', 'số 1', 'Quốc lộ 27', 'Tổ 5') kept, spelled in letters
    ('muc zc'); 'do huyện/xã … quản lý' written 'do dia phuong quan ly'; 'trên địa bàn huyện'
    written 'tren dia ban'; growth words (tăng, tăng trưởng, tốc độ tăng, tăng bình quân)
    removed and one 'tang' put first; numbers with their unit become '#' (a value left inside a
    name, as in 'ước đạt 575 triệu USD, đạt 33% so kế hoạch', keeps a '#'; values at either end
    are dropped) and 'trên #', 'đạt #', '# trở lên' become '#'; punctuation and filler words
    (trong đó, ngành, khu vực, bình quân, ước, đạt, được, và, của, các, những, là, giữ vững, duy
    trì, …) dropped; diacritics stripped (đ→d); abbreviations expanded (NSNN, NSĐP, BHYT, XSNV,
    DTTS, …) and i/y syllables unified (tỉ→ty, sĩ→sy).

    >>> normalize("- Khu vực nông, lâm nghiệp và thuỷ sản tăng.")
    'tang nong lam nghiep thuy san'
    """
    s = unicodedata.normalize("NFC", str(text)).strip()
    s = _strip_leading(s).lower()
    s = _OPEN_PAREN.sub(" ", _repeat(_PARENS, " ", s))
    s = _QUALIFIERS.sub(" ", s)
    for pattern in _PERIODS:
        s = pattern.sub(" ", s)
    s = _GRADE.sub(lambda m: f" mức độ {_GRADE_WORDS[m[1]]} ", s)
    s = _PER_10K.sub(" vạn dân", s)
    s = _MANAGED.sub(" do địa phương quản lý", s)
    s = _WHOLE_UNIT.sub(" ", _TERRITORY.sub(r" \1", s))
    s, growth = _GROWTH.subn(" ", s)
    s = _NAMED_NUMBER.sub(_spell_named_number, s)
    s = _PUNCT.sub(" ", _NUMBER.sub(" # ", s))
    s = _repeat(_COMPARATOR, "#", s)
    s = _FILLER.sub(" ", s)
    tokens = _tokens(_fold(s).lower())
    return " ".join(([GROWTH] if growth else []) + tokens)


def _spell_named_number(m: re.Match[str]) -> str:
    return f" {m[1]} {NAMED_NUMBER_MARK}{m[2].lower().translate(_DIGIT_LETTERS)} "


def named_numbers(key: str) -> frozenset[str]:
    """The numbers that belong to the name in a `normalize` key ('quoc lo zch')."""
    return frozenset(t for t in key.split() if t.startswith(NAMED_NUMBER_MARK))


def _strip_leading(text: str) -> str:
    return _LEADING_HAVE.sub("", _repeat(_LEADING_MARK, "", text), count=1)


def _repeat(pattern: re.Pattern[str], repl: str, text: str) -> str:
    previous = None
    while previous != text:
        previous = text
        text = pattern.sub(repl, text)
    return text


def _tokens(folded: str) -> list[str]:
    tokens: list[str] = []
    for word in folded.split():
        for token in _ABBREVIATIONS.get(word, word).split():
            if not (token == "#" and tokens and tokens[-1] == "#"):
                tokens.append(token)
    while tokens and tokens[0] == "#":
        tokens.pop(0)
    while tokens and tokens[-1] == "#":
        tokens.pop()
    return tokens


def uncatalogued_id(text: str, parent_text: str | None) -> str:
    """'u_' + a slug of the name + 8 hex digits of a hash: stable across runs and spellings.

    The parent row takes part only for short, generic names (three words or fewer, e.g.
    'Tổng số', 'Vốn ngoài nước'), so that a long uncatalogued name written in a plan under one
    group row and in a report under another still gets one id.
    """
    key = normalize(text) or _fold(str(text)).lower().strip()
    parent_key = normalize(parent_text) if parent_text and len(key.split()) <= 3 else ""
    slug = re.sub(r"[^a-z0-9]+", "_", key).strip("_")[:40].rstrip("_") or "chi_tieu"
    digest = hashlib.sha1(f"{parent_key}\x1f{key}".encode()).hexdigest()[:8]
    return f"u_{slug}_{digest}"

