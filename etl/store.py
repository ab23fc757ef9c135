"""DuckDB storage: schema and catalogs, one import = one transaction, supersede, history and
rollback. Nothing is ever deleted by an import; corrections replace, rollbacks restore."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from etl import accounts, dbfile, localities, store_audit, store_catalog
from etl.accounts import Actor
from etl.columnar import column, distinct_cells
from etl.errors import Refused
from etl.indicators import DEFAULT_PATH, Catalog
from etl.periods import parse_code
from etl.records import ParsedTable, Record
from etl.sql import one as _one
from etl.sql import run as _run
from etl.sql import transaction
from etl.targets import point_value
from etl.validate import unique_keys

if TYPE_CHECKING:  # reads return DuckDB's .df(); a load never imports pandas
    import pandas as pd

__all__ = [
    "StoreResult", "appendix_rows", "connect", "current_view", "data_version", "ensure_schema",
    "has_data_model", "history", "period_label", "refresh_current", "rollback", "store",
    "transaction", "upgrade", "upgrade_schema",
]

SCHEMA_PATH = Path(__file__).with_name("schema.sql")
OBS_COLUMNS = [
    "batch_id", "row_no", "locality_id", "period", "indicator_id", "indicator_as_written",
    "parent_as_written", "unit", "target_text", "target_op", "target_low", "target_high",
    "target_source", "actual_text", "actual_op", "actual_value", "actual_comparable",
    "actual_is_estimate", "actual_source", "reported_status", "pct_target", "pct_prev", "note",
]


@dataclass
class StoreResult:
    batch_id: int
    unchanged: bool          # the same file was already loaded and active: nothing written
    replaced: list[int]      # batches this one supersedes


def connect(
    path: Path, *, read_only: bool = False, command: str = "load"
) -> duckdb.DuckDBPyConnection:
    """Open the database; a file held by another program, a folder or a file that is not a
    DuckDB database is a refusal whose advice fits `command` (load, export, history, …)."""
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as err:
        refusal = dbfile.open_failure(Path(path), err, command)
        if refusal is None:
            raise
        raise refusal from None


def upgrade_schema(con: duckdb.DuckDBPyConnection) -> bool:
    """Create the tables, macros and views schema.sql adds (every statement is idempotent), only
    when the file changed since the database last saw it; True when it did."""
    ddl = SCHEMA_PATH.read_text(encoding="utf-8")
    changed = _meta(con, "schema") != _digest(ddl)
    if changed:
        _run(con, ddl)
        _set_meta(con, "schema", _digest(ddl))
    return changed


def ensure_schema(con: duckdb.DuckDBPyConnection, seed: Path = DEFAULT_PATH) -> None:
    """Create tables, macros and views and bring the catalogs in, only when they changed, so
    that a no-op load writes nothing. The indicator CSV `seed` seeds a new database and later
    reaches only the rows no admin edited (`store_catalog.seed`): the database's catalog is the
    live one. A changed schema or catalog rebuilds `current_rows`."""
    changed = upgrade_schema(con)
    if _meta(con, "localities") != localities.CATALOG_VERSION:
        _run(con, "DELETE FROM lineage")
        _run(con, "DELETE FROM localities")
        con.register("loc_df", localities.catalog_frame())
        _run(con, "INSERT INTO localities SELECT * FROM loc_df")
        con.register("lin_df", localities.lineage_frame())
        _run(con, "INSERT INTO lineage SELECT * FROM lin_df")
        _move_renamed(con)
        _set_meta(con, "localities", localities.CATALOG_VERSION)
        changed = True
    version = _digest(Path(seed).read_text(encoding="utf-8-sig"))
    if _meta(con, "indicators_seed") != version:
        store_catalog.seed(con, Catalog.load(seed))
        _set_meta(con, "indicators_seed", version)
        changed = True
    if changed:
        _rebuild_current(con)


def _move_renamed(con: duckdb.DuckDBPyConnection) -> None:
    """Rows a database made before a rename was in the catalog stored under the unit's later
    name (Thành phố Huế for 2013) go to the unit of their period (Tỉnh Thừa Thiên Huế)."""
    for old_id, new_id, since in localities.renamed():
        params = {"old": old_id, "new": new_id, "since": since}
        for table in ("observations", "batches"):
            _run(con, f"UPDATE {table} SET locality_id = $old WHERE locality_id = $new AND "
                      "period IN (SELECT code FROM periods WHERE end_date < $since)", params)


def has_data_model(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the file holds the Chỉ Tiêu data model (the current view exists)."""
    row = _one(con, "SELECT count(*) FROM duckdb_views() WHERE view_name = 'current_observations'")
    return bool(row and row[0])


