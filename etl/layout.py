"""Layout detection: give each column of a table a role from its header (found and read by
`etl.header`, words in `etl.header_words`) and its cells, and decide which of the four layouts
it is (phụ lục, by year, long, by locality).

Works on a `Grid` from `etl.read`; knows nothing about the database. Column roles:
stt, name, unit, target, actual, status, pct_target, pct_prev, note (phụ lục / by year);
locality, period, province, code (long and by locality); value (by locality: the header is the
indicator). A phụ lục whose result columns are units ('Toàn tỉnh | TP. Đà Lạt | …', a
department's table) has each such column carry its unit's name (`Column.place`); a result of
the same period one year earlier ('Thực hiện cùng kỳ', 'Cùng kỳ năm 2023') is marked
`Column.prior` and carries that period.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from etl import corrections as fix
from etl.corrections import Corrections
from etl.errors import Refused
from etl.header import (
    find_header_row,
    header_block,
    names_below,
    rows_above,
    spread_merged,
    text_column,
    title_and_unit,
    where,
)
from etl.header_words import (
    MEASURE_ROLES,
    classify,
    header_text,
    is_figure,
    is_footnote_mark,
    names_a_unit,
)
from etl.periods import find_periods, parse_code, same_period_in
from etl.read import Grid, column_letters
from etl.text import clean, fold, shortened, vietnamese_part

__all__ = ["Column", "TableSpec", "detect", "is_figure", "prior_period", "MEASURE_ROLES"]

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
    letter: str = ""                  # the sheet's column letter ('E')
    guess: str = ""                   # the role the detector gave, before any correction
    place: str | None = None          # units in columns: the unit the header names ('TP. Đà Lạt')
    prior: bool = False               # the results' period one year earlier ('Cùng kỳ năm 2023')

@dataclass
class TableSpec:
    layout: str                       # phu_luc | by_year | long | by_locality
    header_rows: list[int]
    first_data_row: int
    columns: list[Column]
    title: str                        # title rows above the header, one line each
    unit_hint: str | None = None      # 'Đơn vị tính: Triệu đồng' found in a stray cell
    locality_tier: str | None = None  # by locality: 'tỉnh' | 'huyện' | 'xã' from the header
    # (column, folded text) of the first header row, the name or locality column first: a
    # data row reading the same is the header repeated (`records.is_repeated_header`)
    header_folded: list[tuple[int, str]] = field(default_factory=list)
    first_sheet_row: int = 1          # sheet row number of the grid's first row

    def sheet_rows(self) -> list[int]:
        """The header rows as sheet row numbers (what a person sees in Excel)."""
        return [r + self.first_sheet_row for r in self.header_rows]

    def role(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.role == name), None)

    def roles(self, name: str) -> list[Column]:
        return [c for c in self.columns if c.role == name]


# Keyword rules on folded header text, tried in order; the first that matches wins.

_NAME_LIKE = re.compile(r"^(ten chi tieu|chi tieu|noi dung|danh muc|linh vuc|hang muc)\b")

_UNIT_IN_HEADER = re.compile(r"\(([^()]*)\)\s*$")

_NOT_A_UNIT = re.compile(r"\b(von|kinh phi|su nghiep|dau tu|d\.?\s?tu|chua|gom|trong do|ke ca)\b"
                         r"|^(\S+\s+){3,}\S+$")
# What a parenthesis at the end of an indicator's name must read as to be its unit (a name's
# parentheses more often qualify it: '(theo chuẩn mới)', '(giá so sánh 2010)'): a unit word
# or a per-unit ratio ('triệu đồng/người').
_UNIT_WORDS = re.compile(
    r"/|^(%|‰|((nghin|ngan|trieu|ty) )?(dong|usd|nguoi|ho|tan|luot|lao dong|san pham)|ha|km2|km|"
    r"m2|m3|ta|kg|xa|thon|truong|cay|con|cai|chiec|giuong|bac si|lit|kwh|kw|mw|doanh nghiep|"
    r"hop tac xa|du an|cong trinh|dang vien|to chuc)$")


def trailing_unit(text: str, *, of_name: bool = False) -> str | None:
    """The unit a header or, with `of_name`, an indicator's name ends with in parentheses
    ('Tổng thu (triệu đồng)' -> 'triệu đồng'); None for a period, a qualifier ('(vốn đầu
    tư)') or, in a name, anything that does not read as a unit."""
    m = _UNIT_IN_HEADER.search(text)
    if m is None or find_periods(m[1]):
        return None
    folded = fold(m[1])
    if not folded or _NOT_A_UNIT.search(folded) or (of_name and not _UNIT_WORDS.search(folded)):
        return None
    return clean(m[1])


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
            if parts and joinable and not flags[c] \
                    and (_continues(parts[-1], text) or not _own_part(text)):
                parts[-1] = f"{parts[-1]} {text}"
            else:
                parts.append(text)
            joinable, last = not flags[c], text
        header = " / ".join(parts)
        columns.append(Column(index=c, role="", header=header, parts=parts))
    return columns

