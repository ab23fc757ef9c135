"""Which cells of an .xlsx/.xlsm sheet are set in a legacy Vietnamese font (.VnTime, VNI-Times).

calamine gives no fonts, so the styles are read for fonts whose name marks TCVN3 or VNI; only
when there is one is the sheet XML scanned for the cells using it (a cell without a style
takes the workbook's default, style 0). Other kinds give no cells: their text is judged by its
characters (`_legacy.convert_by_content`).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

from etl.read._grid import column_index
from etl.read._legacy import encoding_of_font, is_upper_font
from etl.read._percent import rels, sheet_part

__all__ = ["legacy_font_cells"]

_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"([^>]*)>')
_STYLE = re.compile(rb'\ss="([0-9]+)"')


def legacy_font_cells(path: Path, kind: str, sheet: str) -> dict[tuple[int, int], tuple[str, bool]]:
    """Sheet-absolute (row, col) -> (encoding, upper-case font) for legacy-font cells."""
    if kind != "xlsx":
        return {}
    try:
        with zipfile.ZipFile(path) as archive:
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
