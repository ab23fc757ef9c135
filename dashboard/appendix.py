"""The phụ lục download of Trình chiếu and Đạt chỉ tiêu: the appendix `python -m etl export
--format phuluc` writes (etl.phuluc), built from the dashboard's own connection, since the
command line cannot open the database while the dashboard holds it. Loading the file back with
`python -m etl load` gives the same figures. The workbook is written when someone clicks the
button, not on every visit to the page (openpyxl, and the first time the locality catalog:
seconds that every first view of a period paid)."""

from __future__ import annotations

import io

import streamlit as st

from dashboard import queries
from dashboard.db import cursor
from dashboard.fmt import file_slug
from dashboard.template import XLSX_MIME
from etl.errors import Refused
from etl.phuluc import write_appendix

__all__ = ["appendix_bytes", "download", "file_name"]


@st.cache_data(show_spinner=False, max_entries=64)
def appendix_bytes(version: str, locality_id: str, period: str) -> bytes | None:
    """The appendix workbook of one locality (by id) and period (a code) in this data version,
    or None when there is nothing to write."""
    del version  # the cache key: a new import or rollback writes a new appendix
    buffer = io.BytesIO()
    con = cursor()
    try:
        write_appendix(con, locality_id, period, buffer)
    except Refused:
        return None
    finally:
        con.close()
    return buffer.getvalue()


def file_name(locality: str, period: str) -> str:
    """'phu_luc_thanh_pho_bao_loc_2021-2023.xlsx': the locality in ASCII, the period's code."""
    return f"phu_luc_{file_slug(locality)}_{period}.xlsx"


def download(version: str, locality_id: str, locality: str, period: str, *,
             key: str) -> None:
    """The 'Tải phụ lục (Excel)' button, when the locality has figures for the period; the
    workbook is written on the click."""
    if period not in set(queries.periods(version, (locality_id,))["code"]):
        return
    st.download_button("Tải phụ lục (Excel)",
                       lambda: appendix_bytes(version, locality_id, period) or b"",
                       file_name(locality, period), XLSX_MIME,
                       key=key, icon=":material/table_view:", on_click="ignore",
                       help="Bảng kết quả thực hiện các chỉ tiêu theo mẫu phụ lục báo cáo; "
                            "nạp lại được ở trang Nhập dữ liệu.")
