"""Parse single cells of phụ lục tables: Vietnamese numbers, targets, actuals and statuses.

Numbers (`parse_number`, `format_vn`, in `_numerals`): thousands '.', decimal ','; see there
for the rules. Statuses (`parse_status`, in `_status`): 'Vượt', 'Đạt' or 'Chưa đạt'.

Cells (`parse_cell`) hold one *figure*: a number, or a range of two numbers joined by a dash,
'đến' or 'tới'. Words around it set the comparison ('trên', '≥', 'tối đa', 'từ … trở lên' …),
are dropped ('tăng', 'đạt', 'ước', 'còn', '%') or kept as a note ('theo tiêu chí cũ',
'Bình quân kết nạp', 'khoảng', 'giảm'). 'giảm' directly before the number makes it negative.
A sign counts only when it touches the digits ('- 5' is a bullet, 5).
Numbers that belong to a unit are not figures: a per-period basis ('/ 3 năm'), a rate
denominator ('/1 vạn dân') and a date in brackets ('(6/2023)').

Never guess silently: a cell with two figures joined by '/' ('48/63 trường') has op None and
note 'phân số 48/63' ('25/5/2023' and '6/2023' get note 'ngày tháng'); any other cell with
more than one figure has op None and note 'nhiều số'. A range written backwards ('10-8') or
with words that disagree ('trên 2 trở xuống') is kept the same way. The caller keeps the text.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache

from etl.numbers._numerals import (
    NOT_WORD,
    NOTE_STRIP,
    NUM,
    PLAIN,
    WORD_END,
    fold,
    format_vn,
    nfc,
    parse_number,
    token_value,
)
from etl.numbers._status import parse_status, status_wording

__all__ = ["Parsed", "parse_number", "parse_cell", "parse_status", "status_wording", "format_vn"]


@dataclass(frozen=True, slots=True)
class Parsed:
    """One cell as written and as a comparison: op with its low/high bounds."""

    text: str
    op: str | None
    low: float | None
    high: float | None
    note: str | None = None
    basis: str | None = None
    estimate: bool = False

    @property
    def value(self) -> float | None:
        """The single number: low for '=', '>', '>='; high for '<', '<='; None for a range."""
        if self.op in ("=", ">", ">="):
            return self.low
        if self.op in ("<", "<="):
            return self.high
        return None


EMPTY = Parsed("", None, None, None)
_EMPTY_MARKS = frozenset({"", "-", "–", "—", "−", "--", "x", "X", "×", "…", "..."})


# ---------------------------------------------------------------- cells

_LEAD_KINDS: dict[str, str] = {
    ">=": ">=", "≥": ">=", "ít nhất": ">=", "tối thiểu": ">=", "không dưới": ">=",
    "không ít hơn": ">=",
    ">": ">", "trên": ">", "hơn": ">", "lớn hơn": ">", "cao hơn": ">", "nhiều hơn": ">",
    "<=": "<=", "≤": "<=", "tối đa": "<=", "không quá": "<=", "không vượt quá": "<=",
    "không vượt": "<=", "không trên": "<=", "không cao hơn": "<=", "không lớn hơn": "<=",
    "<": "<", "dưới": "<", "nhỏ hơn": "<", "thấp hơn": "<", "ít hơn": "<",
    "từ": "from",
    "giảm": "neg",
    "khoảng": "keep", "xấp xỉ": "keep",
    "ước thực hiện": "drop", "ước đạt": "drop", "ước tính": "drop", "ước": "drop", "ưth": "drop",
    "đạt": "drop", "đạt được": "drop", "tăng": "drop", "giảm còn": "drop",
    "giảm xuống còn": "drop", "còn": "drop", "mức": "drop", "là": "drop", "bằng": "drop",
    "=": "drop",
}
_KIND = {fold(k): v for k, v in _LEAD_KINDS.items()}
_COMPARISONS = (">", ">=", "<", "<=")
_FLIP = {"=": "=", ">": "<", ">=": "<=", "<": ">", "<=": ">="}


def _alternation(phrases: list[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


_TAIL = re.compile(
    r"(?:^|(?<=[^\w]))(?P<w>>\s*=|<\s*=|" + _alternation(list(_KIND)) + r")\s*$"
)
_SUFFIX_OP = re.compile(NOT_WORD + r"tro\s+(len|xuong)" + WORD_END)
_RANGE_SEP = re.compile(r"\s*(?:%\s*)?(?:[-–—~÷]|den|toi)\s*(?P<neg>[-−])?")
_FRACTION_SEP = re.compile(r"\s*/\s*")
_DATE_TEXT = re.compile(r"(?:\d{1,2}\s*/\s*)?(?:0?[1-9]|1[0-2])\s*/\s*(?:19|20)\d\d(?!\d)")
_PERCENT = re.compile(r"\s*%")
_PER = re.compile(r"\s*/\s*[^\W\d_]")  # '%/năm', '% / tháng'
_ESTIMATE = re.compile(NOT_WORD + r"(?:uoc(?:\s+(?:dat|tinh|thuc\s+hien))?|uth)" + WORD_END)
_BASIS = re.compile(
    r"(?:/|" + NOT_WORD + r"(?:trong|sau|ca)\s+(?=\d))\s*(?P<b>(?:\d+\s*)?"
    r"(?:nam|thang|quy|nhiem\s+ky|giai\s+doan))" + WORD_END
)
_RATE = re.compile(
    r"/\s*[\d.,]+\s*(?:van|nghin|ngan|tram|trieu)?\s*(?:dan|nguoi|ho|tre|phu\s+nu)" + WORD_END
)
_DATE_PAREN = re.compile(r"\(\s*(?:[a-z]+\s+){0,3}(?:\d{1,2}\s*/\s*){0,2}\d{4}\s*\)")
_SIGNS = "-−+"


@dataclass
class _Lead:
    """What the words just before the figure say."""

    kind: str | None  # a comparison, 'from', or None
    negate: bool
    start: int  # where the figure's sign or first digit begins
    drops: list[tuple[int, int]]


def _scan_lead(folded: str, start: int) -> _Lead:
    """Read the words before the figure from right to left, stopping at the first other word."""
    lead = _Lead(None, False, start, [])
    if start and folded[start - 1] in _SIGNS and (start == 1 or folded[start - 2] in " (\t\n"):
        lead.start = start = start - 1
    first = True
    while m := _TAIL.search(folded, 0, start):
        word = " ".join(m["w"].split())
        kind = _KIND.get(word) or _KIND[word.replace(" ", "")]
        if kind == "neg" and first:
            lead.negate = True
        elif kind in ("neg", "from", *_COMPARISONS):
            if lead.kind or kind == "neg":
                break  # a second comparison, or 'giảm' not touching the number: leave as words
            lead.kind = kind
            lead.drops.append(m.span("w"))
        elif kind == "drop":
            lead.drops.append(m.span("w"))
        start, first = m.start("w"), False
    return lead


def _sign(folded: str, lead: _Lead, digits_start: int) -> float:
    return -1.0 if lead.start < digits_start and folded[lead.start] in "-−" else 1.0


def _unit_spans(folded: str) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Spans whose numbers belong to a unit, and the per-period basis if one is written."""
    spans, basis = [], None
    for m in _BASIS.finditer(folded):
        spans.append(m.span())
        if " ".join(m["b"].split()) not in ("nam", "1 nam"):
            basis = m.span("b")
    spans += [m.span() for p in (_RATE, _DATE_PAREN) for m in p.finditer(folded)]
    return spans, basis


