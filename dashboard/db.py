"""The dashboard's DuckDB connection: one per process, every query on its own cursor.

DuckDB allows one read-write process per file, so the Streamlit process opens the database
once (`st.cache_resource`) and uploads made in the browser write through the same connection.
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import streamlit as st

__all__ = [
    "DEFAULT_DB", "connection", "cursor", "db_path", "ensure_demo", "missing_message",
]

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = PROJECT_ROOT / "data" / "chitieu.duckdb"


def db_path() -> Path:
    """The database file: $CHITIEU_DB, else data/chitieu.duckdb in the project."""
    configured = os.environ.get("CHITIEU_DB", "").strip()
    return Path(configured).expanduser().resolve() if configured else DEFAULT_DB


@st.cache_resource(show_spinner=False)
def _connect(path: str) -> duckdb.DuckDBPyConnection:
    return duckdb.connect(path, read_only=False)


def connection() -> duckdb.DuckDBPyConnection:
    """The process-wide connection to `db_path()`."""
    return _connect(str(db_path()))


def cursor() -> duckdb.DuckDBPyConnection:
    """A fresh cursor: one per query, so concurrent sessions never share one."""
    return connection().cursor()


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
        if "lock" not in str(err).lower():
            raise
        return (
            f"Cơ sở dữ liệu `{path}` đang được một tiến trình khác mở (một lệnh `python -m etl` "
            "đang nạp, hoặc một máy chủ Chỉ Tiêu khác). Chờ lệnh đó xong hoặc dừng máy chủ kia, "
            "rồi tải lại trang."
        )
    tables = cursor().execute(
        "SELECT count(*) FROM duckdb_views() WHERE view_name = 'current_observations'"
    ).fetchone()
    if not tables or tables[0] == 0:
        return f"Tệp `{path}` chưa có mô hình dữ liệu Chỉ Tiêu. {hint}"
    return None
