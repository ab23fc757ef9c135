"""Read an uploaded file into a rectangular grid of cells, exactly as staff have them.

Workbooks (.xlsx/.xlsm/.xlsb/.xls/.ods) go through python-calamine; .csv/.txt/.tsv are decoded
and split here; .docx tables through python-docx (each table is a "sheet" named 'Bảng 1', …).
Files without a known extension are sniffed by their first bytes.

Percent formats: calamine does not expose number formats, so for .xlsx/.xlsm the styles and
the sheet XML are scanned for percent-formatted cells (in a thread, while calamine parses the
sheet); for .xls up to XLS_FORMATS_MAX_BYTES xlrd reads the formats (about 20 ms for a 300 KB
workbook). Larger .xls files, .xlsb and .ods leave `Grid.percent` empty.

Nothing here interprets cells: numbers in text files stay text, titles stay rows. Bad input is
`Refused` with a Vietnamese message; no library traceback escapes for a bad file.
"""

from __future__ import annotations

import codecs
import csv
import io
import posixpath
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

from etl.errors import Refused

if TYPE_CHECKING:
    from docx.table import Table

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNZIPPED_BYTES",
    "Grid",
    "cell_ref",
    "read_grid",
    "sheet_names",
]

MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_UNZIPPED_BYTES = 500 * 1024 * 1024
MAX_ZIP_RATIO = 100  # real sheets inflate 5-20x; a deflate bomb about 1000x
ZIP_RATIO_FLOOR = 1024 * 1024  # members smaller than this are never called bombs
XLS_FORMATS_MAX_BYTES = 10 * 1024 * 1024  # xlrd reads .xls formats at ~0.1 s/MB: skip above
MAX_TITLE_ROWS = 6  # docx: at most this many paragraphs above a table become title rows
MAX_TITLE_CHARS = 300  # docx: a longer paragraph is body text, not a title

_WORKBOOK_EXT = {".xlsx": "xlsx", ".xlsm": "xlsx", ".xlsb": "xlsb", ".xls": "xls", ".ods": "ods"}
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DELIMITERS = ("\t", ";", ",")  # on a tie the earlier wins: ',' is the Vietnamese decimal mark
_TONES = "\u0300\u0301\u0303\u0309\u0323"
_VI_LETTERS = frozenset(
    "ăâđêôơưĂÂĐÊÔƠƯ"
    + "".join(
        unicodedata.normalize("NFC", base + tone)
        for base in "aăâeêioôơuưyAĂÂEÊIOÔƠUƯY"
        for tone in _TONES
    )
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}")
_HIGH_BYTES = bytes(range(0x80, 0x100))
_QUOTED_OR_ESCAPED = re.compile(r'"[^"]*"|\\.')
_RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass
class Grid:
    """A sheet's cells. Coordinates in `percent` and `merged` are 0-based into `rows`.

    `percent` holds only cells with a number (a fraction: 0.933 shows as 93,3 %). `origin` is
    the sheet row/col of rows[0][0]; for a docx table it is (-title rows, 0), so `cell_ref`
    counts the table's own rows from 1 and the title paragraphs get row 0 or less.
    """

    rows: list[list[object]]
    sheet: str
    file_name: str
    percent: set[tuple[int, int]]
    merged: list[tuple[int, int, int, int]]
    origin: tuple[int, int] = (0, 0)


def sheet_names(path: Path) -> list[str]:
    """Names `read_grid` accepts: worksheets in workbook order, 'Bảng N' for docx, '' for text."""
    path = Path(path)
    kind = _detect_kind(path)
    if kind == "text":
        return [""]
    if kind == "docx":
        return [_table_name(i) for i in range(len(_docx_tables(path)))]
    with _open_workbook(path) as workbook:
        return _worksheets(workbook)


def read_grid(path: Path, sheet: str | None = None) -> Grid:
    """Read one sheet (or docx table) of `path`; `None` picks the first one holding a value.

    Text files have a single unnamed sheet, so `sheet` is ignored for them.
    """
    path = Path(path)
    kind = _detect_kind(path)
    if kind == "text":
        return _read_text(path)
    if kind == "docx":
        return _read_docx(path, sheet)
    return _read_workbook(path, kind, sheet)


def cell_ref(grid: Grid, row: int, col: int) -> str:
    """The cell as staff would find it: 'M09+!C15', or 'C15' for a file without sheets."""
    ref = f"{_column_letters(grid.origin[1] + col)}{grid.origin[0] + row + 1}"
    return f"{grid.sheet}!{ref}" if grid.sheet else ref


# --- file kind and limits ---------------------------------------------------------------


