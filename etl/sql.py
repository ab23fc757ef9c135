"""Small helpers the SQL modules of etl/ share: run a statement and finish its result (DuckDB 2
refuses new work on a connection while a result is open), and one transaction."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

__all__ = ["run", "one", "transaction"]


def run(con: duckdb.DuckDBPyConnection, sql: str, params: list | dict | None = None) -> None:
    """Execute for effect and finish the result."""
    con.execute(sql, params or []).fetchall()


def one(con: duckdb.DuckDBPyConnection, sql: str,
        params: list | dict | None = None) -> tuple | None:
    """The first row, with the result finished (fetchone alone leaves it open in DuckDB 2)."""
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """BEGIN … COMMIT, or ROLLBACK on any exception (which is raised again)."""
    run(con, "BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        run(con, "ROLLBACK")
        raise
    run(con, "COMMIT")
