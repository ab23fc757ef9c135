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
from etl.text import clean, fold, is_english, vietnamese_part

__all__ = ["Column", "TableSpec", "detect", "is_figure", "MEASURE_ROLES"]

MEASURE_ROLES = ("target", "actual", "status", "pct_target", "pct_prev")
HEADER_SCAN_ROWS = 40
HEADER_MAX_ROWS = 8                 # header rows below the first keyword row


@dataclass
class Column:
    index: int
    role: str
    header: str                       # header text of this column, levels joined by ' / '
    parts: list[str] = field(default_factory=list)  # header text per header row, top first
    period: str | None = None         # the column's own period ('Năm 2021', 'Kế hoạch năm 2024')
    estimate: bool = False            # 'Ước …'
    unit: str | None = None           # unit stated in the header ('(%)', 'Triệu đồng')
    twin: bool = False                # shares its header with another column (told apart)
    variant: str | None = None        # phụ lục: the sub-header that sets this measure apart


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
        r"xa, thi tran|xa/thi tran|phuong, xa|huyen, thi xa|huyen/thi xa|huyen, thanh pho|"
        r"tinh, thanh pho|tinh/thanh pho)|^ten (tinh|xa|huyen|phuong)"
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
# a parenthesis that qualifies the header rather than naming its unit: '(vốn đầu tư)'
_NOT_A_UNIT = re.compile(r"\b(von|kinh phi|su nghiep|dau tu|d\.?\s?tu|chua|gom|trong do|ke ca)\b"
                         r"|^(\S+\s+){3,}\S+$")
_TRAILING_MARK = re.compile(r"\s*\(\s*(?:\d{1,2}|\*+)\s*\)$")  # footnote mark '(1)', '(*)'
_BARE_UNIT = re.compile(r"^((?:triệu|tỷ|nghìn|ngàn) đồng)\.?$", re.IGNORECASE)
_COLUMN_NUMBER = re.compile(r"^\(?([a-zđ]|\d{1,2})\)?$|^\(?\d{1,2}\s*=\s*[\d\s+\-*/x()]+\)?$")
_TITLE_LIKE = re.compile(
    r"cong hoa|doc lap|uy ban|ubnd|dang cong san|bo tai chinh|phu luc|^bieu|kem theo|"
    r"^(don vi|dvt)\b"
)


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


def _head(value: object) -> str:
    """A header cell's text with its English translation set aside ('STT\\nNo' -> 'STT')."""
    if not isinstance(value, str):
        return clean(value)
    return "" if is_english(value) else _TRAILING_MARK.sub("", clean(vietnamese_part(value)))


def _header_score(row: list[object]) -> tuple[int, bool]:
    roles = [_classify(_head(v)) for v in row if isinstance(v, str)]
    named = any(r in ("name", "locality", "province") for r in roles)
    return sum(1 for r in roles if r), named


def _find_header_row(grid: Grid) -> int:
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        score, named = _header_score(row)
        if named and (score >= 2 or _figures_below(grid, r) and _filled(row) >= 2) \
                or score >= 2 and _header_names_places(grid, r):
            return r
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        roles = [_classify(_head(v)) for v in row]
        if any(x in MEASURE_ROLES for x in roles) and sum(1 for x in roles if x) >= 2 \
                and _text_column(grid, r) is not None:
            return r  # the name column's header is blank: its cells say what it is
    raise Refused(
        "Không tìm thấy dòng tiêu đề của bảng (cần có cột 'Chỉ tiêu' hoặc 'Địa phương' cùng các "
        f"cột như STT, ĐVT, Kế hoạch, Thực hiện) trong {HEADER_SCAN_ROWS} dòng đầu của "
        f"{_where(grid)}." + _closest_rows(grid)
    )


def _filled(row: list[object]) -> int:
    return sum(1 for v in row if clean(v))


def _figures_below(grid: Grid, r: int) -> bool:
    """A row of figures soon under a row: the data block of a table headed there."""
    return any(_figures(row) for row in grid.rows[r + 1: r + HEADER_MAX_ROWS + 3])


