"""Read an uploaded file into a rectangular grid of cells, exactly as staff have them.

Workbooks (.xlsx/.xlsm/.xlsb/.xls/.ods) go through python-calamine (`_workbook`); .csv/.txt/.tsv
are decoded and split (`_text`); .docx tables through python-docx (`_docx`: each table is a
"sheet" named 'Bảng 1', …). Files without a known extension are sniffed by their first bytes.
This module tells the kinds apart and enforces the size and zip limits before any library
opens the file. `open_source` reads the file once; every function here takes that `Source` (or
a path, which it opens for the one call).

Percent formats: calamine does not expose number formats, so for .xlsx/.xlsm the styles and
the sheet XML are scanned for percent-formatted cells (in a thread, while calamine parses the
sheet); for .xls up to `_percent.XLS_FORMATS_MAX_BYTES` xlrd reads the formats (about 20 ms for
a 300 KB workbook). Larger .xls files, .xlsb and .ods leave `Grid.percent` empty.

Text typed in the legacy TCVN3/VNI encodings is converted to Unicode by every reader, by the
cell's font where the format has one and by its characters (`_legacy`, `_fonts`).

Nothing here interprets cells: numbers in text files stay text, titles stay rows. Bad input is
`Refused` with a Vietnamese message; no library traceback escapes for a bad file.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from etl.errors import Refused
from etl.read._docx import docx_titles, read_docx, table_names
from etl.read._grid import Grid, Source, column_letters, unreadable
from etl.read._legacy import Legacy, convert_by_content, suspect_hint
from etl.read._text import read_text
from etl.read._workbook import (
    default_order,
    not_a_workbook,
    read_workbook,
    sheet_titles,
    workbook_of,
    worksheets,
)

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNZIPPED_BYTES",
    "Grid",
    "Source",
    "open_source",
    "cell_ref",
    "column_ref",
    "read_grid",
    "sheet_names",
    "default_sheets",
    "titles",
    "suspect_hint",
]

# The limits are read from this module at call time, so a test may lower them with monkeypatch.
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
MAX_ZIP_RATIO = 100  # real sheets inflate 5-20x; a deflate bomb about 1000x
ZIP_RATIO_FLOOR = 1024 * 1024  # members smaller than this are never called bombs

_WORKBOOK_EXT = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsb", ".xls": "xls", ".ods": "ods"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


_T = TypeVar("_T")


def open_source(path: Path, name: str | None = None) -> Source:
    """Read `path` once, after the size and zip limits; refused for a file that breaks them.
    `name` is the file's name as the person chose it, when `path` is a copy under another."""
    path = Path(path)
    shown = name or path.name
    _check_size(path, shown)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Refused(f"Không mở được tệp {shown}: {exc.strerror or exc}.") from exc
    return Source(path, data, _detect_kind(path, data, shown), shown_name=name)


def _with_source(target: Path | Source, use: Callable[[Source], _T]) -> _T:
    """`use` on the source given, or on `target` opened for this call and closed after."""
    if isinstance(target, Source):
        return use(target)
    with open_source(target) as source:
        return use(source)


def sheet_names(target: Path | Source) -> list[str]:
    """Names `read_grid` accepts: worksheets in workbook order, 'Bảng N' for docx, '' for text."""
    return _with_source(target, lambda source: _sheets(source, worksheets))


def default_sheets(target: Path | Source) -> list[str]:
    """The sheets in the order `read_grid(path)` tries them: visible worksheets first, docx
    tables in order, '' for a text file."""
    return _with_source(target, lambda source: _sheets(source, default_order))


def _sheets(source: Source, listing) -> list[str]:
    """A text file has one unnamed sheet, a docx its tables; a workbook lists by `listing`."""
    if source.kind == "text":
        return [""]
    if source.kind == "docx":
        return table_names(source)
    return listing(workbook_of(source))


def titles(target: Path | Source) -> dict[str, str]:
    """Each sheet's (or docx table's) first line of text, to tell the user what it holds."""
    return _with_source(target, _titles)


def _titles(source: Source) -> dict[str, str]:
    if source.kind == "text":
        return {}
    found = docx_titles(source) if source.kind == "docx" else sheet_titles(source)
    rows: list[list[object]] = [[title] for title in found.values()]
    convert_by_content(rows, Legacy())  # a legacy workbook's titles are legacy too
    return {name: row[0] for name, row in zip(found, rows, strict=True)}


