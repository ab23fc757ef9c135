"""Turn the data rows of a detected table into observation records.

One record per (locality, period, indicator row): the target, actual, status and comparison
figures of that row for that period, with the sheet cell each came from. Locality and period
names are resolved here; indicators are matched to the catalog here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from etl import localities
from etl.errors import Refused
from etl.hierarchy import HierarchyTracker, marker_of, split_leading_marker, strip_bullet
from etl.indicators import Catalog
from etl.layout import MEASURE_ROLES, Column, TableSpec
from etl.numbers import Parsed, parse_cell, parse_status
from etl.periods import Period, find_periods, parse_code
from etl.read import Grid, cell_ref
from etl.text import clean, fold

__all__ = ["Record", "ParsedTable", "parse_table"]

_REGION_WORDS = re.compile(
    r"^(mien|vung|dong bang|trung du|tay nguyen|dong nam bo|bac trung bo|duyen hai|dbscl|"
    r"db song|khu vuc)\b"
)
_TOTAL_WORDS = re.compile(r"^(tong so|tong cong|ca nuoc|toan quoc|cong|tong)\b")


def _text(value: object) -> str:
    """Cell text: grid strings are already stripped NFC (etl.read), so only others are cleaned."""
    if value.__class__ is str:
        return value
    return "" if value is None else clean(value)


@dataclass
class Record:
    row_no: int
    locality_id: str
    period: str
    indicator_id: str
    catalogued: bool
    indicator_as_written: str
    parent_as_written: str | None
    unit: str | None
    target: Parsed | None = None
    target_source: str | None = None
    actual: Parsed | None = None
    actual_estimate: bool = False
    actual_source: str | None = None
    reported_status: str | None = None
    pct_target: float | None = None
    pct_prev: float | None = None
    note: str | None = None
    match_how: str = ""           # exact | context | fuzzy | new (etl.indicators.Match.how)

    def figures(self) -> tuple:
        """What two rows must agree on to be the same observation."""
        t, a = self.target, self.actual
        return (
            t and (t.op, t.low, t.high), a and (a.op, a.low, a.high),
            self.reported_status, self.pct_target, self.pct_prev,
        )


@dataclass
class ParsedTable:
    spec: TableSpec
    records: list[Record]
    locality_id: str | None          # the file's single locality, if it has one
    period: str | None               # the file's single period, if it has one
    skipped: list[str] = field(default_factory=list)   # rows kept out, with the reason
    notes: list[str] = field(default_factory=list)     # rows kept, with something to say
    new_indicators: dict[str, str] = field(default_factory=dict)  # id -> name as written


@dataclass
class _Context:
    grid: Grid
    spec: TableSpec
    catalog: Catalog
    locality_id: str | None
    period: str | None


def parse_table(
    grid: Grid, spec: TableSpec, catalog: Catalog,
    locality: str | None = None, period: str | None = None,
) -> ParsedTable:
    """Records of the table; locality/period given by the user win over the title rows."""
    period_code = parse_code(period).code if period else _period_from_title(spec)
    needs_single = spec.layout in ("phu_luc", "by_year")
    if spec.layout == "by_locality" and not period_code:
        raise Refused(_missing("kỳ", "--period", "2013"))
    locality_id = None
    if needs_single:
        locality_id = _locality(locality, spec.title, period_code)
        _check_periods(spec, period_code)
    elif locality:
        locality_id = _locality(locality, "", period_code)
    ctx = _Context(grid, spec, catalog, locality_id, period_code)
    if spec.layout == "long":
        table = _parse_long(ctx)
    elif spec.layout == "by_locality":
        table = _parse_by_locality(ctx)
    else:
        table = _parse_items(ctx)
    if not table.records:
        raise Refused(
            f"Không có số liệu nào trong bảng ({_where(grid)}): các dòng chỉ tiêu đều trống."
        )
    return table


def _where(grid: Grid) -> str:
    return f"trang '{grid.sheet}'" if grid.sheet else f"tệp {grid.file_name}"


def _missing(what: str, flag: str, example: str) -> str:
    return (
        f"Không xác định được {what} của bảng từ các dòng tiêu đề. "
        f"Hãy ghi rõ bằng {flag} (ví dụ {flag} \"{example}\")."
    )


def _period_from_title(spec: TableSpec) -> str | None:
    periods = find_periods(spec.title)
    if len(periods) > 1:
        raise Refused(
            "Tiêu đề bảng nêu nhiều kỳ (" + ", ".join(periods) + "): không biết chọn kỳ nào. "
            "Hãy ghi rõ bằng --period."
        )
    return periods[0] if periods else None


def _check_periods(spec: TableSpec, period: str | None) -> None:
    unperioded = [c for c in spec.columns if c.role in MEASURE_ROLES and not c.period]
    if unperioded and not period:
        raise Refused(_missing("kỳ", "--period", "2023-H1"))


def _span(period: str | None) -> tuple[date, date] | None:
    if not period:
        return None
    p: Period = parse_code(period)
    return (p.start, p.end)


_TITLE_UNIT = re.compile(
    r"\b(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|tx\.?|xã|phường|thị trấn)\s+"
    r"([^\W\d_][\w'’ .-]*?)(?=\s*(?:$|[,;:()\n]|\s-\s|\s+(?:năm|giai đoạn|nhiệm kỳ|lần)\b))",
    re.IGNORECASE,
)
_PARTY_UNIT = re.compile(
    r"\b(huyện|thị|thành|tỉnh|quận)\s+ủy\s+([^\W\d_][\w'’ .-]*?)(?=\s*(?:$|[,;:()\n]))",
    re.IGNORECASE,
)
_PARTY_LEVEL = {"huyện": "Huyện", "thị": "Thị xã", "thành": "Thành phố", "tỉnh": "Tỉnh",
                "quận": "Quận"}


def _title_candidates(title: str) -> list[str]:
    names: list[str] = []
    for line in title.splitlines():
        for m in _TITLE_UNIT.finditer(line):
            names.append(f"{m[1]} {m[2]}")
        for m in _PARTY_UNIT.finditer(line):
            names.append(f"{_PARTY_LEVEL[m[1].lower()]} {m[2]}")
    return names


def _locality(given: str | None, title: str, period: str | None) -> str:
    span = _span(period)
    if given:
        return localities.resolve(given, on=span).id
    found: dict[str, localities.Locality] = {}
    for name in _title_candidates(title):
        try:
            unit = localities.resolve(name, on=span)
        except Refused:
            continue
        found[unit.id] = unit
    if not found:
        raise Refused(_missing("địa phương", "--locality", "Huyện Đức Trọng"))
    return _most_specific(list(found.values())).id


_TIER_RANK = {"quốc gia": 0, "tỉnh": 1, "huyện": 2, "xã": 3}


def _most_specific(units: list[localities.Locality]) -> localities.Locality:
    """'UBND TỈNH LÂM ĐỒNG / UBND HUYỆN ĐỨC TRỌNG' -> the huyện; unrelated units -> refuse."""
    units.sort(key=lambda u: _TIER_RANK.get(u.tier, 9))
    deepest = units[-1]
    for unit in units[:-1]:
        if unit.tier == deepest.tier or (unit.province and unit.province != deepest.province):
            names = ", ".join(u.name for u in units)
            raise Refused(
                f"Tiêu đề bảng nêu nhiều địa phương ({names}). Hãy ghi rõ bằng --locality."
            )
    return deepest


# --- phụ lục and by-year -----------------------------------------------------------------


def _is_repeated_header(grid: Grid, spec: TableSpec, r: int) -> bool:
    """The header row again (a page break in the source document): its name or locality cell
    reads as the header's, and so does at least one other cell."""
    if spec.header_folded is None:
        header = grid.rows[spec.header_rows[0]]
        key = spec.role("name") or spec.role("locality")
        spec.header_folded = [(key.index, fold(header[key.index]))] + [
            (c, fold(v)) for c, v in enumerate(header) if clean(v) and c != key.index
        ]
    row = grid.rows[r]
    key_col, key_folded = spec.header_folded[0]
    probe = row[key_col]
    if probe.__class__ is not str or fold(probe) != key_folded:
        return False
    return any(
        row[c].__class__ is str and fold(row[c]) == folded for c, folded in spec.header_folded[1:]
    )


