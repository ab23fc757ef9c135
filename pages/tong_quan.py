"""Tổng quan: headline cards (growth, budget revenue, poverty, targets met) for one locality and
period, each with its change against the previous comparable period, and attainment by domain."""

import streamlit as st

from dashboard import charts, figures, filters, frames, metrics, observed, queries, sentences, ui
from dashboard.periods import previous_comparable, year_of

ui.ensure_navigation()
st.title("Tổng quan")
version = queries.data_version()

left, right = st.columns(2)
with left:
    locality_id, locality_name = filters.locality(version)
periods = queries.periods(version, (locality_id,))
with right:
    period = filters.period(periods)
if period is None:
    ui.empty()
    st.stop()

labels = frames.lookup(periods, "code", "label")
previous = previous_comparable(period, periods)
codes = tuple(dict.fromkeys(c for c in (period, previous, year_of(period)) if c))
obs = observed.observations(version, (locality_id,), codes)
current = obs[obs["period"] == period]

overview = metrics.overview_cards(obs, period, previous, labels)
st.caption(f"{locality_name} – {labels[period]}"
           + metrics.compared_with(overview, labels.get(previous) if previous else None))
chosen = periods.set_index("code").loc[period]
if chosen["n_actual"] == 0 and chosen["n_target"] > 0:
    formed = queries.localities(version).set_index("id").loc[locality_id, "valid_from"]
    ui.targets_only(locality_name, formed, labels[period], int(chosen["n_target"]),
                    {filters.LOCALITY_KEY: locality_id, filters.PERIOD_KEY: period})
    st.stop()
ui.cards(overview)

st.subheader("Kết quả thực hiện chỉ tiêu theo lĩnh vực")
counts = metrics.status_by_domain(current)
by_domain = sentences.domains(counts)
if counts.empty:
    ui.empty()
else:
    ui.chart(figures.later(charts.domain_status, counts), current, "dat_chi_tieu_theo_linh_vuc",
             by_domain)
ui.remarks(sentences.remarks([card.sentence for card in overview] + [by_domain]))
