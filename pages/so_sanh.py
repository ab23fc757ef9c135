"""So sánh: any indicator across chosen localities and periods, as lines or bars or a table,
optionally as the relative change against each locality's first period."""

import streamlit as st

from dashboard import charts, figures, filters, frames, queries, sentences, ui
from dashboard.periods import dominant_kind, shared_kind

ui.ensure_navigation()
st.title("So sánh")
version = queries.data_version()

indicators = queries.indicators(version)
indicators = indicators[indicators["n_actual"] > 0]
if indicators.empty:
    ui.empty()
    st.stop()
names = frames.lookup(indicators, "id", "name")
focus = filters.focus_locality()  # a leader of Đức Trọng compares Đức Trọng: one it reports
reported = queries.indicators_with_actual(version, focus) if focus else list(names)
default = frames.lead_indicator(names, reported)

top = st.columns(2)
with top[0]:
    indicator = filters.one("chi_tieu", "Chỉ tiêu", list(names), names.get, default)
with top[1]:
    chosen = filters.localities(version, default_count=4, indicator=indicator)
periods = queries.periods(version, tuple(chosen), (indicator,)).sort_values("end_date")
labels = frames.lookup(periods, "code", "label")
# Every period of the indicator for the chosen localities (one indicator: a few rows each), so
# that the default is where they all have results and a locality left out can say where it has.
every = queries.observations(version, tuple(chosen), tuple(labels), (indicator,))
picked = filters.many("cac_ky", "Kỳ", list(labels), labels.get,
                      shared_kind(every) or dominant_kind(periods), url=filters.PERIOD_KEY)

options = st.columns(2)
with options[0]:
    shape = filters.choice("bieu_do", "Dạng biểu đồ", {"duong": "Đường", "cot": "Cột"}, "duong")
with options[1]:
    relative = filters.toggle("tuong_doi", "Thay đổi tương đối so với kỳ đầu")

obs = every[every["period"].isin(picked)]
single = len(picked) == 1  # localities side by side: bars, and no first period to change from
scope = frames.relative_scope(obs, relative and not single)
frame, unit = frames.comparison_frame(obs, scope)
for note in sentences.relative_notes(scope):
    st.caption(note)
if not chosen or not picked or frame.empty:
    ui.empty()
    st.stop()
if single:
    st.caption(sentences.single_period_note(relative))

missing = sentences.missing_localities(frames.left_out(every, frame, chosen, scope.single))
if missing:
    st.caption(missing)
chart_tab, table_tab = st.tabs(["Biểu đồ", "Bảng"])
with chart_tab:
    figure = figures.later(charts.comparison, frame, names[indicator], unit,
                           shape == "cot" or single)
    ui.chart(figure, frame, f"so_sanh_{indicator}",
             sentences.comparison(frame, names[indicator], unit))
with table_tab:
    table = frames.comparison_table(frame, unit)
    ui.table(table, numbers=[c for c in table.columns if c != "Địa phương"])
    ui.source_caption(frame)