def _detect_kind(path: Path) -> str:
    """One of text, docx, xlsx, xlsb, xls, ods — by content where the first bytes decide."""
    head = _check_size(path)
    if head.startswith(_ZIP_MAGIC):
        return _zip_kind(path)
    if head.startswith(_OLE_MAGIC):
        return "xls"
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return "docx"
    return _WORKBOOK_EXT.get(suffix, "text")


def _check_size(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise Refused(f"Không mở được tệp {path.name}: {exc.strerror or exc}.") from exc
    if size == 0:
        raise Refused(f"Tệp {path.name} rỗng (0 byte).")
    if size > MAX_FILE_BYTES:
        raise Refused(
            f"Tệp {path.name} quá lớn ({_size_text(size)}); "
            f"giới hạn là {_size_text(MAX_FILE_BYTES)}."
        )
    return head


def _zip_kind(path: Path) -> str:
    """Check the zip directory for a bomb, then tell docx, xlsx, xlsb and ods apart."""
    try:
        with zipfile.ZipFile(path) as archive:
            _check_zip_bomb(archive, path.name)
            names = set(archive.namelist())
            types = _small_member(archive, "[Content_Types].xml")
            mimetype = _small_member(archive, "mimetype")
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise Refused(f"{_not_a_workbook(path)}: {exc}") from exc
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
    raise Refused(f"Tệp {path.name} là tệp nén (zip) nhưng không phải bảng tính hay văn bản Word.")


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


def _not_a_workbook(path: Path) -> str:
    return f"Tệp {path.name} không mở được như một bảng tính Excel"


@contextmanager
def _library_errors(message: str) -> Iterator[None]:
    """Turn any library failure on a bad file into `Refused(message: detail)`."""
    try:
        yield
    except (Refused, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # Rust panics in calamine are BaseException
        raise Refused(f"{message}: {exc}") from exc


# --- cells --------------------------------------------------------------------------------


@lru_cache(maxsize=131072)
def _clean_text(value: str) -> str | None:
    text = value.strip()
    if not text:
        return None
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def _clean_rows(rows: list[list[object]]) -> None:
    """Strip and NFC-normalise strings in place ('' becomes None); fast on 100,000 rows."""
    for row in rows:
        for index, value in enumerate(row):
            if value.__class__ is str:
                row[index] = _clean_text(value)


def _has_value(rows: list[list[object]]) -> bool:
    return any(value is not None for row in rows for value in row)


@lru_cache(maxsize=1024)
def _column_letters(col: int) -> str:
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@lru_cache(maxsize=1024)
def _column_index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def _no_data(path: Path, sheet: str | None) -> Refused:
    where = f'Trang tính "{sheet}" trong tệp' if sheet else "Tệp"
    return Refused(f"{where} {path.name} không có ô nào chứa dữ liệu.")


def _missing_sheet(sheet: str, names: list[str]) -> Refused:
    listed = ", ".join(names) or "(không có)"
    return Refused(f'Không có trang tính "{sheet}". Các trang có: {listed}.', candidates=names)


def _pick_name(sheet: str, names: list[str]) -> str:
    """The exact name, else the only one equal up to case and surrounding spaces."""
    if sheet in names:
        return sheet
    wanted = unicodedata.normalize("NFC", sheet.strip()).casefold()
    close = [name for name in names if name.strip().casefold() == wanted]
    if len(close) != 1:
        raise _missing_sheet(sheet, names)
    return close[0]


# --- workbooks (calamine) -------------------------------------------------------------------


@contextmanager
def _open_workbook(path: Path) -> Iterator[CalamineWorkbook]:
    """Open by content, not extension: a renamed .xls still opens."""
    with path.open("rb") as handle, _library_errors(_not_a_workbook(path)):
        workbook = CalamineWorkbook.from_filelike(handle)
    try:
        yield workbook
    finally:
        workbook.close()


def _worksheets(workbook: CalamineWorkbook) -> list[str]:
    return [m.name for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]


def _default_order(workbook: CalamineWorkbook) -> list[str]:
    """Visible worksheets first: a hidden scratch sheet should not win the default."""
    sheets = [m for m in workbook.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    visible = [m.name for m in sheets if m.visible == SheetVisibleEnum.Visible]
    return visible + [m.name for m in sheets if m.visible != SheetVisibleEnum.Visible]


def _read_workbook(path: Path, kind: str, sheet: str | None) -> Grid:
    with _open_workbook(path) as workbook:
        names = _worksheets(workbook)
        chosen = [_pick_name(sheet, names)] if sheet is not None else _default_order(workbook)
        for name in chosen:
            grid = _read_sheet(workbook, path, kind, name)
            if _has_value(grid.rows):
                return grid
    raise _no_data(path, sheet)


def _read_sheet(workbook: CalamineWorkbook, path: Path, kind: str, name: str) -> Grid:
    with ThreadPoolExecutor(max_workers=1) as pool:
        # calamine parses without the GIL, so the format scan runs alongside for free
        percent_cells = pool.submit(_percent_cells, path, kind, name)
        with _library_errors(f"Tệp {path.name} không đọc được trang tính {name}"):
            worksheet = workbook.get_sheet_by_name(name)
            rows = worksheet.to_python()
            origin = worksheet.start or (0, 0)
            merged_ranges = worksheet.merged_cell_ranges or []
        _clean_rows(rows)
        return Grid(
            rows=rows,
            sheet=name,
            file_name=path.name,
            percent=_relative_percent(percent_cells.result(), origin, rows),
            merged=_relative_merges(merged_ranges, origin, rows),
            origin=origin,
        )


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


# --- percent formats ------------------------------------------------------------------------


def _percent_cells(path: Path, kind: str, sheet: str) -> set[tuple[int, int]]:
    """Sheet-absolute (row, col) of percent-formatted numbers; empty where formats are unknown."""
    try:
        if kind == "xlsx":
            return _xlsx_percent_cells(path, sheet)
        if kind == "xls" and path.stat().st_size <= XLS_FORMATS_MAX_BYTES:
            return _xls_percent_cells(path, sheet)
    except Exception:  # formats are a courtesy; calamine reports broken files
        pass
    return set()


def _is_percent_format(code: str) -> bool:
    return "%" in _QUOTED_OR_ESCAPED.sub("", code)


def _xlsx_percent_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    with zipfile.ZipFile(path) as archive:
        workbook_part = _rels(archive, "")["officeDocument"][0]
        parts = _rels(archive, workbook_part)
        styles = parts.get("styles", [""])[0]
        xfs = _percent_xfs(archive.read(styles)) if styles in archive.namelist() else []
        if not xfs:
            return set()
        data = archive.read(_sheet_part(archive, workbook_part, parts, sheet))
    # Excel, LibreOffice and openpyxl write r, s, t in this order; a number has no t or t="n".
    # Cells written otherwise (no r, extra attributes after s) are not reported.
    styled = b"|".join(str(xf).encode() for xf in xfs)
    pattern = re.compile(rb'<c r="([A-Z]{1,3})([0-9]+)"[^>]*? s="(?:' + styled + rb')"(?: t="n")?>')
    return {(int(row) - 1, _column_index(col.decode())) for col, row in pattern.findall(data)}


def _rels(archive: zipfile.ZipFile, part: str) -> dict[str, list[str]]:
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


def _sheet_part(archive: zipfile.ZipFile, workbook_part: str, parts: dict, sheet: str) -> str:
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


def _xls_percent_cells(path: Path, sheet: str) -> set[tuple[int, int]]:
    """Percent-formatted numbers of an .xls sheet, via xlrd's formatting records."""
    import xlrd

    book = xlrd.open_workbook(
        str(path), formatting_info=True, on_demand=True, logfile=io.StringIO()
    )
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


# --- text files ---------------------------------------------------------------------------


def _read_text(path: Path) -> Grid:
    text = _decode(path.read_bytes(), path.name)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        rows: list[list[object]] = list(reader)
    except csv.Error as exc:
        raise Refused(f"Tệp {path.name} không đọc được như một bảng CSV: {exc}.") from exc
    _clean_rows(rows)
    while rows and not any(value is not None for value in rows[-1]):
        rows.pop()
    if not rows:
        raise Refused(f"Tệp {path.name} không có dữ liệu.")
    width = max(len(row) for row in rows)
    for row in rows:
        row.extend([None] * (width - len(row)))
    return Grid(rows=rows, sheet="", file_name=path.name, percent=set(), merged=[])


def _decode(raw: bytes, name: str) -> str:
    """BOM, else strict UTF-8, else Windows-1258 when it reads as Vietnamese; always NFC."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                return unicodedata.normalize("NFC", raw[len(bom) :].decode(encoding))
            except UnicodeDecodeError as exc:
                raise _undecodable(name) from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = _decode_cp1258(raw)
    else:
        text = None if "\x00" in text else unicodedata.normalize("NFC", text)  # UTF-16, no BOM
    if text is None:
        raise _undecodable(name)
    return text


def _decode_cp1258(raw: bytes) -> str | None:
    """Windows-1258 text, or None when the bytes are not Vietnamese text in that code page."""
    high = len(raw) - len(raw.translate(None, _HIGH_BYTES))
    in_utf8 = sum(len(seq) for seq in _UTF8_SEQUENCE.findall(raw))
    if in_utf8 * 2 > high:
        return None  # mostly UTF-8 with a damaged byte: cp1258 would only make mojibake
    try:
        text = unicodedata.normalize("NFC", raw.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    if _CONTROL.search(text):
        return None
    vietnamese = sum(1 for char in text if char in _VI_LETTERS)
    return text if vietnamese >= 3 else None


def _undecodable(name: str) -> Refused:
    return Refused(
        f"Không đọc được bảng mã của tệp {name} (không phải UTF-8, UTF-16 hay Windows-1258 "
        "tiếng Việt). Hãy lưu lại dưới dạng CSV UTF-8."
    )


def _sniff_delimiter(text: str) -> str:
    """TAB, ';' or ',': the one whose count outside quotes is the same on most first lines."""
    lines = [line for line in text[:65536].splitlines()[:40] if line.strip()][:20]
    best, best_score = ",", 0.0
    for delimiter in _DELIMITERS:
        counts = Counter(_count_outside_quotes(line, delimiter) for line in lines)
        counts.pop(0, None)
        if not counts:
            continue
        score = counts.most_common(1)[0][1] / len(lines)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


# --- Word documents -----------------------------------------------------------------------


def _table_name(index: int) -> str:
    return f"Bảng {index + 1}"


def _docx_tables(path: Path) -> list[tuple[list[str], Table]]:
    """Top-level tables in order, each with the title paragraphs just above it."""
    from docx import Document
    from docx.table import Table

    with _library_errors(f"Tệp {path.name} không mở được như một văn bản Word"):
        document = Document(str(path))
        tables, titles = [], []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                tables.append((titles, block))
                titles = []
                continue
            text = _clean_text(block.text)
            if text is not None:
                titles = [] if len(text) > MAX_TITLE_CHARS else [*titles, text][-MAX_TITLE_ROWS:]
    if not tables:
        raise Refused(f"Tệp {path.name} không có bảng nào: hãy để phụ lục chỉ tiêu trong một bảng.")
    return tables


def _read_docx(path: Path, sheet: str | None) -> Grid:
    tables = _docx_tables(path)
    names = [_table_name(i) for i in range(len(tables))]
    chosen = [_pick_name(sheet, names)] if sheet is not None else names
    for name in chosen:
        titles, table = tables[names.index(name)]
        with _library_errors(f"Tệp {path.name} không đọc được {name}"):
            rows, merged = _table_cells(table)
        if _has_value(rows):
            return _docx_grid(path, name, titles, rows, merged)
    raise _no_data(path, sheet)


def _docx_grid(path: Path, name: str, titles: list[str], rows: list, merged: list) -> Grid:
    """Title paragraphs on top; origin row is negative so refs count table rows from 1."""
    width = max(1, len(rows[0]) if rows else 0)
    title_rows: list[list[object]] = [[text] + [None] * (width - 1) for text in titles]
    shift = len(title_rows)
    return Grid(
        rows=title_rows + rows,
        sheet=name,
        file_name=path.name,
        percent=set(),
        merged=[(r0 + shift, c0, r1 + shift, c1) for r0, c0, r1, c1 in merged],
        origin=(-shift, 0),
    )


def _table_cells(table: Table) -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    """A Word table as a grid: a merged cell's text in its top-left position only."""
    from docx.table import _Cell

    anchor_of: dict[tuple[int, int], tuple[int, int]] = {}
    text_at: dict[tuple[int, int], str | None] = {}
    for r, row in enumerate(table.rows):
        c = row.grid_cols_before
        for tc in row._tr.tc_lst:  # the XML cells: row.cells repeats merged ones
            anchor = anchor_of.get((r - 1, c)) if tc.vMerge == "continue" else None
            if anchor is None:
                anchor = (r, c)
                text_at[anchor] = _clean_text(_Cell(tc, table).text)
            for offset in range(tc.grid_span):
                anchor_of[(r, c + offset)] = anchor
            c += tc.grid_span
    height = len(table.rows)
    width = max((c + 1 for _, c in anchor_of), default=0)
    rows = [[text_at.get((r, c)) for c in range(width)] for r in range(height)]
    return rows, _spans(anchor_of)


def _spans(anchor_of: dict[tuple[int, int], tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    corner: dict[tuple[int, int], tuple[int, int]] = {}
    for (r, c), anchor in anchor_of.items():
        last = corner.get(anchor, anchor)
        corner[anchor] = (max(last[0], r), max(last[1], c))
    return sorted((a[0], a[1], e[0], e[1]) for a, e in corner.items() if e != a)