def _note(text: str, removed: list[tuple[int, int]]) -> str | None:
    """Words of `text` outside the removed spans, cleaned: the note worth keeping."""
    pieces, pos = [], 0
    for a, b in sorted(removed):
        pieces.append(text[pos:a])
        pos = max(pos, b)
    pieces.append(text[pos:])
    words = " ".join(" ".join(p.strip(NOTE_STRIP).split()) for p in pieces).split()
    return " ".join(words) or None


def _figure_end(folded: str, m: re.Match[str]) -> int:
    """Where the figure `m` ends: after its '%', unless the '%' opens a unit ('1%/năm': the
    note keeps '%/năm' whole, not a bare '/năm')."""
    pct = _PERCENT.match(folded, m.end())
    return pct.end() if pct and not _PER.match(folded, pct.end()) else m.end()


@dataclass
class _Cell:
    """A text cell being parsed: NFC text, its folded twin, and what is known so far."""

    text: str
    folded: str
    basis: str | None
    estimates: list[tuple[int, int]]  # 'ước …' spans: they set `estimate`, never the note

    def keep(self, note: str | None = None) -> Parsed:
        """The cell kept as text: no figure, with the reason in the note."""
        return Parsed(self.text, None, None, None, note, self.basis, bool(self.estimates))

    def figure(
        self, op: str, low: float | None, high: float | None, removed: list[tuple[int, int]]
    ) -> Parsed:
        """The cell's figure; words outside `removed` and the estimate spans make the note."""
        note = _note(self.text, [*removed, *self.estimates])
        return Parsed(self.text, op, low, high, note, self.basis, bool(self.estimates))


