"""Statuses as written in a phụ lục's assessment column: 'Vượt', 'Đạt' or 'Chưa đạt'."""

from __future__ import annotations

import re
from functools import lru_cache

from etl.numbers._numerals import DIGIT, NOTE_STRIP, WORD_END, fold, nfc

_STATUS_NOT = re.compile(r"(?:chua|khong)\s+(?:dat|hoan\s+thanh)" + WORD_END)
_STATUS_OVER = re.compile(r"(?:(?:dat|hoan\s+thanh)\s+(?:va\s+)?)?vuot" + WORD_END)
_STATUS_MET = re.compile(r"(?:dat|hoan\s+thanh)" + WORD_END)


def parse_status(cell: object) -> str | None:
    """'Vượt', 'Đạt' or 'Chưa đạt' as written in a status cell, with or without diacritics.

    'Không đạt' and 'chưa hoàn thành' are 'Chưa đạt'. 'Đạt'/'Hoàn thành' followed by a
    number ('Đạt 90% kế hoạch') is not a status (it may mean not met): None.
    """
    if not isinstance(cell, str):
        return None
    return _status_of_text(cell)


@lru_cache(maxsize=65536)
def _status_of_text(cell: str) -> str | None:
    folded = " ".join(fold(nfc(cell)).split()).strip(NOTE_STRIP + "+")
    if _STATUS_NOT.match(folded):
        return "Chưa đạt"
    if _STATUS_OVER.match(folded):
        return "Vượt"
    if _STATUS_MET.match(folded) and not DIGIT.search(folded):
        return "Đạt"
    return None
