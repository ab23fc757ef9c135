"""Small helpers the SQL modules of etl/ share: run a statement and finish its result (DuckDB 2
refuses new work on a connection while a result is open), and one transaction whose failure
reports its own cause."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

from etl.errors import Refused

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
    """BEGIN … COMMIT, rolled back on any error. A COMMIT that fails (disk full, a concurrent
    writer) has already ended the transaction: its own cause is reported, as a refusal when the
    user can act on it, never DuckDB's 'cannot rollback – no transaction is active'."""
    run(con, "BEGIN TRANSACTION")
    try:
        yield con
    except BaseException as err:
        _rollback_quietly(con)
        refusal = _write_failure(err) if isinstance(err, duckdb.Error) else None
        if refusal is None:
            raise
        raise refusal from err
    try:
        run(con, "COMMIT")
    except duckdb.Error as err:
        _rollback_quietly(con)
        refusal = _write_failure(err)
        if refusal is None:
            raise
        raise refusal from err


def _rollback_quietly(con: duckdb.DuckDBPyConnection) -> None:
    """Roll back what is left; a transaction DuckDB already ended is not a second error."""
    try:
        run(con, "ROLLBACK")
    except duckdb.TransactionException:
        pass


_NOTHING_WRITTEN = "Không có gì được ghi; cơ sở dữ liệu vẫn như trước."


def _write_failure(err: duckdb.Error) -> Refused | None:
    """A refusal the user can act on for a write DuckDB could not finish, else None."""
    text = str(err)
    if "No space left on device" in text or "Disk quota exceeded" in text:
        return Refused(f"Không ghi được: hết dung lượng đĩa. {_NOTHING_WRITTEN} Hãy giải phóng "
                       "dung lượng đĩa rồi thử lại.")
    if "Permission denied" in text or "Read-only file system" in text:
        return Refused(f"Không ghi được: không có quyền ghi vào tệp cơ sở dữ liệu. "
                       f"{_NOTHING_WRITTEN}")
    if isinstance(err, duckdb.TransactionException) and "Conflict" in text:
        return Refused(f"Có người khác vừa ghi vào cùng số liệu đúng lúc này. {_NOTHING_WRITTEN} "
                       "Hãy thử lại.")
    return None
