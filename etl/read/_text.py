"""Text tables (.csv/.txt/.tsv and files without a known kind): decode the bytes (BOM, UTF-8,
TCVN3/VNI bytes, or Vietnamese Windows-1258), guess the delimiter, split into a rectangular
`Grid`; legacy TCVN3/VNI text is converted to Unicode (`_legacy`).

Numbers stay text: the parser reads them with Vietnamese rules.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import unicodedata
from collections import Counter

from etl.errors import Refused
from etl.read._grid import Grid, Source, clean_rows
from etl.read._legacy import (
    ENCODINGS,
    Legacy,
    convert_by_content,
    detect,
    looks_legacy,
    to_unicode,
)

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


def read_text(source: Source) -> Grid:
    """The file's single unnamed sheet, padded to its widest row; trailing blank rows dropped."""
    text = _decode(source.data, source.name)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
        rows: list[list[object]] = list(reader)
    except csv.Error as exc:
        raise Refused(f"Tệp {source.name} không đọc được như một bảng CSV (một ô quá dài, có "
                      f"ký tự lạ hoặc dấu ngoặc kép không đóng). Hãy mở tệp bằng Excel và lưu "
                      f"lại dạng .xlsx.", reason="unreadable_file") from exc
    clean_rows(rows)
    while rows and not any(value is not None for value in rows[-1]):
        rows.pop()
    if not rows:
        raise Refused(f"Tệp {source.name} không có dữ liệu.")
    width = max(len(row) for row in rows)
    for row in rows:
        row.extend([None] * (width - len(row)))
    legacy = Legacy()
    convert_by_content(rows, legacy)
    return Grid(rows=rows, sheet="", file_name=source.name, percent=set(), merged=[],
                legacy=legacy)


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
        text = _better(_decode_legacy(raw), _decode_cp1258(raw))
    else:
        text = None if "\x00" in text else unicodedata.normalize("NFC", text)  # UTF-16, no BOM
    if text is None:
        raise _undecodable(name)
    return text


def _better(legacy: tuple[str, str] | None, cp1258: str | None) -> str | None:
    """The legacy reading (Latin-1 text, encoding) or the Windows-1258 one, whichever reads
    more like Vietnamese once converted: Windows-1258 bytes can pass for TCVN3 or VNI."""
    if legacy is None:
        return cp1258
    if cp1258 is None:
        return legacy[0]
    from viparse.normalize.frequency import vietnamese_score

    converted = to_unicode(legacy[0], legacy[1])
    return legacy[0] if vietnamese_score(converted) > vietnamese_score(cp1258) else cp1258


def _decode_legacy(raw: bytes) -> tuple[str, str] | None:
    """The bytes as the Latin-1 letters a TCVN3/VNI font draws on, when they read as such;
    `read_text` then converts them to Unicode."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = [line for line in text.splitlines()[:2000] if looks_legacy(line)]
    if len(lines) < 2 and not (lines and len(lines[0]) > 40):
        return None
    encoding = detect(lines)
    return (unicodedata.normalize("NFC", text), encoding) if encoding in ENCODINGS else None


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