def _row_name(row: list[object], spec: TableSpec) -> tuple[object, str]:
    stt_col, name_col = spec.role("stt"), spec.role("name")
    stt = row[stt_col.index] if stt_col else None
    name = clean(row[name_col.index]) if name_col else ""
    if not name and isinstance(stt, str):
        marker, rest = split_leading_marker(clean(stt))
        if rest and marker:
            return marker, rest
        if clean(stt) and marker_of(stt, "").kind not in ("roman", "number"):
            return None, clean(stt)
    return stt, name


def _parse_items(ctx: _Context) -> ParsedTable:
    grid, spec = ctx.grid, ctx.spec
    table = ParsedTable(spec, [], ctx.locality_id, None)
    tracker = HierarchyTracker()
    unit_col = spec.role("unit")
    note_cols = spec.roles("note")
    measure_cols = [c for c in spec.columns if c.role in MEASURE_ROLES]
    periods = sorted({c.period or ctx.period for c in measure_cols})
    table.period = periods[0] if len(periods) == 1 else None
    for r in range(spec.first_data_row, len(grid.rows)):
        row = grid.rows[r]
        if _is_repeated_header(grid, spec, r):
            table.skipped.append(f"dòng {_row_no(grid, r)}: tiêu đề lặp lại")
            continue
        stt, name = _row_name(row, spec)
        if not name:
            continue
        marker = marker_of(stt, name)
        parent = tracker.push(marker, name)
        unit = clean(row[unit_col.index]) if unit_col else ""
        note = "; ".join(clean(row[c.index]) for c in note_cols if clean(row[c.index])) or None
        for period in periods:
            cols = [c for c in measure_cols if (c.period or ctx.period) == period]
            rec = _record(ctx, r, cols, name, parent, unit, note, period, ctx.locality_id)
            if rec:
                table.records.append(rec)
    return table


