"""Text helpers shared by the ETL: folding Vietnamese text for keyword matching, and the
Vietnamese part of a bilingual cell ('STT\nNo', 'TỔNG SỐ - TOTAL')."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "clean", "vietnamese_part", "is_english", "shortened"]

_SPACES = re.compile(r"\s+")


def clean(value: object) -> str:
    """A cell as stripped NFC text with single spaces; '' for None."""
    if value is None:
        return ""
    return _clean_text(value if isinstance(value, str) else str(value))


QUOTE_LIMIT = 80  # characters of a file's cell a message quotes before it is cut


def shortened(text: str, limit: int = QUOTE_LIMIT) -> str:
    """Text quoted in a message (a file's cell may be a whole paragraph): past `limit`
    characters, its start, '…' and its end, where two cells that begin alike differ."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    tail = limit // 3
    return f"{text[: limit - tail - 3].rstrip()} … {text[-tail:].lstrip()}"


def fold(value: object) -> str:
    """Lower-case, strip diacritics (đ -> d), single spaces: 'Ước năm 2023' -> 'uoc nam 2023'."""
    if value is None:
        return ""
    return _fold_text(value if isinstance(value, str) else str(value))


# Cells repeat heavily in large files (indicator and place names): memoise per string.
@lru_cache(maxsize=131072)
def _clean_text(text: str) -> str:
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


@lru_cache(maxsize=131072)
def _fold_text(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", _clean_text(text)).replace("đ", "d")
    decomposed = decomposed.replace("Đ", "D")
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn").lower()


# Words that mark a line as the English translation of the Vietnamese above it.
_ENGLISH_WORDS = frozenset(
    "no name names total of and the in for from to by with by revenue revenues expenditure "
    "expenditures transfer transfers budget local central province provinces city cities "
    "ratio plan final accounts balance balancing target items unit million millions billion "
    "billions dong fy remark remarks including excluding north south east west northeastern "
    "northwestern area delta highland coastal".split()
)
_ASCII_WORD = re.compile(r"[A-Za-z]{2,}")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_DASH_TAIL = re.compile(r"\s+[-–]\s*(?=[A-Za-z(])")


def is_english(line: str) -> bool:
    """A whole cell in English ('Name of provinces and cities'), not a code ('STT', 'NSNN')."""
    return "\n" not in line and _is_english(line) and not _is_code_like(line)


def _is_english(line: str) -> bool:
    """An ASCII line that reads as English: a known English word or a lower-case word."""
    if not line.isascii():
        return False
    words = _ASCII_WORD.findall(line)
    return bool(words) and any(
        w.lower() in _ENGLISH_WORDS or (len(w) > 3 and not w.isupper()) for w in words
    )


@lru_cache(maxsize=65536)
def vietnamese_part(text: str) -> str:
    """The cell without its English translation: 'STT\\nNo' -> 'STT', 'Tỉnh, thành phố\\nName of
    provinces' -> 'Tỉnh, thành phố', 'TỔNG SỐ - TOTAL (1)' -> 'TỔNG SỐ'. A cell that is English
    with no English is returned unchanged, as is a single line ('Long An')."""
    if "\n" not in text and " -" not in text and " –" not in text:
        return text
    lines = [ln.strip() for ln in text.replace("\xa0", " ").split("\n")]
    kept: list[str] = []
    for i, line in enumerate(lines):
        if not line:
            continue
        if _is_english(line) and not _is_code_like(line):
            return _with_year("\n".join(kept), " ".join(lines[i:]))
        head, sep, tail = _split_dash(line)
        kept.append(head)
        if sep:
            return _with_year("\n".join(kept), tail)
    return "\n".join(kept)


def _with_year(kept: str, english: str) -> str:
    """A year written only in the English part ('Quyết toán\\nFinal accounts 2007') is kept."""
    years = _YEAR.findall(english)
    if kept and years and not _YEAR.search(kept):
        return f"{kept} năm {years[-1]}"
    return kept


def _split_dash(line: str) -> tuple[str, bool, str]:
    """'Tổng số - Total' -> ('Tổng số', True, 'Total') when the tail is English."""
    for m in _DASH_TAIL.finditer(line):
        tail = line[m.end():]
        if _is_english(re.sub(r"\(\d+\)", "", tail)) and not line[: m.start()].isascii():
            return line[: m.start()].rstrip(), True, tail
    return line, False, ""


def _is_code_like(line: str) -> bool:
    """Abbreviations and codes that are ASCII but Vietnamese: 'STT', 'TT', 'NSNN', 'KH 2024'."""
    words = _ASCII_WORD.findall(line)
    return all(w.isupper() and len(w) <= 5 and w.lower() not in _ENGLISH_WORDS for w in words)
