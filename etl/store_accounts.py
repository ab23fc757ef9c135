"""SQL for accounts: users and their localities, failed-login counters, and the scope query
(which localities an account may write for, through the localities' parent chain and the
2025 lineage). The rules themselves are in etl/accounts.py."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # frames come from DuckDB's .df(); a load never imports pandas
    import pandas as pd

from etl.sql import one, run

__all__ = [
    "insert_user", "delete_user", "get_user", "user_localities", "users_frame",
    "failures", "set_failures", "clear_failures", "set_password_hash", "outside_scope",
    "locality_names", "batch_owner",
]


def insert_user(con: duckdb.DuckDBPyConnection, name: str, role: str, password_hash: str,
                locality_ids: list[str], created_by: str) -> None:
    run(con, "INSERT INTO users VALUES (?, ?, ?, ?, ?)",
        [name, role, password_hash, datetime.now(), created_by])
    for locality_id in locality_ids:
        run(con, "INSERT INTO user_localities VALUES (?, ?)", [name, locality_id])


def delete_user(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Remove the account and its localities; False when there was none."""
    gone = con.execute("DELETE FROM users WHERE name = ? RETURNING name", [name]).fetchall()
    run(con, "DELETE FROM user_localities WHERE user_name = ?", [name])
    return bool(gone)


def get_user(con: duckdb.DuckDBPyConnection, name: str) -> tuple[str, str, str] | None:
    """(name, role, password_hash) of an account, or None."""
    return one(con, "SELECT name, role, password_hash FROM users WHERE name = ?", [name])


def set_password_hash(con: duckdb.DuckDBPyConnection, name: str, password_hash: str) -> None:
    run(con, "UPDATE users SET password_hash = ? WHERE name = ?", [password_hash, name])


def user_localities(con: duckdb.DuckDBPyConnection, name: str) -> list[str]:
    rows = con.execute(
        "SELECT locality_id FROM user_localities WHERE user_name = ? ORDER BY locality_id", [name]
    ).fetchall()
    return [r[0] for r in rows]


def users_frame(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Every account with its role and locality names (no hash)."""
    return con.execute(
        """SELECT u.name, u.role,
                  string_agg(coalesce(l.name, ul.locality_id), '; ' ORDER BY l.name) AS localities,
                  u.created_at, u.created_by
           FROM users u
           LEFT JOIN user_localities ul ON ul.user_name = u.name
           LEFT JOIN localities l ON l.id = ul.locality_id
           GROUP BY u.name, u.role, u.created_at, u.created_by
           ORDER BY u.name"""
    ).df()


def failures(con: duckdb.DuckDBPyConnection, name: str) -> tuple[int, datetime, datetime | None]:
    """(failures, last failure, locked until) for a login name; (0, datetime.min, None) if none."""
    row = one(con, "SELECT failures, last_failure, locked_until FROM login_failures WHERE name = ?",
              [name])
    return row if row else (0, datetime.min, None)


def set_failures(con: duckdb.DuckDBPyConnection, name: str, count: int, at: datetime,
                 locked_until: datetime | None) -> None:
    run(con, "INSERT OR REPLACE INTO login_failures VALUES (?, ?, ?, ?)",
        [name, count, at, locked_until])


def clear_failures(con: duckdb.DuckDBPyConnection, name: str) -> None:
    run(con, "DELETE FROM login_failures WHERE name = ?", [name])


def outside_scope(con: duckdb.DuckDBPyConnection, name: str, locality_ids: list[str]) -> list[str]:
    """The ids among `locality_ids` that the account may not write for: not one of its
    localities, not under one (parent chain), and not a unit that became one (lineage)."""
    rows = con.execute(
        """WITH RECURSIVE roots AS (
               SELECT locality_id AS id FROM user_localities WHERE user_name = $name
               UNION
               SELECT g.old_id FROM lineage g
               JOIN user_localities ul ON ul.locality_id = g.new_id AND ul.user_name = $name
           ), up(start_id, id) AS (
               SELECT id, id FROM localities WHERE list_contains($ids, id)
               UNION
               SELECT up.start_id, l.parent_id FROM up JOIN localities l ON l.id = up.id
               WHERE l.parent_id IS NOT NULL
           )
           SELECT DISTINCT start_id FROM up WHERE id IN (SELECT id FROM roots)""",
        {"name": name, "ids": locality_ids},
    ).fetchall()
    allowed = {r[0] for r in rows}
    return sorted(set(locality_ids) - allowed)


def locality_names(con: duckdb.DuckDBPyConnection, locality_ids: list[str]) -> dict[str, str]:
    rows = con.execute("SELECT id, name FROM localities WHERE list_contains(?, id)",
                       [locality_ids]).fetchall()
    return dict(rows)


def batch_owner(con: duckdb.DuckDBPyConnection, batch_id: int) -> tuple[str | None, list[str]]:
    """Who loaded a batch and the localities its rows name."""
    row = one(con, "SELECT loaded_by FROM batches WHERE id = ?", [batch_id])
    places = con.execute(
        "SELECT DISTINCT locality_id FROM observations WHERE batch_id = ? ORDER BY 1", [batch_id]
    ).fetchall()
    return (row[0] if row else None), [p[0] for p in places]
