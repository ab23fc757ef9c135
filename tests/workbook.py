"""Writing real workbooks and text files for tests (openpyxl, csv), in one place."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter


def write_xlsx(
    path: Path,
    rows: Sequence[Sequence[object]],
    *,
    sheet: str = "Sheet1",
    merges: Iterable[str] = (),
    formats: dict[str, str] | None = None,
    extra_sheets: dict[str, Sequence[Sequence[object]]] | None = None,
) -> Path:
    """Write `rows` from A1; `merges` like 'A1:F1'; `formats` maps 'B5' -> '0.0%'."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(list(row))
    for ref in merges:
        ws.merge_cells(ref)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    for name, other in (extra_sheets or {}).items():
        extra = wb.create_sheet(name)
        for row in other:
            extra.append(list(row))
    wb.save(path)
    return path


def ref(row: int, col: int) -> str:
    """1-based row/col -> 'C15'."""
    return f"{get_column_letter(col)}{row}"


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, delimiter: str = ";",
              encoding: str = "utf-8-sig") -> Path:
    import csv

    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path
