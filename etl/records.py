"""Observation records and how one is built from a row: the figures of each measure column,
the sheet cell each came from, and the indicator matched in the catalog."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from etl.errors import Refused
from etl.header import find_header_row, title_and_unit
from etl.header_words import is_figure
from etl.hierarchy import strip_bullet
from etl.indicators import Catalog
from etl.layout import Column, TableSpec, trailing_unit
from etl.numbers import Parsed, parse_cell, parse_status, status_wording
from etl.read import Grid, cell_ref
from etl.signature import is_signature, signed_cell
from etl.text import clean, fold, shortened

__all__ = ["Record", "ParsedTable", "Context", "text", "row_no", "is_repeated_header",
           "is_footnote", "data_rows", "build_record", "record_from_name", "apply_cell",
           "has_figures", "set_match", "figure_of_cell", "name_parts", "column_unit"]

# 'Ghi chú: …', 'Ghi chú (*): …', 'Nguồn: …', 'Chú thích - …', '(*) …' under a table: never
# data. A bare '* …' is not one: '* Về kinh tế' is a group heading.
_FOOTNOTE = re.compile(
    r"^(?:\*+\s*)?(?:ghi chu|chu thich|chu giai|nguon(?: so lieu)?|luu y)\s*(?:\([^()]*\)\s*)?"
    r"[:.\-–—]"
    r"|^\(\*+\)"
)


def text(value: object) -> str:
    """Cell text: grid strings are already stripped NFC (etl.read), so only others are cleaned."""
    if value.__class__ is str:
        return value
    return "" if value is None else clean(value)


@dataclass(slots=True)
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
class Context:
    grid: Grid
    spec: TableSpec
    catalog: Catalog
    locality_id: str | None
    period: str | None
    period_given: bool = False  # the person gave `period` (flag or form box), not the title


def is_repeated_header(spec: TableSpec, row: list[object]) -> bool:
    """The header row again (a page break in the source document): its name or locality cell
    reads as the header's (`spec.header_folded`), and so does at least one other cell."""
    key_col, key_folded = spec.header_folded[0]
    probe = row[key_col]
    if probe.__class__ is not str or fold(probe) != key_folded:
        return False
    return any(
        row[c].__class__ is str and fold(row[c]) == folded for c, folded in spec.header_folded[1:]
    )