def upgrade(con: duckdb.DuckDBPyConnection) -> None:
    """`ensure_schema` in its own transaction: what the dashboard runs when it opens a file."""
    with transaction(con):
        ensure_schema(con)


def _rebuild_current(con: duckdb.DuckDBPyConnection) -> None:
    """`current_rows` from scratch: after a schema or catalog change (the view's columns or an
    indicator's direction may have changed). Seconds on a national database; rare."""
    _run(con, "CREATE OR REPLACE TABLE current_rows AS SELECT * FROM current_observations "
              "ORDER BY locality_id, period, indicator_id")
    for table, counts in _COUNTED.items():
        _run(con, f"DELETE FROM {table}")
        _run(con, f"INSERT INTO {table} {counts} GROUP BY ALL ORDER BY ALL")
    _run(con, "DELETE FROM batch_pairs")
    _run(con, "INSERT INTO batch_pairs SELECT DISTINCT batch_id, locality_id, period "
              "FROM observations ORDER BY ALL")
    _bump_version(con)


# The rows of each table of counts, from the current rows a WHERE clause (appended) keeps.
_COUNTED = {
    "current_counts": "SELECT locality_id, period, count(*), count(actual_value) "
                      "FROM current_rows",
    "indicator_counts": "SELECT locality_id, indicator_id, count(*), count(actual_value) "
                        "FROM current_rows",
}


def refresh_current(con: duckdb.DuckDBPyConnection, locality_ids: list[str]) -> None:
    """Recompute the current rows of these localities from the `current_observations` view,
    and their counts, inside the caller's transaction: what an import or rollback changed, and
    nothing else.

    The dashboard reads `current_rows`, so the per-key merging is paid once at write time, not
    by every viewer (the filter on the view's group key reaches the scan: milliseconds for a
    province, where the whole view takes half a minute on a national database)."""
    _bump_version(con)  # batches' states change even where no row does
    ids = sorted(set(locality_ids))
    if not ids:
        return
    # The range lets DuckDB skip row groups by their min/max before testing the list.
    params = {"ids": ids, "lo": ids[0], "hi": ids[-1]}
    where = "locality_id BETWEEN $lo AND $hi AND list_contains($ids, locality_id)"
    _run(con, f"DELETE FROM current_rows WHERE {where}", params)
    _run(con, f"INSERT INTO current_rows SELECT * FROM current_observations WHERE {where} "
              "ORDER BY locality_id, period, indicator_id", params)
    for table, counts in _COUNTED.items():
        _run(con, f"DELETE FROM {table} WHERE {where}", params)
        _run(con, f"INSERT INTO {table} {counts} WHERE {where} GROUP BY ALL ORDER BY ALL",
             params)


def _add_current(con: duckdb.DuckDBPyConnection, batch_id: int) -> None:
    """Add a new batch's rows to `current_rows` as they are: for a batch no other active batch
    shares a locality and period with and none of whose names is mapped, that is what
    `refresh_current` would compute, without merging key by key (half the store time of a
    100,000-row file). Its (locality, period) pairs are new, so their counts are added as they
    are; a locality's counts by indicator may already hold other periods, so the batch's are
    added to them."""
    _bump_version(con)
    batch = {"batch": batch_id}
    _run(con, "INSERT INTO current_rows SELECT * FROM current_observations_of($batch) "
              "ORDER BY locality_id, period, indicator_id", batch)
    _run(con, f"INSERT INTO current_counts {_COUNTED['current_counts']} WHERE batch_id = $batch "
              "GROUP BY ALL ORDER BY ALL", batch)
    added = f"{_COUNTED['indicator_counts']} WHERE batch_id = $batch GROUP BY ALL"
    _run(con, f"""UPDATE indicator_counts c SET n_rows = c.n_rows + a.n, n_actual = c.n_actual + a.r
                  FROM ({added}) a(locality_id, indicator_id, n, r)
                  WHERE c.locality_id = a.locality_id AND c.indicator_id = a.indicator_id""",
         batch)
    _run(con, f"""INSERT INTO indicator_counts SELECT * FROM ({added}) a
                  WHERE NOT EXISTS (SELECT 1 FROM indicator_counts c WHERE
                                    c.locality_id = a.locality_id
                                    AND c.indicator_id = a.indicator_id)
                  ORDER BY ALL""", batch)


