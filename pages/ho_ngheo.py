"""Hộ nghèo: poverty rate over time with its target, the ethnic-minority sub-rate, poor and
near-poor household counts; figures under different poverty standards are never joined."""

import streamlit as st

from dashboard import charts, figures, filters, frames, queries, sentences, ui

ui.ensure_navigation()
st.title("Hộ nghèo")
version = queries.data_version()

locality_id, locality_name = filters.locality(version)
wanted = tuple(frames.POVERTY_RATES) + tuple(frames.HOUSEHOLDS)
obs = queries.observations(version, (locality_id,), (), wanted)
rates = frames.poverty_frame(obs)
counts = frames.households_frame(obs)
if rates.empty and counts.empty:
    ui.empty()
    st.stop()

st.caption(
    f"{locality_name}. Mỗi đường chỉ nối các kỳ cùng một chuẩn nghèo; đường đứt đoạn đánh dấu "
    "chỗ đổi chuẩn. Mục tiêu ghi 'theo tiêu chí cũ' được xếp vào chuẩn trước đó."
)
left, right = st.columns(2)
with left:
    if rates.empty:
        ui.empty()
    else:
        ui.chart(figures.later(charts.poverty_rates, rates), rates, "ty_le_ho_ngheo",
                 sentences.latest_poverty(obs))
with right:
    if counts.empty:
        ui.empty()
    else:
        ui.chart(figures.later(charts.households, counts), counts, "so_ho_ngheo",
                 sentences.households(counts))

st.subheader("Bảng số liệu")
ui.table(frames.poverty_table(rates, counts), numbers=["Giá trị"])