def _single(cell: _Cell, num: re.Match[str]) -> Parsed:
    folded = cell.folded
    value = token_value(num[0])
    if value is None:
        return cell.keep(f"số không đọc được: {num[0]}")
    lead = _scan_lead(folded, num.start())
    end = _figure_end(folded, num)
    removed = [*lead.drops, (lead.start, end)]
    suffix = _SUFFIX_OP.search(folded, end)
    suffix_op = None
    if suffix:
        suffix_op = ">=" if suffix[1] == "len" else "<="
        removed.append(suffix.span())
    op = _combine_ops(lead.kind, suffix_op)
    if op is None:
        return cell.keep("dấu so sánh mâu thuẫn")
    value *= _sign(folded, lead, num.start())
    if lead.negate:
        value, op = -value, _FLIP[op]
    low = value if op in ("=", ">", ">=") else None
    high = value if op in ("=", "<", "<=") else None
    return cell.figure(op, low, high, removed)


def _combine_ops(lead_kind: str | None, suffix_op: str | None) -> str | None:
    """'từ 2 trở lên' -> '>='; a word before and after that disagree -> None."""
    if lead_kind in _COMPARISONS:
        if suffix_op and suffix_op[0] != lead_kind[0]:
            return None
        return lead_kind
    if lead_kind == "from":
        return suffix_op or ">="
    return suffix_op or "="


def _range(cell: _Cell, nums: list[re.Match[str]], sep: re.Match[str]) -> Parsed:
    folded = cell.folded
    a, b = token_value(nums[0][0]), token_value(nums[1][0])
    if a is None or b is None:
        bad = nums[0][0] if a is None else nums[1][0]
        return cell.keep(f"số không đọc được: {bad}")
    lead = _scan_lead(folded, nums[0].start())
    end = _figure_end(folded, nums[1])
    if lead.kind not in (None, "from") or _SUFFIX_OP.search(folded, end):
        return cell.keep("dấu so sánh mâu thuẫn")
    low = a * _sign(folded, lead, nums[0].start())
    high = -b if sep["neg"] else b
    if lead.negate:
        low, high = -high, -low
    if low > high:
        return cell.keep("khoảng ngược (số đầu lớn hơn số sau)")
    return cell.figure("range", low, high, [*lead.drops, (lead.start, end)])


# A figure cell is a few words ('Tăng 8,5 - 9,5', 'Bình quân kết nạp từ 110 – 120'): a cell of
# many words is a sentence of a report whose one number says nothing on its own.
PROSE_WORDS = 20
_OUTLINE = re.compile(r"^\(?\d{1,2}(?:\.\d{1,2})*[.)]\s+[^\W\d_]")   # '1.5. Chỉ đạo …', '2) …'
_GLUED = re.compile(r"[^\W\d_]-\d")                               # 'Covid-19', 'QL-27'


def _prose(text: str, folded: str, nums: list[re.Match[str]]) -> str | None:
    """Why a cell with a number is still not a figure: a report's sentence, a heading number
    ('1.5. Chỉ đạo …'), or its only number glued to a word ('Covid-19'); None for a figure."""
    if len(text.split()) > PROSE_WORDS:
        return "đoạn văn, không phải số liệu"
    if _OUTLINE.match(folded):
        return "số thứ tự của một mục, không phải số liệu"
    if len(nums) == 1 and _GLUED.search(folded, max(0, nums[0].start() - 2), nums[0].end()):
        return "số thuộc một tên (như Covid-19), không phải số liệu"
    return None


_SCIENTIFIC = re.compile(r"[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d{1,3}")


