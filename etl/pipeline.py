"""One import end to end: read → detect layout → parse → validate (no database touched),
then store in one transaction. The CLI and the upload page both go through here.

The database side (`etl.store`, DuckDB) is imported on first use, so that a command can read
its file while the driver and the catalogs load (`warm_up`)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from etl import layout, localities, read, which_table
from etl.errors import Refused
from etl.indicators import Catalog
from etl.parse import ParsedTable, parse_table
from etl.validate import validate

if TYPE_CHECKING:
    import duckdb

    from etl import store
    from etl.accounts import Actor

__all__ = ["Prepared", "prepare", "commit", "load_file", "summary", "catalog", "warm_up"]

LAYOUT_LABELS = {
    "phu_luc": "phụ lục",
    "by_year": "theo năm",
    "long": "dạng dài (nhiều địa phương, nhiều kỳ)",
    "by_locality": "theo địa phương",
}


@cache
def catalog() -> Catalog:
    return Catalog.load()


def warm_up() -> threading.Thread:
    """Load what a load needs besides its file — the database driver, the locality index, the
    indicator catalog — in a background thread, while the caller reads the file (calamine
    parses without holding the GIL). Nothing depends on it finishing: each piece is loaded on
    first use anyway, and loading it twice gives the same."""
    def load() -> None:
        catalog()  # first: a small file reaches the catalog soon after it is read
        localities.load_index()  # a caller needing it meanwhile waits, it is not built twice
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


def prepare(
    path: Path, *, locality: str | None = None, period: str | None = None,
    sheet: str | None = None, file_name: str | None = None, source: str | None = None,
    unit: str | None = None,
) -> Prepared:
    """Everything short of writing: raises Refused for any bad input. `unit` is the unit of a
    table that states none (a series whose other years state it), never over the file's own."""
    path = Path(path)
    if not path.is_file():
        raise Refused(f"Không tìm thấy tệp {path}.")
    with read.open_source(path) as src:  # the file is read once: tables, titles, sha256
        grid, table, sheet_notes = which_table.choose(
            src, sheet, lambda g: _with_unit(layout.detect(g), unit),
            lambda g, spec: validate(parse_table(g, spec, catalog(), locality=locality,
                                                 period=period), catalog()),
        )
    table.notes.extend(grid.legacy.notes() + _unread_figures(table) + sheet_notes)
    options = " ".join(
        f"{flag} {value}" for flag, value in
        (("--locality", locality), ("--period", period), ("--sheet", sheet)) if value
    )
    return Prepared(table, file_name or path.name, grid.sheet, src.sha256, options, source)


def _with_unit(spec: layout.TableSpec, unit: str | None) -> layout.TableSpec:
    """The table's own stated unit wins; `unit` only fills a table that states none."""
    if unit and not spec.unit_hint:
        spec.unit_hint = unit
    return spec


def _unread_figures(table: ParsedTable) -> list[str]:
    """Target or result cells kept as text because no number could be read from them."""
    cells = [
        f"dòng {rec.row_no} '{parsed.text}'"
        for rec in table.records for parsed in (rec.target, rec.actual)
        if parsed is not None and parsed.text and parsed.op is None
    ]
    if not cells:
        return []
    more = " …" if len(cells) > 5 else ""
    return [f"{len(cells)} ô không đọc được thành số, giữ nguyên chữ và không tính đạt/chưa đạt: "
            + "; ".join(cells[:5]) + more]


def commit(con: duckdb.DuckDBPyConnection, prepared: Prepared,
           actor: Actor | None) -> store.StoreResult:
    """Write a prepared file as `actor` (the logged-in person, or the CLI's local operator);
    refused unless the actor may write every locality in it."""
    from etl import store

    return store.store(
        con, prepared.table, file_name=prepared.file_name, sha256=prepared.sha256,
        sheet=prepared.sheet, options=prepared.options, catalog=catalog(), actor=actor,
        source=prepared.source,
    )


def load_file(
    path: Path, db_path: Path, *, locality: str | None = None, period: str | None = None,
    sheet: str | None = None, dry_run: bool = False, actor: Actor | None = None,
) -> tuple[Prepared, store.StoreResult | None]:
    from etl import store

    prepared = prepare(path, locality=locality, period=period, sheet=sheet)
    if dry_run:
        _check_rights(db_path, prepared, actor)
        return prepared, None
    con = store.connect(db_path)
    try:
        return prepared, commit(con, prepared, actor)
    finally:
        con.close()


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
    places = sorted({r.locality_id for r in table.records})
    periods = sorted({r.period for r in table.records})
    lines = []
    if result is None:
        lines.append(f"Kiểm tra (chưa ghi): {len(table.records)} số liệu sẽ được nạp.")
    elif result.unchanged:
        lines.append(f"Tệp này đã được nạp ở lô {result.batch_id}; không có gì thay đổi.")
    else:
        lines.append(f"Đã nạp lô {result.batch_id}: {len(table.records)} số liệu.")
        if result.replaced:
            lines.append("Thay thế lô " + ", ".join(map(str, result.replaced)) + " (vẫn giữ trong "
                         "lịch sử; hoàn tác bằng lệnh rollback).")
    lines.append(
        f"Bố cục: {LAYOUT_LABELS[table.spec.layout]}; {len(places)} địa phương; "
        f"kỳ: {', '.join(periods[:6])}{' …' if len(periods) > 6 else ''}."
    )
    if table.new_indicators:
        names = list(table.new_indicators.values())
        lines.append(
            f"{len(names)} chỉ tiêu chưa có trong danh mục (giữ nguyên tên như trong tệp): "
            + "; ".join(names[:5]) + (" …" if len(names) > 5 else "")
        )
    if table.notes:
        more = " …" if len(table.notes) > 5 else ""
        lines.append("Lưu ý: " + "; ".join(table.notes[:5]) + more)
    if table.skipped:
        lines.append(f"Bỏ qua {len(table.skipped)} dòng: " + "; ".join(table.skipped[:5])
                     + (" …" if len(table.skipped) > 5 else ""))
    return "\n".join(lines)
