"""Which cells of a workbook sheet are numbers shown as a percent.

calamine does not expose number formats, so for .xlsx/.xlsm the styles and the sheet XML are
scanned for percent-formatted cells; for .xls up to XLS_FORMATS_MAX_BYTES xlrd reads the
formats (about 20 ms for a 300 KB workbook). Larger .xls files, .xlsb and .ods give no cells.
`Formats` opens what both this scan and the font scan (`_fonts`) read, once per sheet read.
"""

from __future__ import annotations

import io
import posixpath
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from etl.read._grid import Source, column_index

XLS_FORMATS_MAX_BYTES = 10 * 1024 * 1024  # xlrd reads .xls formats at ~0.1 s/MB: skip above

_QUOTED_OR_ESCAPED = re.compile(r'"[^"]*"|\\.')
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


class Formats:
    """The formatting a workbook's bytes carry beside calamine's values: the zip archive of an
    .xlsx, the xlrd book of an .xls up to XLS_FORMATS_MAX_BYTES; each opened on first use."""

    def __init__(self, source: Source) -> None:
        self.kind, self.data = source.kind, source.data
        self._archive: zipfile.ZipFile | None = None
        self._book: Any = None

    def archive(self) -> zipfile.ZipFile:
        if self._archive is None:
            self._archive = zipfile.ZipFile(io.BytesIO(self.data))
        return self._archive

    def book(self) -> Any:
        """The xlrd book with its formatting records (None for an .xls too large to scan)."""
        if self._book is None and len(self.data) <= XLS_FORMATS_MAX_BYTES:
            import xlrd

            self._book = xlrd.open_workbook(file_contents=self.data, formatting_info=True,
                                            on_demand=True, logfile=io.StringIO())
        return self._book

    def close(self) -> None:
        if self._archive is not None:
            self._archive.close()
        if self._book is not None:
            self._book.release_resources()


@contextmanager
def formats_of(source: Source) -> Iterator[Formats]:
    formats = Formats(source)
    try:
        yield formats
    finally:
        formats.close()


def percent_cells(formats: Formats, sheet: str) -> set[tuple[int, int]]:
    """Sheet-absolute (row, col) of percent-formatted numbers; empty where formats are unknown."""
    try:
        if formats.kind == "xlsx":
            return _xlsx_percent_cells(formats.archive(), sheet)
        if formats.kind == "xls" and formats.book() is not None:
            return _xls_percent_cells(formats.book(), sheet)
    except Exception:  # formats are a courtesy; calamine reports broken files
        pass
    return set()


def _is_percent_format(code: str) -> bool:
    return "%" in _QUOTED_OR_ESCAPED.sub("", code)


def _xlsx_percent_cells(archive: zipfile.ZipFile, sheet: str) -> set[tuple[int, int]]:
    workbook_part = rels(archive, "")["officeDocument"][0]
    parts = rels(archive, workbook_part)
    styles = parts.get("styles", [""])[0]
    xfs = _percent_xfs(archive.read(styles)) if styles in archive.namelist() else []
    if not xfs:
        return set()
    data = archive.read(sheet_part(archive, workbook_part, parts, sheet))
    # Excel, LibreOffice and openpyxl write r, s, t in this order; a number has no t or t="n".
    # Cells written otherwise (no r, extra attributes after s) are not reported.
    styled = b"|".join(str(xf).encode() for xf in xfs)
    pattern = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*? s="(?:' + styled + rb')"(?: t="n")?>')
    return {(int(row) - 1, column_index(col.decode())) for col, row in pattern.findall(data)}


def rels(archive: zipfile.ZipFile, part: str) -> dict[str, list[str]]:
    """Relationship type (last path segment) → target part paths, for `part` ('' = package)."""
    folder, name = posixpath.split(part)
    root = ET.fromstring(archive.read(posixpath.join(folder, "_rels", f"{name}.rels")))
    targets: dict[str, list[str]] = {}
    for rel in root.iter(f"{_RELS_NS}Relationship"):
        target = rel.get("Target", "")
        target = target[1:] if target.startswith("/") else posixpath.join(folder, target)
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        targets.setdefault(kind, []).append(posixpath.normpath(target))
        targets.setdefault(rel.get("Id", ""), []).append(posixpath.normpath(target))
    return targets


def sheet_part(archive: zipfile.ZipFile, workbook_part: str, parts: dict, sheet: str) -> str:
    root = ET.fromstring(archive.read(workbook_part))
    for element in root.iterfind("{*}sheets/{*}sheet"):
        if element.get("name") == sheet:
            rel_id = next(v for k, v in element.attrib.items() if k.endswith("}id"))
            return parts[rel_id][0]
    raise KeyError(sheet)


def _percent_xfs(styles_xml: bytes) -> list[int]:
    """Indexes of cellXfs whose number format shows a percent (built-in 9, 10 or custom)."""
    root = ET.fromstring(styles_xml)
    percent_ids = {9, 10} | {
        int(fmt.get("numFmtId", "-1"))
        for fmt in root.iterfind("{*}numFmts/{*}numFmt")
        if _is_percent_format(fmt.get("formatCode", ""))
    }
    return [
        index
        for index, xf in enumerate(root.iterfind("{*}cellXfs/{*}xf"))
        if int(xf.get("numFmtId", "0")) in percent_ids
    ]


def _xls_percent_cells(book: Any, sheet: str) -> set[tuple[int, int]]:
    """Percent-formatted numbers of an .xls sheet, via xlrd's formatting records."""
    import xlrd

    percent_xfs = {
        index
        for index, xf in enumerate(book.xf_list)
        if _is_percent_format(book.format_map[xf.format_key].format_str)
    }
    if not percent_xfs:
        return set()
    worksheet = book.sheet_by_name(sheet)
    return {
        (r, c)
        for r in range(worksheet.nrows)
        for c, cell_type in enumerate(worksheet.row_types(r))
        if cell_type == xlrd.XL_CELL_NUMBER and worksheet.cell_xf_index(r, c) in percent_xfs
    }
