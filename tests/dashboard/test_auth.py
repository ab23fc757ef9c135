"""Logging in and out of the dashboard through AppTest: browsing open by default, closed by
CHITIEU_LOGIN_REQUIRED; the sidebar says who is logged in; logging out is in the audit log."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from tests.dashboard.logins import click, login

APP = Path(__file__).resolve().parents[2] / "app.py"


def _app() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_browsing_is_open_by_default(staff_db):
    at = _app()
    assert at.title[0].value == "Tổng quan"
    assert not [t for t in at.text_input if t.key == "ten_dang_nhap"]


def test_login_required_shows_only_the_login_page(staff_db, monkeypatch):
    monkeypatch.setenv("CHITIEU_LOGIN_REQUIRED", "1")
    at = _app()
    assert at.title[0].value == "Đăng nhập"
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/tong_quan.py")
    login(at, "xem")
    assert at.title[0].value == "Tổng quan"
    at.switch_page("pages/so_sanh.py")
    at.run()
    assert not at.exception and at.title[0].value == "So sánh"


def test_sidebar_names_the_person_and_logs_out(staff_db):
    at = _app()
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    login(at, "ductrong")
    assert "**ductrong** · Cán bộ nhập liệu" in at.sidebar.caption[0].value
    click(at, "Đăng xuất")
    assert "nguoi_dung" not in at.session_state and not at.file_uploader
    con = duckdb.connect(str(staff_db))
    try:
        actions = con.execute("SELECT action FROM audit_log WHERE actor = 'ductrong' ORDER BY id"
                              ).fetchall()
    finally:
        con.close()
    assert actions[-2:] == [("login",), ("logout",)]


def test_single_sign_on_mode_offers_the_provider_button_instead_of_the_form(staff_db,
                                                                            monkeypatch):
    """CHITIEU_AUTH=oidc: no local password form; the button starts Streamlit's st.login."""
    monkeypatch.setenv("CHITIEU_AUTH", "oidc")
    at = _app()
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    assert not at.exception
    assert not [t for t in at.text_input if t.key == "mat_khau"]
    assert [b.label for b in at.button if b.key == "dang_nhap_sso"] == ["Đăng nhập"]