def _header_names_places(grid: Grid, r: int) -> bool:
    """An 'Đơn vị' header over a column of place names is the locality column."""
    return any(isinstance(v, str) and fold(_head(v)) == "don vi"
               and _names_below(grid, r, Column(c, "", "")) for c, v in enumerate(grid.rows[r]))


def _closest_rows(grid: Grid) -> str:
    """What the rows that came closest to a header had, and what each lacked."""
    found: list[tuple[int, int, str]] = []
    figure_rows = [r for r, row in enumerate(grid.rows) if _figures(row) >= 2]
    for r, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        named = [_head(v) for v in row if isinstance(v, str)
                 and _classify(_head(v)) in ("name", "locality", "province")]
        others = [_head(v) for v in row if isinstance(v, str)
                  and _classify(_head(v)) not in (None, "name", "locality", "province")]
        if not named and not others:
            continue
        has_data = any(f > r for f in figure_rows)
        if named:
            lack = ("thiếu cột STT, ĐVT hoặc số liệu" if has_data
                    else "thiếu cột số liệu bên dưới")
            what = f"có '{named[0]}' nhưng {lack}"
        else:
            what = f"có '{others[0]}' nhưng thiếu cột tên chỉ tiêu hoặc địa phương"
        found.append((len(named) * 2 + len(others), r, what))
    if not found:
        return " Không dòng nào có tên cột quen thuộc."
    best = sorted(found, key=lambda f: (-f[0], f[1]))[:3]
    return " Gần nhất: " + "; ".join(f"dòng {r + 1 + grid.origin[0]} {w}" for _, r, w in best) + "."


def _figures(row: list[object]) -> int:
    return sum(1 for v in row if isinstance(v, (int, float)) and not isinstance(v, bool))


def _where(grid: Grid) -> str:
    return f"trang '{grid.sheet}'" if grid.sheet else f"tệp {grid.file_name}"


def _is_column_number_row(row: list[object]) -> bool:
    """'A | B | 1 | 2 …', '(1) | (2) …' or '1 | 2 | 3=2/1 | 4=5+6' under a header."""
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
    while r < len(grid.rows) and r <= top + HEADER_MAX_ROWS:
        row = grid.rows[r]
        if _is_column_number_row(row):
            return rows, r + 1
        has_name = bool(_head(row[name_col])) or (
            stt_col is not None and bool(_head(row[stt_col])))
        has_numbers = _figures(row) > 0
        has_text = any(isinstance(v, str) for v in row)
        if has_name or has_numbers or not has_text:
            break
        rows.append(r)
        r += 1
    blank = r
    end = min(len(grid.rows), r + HEADER_MAX_ROWS)
    while blank < end and not any(map(clean, grid.rows[blank])):
        blank += 1
    if blank < len(grid.rows) and _is_column_number_row(grid.rows[blank]):
        r = blank + 1
    return rows, r


def _rows_above(grid: Grid, top: int) -> list[int]:
    """Header rows above the first keyword row: a header spread word by word over unmerged
    rows ('TỔNG THU' / 'NSNN TRÊN' / 'ĐỊA BÀN' beside 'SỐ' / 'TT'). A row belongs when it has
    two or more cells, none a title, a unit line or a cell merged across most of the table."""
    width = len(grid.rows[0]) if grid.rows else 0
    wide = {r0 for r0, c0, _, c1 in grid.merged if c1 - c0 + 1 >= max(2, width * 0.6)}
    rows: list[int] = []
    r = top - 1
    while r >= 0 and len(rows) < HEADER_MAX_ROWS:
        texts = [_head(v) for v in grid.rows[r] if _head(v)]
        if (len(texts) < 2 or r in wide or _figures(grid.rows[r]) > 0
                or any(_TITLE_LIKE.search(fold(t)) or _UNIT_HINT.match(t) for t in texts)):
            break
        rows.insert(0, r)
        r -= 1
    return rows


