"""The long layout: one row per (locality, period, indicator), the figures in measure columns.

A long table repeats a few hundred distinct strings over many thousand rows, so it is read a
column at a time rather than a row at a time: each distinct place (with its district, province,
code and period) is resolved once, each distinct cell of a measure column parsed once, each
distinct name matched once, and the records are put together a field at a time from what the
cells stand for, as columns (`etl.columnar.Records`: no object per row unless one is asked
for). The records are those `etl.records.build_record` makes of each row (a test compares the
two on a table with every case), at a fraction of its cost on a 100,000-row workbook.

Errors name the row a person would find first: places and periods are resolved in the order
their rows come, so the first row that cannot be read is the one refused.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from itertools import repeat
from operator import itemgetter

from etl.columnar import Records, codes, column, objects
from etl.errors import Refused
from etl.layout import MEASURE_ROLES, Column
from etl.periods import read_period
from etl.place_context import Resolver, place_columns, title_unit, total_unit
from etl.read import Grid, column_ref
from etl.records import (
    Context,
    ParsedTable,
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
    import numpy as np

    spec, grid = ctx.spec, ctx.grid
    period_col, prov_col, code_col = spec.role("period"), spec.role("province"), spec.role("code")
    every = len(kept) == len(lines)  # kept rows are positions in order: all of them, mostly
    key_of_row, keys = codes(list(zip(
        places if every else [places[i] for i in kept],
        districts if every else [districts[i] for i in kept],
        *(_cells(lines, None if every else kept, col) for col in (prov_col, code_col,
                                                                   period_col)), strict=True,
    )))
    first_rows = np.unique(key_of_row, return_index=True)[1].tolist()  # keys come in row order
    resolve = Resolver(grid, title_unit(ctx))
    period_of: dict[object, str] = {}
    code_of: dict[object, str] = {}
    key_periods, key_units = [], []
    for (place, district, province, code_cell, period_cell), j in zip(keys, first_rows,
                                                                        strict=True):
        r = rows[kept[j]]
        period = ctx.period
        if period_col:
            period = period_of.get(period_cell) or period_of.setdefault(
                period_cell, _period_of_cell(period_cell, r, grid))
        code = None
        if code_col:
            code = code_of.get(code_cell) or code_of.setdefault(code_cell, _code_text(code_cell))
        province = text(province) if prov_col else None
        key_periods.append(period)
        key_units.append(_row_place(resolve, r, place, district, province, code, period))
    known = np.array([unit is not None for unit in key_units], dtype=bool)[key_of_row]
    row_periods, row_units = objects(key_periods)[key_of_row], objects(key_units)[key_of_row]
    if known.all():
        return kept, row_periods.tolist(), row_units.tolist()
    positions = np.asarray(kept, dtype=np.intp)
    said.extend((rows[i], f"dòng {row_no(grid, rows[i])}: dòng tổng '{places[i]}' (không rõ "
                 "đơn vị)") for i in positions[~known].tolist())
    return positions[known].tolist(), row_periods[known].tolist(), row_units[known].tolist()


def _records(ctx: Context, rows: list[int], lines: list[list[object]], names: list[str],
             periods: list[str], locality_ids: list[str]) -> Records:
    """One record per row with a figure, as `build_record` makes it: each role's figure is the
    last non-empty cell of its columns (those of no period or of the row's); a status's words
    join the note. Built a field at a time, each from the distinct values its rows repeat."""
    import numpy as np

    spec, grid = ctx.spec, ctx.grid
    unit_col, note_cols = spec.role("unit"), spec.roles("note")
    measures = [c for c in spec.columns if c.role in MEASURE_ROLES]
    units = list(map(text, _column(lines, unit_col.index))) if unit_col else [""] * len(lines)
    row_periods = objects(periods)
    target, actual, status, pct_target, pct_prev = (
        _role_cells(ctx, rows, lines, row_periods, [c for c in measures if c.role == role])
        for role in _ROLES)
    keep = (target["counts"] | actual["counts"] | status["counts"] | pct_target["counts"]
            | pct_prev["counts"])
    at = slice(None) if keep.all() else np.flatnonzero(keep)
    name_of_row, named = _indicators(ctx, names, units, periods, measures)
    name_of_row = name_of_row[at]
    line_no = np.asarray(rows, dtype=np.intp)[at] + (grid.origin[0] + 1)
    line_text = objects(list(map(str, line_no.tolist())))

    def of_names(field) -> list:
        return objects(list(map(field, named)))[name_of_row].tolist()

    def source(role: dict) -> list:
        present = role["present"][at]
        cells = np.full(len(line_no), None, dtype=object)
        cells[present] = role["prefix"][at][present] + line_text[present]
        return cells.tolist()

    notes = objects([_row_note(lines[i], note_cols) for i in range(len(lines))] if note_cols
                    else [None] * len(lines))[at]
    words, said = status["words"][at], status["said"][at]
    for i in np.flatnonzero(said).tolist():
        notes[i] = f"{notes[i]}; {words[i]}" if notes[i] else words[i]
    unit_hint = spec.unit_hint
    return Records({
        "row_no": line_no.tolist(),
        "locality_id": objects(locality_ids)[at].tolist(),
        "period": row_periods[at].tolist(),
        "indicator_id": of_names(lambda n: n[2].indicator_id),
        "catalogued": of_names(lambda n: n[2].catalogued),
        "indicator_as_written": of_names(itemgetter(0)),
        "parent_as_written": [None] * len(line_no),
        "unit": of_names(lambda n: n[1] or unit_hint),
        "target": target["figure"][at].tolist(),
        "target_source": source(target),
        "actual": actual["figure"][at].tolist(),
        "actual_estimate": actual["estimate"][at].tolist(),
        "actual_source": source(actual),
        "reported_status": status["figure"][at].tolist(),
        "pct_target": pct_target["figure"][at].tolist(),
        "pct_prev": pct_prev["figure"][at].tolist(),
        "note": notes.tolist(),
        "match_how": of_names(lambda n: n[2].how),
    })


# What `_role_cells` tells of each row, and what a row without a cell of the role has.
_CELL_FIELDS = {"figure": None, "words": None, "counts": False, "estimate": False,
                "present": False, "said": False, "prefix": None}


def _role_cells(ctx: Context, rows: list[int], lines: list[list[object]], periods,
                cols: list[Column]) -> dict:
    """Per row (NumPy arrays), what the last non-empty cell among `cols` says: its 'figure'
    (`records.figure_of_cell`) and 'words', whether the figure 'counts' for keeping the row (a
    text, a verdict, a number), is 'present' (not None) and an 'estimate' (the column's or the
    cell's), whether the words are 'said' (not empty), and the cell-reference 'prefix' of its
    column. `periods` is each row's period, as a NumPy object array."""
    import numpy as np

    n = len(rows)
    chosen = {name: np.full(n, blank, dtype=object if blank is None else bool)
              for name, blank in _CELL_FIELDS.items()}
    for col in cols:
        cell_of_row, said = _cells_read(ctx, rows, lines, col)
        given = np.array([cell is not _EMPTY for cell in said], dtype=bool)[cell_of_row]
        if col.period:  # a column of one period: empty on the other periods' rows
            given &= periods == col.period
        prefix = column_ref(ctx.grid.sheet, ctx.grid.origin[1] + col.index)
        told = [_cell_fields(col, cell, prefix) for cell in said]
        for name, blank in _CELL_FIELDS.items():
            values = objects([t[name] for t in told]) if blank is None else \
                np.array([t[name] for t in told], dtype=bool)
            chosen[name][given] = values[cell_of_row][given]
    return chosen


def _cell_fields(col: Column, cell, prefix: str) -> dict:
    """What one distinct cell of `col` tells (`_CELL_FIELDS`), from its (figure, words)."""
    if cell is _EMPTY:
        return _CELL_FIELDS
    figure, words = cell
    if col.role in ("target", "actual"):
        counts = bool(figure and figure.text)
    elif col.role == "status":
        counts = bool(figure)
    else:
        counts = figure is not None
    return {"figure": figure, "words": words, "counts": counts,
            "estimate": bool(col.role == "actual" and (col.estimate or (figure is not None
                                                                     and figure.estimate))),
            "present": figure is not None, "said": bool(words), "prefix": prefix}


def _cells_read(ctx: Context, rows: list[int], lines: list[list[object]],
                col: Column) -> tuple:
    """Each row's position among the distinct cells of `col`, and what each of those says
    ((figure, words): `records.figure_of_cell`) or `_EMPTY`. A cell is its type, its value and
    whether it is shown as a percentage; a column of one type with no percentage cell, the
    usual one, is told apart by its values alone."""
    values = _column(lines, col.index)
    percent = ctx.grid.percent
    if not percent and len(set(map(type, values)) - {type(None)}) <= 1:
        cell_of_row, distinct = codes(values)
        return cell_of_row, [_EMPTY if value is None or value == "" else
                             figure_of_cell(col.role, value, False) for value in distinct]
    flags: Iterable[bool] = [(r, col.index) in percent for r in rows] if percent else \
        repeat(False)
    cell_of_row, keys = codes(list(zip(map(type, values), values, flags, strict=False)))
    return cell_of_row, [_EMPTY if value is None or value == "" else
                         figure_of_cell(col.role, value, flag) for _, value, flag in keys]


def _indicators(ctx: Context, names: list[str], units: list[str], periods: list[str],
                measures: list[Column]) -> tuple:
    """Each row's position among the distinct (name, unit, period), and for each of those the
    name as stored, the unit stored and the catalog match — the period decides the columns,
    whose unit stands in for a row without one."""
    cols_of = {p: [c for c in measures if not c.period or c.period == p] for p in set(periods)}
    key_of_row, keys = codes(list(zip(names, units, periods, strict=True)))
    found = []
    for name, unit, period in keys:
        as_written, unit_in_name = name_parts(name)
        own_unit = unit or unit_in_name or column_unit(cols_of[period])
        found.append((as_written, own_unit, ctx.catalog.match(as_written, None, own_unit)))
    return key_of_row, found


def _row_note(line: list[object], note_cols: list[Column]) -> str | None:
    return "; ".join(text(line[c.index]) for c in note_cols if line[c.index] is not None) or None


def _column(lines: list[list[object]], index: int) -> list[object]:
    return list(map(itemgetter(index), lines))


def _cells(lines: list[list[object]], positions: list[int] | None, col: Column | None) -> list:
    """The raw cells of `col` on the rows at `positions`, or on every row (None); Nones for a
    table without the column."""
    if col is None:
        return [None] * (len(lines) if positions is None else len(positions))
    if positions is None:
        return _column(lines, col.index)
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
    places = set(column(table.records, "locality_id"))
    periods = set(column(table.records, "period"))
    table.locality_id = places.pop() if len(places) == 1 else None
    table.period = periods.pop() if len(periods) == 1 else None
