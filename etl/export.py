"""Export of the current observations in the contract format (docs/DESIGN.md): CSV or XLSX, one row
per current observation, text cells neutralised so that no spreadsheet runs them."""

from __future__ import annotations

import csv
import io
import math
from decimal import Decimal
from pathlib import Path

import duckdb
import pandas as pd

from etl import store

__all__ = ["EXPORT_COLUMNS", "current_frame", "neutralise", "write_csv", "write_xlsx"]

EXPORT_COLUMNS = [
    "locality", "period", "indicator", "indicator_as_written", "unit", "target_text",
    "target_op", "target_low", "target_high", "actual_text", "actual_value", "reported_status",
    "computed_status", "direction", "batch_id", "source",
]
_DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
# Columns whose values come from a closed set the contract fixes ('=', '>', …), not from a file.
_MACHINE_TEXT = {"target_op"}


def current_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The current view in export column order, sorted for stable output."""
    return store.current_view(con, EXPORT_COLUMNS)


def neutralise(value: object) -> object:
    """'=1+1' -> "'=1+1": a text cell that a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(_DANGEROUS):
        return "'" + value
    return value


def _machine(value: object, column: str) -> str:
    """Numbers in plain machine form (no exponent), text neutralised; '' for missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA:
        return ""
    if isinstance(value, float):
        text = format(Decimal(repr(value)), "f")
        return text[:-2] if text.endswith(".0") else text
    if column in _MACHINE_TEXT:
        return str(value)
    return str(neutralise(value))


def write_csv(frame: pd.DataFrame, out: io.TextIOBase) -> None:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for row in frame[EXPORT_COLUMNS].itertuples(index=False):
        writer.writerow(_machine(v, c) for v, c in zip(row, EXPORT_COLUMNS, strict=True))


def write_xlsx(frame: pd.DataFrame, path: Path | io.BytesIO) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("chitieu")
    ws.append(EXPORT_COLUMNS)
    for row in frame[EXPORT_COLUMNS].itertuples(index=False):
        ws.append([_cell(ws, v, c) for v, c in zip(row, EXPORT_COLUMNS, strict=True)])
    wb.save(path)


def _cell(ws, value: object, column: str) -> object:
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str):
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(ws, value=value if column in _MACHINE_TEXT else neutralise(value))
        cell.data_type = "s"  # text, never a formula (openpyxl reads a leading '=' as one)
        return cell
    return value.item() if hasattr(value, "item") else value