def _spread_merged(grid: Grid, header_rows: list[int]) -> tuple[list[list[str]], list[list[bool]]]:
    """Header texts per header row and column, with merged or spanning cells spread right, and
    which of them are wide (one text over several columns: a group heading)."""
    width = len(grid.rows[0]) if grid.rows else 0
    texts = [[_head(grid.rows[r][c]) for c in range(width)] for r in header_rows]
    wide = [[False] * width for _ in header_rows]
    first, last = header_rows[0], header_rows[-1]
    merged: set[tuple[int, int]] = set()
    for r0, c0, r1, c1 in grid.merged:
        if r0 > last or r1 < first:
            continue
        for r in range(max(r0, first), min(r1, last) + 1):
            for c in range(c0, min(c1, width - 1) + 1):
                texts[r - first][c] = texts[r0 - first][c0] if r0 >= first else texts[r - first][c]
                wide[r - first][c] = c1 > c0
                merged.add((r - first, c))
    _spread_spanning(texts, wide, merged)
    return texts, wide


_KEY_ROLES = ("stt", "name", "locality", "province", "unit", "code")


def _spread_spanning(texts: list[list[str]], wide: list[list[bool]],
                     merged: set[tuple[int, int]]) -> None:
    """Cells not merged: an upper header cell spans right over empty cells that have
    sub-headers below them ('Thực hiện' over 'Năm 2021 | Năm 2022')."""
    for level in range(len(texts) - 1):
        row, below = texts[level], texts[level + 1:]
        for c in range(1, len(row)):
            if (level, c) in merged or (level, c - 1) in merged:
                continue
            if not row[c] and row[c - 1] and any(b[c] for b in below) \
                    and not any(_classify(b[c]) in _KEY_ROLES for b in below):
                row[c] = row[c - 1]
                wide[level][c] = wide[level][c - 1] = True


def _build_columns(texts: list[list[str]], wide: list[list[bool]] | None = None) -> list[Column]:
    """One Column per sheet column, its header parts top first. Cells that cover only their
    own column, stacked in consecutive rows, are one phrase written over several lines
    ('THU NSNN' / 'TRÊN' / 'ĐỊA BÀN'): they are joined into one part."""
    columns: list[Column] = []
    width = len(texts[0])
    wide = wide or [[True] * width for _ in texts]
    for c in range(width):
        parts: list[str] = []
        joinable, last = False, ""
        for level, flags in zip(texts, wide, strict=True):
            text = level[c]
            if not text or text == last:
                joinable = joinable and not text
                continue
            if parts and joinable and not flags[c] and not _own_part(text):
                parts[-1] = f"{parts[-1]} {text}"
            else:
                parts.append(text)
            joinable, last = not flags[c], text
        header = " / ".join(parts)
        columns.append(Column(index=c, role="", header=header, parts=parts))
    return columns


def _own_part(text: str) -> bool:
    """A sub-header that names its own measure or period is never a continuation line."""
    folded = fold(text)
    return bool(find_periods(text)) and bool(re.match(r"(nam|ke hoach|uoc|thuc hien)", folded)) \
        or _classify(text) in MEASURE_ROLES


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
        if unit and not find_periods(unit[1]) and not _NOT_A_UNIT.search(fold(unit[1])):
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
            if not isinstance(v, str):
                continue
            text = clean(vietnamese_part(v))
            if not text:
                continue
            m = _UNIT_HINT.match(text) or _BARE_UNIT.match(text)
            if m:
                unit = clean(m[1]).rstrip(".")
            elif text not in lines:
                lines.append(text)
    return "\n".join(lines), unit


