"""One import end to end: read → detect layout → parse → validate against the catalog it is
given (no database touched), then store in one transaction. The CLI and the upload page both go
through here, each passing the live catalog of the database they write to.

The database side (`etl.store`, DuckDB) is imported on first use, so that a command can read
its file while the driver and the locality index load (`warm_up`)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from etl import corrections, layout, localities, read, which_table
from etl.columnar import column, distinct_cells
from etl.corrections import Corrections
from etl.errors import Refused
from etl.gc_pause import paused
from etl.indicators import Catalog
from etl.parse import ParsedTable, parse_table
from etl.periods import label as period_label
from etl.periods import read_period
from etl.read import Grid
from etl.text import shortened
from etl.validate import validate

if TYPE_CHECKING:
    import duckdb

    from etl import store
    from etl.accounts import Actor

__all__ = ["Progress", "Prepared", "prepare", "commit", "load_file", "summary", "catalog_of",
           "warm_up"]

# Told (share done 0..1, what is being done, in Vietnamese) at each stage of a load: a few calls
# per sheet, so a page can draw a progress bar on a large file at no cost to the load itself.
Progress = Callable[[float, str], None]

# DuckDB splits a scan and a write by row groups of this many rows: a CLI load of fewer gains
# nothing from a second thread but its coordination (the rows come from Python objects, which
# hold the GIL), measured at a fifth of the store of a 100,000-row file on 2 cores. The process
# is the load's own, so the setting reaches no one else; the upload page keeps the server's.
ROW_GROUP = 122_880

LAYOUT_LABELS = {
    "phu_luc": "phụ lục",
    "by_year": "theo năm",
    "long": "dạng dài (nhiều địa phương, nhiều kỳ)",
    "by_locality": "theo địa phương",
}


def warm_up() -> threading.Thread:
    """Load what a load needs besides its file and catalog — the database driver, the locality
    index — in a background thread, while the caller reads the file (calamine parses without
    holding the GIL). Nothing depends on it finishing: each piece is loaded on first use anyway,
    and loading it twice gives the same."""
    def load() -> None:
        localities.load_index()  # a caller needing it meanwhile waits, it is not built twice
        import numpy  # noqa: F401 - the columns of a long table (etl.columnar)

        from etl import store  # noqa: F401 - DuckDB's import

    thread = threading.Thread(target=load, name="etl-warm-up", daemon=True)
    thread.start()
    return thread


@dataclass
class Prepared:
    table: ParsedTable
    file_name: str
    sheet: str
    sha256: str
    options: str
    source: str | None = None         # who published the document, when the loader knows


@paused()  # a load makes objects it keeps until it ends: see etl.gc_pause
def prepare(
    path: Path, *, catalog: Catalog | Callable[[], Catalog], locality: str | None = None,
    period: str | None = None, sheet: str | None = None, file_name: str | None = None,
    source: str | None = None, unit: str | None = None, progress: Progress | None = None,
    header_row: int | None = None, roles: dict[str, str] | None = None,
) -> Prepared:
    """Everything short of writing: raises Refused for any bad input. Names are matched against
    `catalog` (the live catalog of the database it will be written to: `catalog_of`; or a
    function returning it, called once the rows are read, so it can load meanwhile). `period`
    is read as a person writes it (`periods.read_period`: a code or '6 tháng đầu năm 2023') and
    kept in the options as its code. `unit` is
    the unit of a table that states none (a series whose other years state it), never over the
    file's own; `progress` is told each stage (reading, finding the table, reading the rows,
    checking). `header_row` (sheet row number) and `roles` (column letter → role,
    `corrections.ROLES`) are a person's correction of the detected layout; they are checked and
    kept in the options."""
    path = Path(path)
    if not path.is_file():
        raise Refused(f"Không tìm thấy tệp {path}.")
    period = read_period(period).code if period else None
    fixed = Corrections(header_row, roles or {})
    tell = progress or _silent
    tell(0.0, "Đang mở tệp…")

    def detect(grid: Grid) -> layout.TableSpec:
        tell(0.3, f"Đang tìm bảng chỉ tiêu ({_where(grid)}, {_count(len(grid.rows))} dòng)…")
        return _with_unit(layout.detect(grid, fixed), unit)

    def parse(grid: Grid, spec: layout.TableSpec) -> ParsedTable:
        tell(0.4, f"Đang đọc các dòng số liệu ({_where(grid)})…")
        names = catalog() if callable(catalog) else catalog
        parsed = parse_table(grid, spec, names, locality=locality, period=period)
        tell(0.9, f"Đang kiểm tra {_count(len(parsed.records))} số liệu…")
        return validate(parsed, names)

    shown = file_name or path.name  # what refusals and notes call the file (the page reads a copy)
    with read.open_source(path, shown) as src:  # the file is read once: tables, titles, sha256
        grid, table, sheet_notes = which_table.choose(src, sheet, detect, parse)
    tell(1.0, f"Đã đọc xong: {_count(len(table.records))} số liệu.")
    table.notes.extend(grid.legacy.notes() + _unread_figures(table) + sheet_notes)
    options = " ".join(
        f"{flag} {value}" for flag, value in
        [("--locality", locality), ("--period", period), ("--sheet", sheet),
         *corrections.options(fixed)] if value
    )
    return Prepared(table, shown, grid.sheet, src.sha256, options, source)


def _silent(share: float, what: str) -> None:
    """The progress callback of a load nobody watches (the CLI, tests)."""


def _count(n: int) -> str:
    """A count as Vietnamese write it: 12.345."""
    return f"{n:,}".replace(",", ".")


def _where(grid: Grid) -> str:
    return f"trang '{grid.sheet}'" if grid.sheet else "tệp"


def _with_unit(spec: layout.TableSpec, unit: str | None) -> layout.TableSpec:
    """The table's own stated unit wins; `unit` only fills a table that states none."""
    if unit and not spec.unit_hint:
        spec.unit_hint = unit
    return spec


