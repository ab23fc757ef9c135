"""Accounts and permissions: argon2 password hashes, the three roles, login with slowing and
locking after repeated failures, and the checks every write runs (import, rollback) for the
acting person. SQL is in etl/store_accounts.py; nothing here imports Streamlit.

Roles: viewer (browse), staff (write for the localities assigned and the units under them),
admin (everything). The CLI's local operator (who holds the database file anyway) acts with
full rights under the operating-system user name unless `--user NAME` names an account.
"""

from __future__ import annotations

import functools
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import duckdb

from etl import localities, store_accounts, store_audit
from etl.actor import Actor, login_name
from etl.errors import Refused
from etl.sql import transaction
from etl.text import clean

__all__ = [
    "ROLES", "ROLE_LABELS", "Actor", "Account", "hash_password", "login_name", "add_user",
    "remove_user",
    "get_account", "login", "authorize_import", "authorize_rollback", "resolve_localities",
    "require_admin", "SLOW_AFTER", "LOCK_AFTER", "LOCK_MINUTES",
]

ROLES = ("viewer", "staff", "admin")
ROLE_LABELS = {"viewer": "Xem số liệu", "staff": "Cán bộ nhập liệu", "admin": "Quản trị"}
SLOW_AFTER = 3          # failures before each new attempt has to wait
LOCK_AFTER = 5          # failures that lock the name for LOCK_MINUTES
LOCK_MINUTES = 15
_SLOW_SECONDS = 5       # wait after SLOW_AFTER failures, doubled for each further one
_MIN_PASSWORD = 8
_WRONG = "Tên đăng nhập hoặc mật khẩu không đúng."

if TYPE_CHECKING:
    from argon2 import PasswordHasher


@functools.cache
def _hasher() -> PasswordHasher:
    """argon2 is imported on first use: a load never hashes a password."""
    from argon2 import PasswordHasher

    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """A hash checked for unknown names, so they cost the same time as known ones."""
    return _hasher().hash("chi-tieu-dummy-password")


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    locality_ids: list[str] = field(default_factory=list)

    @property
    def can_write(self) -> bool:
        return self.role in ("staff", "admin")


def _nfc(password: str) -> str:
    """Vietnamese keyboards send 'ộ' precomposed or as o + marks: both are the same password."""
    return unicodedata.normalize("NFC", password)


def hash_password(password: str) -> str:
    """An argon2id hash; refuses passwords too short to be worth hashing."""
    if len(_nfc(password)) < _MIN_PASSWORD:
        raise Refused(f"Mật khẩu phải có ít nhất {_MIN_PASSWORD} ký tự.")
    return _hasher().hash(_nfc(password))


def resolve_localities(names: list[str]) -> list[str]:
    """Catalog ids for locality names as people write them (or ids such as 'T34-68')."""
    ids = []
    for name in names:
        text = clean(name)
        try:
            ids.append(localities.get(text).id)
            continue
        except Refused:
            pass
        try:
            ids.append(localities.resolve(text).id)
        except Refused as err:
            hint = f" Có thể ghi mã: {', '.join(err.candidates[:8])}." if err.candidates else ""
            raise err.but(message=err.message + hint, field="locality") from None
    return sorted(set(ids))


def add_user(con: duckdb.DuckDBPyConnection, name: str, password: str, role: str,
             locality_names: list[str], *, actor: Actor) -> Account:
    """Create an account in one transaction, with its audit entry."""
    name = login_name(name)
    if not name or any(c.isspace() for c in name):
        raise Refused("Tên đăng nhập không được để trống hay có khoảng trắng.")
    if role not in ROLES:
        raise Refused(f"Vai trò '{role}' không có; chọn một trong: {', '.join(ROLES)}.")
    if role == "staff" and not locality_names:
        raise Refused("Tài khoản cán bộ (staff) cần ít nhất một địa phương.",
                      reason="staff_needs_locality", field="locality")
    if role != "staff" and locality_names:
        raise Refused(f"Địa phương chỉ dành cho tài khoản cán bộ (staff); vai trò {role} "
                      "xem (hoặc quản trị) mọi địa phương.",
                      reason="locality_not_for_role", field="locality")
    ids = resolve_localities(locality_names) if role == "staff" else []
    password_hash = hash_password(password)
    _require_admin(con, actor, "tạo tài khoản")
    with transaction(con):
        if store_accounts.get_user(con, name):
            raise Refused(f"Đã có tài khoản '{name}'. Xoá trước bằng: python -m etl user remove "
                          f"{name}")
        store_accounts.insert_user(con, name, role, password_hash, ids, actor.name)
        store_audit.record(con, actor=actor.name, via=actor.via, action="user_add", subject=name,
                           detail=f"vai trò {role}" + (f"; {', '.join(ids)}" if ids else ""))
    return Account(name, role, ids)


