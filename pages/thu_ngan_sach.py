"""Thu ngân sách: budget revenue and spending against dự toán (amount and % of plan, progress
against the time elapsed in a running year), against the same period last year, by component,
in triệu or tỷ đồng."""

import streamlit as st

from dashboard import charts, compact, figures, filters, frames, observed, queries, sentences, ui
from dashboard.fmt import AMOUNT_UNITS
from dashboard.i18n import NO_DATA
from dashboard.periods import elapsed_share, year_of

ui.ensure_navigation()
st.title("Thu ngân sách")
version = queries.data_version()

left, middle, right = st.columns([2, 2, 1])
with left:
    locality_id, locality_name = filters.locality(version)
periods = queries.periods(version, (locality_id,), frames.BUDGET_COMPONENTS)
with middle:
    period = filters.period(periods)
if period is None:
    ui.empty()
    st.stop()
# The year's rows too: an in-year result is measured against the year's dự toán.
obs = observed.observations(version, (locality_id,),
                            tuple(dict.fromkeys((period, year_of(period)))),
                            frames.BUDGET_COMPONENTS)
written = frames.written_amount_unit(obs) or AMOUNT_UNITS["ty"]
with right:
    code = filters.choice("don_vi", "Đơn vị", AMOUNT_UNITS,
                          next(c for c, u in AMOUNT_UNITS.items() if u == written))
unit = AMOUNT_UNITS[code]

budget = frames.budget_frame(obs, unit, period)
label = periods.set_index("code").loc[period, "label"]
st.caption(f"{locality_name} – {label}")
compact.table(frames.budget_table(budget, unit), "thu_ngan_sach",
              numbers=[f"Thực hiện ({unit})", f"Dự toán ({unit})"],
              percents=["% dự toán", "% cùng kỳ"], statuses=["Đánh giá"])

left, right = st.columns(2)
with left:
    if budget["pct_plan"].notna().any():
        progress = figures.later(charts.budget_progress, budget,
                                  elapsed_share(period, periods))
        first = budget[budget["pct_plan"].notna()].iloc[0]
        ui.chart(progress, budget, "tien_do_du_toan",
                 sentences.budget_component(first, label, unit))
    else:
        ui.empty(sentences.budget_gap(budget, "pct_plan") or f"{NO_DATA} (% dự toán)")
with right:
    if budget["pct_prev"].notna().any():
        ui.chart(figures.later(charts.budget_vs_prev, budget), budget, "so_voi_cung_ky",
                 sentences.budget_vs_prev(budget))
    else:
        ui.empty(sentences.budget_gap(budget, "pct_prev") or f"{NO_DATA} (% cùng kỳ)")

if budget[["actual", "plan"]].notna().any().any():
    ui.chart(figures.later(charts.budget_amounts, budget, unit), budget, "thuc_hien_du_toan",
             sentences.budget_amounts(budget, label, unit))
else:
    ui.empty(f"{NO_DATA} (số tiền thực hiện, dự toán)")
