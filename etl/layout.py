"""Layout detection: find the header of a table, give each column a role, and decide which of
the four layouts it is (phụ lục, by year, long, by locality).

Works on a `Grid` from `etl.read`; knows nothing about the database. Column roles:
stt, name, unit, target, actual, status, pct_target, pct_prev, note (phụ lục / by year);
locality, period, province, code (long and by locality); value (by locality: the header is the
indicator).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from etl.errors import Refused
from etl.periods import find_periods
from etl.read import Grid
from etl.text import clean, fold

__all__ = ["Column", "TableSpec", "detect", "MEASURE_ROLES"]

MEASURE_ROLES = ("target", "actual", "status", "pct_target", "pct_prev")
HEADER_SCAN_ROWS = 40


@dataclass
class Column:
    index: int
    role: str
    header: str                       # header text of this column, levels joined by ' / '
    parts: list[str] = field(default_factory=list)  # header text per header row, top first
    period: str | None = None         # the column's own period ('Năm 2021', 'Kế hoạch năm 2024')
    estimate: bool = False            # 'Ước …'
    unit: str | None = None           # unit stated in the header ('(%)', 'Triệu đồng')


@dataclass
class TableSpec:
    layout: str                       # phu_luc | by_year | long | by_locality
    header_rows: list[int]
    first_data_row: int
    columns: list[Column]
    title: str                        # title rows above the header, one line each
    unit_hint: str | None = None      # 'Đơn vị tính: Triệu đồng' found in a stray cell
    locality_tier: str | None = None  # by locality: 'tỉnh' | 'huyện' | 'xã' from the header
    header_folded: list[tuple[int, str]] | None = None  # filled lazily by the parser

    def role(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.role == name), None)

    def roles(self, name: str) -> list[Column]:
        return [c for c in self.columns if c.role == name]


# Keyword rules on folded header text, tried in order; the first that matches wins.
_EXACT = {
    "stt": "stt", "tt": "stt", "so tt": "stt", "so thu tu": "stt", "s tt": "stt",
    "dvt": "unit", "don vi tinh": "unit", "don vi": "unit", "dv tinh": "unit", "d.v.t": "unit",
    "ky": "period", "ky bao cao": "period", "thoi gian": "period", "nam": "period",
    "giai doan": "period", "thoi ky": "period",
    "tinh": "province", "tinh/thanh pho": "province", "tinh, thanh pho": "province",
}
_RULES: list[tuple[str, re.Pattern[str]]] = [
    ("note", re.compile(r"^ghi chu")),
    ("code", re.compile(r"^ma (dvhc|don vi|hanh chinh|dia phuong|xa|tinh|huyen)")),
    ("locality", re.compile(
        r"^(ten )?(dia phuong|don vi hanh chinh|dvhc|ten don vi|xa, phuong|xa/phuong|"
        r"huyen, thi xa|huyen/thi xa|tinh, thanh pho|tinh/thanh pho)|^ten (tinh|xa|huyen|phuong)"
    )),
    ("pct_prev", re.compile(r"cung ky")),
    ("pct_target", re.compile(
        r"(%|ty le|so voi|so sanh).*(du toan|ke hoach|\bkh\b|nghi quyet|\bnq\b|chi tieu)"
        r"|^ty le( %)?$|^% (so )?(voi )?(du toan|ke hoach|kh)"
    )),
    ("status", re.compile(r"^(danh gia|so sanh|ket qua danh gia|muc do (dat|hoan thanh))")),
    ("name", re.compile(r"^(ten chi tieu|chi tieu|noi dung|danh muc|linh vuc|hang muc|ten)")),
    ("actual", re.compile(
        r"^(uoc|thuc hien|ket qua|quyet toan|\bth\b|so lieu|dat duoc)|thuc hien|uoc (th|tinh)"
    )),
    ("target", re.compile(
        r"^(ke hoach|kh\b|chi tieu|nghi quyet|nq\b|du toan|muc tieu|giao)|ke hoach|du toan"
    )),
]
_NAME_LIKE = re.compile(r"^(ten chi tieu|chi tieu|noi dung|danh muc|linh vuc|hang muc)\b")
_UNIT_IN_HEADER = re.compile(r"\(([^()]*)\)\s*$")
_UNIT_HINT = re.compile(r"^\(?\s*(?:đơn vị tính|đvt|đơn vị)\s*:\s*(.+?)\)?$", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?([a-zđ]|\d{1,2})\)?$")


def _classify(text: str) -> str | None:
    """The role a single header text names, or None."""
    folded = fold(text).rstrip(":. ")
    if not folded:
        return None
    if folded in _EXACT:
        return _EXACT[folded]
    for role, pattern in _RULES:
        if pattern.search(folded):
            return role
    return None


def _header_score(row: list[object]) -> tuple[int, bool]:
    roles = [_classify(v) for v in row if isinstance(v, str)]
    named = any(r in ("name", "locality") for r in roles)
    return sum(1 for r in roles if r), named


def _find_header_row(grid: Grid) -> int:
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        score, named = _header_score(row)
        if named and score >= 2:
            return r
    raise Refused(
        "Không tìm thấy dòng tiêu đề của bảng (cần có cột 'Chỉ tiêu' hoặc 'Địa phương' cùng các "
        f"cột như STT, ĐVT, Kế hoạch, Thực hiện) trong {HEADER_SCAN_ROWS} dòng đầu của "
        f"{_where(grid)}."
    )


def _where(grid: Grid) -> str:
    return f"trang '{grid.sheet}'" if grid.sheet else f"tệp {grid.file_name}"


def _is_column_number_row(row: list[object]) -> bool:
    """'A | B | 1 | 2 …' or '(1) | (2) …' under a header."""
    cells = [
        str(int(v)) if isinstance(v, float) and v.is_integer() else clean(v)
        for v in row if clean(v)
    ]
    return len(cells) >= 3 and all(_COLUMN_NUMBER.match(fold(c)) for c in cells)


def _header_block(
    grid: Grid, top: int, name_col: int, stt_col: int | None
) -> tuple[list[int], int]:
    """Header rows from `top` down, and the first row after them (column-number rows skipped)."""
    rows = [top]
    r = top + 1
    while r < len(grid.rows) and r < top + 4:
        row = grid.rows[r]
        if _is_column_number_row(row):
            return rows, r + 1
        has_name = bool(clean(row[name_col])) or (stt_col is not None and bool(clean(row[stt_col])))
        has_numbers = any(isinstance(v, (int, float)) and not isinstance(v, bool) for v in row)
        has_text = any(isinstance(v, str) for v in row)
        if has_name or has_numbers or not has_text:
            break
        rows.append(r)
        r += 1
    if r < len(grid.rows) and _is_column_number_row(grid.rows[r]):
        r += 1
    return rows, r


def _spread_merged(grid: Grid, header_rows: list[int]) -> list[list[str]]:
    """Header texts per header row and column, with merged or spanning cells spread right."""
    width = len(grid.rows[0]) if grid.rows else 0
    texts = [[clean(grid.rows[r][c]) for c in range(width)] for r in header_rows]
    first, last = header_rows[0], header_rows[-1]
    spread_by_merge = False
    for r0, c0, r1, c1 in grid.merged:
        if r0 > last or r1 < first:
            continue
        for r in range(max(r0, first), min(r1, last) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                texts[r - first][c] = texts[r0 - first][c0] if r0 >= first else texts[r - first][c]
        spread_by_merge = True
    if not spread_by_merge:
        _spread_spanning(texts)
    return texts


def _spread_spanning(texts: list[list[str]]) -> None:
    """Without merge information: an upper header cell spans right over empty cells that have
    sub-headers below them ('Thực hiện' over 'Năm 2021 | Năm 2022')."""
    for level in range(len(texts) - 1):
        row, below = texts[level], texts[level + 1:]
        for c in range(1, len(row)):
            if not row[c] and row[c - 1] and any(b[c] for b in below):
                row[c] = row[c - 1]


def _build_columns(texts: list[list[str]]) -> list[Column]:
    columns: list[Column] = []
    width = len(texts[0])
    for c in range(width):
        parts: list[str] = []
        for level in texts:
            if level[c] and (not parts or parts[-1] != level[c]):
                parts.append(level[c])
        header = " / ".join(parts)
        columns.append(Column(index=c, role="", header=header, parts=parts))
    return columns


def _assign_roles(columns: list[Column]) -> None:
    name_seen = False
    for col in columns:
        if not col.parts:
            col.role = "empty"
            continue
        role = _role_from_parts(col.parts)
        if role == "name" and name_seen:
            role = "target"  # the second 'CHỈ TIÊU' column holds the targets
        if role == "target" and not name_seen and _NAME_LIKE.match(fold(col.parts[0])):
            role = "name"
        name_seen = name_seen or role == "name"
        col.role = role or "other"
        periods = find_periods(col.header)
        col.period = periods[-1] if periods and role in MEASURE_ROLES else None
        col.estimate = role == "actual" and fold(col.header).count("uoc") > 0
        unit = _UNIT_IN_HEADER.search(col.parts[-1])
        if unit and not find_periods(unit[1]):
            col.unit = clean(unit[1])


def _role_from_parts(parts: list[str]) -> str | None:
    """Role of a column from its header parts: the lowest level that names a measure wins,
    but a period-only sub-header ('Năm 2021') inherits the role above it."""
    roles = [_classify(p) for p in parts]
    for part, role in zip(reversed(parts), reversed(roles), strict=True):
        if role and not (role == "period" and len(parts) > 1 and find_periods(part)):
            return role
    return None


def _title_and_unit(grid: Grid, top: int) -> tuple[str, str | None]:
    lines: list[str] = []
    unit: str | None = None
    for row in grid.rows[:top]:
        for v in row:
            text = clean(v)
            if not text or not isinstance(v, str):
                continue
            m = _UNIT_HINT.match(text)
            if m:
                unit = clean(m[1])
            elif text not in lines:
                lines.append(text)
    return "\n".join(lines), unit


def _decide_layout(spec_cols: list[Column]) -> str:
    roles = {c.role for c in spec_cols}
    if "locality" in roles and "name" in roles:
        return "long"
    if "locality" in roles:
        return "by_locality"
    if "name" not in roles:
        raise Refused("Bảng không có cột tên chỉ tiêu ('Chỉ tiêu', 'Nội dung').")
    periods = {c.period for c in spec_cols if c.role in MEASURE_ROLES and c.period}
    return "by_year" if len(periods) >= 2 else "phu_luc"


def _locality_tier(col: Column | None) -> str | None:
    if col is None:
        return None
    folded = fold(col.header)
    for word, tier in (("tinh", "tỉnh"), ("huyen", "huyện"), ("xa", "xã"), ("phuong", "xã")):
        if re.search(rf"\b{word}\b", folded):
            return tier
    return None


def _by_locality_values(columns: list[Column]) -> None:
    """In a by-locality table every other column with a header is an indicator."""
    for col in columns:
        if col.role in ("other", "name", "target", "actual", "pct_target", "pct_prev", "status"):
            col.role = "value"


def _resolve_status_columns(grid: Grid, spec: TableSpec) -> None:
    """'So sánh …' columns hold statuses (Đạt/Chưa đạt) or percentages: decide by content."""
    from etl.numbers import parse_number, parse_status

    for col in spec.roles("status") + spec.roles("pct_target") + spec.roles("pct_prev"):
        values = [grid.rows[r][col.index] for r in range(spec.first_data_row, len(grid.rows))]
        values = [v for v in values if clean(v)]
        statuses = sum(1 for v in values if parse_status(v))
        numbers = sum(
            1 for v in values
            if isinstance(v, (int, float)) or parse_number(str(v)) is not None
        )
        if statuses > numbers:
            col.role = "status"
        elif numbers > statuses and col.role == "status":
            col.role = "pct_prev" if "cung ky" in fold(col.header) else "pct_target"


def detect(grid: Grid) -> TableSpec:
    """Find the header and give every column a role; raise Refused when there is no table."""
    if not grid.rows:
        raise Refused(f"{_where(grid).capitalize()} không có dữ liệu.")
    top = _find_header_row(grid)
    probe = _build_columns([[clean(v) for v in grid.rows[top]]])
    _assign_roles(probe)
    name_col = next(c.index for c in probe if c.role in ("name", "locality"))
    stt_col = next((c.index for c in probe if c.role == "stt"), None)
    header_rows, first_data = _header_block(grid, top, name_col, stt_col)
    columns = _build_columns(_spread_merged(grid, header_rows))
    _assign_roles(columns)
    layout = _decide_layout(columns)
    locality_col = next((c for c in columns if c.role == "locality"), None)
    if layout == "by_locality":
        _by_locality_values(columns)
    title, unit_hint = _title_and_unit(grid, top)
    spec = TableSpec(
        layout=layout, header_rows=header_rows, first_data_row=first_data, columns=columns,
        title=title, unit_hint=unit_hint, locality_tier=_locality_tier(locality_col),
    )
    _resolve_status_columns(grid, spec)
    _check_measures(spec, grid)
    return spec


def _check_measures(spec: TableSpec, grid: Grid) -> None:
    if spec.layout == "by_locality":
        if not spec.roles("value"):
            raise Refused("Bảng theo địa phương không có cột số liệu nào.")
        return
    if not any(spec.roles(r) for r in MEASURE_ROLES):
        raise Refused(
            f"Không tìm thấy cột số liệu (Kế hoạch, Chỉ tiêu, Thực hiện, Đánh giá …) trong "
            f"{_where(grid)}; các cột đọc được: "
            + ", ".join(c.header for c in spec.columns if c.header) + "."
        )
    seen: dict[tuple[str, str | None], Column] = {}
    for col in spec.columns:
        if col.role not in MEASURE_ROLES:
            continue
        key = (col.role, col.period)
        if key in seen:
            raise Refused(
                f"Hai cột cùng nghĩa '{seen[key].header}' và '{col.header}' "
                "(cùng loại số liệu, cùng kỳ): không biết lấy cột nào. "
                "Hãy xóa hoặc đổi tên một cột."
            )
        seen[key] = col
