"""Who is logged in to the dashboard: the login form (Tên đăng nhập, Mật khẩu, Đăng nhập), the
session with its idle timeout, logout, and the acting person every write passes to the ETL
(which checks the permission itself, in etl/accounts.py).

Configuration (environment variables):
- CHITIEU_LOGIN_REQUIRED=1 — no browsing without login (default: browsing is open, writing
  always needs a login);
- CHITIEU_SESSION_MINUTES — idle minutes before a session expires (default 30);
- CHITIEU_AUTH=oidc — single sign-on through Streamlit's `st.login` (an [auth] section in
  .streamlit/secrets.toml); the e-mail the provider gives must be the name of a local account,
  whose role and localities apply.

The session keeps the account name and the time of the last action, never the password: the
password field is emptied by the form's callback as soon as it has been checked.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta

import streamlit as st

from dashboard.db import cursor, writer
from dashboard.refusals import said
from etl import accounts, store_audit
from etl.accounts import Account, Actor
from etl.errors import Refused

__all__ = [
    "login_required", "idle_limit", "current", "actor", "login_form", "login_page", "logout",
    "sidebar",
    "gate_admin", "gate_writing", "SESSION_KEY",
]

SESSION_KEY = "nguoi_dung"
_ERROR_KEY = "loi_dang_nhap"
_EXPIRED_KEY = "phien_het_han"
_NAME_KEY = "ten_dang_nhap"
_PASSWORD_KEY = "mat_khau"
_TRUE = {"1", "true", "yes", "co", "có"}


def login_required() -> bool:
    """Whether browsing needs a login (CHITIEU_LOGIN_REQUIRED)."""
    return os.environ.get("CHITIEU_LOGIN_REQUIRED", "").strip().lower() in _TRUE


def idle_limit() -> timedelta:
    try:
        minutes = float(os.environ.get("CHITIEU_SESSION_MINUTES", "") or 30)
    except ValueError:
        minutes = 30
    return timedelta(minutes=minutes)


def _sso() -> bool:
    return os.environ.get("CHITIEU_AUTH", "").strip().lower() == "oidc"


def _sso_name() -> str | None:
    """The e-mail the identity provider gave, when the user has signed in through it."""
    if not st.user.get("is_logged_in", False):
        return None
    return str(st.user.get("email") or "") or None


def current() -> Account | None:
    """The logged-in account, read again from the database (a removed account is out at once);
    None when nobody is logged in or the session has been idle too long."""
    if _sso():
        name = _sso_name()
        return accounts.get_account(cursor(), name) if name else None
    info = st.session_state.get(SESSION_KEY)
    if not info:
        return None
    now = datetime.now()
    if now - info["last_seen"] > idle_limit():
        del st.session_state[SESSION_KEY]
        st.session_state[_EXPIRED_KEY] = True
        return None
    account = accounts.get_account(cursor(), info["name"])
    if account is None:
        del st.session_state[SESSION_KEY]
        return None
    info["last_seen"] = now
    return account


def actor() -> Actor | None:
    """The person a write is done as, or None (the ETL then refuses the write)."""
    account = current()
    return Actor(account.name, via="web") if account else None


def _submit() -> None:
    """Form callback: check the password, then forget it."""
    name = str(st.session_state.get(_NAME_KEY, ""))
    password = str(st.session_state.get(_PASSWORD_KEY, ""))
    st.session_state[_PASSWORD_KEY] = ""
    try:
        account = accounts.login(cursor(), name, password)
    except Refused as err:
        st.session_state[_ERROR_KEY] = said(err)
        return
    st.session_state[SESSION_KEY] = {"name": account.name, "last_seen": datetime.now()}
    st.session_state.pop(_EXPIRED_KEY, None)


def login_form() -> None:
    """The login form, with the last refusal or the expiry notice above it."""
    if st.session_state.pop(_EXPIRED_KEY, False):
        minutes = int(idle_limit().total_seconds() // 60)
        st.warning(f"Phiên đăng nhập đã hết hạn sau {minutes} phút không hoạt động. "
                   "Hãy đăng nhập lại.", icon=":material/timer_off:")
    if _sso():
        if st.button("Đăng nhập", type="primary", key="dang_nhap_sso"):
            st.login()  # to the provider in .streamlit/secrets.toml [auth], then back here
        return
    if _ERROR_KEY in st.session_state:
        st.error(st.session_state.pop(_ERROR_KEY), icon=":material/lock:")
    with st.form("dang_nhap"):
        st.text_input("Tên đăng nhập", key=_NAME_KEY, autocomplete="username")
        st.text_input("Mật khẩu", type="password", key=_PASSWORD_KEY,
                      autocomplete="current-password")
        st.form_submit_button("Đăng nhập", type="primary", on_click=_submit)


def login_page() -> None:
    """The one page shown before login when browsing needs a login."""
    st.title("Đăng nhập")
    st.caption("Chỉ Tiêu – theo dõi chỉ tiêu kinh tế – xã hội")
    login_form()


def logout() -> None:
    info = st.session_state.pop(SESSION_KEY, None)
    if info:
        with writer() as con:
            store_audit.record(con, actor=info["name"], via="web", action="logout")
    if _sso() and st.user.get("is_logged_in", False):
        st.logout()


def sidebar() -> Account | None:
    """The login state in the sidebar (name, role, Đăng xuất); returns the account."""
    account = current()
    if account is not None:
        with st.sidebar:
            st.caption(f"Đăng nhập: **{account.name}** · {accounts.ROLE_LABELS[account.role]}")
            st.button("Đăng xuất", icon=":material/logout:", on_click=logout, key="dang_xuat")
    return account


def gate_admin() -> Account | None:
    """On an admin page: the admin's account, else a notice (the caller stops). The pages are
    registered only for admins; this stops an address typed by anyone else."""
    account = current()
    if account is None or account.role != "admin":
        st.warning("Chỉ quản trị viên xem được trang này.", icon=":material/lock:")
        return None
    return account


def gate_writing() -> Account | None:
    """On a page that writes: the account when it may write, else the login form or a notice
    (the caller stops). The ETL checks again at the write itself."""
    account = current()
    if account is None and _sso() and _sso_name():
        st.warning(f"{_sso_name()} đã đăng nhập nhưng chưa có tài khoản Chỉ Tiêu: nhờ quản trị "
                   "viên tạo tài khoản mang đúng địa chỉ thư này.", icon=":material/person_off:")
        return None
    if account is None:
        st.info("Cần đăng nhập để nạp hoặc hoàn tác số liệu.", icon=":material/login:")
        login_form()
        return None
    if not account.can_write:
        st.warning(f"Tài khoản {account.name} chỉ được xem số liệu; nhờ quản trị viên cấp quyền "
                   "cán bộ nhập liệu để nạp tệp.", icon=":material/visibility:")
        return None
    return account
