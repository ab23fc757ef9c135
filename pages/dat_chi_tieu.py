"""Đạt chỉ tiêu: the scorecard by domain (target as written, result, reported and computed
status, a flag where they disagree) with a bullet per indicator; for several localities, a
localities × indicators matrix coloured by status. An in-year period (quý, 6 tháng, 9 tháng)
is judged against the year's plan (`dashboard.progress`) and says so."""

import streamlit as st

from dashboard import (
    appendix,
    charts,
    compact,
    figures,
    filters,
    metrics,
    observed,
    queries,
    sentences,
    ui,
)
from dashboard import status as st_
from dashboard.periods import elapsed_share

ui.ensure_navigation()
st.title("Đạt chỉ tiêu")
version = queries.data_version()

left, right = st.columns(2)
with left:
    chosen = filters.localities(version)
periods = queries.periods(version, tuple(chosen))
periods = periods[(periods["n_target"] > 0) | (periods["n_judged"] > 0)
                  | (periods["n_year_plan"] > 0)]  # an in-year period: against the year's plan
with right:
    period = filters.period(periods, prefer="n_judged")
obs = observed.observations(version, tuple(chosen), (period,)) if period else None
if not chosen or obs is None or metrics.scorecard(obs).empty:
    ui.empty()
    st.stop()

if len(chosen) > 1:
    matrix = metrics.status_matrix(obs, list(chosen.values()))
    if matrix.empty:
        ui.empty()
    else:
        ui.chart(figures.later(charts.status_matrix, matrix), obs, "ma_tran_dat_chi_tieu",
                 sentences.matrix(matrix))

for locality_id, name in chosen.items():
    rows = obs[obs["locality_id"] == locality_id]
    card = metrics.scorecard(rows)
    st.subheader(name)
    if card.empty:
        ui.empty()
        continue
    counts = metrics.attainment_counts(rows)
    year = metrics.year_plan_of(card)
    label = rows["period_label"].iloc[0]
    if counts["total"]:
        st.markdown(f"**{counts['met']}/{counts['total']} chỉ tiêu "
                    f"{sentences.met_words(counts, year)}**")
        if year:
            st.caption(sentences.in_year_note(label, year, elapsed_share(period, periods)))
    else:
        st.caption("Kỳ này mới có mục tiêu, chưa có kết quả để đánh giá.")
    if card["disagree"].any():
        st.warning(f"{int(card['disagree'].sum())} chỉ tiêu có đánh giá trong báo cáo khác kết quả "
                   "tính từ mục tiêu và số thực hiện (đánh dấu “⚠ Lệch”).",
                   icon=":material/warning:")
    for number, (domain, part) in enumerate(card.groupby("domain", sort=False)):
        st.markdown(f"##### {domain}")
        compact.scorecard(part, f"{locality_id}_{number}")
    bullets = metrics.bullet_ratios(rows)
    if not bullets.empty:
        ui.chart(figures.later(charts.attainment_bullets, bullets), rows, f"ket_qua_{locality_id}",
                 sentences.attainment(counts, label, year))
    shown = st_.VERDICTS if year else st_.STATUSES
    st.caption("Màu và ký hiệu: " + " · ".join(st_.label(s) for s in shown))
    appendix.download(version, locality_id, name, period, key=f"phu_luc_{locality_id}")