def remove_user(con: duckdb.DuckDBPyConnection, name: str, *, actor: Actor) -> None:
    name = login_name(name)
    _require_admin(con, actor, "xoá tài khoản")
    with transaction(con):
        if not store_accounts.delete_user(con, name):
            raise Refused(f"Không có tài khoản '{name}'. Xem danh sách: python -m etl user list")
        store_accounts.clear_failures(con, name)
        store_audit.record(con, actor=actor.name, via=actor.via, action="user_remove",
                           subject=name)


def get_account(con: duckdb.DuckDBPyConnection, name: str) -> Account | None:
    row = store_accounts.get_user(con, login_name(name))
    if row is None:
        return None
    return Account(row[0], row[1], store_accounts.user_localities(con, row[0]))


def _wait_after(count: int) -> timedelta:
    return timedelta(seconds=_SLOW_SECONDS * 2 ** (count - SLOW_AFTER))


def _too_soon(count: int, last: datetime, locked_until: datetime | None,
              now: datetime) -> str | None:
    """A refusal when the name is locked or must wait before the next attempt."""
    if locked_until and now < locked_until:
        return (f"Đăng nhập sai {count} lần: tài khoản tạm khoá đến "
                f"{locked_until:%H:%M %d/%m/%Y}. Hãy thử lại sau, hoặc nhờ quản trị viên.")
    if count >= SLOW_AFTER and not locked_until and now < last + _wait_after(count):
        seconds = int((last + _wait_after(count) - now).total_seconds()) + 1
        return f"Đăng nhập sai {count} lần liên tiếp. Hãy chờ {seconds} giây rồi thử lại."
    return None


def login(con: duckdb.DuckDBPyConnection, name: str, password: str, *, via: str = "web",
          now: datetime | None = None) -> Account:
    """The account when name and password match; else Refused. Failures are counted in the
    database by the name typed: after SLOW_AFTER each attempt waits, after LOCK_AFTER the name
    is locked for LOCK_MINUTES. Every outcome goes to the audit log."""
    now = now or datetime.now()
    name = login_name(name)
    count, last, locked_until = store_accounts.failures(con, name)
    if locked_until and now >= locked_until:
        count, locked_until = 0, None  # the lock has run out: start again
    early = _too_soon(count, last, locked_until, now)
    if early:
        store_audit.record(con, actor=name, via=via, action="login_locked", detail=early)
        raise Refused(early)
    row = store_accounts.get_user(con, name)
    if row is None or not _verify(row[2], _nfc(password)):
        raise _failed(con, name, count + 1, now, via)
    store_accounts.clear_failures(con, name)
    if _hasher().check_needs_rehash(row[2]):
        store_accounts.set_password_hash(con, name, _hasher().hash(_nfc(password)))
    store_audit.record(con, actor=name, via=via, action="login")
    return Account(row[0], row[1], store_accounts.user_localities(con, name))


