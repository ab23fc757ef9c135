"""Text helpers shared by the ETL: folding Vietnamese text for keyword matching."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold", "clean"]

_SPACES = re.compile(r"\s+")


def clean(value: object) -> str:
    """A cell as stripped NFC text with single spaces; '' for None."""
    if value is None:
        return ""
    return _clean_text(value if isinstance(value, str) else str(value))


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