def _key_column_by_content(grid: Grid, top: int, columns: list[Column]) -> None:
    """With no name or locality column by its header: 'Tỉnh, thành phố' (the province of a
    long table's rows) is the locality of each row; so is an 'Đơn vị' column that holds names,
    not units; else a column with a blank header and text cells is the indicator name."""
    if any(c.role in ("name", "locality") for c in columns):
        return
    province = next((c for c in columns if c.role == "province"), None)
    if province is not None:
        province.role = "locality"
        return
    for col in columns:
        if col.role == "unit" and fold(col.header) == "don vi" and _names_below(grid, top, col):
            col.role = "locality"
            return
    index = _text_column(grid, top)
    if index is not None and index < len(columns):
        columns[index].role = "name"


_UNIT_LIKE = re.compile(r"^(%|‰|ha|tấn|km|người|hộ|lượt|triệu|tỷ|nghìn|đồng|m2|m3|kg|"
                        r"usd|cái|chiếc|con|lao động)\b", re.IGNORECASE)


def _names_below(grid: Grid, top: int, col: Column) -> bool:
    cells = [clean(row[col.index]) for row in grid.rows[top + 1: top + 16]]
    cells = [c for c in cells if c]
    names = [c for c in cells if not _UNIT_LIKE.match(c) and len(c.split()) >= 2]
    return len(names) >= 2 and len(names) * 2 >= len(cells)


def _text_column(grid: Grid, top: int) -> int | None:
    """A column blank in the header row (and the rows above it) whose cells below are mostly
    text, not figures: the indicator names ('Ước tính' / 'năm 2024' stacked beside it)."""
    rows = grid.rows[top + 1: top + 16]
    best: tuple[int, int] | None = None
    for c, head in enumerate(grid.rows[top]):
        if _head(head) or any(_head(grid.rows[r][c]) for r in range(max(0, top - 2), top)):
            continue
        texts = sum(1 for row in rows if isinstance(row[c], str) and len(clean(row[c])) > 3
                    and not is_figure(row[c]))
        filled = sum(1 for row in rows if clean(row[c]))
        if texts >= 2 and texts * 2 >= filled and (best is None or texts > best[1]):
            best = (c, texts)
    return best[0] if best else None


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
    probe = _build_columns([[_head(v) for v in grid.rows[top]]])
    _assign_roles(probe)
    _key_column_by_content(grid, top, probe)
    name_col = next(c.index for c in probe if c.role in ("name", "locality"))
    stt_col = next((c.index for c in probe if c.role == "stt"), None)
    header_rows, first_data = _header_block(grid, top, name_col, stt_col)
    header_rows = _rows_above(grid, top) + header_rows
    columns = _build_columns(*_spread_merged(grid, header_rows))
    _assign_roles(columns)
    _key_column_by_content(grid, top, columns)
    layout = _decide_layout(columns)
    locality_col = next((c for c in columns if c.role == "locality"), None)
    if layout == "by_locality":
        _by_locality_values(columns)
    title, unit_hint = _title_and_unit(grid, header_rows[0])
    spec = TableSpec(
        layout=layout, header_rows=header_rows, first_data_row=first_data, columns=columns,
        title=title, unit_hint=unit_hint, locality_tier=_locality_tier(locality_col),
    )
    _resolve_status_columns(grid, spec)
    _drop_columns_without_figures(grid, spec)
    _distinct_headers(grid, spec)
    _check_measures(spec, grid)
    return spec


_FOOTNOTE_MARK = re.compile(r"^\(\s*(\d{1,2}|\*+|[a-z])\s*\)$")


def is_figure(value: object) -> bool:
    """A cell that holds a figure: a number, or text with one ('1.234,5', '> 64', 'Đạt' is not);
    a footnote mark alone ('(1)', '(*)') is not."""
    from etl.numbers import parse_cell

    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, (int, float)):
        return True
    text = clean(value)
    return bool(text) and not _FOOTNOTE_MARK.match(text) and parse_cell(text).op is not None


