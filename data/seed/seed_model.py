"""The shape of the demo seed tables: a file has sheets; a sheet has title rows, one or two
header rows and body rows of cells, plus its manifest entry (locality, period)."""

from dataclasses import dataclass

__all__ = ["Pct", "Cell", "Row", "Sheet", "SeedFile", "LONG_HEADER", "DT", "BL", "DP", "XDT"]


@dataclass(frozen=True)
class Pct:
    """A numeric cell formatted as a percentage: 0.913 shown as 91.3%."""

    value: float
    fmt: str = "0.0%"


Cell = str | int | float | Pct | None
Row = tuple[Cell, ...]


@dataclass(frozen=True)
class Sheet:
    """One table: title rows, one or two header rows, body rows (repeated headers included).

    `header_merges` are (first_row, first_col, last_row, last_col), 1-based inside the header.
    `locality` / `period` are the manifest values ('' = read from the title or the rows).
    """

    name: str
    titles: tuple[str, ...]
    header: tuple[Row, ...]
    rows: tuple[Row, ...]
    locality: str = ""
    period: str = ""
    header_merges: tuple[tuple[int, int, int, int], ...] = ()


@dataclass(frozen=True)
class SeedFile:
    """A file as staff would upload it: xlsx (any number of sheets) or csv (one sheet)."""

    name: str
    sheets: tuple[Sheet, ...]
    delimiter: str = ";"
    bom: bool = True


DT = "Huyện Đức Trọng"
BL = "Thành phố Bảo Lộc"
DP = "Thị xã Đức Phổ"
XDT = "Xã Đức Trọng"

LONG_HEADER: Row = (
    "Tỉnh", "Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá", "Ghi chú",
)
