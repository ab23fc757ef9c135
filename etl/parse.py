"""Turn the data rows of a detected table into observation records: one per (locality, period,
indicator row), with the figures of each measure and the cell each came from; a phụ lục whose
result columns are units ('Toàn tỉnh | TP. Đà Lạt | …') gives one record per unit column.

This module dispatches by layout and reads phụ lục and by-year tables (one locality, rows are
indicators in a hierarchy); `etl.parse_long` and `etl.parse_places` read tables whose rows
carry their locality.
"""

from __future__ import annotations

import re

from etl import localities
from etl.errors import Refused
from etl.hierarchy import HierarchyTracker, marker_of, split_leading_marker
from etl.indicators import Catalog
from etl.layout import MEASURE_ROLES, Column, TableSpec, prior_period
from etl.parse_long import parse_long
from etl.parse_places import parse_by_locality
from etl.periods import IN_YEAR_KINDS, label, parse_code
from etl.place_context import column_places
from etl.read import Grid
from etl.records import (
    Context,
    ParsedTable,
    Record,
    build_record,
    data_rows,
    is_footnote,
    is_repeated_header,
    record_from_name,
    row_no,
)
from etl.text import clean, fold, shortened, vietnamese_part
from etl.title import locality_of, missing, period_from_title, title_locality, title_period

__all__ = ["Record", "ParsedTable", "parse_table"]


def parse_table(
    grid: Grid, spec: TableSpec, catalog: Catalog,
    locality: str | None = None, period: str | None = None,
) -> ParsedTable:
    """Records of the table; locality/period given by the user win over the title rows (with a
    note when they differ), and are refused where every row names its own."""
    _refuse_flags_the_rows_override(spec, locality, period)
    period_code = _table_period(spec, period)
    needs_single = spec.layout in ("phu_luc", "by_year")
    if spec.layout == "by_locality" and not period_code:
        raise missing("period", "2013")
    locality_id = None
    if needs_single:
        locality_id = locality_of(locality, spec.title, period_code or _columns_span(spec))
        _check_periods(spec, period_code)
    ctx = Context(grid, spec, catalog, locality_id, period_code, period_given=bool(period))
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
    table.notes.extend(_title_disagrees(spec, locality and locality_id, period, period_code))
    return table


def _table_period(spec: TableSpec, period: str | None) -> str | None:
    """The period given, else the title's; a title naming several periods ('GIAI ĐOẠN 2021 -
    2023 VÀ KẾ HOẠCH NĂM 2024') is no matter when every measure column carries its own."""
    if period:
        return parse_code(period).code
    measures = [c for c in spec.columns if c.role in MEASURE_ROLES]
    if measures and all(c.period for c in measures):
        return title_period(spec.title)
    return period_from_title(spec.title)


def _columns_span(spec: TableSpec) -> str | None:
    """The years the measure columns cover, as a period code ('2021-2024'), to read the
    locality in when the table has no period of its own."""
    years = [(parse_code(c.period).start.year, parse_code(c.period).end.year)
             for c in spec.columns if c.role in MEASURE_ROLES and c.period]
    if not years:
        return None
    first, last = min(y for y, _ in years), max(y for _, y in years)
    return str(first) if first == last else f"{first}-{last}"


def _refuse_flags_the_rows_override(spec: TableSpec, locality: str | None,
                                    period: str | None) -> None:
    for field, given, what in (("locality", locality, "địa phương"), ("period", period, "kỳ")):
        col = spec.role(field) or (field == "locality" and _first_place(spec)) or None
        if given and col:
            raise Refused(
                f"Bảng ghi {what} ở từng {'cột' if col.place else 'dòng'} (cột "
                f"'{col.header}'), nên không nhận {what} "
                "ghi riêng cho cả bảng.",
                reason=f"{field}_per_row", field=field, column=col.letter or None,
            )


def _first_place(spec: TableSpec) -> Column | None:
    """The first column that carries its own unit ('TP. Đà Lạt'), if any."""
    return next((c for c in spec.columns if c.place and c.role in MEASURE_ROLES), None)


def _title_disagrees(spec: TableSpec, locality_id: str | None, given_period: str | None,
                     period_code: str | None) -> list[str]:
    """Notes where a given locality or period (flag or form box: the note names neither, so both
    read it) differs from what the title rows say."""
    notes = []
    titled_period = title_period(spec.title)
    if given_period and titled_period and titled_period != period_code:
        notes.append(f"tiêu đề bảng ghi kỳ {label(titled_period)}, số liệu được nạp vào kỳ "
                     f"{label(period_code)} như đã ghi khi nạp")
    titled = title_locality(spec.title, period_code) if locality_id and spec.title else None
    if titled and titled != locality_id:
        notes.append(f"tiêu đề bảng ghi {localities.get(titled).name}, số liệu được nạp cho "
                     f"{localities.get(locality_id).name} như đã ghi khi nạp")
    return notes


def _where(grid: Grid) -> str:
    return f"trang '{grid.sheet}'" if grid.sheet else f"tệp {grid.file_name}"


def _check_periods(spec: TableSpec, period: str | None) -> None:
    unperioded = [c for c in spec.columns if c.role in MEASURE_ROLES and not c.period]
    if unperioded and not period:
        raise missing("period", "2023-H1")


def _row_name(row: list[object], spec: TableSpec) -> tuple[object, str]:
    stt_col, name_col = spec.role("stt"), spec.role("name")
    stt = row[stt_col.index] if stt_col else None
    cell = row[name_col.index] if name_col else None
    # a bilingual name cell keeps its Vietnamese: 'Thu dầu thô - Oil revenues' -> 'Thu dầu thô'
    name = clean(vietnamese_part(cell) if isinstance(cell, str) else cell)
    if not name and isinstance(stt, str):
        marker, rest = split_leading_marker(clean(stt))
        if rest and marker:
            return marker, rest
        if clean(stt) and marker_of(stt, "").kind not in ("roman", "number"):
            return None, clean(stt)
    return stt, name


