"""Accounts for the dashboard tests, made by the same function as `python -m etl user add`,
and logging in through the page's own form."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from etl import accounts, store
from etl.accounts import Actor

PASSWORD = "mật-khẩu-thử-12345"
ACCOUNTS = [("quantri", "admin", []), ("ductrong", "staff", ["Huyện Đức Trọng"]),
            ("baoloc", "staff", ["Thành phố Bảo Lộc"]), ("xem", "viewer", [])]


def add_accounts(path: Path) -> None:
    """The test accounts, created as `python -m etl user add` does (the local operator)."""
    con = store.connect(path)
    try:
        for name, role, places in ACCOUNTS:
            accounts.add_user(con, name, PASSWORD, role, places, actor=Actor.local_operator())
        con.execute("CHECKPOINT")
    finally:
        con.close()


def login(at: AppTest, name: str, password: str = PASSWORD) -> AppTest:
    """Fill Tên đăng nhập and Mật khẩu and press Đăng nhập."""
    at.text_input(key="ten_dang_nhap").input(name)
    at.text_input(key="mat_khau").input(password)
    click(at, "Đăng nhập")
    return at


def click(at: AppTest, label: str) -> AppTest:
    """Press the button with this label and check the run raised nothing."""
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception, [e.message for e in at.exception]
    return at
