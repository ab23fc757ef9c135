"""The by-locality layout: rows are provinces or communes, columns indicators (the long layout,
a row per locality × period × indicator, is `etl.parse_long`).

Names are read in the table's context (`etl.place_context`: the title's unit, a district
column); total rows ('Toàn huyện', 'Tổng số', 'Cả nước') are stored under the unit they add
up; region rows are skipped; footnotes are never data.
"""

from __future__ import annotations

import re

from etl import localities
from etl.hierarchy import marker_of
from etl.indicators import Match, uncatalogued_id
from etl.layout import Column, is_figure
from etl.periods import in_sentence, parse_code
from etl.place_context import Resolver, place_columns, row_tier, title_unit, total_unit
from etl.read import Grid
from etl.records import (
    Context,
    ParsedTable,
    Record,
    apply_cell,
    data_rows,
    has_figures,
    is_footnote,
    is_repeated_header,
    row_no,
    set_match,
)
from etl.text import clean, fold, vietnamese_part

__all__ = ["parse_by_locality"]

_REGION_WORDS = re.compile(
    r"^(mien|vung|dong bang|trung du|tay nguyen|dong nam ?bo|bac trung bo|duyen hai|dbscl|"
    r"db song|khu vuc|dong bac|tay bac|tay nam ?bo|nam trung bo|bac t\.? ?bo)"
)
# --- by locality ---------------------------------------------------------------------------


def parse_by_locality(ctx: Context) -> ParsedTable:
    grid, spec = ctx.grid, ctx.spec
    table = ParsedTable(spec, [], None, ctx.period)
    loc_col, district_col = place_columns(spec)
    stt_col = spec.role("stt")
    value_cols = [c for c in spec.roles("value") if c is not district_col and c is not loc_col]
    resolve = Resolver(grid, title_unit(ctx))
    default = _measure_of(spec.title)
    if default is None:
        default = _measure_of_file(grid.file_name)
        if default:
            word = "dự toán (chỉ tiêu)" if default == "target" else "kết quả thực hiện"
            table.notes.append(f"tiêu đề không nói dự toán hay quyết toán: số liệu được nạp là "
                               f"{word} theo tên tệp {grid.file_name}")
    default = default or "actual"
    if not spec.unit_hint and any(not c.unit and "%" not in c.header for c in value_cols):
        table.notes.append("bảng không ghi đơn vị tính (như 'Đơn vị tính: Triệu đồng'): số liệu "
                           "được lưu không kèm đơn vị")
    spans = {r0: r1 for r0, c0, r1, c1 in grid.merged if c0 <= loc_col.index <= c1 and r1 > r0}
    matches: dict = {}
    district: str | None = None
    for r in data_rows(ctx, table):
        row = grid.rows[r]
        place = _place_name(row[loc_col.index])
        district_cell = clean(row[district_col.index]) if district_col else ""
        district = district_cell or district
        inside = district
        if not place and district_cell:
            place, inside = district_cell, None  # the district's own row
        if is_footnote(place) or is_footnote(row[stt_col.index] if stt_col else None):
            table.skipped.append(f"dòng {row_no(grid, r)}: ghi chú '{place}'")
            continue
        if not place or is_repeated_header(spec, row):
            continue
        if not any(is_figure(row[c.index]) for c in value_cols):
            continue  # a footnote, a translation line, a row without figures: nothing to store
        stt = row[stt_col.index] if stt_col else None
        locality_id = _aggregate_or_unit(ctx, table, r, place, stt, resolve, inside)
        if locality_id is None:
            continue
        for col in value_cols:
            at = _figure_row(grid, r, spans.get(r, r), col.index)
            rec = _value_record(ctx, at, col, locality_id, default, matches)
            if rec:
                table.records.append(rec)
    _note_undivided(table)
    return table


_NATIONAL_TABLE = 40  # provinces: fewer is a region's or a selection's table