# Words a header line does not end on: the phrase goes on in the cell below ('Tỷ lệ thực
# hiện so' / 'với kế hoạch (%)', 'So với cùng' / 'kỳ (%)').
_OPEN_END = re.compile(r"\b(so|voi|cung|tren|cua|va|den|theo|trong|tai|thuoc|ty le)$")


def _continues(upper: str, lower: str) -> bool:
    """The cell below goes on with the phrase of the one above: it starts in lower case, or the
    upper one breaks off on a word that needs more ('so', 'với', 'cùng')."""
    first = next((ch for ch in lower if ch.isalpha()), "")
    return first.islower() or bool(_OPEN_END.search(fold(upper)))


def _own_part(text: str) -> bool:
    """A sub-header that names its own measure or period is never a continuation line."""
    folded = fold(text)
    return bool(find_periods(text)) and bool(re.match(r"(nam|ke hoach|uoc|thuc hien)", folded)) \
        or classify(text) in MEASURE_ROLES

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
        if role is None and _period_only(col.parts[-1]):
            role = "actual"  # 'Năm 2021 | Năm 2022' beside the names: each year's results
        if role in ("actual", None) and _SAME_PERIOD.search(fold(col.header)):
            role, col.prior = "actual", True
        col.role = role or "other"
        periods = find_periods(col.header)
        col.period = periods[-1] if periods and role in MEASURE_ROLES and not col.prior else None
        col.estimate = role == "actual" and fold(col.header).count("uoc") > 0
        col.unit = trailing_unit(col.parts[-1]) or col.unit
    _ratio_periods(columns)
    _prior_periods(columns)


# A figure of the same period last year: 'Thực hiện cùng kỳ', 'TH cùng kỳ năm trước', 'Cùng kỳ
# năm 2023' (a percentage of it has a ratio or percent word, `header_words`: pct_prev first).
_SAME_PERIOD = re.compile(r"\bcung ky\b")


def _prior_periods(columns: list[Column]) -> None:
    """A same-period-last-year column beside results of one period is of that period a year
    earlier ('Thực hiện 6 tháng 2024 | Cùng kỳ' -> 2023-H1); without one it is dated at parse
    time, from the table's period (`prior_period`)."""
    results = _results(columns)
    if len(results) == 1 and None not in results:
        for col in columns:
            if col.prior:
                col.period = prior_period(col, next(iter(results)))


def _results(columns: list[Column]) -> set[str | None]:
    """The periods of the results columns, last year's figures set aside."""
    return {c.period for c in columns if c.role == "actual" and not c.prior}


def prior_period(col: Column, results: str) -> str | None:
    """The period a same-period-last-year column holds beside results of `results`: the year
    its header names ('Cùng kỳ năm 2023') or the one before, in the same kind of period
    (2024-H1 -> 2023-H1, 2024-9M -> 2023-9M, 2024 -> 2023); None beside a term's results."""
    start = next((i for i, part in enumerate(col.parts) if _SAME_PERIOD.search(fold(part))), 0)
    year = parse_code(results).start.year
    named = [parse_code(p).start.year for p in find_periods(" ".join(col.parts[start:]))]
    return same_period_in(results, named[-1] if named and named[-1] < year else year - 1)


_RATIOS = ("pct_target", "pct_prev", "status")


def _ratio_periods(columns: list[Column]) -> None:
    """A percentage column's period. One that divides two periods ('So sánh TH 2023/TH 2022')
    is of the same period the year before when both sides are results, else no measure the
    model holds ('So sánh KH 2024/ƯTH 2023': next year's plan over this year's estimate)."""
    for col in columns:
        if col.role not in _RATIOS or "/" not in col.header:
            continue
        left, right = col.header.rsplit("/", 1)
        above, below = find_periods(left), find_periods(right)
        if above and below and above[-1] != below[-1]:
            results = all(classify(_last_words(side)) == "actual" for side in (left, right))
            col.role, col.period = ("pct_prev", above[-1]) if results else ("other", None)
    _results_period(columns)


def _results_period(columns: list[Column]) -> None:
    """A percentage or status column without a period of its own ('TH/KH (%)', 'Đánh giá') is
    of the results' period when they share one: the 'Đánh giá' of 'Mục tiêu giai đoạn
    2021-2025 | Ước TH 2021-2023' judges 2021-2023, as a 9-month report's judges its 9 months."""
    results = _results(columns)
    if len(results) == 1 and None not in results:
        for col in columns:
            if col.role in _RATIOS and col.period is None:
                col.period = next(iter(results))


