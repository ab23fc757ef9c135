"""Text helpers shared by the ETL: folding Vietnamese text for keyword matching."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold", "clean"]

_SPACES = re.compile(r"\s+")


def clean(value: object) -> str:
    """A cell as stripped NFC text with single spaces; '' for None."""
    if value is None:
        return ""
    text = unicodedata.normalize("NFC", str(value))
    return _SPACES.sub(" ", text).strip()


def fold(value: object) -> str:
    """Lower-case, strip diacritics (đ -> d), single spaces: 'Ước năm 2023' -> 'uoc nam 2023'."""
    text = unicodedata.normalize("NFD", clean(value)).replace("đ", "d").replace("Đ", "D")
    return "".join(ch for ch in text if unicodedata.category(ch) != "Mn").lower()
