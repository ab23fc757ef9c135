"""Statuses as written in a phụ lục's assessment column, read as a verdict: 'Vượt', 'Đạt' or
'Chưa đạt'. The wording itself ('Cơ bản đạt', 'Hoàn thành', 'Đạt (vượt)') is kept beside
the verdict by the caller (`status_wording`).

'Cơ bản đạt' / 'cơ bản hoàn thành' read as 'Đạt': it is the office's own claim that the
target was met in substance, and the reported status records claims; where the figures say
otherwise the computed status ('Chưa đạt') disagrees, and the dashboard shows both.
"""

from __future__ import annotations

import re
from functools import lru_cache

from etl.numbers._numerals import DIGIT, NOTE_STRIP, WORD_END, fold, nfc

_STATUS_NOT = re.compile(r"(?:chua|khong)\s+(?:dat|hoan\s+thanh)" + WORD_END)
_STATUS_OVER = re.compile(
    r"(?:(?:dat|hoan\s+thanh)\s+(?:va\s+)?)?vuot" + WORD_END
)
_STATUS_MET = re.compile(r"(?:dat|hoan\s+thanh)" + WORD_END)
_IN_SUBSTANCE = re.compile(r"^(?:co\s+ban|ve\s+co\s+ban)\s+")
_BRACKETS = re.compile(r"[()\[\]]")


def parse_status(cell: object) -> str | None:
    """'Vượt', 'Đạt' or 'Chưa đạt' as written in a status cell, with or without diacritics.

    'Không đạt', 'chưa hoàn thành' and 'Không hoàn thành' are 'Chưa đạt'; 'Vượt kế hoạch',
    'Đạt (vượt)' and 'Hoàn thành vượt mức' are 'Vượt'; 'Hoàn thành' and 'Cơ bản đạt' are
    'Đạt'. 'Đạt'/'Hoàn thành' followed by a number ('Đạt 90% kế hoạch') is not a status
    (it may mean not met): None.
    """
    if not isinstance(cell, str):
        return None
    return _status_of_text(cell)


def status_wording(cell: object, verdict: str) -> str | None:
    """The cell's own wording when it says more than the verdict ('Cơ bản đạt' for 'Đạt'),
    else None ('ĐẠT', 'đạt.' are the verdict itself)."""
    return _wording(str(cell), verdict)


@lru_cache(maxsize=65536)
def _wording(cell: str, verdict: str) -> str | None:
    text = " ".join(nfc(cell).split()).strip(" ,;:.-–—*")
    return None if fold(text) == fold(verdict) else text


@lru_cache(maxsize=65536)
def _status_of_text(cell: str) -> str | None:
    folded = " ".join(_BRACKETS.sub(" ", fold(nfc(cell))).split()).strip(NOTE_STRIP + "+")
    folded = _IN_SUBSTANCE.sub("", folded)
    if _STATUS_NOT.match(folded):
        return "Chưa đạt"
    if _STATUS_OVER.match(folded):
        return "Vượt"
    if _STATUS_MET.match(folded) and not DIGIT.search(folded):
        return "Đạt"
    return None