def _unread_figures(table: ParsedTable) -> list[str]:
    """Target or result cells kept as text because no number could be read from them, in the
    order of the records (a row's target before its result)."""
    records = table.records
    found = []
    for m, (measure, field) in enumerate((("mục tiêu", "target"), ("thực hiện", "actual"))):
        cell_of_row, cells = distinct_cells(records, field)
        unread = {i for i, p in enumerate(cells) if p is not None and p.text and p.op is None}
        at = [i for i, cell in enumerate(cell_of_row.tolist()) if cell in unread] if unread \
            else []
        if at:
            row_nos, sources = column(records, "row_no"), column(records, f"{field}_source")
            found += [(i, m, f"ô {_cell_name(sources[i], row_nos[i])} ({measure}) "
                             f"'{shortened(cells[cell_of_row[i]].text)}'") for i in at]
    if not found:
        return []
    cells = [cell for _, _, cell in sorted(found)]
    more = " …" if len(cells) > 5 else ""
    return [f"{len(cells)} ô không đọc được thành số, giữ nguyên chữ và không tính đạt/chưa đạt: "
            + "; ".join(cells[:5]) + more]


def _cell_name(source: str | None, row_no: int) -> str:
    """'E11' from a source 'Số liệu!E11' (the sheet is the file's, said elsewhere); the row
    alone when the cell is not known."""
    return source.rsplit("!", 1)[-1] if source else f"dòng {row_no}"


@paused()  # a load makes objects it keeps until it ends: see etl.gc_pause
def commit(con: duckdb.DuckDBPyConnection, prepared: Prepared,
           actor: Actor | None, progress: Progress | None = None) -> store.StoreResult:
    """Write a prepared file as `actor` (the logged-in person, or the CLI's local operator);
    refused unless the actor may write every locality in it. One transaction: `progress` is
    told when it starts and when it is done."""
    from etl import store

    tell = progress or _silent
    tell(0.0, f"Đang ghi {_count(len(prepared.table.records))} số liệu (một lần, trọn vẹn)…")
    result = store.store(
        con, prepared.table, file_name=prepared.file_name, sha256=prepared.sha256,
        sheet=prepared.sheet, options=prepared.options, actor=actor, source=prepared.source,
    )
    tell(1.0, f"Đã ghi lô {result.batch_id}.")
    return result


