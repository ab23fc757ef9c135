"""SQL for the indicator catalog kept in the database: the live catalog read back, seeding from
data/indicators.csv, an admin's edit of one indicator and the mapping of an uncatalogued name
onto a catalogued indicator. Nothing here checks rights: `etl.catalog_edit` does, then calls it."""

from __future__ import annotations

from datetime import datetime

import duckdb

from etl.indicators import HEADER, Catalog, Indicator
from etl.sql import one, run

__all__ = [
    "add_alias", "alias_of", "catalog", "indicator", "localities_showing", "localities_stored",
    "remove_alias", "seed",
    "update_indicator",
]

_COLUMNS = ", ".join(HEADER)


def catalog(con: duckdb.DuckDBPyConnection) -> Catalog | None:
    """The live catalog: the catalogued rows of `indicators` in catalog order (None for a file
    without the table). Read-only safe: a database from before `position` is read in row order."""
    columns = {row[0] for row in con.execute(
        "SELECT column_name FROM duckdb_columns() WHERE table_name = 'indicators'").fetchall()}
    if not columns:
        return None
    order = "position NULLS LAST, rowid" if "position" in columns else "rowid"
    cursor = con.execute(f"SELECT {_COLUMNS} FROM indicators WHERE catalogued ORDER BY {order}")
    return Catalog.from_records(_records(cursor))


def seed(con: duckdb.DuckDBPyConnection, seed_catalog: Catalog) -> None:
    """Bring the CSV catalog in (a new database, or a CSV that changed): rows no admin edited
    take the CSV's values (and go when the CSV drops them, as before the editor existed); rows an
    admin edited keep theirs and only take the CSV's order; uncatalogued names the CSV now lists
    become catalogued. Mapped names are untouched."""
    con.register("ind_df", seed_catalog.frame())
    run(con, """DELETE FROM indicators
                WHERE (catalogued AND edited_at IS NULL)
                   OR (NOT catalogued AND id IN (SELECT id FROM ind_df))""")
    run(con, f"""INSERT INTO indicators ({_COLUMNS}, catalogued, position)
                 SELECT {_COLUMNS}, catalogued, position FROM ind_df
                 WHERE id NOT IN (SELECT id FROM indicators)""")
    run(con, """UPDATE indicators SET position = d.position FROM ind_df d
                WHERE indicators.id = d.id""")
    con.unregister("ind_df")


def indicator(con: duckdb.DuckDBPyConnection, indicator_id: str) -> tuple[Indicator, bool] | None:
    """One indicator as stored and whether it is catalogued, or None."""
    rows = _records(con.execute(f"SELECT {_COLUMNS}, catalogued FROM indicators WHERE id = ?",
                                [indicator_id]))
    if not rows:
        return None
    return next(iter(Catalog.from_records(rows))), bool(rows[0]["catalogued"])


def _records(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, object]]:
    """A query's rows as dicts by column name (no pandas: the CLI's load reads its catalog)."""
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def update_indicator(con: duckdb.DuckDBPyConnection, ind: Indicator) -> None:
    """Write an admin's values for one catalogued indicator and mark it edited."""
    run(con, """UPDATE indicators SET unit = ?, direction = ?, kind = ?, domain = ?,
                       synonyms = ?, edited_at = ?
                WHERE id = ? AND catalogued""",
        [ind.unit, ind.direction, ind.kind, ind.domain, "|".join(ind.synonyms) or None,
         datetime.now(), ind.id])


def alias_of(con: duckdb.DuckDBPyConnection, from_id: str) -> str | None:
    """The indicator an uncatalogued id was mapped onto, if it was."""
    row = one(con, "SELECT to_id FROM indicator_aliases WHERE from_id = ?", [from_id])
    return row[0] if row else None


def add_alias(con: duckdb.DuckDBPyConnection, from_id: str, to_id: str, by: str) -> None:
    run(con, "INSERT INTO indicator_aliases VALUES (?, ?, ?, ?)",
        [from_id, to_id, by, datetime.now()])


def remove_alias(con: duckdb.DuckDBPyConnection, from_id: str) -> None:
    run(con, "DELETE FROM indicator_aliases WHERE from_id = ?", [from_id])


def localities_stored(con: duckdb.DuckDBPyConnection, indicator_id: str) -> tuple[list[str], int]:
    """The localities with active rows stored under this id, and how many rows (what undoing
    its mapping has to refresh: the current rows show them under the other indicator)."""
    rows = con.execute(
        """SELECT o.locality_id, count(*) FROM observations o
           JOIN batches b ON b.id = o.batch_id AND b.state = 'active'
           WHERE o.indicator_id = ? GROUP BY o.locality_id""", [indicator_id]).fetchall()
    return [row[0] for row in rows], sum(row[1] for row in rows)


def shared_keys(con: duckdb.DuckDBPyConnection, from_id: str, to_id: str,
                limit: int = 4) -> list[tuple[str, str]]:
    """(locality name, period label) where both indicators have a current row: mapping one onto
    the other there would show one row and hide the other."""
    return con.execute(
        """SELECT DISTINCT coalesce(l.name, a.locality_id), coalesce(p.label, a.period)
           FROM current_rows a
           JOIN current_rows b ON b.locality_id = a.locality_id AND b.period = a.period
           LEFT JOIN localities l ON l.id = a.locality_id
           LEFT JOIN periods p ON p.code = a.period
           WHERE a.indicator_id = ? AND b.indicator_id = ?
           ORDER BY 1, 2 LIMIT ?""", [from_id, to_id, limit]).fetchall()


def localities_showing(con: duckdb.DuckDBPyConnection, indicator_id: str) -> tuple[list[str], int]:
    """The localities whose current rows show this indicator, and how many rows: what an edit
    or a mapping of it has to refresh."""
    rows = con.execute("SELECT locality_id, count(*) FROM current_rows WHERE indicator_id = ? "
                       "GROUP BY locality_id", [indicator_id]).fetchall()
    return [row[0] for row in rows], sum(row[1] for row in rows)