def _drop_columns_without_figures(grid: Grid, spec: TableSpec) -> None:
    """A value or measure column whose data cells hold no figure at all (only footnote marks,
    or nothing: the empty half of a merged header) is not a measure."""
    roles = ("value", "target", "actual", "pct_target", "pct_prev")
    for col in spec.columns:
        if col.role not in roles:
            continue
        cells = (grid.rows[r][col.index] for r in range(spec.first_data_row, len(grid.rows)))
        if not any(is_figure(v) for v in cells):
            if col.role != "target" or spec.layout == "by_locality":
                col.role = "empty"


def _distinct_headers(grid: Grid, spec: TableSpec) -> None:
    """Two columns under one header ('Quyết toán' over several sub-columns, or a header typed
    twice) are told apart by what differs: the English line set aside, else the column letter."""
    from etl.read import cell_ref

    roles = ("value",) if spec.layout == "by_locality" else ()
    groups: dict[tuple[str, ...], list[Column]] = {}
    for col in spec.columns:
        if col.role in roles:
            groups.setdefault(tuple(col.parts), []).append(col)
    for cols in groups.values():
        if len(cols) < 2:
            continue
        english = [_english_line(grid, spec.header_rows, c.index) for c in cols]
        distinct = len(set(english)) == len(english) and all(english)
        for col, en in zip(cols, english, strict=True):
            letter = re.sub(r"\d+", "", cell_ref(grid, 0, col.index).split("!")[-1])
            apart = en if distinct else f"cột {letter}"
            col.parts = [*col.parts[:-1], f"{col.parts[-1]} - {apart}"]
            col.header = " / ".join(col.parts)
            col.twin = True


def _english_line(grid: Grid, header_rows: list[int], c: int) -> str:
    """The English translation set aside from a column's lowest header cell, or ''."""
    for r in reversed(header_rows):
        raw = grid.rows[r][c]
        if isinstance(raw, str) and clean(raw):
            full, viet = clean(raw), clean(vietnamese_part(raw))
            return full[len(viet):].strip(" -–") if full.startswith(viet) else ""
    return ""


def _variants(spec: TableSpec) -> None:
    """Measure columns of one kind and period under one header ('Quyết toán 2007' over
    'Tổng số | NSTW | NSĐP') whose lowest header parts differ are variants of the row's
    indicator, not a conflict."""
    groups: dict[tuple[str, str | None], list[Column]] = {}
    for col in spec.columns:
        if col.role in MEASURE_ROLES:
            groups.setdefault((col.role, col.period), []).append(col)
    for cols in groups.values():
        lowest = [c.parts[-1] for c in cols]
        if (len(cols) > 1 and all(len(c.parts) > 1 for c in cols)
                and len(set(lowest)) == len(lowest)):
            for col in cols:
                col.variant = col.parts[-1]


def _check_measures(spec: TableSpec, grid: Grid) -> None:
    if spec.layout == "by_locality":
        if not spec.roles("value"):
            place = spec.role("locality")
            top = next(r for r in spec.header_rows if clean(grid.rows[r][place.index]))
            raise Refused(
                f"Không đọc được bảng: dòng {top + 1 + grid.origin[0]} có '{place.header}' "
                "nhưng thiếu cột số liệu (bảng theo địa phương cần ít nhất một cột số liệu)."
            )
        return
    if not any(spec.roles(r) for r in MEASURE_ROLES):
        raise Refused(
            f"Không tìm thấy cột số liệu (Kế hoạch, Chỉ tiêu, Thực hiện, Đánh giá …) trong "
            f"{_where(grid)}; các cột đọc được: "
            + ", ".join(c.header for c in spec.columns if c.header) + "."
        )
    _variants(spec)
    seen: dict[tuple[str, str | None, str | None], Column] = {}
    for col in spec.columns:
        if col.role not in MEASURE_ROLES:
            continue
        key = (col.role, col.period, col.variant)
        if key in seen:
            raise Refused(
                f"Hai cột cùng nghĩa '{seen[key].header}' và '{col.header}' "
                "(cùng loại số liệu, cùng kỳ): không biết lấy cột nào. "
                "Hãy xóa hoặc đổi tên một cột."
            )
        seen[key] = col
