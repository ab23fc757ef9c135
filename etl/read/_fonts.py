"""Which cells of a workbook sheet are set in a legacy Vietnamese font (.VnTime, VNI-Times).

calamine gives no fonts. For .xlsx/.xlsm the styles are read for fonts whose name marks TCVN3
or VNI; only when there is one is the sheet XML scanned for the cells using it (a cell without
a style takes the workbook's default, style 0). For .xls up to `_percent.XLS_FORMATS_MAX_BYTES`
the file's bytes are searched for such a font name first, and only when one is there does
xlrd read the cells' fonts. Other kinds give no cells: their text is judged by its characters
(`_legacy.convert_by_content`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import Any

from etl.read._grid import column_index
from etl.read._legacy import encoding_of_font, is_upper_font
from etl.read._percent import XLS_FORMATS_MAX_BYTES, Formats, rels, sheet_part

__all__ = ["legacy_font_cells"]

_XLS_FONT_NAME = re.compile(rb"\.vn|vni|\.\x00v\x00n\x00|v\x00n\x00i\x00", re.IGNORECASE)
_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"([^>]*)>')
_STYLE = re.compile(rb'\ss="([0-9]+)"')


def legacy_font_cells(formats: Formats,
                      sheet: str) -> dict[tuple[int, int], tuple[str, bool]]:
    """Sheet-absolute (row, col) -> (encoding, upper-case font) for legacy-font cells."""
    if formats.kind == "xls":
        return _xls_font_cells(formats, sheet)
    if formats.kind != "xlsx":
        return {}
    try:
        archive = formats.archive()
        workbook_part = rels(archive, "")["officeDocument"][0]
        parts = rels(archive, workbook_part)
        styles = parts.get("styles", [""])[0]
        if styles not in archive.namelist():
            return {}
        xfs = _legacy_xfs(archive.read(styles))
        if not xfs:
            return {}
        data = archive.read(sheet_part(archive, workbook_part, parts, sheet))
    except Exception:  # fonts are a courtesy; calamine reports broken files
        return {}
    cells = {}
    for col, row, attrs in _CELL.findall(data):
        style = _STYLE.search(attrs)
        found = xfs.get(int(style[1]) if style else 0)
        if found:
            cells[(int(row) - 1, column_index(col.decode()))] = found
    return cells


def _legacy_xfs(styles_xml: bytes) -> dict[int, tuple[str, bool]]:
    """cellXfs index -> (encoding, upper) for the styles whose font is a legacy one."""
    root = ET.fromstring(styles_xml)
    fonts = []
    for font in root.iterfind("{*}fonts/{*}font"):
        name = font.find("{*}name")
        fonts.append(name.get("val", "") if name is not None else "")
    legacy = {i: (encoding_of_font(n), is_upper_font(n)) for i, n in enumerate(fonts)
              if encoding_of_font(n)}
    if not legacy:
        return {}
    return {index: legacy[int(xf.get("fontId", "0"))]
            for index, xf in enumerate(root.iterfind("{*}cellXfs/{*}xf"))
            if int(xf.get("fontId", "0")) in legacy}


def _xls_font_cells(formats: Formats, sheet: str) -> dict[tuple[int, int], tuple[str, bool]]:
    """Text cells of an .xls sheet whose font is a legacy one, via xlrd's formatting records
    (read only when the file's bytes name such a font)."""
    try:
        if len(formats.data) > XLS_FORMATS_MAX_BYTES or not _XLS_FONT_NAME.search(formats.data):
            return {}
        import xlrd

        book: Any = formats.book()
        fonts = {i: (encoding_of_font(f.name), is_upper_font(f.name))
                 for i, f in enumerate(book.font_list) if encoding_of_font(f.name)}
        xfs = {i: fonts[xf.font_index] for i, xf in enumerate(book.xf_list)
               if xf.font_index in fonts}
        if not xfs:
            return {}
        worksheet = book.sheet_by_name(sheet)
        return {
            (r, c): xfs[worksheet.cell_xf_index(r, c)]
            for r in range(worksheet.nrows)
            for c, cell_type in enumerate(worksheet.row_types(r))
            if cell_type == xlrd.XL_CELL_TEXT and worksheet.cell_xf_index(r, c) in xfs
        }
    except Exception:  # fonts are a courtesy; calamine reports broken files
        return {}
