"""Downloads of the Dữ liệu table as CSV and Excel, safe to open in a spreadsheet.

A text cell that starts with '=', '+', '-', '@', a tab or a carriage return is written with a
leading "'" so that no spreadsheet runs it as a formula ('- Khu vực dịch vụ' stays text).
Numbers stay numbers (machine form '.' in CSV, real numbers in Excel); dates are ISO in CSV and
real dates shown dd/mm/yyyy hh:mm in Excel. (The `etl export` CSV contract is etl/export's.)
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

import pandas as pd
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from etl.export import neutralise  # the one rule, shared with `python -m etl export`

__all__ = [
    "XLSX_MAX_ROWS", "csv_from_chunks", "neutralise", "neutralise_frame", "to_csv_bytes",
    "to_xlsx_bytes",
]

XLSX_MAX_ROWS = 1_048_575  # an Excel sheet holds 1,048,576 rows, the header included
# Dates stay dates in Excel (they sort and filter) but read the Vietnamese way, as on screen.
XLSX_DATETIME = "dd/mm/yyyy hh:mm"


def _is_text(column: pd.Series) -> bool:
    return not (
        pd.api.types.is_numeric_dtype(column)
        or pd.api.types.is_bool_dtype(column)
        or pd.api.types.is_datetime64_any_dtype(column)
    )


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralised (headers included)."""
    out = frame.copy()
    for name in out.columns:
        if _is_text(out[name]):
            out[name] = out[name].map(neutralise).astype(object)
    out.columns = [neutralise(str(name)) for name in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a byte-order mark (so Excel reads the diacritics), comma-separated,
    numbers in machine form (730734, 8.5)."""
    return csv_from_chunks([frame])


def csv_from_chunks(chunks: Iterable[pd.DataFrame]) -> bytes:
    """`to_csv_bytes` of the frames one after the other (one header), written chunk by chunk."""
    parts, header = [], True
    for chunk in chunks:
        parts.append(neutralise_frame(chunk).to_csv(index=False, header=header,
                                                    float_format="%.15g"))
        header = False
    return "".join(parts).encode("utf-8-sig")


def _xlsx_safe(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def to_xlsx_bytes(frame: pd.DataFrame, sheet: str = "Dữ liệu") -> bytes:
    """An .xlsx workbook with one sheet; text neutralised, control characters dropped."""
    safe = neutralise_frame(frame)
    for name in safe.columns:
        if _is_text(safe[name]):
            safe[name] = safe[name].map(_xlsx_safe)
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=sheet, index=False)
        _date_formats(writer.sheets[sheet], safe)
    return buffer.getvalue()


def _date_formats(sheet: Any, frame: pd.DataFrame) -> None:
    """Dates shown the Vietnamese way (pandas' own datetime_format is not applied by openpyxl)."""
    for number, name in enumerate(frame.columns, start=1):
        if pd.api.types.is_datetime64_any_dtype(frame[name]):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=number, max_col=number):
                cell.number_format = XLSX_DATETIME
