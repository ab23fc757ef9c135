"""Workbooks (.xlsx/.xlsm/.xlsb/.xls/.ods) through python-calamine: sheet names and one sheet
as a `Grid`, with its merged ranges and (scanned alongside, in a thread) its percent cells and
legacy-font cells. The workbook is opened once per `Source` (`workbook_of`)."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from etl.read._fonts import legacy_font_cells
from etl.read._grid import (
    Grid,
    Source,
    clean_rows,
    first_line,
    has_value,
    library_errors,
    no_data,
    pick_name,
)
from etl.read._legacy import Legacy, convert_by_content, convert_rows
from etl.read._percent import formats_of, percent_cells


def not_a_workbook(name: str) -> str:
    return f"Tệp {name} không mở được như một bảng tính Excel"


def workbook_of(source: Source) -> CalamineWorkbook:
    """The source's workbook, opened by content (a renamed .xls still opens) on first use and
    closed with the source."""
    workbook = source.handles.get("calamine")
    if workbook is None:
        with library_errors(not_a_workbook(source.name)):
            workbook = CalamineWorkbook.from_filelike(io.BytesIO(source.data))
        source.handles["calamine"] = workbook
    return workbook


def worksheets(workbook: CalamineWorkbook) -> list[str]:
    """Worksheet names in workbook order (chart sheets left out)."""
    return [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]


def default_order(workbook: CalamineWorkbook) -> list[str]:
    """Visible worksheets first: a hidden scratch sheet should not win the default."""
    sheets = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    visible = [m.name for m in sheets if m.visible == SheetVisibleEnum.Visible]
    return visible + [m.name for m in sheets if m.visible != SheetVisibleEnum.Visible]


def read_workbook(source: Source, sheet: str | None) -> Grid:
    """The named sheet, or the first (visible first) holding a value."""
    workbook = workbook_of(source)
    names = worksheets(workbook)
    chosen = [pick_name(sheet, names)] if sheet is not None else default_order(workbook)
    for name in chosen:
        grid = _read_sheet(workbook, source, name)
        if has_value(grid.rows):
            return grid
    raise no_data(source.name, sheet)


def sheet_titles(source: Source) -> dict[str, str]:
    """Each worksheet's first row holding text, its cells joined by ' | ' (the sheet title)."""
    found = {}
    workbook = workbook_of(source)
    for name in worksheets(workbook):
        with library_errors(f"Tệp {source.name} không đọc được trang tính {name}"):
            rows = workbook.get_sheet_by_name(name).iter_rows()
            found[name] = next((line for row in rows if (line := first_line(row))), "")
    return found


def _read_sheet(workbook: CalamineWorkbook, source: Source, name: str) -> Grid:
    with ThreadPoolExecutor(max_workers=1) as pool:
        # calamine parses without the GIL, so the format and font scans run alongside for free
        scans = pool.submit(_scans, source, name)
        with library_errors(f"Tệp {source.name} không đọc được trang tính {name}"):
            worksheet = workbook.get_sheet_by_name(name)
            rows = worksheet.to_python()
            origin = worksheet.start or (0, 0)
            merged_ranges = worksheet.merged_cell_ranges or []
        non_ascii = clean_rows(rows)
        percent, fonts = scans.result()
        legacy = _to_unicode(rows, fonts, origin, non_ascii)
        return Grid(
            rows=rows,
            sheet=name,
            file_name=source.name,
            percent=_relative_percent(percent, origin, rows),
            merged=_relative_merges(merged_ranges, origin, rows),
            origin=origin,
            legacy=legacy,
        )


def _scans(source: Source, name: str) -> tuple[set, dict]:
    """(percent cells, legacy-font cells) of a sheet, from one opening of its formats."""
    with formats_of(source) as formats:
        return percent_cells(formats, name), legacy_font_cells(formats, name)


def _to_unicode(rows: list[list[object]], font_cells: dict, origin: tuple[int, int],
                non_ascii: set[str]) -> Legacy:
    """Convert TCVN3/VNI text: cells set in a legacy font, then any the characters betray
    (`non_ascii`: the grid's non-ASCII strings before any conversion)."""
    legacy = Legacy()
    cells = {(r - origin[0], c - origin[1]): enc for (r, c), enc in font_cells.items()}
    if cells:
        convert_rows(rows, cells, legacy)
        convert_by_content(rows, legacy, skip=cells)  # converted cells changed the strings
    else:
        convert_by_content(rows, legacy, non_ascii=non_ascii)
    return legacy


def _relative_merges(ranges: list, origin: tuple[int, int], rows: list[list[object]]) -> list:
    """Sheet-absolute calamine ranges in grid coordinates, clipped; single cells dropped."""
    height, width = len(rows), len(rows[0]) if rows else 0
    merged = set()
    for (r0, c0), (r1, c1) in ranges:
        r0, c0 = max(r0 - origin[0], 0), max(c0 - origin[1], 0)
        r1, c1 = min(r1 - origin[0], height - 1), min(c1 - origin[1], width - 1)
        if r0 <= r1 and c0 <= c1 and (r0, c0) != (r1, c1):
            merged.add((r0, c0, r1, c1))
    return sorted(merged)


def _relative_percent(cells: set, origin: tuple[int, int], rows: list[list[object]]) -> set:
    """Sheet-absolute cells moved to grid coordinates; the common case costs no loop."""
    height, width = len(rows), len(rows[0]) if rows else 0
    if not cells:
        return cells
    if origin == (0, 0) and max(cells)[0] < height and max(c for _, c in cells) < width:
        return cells
    r0, c0 = origin
    return {(r - r0, c - c0) for r, c in cells if r0 <= r < r0 + height and c0 <= c < c0 + width}
