"""Tables whose rows carry their own locality: the long layout (locality × period × indicator
per row) and the by-locality layout (rows are provinces or communes, columns indicators).

Names are read in the table's context (`etl.place_context`: the title's unit, a district
column); total rows ('Toàn huyện', 'Tổng số', 'Cả nước') are stored under the unit they add
up; region rows are skipped; footnotes are never data.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from etl.errors import Refused
from etl.hierarchy import marker_of
from etl.layout import MEASURE_ROLES, Column
from etl.periods import find_periods, parse_code
from etl.place_context import Resolver, place_columns, row_tier, title_unit, total_unit
from etl.read import Grid
from etl.records import (
    Context,
    ParsedTable,
    Record,
    apply_cell,
    build_record,
    has_figures,
    is_footnote,
    is_repeated_header,
    row_no,
    set_match,
    text,
)
from etl.text import clean, fold
from etl.title import missing

__all__ = ["parse_long", "parse_by_locality"]

_REGION_WORDS = re.compile(
    r"^(mien|vung|dong bang|trung du|tay nguyen|dong nam bo|bac trung bo|duyen hai|dbscl|"
    r"db song|khu vuc)\b"
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
        f"Dòng {row_no(grid, r)}: kỳ '{text}' không hiểu được. "
        "Dùng 2023, 2023-H1, 2023-Q3, 2023-9M, 2021-2025 hoặc '6 tháng đầu năm 2023'."
    )


def parse_long(ctx: Context) -> ParsedTable:
    grid, spec = ctx.grid, ctx.spec
    table = ParsedTable(spec, [], None, None)
    loc_col, name_col = spec.role("locality"), spec.role("name")
    period_col, unit_col = spec.role("period"), spec.role("unit")
    prov_col, code_col = spec.role("province"), spec.role("code")
    note_cols = spec.roles("note")
    measure_cols = [c for c in spec.columns if c.role in MEASURE_ROLES]
    if period_col is None and not ctx.period:
        raise Refused(missing("kỳ", "--period", "2023"))
    resolve = Resolver(grid, title_unit(ctx))
    loc_col, district_col = place_columns(spec)
    district: str | None = None
    periods: dict[object, str] = {}
    for r in range(spec.first_data_row, len(grid.rows)):
        row = grid.rows[r]
        name = text(row[name_col.index])
        place = text(row[loc_col.index])
        if district_col is not None:
            district = text(row[district_col.index]) or district
        if is_footnote(place) or is_footnote(name):
            table.skipped.append(f"dòng {row_no(grid, r)}: ghi chú '{place or name}'")
            continue
        if not name or not place or is_repeated_header(grid, spec, r):
            continue
        period = ctx.period
        if period_col:
            cell = row[period_col.index]
            period = periods.get(cell) or periods.setdefault(cell, _period_of_cell(cell, r, grid))
        province = text(row[prov_col.index]) if prov_col else None
        code = _code_text(row[code_col.index]) if code_col else None
        locality_id = total_unit(fold(place), resolve.unit, None)
        if locality_id is None:
            table.skipped.append(f"dòng {row_no(grid, r)}: dòng tổng '{place}' (không rõ đơn vị)")
            continue
        if not locality_id:
            inside = resolve(district, period, "huyện", province or None, None, r) \
                if district else None
            locality_id = resolve(place, period, None, province or None, code or None, r, inside)
        unit = text(row[unit_col.index]) if unit_col else ""
        note = "; ".join(text(row[c.index]) for c in note_cols if row[c.index] is not None)
        cols = [c for c in measure_cols if not c.period or c.period == period]
        rec = build_record(ctx, r, cols, name, None, unit, note or None, period, locality_id)
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


# --- by locality ---------------------------------------------------------------------------


def parse_by_locality(ctx: Context) -> ParsedTable:
    grid, spec = ctx.grid, ctx.spec
    table = ParsedTable(spec, [], None, ctx.period)
    loc_col, district_col = place_columns(spec)
    stt_col = spec.role("stt")
    value_cols = [c for c in spec.roles("value") if c is not district_col and c is not loc_col]
    resolve = Resolver(grid, title_unit(ctx))
    district: str | None = None
    for r in range(spec.first_data_row, len(grid.rows)):
        row = grid.rows[r]
        place = clean(row[loc_col.index])
        district_cell = clean(row[district_col.index]) if district_col else ""
        district = district_cell or district
        inside = district
        if not place and district_cell:
            place, inside = district_cell, None  # the district's own row
        if is_footnote(place) or is_footnote(row[stt_col.index] if stt_col else None):
            table.skipped.append(f"dòng {row_no(grid, r)}: ghi chú '{place}'")
            continue
        if not place or is_repeated_header(grid, spec, r):
            continue
        stt = row[stt_col.index] if stt_col else None
        locality_id = _aggregate_or_unit(ctx, table, r, place, stt, resolve, inside)
        if locality_id is None:
            continue
        for col in value_cols:
            rec = _value_record(ctx, r, col, locality_id)
            if rec:
                table.records.append(rec)
    return table


def _aggregate_or_unit(ctx, table, r, place, stt, resolve, district) -> str | None:
    folded = fold(place)
    total = total_unit(folded, resolve.unit, row_tier(ctx))
    if total:
        return total
    if total is None:
        table.skipped.append(f"dòng {row_no(ctx.grid, r)}: dòng tổng '{place}' (không rõ đơn vị)")
        return None
    if marker_of(stt, place).kind == "roman" or _REGION_WORDS.match(folded):
        table.skipped.append(f"dòng {row_no(ctx.grid, r)}: dòng tổng vùng '{place}'")
        return None
    inside = resolve(district, ctx.period, "huyện", None, None, r) if district else None
    tier = row_tier(ctx) if not inside else None
    return resolve(place, ctx.period, tier, None, None, r, inside)


def _value_record(ctx: Context, r: int, col: Column, locality_id: str) -> Record | None:
    value = ctx.grid.rows[r][col.index]
    if not clean(value):
        return None
    name = col.parts[-1] if col.parts else col.header
    parent = " / ".join(col.parts[:-1]) or None
    as_target = bool(re.search(r"du toan|ke hoach", fold(col.header)))
    role = "target" if as_target else "actual"
    unit = "%" if re.search(r"ty le|%", fold(col.header)) else (col.unit or ctx.spec.unit_hint)
    rec = Record(
        row_no=row_no(ctx.grid, r), locality_id=locality_id, period=ctx.period,
        indicator_id="", catalogued=False, indicator_as_written=name,
        parent_as_written=parent, unit=unit,
    )
    apply_cell(rec, Column(col.index, role, col.header), value, (r, col.index), ctx.grid)
    if not has_figures(rec):
        return None
    set_match(rec, ctx.catalog.match(name, parent))
    return rec