def _row_no(grid: Grid, r: int) -> int:
    return r + 1 + grid.origin[0]


def _record(
    ctx: _Context, r: int, cols: list[Column], name: str, parent: str | None,
    unit: str, note: str | None, period: str, locality_id: str,
) -> Record | None:
    grid = ctx.grid
    row = grid.rows[r]
    rec = Record(
        row_no=_row_no(grid, r), locality_id=locality_id, period=period, indicator_id="",
        catalogued=False, indicator_as_written=strip_bullet(name), parent_as_written=parent,
        unit=unit or _column_unit(cols) or ctx.spec.unit_hint, note=note,
    )
    for col in cols:
        value = row[col.index]
        if value is None or value == "":
            continue
        _apply(rec, col, value, (r, col.index), grid)
    if not _has_figures(rec):
        return None
    _set_match(rec, ctx.catalog.match(rec.indicator_as_written, parent))
    return rec


def _set_match(rec: Record, match) -> None:
    rec.indicator_id, rec.catalogued, rec.match_how = (
        match.indicator_id, match.catalogued, match.how
    )


def _column_unit(cols: list[Column]) -> str | None:
    return next((c.unit for c in cols if c.unit and c.role in ("target", "actual")), None)


def _apply(rec: Record, col: Column, value: object, at: tuple[int, int], grid: Grid) -> None:
    percent = bool(grid.percent) and at in grid.percent
    source = cell_ref(grid, *at)
    if col.role == "target":
        rec.target, rec.target_source = parse_cell(value, percent_cell=percent), source
    elif col.role == "actual":
        rec.actual, rec.actual_source = parse_cell(value, percent_cell=percent), source
        rec.actual_estimate = col.estimate or rec.actual.estimate
    elif col.role == "status":
        rec.reported_status = parse_status(value)
        if rec.reported_status is None:
            rec.note = "; ".join(filter(None, [rec.note, clean(value)]))
    elif col.role in ("pct_target", "pct_prev"):
        parsed = parse_cell(value, percent_cell=percent)
        setattr(rec, col.role, parsed.low if parsed.op == "=" else None)


def _has_figures(rec: Record) -> bool:
    return bool(
        (rec.target and rec.target.text) or (rec.actual and rec.actual.text)
        or rec.reported_status or rec.pct_target is not None or rec.pct_prev is not None
    )


# --- long ----------------------------------------------------------------------------------


def _period_of_cell(value: object, r: int, grid: Grid) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if isinstance(value, (date, datetime)):
        value = str(value.year)
    text = clean(value)
    try:
        return parse_code(text).code
    except Refused:
        found = find_periods(text) or find_periods("năm " + text)
        if len(found) == 1:
            return found[0]
    raise Refused(
        f"Dòng {_row_no(grid, r)}: kỳ '{text}' không hiểu được. "
        "Dùng 2023, 2023-H1, 2023-Q3, 2023-9M, 2021-2025 hoặc '6 tháng đầu năm 2023'."
    )


