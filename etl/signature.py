"""The signature block under a table ('Nơi nhận:', 'TM. ỦY BAN NHÂN DÂN', 'KT. CHỦ TỊCH',
'Người lập biểu', '(Ký, ghi rõ họ tên)', 'Đức Trọng, ngày 15 tháng 7 năm 2024'): a table's
rows end where it starts (`etl.records.data_rows`), and the title of a table further down the
same sheet starts after it (`etl.header.title_and_unit`)."""

from __future__ import annotations

import re
from functools import lru_cache

from etl.text import fold

__all__ = ["is_signature", "signed_cell"]

_SIGNATURE = re.compile(
    r"^(?:noi nhan\b|t/?m\.?\s*(?:uy ban|ubnd|ban|thuong truc|huyen uy|thanh uy|tinh uy|"
    r"dang uy|hdnd|hoi dong)|k/?t\.?\s*(?:chu tich|truong|giam doc|bi thu|thu truong)|"
    r"q\.?\s*(?:chu tich|truong phong|giam doc)\b|(?:pho )?chu tich$|nguoi lap(?: bieu)?$|"
    r"thu truong(?: co quan| don vi)?$|ke toan truong$|\(ky,? (?:ghi ro|ten|dong dau))"
    r"|^[^\d,]{2,40},\s*ngay\s*\d{1,2}\s*(?:thang|/)\s*\d"
)


@lru_cache(maxsize=65536)
def is_signature(text: str) -> bool:
    """A cell's (cleaned) text reads as a line of a signature block."""
    return bool(_SIGNATURE.match(fold(text)))


def signed_cell(row: list[object]) -> str | None:
    """The row's first signature line, if any."""
    return next((v for v in row if v.__class__ is str and is_signature(v)), None)