def _figures_empty(row: list[object], cols: list) -> bool:
    return all(row[c.index] is None or row[c.index] == "" for c in cols)


def _column_periods(ctx: Context, measure_cols: list) -> dict[int, str | None]:
    """Each measure column's period: its own header's, else the table's. A period the person
    gave wins over the headers when they name one period between them (a phụ lục under 'Năm
    2023' corrected to 2022: its figures and its Đánh giá column must not land in two periods);
    over a by-year table's several periods it only fills the columns without one. Last year's
    figures ('Cùng kỳ năm 2023') are of the results' period one year earlier."""
    own = [c for c in measure_cols if not c.prior]
    dated = {c.period for c in own if c.period}
    given_wins = ctx.period_given and len(dated) == 1
    periods = {c.index: _plan_period(c, ctx.period) if given_wins or not c.period else c.period
               for c in own}
    results = {periods[c.index] for c in own if c.role == "actual"} or {ctx.period}
    periods.update((c.index, _prior_period(c, results)) for c in measure_cols if c.prior)
    return periods


def _prior_period(col: Column, results: set[str | None]) -> str:
    """The period of a same-period-last-year column; refused beside the results of several
    periods or of a term, where no one period is the same one a year before."""
    period = prior_period(col, next(iter(results))) if len(results) == 1 \
        and None not in results else None
    if period is None:
        raise Refused(
            f"Cột {col.letter} '{shortened(col.header)}' ghi số cùng kỳ năm trước, nhưng kết quả "
            "của bảng không thuộc một kỳ trong năm (nhiều kỳ, hoặc cả giai đoạn): không biết "
            "đó là cùng kỳ của kỳ nào. Hãy chọn vai trò khác cho cột này, hoặc bỏ cột.",
            reason="prior_period", field="column", column=col.letter or None)
    return period


# A plan for the whole year written without its year: 'Kế hoạch năm', 'KH cả năm', 'Dự toán
# năm', 'Dự toán HĐND giao' (a budget's dự toán is always a year's).
_YEARLY_PLAN = re.compile(r"^(ke hoach|kh|du toan|dt|chi tieu|nghi quyet|nq)\b.*\b(ca )?nam$"
                          r"|^du toan( (hdnd|huyen|tinh|xa))?( giao)?$")


def _plan_period(col: Column, period: str | None) -> str | None:
    """The table's period for a column without its own; a yearly plan's in a report of part of
    the year ('Kế hoạch năm', or 'Kế hoạch năm 2025' in a report a person said is '9 tháng
    2025') is that year."""
    if not period or col.role != "target" or parse_code(period).kind not in IN_YEAR_KINDS:
        return period
    header = re.sub(r"\s*\([^()]*\)$", "", fold(col.header)).rstrip(" :.")
    yearly = _YEARLY_PLAN.match(header) or (col.period and parse_code(col.period).kind == "year")
    return str(parse_code(period).start.year) if yearly else period


def _parse_items(ctx: Context) -> ParsedTable:
    grid, spec = ctx.grid, ctx.spec
    tracker = HierarchyTracker()
    unit_col = spec.role("unit")
    note_cols = spec.roles("note")
    measure_cols = [c for c in spec.columns if c.role in MEASURE_ROLES]
    period_of = _column_periods(ctx, measure_cols)
    places = column_places(ctx)
    place_of = {c.index: places.get(c.index, ctx.locality_id) for c in measure_cols}
    table = ParsedTable(spec, [], None if places else ctx.locality_id, None)
    periods = sorted(set(period_of.values()))
    table.period = periods[0] if len(periods) == 1 else None
    in_notes = False
    for r in data_rows(ctx, table):
        row = grid.rows[r]
        if is_repeated_header(spec, row):
            table.skipped.append(f"dòng {row_no(grid, r)}: tiêu đề lặp lại")
            continue
        stt, name = _row_name(row, spec)
        if not name:
            continue
        # the lines under 'Ghi chú:' are notes too, figures in their words or not (a numbered
        # heading or a row of figures after them is the table again)
        in_notes = in_notes and not clean(stt) and _figures_empty(row, measure_cols)
        if in_notes or is_footnote(name) or is_footnote(stt):
            table.skipped.append(f"dòng {row_no(grid, r)}: ghi chú '{name}'")
            in_notes = True
            continue
        marker = marker_of(stt, name)
        parent = tracker.push(marker, name)
        unit = clean(row[unit_col.index]) if unit_col else ""
        note = "; ".join(clean(row[c.index]) for c in note_cols if clean(row[c.index])) or None
        for period in periods:
            for place in dict.fromkeys(place_of.values()):
                in_period = [c for c in measure_cols
                             if period_of[c.index] == period and place_of[c.index] == place]
                if not in_period:
                    continue
                for variant in dict.fromkeys([None, *(c.variant for c in in_period)]):
                    cols = [c for c in in_period if c.variant == variant]
                    named = f"{name} - {variant}" if variant else name
                    rec = build_record(ctx, r, cols, named, parent, unit, note, period, place)
                    if rec is None and variant is None and len(periods) == 1 and not places \
                            and _figures_empty(row, in_period):
                        rec = record_from_name(ctx, r, in_period, name, parent, unit, note,
                                               period, place)
                    if rec:
                        table.records.append(rec)
    return table