@paused()  # a load makes objects it keeps until it ends: see etl.gc_pause
def load_file(
    path: Path, db_path: Path, *, locality: str | None = None, period: str | None = None,
    sheet: str | None = None, dry_run: bool = False, actor: Actor | None = None,
    header_row: int | None = None, roles: dict[str, str] | None = None,
) -> tuple[Prepared, store.StoreResult | None]:
    """The CLI's load: the file is matched against the catalog of `db_path` (read in a thread
    while the file is read, then the database closed, before anything is written: a refused
    file leaves no database behind)."""
    from concurrent.futures import ThreadPoolExecutor

    from etl import store

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="etl-catalog") as pool:
        live = pool.submit(_catalog_for, db_path, dry_run=dry_run)
        prepared = prepare(path, catalog=lambda: live.result()[0], locality=locality,
                           period=period, sheet=sheet, header_row=header_row, roles=roles)
        prepared.table.notes.extend(live.result()[1])
    if dry_run:
        _check_rights(db_path, prepared, actor)
        return prepared, None
    con = store.connect(db_path)
    try:
        if len(prepared.table.records) < ROW_GROUP:
            con.execute("SET threads = 1")
        return prepared, commit(con, prepared, actor)
    finally:
        con.close()


def catalog_of(db_path: Path) -> Catalog:
    """The live catalog of a database file (opened read-only, so a file the dashboard holds is
    the usual refusal); for a file not made yet, the CSV that will seed it."""
    from etl import store, store_catalog

    if not Path(db_path).exists():
        return Catalog.load()
    con = store.connect(db_path, read_only=True)
    try:
        return store_catalog.catalog(con) or Catalog.load()
    finally:
        con.close()


def _catalog_for(db_path: Path, *, dry_run: bool) -> tuple[Catalog, list[str]]:
    """The database's catalog; for a dry run of a file another program holds (the dashboard),
    the seed catalog with a note saying so, since nothing is written anyway."""
    from etl import dbfile

    try:
        return catalog_of(db_path), []
    except Refused:
        if not dry_run or dbfile.lock_holder(Path(db_path)) is None:
            raise
    return Catalog.load(), [f"cơ sở dữ liệu {Path(db_path).name} đang được chương trình khác mở: "
                            "tên chỉ tiêu được ghép theo danh mục gốc (data/indicators.csv), "
                            "không theo danh mục đã sửa trong cơ sở dữ liệu"]


def _check_rights(db_path: Path, prepared: Prepared, actor: Actor | None) -> None:
    """A dry run as an account says what the real load would refuse for its localities (the
    local operator may write everything; a database not built yet has no accounts)."""
    from etl import accounts, store

    if actor is None or actor.operator or not Path(db_path).exists():
        return
    con = store.connect(db_path, read_only=True)
    try:
        accounts.authorize_import(con, actor, [(r.row_no, r.locality_id)
                                               for r in prepared.table.records])
    finally:
        con.close()


def summary(prepared: Prepared, result: store.StoreResult | None) -> str:
    """A few Vietnamese lines saying what was (or would be) loaded."""
    table = prepared.table
    places = sorted(set(column(table.records, "locality_id")))
    periods = sorted(set(column(table.records, "period")))
    lines = []
    if result is None:
        lines.append(f"Kiểm tra (chưa ghi): {len(table.records)} số liệu sẽ được nạp.")
    elif result.unchanged:
        lines.append(f"Tệp này đã được nạp ở lô {result.batch_id}; không có gì thay đổi.")
    else:
        lines.append(f"Đã nạp lô {result.batch_id}: {len(table.records)} số liệu.")
        if result.replaced:
            lines.append("Thay thế lô " + ", ".join(map(str, result.replaced)) + " (vẫn giữ trong "
                         "lịch sử; hoàn tác được).")
    lines.append(
        f"Bố cục: {LAYOUT_LABELS[table.spec.layout]}; {len(places)} địa phương; "
        f"kỳ: {', '.join(map(period_label, periods[:6]))}{' …' if len(periods) > 6 else ''}."
    )
    if table.new_indicators:
        names = list(table.new_indicators.values())
        lines.append(
            f"{len(names)} chỉ tiêu chưa có trong danh mục (giữ nguyên tên như trong tệp): "
            + "; ".join(shortened(n) for n in names[:5]) + (" …" if len(names) > 5 else "")
        )
    if table.notes:
        more = " …" if len(table.notes) > 5 else ""
        lines.append("Lưu ý: " + "; ".join(table.notes[:5]) + more)
    if table.skipped:
        lines.append(f"Bỏ qua {len(table.skipped)} dòng: " + "; ".join(table.skipped[:5])
                     + (" …" if len(table.skipped) > 5 else ""))
    return "\n".join(lines)