def _note_undivided(table: ParsedTable) -> None:
    """A national table of a period after a province split that lists the province that kept
    the name but not the one split off (the 2004 plan has Lai Châu, no Điện Biên): its figures
    likely cover the undivided province. Said on the table and on each of its figures."""
    for period in sorted({r.period for r in table.records}):
        ids = {r.locality_id for r in table.records if r.period == period}
        if len(ids) < _NATIONAL_TABLE:
            continue
        for kept, off, day in localities.split_without_successor(ids, parse_code(period).end):
            when = day.strftime("%d/%m/%Y")
            table.notes.append(f"bảng {in_sentence(period)} không có {off.name} (tách ra từ "
                               f"{kept.short_name} ngày {when}): số liệu của {kept.name} có thể "
                               f"gồm cả {off.name}")
            note = f"có thể gồm cả {off.name} (tách ra ngày {when}, bảng không có dòng riêng)"
            for rec in table.records:
                if rec.period == period and rec.locality_id == kept.id:
                    rec.note = "; ".join(filter(None, [rec.note, note]))


def _figure_row(grid: Grid, r: int, last: int, c: int) -> int:
    """A locality cell merged over several rows: the figure may sit on any of them (a
    footnote mark '(1)' on the first, the amount below it)."""
    return next((i for i in range(r, last + 1) if is_figure(grid.rows[i][c])), r)


def _place_name(value: object) -> str:
    """The place as written, without an English translation ('ĐÔNG BẮC\\nNORTHEASTERN')."""
    return clean(vietnamese_part(value)) if isinstance(value, str) else clean(value)


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


_MEASURE_WORDS = re.compile(r"\b(du toan|ke hoach|quyet toan|thuc hien|uoc)\b")
_LEADING_MARK = re.compile(r"^(\(\s*(?:\d{1,2}|\*+)\s*\))\s*(?=[\d(.,-])")


def _measure_of(text: str) -> str | None:
    """'target' or 'actual' from the first measure word of a header or title: a dự toán (plan)
    is the target, a quyết toán (final account), thực hiện or ước is the actual."""
    m = _MEASURE_WORDS.search(fold(text))
    if not m:
        return None
    return "target" if m[1] in ("du toan", "ke hoach") else "actual"


_FILE_MEASURE = re.compile(r"(?:^|[\W_])(du[ _-]?toan|ke[ _-]?hoach|plan|budget)(?:[\W_]|$)"
                           r"|(?:^|[\W_])(quyet[ _-]?toan|thuc[ _-]?hien|final|actual)(?:[\W_]|$)")


def _measure_of_file(file_name: str) -> str | None:
    """A last resort for a table whose title does not say: 'Plan_2004.xls', 'du_toan_2024'."""
    m = _FILE_MEASURE.search(fold(file_name or ""))
    return None if not m else ("target" if m[1] else "actual")


def _footnote_mark(value: object) -> tuple[object, str | None]:
    """'(1) 419.278.223' -> ('419.278.223', '(1)'): a footnote mark before a figure."""
    if not isinstance(value, str):
        return value, None
    m = _LEADING_MARK.match(value)
    return (value[m.end():], m[1]) if m else (value, None)


def _value_record(ctx: Context, r: int, col: Column, locality_id: str,
                  default: str, matches: dict) -> Record | None:
    value, mark = _footnote_mark(ctx.grid.rows[r][col.index])
    if not is_figure(value):
        return None
    name = col.parts[-1] if col.parts else col.header
    parent = " / ".join(col.parts[:-1]) or None
    role = _measure_of(col.header) or default
    own_unit = "%" if re.search(r"ty le|%", fold(col.header)) else col.unit
    unit = own_unit or ctx.spec.unit_hint
    rec = Record(
        row_no=row_no(ctx.grid, r), locality_id=locality_id, period=ctx.period,
        indicator_id="", catalogued=False, indicator_as_written=name,
        parent_as_written=parent, unit=unit,
    )
    apply_cell(rec, Column(col.index, role, col.header), value, (r, col.index), ctx.grid)
    if not has_figures(rec):
        return None
    if mark:
        rec.note = f"ghi chú {mark} của bảng"
    if col.twin:  # two columns under one header: which catalog indicator each is is unknown
        set_match(rec, Match(uncatalogued_id(name, parent), False, 0.0, "new"))
    else:
        if (name, parent) not in matches:  # one match per column, not per row
            matches[name, parent] = ctx.catalog.match(name, parent, own_unit)
        set_match(rec, matches[name, parent])
    return rec
