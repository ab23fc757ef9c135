"""Reporting periods: codes (YYYY, YYYY-H1, YYYY-Q3, YYYY-9M, YYYY-YYYY), their dates and
labels, reading a period from the Vietnamese phrases used in titles and headers, and reading
the one period a person typed (a code or their report's words: `read_period`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from etl.errors import Refused
from etl.text import fold

__all__ = ["IN_YEAR_KINDS", "Period", "parse_code", "find_periods", "read_period", "label",
           "in_sentence", "same_period_in", "EXAMPLES"]

# The period kinds that lie inside a year: their results are judged against the year's plan.
IN_YEAR_KINDS = ("half", "quarter", "nine_months")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


@dataclass(frozen=True)
class Period:
    code: str
    kind: str  # year | half | quarter | nine_months | term
    start: date
    end: date
    label: str


def _year_ok(year: int) -> bool:
    return 1945 <= year <= 2100


def parse_code(code: str) -> Period:
    """Parse a period code; raise Refused for anything else."""
    text = code.strip().upper()
    m = re.fullmatch(r"(\d{4})", text)
    if m and _year_ok(int(m[1])):
        y = int(m[1])
        return Period(text, "year", date(y, 1, 1), date(y, 12, 31), f"Năm {y}")
    m = re.fullmatch(r"(\d{4})-H([12])", text)
    if m and _year_ok(int(m[1])):
        y, h = int(m[1]), int(m[2])
        start, end = (date(y, 1, 1), date(y, 6, 30)) if h == 1 else (date(y, 7, 1), date(y, 12, 31))
        words = "đầu" if h == 1 else "cuối"
        return Period(text, "half", start, end, f"6 tháng {words} năm {y}")
    m = re.fullmatch(r"(\d{4})-Q([1-4])", text)
    if m and _year_ok(int(m[1])):
        y, q = int(m[1]), int(m[2])
        end_month = 3 * q
        end = date(y, end_month, 30 if end_month in (6, 9) else 31)
        roman = ["I", "II", "III", "IV"][q - 1]
        return Period(text, "quarter", date(y, end_month - 2, 1), end, f"Quý {roman} năm {y}")
    m = re.fullmatch(r"(\d{4})-9M", text)
    if m and _year_ok(int(m[1])):
        y = int(m[1])
        return Period(text, "nine_months", date(y, 1, 1), date(y, 9, 30), f"9 tháng năm {y}")
    m = re.fullmatch(r"(\d{4})-(\d{4})", text)
    if m and _year_ok(int(m[1])) and int(m[1]) < int(m[2]) <= int(m[1]) + 10:
        a, b = int(m[1]), int(m[2])
        return Period(text, "term", date(a, 1, 1), date(b, 12, 31), f"Giai đoạn {a}–{b}")
    raise Refused(
        f"Kỳ '{code}' không hợp lệ. Dùng một trong các dạng: 2023, 2023-H1, 2023-H2, "
        "2023-Q1…Q4, 2023-9M, 2021-2025."
    )


def same_period_in(code: str, year: int) -> str | None:
    """The period of the same kind in another year ('2024-H1', 2023 -> '2023-H1'; '2024', 2023
    -> '2023'); None for a term, which has no same period in another year."""
    period = parse_code(code)
    if period.kind == "term":
        return None
    return parse_code(f"{year}{period.code[4:]}").code


def label(code: str) -> str:
    return parse_code(code).label


def in_sentence(code: str) -> str:
    """The label inside a sentence: 'năm 2004', 'quý I năm 2023' (not 'quý i')."""
    text = label(code)
    return text[:1].lower() + text[1:]


_DASH = r"\s*[-–—]\s*"
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(?:giai doan|nhiem ky|thoi ky)\s*(\d{4})" + _DASH + r"(\d{4})"), "term"),
    (re.compile(r"(?<![\d/])(\d{4})" + _DASH + r"(\d{4})(?![\d/])"), "term"),
    (re.compile(r"6 thang dau nam\s*(\d{4})"), "H1"),
    (re.compile(r"6 thang cuoi nam\s*(\d{4})"), "H2"),
    (re.compile(r"(?:6|sau) thang\s*(?:nam)?\s*(\d{4})"), "H1"),
    (re.compile(r"9 thang\s*(?:dau\s*)?(?:nam)?\s*(\d{4})"), "9M"),
    (re.compile(r"quy\s*(iv|iii|ii|i|[1-4])\s*(?:nam)?\s*(?:/\s*)?(\d{4})"), "Q"),
    (re.compile(r"(?:nam|ky|ke hoach|kh|thuc hien|th|uoc)\s*(\d{4})(?![\d/-])"), "year"),
]
_DATE_PHRASES = re.compile(
    r"ngay\s*\d{1,2}\s*(?:/\s*\d{1,2}\s*/\s*\d{4}|thang\s*\d{1,2}\s*nam\s*\d{4})"
    r"|\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|thang\s*\d{1,2}\s*(?:/|nam)\s*\d{4}"
)


def find_periods(text: str) -> list[str]:
    """Period codes mentioned in a title or header, in order, without duplicates.

    Dates ('ngày 10/12/2021', 'ngày 23 tháng 7 năm 2015') are not periods and are ignored.
    """
    return list(dict.fromkeys(code for _, _, code in _mentions(_undated(text))))


# What a person may type for a period, shown when what they typed cannot be read.
EXAMPLES = ("Năm 2023, 6 tháng đầu năm 2023, 9 tháng năm 2023, Quý I/2023, "
            "Giai đoạn 2021-2025 (hoặc mã kỳ: 2023, 2023-H1, 2023-9M, 2023-Q1, 2021-2025)")


def read_period(text: str) -> Period:
    """The one period a person wrote (the upload form's box, `--period`): a code ('2023-H1') or
    the words of their reports ('6 tháng đầu năm 2023', 'Quý I/2023', 'Giai đoạn 2021 - 2025',
    a bare '2023 (ước)'), read as titles are. Refused, with examples, when it names no period,
    several, or has figures left over that no period phrase took ('2023 H1')."""
    try:
        return parse_code(text)
    except Refused:
        pass
    for folded in (_undated(text), _undated("năm " + text)):
        mentions = _mentions(folded)
        codes = list(dict.fromkeys(code for _, _, code in mentions))
        if len(codes) > 1:
            raise Refused(
                f"Kỳ '{text.strip()}' nêu nhiều kỳ ("
                + ", ".join(parse_code(c).label for c in codes)
                + f"): chỉ ghi một kỳ, ví dụ: {EXAMPLES}.",
                reason="several_periods", field="period", example="6 tháng đầu năm 2023")
        if codes and not re.search(r"\d", _without(folded, mentions)):
            return parse_code(codes[0])
    raise Refused(f"Không đọc được kỳ '{text.strip()}'. Ghi kỳ như trong báo cáo, ví dụ: "
                  f"{EXAMPLES}.", reason="bad_period", field="period",
                  example="6 tháng đầu năm 2023")


def _undated(text: str) -> str:
    """The text folded, with its dates (not periods) blanked."""
    return _DATE_PHRASES.sub(" ", fold(text))


def _mentions(folded: str) -> list[tuple[int, int, str]]:
    """(start, end, code) of each period phrase in folded, undated text, in order; where two
    phrases overlap, the first pattern's (the more specific) is kept."""
    found: list[tuple[int, int, str]] = []
    for pattern, kind in _PATTERNS:
        for m in pattern.finditer(folded):
            if any(a < m.end() and m.start() < b for a, b, _ in found):
                continue
            code = _code_from_match(kind, m)
            if code:
                found.append((m.start(), m.end(), code))
    return sorted(found)


def _without(folded: str, mentions: list[tuple[int, int, str]]) -> str:
    """The text outside the period phrases."""
    kept, at = [], 0
    for start, end, _ in mentions:
        kept.append(folded[at:start])
        at = end
    return "".join(kept) + folded[at:]


def _code_from_match(kind: str, m: re.Match[str]) -> str | None:
    try:
        if kind == "term":
            return parse_code(f"{m[1]}-{m[2]}").code
        if kind == "Q":
            q = _ROMAN.get(m[1], None) or int(m[1])
            return parse_code(f"{m[2]}-Q{q}").code
        if kind == "year":
            return parse_code(m[1]).code
        return parse_code(f"{m[1]}-{kind}").code
    except Refused:
        return None
