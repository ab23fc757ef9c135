"""Turn the data rows of a detected table into observation records: one per (locality, period,
indicator row), with the figures of each measure and the cell each came from.

This module dispatches by layout and reads phụ lục and by-year tables (one locality, rows are
indicators in a hierarchy); `etl.parse_places` reads tables whose rows carry their locality.
"""

from __future__ import annotations

from etl.errors import Refused
from etl.hierarchy import HierarchyTracker, marker_of, split_leading_marker
from etl.indicators import Catalog
from etl.layout import MEASURE_ROLES, TableSpec
from etl.parse_places import parse_by_locality, parse_long
from etl.periods import parse_code
from etl.read import Grid
from etl.records import (
    Context,
    ParsedTable,
    Record,
    build_record,
    is_repeated_header,
    row_no,
)
from etl.text import clean
from etl.title import locality_of, missing, period_from_title

__all__ = ["Record", "ParsedTable", "parse_table"]


def parse_table(
    grid: Grid, spec: TableSpec, catalog: Catalog,
    locality: str | None = None, period: str | None = None,
) -> ParsedTable:
    """Records of the table; locality/period given by the user win over the title rows."""
    period_code = parse_code(period).code if period else period_from_title(spec.title)
    needs_single = spec.layout in ("phu_luc", "by_year")
    if spec.layout == "by_locality" and not period_code:
        raise Refused(missing("kỳ", "--period", "2013"))
    locality_id = None
    if needs_single:
        locality_id = locality_of(locality, spec.title, period_code)
        _check_periods(spec, period_code)
    elif locality:
        locality_id = locality_of(locality, "", period_code)
    ctx = Context(grid, spec, catalog, locality_id, period_code)
    if spec.layout == "long":
        table = parse_long(ctx)
    elif spec.layout == "by_locality":
        table = parse_by_locality(ctx)
    else:
        table = _parse_items(ctx)
    if not table.records:
        raise Refused(
            f"Không có số liệu nào trong bảng ({_where(grid)}): các dòng chỉ tiêu đều trống."
        )
    return table


def _where(grid: Grid) -> str:
    return f"trang '{grid.sheet}'" if grid.sheet else f"tệp {grid.file_name}"


def _check_periods(spec: TableSpec, period: str | None) -> None:
    unperioded = [c for c in spec.columns if c.role in MEASURE_ROLES and not c.period]
    if unperioded and not period:
        raise Refused(missing("kỳ", "--period", "2023-H1"))


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


def _parse_items(ctx: Context) -> ParsedTable:
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
        if is_repeated_header(grid, spec, r):
            table.skipped.append(f"dòng {row_no(grid, r)}: tiêu đề lặp lại")
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
            rec = build_record(ctx, r, cols, name, parent, unit, note, period, ctx.locality_id)
            if rec:
                table.records.append(rec)
    return table
