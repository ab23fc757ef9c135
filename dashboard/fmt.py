"""Vietnamese number, unit, target and date formatting (1.234,5 — thousands '.', decimals ',').

Everything the dashboard shows as text goes through here, so cards, tables, chart labels and
source lines all write numbers the same way. Plotly axes use the same convention through
`PLOTLY_SEPARATORS` and `TICKFORMAT` (never SI suffixes such as k or M).
"""

from __future__ import annotations

import re
import textwrap
import unicodedata
from datetime import date, datetime
from typing import Any

import pandas as pd

from etl.targets import Target
from etl.text import fold as etl_fold

__all__ = [
    "AMOUNT_UNITS",
    "HOVER_NUMBER",
    "MISSING",
    "PLOTLY_SEPARATORS",
    "TICKFORMAT",
    "amount_factor",
    "capitalize",
    "file_slug",
    "convert_amount",
    "fmt_date",
    "lower_first",
    "fmt_datetime",
    "fmt_num",
    "fmt_pct",
    "fmt_signed",
    "fmt_target",
    "fmt_value",
    "fold",
    "target_of",
    "target_words",
    "is_missing",
    "is_true",
    "unit_suffix",
    "wrapped",
    "wrapped_markup",
]

MISSING = "–"
PLOTLY_SEPARATORS = ",."  # decimal ',' then thousands '.'
TICKFORMAT = ",.2~f"  # grouped, at most 2 decimals, trailing zeros trimmed, no k/M
HOVER_NUMBER = ":,.2~f"  # for hovertemplate fields: %{y:,.2~f}

# Amount units as written in reports, in triệu đồng.
_AMOUNT_FACTORS = {
    "đồng": 1e-6,
    "nghìn đồng": 1e-3,
    "ngàn đồng": 1e-3,
    "triệu đồng": 1.0,
    "triệu": 1.0,
    "trđ": 1.0,
    "tr.đ": 1.0,
    "tỷ đồng": 1000.0,
    "tỷ": 1000.0,
    "tỉ đồng": 1000.0,
    "tỉ": 1000.0,
}
AMOUNT_UNITS = {"trieu": "triệu đồng", "ty": "tỷ đồng"}  # the budget page's switch: code -> unit


def is_missing(value: Any) -> bool:
    """True for None, NaN, NaT and pandas NA (a list or other container is never missing)."""
    if value is None:
        return True
    return pd.api.types.is_scalar(value) and bool(pd.isna(value))


def is_true(value: Any) -> bool:
    """True for a present, true flag (numpy and pandas booleans included)."""
    return not is_missing(value) and bool(value)


def fmt_num(value: Any, max_decimals: int = 2, min_decimals: int = 0) -> str:
    """Format a number Vietnamese style: 1234.5 -> '1.234,5'; missing -> '–'."""
    if is_missing(value):
        return MISSING
    number = float(value)
    text = f"{abs(number):,.{max_decimals}f}"
    if max_decimals > min_decimals and "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(min_decimals, "0")
        text = f"{whole}.{frac}" if frac else whole
    text = text.replace(",", " ").replace(".", ",").replace(" ", ".")
    negative = number < 0 and any(ch not in "0.," for ch in text)
    return f"-{text}" if negative else text


def wrapped(text: Any, width: int, *, break_words: bool = True) -> list[str]:
    """`text` in lines of at most `width` characters, broken between words (and inside a word
    longer than a line only with `break_words`); a blank text is one blank line."""
    return textwrap.wrap(str(text), width, break_long_words=break_words) or [str(text)]


def wrapped_markup(text: Any, width: int, *, break_words: bool = True) -> str:
    """`wrapped` joined with Plotly's line break ('<br>'), for a title or category name."""
    return "<br>".join(wrapped(text, width, break_words=break_words))


def lower_first(text: Any) -> str:
    """First letter lower case, for a label inside a sentence: 'Năm 2023' -> 'năm 2023', 'Quý I
    năm 2023' -> 'quý I năm 2023'."""
    text = "" if is_missing(text) else str(text)
    return text[:1].lower() + text[1:]


