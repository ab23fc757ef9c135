"""SQL for the audit log: who did what, when, through which channel (web or cli), from which
file. Rows are only ever added."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # frames come from DuckDB's .df(); a load never imports pandas
    import pandas as pd

from etl.sql import run

__all__ = ["ACTION_LABELS", "VIA_LABELS", "record", "read"]

# How the dashboard's Lịch sử page and the CLI's `audit` say each action and channel.
ACTION_LABELS = {
    "login": "Đăng nhập", "login_failed": "Đăng nhập sai", "login_locked": "Đăng nhập bị chặn",
    "logout": "Đăng xuất", "import": "Nạp tệp", "rollback": "Hoàn tác lô",
    "user_add": "Tạo tài khoản", "user_remove": "Xoá tài khoản", "catalog": "Sửa danh mục",
}
VIA_LABELS = {"web": "Trình duyệt", "cli": "Dòng lệnh"}


def record(con: duckdb.DuckDBPyConnection, *, actor: str, via: str, action: str,
           subject: str | None = None, file_name: str | None = None,
           detail: str | None = None) -> None:
    """Add one entry (inside the caller's transaction when there is one)."""
    run(con, """INSERT INTO audit_log (happened_at, actor, via, action, subject, file_name, detail)
                VALUES (?, ?, ?, ?, ?, ?, ?)""",
        [datetime.now(), actor, via, action, subject, file_name, detail])


def read(con: duckdb.DuckDBPyConnection, limit: int = 1000) -> pd.DataFrame:
    """The latest entries, newest first."""
    return con.execute(
        """SELECT id, happened_at, actor, via, action, subject, file_name, detail
           FROM audit_log ORDER BY id DESC LIMIT ?""", [limit]
    ).df()
