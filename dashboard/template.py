"""The upload templates offered on Nhập dữ liệu: the blank one (catalog drop-downs only) and one
pre-filled for a locality and period (that locality's indicators with their targets, results
empty), both written by `etl.template` and loaded back by the same upload.

Which rows the pre-filled template holds: the locality's rows of the chosen period when the
database has some (the targets were loaded, the results are due); otherwise the rows of its
latest period before it, preferring the same kind (a year after a year), with those targets
marked as copied from that period.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import periods as period_logic
from dashboard import queries
from dashboard.fmt import file_slug
from dashboard.plain import md
from etl.accounts import Account
from etl.periods import parse_code
from etl.template import TemplateRow, template_bytes

__all__ = ["XLSX_MIME", "blank_bytes", "prefilled_bytes", "prefilled_rows", "source_period",
           "template_panel", "period_choices"]

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False, max_entries=8)
def blank_bytes(version: str) -> bytes:
    """The blank template, with the catalog of this data version in its drop-downs."""
    return template_bytes(queries.catalog_choices(version))


def source_period(version: str, locality_id: str, period: str) -> str | None:
    """The period whose rows fill the template for `period`: itself when the locality has rows
    in it, else its latest period ending before `period` starts, of the same kind if any."""
    frame = queries.periods(version, (locality_id,))
    if frame.empty:
        return None
    if period in set(frame["code"]):
        return period
    chosen = parse_code(period)
    earlier = frame[pd.to_datetime(frame["end_date"]) < pd.Timestamp(chosen.start)]
    if earlier.empty:
        return None
    same = earlier[earlier["kind"] == chosen.kind]
    return str((same if not same.empty else earlier).iloc[0]["code"])  # latest first


def prefilled_rows(version: str, locality_id: str, period: str) -> list[TemplateRow]:
    """The template's rows for one locality and period (empty when it has no earlier data)."""
    source = source_period(version, locality_id, period)
    if source is None:
        return []
    copied = None if source == period else parse_code(source).label
    frame = queries.template_rows(version, locality_id, source)
    return [TemplateRow(row.locality, period, row.indicator, _text(row.unit),
                        _text(row.target_text), copied, _text(row.code))
            for row in frame.itertuples(index=False)]


def _text(value: object) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


@st.cache_data(show_spinner=False, max_entries=64)
def prefilled_bytes(version: str, locality_id: str, period: str) -> bytes:
    """The template pre-filled for one locality and period."""
    return template_bytes(queries.catalog_choices(version),
                          prefilled_rows(version, locality_id, period))


def period_choices(version: str, locality_id: str) -> list[str]:
    """Periods offered for the pre-filled template: the one after the locality's latest period
    first (the report due next), then the periods it has data for, latest first."""
    codes = list(queries.periods(version, (locality_id,))["code"])
    if not codes:
        return []
    upcoming = period_logic.following(codes[0])
    return [upcoming, *[c for c in codes if c != upcoming]]


def _locality_choices(version: str, account: Account) -> list[str]:
    """The account's own localities first (a staff member's), then, for an admin, every
    locality with data."""
    own = list(account.locality_ids)
    if account.role != "admin":
        return own
    return own + [i for i in queries.localities(version)["id"] if i not in own]


def _file_name(locality: str, period: str) -> str:
    return f"mau_nhap_lieu_{file_slug(locality)}_{period}.xlsx"


def template_panel(account: Account) -> None:
    """The 'Mẫu nhập liệu' block: download the blank template, or pick a locality and period
    and download the pre-filled one."""
    version = queries.data_version()
    with st.expander("Tải mẫu nhập liệu (Excel)", icon=":material/download:"):
        st.caption("Mẫu có trang «Hướng dẫn» và danh sách chọn chỉ tiêu, đơn vị tính, đánh giá. "
                   "Điền ở trang «Số liệu» rồi tải lên ở đây.")
        # on_click="ignore": a download does not rerun the page (and read an upload again)
        st.download_button("Tải mẫu trống", blank_bytes(version), "mau_nhap_lieu.xlsx",
                           XLSX_MIME, key="tai_mau_trong", icon=":material/download:",
                           on_click="ignore")
        places = _locality_choices(version, account)
        if not places:
            return
        names = queries.names_of(tuple(places), ())
        left, right = st.columns(2)
        locality = left.selectbox("Địa phương của mẫu điền sẵn", places, key="mau_dia_phuong",
                                  format_func=lambda i: names.get(i, i))
        choices = period_choices(version, locality)
        if not choices:
            st.caption(md(f"Chưa có số liệu nào của {names.get(locality, locality)} để điền "
                          "sẵn; dùng mẫu trống."))
            return
        period = right.selectbox("Kỳ của mẫu điền sẵn", choices, key="mau_ky",
                                 format_func=lambda c: parse_code(c).label)
        source = source_period(version, locality, period)
        if source is None:
            st.caption("Không có kỳ nào trước kỳ này để lấy chỉ tiêu; dùng mẫu trống.")
            return
        if source != period:
            st.caption(f"Chỉ tiêu và kế hoạch lấy từ {parse_code(source).label} (ô tô vàng); "
                       "phần thực hiện để trống.")
        st.download_button("Tải mẫu điền sẵn", prefilled_bytes(version, locality, period),
                           _file_name(names.get(locality, locality), period), XLSX_MIME,
                           key="tai_mau_dien_san", icon=":material/download:",
                           on_click="ignore")
