"""The long layout: one row per (locality, period, indicator), the figures in measure columns.

A long table repeats a few hundred distinct strings over many thousand rows, so it is read a
column at a time rather than a row at a time: each distinct place (with its district, province,
code and period) is resolved once, each distinct cell of a measure column parsed once, each
distinct name matched once, and a row's `Record` is put together from what its cells stand
for. The records are those `etl.records.build_record` makes of each row (a test compares the
two on a table with every case), at a third of its cost on a 100,000-row workbook.

Errors name the row a person would find first: places and periods are resolved in the order
their rows come, so the first row that cannot be read is the one refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter

from etl.errors import Refused
from etl.layout import MEASURE_ROLES, Column
from etl.periods import read_period
from etl.place_context import Resolver, place_columns, title_unit, total_unit
from etl.read import Grid, column_ref
from etl.records import (
    Context,
    ParsedTable,
    Record,
    column_unit,
    data_rows,
    figure_of_cell,
    is_footnote,
    is_repeated_header,
    name_parts,
    row_no,
    text,
)
from etl.text import clean, fold, shortened
from etl.title import missing

__all__ = ["parse_long"]

_EMPTY = object()  # a measure cell with nothing in it (None or ''), or of another period
_ROLES = ("target", "actual", "status", "pct_target", "pct_prev")


def parse_long(ctx: Context) -> ParsedTable:
    """Rows of (locality, period, indicator): one record per row with a figure; footnotes,
    repeated headers and total rows whose unit cannot be told are kept out, and said so."""
    spec = ctx.spec
    if spec.role("period") is None and not ctx.period:
        raise missing("period", "2023")
    table = ParsedTable(spec, [], None, None)
    rows = data_rows(ctx, table)
    lines = ctx.grid.rows[rows.start:rows.stop]
    said: list[tuple[int, str]] = []   # (row, why it was kept out), sorted into `skipped`
    kept, names, places, districts = _named_rows(ctx, rows, lines, said)
    kept, periods, locality_ids = _scopes(ctx, rows, lines, kept, places, districts, said)
    names = [names[i] for i in kept]
    table.records = _records(ctx, [rows[i] for i in kept], [lines[i] for i in kept], names,
                             periods, locality_ids)
    table.skipped.extend(why for _, why in sorted(said, key=itemgetter(0)))
    _single_scope(table)
    return table


def _named_rows(ctx: Context, rows: range, lines: list[list[object]],
                said: list[tuple[int, str]]) -> tuple[list[int], list[str], list[str], list]:
    """The positions (into `lines`) of the rows with a name and a place, not a footnote nor
    the header again; and every row's name, place and district (a district cell holds for the
    rows below it until the next; a footnote in the district column is not one)."""
    spec = ctx.spec
    name_col, stt_col = spec.role("name"), spec.role("stt")
    loc_col, district_col = place_columns(spec)
    names = list(map(text, _column(lines, name_col.index)))
    places = list(map(text, _column(lines, loc_col.index)))
    keys = [c for c in (loc_col, name_col, stt_col, district_col) if c]
    dropped: set[int] = set()
    for r in sorted(_special_rows(ctx, rows, [c.index for c in keys])):
        i = r - rows.start
        footnote = next((v for v in (lines[i][c.index] for c in keys) if is_footnote(v)), None)
        if footnote is not None:
            said.append((r, f"dòng {row_no(ctx.grid, r)}: ghi chú '{shortened(footnote)}'"))
            dropped.add(i)
        elif is_repeated_header(spec, lines[i]):
            dropped.add(i)
    districts: list[str | None] = [None] * len(lines)
    if district_col is not None:
        district = None
        for i, cell in enumerate(_column(lines, district_col.index)):
            if i not in dropped:
                district = text(cell) or district
            districts[i] = district
    kept = [i for i, name, place in zip(range(len(lines)), names, places, strict=True)
            if name and place and i not in dropped]
    return kept, names, places, districts


def _scopes(ctx: Context, rows: range, lines: list[list[object]], kept: list[int],
            places: list[str], districts: list, said: list[tuple[int, str]],
            ) -> tuple[list[int], list[str], list[str]]:
    """The kept rows whose place is a unit, with each one's period and unit id. Each distinct
    (place, district, province, code, period) is read once, in the order its rows come."""
    spec, grid = ctx.spec, ctx.grid
    period_col, prov_col, code_col = spec.role("period"), spec.role("province"), spec.role("code")
    keys = list(zip(
        [places[i] for i in kept], [districts[i] for i in kept],
        _cells(lines, kept, prov_col), _cells(lines, kept, code_col),
        _cells(lines, kept, period_col), strict=True,
    ))
    first = dict(zip(reversed(keys), range(len(keys) - 1, -1, -1), strict=True))
    resolve = Resolver(grid, title_unit(ctx))
    period_of: dict[object, str] = {}
    code_of: dict[object, str] = {}
    scope: dict[tuple, tuple[str, str | None]] = {}
    for key, j in sorted(first.items(), key=itemgetter(1)):
        place, district, province, code_cell, period_cell = key
        r = rows[kept[j]]
        period = ctx.period
        if period_col:
            period = period_of.get(period_cell) or period_of.setdefault(
                period_cell, _period_of_cell(period_cell, r, grid))
        code = None
        if code_col:
            code = code_of.get(code_cell) or code_of.setdefault(code_cell, _code_text(code_cell))
        province = text(province) if prov_col else None
        scope[key] = period, _row_place(resolve, r, place, district, province, code, period)
    scoped = list(map(scope.__getitem__, keys))
    units = [i for i, (_, unit) in zip(kept, scoped, strict=True) if unit is not None]
    if len(units) < len(kept):
        said.extend((rows[i], f"dòng {row_no(grid, rows[i])}: dòng tổng '{places[i]}' (không rõ "
                     "đơn vị)") for i, (_, unit) in zip(kept, scoped, strict=True) if unit is None)
        scoped = [s for s in scoped if s[1] is not None]
    return units, [p for p, _ in scoped], [u for _, u in scoped]


def _records(ctx: Context, rows: list[int], lines: list[list[object]], names: list[str],
             periods: list[str], locality_ids: list[str]) -> list[Record]:
    """One record per row with a figure, as `build_record` makes it: each role's figure is the
    last non-empty cell of its columns (those of no period or of the row's); a status's words
    join the note."""
    spec, grid = ctx.spec, ctx.grid
    unit_col, note_cols = spec.role("unit"), spec.roles("note")
    measures = [c for c in spec.columns if c.role in MEASURE_ROLES]
    units = list(map(text, _column(lines, unit_col.index))) if unit_col else [""] * len(lines)
    notes = [_row_note(line, note_cols) for line in lines] if note_cols else [None] * len(lines)
    chosen = {role: _role_cells(ctx, rows, lines, periods, [c for c in measures
                                                             if c.role == role])
              for role in _ROLES}
    indicator = _indicators(ctx, names, units, periods, measures)
    origin, unit_hint = grid.origin[0] + 1, spec.unit_hint
    records = []
    for r, period, locality_id, named, note, target, actual, status, pct_target, pct_prev in zip(
            rows, periods, locality_ids, indicator, notes, *chosen.values(), strict=True):
        t = target[0][0] if target else None
        a = actual[0][0] if actual else None
        s = status[0] if status else (None, None)
        p_target = pct_target[0][0] if pct_target else None
        p_prev = pct_prev[0][0] if pct_prev else None
        if not ((t and t.text) or (a and a.text) or s[0] or p_target is not None
                or p_prev is not None):
            continue
        if s[1]:
            note = f"{note}; {s[1]}" if note else s[1]
        line_no = r + origin
        as_written, unit, match = named
        records.append(Record(
            line_no, locality_id, period, match.indicator_id, match.catalogued, as_written,
            None, unit or unit_hint,
            t, f"{target[1]}{line_no}" if t is not None else None,
            a, (actual[2] or a.estimate) if actual else False,
            f"{actual[1]}{line_no}" if a is not None else None,
            s[0], p_target, p_prev, note or None, match.how,
        ))
    return records


def _role_cells(ctx: Context, rows: list[int], lines: list[list[object]], periods: list[str],
                cols: list[Column]) -> list:
    """Per row, what the last non-empty cell among `cols` says, as ((figure, words), its
    column's cell-reference prefix, the column's estimate flag), or None."""
    chosen: list = [None] * len(rows)
    for col in cols:
        prefix = column_ref(ctx.grid.sheet, ctx.grid.origin[1] + col.index)
        said = _cells_read(ctx, rows, lines, periods, col)
        chosen = [(cell, prefix, col.estimate) if cell is not _EMPTY else before
                  for before, cell in zip(chosen, said, strict=True)]
    return chosen


def _cells_read(ctx: Context, rows: list[int], lines: list[list[object]], periods: list[str],
                col: Column) -> list:
    """What each row's cell of `col` says ((figure, words): `records.figure_of_cell`), or
    `_EMPTY`; each distinct (type, value, shown as a percentage) read once."""
    values = _column(lines, col.index)
    percent = ctx.grid.percent
    flags: Iterable[bool] = [(r, col.index) in percent for r in rows] if percent else \
        repeat(False)
    keys = list(zip(map(type, values), values, flags, strict=False))  # flags may be endless
    read = {key: _EMPTY if key[1] is None or key[1] == ""
            else figure_of_cell(col.role, key[1], key[2]) for key in dict.fromkeys(keys)}
    said = list(map(read.__getitem__, keys))
    if col.period:  # a column of one period: empty on the other periods' rows
        said = [cell if period == col.period else _EMPTY
                for cell, period in zip(said, periods, strict=True)]
    return said


def _indicators(ctx: Context, names: list[str], units: list[str], periods: list[str],
                measures: list[Column]) -> list[tuple]:
    """Per row (the name as stored, the unit stored, the catalog match); each distinct (name,
    unit, period) read once — the period decides the columns, whose unit stands in for a row
    without one."""
    cols_of = {p: [c for c in measures if not c.period or c.period == p] for p in set(periods)}
    keys = list(zip(names, units, periods, strict=True))
    found = {}
    for name, unit, period in dict.fromkeys(keys):
        as_written, unit_in_name = name_parts(name)
        own_unit = unit or unit_in_name or column_unit(cols_of[period])
        found[name, unit, period] = (as_written, own_unit,
                                     ctx.catalog.match(as_written, None, own_unit))
    return list(map(found.__getitem__, keys))


def _row_note(line: list[object], note_cols: list[Column]) -> str | None:
    return "; ".join(text(line[c.index]) for c in note_cols if line[c.index] is not None) or None


def _column(lines: list[list[object]], index: int) -> list[object]:
    return list(map(itemgetter(index), lines))


def _cells(lines: list[list[object]], positions: list[int], col: Column | None) -> list:
    """The raw cells of `col` on the rows at `positions` (Nones for a table without it)."""
    if col is None:
        return [None] * len(positions)
    return [lines[i][col.index] for i in positions]


def _period_of_cell(value: object, r: int, grid: Grid) -> str:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(int(value))
    if isinstance(value, (date, datetime)):
        value = str(value.year)
    try:
        return read_period(clean(value)).code
    except Refused as err:  # the row's cell, not a box or flag, is what to fix
        row = row_no(grid, r)
        raise err.but(message=f"Dòng {row}: {err.message}", field=None, row=row) from None


def _special_rows(ctx: Context, rows: range, columns: list[int]) -> set[int]:
    """The rows of `rows` that may be a footnote ('Ghi chú: …') or the header again (a page
    break): those with such a cell in one of `columns`. Each distinct cell is looked at once,
    so a long table without either costs one pass over each column."""
    grid, key_col = ctx.grid, ctx.spec.header_folded[0][0]
    found: set[int] = set()
    for c in dict.fromkeys([*columns, key_col]):
        values = [grid.rows[r][c] for r in rows]
        odd = {v for v in set(values) if is_footnote(v) or (c == key_col and _header_like(ctx, v))}
        if odd:
            found.update(r for r, v in zip(rows, values, strict=True) if v in odd)
    return found


def _header_like(ctx: Context, value: object) -> bool:
    return value.__class__ is str and fold(value) == ctx.spec.header_folded[0][1]


def _row_place(resolve: Resolver, r: int, place: str, district: str | None,
               province: str | None, code: str | None, period: str | None) -> str | None:
    """The unit id of a row's place (a total row's unit, None when it cannot be told); raises
    Refused naming row `r` for a name that is unknown or ambiguous."""
    locality_id = total_unit(fold(place), resolve.unit, None)
    if locality_id is None or locality_id:
        return locality_id
    inside = resolve(district, period, "huyện", province or None, None, r) if district else None
    return resolve(place, period, None, province or None, code or None, r, inside)


def _code_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return clean(value)


def _single_scope(table: ParsedTable) -> None:
    places = {r.locality_id for r in table.records}
    periods = {r.period for r in table.records}
    table.locality_id = places.pop() if len(places) == 1 else None
    table.period = periods.pop() if len(periods) == 1 else None
