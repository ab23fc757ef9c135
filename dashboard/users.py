"""Accounts for admins in the dashboard (the CLI cannot open the database while the server holds
it): the list, a form to create one and the removal, all through etl/accounts.py, which checks
again that the person is an admin and writes the audit log. Passwords are emptied from the
session as soon as the form has been handled."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import auth, ui
from dashboard.db import cursor, writer
from dashboard.fmt import MISSING, fmt_datetime
from dashboard.refusals import said
from etl import accounts, store_accounts
from etl.errors import Refused

__all__ = ["FIELDS", "ROLE_CHOICES", "add_from_form", "messages", "remove_and_tell", "users_frame"]

ROLE_CHOICES = {label: role for role, label in accounts.ROLE_LABELS.items()}
FIELDS = {"name": "tk_ten", "role": "tk_vai_tro", "places": "tk_dia_phuong",
          "password": "tk_mat_khau", "again": "tk_nhap_lai"}
_DONE, _ERROR = "tk_thong_bao", "tk_loi"


def users_frame() -> pd.DataFrame:
    raw = store_accounts.users_frame(cursor())
    return pd.DataFrame({
        "Tên đăng nhập": raw["name"],
        "Vai trò": raw["role"].map(lambda r: accounts.ROLE_LABELS.get(r, r)),
        "Địa phương": raw["localities"].fillna(MISSING),
        "Tạo lúc": raw["created_at"].map(fmt_datetime),
        "Tạo bởi": raw["created_by"].fillna(MISSING),
    })


def _places(text: str) -> list[str]:
    return [part.strip() for part in text.replace("\n", ";").split(";") if part.strip()]


def add_from_form() -> None:
    """Form callback: create the account as the logged-in admin, then forget the passwords."""
    state = st.session_state
    password, again = str(state.get(FIELDS["password"], "")), str(state.get(FIELDS["again"], ""))
    state[FIELDS["password"]] = state[FIELDS["again"]] = ""
    if password != again:
        state[_ERROR] = "Hai lần nhập mật khẩu không giống nhau."
        return
    role = ROLE_CHOICES.get(state.get(FIELDS["role"]), "")
    try:
        with writer() as con:  # the process's one writer, as for saves and undos
            account = accounts.add_user(con, str(state.get(FIELDS["name"], "")), password, role,
                                        _places(str(state.get(FIELDS["places"], ""))),
                                        actor=auth.actor())
    except Refused as err:
        state[_ERROR] = said(err)
        return
    state[_DONE] = f"Đã tạo tài khoản {account.name} ({accounts.ROLE_LABELS[account.role]})."


def remove_and_tell(name: str) -> None:
    try:
        with writer() as con:
            accounts.remove_user(con, name, actor=auth.actor())
    except Refused as err:
        st.session_state[_ERROR] = said(err)
        return
    st.session_state[_DONE] = f"Đã xoá tài khoản {name}."


def messages() -> None:
    """The outcome of the last action, once, as text (`ui.outcome`)."""
    ui.outcome(_DONE, _ERROR)
