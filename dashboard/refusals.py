"""How a refusal of the ETL reads on the pages: its problem, then advice naming the form's
box that would fix it (the command line names its flags instead, from `etl.errors`)."""

from __future__ import annotations

from collections.abc import Mapping

from etl.errors import Refused, render

__all__ = ["PAGE_ADVICE", "said"]

# The pages' advice, keyed by a refusal's reason, else by its field (see etl.errors.FIELDS);
# `{example}` is the refusal's example value.
PAGE_ADVICE: Mapping[str, str] = {
    "no_locality": "Hãy ghi ở ô «Địa phương» (ví dụ {example}).",
    "no_period": "Hãy ghi ở ô «Kỳ» (ví dụ {example}).",
    "locality_per_row": "Hãy để trống ô «Địa phương», hoặc sửa địa phương trong tệp.",
    "period_per_row": "Hãy để trống ô «Kỳ», hoặc sửa kỳ trong tệp.",
    "no_table": "Chọn bảng ở ô «Trang tính».",
    "no_numbers": "Hoặc chọn bảng khác ở ô «Trang tính».",
    "staff_needs_locality": "Hãy ghi ở ô «Địa phương».",
    "locality_not_for_role": "Hãy để trống ô «Địa phương».",
    "bad_column": "Hãy chọn vai trò ở ô của cột đó.",
    "locality": "Hãy ghi rõ ở ô «Địa phương».",
    "period": "Hãy ghi rõ ở ô «Kỳ».",
    "sheet": "Hãy chọn ở ô «Trang tính».",
    "header_row": "Hãy ghi ở ô «Dòng tiêu đề».",
    "column": "Hãy chọn vai trò ở ô của cột đó.",
}


def said(err: Refused) -> str:
    """The refusal as a page shows it."""
    return render(err, PAGE_ADVICE)
