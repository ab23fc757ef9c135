"""Chỉ Tiêu dashboard entry point: page setup, the database check and the one page list.

Run with `make run` (or `streamlit run app.py`); the database is $CHITIEU_DB, else
data/chitieu.duckdb, built from data/seed on the first start when it is missing. With
CHITIEU_LOGIN_REQUIRED=1 the only page before login is the login form.
"""

from pathlib import Path

import streamlit as st

from dashboard import auth, db, ui
from dashboard.i18n import ADMIN_PAGES, APP_TITLE, PAGES

st.set_page_config(page_title=APP_TITLE, page_icon=ui.page_icon(), layout="wide")

if db.ensure_demo() is not None:
    st.toast("Đã dựng cơ sở dữ liệu mẫu từ data/seed.", icon=":material/database:")
problem = db.missing_message()
if problem:
    st.error(problem, icon=":material/database:")
    st.stop()

ui.vietnamese_hints()
PAGE_DIR = Path(__file__).resolve().parent / "pages"
account = auth.sidebar()
if account is None and auth.login_required():  # CHITIEU_LOGIN_REQUIRED: no browsing
    shown = {}
    pages = [st.Page(auth.login_page, title="Đăng nhập", icon=":material/login:")]
else:
    shown = {**PAGES, **(ADMIN_PAGES if account and account.role == "admin" else {})}
    pages = [st.Page(PAGE_DIR / name, title=title, icon=icon) for name, (title, icon) in
             shown.items()]
# pages that exist but this visitor is not shown: their address asks for a login
withheld = {Path(name).stem for name in {**PAGES, **ADMIN_PAGES}.keys() - shown.keys()}
ui.open_addressed_page(pages, withheld)