def capitalize(text: Any) -> str:
    """First letter upper case, the rest as written: 'văn hóa – xã hội' -> 'Văn hóa – xã hội'."""
    text = "" if is_missing(text) else str(text)
    return text[:1].upper() + text[1:]


def fold(text: Any) -> str:
    """Lower case without diacritics, spaces collapsed: 'Hộ  Nghèo' -> 'ho ngheo' (the ETL's
    one fold, with a missing value — None, NaN — as '')."""
    return "" if is_missing(text) else etl_fold(text)


def file_slug(text: Any) -> str:
    """A download's name part in ASCII: 'Thành phố Bảo Lộc' -> 'thanh_pho_bao_loc'."""
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")


def _fold_unit(unit: str) -> str:
    return " ".join(unicodedata.normalize("NFC", unit).lower().split())


def amount_factor(unit: str | None) -> float | None:
    """How many triệu đồng one unit is worth, or None when the unit is not an amount."""
    if not unit:
        return None
    return _AMOUNT_FACTORS.get(_fold_unit(unit))


def convert_amount(value: Any, from_unit: str | None, to_unit: str) -> float | None:
    """Convert an amount between đồng units; None when missing or not convertible."""
    source, target = amount_factor(from_unit), amount_factor(to_unit)
    if is_missing(value) or source is None or target is None:
        return None
    return float(value) * source / target


def unit_suffix(unit: str | None) -> str:
    """The unit as it follows a number: '%' and '%/năm' stick to it, words take a space."""
    if not unit or is_missing(unit):
        return ""
    return unit if unit.startswith("%") else f" {unit}"


def _decimals_for(unit: str | None) -> int:
    """Amounts in đồng, nghìn or triệu đồng are whole numbers; everything else keeps 2."""
    factor = amount_factor(unit)
    return 0 if factor is not None and factor < 1000 else 2


def fmt_value(value: Any, unit: str | None = None, max_decimals: int | None = None,
              show_unit: bool = True) -> str:
    """A number with its unit: (730734, 'triệu đồng') -> '730.734 triệu đồng'; amounts in
    đồng, nghìn and triệu đồng without decimals, others with at most two."""
    if is_missing(value):
        return MISSING
    decimals = _decimals_for(unit) if max_decimals is None else max_decimals
    return fmt_num(value, decimals) + (unit_suffix(unit) if show_unit else "")


def fmt_signed(value: Any, max_decimals: int = 1) -> str:
    """A change with its sign: 2.5 -> '+2,5', -16 -> '-16', 0 -> '0'."""
    text = fmt_num(value, max_decimals)
    return text if text in (MISSING, "0") or text.startswith("-") else f"+{text}"


def fmt_pct(value: Any, max_decimals: int = 1) -> str:
    """A percentage: 41 -> '41%', 119.6 -> '119,6%'."""
    return fmt_value(value, "%", max_decimals)


def target_of(row: Any) -> Target | None:
    """The typed target of an observation row (a mapping with target_op/low/high)."""
    return Target.of(row.get("target_op"), row.get("target_low"), row.get("target_high"))


def fmt_target(op: Any, low: Any, high: Any, unit: str | None = None, text: Any = None) -> str:
    """A parsed target in words: ('range', 8.5, 9.5, '%') -> '8,5–9,5%'; falls back to text."""
    target = Target.of(op, low, high)
    if target is not None:
        return target.text(unit if not is_missing(unit) else None)
    return MISSING if is_missing(text) or not str(text).strip() else str(text).strip()


def target_words(row: Any) -> str:
    """An observation's target in words (its text as written when it was not parsed)."""
    return fmt_target(row.get("target_op"), row.get("target_low"), row.get("target_high"),
                      row.get("unit"), row.get("target_text"))


def fmt_date(value: Any) -> str:
    """A date or timestamp as dd/mm/yyyy."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime | date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def fmt_datetime(value: Any) -> str:
    """A timestamp as dd/mm/yyyy HH:MM."""
    if is_missing(value):
        return MISSING
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    return fmt_date(value)
