"""The dashboard's DuckDB connection: one per process, every query on its own cursor.

DuckDB allows one read-write process per file, so the Streamlit process opens the database
once (`st.cache_resource`) and uploads made in the browser write through the same connection.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import streamlit as st

from etl import dbfile, store
from etl.errors import Refused

__all__ = [
    "DEFAULT_DB", "connection", "cursor", "db_path", "ensure_demo", "missing_message", "writer",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "chitieu.duckdb"


def db_path() -> Path:
    """The database file: $CHITIEU_DB, else data/chitieu.duckdb in the project."""
    configured = os.environ.get("CHITIEU_DB", "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DB


@st.cache_resource(show_spinner=False)
def _connect(path: str) -> duckdb.DuckDBPyConnection:
    """Open once per process and bring an older database up to the current schema (the
    materialised `current_rows`, the data version, accounts and audit) before any page reads
    it."""
    con = duckdb.connect(path, read_only=False)
    if _has_data_model(con):
        store.upgrade(con)
    return con


def _has_data_model(con: duckdb.DuckDBPyConnection) -> bool:
    return bool(store.has_data_model(con))


def connection() -> duckdb.DuckDBPyConnection:
    """The process-wide connection to `db_path()`."""
    return _connect(str(db_path()))


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor: one per query, so concurrent sessions never share one."""
    return connection().cursor()


# One writer per process: DuckDB runs two sessions' transactions side by side and fails the
# second with 'Conflict on update!' or a constraint error; under this lock they run in turn.
_WRITE_LOCK = threading.Lock()
_WRITE_WAIT_SECONDS = 120


@contextmanager
def writer() -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor for a write, held alone in the process until the block ends: every write the
    dashboard makes (save, undo, accounts) goes through here, so two sessions write in turn."""
    if not _WRITE_LOCK.acquire(timeout=_WRITE_WAIT_SECONDS):
        raise Refused("Đang có người khác ghi vào cơ sở dữ liệu và chưa xong. Không có gì được "
                      "ghi; hãy thử lại sau ít phút.")
    try:
        con = cursor()
        try:
            yield con
        finally:
            con.close()
    finally:
        _WRITE_LOCK.release()
def ensure_demo() -> Path | None:
    """On a fresh clone (no $CHITIEU_DB, no data/chitieu.duckdb) build the demo database from
    data/seed through the ETL, as `make db` would; returns its path when it was built."""
    if os.environ.get("CHITIEU_DB", "").strip() or DEFAULT_DB.exists():
        return None
    from etl.build import build_database  # only on first start: the ETL is not needed after

    return build_database(DEFAULT_DB)


def missing_message() -> str | None:
    """A Vietnamese message when the database file is absent, held by another process or has no
    data model, else None."""
    path = db_path()
    hint = f"Chạy `make db` (hoặc `python -m etl build --db {path}`) rồi tải lại trang."
    if not path.is_file():
        return f"Chưa có cơ sở dữ liệu tại `{path}`. {hint}"
    try:
        connection()
    except duckdb.IOException as err:
        holder = dbfile.holder_of(err)
        if holder is None and not dbfile.is_database_file(path):
            return (f"Tệp `{path}` không phải cơ sở dữ liệu DuckDB của Chỉ Tiêu. Đặt CHITIEU_DB "
                    "tới tệp .duckdb đúng rồi tải lại trang.")
        if holder is None:
            raise
        pid = f" (PID {holder.pid})" if holder.pid is not None else ""
        who = {"cli": "một lệnh `python -m etl`", "dashboard": "một máy chủ Chỉ Tiêu khác"}.get(
            holder.kind, "một chương trình khác") + pid
        return (
            f"Cơ sở dữ liệu `{path}` đang được {who} mở. Chờ lệnh đó xong hoặc dừng chương "
            "trình kia, rồi tải lại trang."
        )
    # On a cursor: every session runs this at once, and the shared connection refuses a second
    # call while one is running ('connection is busy with another call').
    if not _has_data_model(cursor()):
        return f"Tệp `{path}` chưa có mô hình dữ liệu Chỉ Tiêu. {hint}"
    return None
