"""The words header cells are read by: a header cell's text with its English line and
footnote mark set aside, the column role a header names by keyword (stt, name, unit, target,
actual, status, pct_target, pct_prev, note, locality, period, province, code), a header that
names a unit ('Huyện Lâm Hà', 'Toàn tỉnh'), and what counts as a figure in the data block."""

from __future__ import annotations

import re

from etl.text import clean, fold, is_english, vietnamese_part

__all__ = ["MEASURE_ROLES", "KEY_ROLES", "UNIT_HINT", "classify", "header_text",
           "is_figure", "is_footnote_mark", "names_a_unit", "count_figures", "count_filled"]

MEASURE_ROLES = ("target", "actual", "status", "pct_target", "pct_prev")

KEY_ROLES = ("stt", "name", "locality", "province", "unit", "code")

_EXACT = {
    "stt": "stt", "tt": "stt", "so tt": "stt", "so thu tu": "stt", "s tt": "stt",
    "dvt": "unit", "don vi tinh": "unit", "don vi": "unit", "dv tinh": "unit", "d.v.t": "unit",
    "ky": "period", "ky bao cao": "period", "thoi gian": "period", "nam": "period",
    "giai doan": "period", "thoi ky": "period",
    "tinh": "province", "tinh/thanh pho": "province", "tinh, thanh pho": "province",
    # communes headed by their tier alone ('Huyện | Xã | Kỳ | Chỉ tiêu'); a 'Huyện' column
    # beside them narrows them (etl.place_context.place_columns) whatever its role
    "xa": "locality", "phuong": "locality",
    # a statistical long table's one figure column ('Địa phương | Năm | Chỉ tiêu | Giá trị')
    "gia tri": "actual",
}

# The result a ratio header divides ('TH/KH (%)', 'Ước TH/DT', 'TH/CK'): a percentage of the
# plan or of the same period last year, never the result itself.
_RESULT = r"(th|uth|uoc th|uoc|thuc hien|uoc thuc hien|kq|ket qua)"

_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("note", re.compile(r"^ghi chu")),
    ("code", re.compile(r"^ma (dvhc|don vi|hanh chinh|dia phuong|xa|tinh|huyen)")),
    ("locality", re.compile(
        r"^(ten )?(dia phuong|don vi hanh chinh|dvhc|ten don vi|xa, phuong|xa/phuong|"
        r"xa, thi tran|xa/thi tran|phuong, xa|phuong/xa|huyen, thi xa|huyen/thi xa|"
        r"huyen, thanh pho|tinh, thanh pho|tinh/thanh pho)|^ten (tinh|xa|huyen|phuong)"
    )),
    # A ratio or a percentage of the same period; 'Cùng kỳ năm trước', 'Thực hiện cùng kỳ' alone
    # are last year's figures, not a percentage.
    ("pct_prev", re.compile(
        rf"(%|\bso\b|ty le|tang giam|tang, giam|tang/giam).*cung ky|cung ky.*%"
        rf"|^(so sanh )?{_RESULT}\s*/\s*ck\b|(%|so voi|so sanh).*\bck\b")),
    ("pct_target", re.compile(
        r"(%|ty le|so voi|so sanh).*(du toan|ke hoach|\bkh\b|\bdt\b|nghi quyet|\bnq\b|chi tieu)"
        r"|^ty le( %)?$|^% (so )?(voi )?(du toan|ke hoach|kh|dt)\b"
        rf"|^(so sanh )?{_RESULT}\s*/\s*(kh|dt|du toan|ke hoach|nq|ct|chi tieu)\b"
    )),
    ("status", re.compile(r"^(danh gia|so sanh|ket qua danh gia|muc do (dat|hoan thanh))")),
    ("name", re.compile(r"^(ten chi tieu|chi tieu|noi dung|danh muc|linh vuc|hang muc|ten)")),
    ("actual", re.compile(
        r"^(uoc|thuc hien|ket qua|quyet toan|\bth\b|uth\b|so lieu|dat duoc)|thuc hien|uoc (th|tinh)"
    )),
    ("target", re.compile(
        r"^(ke hoach|kh\b|chi tieu|nghi quyet|nq\b|du toan|muc tieu|giao)|ke hoach|du toan"
    )),
]

UNIT_HINT = re.compile(r"^\(?\s*(?:đơn vị tính|đvt|đơn vị)\s*:\s*(.+?)\)?$", re.IGNORECASE)
# a parenthesis that qualifies the header rather than naming its unit: '(vốn đầu tư)'

_TRAILING_MARK = re.compile(r"\s*\(\s*(?:\d{1,2}|\*+)\s*\)$")  # footnote mark '(1)', '(*)'

# A column header is a few words ('Tổng thu NSNN trên địa bàn từng tỉnh, thành phố'); a cell of
# more is a paragraph of a report, whatever words it holds.
HEADER_WORDS = 30


def classify(text: str) -> str | None:
    """The role a single header text names, or None."""
    folded = fold(text).rstrip(":. ")
    if not folded or folded.count(" ") >= HEADER_WORDS:
        return None
    if folded in _EXACT:
        return _EXACT[folded]
    for role, pattern in _RULES:
        if pattern.search(folded):
            return role
    return None

# A unit's name ('TP. Đà Lạt', 'Huyện Lâm Hà', 'Thị trấn Liên Nghĩa', 'Phường 2') or its total
# ('Toàn tỉnh', 'Toàn huyện'); 'Xã hội' is no commune.
_UNIT_NAME = re.compile(
    r"^(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)\s+(?!hoi\b)\w"
    r"|^(?:tp|tx)\.?\s*[^\W\d_]"
    r"|^(?:toan|ca)\s+(?:tinh|thanh pho|huyen|quan|thi xa|xa|phuong|thi tran)$"
)


def names_a_unit(text: str) -> bool:
    """The header names a unit or a unit's total, and nothing else it could be a measure of."""
    folded = fold(text).rstrip(":. ")
    return bool(_UNIT_NAME.match(folded)) and classify(text) is None


def header_text(value: object) -> str:
    """A header cell's text with its English translation set aside ('STT\\nNo' -> 'STT')."""
    if not isinstance(value, str):
        return clean(value)
    return "" if is_english(value) else _TRAILING_MARK.sub("", clean(vietnamese_part(value)))

_FOOTNOTE_MARK = re.compile(r"^\(\s*(\d{1,2}|\*+|[a-z])\s*\)$")

def is_footnote_mark(value: object) -> bool:
    """'(1)', '(*)', '(a)' alone in a cell: a reference to a note under the table."""
    return isinstance(value, str) and bool(_FOOTNOTE_MARK.match(clean(value)))


def is_figure(value: object) -> bool:
    """A cell that holds a figure: a number, or text with one ('1.234,5', '> 64', 'Đạt' is not);
    a footnote mark alone ('(1)', '(*)') is not."""
    from etl.numbers import parse_cell

    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return True
    text = clean(value)
    return bool(text) and not _FOOTNOTE_MARK.match(text) and parse_cell(text).op is not None

def count_figures(row: list[object]) -> int:
    return sum(1 for v in row if isinstance(v, (int, float)) and not isinstance(v, bool))

def count_filled(row: list[object]) -> int:
    return sum(1 for v in row if clean(v))