def _last_words(side: str) -> str:
    """The measure one side of a ratio names: 'So sánh TH 2023' -> 'TH 2023'."""
    return re.sub(r"^(so sánh|tỷ lệ|so với)\s*", "", clean(side), flags=re.IGNORECASE)

_PERIOD_WORDS = {"nam", "thang", "dau", "cuoi", "quy", "giai", "doan", "i", "ii", "iii", "iv"}


def _period_only(text: str) -> bool:
    """A header that is a period and nothing else ('Năm 2021', '6 tháng đầu năm 2023')."""
    words = re.sub(r"[\d/\-–]+", " ", fold(text)).split()
    return bool(find_periods(text)) and all(w in _PERIOD_WORDS for w in words)


def _role_from_parts(parts: list[str]) -> str | None:
    """Role of a column from its header parts: the lowest level that names a measure wins,
    but a period-only sub-header ('Năm 2021') inherits the role above it, and one under a
    comparison band names what the percentage is of (`_ratio_under_band`)."""
    roles = [classify(p) for p in parts]
    ratio = _ratio_under_band(parts, roles[-1])
    if ratio:
        return ratio
    for part, role in zip(reversed(parts), reversed(roles), strict=True):
        if role and not (role == "period" and len(parts) > 1 and find_periods(part)):
            return role
    return None

# A band over percentages: 'So sánh (%)', 'So sánh', 'Tỷ lệ (%)', 'Thực hiện so với (%)'; not
# an indicator's name ('Tỷ lệ hộ nghèo (%)').
_RATIO_BAND = re.compile(r"^so sanh\b|\bso voi\b|^ty le\s*(\(\s*%\s*\))?$|^%")


def _ratio_under_band(parts: list[str], lowest: str | None) -> str | None:
    """Under a comparison band, a sub-header naming the plan ('KH năm', 'Dự toán') is the
    percentage of the plan, one naming the same period last year ('Cùng kỳ') the percentage
    of it: neither is a plan nor a result (48,3 % was stored as the period's target)."""
    if len(parts) < 2 or not any(_RATIO_BAND.search(fold(p)) for p in parts[:-1]):
        return None
    if lowest == "target":
        return "pct_target"
    return "pct_prev" if lowest in ("actual", None) and _SAME_PERIOD.search(fold(parts[-1])) \
        else None


def _units_in_columns(columns: list[Column]) -> None:
    """Indicators in rows, units in columns ('Toàn tỉnh | TP. Đà Lạt | Huyện Đức Trọng'): with
    a name column, no measure column and at least two headers that name a unit, each of those
    holds its unit's results."""
    units = [c for c in columns if c.role == "other" and c.parts and names_a_unit(c.parts[-1])]
    roles = {c.role for c in columns}
    if len(units) < 2 or "name" not in roles or roles & set(MEASURE_ROLES):
        return
    for col in units:
        col.role, col.place = "actual", col.parts[-1]


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
        if col.role == "unit" and fold(col.header) == "don vi" \
                and names_below(grid, top, col.index):
            col.role = "locality"
            return
    index = text_column(grid, top)
    if index is not None and index < len(columns):
        columns[index].role = "name"

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
        # each distinct cell read once, counted as often as it occurs (a long table repeats them)
        counts = Counter(grid.rows[r][col.index] for r in range(spec.first_data_row,
                                                                  len(grid.rows)))
        values = {v: n for v, n in counts.items() if clean(v)}
        statuses = sum(n for v, n in values.items() if parse_status(v))
        numbers = sum(
            n for v, n in values.items()
            if isinstance(v, (int, float)) or parse_number(str(v)) is not None
        )
        if statuses > numbers:
            col.role = "status"
        elif numbers > statuses and col.role == "status":
            col.role = "pct_prev" if "cung ky" in fold(col.header) else "pct_target"

def detect(grid: Grid, corrections: Corrections | None = None) -> TableSpec:
    """Find the header and give every column a role; raise Refused when there is no table.
    `corrections` (a header row, column roles) are taken instead of the guess."""
    if not grid.rows:
        raise Refused(f"{where(grid).capitalize()} không có dữ liệu.")
    corrections = corrections or Corrections()
    fix.check_letters(grid, corrections)
    given_top = corrections.header_row is not None
    top = fix.header_top(grid, corrections.header_row) if given_top else find_header_row(grid)
    probe = _roles_of(grid, top, [[header_text(v) for v in grid.rows[top]]], None, corrections)
    name_col = _key_index(grid, top, probe)
    stt_col = next((c.index for c in probe if c.role == "stt"), None)
    header_rows, first_data = header_block(grid, top, name_col, stt_col)
    header_rows = ([] if given_top else rows_above(grid, top)) + header_rows
    columns = _roles_of(grid, top, *spread_merged(grid, header_rows), corrections)
    layout = _decide_layout(columns)
    locality_col = next((c for c in columns if c.role == "locality"), None)
    if layout == "by_locality":
        _by_locality_values(columns)
    title, unit_hint = title_and_unit(grid, header_rows[0])
    spec = TableSpec(
        layout=layout, header_rows=header_rows, first_data_row=first_data, columns=columns,
        title=title, unit_hint=unit_hint, locality_tier=_locality_tier(locality_col),
        first_sheet_row=grid.origin[0] + 1,
    )
    _resolve_status_columns(grid, spec)
    _drop_columns_without_figures(grid, spec)
    for col in spec.columns:
        if col.letter not in corrections.roles:
            col.guess = col.role  # the detector's last word on the columns nobody corrected
    fix.apply_roles(spec.columns, corrections.roles)  # what a person said outlasts the guess
    _distinct_headers(grid, spec)
    _check_measures(spec, grid)
    spec.header_folded = _header_folded(grid, spec)
    return spec