def read_grid(target: Path | Source, sheet: str | None = None) -> Grid:
    """Read one sheet (or docx table); `None` picks the first one holding a value.

    Text files have a single unnamed sheet, so `sheet` is ignored for them.
    """
    return _with_source(target, lambda source: _read_grid(source, sheet))


def _read_grid(source: Source, sheet: str | None) -> Grid:
    if source.kind == "text":
        return read_text(source)
    if source.kind == "docx":
        return read_docx(source, sheet)
    return read_workbook(source, sheet)


def cell_ref(grid: Grid, row: int, col: int) -> str:
    """The cell as staff would find it: 'M09+!C15', or 'C15' for a file without sheets."""
    return f"{column_ref(grid.sheet, grid.origin[1] + col)}{grid.origin[0] + row + 1}"


@lru_cache(maxsize=4096)
def column_ref(sheet: str, col: int) -> str:
    """'M09+!C' (or 'C'): the part of a cell reference a column's cells share."""
    return f"{sheet}!{column_letters(col)}" if sheet else column_letters(col)


# --- file kind and limits ---------------------------------------------------------------


def _detect_kind(path: Path, data: bytes, shown: str) -> str:
    """One of text, docx, xlsx, xlsb, xls, ods — by content where the first bytes decide;
    `shown` is the file's name in a refusal."""
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(path, data, shown)
    if data.startswith(_OLE_MAGIC):
        return "xls"
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return "docx"
    return _WORKBOOK_EXT.get(suffix, "text")


def _check_size(path: Path, shown: str) -> None:
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise Refused(f"Không mở được tệp {shown}: {exc.strerror or exc}.") from exc
    if size == 0:
        raise Refused(f"Tệp {shown} rỗng (0 byte).")
    if size > MAX_FILE_BYTES:
        raise Refused(
            f"Tệp {shown} quá lớn ({_size_text(size)}); "
            f"giới hạn là {_size_text(MAX_FILE_BYTES)}."
        )


def _zip_kind(path: Path, data: bytes, shown: str) -> str:
    """Check the zip directory for a bomb, then tell docx, xlsx, xlsb and ods apart."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_zip_bomb(archive, shown)
            names = set(archive.namelist())
            types = _small_member(archive, "[Content_Types].xml")
            mimetype = _small_member(archive, "mimetype")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise unreadable(not_a_workbook(shown)) from exc
    if "wordprocessingml" in types:
        return "docx"
    if "sheet.binary" in types or "xl/workbook.bin" in names:
        return "xlsb"
    if "spreadsheetml" in types:
        return "xlsx"
    if "opendocument.spreadsheet" in mimetype:
        return "ods"
    by_suffix = {".docx": "docx", **_WORKBOOK_EXT}.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix  # the library reading it will say what is wrong
    raise Refused(f"Tệp {shown} là tệp nén (zip) nhưng không phải bảng tính hay văn bản Word.")


def _check_zip_bomb(archive: zipfile.ZipFile, name: str) -> None:
    members = archive.infolist()
    total = sum(member.file_size for member in members)
    if total > MAX_UNZIPPED_BYTES:
        raise Refused(
            f"Tệp {name} bị từ chối: giải nén ra tới {_size_text(total)}, vượt giới hạn "
            f"{_size_text(MAX_UNZIPPED_BYTES)} (có thể là tệp “zip bomb”)."
        )
    for member in members:
        ratio = member.file_size / max(member.compress_size, 1)
        if member.file_size > ZIP_RATIO_FLOOR and ratio > MAX_ZIP_RATIO:
            raise Refused(
                f"Tệp {name} bị từ chối: phần {member.filename} nén với tỷ lệ bất thường "
                f"({ratio:,.0f}:1, có thể là tệp “zip bomb”)."
            )


def _small_member(archive: zipfile.ZipFile, member: str) -> str:
    try:
        return archive.read(member).decode("utf-8", "replace")
    except KeyError:
        return ""


def _size_text(size: int) -> str:
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            number = f"{size / scale:.1f}".rstrip("0").rstrip(".")
            return f"{number.replace('.', ',')} {unit}"
    return f"{size} byte"
