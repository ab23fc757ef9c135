"""Tài khoản: an admin lists, creates and removes accounts in the dashboard (the CLI cannot while
the server holds the database); the page is not there for anyone else, and the ETL refuses a
non-admin whatever the page shows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.plain import md
from etl import accounts
from etl.accounts import Actor
from etl.errors import Refused
from tests.dashboard.logins import click, login

APP = Path(__file__).resolve().parents[2] / "app.py"
NEW_PASSWORD = "mật-khẩu-cán-bộ-mới-2025"


def _as(name: str) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    login(at, name)
    at.switch_page("pages/tai_khoan.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _users(db: Path) -> dict[str, str]:
    con = duckdb.connect(str(db))
    try:
        return dict(con.execute("SELECT name, password_hash FROM users").fetchall())
    finally:
        con.close()


def test_admin_creates_a_staff_account_that_can_log_in(staff_db):
    at = _as("quantri")
    assert "ductrong" in set(at.dataframe[0].value["Tên đăng nhập"])
    at.text_input(key="tk_ten").input("canbo_hiepan")
    at.selectbox(key="tk_vai_tro").select("Cán bộ nhập liệu")
    at.text_input(key="tk_dia_phuong").input("Xã Hiệp An, Huyện Đức Trọng")
    at.text_input(key="tk_mat_khau").input(NEW_PASSWORD)
    at.text_input(key="tk_nhap_lai").input(NEW_PASSWORD)
    click(at, "Tạo tài khoản")
    assert md("Đã tạo tài khoản canbo_hiepan") in at.success[0].value
    assert at.session_state["tk_mat_khau"] == at.session_state["tk_nhap_lai"] == ""
    assert _users(staff_db)["canbo_hiepan"].startswith("$argon2id$")
    row = at.dataframe[0].value.set_index("Tên đăng nhập").loc["canbo_hiepan"]
    assert row["Địa phương"] == "Xã Hiệp An" and row["Tạo bởi"] == "quantri"
    con = duckdb.connect(str(staff_db))
    try:
        assert accounts.login(con, "canbo_hiepan", NEW_PASSWORD).locality_ids == ["X63-24961"]
    finally:
        con.close()


def test_an_account_name_is_told_as_text_not_markup(staff_db):
    """A name typed as a link reads back as written: no link in the success message."""
    at = _as("quantri")
    name = "[bam](https://evil.example)**x**"
    at.text_input(key="tk_ten").input(name)
    at.selectbox(key="tk_vai_tro").select(accounts.ROLE_LABELS["viewer"])
    at.text_input(key="tk_mat_khau").input(NEW_PASSWORD)
    at.text_input(key="tk_nhap_lai").input(NEW_PASSWORD)
    click(at, "Tạo tài khoản")
    told = at.success[0].value
    assert md(f"Đã tạo tài khoản {name}") in told  # escaped: no link, no bold
    assert name in _users(staff_db)


def test_mismatched_passwords_create_nothing(staff_db):
    at = _as("quantri")
    at.text_input(key="tk_ten").input("canbo2")
    at.text_input(key="tk_mat_khau").input(NEW_PASSWORD)
    at.text_input(key="tk_nhap_lai").input(NEW_PASSWORD + "x")
    click(at, "Tạo tài khoản")
    assert "không giống nhau" in at.error[0].value and "canbo2" not in _users(staff_db)


def test_admin_removes_an_account_after_confirming(staff_db):
    at = _as("quantri")
    at.selectbox(key="tk_xoa").select("baoloc").run()
    at.checkbox(key="tk_xoa_baoloc").check().run()
    click(at, "Xoá tài khoản")
    assert md("Đã xoá tài khoản baoloc") in at.success[0].value
    assert "baoloc" not in _users(staff_db)


def test_staff_has_no_accounts_page_and_the_etl_refuses_it(staff_db):
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    login(at, "ductrong")
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/tai_khoan.py")  # not registered for a staff member
    con = duckdb.connect(str(staff_db))
    try:
        with pytest.raises(Refused, match="Chỉ quản trị viên"):
            accounts.add_user(con, "x", NEW_PASSWORD, "admin", [], actor=Actor("ductrong"))
        with pytest.raises(Refused, match="Chỉ quản trị viên"):
            accounts.remove_user(con, "quantri", actor=Actor("ductrong"))
    finally:
        con.close()
