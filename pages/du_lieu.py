"""Dữ liệu: the tidy table of current observations with filters, each row with its source file,
batch and cell; download as CSV or Excel (formula-like text neutralised); import history."""

import streamlit as st

from dashboard import export, filters, frames, queries, ui
from dashboard.fmt import capitalize

ui.ensure_navigation()
st.title("Dữ liệu")
version = queries.data_version()

localities = queries.localities(version)
all_periods = queries.periods(version)
indicators = queries.indicators(version)
names = dict(zip(localities["id"], localities["name"], strict=True))
labels = dict(zip(all_periods["code"], all_periods["label"], strict=True))

first, second = st.columns(2)
with first:
    chosen = filters.many("cac_dia_phuong", "Địa phương", list(names), names.get,
                          placeholder="Tất cả địa phương", url=filters.LOCALITY_KEY)
    domains = filters.many("linh_vuc", "Lĩnh vực", sorted(indicators["domain"].dropna().unique()),
                           capitalize, placeholder="Tất cả lĩnh vực")
with second:
    picked = filters.many("cac_ky", "Kỳ", list(labels), labels.get, placeholder="Tất cả các kỳ",
                          url=filters.PERIOD_KEY)
    search = filters.text("tim", "Tìm chỉ tiêu", "ví dụ: hộ nghèo")

obs = queries.observations(version, tuple(chosen), tuple(picked))
rows = frames.filter_rows(obs, domains, search)
table = frames.tidy_table(rows)
if table.empty:
    ui.empty()
    st.stop()

st.caption(f"{len(table)} dòng · {ui.source_line(rows)}")
ui.table(table, numbers=["Giá trị thực hiện"], percents=["% kế hoạch", "% cùng kỳ"],
         statuses=["Đánh giá (báo cáo)", "Đánh giá (tính toán)"])
left, right = st.columns(2)
with left:
    # Deferred: the files are built only when clicked (a province has 100,000+ rows).
    st.download_button("Tải CSV", lambda: export.to_csv_bytes(table), "chi_tieu.csv", "text/csv",
                       icon=":material/download:", on_click="ignore")
with right:
    st.download_button(
        "Tải Excel", lambda: export.to_xlsx_bytes(table), "chi_tieu.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:", on_click="ignore")

with st.expander("Lịch sử nạp dữ liệu"):
    ui.table(frames.batch_table(queries.batches(version)))
