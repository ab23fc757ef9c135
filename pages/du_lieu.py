"""Dữ liệu: the tidy table of current observations with filters, each row with its source file,
batch and cell, a page at a time; download as CSV or Excel (formula-like text neutralised);
the latest imports. Filtering, counting and paging happen in DuckDB (dashboard.queries)."""

import streamlit as st

from dashboard import export, filters, frames, queries, ui
from dashboard.fmt import capitalize, fmt_num

LATEST_IMPORTS = 20  # the whole history, however long, is the Lịch sử nhập liệu page's

ui.ensure_navigation()
st.title("Dữ liệu")
version = queries.data_version()

all_periods = queries.period_options(version)
labels = frames.lookup(all_periods, "code", "label")

first, second = st.columns(2)
with first:
    chosen = filters.table_localities(version)
    domains = filters.many("linh_vuc", "Lĩnh vực", queries.domain_options(version), capitalize,
                           placeholder="Tất cả lĩnh vực")
with second:
    picked = filters.many("cac_ky", "Kỳ", list(labels), labels.get, placeholder="Tất cả các kỳ",
                          url=filters.PERIOD_KEY)
    search = filters.text("tim", "Tìm chỉ tiêu", "ví dụ: hộ nghèo")

where = frames.table_filter(lambda: queries.indicator_names(version), chosen, picked, domains,
                            search)
total = queries.table_count(version, where)
if total == 0:
    ui.empty()
    st.stop()

page_count = -(-total // ui.PAGE_ROWS)
page = filters.page("trang", page_count)
rows = queries.table_page(version, where, (page - 1) * ui.PAGE_ROWS, ui.PAGE_ROWS)
ui.source_caption(rows, f"{fmt_num(total)} dòng · trang {page}/{fmt_num(page_count)} · ")
ui.table(frames.tidy_table(rows),
         numbers=["Kế hoạch tối thiểu", "Kế hoạch tối đa", "Giá trị thực hiện"],
         percents=["% kế hoạch", "% cùng kỳ"],
         statuses=["Đánh giá (báo cáo)", "Đánh giá (tính toán)"])
left, right = st.columns(2)
with left:
    # Deferred: the files are written from the query only when clicked (a country has millions
    # of rows), a few thousand rows at a time.
    st.download_button(
        "Tải CSV", lambda: export.csv_from_chunks(
            frames.tidy_table(chunk) for chunk in queries.table_batches(version, where)),
        "chi_tieu.csv", "text/csv", icon=":material/download:", on_click="ignore")
with right:
    too_big = total > export.XLSX_MAX_ROWS
    st.download_button(
        "Tải Excel", lambda: export.to_xlsx_bytes(frames.tidy_table(
            queries.table_page(version, where, 0, export.XLSX_MAX_ROWS))),
        "chi_tieu.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", on_click="ignore", disabled=too_big,
        help=(f"Excel chứa tối đa {fmt_num(export.XLSX_MAX_ROWS)} dòng: thu hẹp bộ lọc hoặc "
              "tải CSV." if too_big else None))

with st.expander("Lịch sử nạp dữ liệu"):
    latest = queries.latest_batches(version, LATEST_IMPORTS)
    ui.table(frames.batch_table(latest))
    imports = int(latest["total"].iloc[0]) if not latest.empty else 0
    if imports > len(latest):
        st.page_link("pages/lich_su.py", icon=":material/history:",
                     label=f"Xem cả {fmt_num(imports)} lần nạp ở trang Lịch sử nhập liệu")
