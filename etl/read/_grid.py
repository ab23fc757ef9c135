"""The `Grid` every reader returns, the `Source` every reader reads from (a file's bytes, read
once), and the cell helpers the readers share: cleaning text, column letters, picking a sheet
by name, and turning library failures into `Refused`."""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

from etl.errors import Refused
from etl.read._legacy import Legacy


@dataclass
class Grid:
    """A sheet's cells. Coordinates in `percent` and `merged` are 0-based into `rows`.

    `percent` holds only cells with a number (a fraction: 0.933 shows as 93,3 %). `origin` is
    the sheet row/col of rows[0][0]; for a docx table it is (-title rows, 0), so `cell_ref`
    counts the table's own rows from 1 and the title paragraphs get row 0 or less. `legacy`
    says which cells were converted from TCVN3/VNI, or that such text is suspected.
    """

    rows: list[list[object]]
    sheet: str
    file_name: str
    percent: set[tuple[int, int]]
    merged: list[tuple[int, int, int, int]]
    origin: tuple[int, int] = (0, 0)
    legacy: Legacy = field(default_factory=Legacy)


@dataclass(eq=False)
class Source:
    """A file read once (`etl.read.open_source`): its bytes and kind (text, docx, xlsx, xlsb,
    xls, ods). Listing sheets, reading one, their titles and the sha256 all work from these
    bytes; what a library opens from them (a workbook) is kept in `handles` and closed with the
    source, so a load opens the file once."""

    path: Path
    data: bytes
    kind: str
    handles: dict[str, Any] = field(default_factory=dict)
    shown_name: str | None = None  # the name the person knows (the page keeps a temporary copy)

    @property
    def name(self) -> str:
        """The file's name as its grids, refusals and the file-name rules read it."""
        return self.shown_name or self.path.name

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def close(self) -> None:
        for handle in self.handles.values():
            close = getattr(handle, "close", None) or getattr(handle, "release_resources", None)
            if close is not None:
                close()
        self.handles.clear()

    def __enter__(self) -> Source:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def library_errors(message: str) -> Iterator[None]:
    """Turn any library failure on a bad file into `unreadable(message)`; the library's own
    words (in English: 'Cannot detect file format') stay on the exception's cause, for
    whoever debugs it."""
    try:
        yield
    except (Refused, KeyboardInterrupt, SystemExit):
        raise
    except BaseException as exc:  # Rust panics in calamine are BaseException
        raise unreadable(message) from exc


def unreadable(message: str) -> Refused:
    """A file no reader could open, said in Vietnamese with what usually causes it."""
    return Refused(f"{message} (tệp hỏng, có mật khẩu, hoặc không phải tệp bảng tính mà chỉ "
                   f"được đặt tên như vậy). Hãy mở tệp bằng Excel, lưu lại dạng .xlsx rồi tải "
                   f"lên lần nữa.", reason="unreadable_file")


@lru_cache(maxsize=131072)
def clean_text(value: str) -> str | None:
    """Stripped NFC text; None for a blank string."""
    text = value.strip()
    if not text:
        return None
    return text if text.isascii() else unicodedata.normalize("NFC", text)


class _Cleaned(dict):
    """Each distinct string of a sheet, cleaned once (`clean_text`) on its first lookup."""

    def __missing__(self, text: str) -> str | None:
        cleaned = self[text] = clean_text(text)
        return cleaned


def clean_rows(rows: list[list[object]]) -> set[str]:
    """Strip and NFC-normalise strings in place ('' becomes None); fast on 100,000 rows (each
    row rebuilt by one comprehension, a distinct string cleaned once). Equal strings become one
    object (calamine makes one per cell), which every later lookup of a cell — places, names,
    figures — finds by identity: leaving clean rows as they were made the parse slower than the
    rebuild. Returns the distinct strings that are not ASCII (what the legacy-encoding check
    reads)."""
    cleaned = _Cleaned()
    for row in rows:
        row[:] = [cleaned[value] if value.__class__ is str else value for value in row]
    return {text for text in cleaned.values() if text is not None and not text.isascii()}


TITLE_CHARS = 80


def first_line(row: list[object]) -> str:
    """A row's distinct text cells joined by ' | ', cut to TITLE_CHARS; '' without text."""
    texts = [" ".join(v.split()) for v in row if isinstance(v, str) and v.strip()]
    line = " | ".join(dict.fromkeys(texts))
    return line if len(line) <= TITLE_CHARS else line[: TITLE_CHARS - 1].rstrip() + "…"


def has_value(rows: list[list[object]]) -> bool:
    return any(value is not None for row in rows for value in row)


@lru_cache(maxsize=1024)
def column_letters(col: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@lru_cache(maxsize=1024)
def column_index(letters: str) -> int:
    """'A' → 0, 'AA' → 26: the inverse of `column_letters`."""
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - ord("A") + 1
    return index - 1


def no_data(file_name: str, sheet: str | None) -> Refused:
    where = f'Trang tính "{sheet}" trong tệp' if sheet else "Tệp"
    return Refused(f"{where} {file_name} không có ô nào chứa dữ liệu.")


def _missing_sheet(sheet: str, names: list[str]) -> Refused:
    """The sheet asked for is not there; a workbook of one sheet gives that sheet's name as the
    example (reason 'only_sheet': the advice names it)."""
    listed = ", ".join(names) or "(không có)"
    only = len(names) == 1
    return Refused(f'Không có trang tính "{sheet}". Các trang có: {listed}.',
                   reason="only_sheet" if only else "sheet_missing", field="sheet",
                   candidates=names, example=names[0] if only else "")


def pick_name(sheet: str, names: list[str]) -> str:
    """The exact name, else the only one equal up to case and surrounding spaces."""
    if sheet in names:
        return sheet
    wanted = unicodedata.normalize("NFC", sheet.strip()).casefold()
    close = [name for name in names if name.strip().casefold() == wanted]
    if len(close) != 1:
        raise _missing_sheet(sheet, names)
    return close[0]
