"""Writing real workbooks and text files for tests (openpyxl, csv), in one place."""

from __future__ import annotations

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
