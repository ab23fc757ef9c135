"""Vietnamese numerals and the folded text they are read from.

Numbers: thousands '.', decimal ','; one '.' followed by anything other than exactly three
digits is a decimal point ('10.79'); several commas are English thousands ('1,234,567'); when
both marks appear the last one is the decimal mark; spaces/NBSP may group thousands.
`fold` gives text the same length as its input, lower-case and without diacritics, so spans
found in the folded text cut the original.
"""

from __future__ import annotations

import re
import unicodedata

_SWAP = str.maketrans({",": ".", ".": ","})
NOT_WORD = r"(?<![^\W_])"  # not preceded by a letter or digit
WORD_END = r"(?![^\W_])"
NOTE_STRIP = " \t\r\n,;:.()[]-–—*"  # trimmed around a note's or a status's words


def _fold_table() -> dict[int, str]:
    """Map each Latin letter to its lower-case base letter, one char to one char."""
    table: dict[int, str] = {0xA0: " ", 0x202F: " ", 0x2007: " "}
    for code in [*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)]:
        ch = chr(code)
        base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
        base = "d" if ch in "đĐ" else base.lower()
        if len(base) == 1 and base != ch:
            table[code] = base
    return table


_FOLD = _fold_table()


def fold(text: str) -> str:
    """Same length as `text`: lower-case, no diacritics, NBSP as space ('Ước đạt' -> 'uoc dat').

    Not etl.text.fold: number parsing finds spans in the folded text and cuts the original at
    the same positions, so no character may be dropped or merged."""
    return text.translate(_FOLD)


def nfc(text: str) -> str:
    return text if text.isascii() else unicodedata.normalize("NFC", text)


NUM = re.compile(
    NOT_WORD + r"(?:\d{1,3}(?: \d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)*)"
)
PLAIN = re.compile(r"[-−+]?\d+(?:[.,]\d+)*")
_LEADING = re.compile(r"\s*([-−+]?)(" + NUM.pattern + r")")
DIGIT = re.compile(r"\d")


def _grouped(parts: list[str]) -> bool:
    """Thousands groups: first 1-3 digits without a leading zero, then exactly 3 digits each."""
    head = parts[0]
    return 1 <= len(head) <= 3 and head[0] != "0" and all(len(p) == 3 for p in parts[1:])


def token_value(token: str) -> float | None:
    """Value of a digits-and-separators token ('1.234,5' -> 1234.5); None when malformed."""
    token = token.replace(" ", "")
    has_dot, has_comma = "." in token, "," in token
    if not has_dot and not has_comma:
        return float(token)
    if has_dot and has_comma:
        dec = "." if token.rfind(".") > token.rfind(",") else ","
        whole, frac = token.rsplit(dec, 1)
        groups = whole.split("," if dec == "." else ".")
        if dec in whole or not _grouped(groups):
            return None
        return float("".join(groups) + "." + frac)
    parts = token.split("." if has_dot else ",")
    if len(parts) > 2:
        return float("".join(parts)) if _grouped(parts) else None
    whole, frac = parts
    if has_dot and len(frac) == 3 and _grouped(parts):
        return float(whole + frac)
    return float(whole + "." + frac)


def parse_number(text: str) -> float | None:
    """The number a cell starts with ('93,3%' -> 93.3, '-1.234,5' -> -1234.5), else None.

    A sign counts only when it touches the digits. Units after the number are ignored, but any
    further digit ('8,5-9,5', '48/63') makes the text more than a number: None.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, (int, float)):
        return float(text)
    m = _LEADING.match(fold(str(text)))
    if not m or DIGIT.search(m.string, m.end()):
        return None
    value = token_value(m[2])
    if value is None:
        return None
    return -value if m[1] in ("-", "−") else value


def format_vn(x: float, decimals: int | None = None) -> str:
    """Vietnamese rendering: 1234.5 -> '1.234,5'; without `decimals`, no trailing zeros and
    no more digits than a float holds (15 significant: 392680045.05 is not
    '392.680.045,0500000119')."""
    if decimals is None:
        whole = len(str(int(abs(x)))) if abs(x) >= 1 else 0
        s = f"{x:,.{min(10, max(0, 15 - whole))}f}"
        s = s.rstrip("0").rstrip(".") if "." in s else s
    else:
        s = f"{x:,.{decimals}f}"
    if s[0] == "-" and not s.strip("-0.,"):
        s = s[1:]
    return s.translate(_SWAP)
