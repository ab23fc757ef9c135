"""Writing real workbooks and text files for tests (openpyxl, csv, and Excel's binary .xlsb,
which no installed library writes: its few records are written here), in one place."""

from __future__ import annotations

import struct
import unicodedata
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


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 bytes as Vietnamese Windows writes them: precomposed letters (ă, ê, ư …)
    with the tone as a combining mark ('Ệ' -> 'Ê' + dot below)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in _TONES))
            out += (base + "".join(c for c in parts if c in _TONES)).encode("cp1258")
    return bytes(out)


def write_csv(path: Path, rows: Sequence[Sequence[object]], *, delimiter: str = ";",
              encoding: str = "utf-8-sig") -> Path:
    import csv
    import io

    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    return path


def legacy_text(text: str, encoding: str) -> str:
    """`text` as a TCVN3 ('tcvn3') or VNI ('vni') font stores it: the Latin-1 characters the
    font draws Vietnamese letters on. TCVN3 has no capital toned letters, so those are written
    small (a '.VnTimeH' font shows them as capitals). The tables are viparse's, inverted."""
    from viparse.normalize.tcvn3 import TCVN3
    from viparse.normalize.vni import VNI

    table = {uni: legacy for legacy, uni in (TCVN3 if encoding == "tcvn3" else VNI).pairs}
    out = []
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out.append(table[ch])
        elif encoding == "tcvn3" and ch.lower() in table:
            out.append(table[ch.lower()])
        else:
            out.append(ch)
    return "".join(out)


def write_legacy_xlsx(path: Path, rows: Sequence[Sequence[object]], font: str | None,
                      encoding: str, *, row_fonts: dict[int, str] | None = None) -> Path:
    """Every text cell of `rows` typed in `encoding` and set in `font` ('.VnTime', 'VNI-Times';
    None keeps openpyxl's Calibri); `row_fonts` gives some rows (0-based) another font."""
    from openpyxl.styles import Font

    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append([legacy_text(v, encoding) if isinstance(v, str) else v for v in row])
    for r, row in enumerate(ws.iter_rows()):
        name = (row_fonts or {}).get(r, font)
        for cell in row:
            if isinstance(cell.value, str) and name:
                cell.font = Font(name=name)
    wb.save(path)
    return path


def _xlsb_record(kind: int, payload: bytes = b"") -> bytes:
    """One BIFF12 record (MS-XLSB 2.1.4): type and size as 7-bit varints, then the payload."""
    head = bytes([kind]) if kind < 0x80 else bytes([kind & 0x7F | 0x80, kind >> 7])
    size, length = len(payload), bytearray()
    while True:
        length.append(size & 0x7F | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            break
    return head + bytes(length) + payload


def _wide(text: str) -> bytes:
    """An XLWideString: its length in UTF-16 code units, then UTF-16LE."""
    data = text.encode("utf-16-le")
    return struct.pack("<I", len(data) // 2) + data


def _xlsb_cell(col: int, value: object) -> bytes:
    """BrtCellReal for a number, BrtCellSt for text (style 0), nothing for an empty cell."""
    head = struct.pack("<II", col, 0)
    if value is None or value == "":
        return b""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _xlsb_record(0x05, head + struct.pack("<d", float(value)))
    return _xlsb_record(0x06, head + _wide(str(value)))


def write_xlsb(path: Path, rows: Sequence[Sequence[object]], *, sheet: str = "Sheet1") -> Path:
    """Write `rows` from A1 as an Excel binary workbook (.xlsb) of one sheet: numbers and inline
    text, no styles or merges, the records python-calamine (and Excel) need."""
    import zipfile

    width = max((len(row) for row in rows), default=1)
    data = b"".join(_xlsb_record(0x00, struct.pack("<I", r))  # BrtRowHdr, then the row's cells
                    + b"".join(_xlsb_cell(c, v) for c, v in enumerate(row))
                    for r, row in enumerate(rows))
    dimension = struct.pack("<IIII", 0, max(len(rows) - 1, 0), 0, width - 1)
    worksheet = (_xlsb_record(0x81) + _xlsb_record(0x94, dimension) + _xlsb_record(0x91) + data
                 + _xlsb_record(0x92) + _xlsb_record(0x82))
    bundle = struct.pack("<II", 0, 1) + _wide("rId1") + _wide(sheet)
    workbook = (_xlsb_record(0x83) + _xlsb_record(0x8F) + _xlsb_record(0x9C, bundle)
                + _xlsb_record(0x90) + _xlsb_record(0x9D, bytes(12)) + _xlsb_record(0x84))
    package = "http://schemas.openxmlformats.org/package/2006"
    office = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml":
            f'<?xml version="1.0" encoding="UTF-8"?><Types xmlns="{package}/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="bin" ContentType="application/vnd.ms-excel.'
            'sheet.binary.macroEnabled.main"/><Override PartName="/xl/worksheets/sheet1.bin" '
            'ContentType="application/vnd.ms-excel.worksheet"/></Types>',
        "_rels/.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/officeDocument" Target="xl/workbook.bin"/>'
            '</Relationships>',
        "xl/_rels/workbook.bin.rels":
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{package}/relationships">'
            f'<Relationship Id="rId1" Type="{office}/worksheet" Target="worksheets/sheet1.bin"/>'
            '</Relationships>',
        "xl/workbook.bin": workbook,
        "xl/worksheets/sheet1.bin": worksheet,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return path