def _roles_of(grid: Grid, top: int, texts: list[list[str]], wide: list[list[bool]] | None,
              corrections: Corrections) -> list[Column]:
    """Columns of a header band with their guessed roles, then the corrected ones."""
    columns = _build_columns(texts, wide)
    _assign_roles(columns)
    _units_in_columns(columns)
    if not {"name", "locality"} & set(corrections.roles.values()):
        _key_column_by_content(grid, top, columns)  # guessed only when nobody said which
    for col in columns:
        col.letter = column_letters(grid.origin[1] + col.index)
        col.guess = col.role
    fix.apply_roles(columns, corrections.roles)
    return columns


def _key_index(grid: Grid, top: int, probe: list[Column]) -> int:
    """The name (or locality) column the header band is measured by."""
    key = next((c.index for c in probe if c.role in ("name", "locality")), None)
    if key is None:
        raise Refused(f"Dòng {top + 1 + grid.origin[0]} của {where(grid)} không có cột tên chỉ "
                      "tiêu hay địa phương: chọn dòng tiêu đề khác, hoặc chọn vai trò «Tên chỉ "
                      "tiêu» cho cột ghi tên.")
    return key



def _header_folded(grid: Grid, spec: TableSpec) -> list[tuple[int, str]]:
    """The first header row's text cells folded, the name (or locality) column's first."""
    header = grid.rows[spec.header_rows[0]]
    key = spec.role("name") or spec.role("locality")
    return [(key.index, fold(header[key.index]))] + [
        (c, fold(v)) for c, v in enumerate(header) if clean(v) and c != key.index
    ]

def _drop_columns_without_figures(grid: Grid, spec: TableSpec) -> None:
    """A measure column whose data cells hold nothing but footnote marks (or nothing at all:
    the empty half of a merged header) is not a measure; in a by-locality table, neither is a
    value column without a single figure. Text results ('Hoàn thành') are kept."""
    roles = ("value", "actual", "pct_target", "pct_prev")
    for col in spec.columns:
        if col.role not in roles:
            continue
        cells = [grid.rows[r][col.index] for r in range(spec.first_data_row, len(grid.rows))]
        if spec.layout == "by_locality":
            empty = not any(is_figure(v) for v in cells)
        else:
            empty = all(not clean(v) or is_footnote_mark(v) for v in cells)
        if empty:
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
    groups: dict[tuple[str, str | None, bool], list[Column]] = {}
    for col in spec.columns:
        if col.role in MEASURE_ROLES:
            groups.setdefault((col.role, col.period, col.prior), []).append(col)
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
                f"Không đọc được bảng: dòng {top + 1 + grid.origin[0]} có "
                f"'{shortened(place.header)}' "
                "nhưng thiếu cột số liệu (bảng theo địa phương cần ít nhất một cột số liệu)."
            )
        return
    if not any(spec.roles(r) for r in MEASURE_ROLES):
        raise Refused(
            f"Không tìm thấy cột số liệu (Kế hoạch, Chỉ tiêu, Thực hiện, Đánh giá …) trong "
            f"{where(grid)}; các cột đọc được: "
            + ", ".join(f"{c.letter} '{shortened(c.header)}'" for c in spec.columns if c.header)
            + "."
        )
    _variants(spec)
    seen: dict[tuple[str, str | None, str | None, str | None, bool], Column] = {}
    for col in spec.columns:
        if col.role not in MEASURE_ROLES:
            continue
        key = (col.role, col.period, col.variant, col.place, col.prior)
        if key in seen:
            raise Refused(
                f"Hai cột cùng nghĩa: cột {seen[key].letter} '{shortened(seen[key].header)}' và "
                f"cột {col.letter} '{shortened(col.header)}' "
                "(cùng loại số liệu, cùng kỳ): không biết lấy cột nào. "
                "Hãy xóa hoặc đổi tên một cột."
            )
        seen[key] = col
