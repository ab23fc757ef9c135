"""Reading a database file a test built, in one place: the rows of one SQL query."""

from __future__ import annotations

from pathlib import Path

import duckdb


def rows(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    """The rows of `sql` on `db`, through a connection opened and closed for the query."""
    con = duckdb.connect(str(db))
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