def _verify(password_hash: str, password: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError

    _dummy_hash()  # made before any check, so the first unknown name is not the slow one
    try:
        return _hasher().verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _failed(con: duckdb.DuckDBPyConnection, name: str, count: int, now: datetime,
            via: str) -> Refused:
    """Count a failure, lock when there are too many; the refusal to raise."""
    if not store_accounts.get_user(con, name):
        _verify(_dummy_hash(), "x")  # same cost as a real check: no hint which names exist
    locked = now + timedelta(minutes=LOCK_MINUTES) if count >= LOCK_AFTER else None
    store_accounts.set_failures(con, name, count, now, locked)
    store_audit.record(con, actor=name, via=via, action="login_failed", detail=f"lần {count}")
    if locked:
        return Refused(f"{_WRONG} Sai {count} lần: tài khoản tạm khoá {LOCK_MINUTES} phút.")
    if count >= SLOW_AFTER:
        return Refused(f"{_WRONG} Sai {count} lần liên tiếp: lần sau phải chờ "
                       f"{int(_wait_after(count).total_seconds())} giây.")
    return Refused(_WRONG)


def _writer(con: duckdb.DuckDBPyConnection, actor: Actor | None, what: str) -> Account | None:
    """The account behind a write (None for the local operator); Refused when it cannot write."""
    if actor is None:
        raise Refused(f"Cần đăng nhập để {what}.")
    if actor.operator:
        return None
    account = get_account(con, actor.name)
    if account is None:
        raise Refused(f"Không có tài khoản '{actor.name}'; không thể {what}.")
    if not account.can_write:
        raise Refused(f"Tài khoản '{actor.name}' chỉ được xem số liệu, không được {what}.")
    return account


def _require_admin(con: duckdb.DuckDBPyConnection, actor: Actor, what: str) -> None:
    account = _writer(con, actor, what)
    if account is not None and account.role != "admin":
        raise Refused(f"Chỉ quản trị viên mới được {what}.")


def require_admin(con: duckdb.DuckDBPyConnection, actor: Actor, what: str) -> None:
    """Refused unless `actor` is an admin account or the CLI's local operator (`what` names the
    action in the message): the check every admin-only write makes."""
    _require_admin(con, actor, what)


def _rows_text(rows: list[int]) -> str:
    shown = ", ".join(map(str, rows[:10]))
    return f"dòng {shown}{' …' if len(rows) > 10 else ''}"


def authorize_import(con: duckdb.DuckDBPyConnection, actor: Actor | None,
                     rows: list[tuple[int, str]]) -> None:
    """Refuse the whole file unless the actor may write every (row number, locality id) in it;
    the message names the localities outside the account's scope and their rows."""
    account = _writer(con, actor, "nạp số liệu")
    if account is None or account.role == "admin":
        return
    outside = store_accounts.outside_scope(con, account.name, sorted({loc for _, loc in rows}))
    if not outside:
        return
    names = store_accounts.locality_names(con, outside + account.locality_ids)
    parts = [f"{names.get(loc, loc)} ({_rows_text(sorted({r for r, x in rows if x == loc}))})"
             for loc in outside]
    own = ", ".join(names.get(loc, loc) for loc in account.locality_ids)
    raise Refused(
        f"Tài khoản '{account.name}' chỉ được nạp số liệu của {own} và các đơn vị trực thuộc; "
        f"tệp có số liệu của địa phương khác: {'; '.join(parts)}. Không ghi gì cả: hãy bỏ các "
        "dòng đó khỏi tệp, hoặc nhờ quản trị viên nạp."
    )


def authorize_rollback(con: duckdb.DuckDBPyConnection, actor: Actor | None,
                       batch_id: int) -> None:
    """A batch is rolled back by the person who loaded it (still within their localities) or by
    an admin."""
    account = _writer(con, actor, "hoàn tác")
    if account is None or account.role == "admin":
        return
    owner, places = store_accounts.batch_owner(con, batch_id)
    if owner != account.name:
        raise Refused(f"Lô {batch_id} do '{owner}' nạp: chỉ người nạp hoặc quản trị viên được "
                      "hoàn tác.")
    if store_accounts.outside_scope(con, account.name, places):
        raise Refused(f"Lô {batch_id} có số liệu ngoài địa phương của tài khoản "
                      f"'{account.name}': nhờ quản trị viên hoàn tác.")
