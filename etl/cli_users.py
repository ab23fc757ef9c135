"""The CLI's `user add|list|remove` and `audit` commands. The password is read from standard
input (a hidden prompt, asked twice, on a terminal) and never printed."""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from etl import accounts, store, store_accounts, store_audit
from etl.accounts import Actor
from etl.errors import Refused

if TYPE_CHECKING:
    import duckdb

__all__ = ["run_user", "run_audit", "read_password"]

_USER_COLUMNS = {"name": "Tên đăng nhập", "role": "Vai trò", "localities": "Địa phương",
                 "created_at": "Tạo lúc", "created_by": "Tạo bởi"}
_AUDIT_COLUMNS = {"id": "Số", "happened_at": "Lúc", "actor": "Người", "via": "Qua",
                  "action": "Việc", "subject": "Đối tượng", "file_name": "Tệp",
                  "detail": "Chi tiết"}


def read_password(stdin=None) -> str:
    """The password: a hidden prompt asked twice on a terminal, else the first line of stdin."""
    stdin = stdin or sys.stdin
    if stdin.isatty():
        first = getpass.getpass("Mật khẩu: ")
        if getpass.getpass("Nhập lại mật khẩu: ") != first:
            raise Refused("Hai lần nhập mật khẩu không giống nhau.")
        return first
    line = stdin.readline()
    if not line.strip():
        raise Refused("Chưa có mật khẩu: đưa mật khẩu vào đầu vào chuẩn, ví dụ "
                      "`python -m etl user add TÊN --role admin < tệp_mật_khẩu`.")
    return line.rstrip("\r\n")


def _open(db: Path):
    try:
        con = store.connect(db)
    except Refused:
        raise Refused(
            f"Cơ sở dữ liệu {db} đang được bảng điều khiển (Streamlit) mở. Quản lý tài khoản ở "
            "trang Tài khoản của bảng điều khiển (đăng nhập bằng tài khoản quản trị), hoặc dừng "
            "máy chủ rồi chạy lại lệnh."
        ) from None
    store.ensure_schema(con)
    return con


def run_user(args: argparse.Namespace, db: Path) -> int:
    operator = Actor.local_operator()
    if args.user_command == "add":
        password = read_password()
        con = _open(db)
        try:
            account = accounts.add_user(con, args.name, password, args.role, args.locality,
                                        actor=operator)
            places = f" cho {_places(con, account.locality_ids)}" if account.locality_ids else ""
        finally:
            con.close()
        print(f"Đã tạo tài khoản {account.name} ({accounts.ROLE_LABELS[account.role]}){places}.")
        return 0
    if args.user_command == "remove":
        con = _open(db)
        try:
            accounts.remove_user(con, args.name, actor=operator)
        finally:
            con.close()
        print(f"Đã xoá tài khoản {args.name}.")
        return 0
    return _list(db)


def _list(db: Path) -> int:
    con = _open(db)
    try:
        frame = store_accounts.users_frame(con)
        frame["localities"] = [_places(con, store_accounts.user_localities(con, name))
                               for name in frame["name"]]
    finally:
        con.close()
    if frame.empty:
        print("Chưa có tài khoản nào. Tạo quản trị viên đầu tiên: "
              "python -m etl user add TÊN --role admin")
        return 0
    frame["created_at"] = frame["created_at"].dt.strftime("%d/%m/%Y %H:%M")
    frame["role"] = frame["role"].map(lambda role: accounts.ROLE_LABELS.get(role, role))
    _print_table(frame.fillna("").rename(columns=_USER_COLUMNS))
    return 0


def _print_table(frame) -> None:
    """Columns left-aligned under their headers, two spaces apart (pandas right-aligns text,
    which left the headers over nothing)."""
    cells = [[str(v) for v in frame.columns]] + [[str(v) for v in row]
                                                 for row in frame.itertuples(index=False)]
    widths = [max(len(row[i]) for row in cells) for i in range(len(frame.columns))]
    for row in cells:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True))
              .rstrip())


def _places(con: duckdb.DuckDBPyConnection, locality_ids: list[str]) -> str:
    """'Huyện Đức Trọng (H63-678); Xã Hiệp An (X63-24961)': each name with its code, which
    tells apart the many units sharing a name ('Phường 1') and is what --locality also takes."""
    names = store_accounts.locality_names(con, locality_ids)
    return "; ".join(f"{names[i]} ({i})" if i in names else i for i in locality_ids)


def run_audit(args: argparse.Namespace, db: Path) -> int:
    con = _open(db)
    try:
        frame = store_audit.read(con, args.limit)
    finally:
        con.close()
    if frame.empty:
        print("Nhật ký trống.")
        return 0
    frame["happened_at"] = frame["happened_at"].dt.strftime("%d/%m/%Y %H:%M:%S")
    frame["action"] = frame["action"].map(lambda a: store_audit.ACTION_LABELS.get(a, a))
    frame["via"] = frame["via"].map(lambda v: store_audit.VIA_LABELS.get(v, v))
    _print_table(frame.fillna("").rename(columns=_AUDIT_COLUMNS))
    return 0