@lru_cache(maxsize=131072)
def _parse_text(raw: str) -> Parsed:
    text = nfc(raw).strip()
    if text in _EMPTY_MARKS:
        return EMPTY
    if PLAIN.fullmatch(text):
        value = parse_number(text)
        if value is not None:
            return Parsed(text, "=", value, value)
    if _SCIENTIFIC.fullmatch(text):  # '1e5', '1,5E3': Excel's text for very large or small
        value = float(text.replace(",", "."))
        return Parsed(text, "=", value, value)
    folded = fold(text)
    unit_spans, basis_span = _unit_spans(folded)
    estimates = [m.span() for m in _ESTIMATE.finditer(folded)]
    basis = text[basis_span[0]:basis_span[1]] if basis_span else None
    cell = _Cell(text, folded, basis, estimates)
    nums = [
        m for m in NUM.finditer(folded)
        if not any(a <= m.start() and m.end() <= b for a, b in unit_spans)
    ]
    if not nums:
        return cell.keep()
    if prose := _prose(text, folded, nums):
        return cell.keep(prose)
    for left, right in zip(nums, nums[1:], strict=False):
        if _FRACTION_SEP.fullmatch(folded, left.end(), right.start()):
            is_date = _DATE_TEXT.match(folded, left.start())
            return cell.keep("ngày tháng" if is_date else f"phân số {left[0]}/{right[0]}")
    if len(nums) == 1:
        return _single(cell, nums[0])
    sep = _RANGE_SEP.fullmatch(folded, nums[0].end(), nums[1].start())
    if len(nums) == 2 and sep:
        return _range(cell, nums, sep)
    return cell.keep("nhiều số")


@lru_cache(maxsize=65536)
def _from_number(x: float, percent_cell: bool) -> Parsed:
    if math.isnan(x):
        return EMPTY
    if math.isinf(x):
        return Parsed(str(x), None, None, None, _TOO_LARGE)
    if percent_cell:
        x = round(x * 100, 10)
    return Parsed(shown_number(x) if abs(x) < _LIMIT else repr(x), "=", x, x)


def shown_number(x: float) -> str:
    """A number cell's text as a report shows it: a formula's 8835806.8821479976 (the MOF's
    final accounts) is '8.835.806,88', not every digit of the float; up to 2 decimals from 1
    up, 4 significant digits below (0,1235; 0,001235) but no more than 6 decimals, so that a
    formula's zero (1e-10 in the 2014 final accounts) reads 0. The stored value keeps every
    digit."""
    if abs(x) >= 1 or x == 0:
        decimals = 2
    else:
        decimals = min(max(4, 3 - math.floor(math.log10(abs(x)))), 6)
    return format_vn(round(x, decimals))  # format_vn drops trailing zeros


# No figure of a local government reaches 10^16 (a province's GRDP in đồng is ~10^15); past it a
# float no longer holds every digit, and 1e308 or a 400-digit number would be stored as ±inf.
_LIMIT = 1e16
_TOO_LARGE = "số quá lớn (từ 10^16 trở lên), giữ nguyên chữ"


def _bounded(parsed: Parsed) -> Parsed:
    """A figure out of any sane range is kept as text with a note, never stored as ±inf."""
    bounds = [v for v in (parsed.low, parsed.high) if v is not None]
    if all(math.isfinite(v) and abs(v) < _LIMIT for v in bounds):
        return parsed
    return Parsed(parsed.text, None, None, None, _TOO_LARGE, parsed.basis, parsed.estimate)


def _is_missing(cell: object) -> bool:
    return cell is None or type(cell).__name__ in ("NAType", "NaTType")


def parse_cell(cell: object, *, percent_cell: bool = False) -> Parsed:
    """Parse one target/actual cell; see the module docstring for the rules.

    `percent_cell`: the cell is a number Excel shows as a percent (0.933 shown as 93,3 %), so
    it is stored as 93.3. Text cells are read as written ('93,3%' -> 93.3) whatever the flag.
    A number of 10^16 or more (or infinite) is kept as text with a note.
    """
    kind = type(cell)
    if kind is float or kind is int or kind is str:
        return _parse_hashable(cell, kind, percent_cell)
    return _bounded(_parse_any(cell, percent_cell))


# A column repeats its figures and words ('Đạt', 12.5): each distinct cell is parsed once. The
# type is part of the key, so 1, 1.0 and True stay apart.
@lru_cache(maxsize=131072)
def _parse_hashable(cell: float | int | str, kind: type, percent_cell: bool) -> Parsed:
    return _bounded(_parse_any(cell, percent_cell))


def _parse_any(cell: object, percent_cell: bool) -> Parsed:
    kind = type(cell)
    if kind is float or kind is int:
        return _from_number(float(cell), percent_cell)
    if isinstance(cell, str):
        return _parse_text(cell)
    if _is_missing(cell):
        return EMPTY
    if isinstance(cell, bool):
        return Parsed(str(cell), None, None, None)
    if isinstance(cell, (datetime, date, time)):
        return Parsed(str(cell), None, None, None)
    if isinstance(cell, (float, int, Decimal)) or hasattr(cell, "__float__"):
        return _from_number(float(cell), percent_cell)
    return _parse_text(str(cell))