def _parse_long(ctx: _Context) -> ParsedTable:
    grid, spec = ctx.grid, ctx.spec
    table = ParsedTable(spec, [], None, None)
    loc_col, name_col = spec.role("locality"), spec.role("name")
    period_col, unit_col = spec.role("period"), spec.role("unit")
    prov_col, code_col = spec.role("province"), spec.role("code")
    note_cols = spec.roles("note")
    measure_cols = [c for c in spec.columns if c.role in MEASURE_ROLES]
    if period_col is None and not ctx.period:
        raise Refused(_missing("kỳ", "--period", "2023"))
    resolve = _memo_resolver(grid)
    periods: dict[object, str] = {}
    for r in range(spec.first_data_row, len(grid.rows)):
        row = grid.rows[r]
        name = _text(row[name_col.index])
        place = _text(row[loc_col.index])
        if not name or not place or _is_repeated_header(grid, spec, r):
            continue
        period = ctx.period
        if period_col:
            cell = row[period_col.index]
            period = periods.get(cell) or periods.setdefault(cell, _period_of_cell(cell, r, grid))
        province = _text(row[prov_col.index]) if prov_col else None
        code = _code_text(row[code_col.index]) if code_col else None
        locality_id = resolve(place, period, None, province or None, code or None, r)
        unit = _text(row[unit_col.index]) if unit_col else ""
        note = "; ".join(_text(row[c.index]) for c in note_cols if row[c.index] is not None)
        cols = [c for c in measure_cols if not c.period or c.period == period]
        rec = _record(ctx, r, cols, name, None, unit, note or None, period, locality_id)
        if rec:
            table.records.append(rec)
    _single_scope(table)
    return table


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)


def _single_scope(table: ParsedTable) -> None:
    places = {r.locality_id for r in table.records}
    periods = {r.period for r in table.records}
    table.locality_id = places.pop() if len(places) == 1 else None
    table.period = periods.pop() if len(periods) == 1 else None


def _memo_resolver(grid: Grid):
    cache: dict[tuple, str] = {}

    def resolve(name, period, tier, province, code, r) -> str:
        key = (name, period, tier, province, code)
        if key not in cache:
            try:
                cache[key] = localities.resolve(
                    name, on=_span(period), tier=tier, province=province, code=code
                ).id
            except Refused as err:
                raise Refused(
                    f"Dòng {_row_no(grid, r)}: {err.message}", candidates=err.candidates
                ) from None
        return cache[key]

    return resolve


# --- by locality ---------------------------------------------------------------------------


def _parse_by_locality(ctx: _Context) -> ParsedTable:
    grid, spec = ctx.grid, ctx.spec
    table = ParsedTable(spec, [], None, ctx.period)
    loc_col, stt_col = spec.role("locality"), spec.role("stt")
    value_cols = spec.roles("value")
    resolve = _memo_resolver(grid)
    for r in range(spec.first_data_row, len(grid.rows)):
        row = grid.rows[r]
        place = clean(row[loc_col.index])
        if not place or _is_repeated_header(grid, spec, r):
            continue
        stt = row[stt_col.index] if stt_col else None
        locality_id = _aggregate_or_unit(ctx, table, r, place, stt, resolve)
        if locality_id is None:
            continue
        for col in value_cols:
            rec = _value_record(ctx, r, col, locality_id)
            if rec:
                table.records.append(rec)
    return table


def _aggregate_or_unit(ctx, table, r, place, stt, resolve) -> str | None:
    folded = fold(place)
    if marker_of(stt, place).kind == "roman" or _REGION_WORDS.match(folded):
        table.skipped.append(f"dòng {_row_no(ctx.grid, r)}: dòng tổng vùng '{place}'")
        return None
    if _TOTAL_WORDS.match(folded):
        if ctx.spec.locality_tier == "tỉnh":
            return "VN"
        table.skipped.append(f"dòng {_row_no(ctx.grid, r)}: dòng tổng '{place}'")
        return None
    return resolve(place, ctx.period, ctx.spec.locality_tier, None, None, r)


def _value_record(ctx: _Context, r: int, col: Column, locality_id: str) -> Record | None:
    value = ctx.grid.rows[r][col.index]
    if not clean(value):
        return None
    name = col.parts[-1] if col.parts else col.header
    parent = " / ".join(col.parts[:-1]) or None
    as_target = bool(re.search(r"du toan|ke hoach", fold(col.header)))
    role = "target" if as_target else "actual"
    unit = "%" if re.search(r"ty le|%", fold(col.header)) else (col.unit or ctx.spec.unit_hint)
    rec = Record(
        row_no=_row_no(ctx.grid, r), locality_id=locality_id, period=ctx.period,
        indicator_id="", catalogued=False, indicator_as_written=name,
        parent_as_written=parent, unit=unit,
    )
    _apply(rec, Column(col.index, role, col.header), value, (r, col.index), ctx.grid)
    if not _has_figures(rec):
        return None
    _set_match(rec, ctx.catalog.match(name, parent))
    return rec

