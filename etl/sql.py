"""Two small helpers every SQL module of etl/ uses to run a statement and finish its result
(DuckDB 2 refuses new work on a connection while a result is open)."""

from __future__ import annotations

import duckdb

__all__ = ["run", "one"]


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> None:
    """Execute for effect and finish the result."""
    con.execute(sql, params or []).fetchall()


def one(con: duckdb.DuckDBPyConnection, sql: str,
        params: list | dict | None = None) -> tuple | None:
    """The first row, with the result finished (fetchone alone leaves it open in DuckDB 2)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None