# 'Tỷ lệ hộ nghèo còn 2,5%', 'Thu ngân sách đạt 850 tỷ đồng', 'Số xã đạt chuẩn: 5 xã' — a
# figure written at the end of the name, after a verb or a colon, with at most a short unit.
_VALUE_IN_NAME = re.compile(
    r"^(?P<name>.*?[^\W\d_].*?)(?:\s*[:=]\s*|\s+(?:còn|đạt|là|ước đạt|ước|khoảng|bằng|"
    r"chiếm|được)\s+)(?P<value>(?:(?:trên|dưới|từ|hơn|[<>≤≥])\s*)?\d[\d.,]*"
    r"(?:\s*[-–]\s*\d[\d.,]*)?)\s*(?P<unit>%|[^\W\d_]+(?: [^\W\d_]+){0,2})?\s*\.?$",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def is_footnote(value: object) -> bool:
    """A footnote line under a table ('Ghi chú: số liệu ước', 'Nguồn: Chi cục Thống kê',
    '(*) Theo chuẩn mới')."""
    return value.__class__ is str and _footnote_text(value)


@lru_cache(maxsize=65536)
def _footnote_text(text: str) -> bool:
    return bool(_FOOTNOTE.match(fold(text)))


def data_rows(ctx: Context, table: ParsedTable) -> range:
    """The rows of the data block: from the first data row to the signature block under the
    table (said in the table's `skipped`, and in its `notes` when another table follows the
    signature: it is not read with this one), else to the end."""
    grid = ctx.grid
    below = grid.rows[ctx.spec.first_data_row:]
    if not any(v.__class__ is str and is_signature(v) for v in set().union(*below)):
        return range(ctx.spec.first_data_row, len(grid.rows))  # no signature: one pass in C
    for r in range(ctx.spec.first_data_row, len(grid.rows)):
        row = grid.rows[r]
        signed = signed_cell(row)
        if signed and not any(is_figure(v) for v in row):
            table.skipped.append(f"dòng {row_no(grid, r)} trở đi: phần ký tên '{signed}'")
            table.notes.extend(_table_below(grid, r))
            return range(ctx.spec.first_data_row, r)
    return range(ctx.spec.first_data_row, len(grid.rows))


def _table_below(grid: Grid, signed: int) -> list[str]:
    """A note on another table under the signature block starting at row `signed` (a second
    appendix on the same sheet), naming its header row and title; none when there is none."""
    rest = replace(grid, rows=grid.rows[signed:], merged=[], percent=set(),
                   origin=(grid.origin[0] + signed, grid.origin[1]))
    try:
        top = signed + find_header_row(rest)
    except Refused:
        return []
    title = title_and_unit(grid, top)[0].splitlines()
    named = f" '{shortened(title[-1])}'" if title else ""
    return [f"dưới phần ký tên còn một bảng khác{named}, tiêu đề ở dòng {row_no(grid, top)}: "
            f"bảng đó không được nạp cùng bảng này (muốn nạp bảng đó, chọn dòng tiêu đề "
            f"{row_no(grid, top)})"]


def row_no(grid: Grid, r: int) -> int:
    return r + 1 + grid.origin[0]


def build_record(
    ctx: Context, r: int, cols: list[Column], name: str, parent: str | None,
    unit: str, note: str | None, period: str, locality_id: str,
) -> Record | None:
    """Row `r`'s record over the measure columns `cols`, None when none of them holds a figure.
    Built in one go (the figures first, each distinct cell read once by `figure_of_cell`; the name's
    parts once per distinct name): a long table builds one per row."""
    grid = ctx.grid
    row, percent = grid.rows[r], grid.percent
    target = actual = status = pct_target = pct_prev = None
    target_at = actual_at = -1
    estimate = False
    for col in cols:
        value = row[col.index]
        if value is None or value == "":
            continue
        role = col.role
        figure, words = figure_of_cell(role, value, bool(percent) and (r, col.index) in percent)
        if role == "target":
            target, target_at = figure, col.index
        elif role == "actual":
            actual, actual_at, estimate = figure, col.index, col.estimate or figure.estimate
        elif role == "status":
            status = figure
            if words:
                note = f"{note}; {words}" if note else words
        elif role == "pct_target":
            pct_target = figure
        elif role == "pct_prev":
            pct_prev = figure
    if not ((target and target.text) or (actual and actual.text) or status
            or pct_target is not None or pct_prev is not None):
        return None
    as_written, unit_in_name = name_parts(name)
    own_unit = unit or unit_in_name or column_unit(cols)  # the table's 'Đơn vị tính' aside
    match = ctx.catalog.match(as_written, parent, own_unit)
    return Record(
        row_no(grid, r), locality_id, period, match.indicator_id, match.catalogued, as_written,
        parent, own_unit or ctx.spec.unit_hint,
        target, cell_ref(grid, r, target_at) if target is not None else None,
        actual, estimate, cell_ref(grid, r, actual_at) if actual is not None else None,
        status, pct_target, pct_prev, note or None, match.how,
    )


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[str, str | None]:
    """An indicator name as stored (its bullet stripped) and the unit it ends with, if any."""
    return strip_bullet(name), trailing_unit(name, of_name=True)


def figure_of_cell(role: str, value: object, percent: bool) -> tuple[object, str | None]:
    """What one cell of a `role` column says, and any words of it for the row's note: a
    target or result is its `Parsed`, a status its verdict ('Đạt'), a percentage its number
    (None unless it is one number). Each distinct cell is read once (a column repeats its
    figures); the type is part of the key, so 1, 1.0 and True stay apart."""
    kind = value.__class__
    if kind is str or kind is float or kind is int:
        return _figure_of(role, value, kind, percent)
    return _read_figure(role, value, percent)


@lru_cache(maxsize=131072)
def _figure_of(role: str, value: object, kind: type, percent: bool) -> tuple[object, str | None]:
    return _read_figure(role, value, percent)


def _read_figure(role: str, value: object, percent: bool) -> tuple[object, str | None]:
    if role == "status":
        verdict = parse_status(value)
        if verdict is None:
            return None, clean(value) or None
        wording = status_wording(value, verdict)
        return verdict, f"đánh giá ghi '{wording}'" if wording else None
    parsed = parse_cell(value, percent_cell=percent)
    if role in ("pct_target", "pct_prev"):
        return (parsed.low if parsed.op == "=" else None), None
    return parsed, None


def record_from_name(
    ctx: Context, r: int, cols: list[Column], name: str, parent: str | None,
    unit: str, note: str | None, period: str, locality_id: str,
) -> Record | None:
    """A row whose figure cells are empty but whose name ends with the figure ('Tỷ lệ hộ
    nghèo còn 2,5%'): the figure as the row's result (its target where the table has no
    result column), the name cell as its source; the name is kept as written."""
    m = _VALUE_IN_NAME.match(name)
    if m is None or (_YEAR.match(m["value"]) and not m["unit"]):
        return None
    roles = {c.role for c in cols}
    role = "actual" if "actual" in roles or "target" not in roles else "target"
    name_col = ctx.spec.role("name") or ctx.spec.role("stt")
    rec = Record(
        row_no=row_no(ctx.grid, r), locality_id=locality_id, period=period, indicator_id="",
        catalogued=False, indicator_as_written=strip_bullet(name), parent_as_written=parent,
        unit=unit or m["unit"] or ctx.spec.unit_hint,
        note="; ".join(filter(None, [note, "số liệu ghi trong tên chỉ tiêu"])),
    )
    value = f"{m['value']}{'%' if m['unit'] == '%' else ''}"
    apply_cell(rec, Column(name_col.index, role, name_col.header), value,
               (r, name_col.index), ctx.grid)
    if not (rec.target and rec.target.op) and not (rec.actual and rec.actual.op):
        return None
    set_match(rec, ctx.catalog.match(rec.indicator_as_written, parent, unit or m["unit"]))
    return rec


def set_match(rec: Record, match) -> None:
    rec.indicator_id, rec.catalogued, rec.match_how = (
        match.indicator_id, match.catalogued, match.how
    )


def column_unit(cols: list[Column]) -> str | None:
    return next((c.unit for c in cols if c.unit and c.role in ("target", "actual")), None)


def apply_cell(rec: Record, col: Column, value: object, at: tuple[int, int], grid: Grid) -> None:
    """One cell of a measure column into `rec` (as `build_record` reads it)."""
    figure, words = figure_of_cell(col.role, value, bool(grid.percent) and at in grid.percent)
    if col.role == "target":
        rec.target, rec.target_source = figure, cell_ref(grid, *at)
    elif col.role == "actual":
        rec.actual, rec.actual_source = figure, cell_ref(grid, *at)
        rec.actual_estimate = col.estimate or figure.estimate
    elif col.role == "status":
        rec.reported_status = figure
        if words:
            rec.note = "; ".join(filter(None, [rec.note, words]))
    elif col.role in ("pct_target", "pct_prev"):
        setattr(rec, col.role, figure)


def has_figures(rec: Record) -> bool:
    return bool(
        (rec.target and rec.target.text) or (rec.actual and rec.actual.text)
        or rec.reported_status or rec.pct_target is not None or rec.pct_prev is not None
    )