def _bump_version(con: duckdb.DuckDBPyConnection) -> None:
    """The data version the dashboard keys its caches on: one counter, bumped by every write."""
    _run(con, "INSERT OR REPLACE INTO meta SELECT 'data_version', "
              "CAST(coalesce(max(TRY_CAST(value AS BIGINT)), 0) + 1 AS VARCHAR) "
              "FROM meta WHERE key = 'data_version'")


def data_version(con: duckdb.DuckDBPyConnection) -> str:
    """The counter `_bump_version` moves (empty for a database from before it existed)."""
    return _meta(con, "data_version") or ""


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    exists = _one(con, "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta'")[0]
    if not exists:
        return None
    row = _one(con, "SELECT value FROM meta WHERE key = ?", [key])
    return row[0] if row else None


def _set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    _run(con, "INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, value])


def _scope(table: ParsedTable) -> str:
    """The file's coverage (localities × periods and measures): with its sha256, what makes a
    second load of the same file a no-op."""
    pairs = sorted(f"{loc}@{period}" for loc, period in _pairs(table))
    measures = sorted(_measure_names(table.records))
    return hashlib.sha256(("|".join(pairs) + "#" + ",".join(measures)).encode()).hexdigest()


def _pairs(table: ParsedTable) -> set[tuple[str, str]]:
    """The (locality, period) pairs the batch has rows for."""
    records = table.records
    return set(zip(column(records, "locality_id"), column(records, "period"), strict=True))


def _measure_names(records: Sequence[Record]) -> set[str]:
    """The measures (`_MEASURE_NAMES`) any of `records` gives."""
    given = {name for name in ("target", "actual")
             if any(_has_text(cell) for cell in distinct_cells(records, name)[1])}
    return given | {name for name in _MEASURE_NAMES[2:]
                    if any(value is not None for value in column(records, name))}


def _given(measure: str, records: Sequence[Record]) -> list[bool]:
    """Per record: it gives `measure` (a figure with a text, or a value)."""
    if measure in ("target", "actual"):
        at, cells = distinct_cells(records, measure)
        return [_has_text(cells[i]) for i in at.tolist()]
    return [value is not None for value in column(records, measure)]


def _has_text(cell) -> bool:
    return bool(cell and cell.text)


def _columns(names: list[str], rows: list[tuple]) -> dict:
    """Rows as columns DuckDB scans (NumPy object arrays: a tenth of pandas' import time);
    the table's column types decide the stored types."""
    return {name: _object_array([row[i] for row in rows]) for i, name in enumerate(names)}


def _object_array(values: list):
    """A list as the NumPy object array DuckDB scans, value by value (a tuple stays one value)."""
    import numpy as np

    return np.fromiter(values, dtype=object, count=len(values))


def _frame(table: ParsedTable, batch_id: int) -> dict:
    """The batch's observation rows as the NumPy columns DuckDB scans, built column by
    column; the columns of a figure are worked out once per distinct parsed cell (a column
    repeats its figures) and spread to the rows by index."""
    import numpy as np

    records = table.records
    targets, actuals = distinct_cells(records, "target"), distinct_cells(records, "actual")
    target, actual = _per_figure(targets, _target_columns), _per_figure(actuals, _actual_columns)
    has_target, has_actual = np.not_equal(target[0], None), np.not_equal(actual[0], None)
    columns = {
        "batch_id": np.full(len(records), batch_id, dtype=object),
        **{name: _object_array(column(records, name)) for name in (
            "row_no", "locality_id", "period", "indicator_id", "indicator_as_written",
            "parent_as_written", "reported_status", "pct_target", "pct_prev")},
        "unit": _object_array([unit or None for unit in column(records, "unit")]),
        **dict(zip(("target_text", "target_op", "target_low", "target_high"), target,
                   strict=True)),
        "target_source": _where(has_target, column(records, "target_source")),
        **dict(zip(("actual_text", "actual_op", "actual_value", "actual_comparable"), actual,
                   strict=True)),
        "actual_is_estimate": _where(has_actual, column(records, "actual_estimate")),
        "actual_source": _where(has_actual, column(records, "actual_source")),
        "note": _object_array(_notes(records, targets[1] + actuals[1])),
    }
    return {name: columns[name] for name in OBS_COLUMNS}


def _per_figure(figures: tuple, columns_of) -> list:
    """The stored columns of each row's parsed cell (`columns_of`: a cell → a tuple), worked
    out once per distinct cell, as one NumPy object array per stored column; `figures` are
    the rows' cells as `identity_codes` gives them."""
    at, distinct = figures
    worked = [columns_of(figure) for figure in distinct]
    return [_object_array([cells[i] for cells in worked])[at]
            for i in range(len(columns_of(None)))]


def _where(given, values: list):
    """`values` on the rows `given` (a NumPy mask), None on the others."""
    import numpy as np

    return np.where(given, _object_array(values), None)


def _target_columns(t) -> tuple:
    """target_text, target_op, target_low, target_high of a parsed target cell."""
    return (t.text, t.op, t.low, t.high) if t and t.text else (None,) * 4


def _actual_columns(a) -> tuple:
    """actual_text, actual_op, actual_value, actual_comparable of a parsed result cell."""
    if not (a and a.text):
        return (None,) * 4
    return (a.text, a.op, point_value(a.op, a.low, a.high), a.basis is None and a.op is not None)


def _notes(records: Sequence[Record], cells: list) -> list:
    """Each row's note with its cells' own notes after it (`_note`); the rows' notes as they
    are when none of the distinct parsed `cells` has one."""
    if not any(cell is not None and cell.note for cell in cells):
        return column(records, "note")
    return list(map(_note, column(records, "note"), column(records, "target"),
                    column(records, "actual")))


def _note(note: str | None, target, actual) -> str | None:
    """A row's note with its cells' own notes after it, each said once."""
    if not (note or (target and target.note) or (actual and actual.note)):
        return None
    notes = [note, target and target.note, actual and actual.note]
    text = "; ".join(dict.fromkeys(n for n in notes if n))
    return text or None


def store(
    con: duckdb.DuckDBPyConnection, table: ParsedTable, *, file_name: str, sha256: str,
    sheet: str | None, options: str = "", actor: Actor | None, source: str | None = None,
) -> StoreResult:
    """Write one batch in one transaction, as `actor` (checked here: the whole file is refused
    when it names a locality the actor may not write for); an identical active batch makes this
    a no-op."""
    scope = _scope(table)
    with transaction(con):
        ensure_schema(con)
        records = table.records
        accounts.authorize_import(con, actor, list(zip(column(records, "row_no"),
                                                       column(records, "locality_id"),
                                                       strict=True)))
        same = _one(  # the same sheet of the same file, covering the same: already loaded
            con, "SELECT id FROM batches WHERE sha256 = ? AND scope = ? AND state = 'active' "
                 "AND coalesce(sheet, '') = ?", [sha256, scope, sheet or ""],
        )
        if same:
            return StoreResult(same[0], True, [])
        batch_id = _insert_batch(con, table, file_name, sha256, sheet, options, scope,
                                 actor.name, source)
        sharing = _sharing(con, table, batch_id)
        replaced = _supersede(con, table, batch_id, sharing)
        _insert_periods(con, table)
        _insert_new_indicators(con, table)
        con.register("obs_df", _frame(table, batch_id))
        _run(con, "INSERT INTO observations SELECT * FROM obs_df")
        _run(con, "INSERT INTO batch_pairs SELECT DISTINCT batch_id, locality_id, period "
                  "FROM obs_df ORDER BY ALL")
        con.unregister("obs_df")
        if sharing or _has_mapped_names(con, batch_id) or not unique_keys(table.records):
            refresh_current(con, column(table.records, "locality_id"))
        else:
            _add_current(con, batch_id)
        store_audit.record(con, actor=actor.name, via=actor.via, action="import",
                           subject=str(batch_id), file_name=file_name,
                           detail=f"{len(table.records)} số liệu" + (
                               f"; thay lô {', '.join(map(str, replaced))}" if replaced else ""))
    return StoreResult(batch_id, False, replaced)


def _insert_batch(con, table, file_name, sha256, sheet, options, scope, loaded_by,
                  source) -> int:
    row = _one(
        con, """INSERT INTO batches (file_name, sha256, sheet, layout, title, loaded_by, loaded_at,
               locality_id, period, scope, row_count, state, options, source)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?) RETURNING id""",
        [file_name, sha256, sheet or None, table.spec.layout, table.spec.title or None,
         loaded_by, datetime.now(), table.locality_id, table.period, scope,
         len(table.records), options, source or None],
    )
    return row[0]


_MEASURE_FLAGS = (
    "target_text IS NOT NULL", "actual_text IS NOT NULL", "reported_status IS NOT NULL",
    "pct_target IS NOT NULL", "pct_prev IS NOT NULL",
)
_MEASURE_NAMES = ("target", "actual", "reported_status", "pct_target", "pct_prev")


def _keys(table: ParsedTable) -> set[tuple[str, str, str, str]]:
    """(locality, period, indicator, measure) of every figure the batch provides."""
    records = table.records
    rows = list(zip(column(records, "locality_id"), column(records, "period"),
                    column(records, "indicator_id"), strict=True))
    return {(*row, name) for name in _MEASURE_NAMES
            for row, given in zip(rows, _given(name, records), strict=True)
            if given}


def _sharing(con, table: ParsedTable, batch_id: int) -> list[int]:
    """The other active batches with rows for a (locality, period) this batch has rows for."""
    pairs = sorted(_pairs(table))
    con.register("pairs_df", _columns(["locality_id", "period"], pairs))
    sharing = [row[0] for row in con.execute(
        """SELECT DISTINCT o.batch_id FROM batch_pairs o
           JOIN batches b ON b.id = o.batch_id AND b.state = 'active' AND b.id <> ?
           JOIN pairs_df p ON p.locality_id = o.locality_id AND p.period = o.period""",
        [batch_id],
    ).fetchall()]
    con.unregister("pairs_df")
    return sorted(sharing)


def _supersede(con, table: ParsedTable, batch_id: int, sharing: list[int]) -> list[int]:
    """A corrected file replaces the active batches (of those `sharing` its localities and
    periods) whose every figure it provides again (same localities, periods, indicators and
    measures). A smaller file only adds on top: the current view already takes its figures as
    the latest."""
    if not sharing:  # new localities or periods: nothing to compare figure by figure
        return []
    keys = _keys(table)
    replaced = [old for old in sharing if _batch_keys(con, old) <= keys]
    for old in replaced:
        _run(con, "UPDATE batches SET state = 'replaced', replaced_by = ? WHERE id = ?",
             [batch_id, old])
    return sorted(replaced)


def _has_mapped_names(con, batch_id: int) -> bool:
    """Whether an admin mapped one of the batch's names onto another indicator."""
    row = _one(con, """SELECT count(*) FROM indicator_aliases
                       WHERE from_id IN (SELECT DISTINCT indicator_id FROM observations
                                         WHERE batch_id = ?)""", [batch_id])
    return bool(row[0])


def _batch_keys(con, batch_id: int) -> set[tuple[str, str, str, str]]:
    rows = con.execute(
        f"""SELECT locality_id, period, coalesce(a.to_id, indicator_id),
                   {", ".join(_MEASURE_FLAGS)}
            FROM observations LEFT JOIN indicator_aliases a ON a.from_id = indicator_id
            WHERE batch_id = ?""",
        [batch_id],
    ).fetchall()
    return {
        (loc, period, ind, name)
        for loc, period, ind, *flags in rows
        for name, present in zip(_MEASURE_NAMES, flags, strict=True) if present
    }


def _insert_periods(con, table: ParsedTable) -> None:
    for code in sorted(set(column(table.records, "period"))):
        p = parse_code(code)
        _run(
            con, "INSERT OR IGNORE INTO periods VALUES (?, ?, ?, ?, ?)",
            [p.code, p.kind, p.start, p.end, p.label],
        )


def _insert_new_indicators(con, table: ParsedTable) -> None:
    """Names not in the catalog, kept as written: one statement for all of them (a file of
    30,000 unknown names took 87 s inserted one by one)."""
    if not table.new_indicators:
        return
    units = dict(zip(column(table.records, "indicator_id"), column(table.records, "unit"),
                     strict=True))
    frame = _columns(
        ["id", "name", "unit", "synonyms"],
        [(ind_id, name, units.get(ind_id), name) for ind_id, name in table.new_indicators.items()],
    )
    con.register("new_ind_df", frame)
    _run(con, """INSERT OR IGNORE INTO indicators (id, name, unit, synonyms, catalogued)
                 SELECT id, name, unit, synonyms, FALSE FROM new_ind_df""")
    con.unregister("new_ind_df")


def rollback(con: duckdb.DuckDBPyConnection, batch_id: int, *, actor: Actor | None) -> list[int]:
    """Undo an active batch, as `actor` (its owner or an admin): it becomes 'rolled_back' and
    what it replaced is active again. The state is checked inside the transaction, so of two
    undos of one batch one succeeds."""
    with transaction(con):
        upgrade_schema(con)
        row = _one(con, "SELECT state, replaced_by FROM batches WHERE id = ?", [batch_id])
        if row is None:
            raise Refused(f"Không có lô số {batch_id}. Xem danh sách bằng: python -m etl history")
        state, replaced_by = row
        if state == "replaced":
            raise Refused(
                f"Lô {batch_id} đã được thay bằng lô {replaced_by}. Để dùng lại lô {batch_id}, "
                f"hãy hoàn tác lô {replaced_by}: python -m etl rollback {replaced_by}"
            )
        if state != "active":
            raise Refused(f"Lô {batch_id} đã được hoàn tác trước đó.")
        accounts.authorize_rollback(con, actor, batch_id)
        _run(con, "UPDATE batches SET state = 'rolled_back' WHERE id = ?", [batch_id])
        restored = con.execute(
            """UPDATE batches SET state = 'active', replaced_by = NULL
               WHERE replaced_by = ? AND state = 'replaced' RETURNING id""",
            [batch_id],
        ).fetchall()
        refresh_current(con, _batch_localities(con, batch_id))
        again = ", ".join(str(r[0]) for r in restored)
        store_audit.record(con, actor=actor.name, via=actor.via, action="rollback",
                           subject=str(batch_id), file_name=_file_of(con, batch_id),
                           detail=f"dùng lại lô {again}" if again else None)
    return sorted(r[0] for r in restored)


def _batch_localities(con: duckdb.DuckDBPyConnection, batch_id: int) -> list[str]:
    """Localities a batch has rows for (those it replaced cover no others: see _supersede)."""
    rows = con.execute("SELECT DISTINCT locality_id FROM observations WHERE batch_id = ?",
                       [batch_id]).fetchall()
    return [row[0] for row in rows]


def _file_of(con: duckdb.DuckDBPyConnection, batch_id: int) -> str | None:
    row = _one(con, "SELECT file_name FROM batches WHERE id = ?", [batch_id])
    return row[0] if row else None


def current_view(con: duckdb.DuckDBPyConnection, columns: list[str]) -> pd.DataFrame:
    """The current view (not its materialised copy: a read-only CLI may face a database from
    before it) with these columns, sorted for stable output."""
    return con.execute(
        f"""SELECT {", ".join(columns)} FROM current_observations
            ORDER BY locality, period, indicator, indicator_as_written"""
    ).df()


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return con.execute(
        """SELECT b.id, b.loaded_at, b.state, b.replaced_by, b.file_name, b.sheet, b.layout,
                  coalesce(l.name, CASE WHEN b.locality_id IS NULL THEN 'nhiều địa phương' END)
                      AS locality,
                  coalesce(b.period, 'nhiều kỳ') AS period, b.row_count, b.loaded_by
           FROM batches b LEFT JOIN localities l ON l.id = b.locality_id
           ORDER BY b.id"""
    ).df()


def appendix_rows(con: duckdb.DuckDBPyConnection, locality_id: str,
                  period: str) -> pd.DataFrame:
    """Current observations of one locality and period for the phụ lục export, in report order
    (the batch and row they came from): the canonical name where the indicator is catalogued."""
    return con.execute(
        """SELECT o.indicator_id, CASE WHEN o.catalogued THEN o.indicator
                                       ELSE o.indicator_as_written END AS name,
                  o.domain, shown_unit(o.unit) AS unit, o.target_text, o.actual_text,
                  o.actual_value,
                  o.actual_is_estimate, o.reported_status, o.computed_status, o.pct_target,
                  o.pct_prev, o.note
           FROM current_observations o
           LEFT JOIN (SELECT batch_id, locality_id, period,
                             coalesce(a.to_id, indicator_id) AS indicator_id, min(row_no) AS row_no
                      FROM observations LEFT JOIN indicator_aliases a ON a.from_id = indicator_id
                      GROUP BY ALL) r
             ON r.batch_id = o.batch_id AND r.locality_id = o.locality_id
            AND r.period = o.period AND r.indicator_id = o.indicator_id
           WHERE o.locality_id = ? AND o.period = ?
           ORDER BY o.batch_id, r.row_no, o.indicator_id""",
        [locality_id, period],
    ).df()


def period_label(con: duckdb.DuckDBPyConnection, code: str) -> str | None:
    """The period's label as stored ('6 tháng đầu năm 2023'), or None when it has no data."""
    row = _one(con, "SELECT label FROM periods WHERE code = ?", [code])
    return row[0] if row else None
