"""Chỉ Tiêu dashboard entry point: page setup, the database check and the one page list.

Run with `make run` (or `streamlit run app.py`); the database is $CHITIEU_DB, else
data/chitieu.duckdb, built from data/seed on the first start when it is missing.
"""

from pathlib import Path

import streamlit as st

from dashboard import db, ui
from dashboard.i18n import APP_TITLE, PAGES
from dashboard.upload import ACCEPTED_TYPES

st.set_page_config(page_title=APP_TITLE, page_icon=ui.page_icon(), layout="wide")

if db.ensure_demo() is not None:
    st.toast("Đã dựng cơ sở dữ liệu mẫu từ data/seed.", icon=":material/database:")
problem = db.missing_message()
if problem:
    st.error(problem, icon=":material/database:")
    st.stop()

ui.vietnamese_widgets(ACCEPTED_TYPES)
PAGE_DIR = Path(__file__).resolve().parent / "pages"
navigation = st.navigation(
    [st.Page(PAGE_DIR / name, title=title, icon=icon) for name, (title, icon) in PAGES.items()]
)
navigation.run()
