"""Write the demo seed files (xlsx with openpyxl, csv with the csv module) and manifest.csv.

The tables live in tables_*.py (one module per seed report, shapes in seed_model.py),
transcribed from the five seed reports; SEED_FILES below fixes the files and their load order.
Run with the project venv from the repository root:

    .venv/bin/python data/seed/generate.py            # writes into data/seed/
    .venv/bin/python data/seed/generate.py OUT_DIR    # writes into OUT_DIR (tests use this)

manifest.csv has one row per file and sheet, in load order: file, sheet, locality, period.
An empty locality or period means the loader reads it from the file itself: from the title
rows (the first-half-2023 workbook), or from the rows and column headers (long and by-year files).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from seed_model import Cell, Pct, SeedFile, Sheet
from tables_000_004 import DUC_PHO, XA_DUC_TRONG
from tables_001 import DT_COMMUNES_2023_H1, DT_TARGETS_2023, H1_BUDGET, H1_OTHER
from tables_002 import PLAN_2022, RESULTS_2021
from tables_003 import BY_YEAR_BAO_LOC, MIDTERM_BAO_LOC, TEXT_BAO_LOC

SEED_DIR = Path(__file__).resolve().parent
MANIFEST_HEADER = ("file", "sheet", "locality", "period")
BOLD = Font(bold=True)

# Every file, in load order: the manifest follows this order, and a later file's value for the
# same locality, period, indicator and measure replaces an earlier one.
SEED_FILES: tuple[SeedFile, ...] = (
    SeedFile("duc_trong_2022_ke_hoach.xlsx", (PLAN_2022,)),
    SeedFile("duc_trong_2021_ket_qua.csv", (RESULTS_2021,), delimiter=";", bom=True),
    SeedFile("duc_trong_2023_muc_tieu.xlsx", (DT_TARGETS_2023, DT_COMMUNES_2023_H1)),
    SeedFile("duc_trong_2023_6_thang.xlsx", (H1_BUDGET, H1_OTHER)),
    SeedFile("bao_loc_giua_nhiem_ky.xlsx", (MIDTERM_BAO_LOC,)),
    SeedFile("bao_loc_theo_nam.xlsx", (BY_YEAR_BAO_LOC,)),
    SeedFile("bao_loc_muc_tieu_va_so_lieu.csv", (TEXT_BAO_LOC,), delimiter=",", bom=False),
    SeedFile("duc_pho_2023.csv", (DUC_PHO,), delimiter=";", bom=True),
    SeedFile("xa_duc_trong_2025.xlsx", (XA_DUC_TRONG,)),
)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _width(sheet: Sheet) -> int:
    return max(len(row) for row in sheet.header + sheet.rows)


def _put(ws: Worksheet, row: int, col: int, value: Cell, *, plain: bool = False) -> None:
    """Write one cell: Pct as a percent-formatted fraction, big numbers with a thousands format
    (except in `plain` columns such as Kỳ, where 2025 is a year)."""
    cell = ws.cell(row=row, column=col)
    if isinstance(value, Pct):
        cell.value = value.value
        cell.number_format = value.fmt
        return
    cell.value = value
    if not plain and isinstance(value, int | float) and abs(value) >= 1000:
        cell.number_format = "#,##0" if float(value).is_integer() else "#,##0.00"


def _write_titles(ws: Worksheet, sheet: Sheet) -> int:
    """Title rows merged across the table, then a blank row; return the next free row."""
    for row, title in enumerate(sheet.titles, start=1):
        cell = ws.cell(row=row, column=1, value=title)
        cell.font, cell.alignment = BOLD, CENTER
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=_width(sheet))
    return len(sheet.titles) + 2 if sheet.titles else 1


def _write_header(ws: Worksheet, sheet: Sheet, first: int) -> int:
    for offset, header in enumerate(sheet.header):
        for col, value in enumerate(header, start=1):
            ws.cell(row=first + offset, column=col, value=value).font = BOLD
    for r1, c1, r2, c2 in sheet.header_merges:
        ws.merge_cells(
            start_row=first + r1 - 1, start_column=c1, end_row=first + r2 - 1, end_column=c2,
        )
    return first + len(sheet.header)


def _write_body(ws: Worksheet, sheet: Sheet, first: int) -> None:
    plain = {col for col, name in enumerate(sheet.header[0], start=1) if name == "Kỳ"}
    for row, values in enumerate(sheet.rows, start=first):
        for col, value in enumerate(values, start=1):
            _put(ws, row, col, value, plain=col in plain)
            if values in sheet.header:  # a header repeated at a page break
                ws.cell(row=row, column=col).font = BOLD


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    _write_body(ws, sheet, _write_header(ws, sheet, _write_titles(ws, sheet)))
    ws.column_dimensions["A"].width = 10
    ws.column_dimensions["B"].width = 60
    for col in range(3, _width(sheet) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 18


def write_xlsx(path: Path, seed: SeedFile) -> None:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in seed.sheets:
        _write_sheet(workbook.create_sheet(sheet.name), sheet)
    workbook.save(path)


def _csv_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, Pct):
        raise ValueError("A csv cell cannot carry a percent format; write the text instead.")
    return str(value)


def write_csv(path: Path, seed: SeedFile) -> None:
    (sheet,) = seed.sheets
    width = _width(sheet)
    lines: list[list[str]] = [[title] + [""] * (width - 1) for title in sheet.titles]
    if sheet.titles:
        lines.append([""] * width)
    lines += [[_csv_text(v) for v in row] for row in sheet.header + sheet.rows]
    encoding = "utf-8-sig" if seed.bom else "utf-8"
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=seed.delimiter, lineterminator="\r\n").writerows(lines)


def manifest_rows() -> list[tuple[str, str, str, str]]:
    """One row per file and sheet (csv files have no sheet name), in load order."""
    return [
        (seed.name, "" if seed.name.endswith(".csv") else sheet.name, sheet.locality, sheet.period)
        for seed in SEED_FILES
        for sheet in seed.sheets
    ]


def write_manifest(path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(MANIFEST_HEADER)
        writer.writerows(manifest_rows())


def generate(out_dir: Path) -> list[Path]:
    """Write every seed file and the manifest into `out_dir`; return the paths written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for seed in SEED_FILES:
        path = out_dir / seed.name
        (write_csv if seed.name.endswith(".csv") else write_xlsx)(path, seed)
        written.append(path)
    write_manifest(out_dir / "manifest.csv")
    return written + [out_dir / "manifest.csv"]


def main(argv: list[str]) -> int:
    out_dir = Path(argv[1]) if len(argv) > 1 else SEED_DIR
    for path in generate(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
