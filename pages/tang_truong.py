"""Tăng trưởng: growth by sector over years and terms for one or several localities, term
averages beside the yearly figures and target ranges drawn as bands."""

import streamlit as st

from dashboard import charts, compact, figures, filters, frames, queries, sentences, ui

ui.ensure_navigation()
st.title("Tăng trưởng")
version = queries.data_version()

left, right = st.columns(2)
with left:
    chosen = filters.localities(version)
obs = queries.observations(version, tuple(chosen), (), tuple(frames.SECTORS))
present = [sector for sector in frames.SECTORS if sector in set(obs["indicator_id"])]
with right:
    sectors = filters.many("khu_vuc", "Khu vực kinh tế", present, frames.SECTORS.get, present)

if not chosen or obs.empty or not sectors:
    ui.empty()
    st.stop()

obs = obs[obs["indicator_id"].isin(sectors)]


def show(sector: str) -> None:
    rows = obs[obs["indicator_id"] == sector]
    growth = frames.growth_frame(rows)
    if growth.empty:
        st.markdown(f"**{frames.SECTORS[sector]}**")
        ui.empty()
        return
    said = sentences.latest_growth(rows) if len(chosen) == 1 else None
    ui.chart(figures.later(charts.growth, growth, frames.SECTORS[sector]), growth,
             f"tang_truong_{sector}", said)


show(sectors[0])
for start in range(1, len(sectors), 2):
    for column, sector in zip(st.columns(2), sectors[start:start + 2], strict=False):
        with column:
            show(sector)

st.subheader("Bảng số liệu tăng trưởng (%)")
table = frames.growth_table(obs)
if len(chosen) == 1:  # the locality is the one picked above: its column left the verdicts no room
    table = table.drop(columns="Địa phương")
compact.table(table, "tang_truong", numbers=["Thực hiện (%)"],
              statuses=["Đánh giá (báo cáo)", "Đánh giá (tính toán)"])
