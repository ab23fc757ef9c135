"""In-year progress (tiến độ): a quarterly, 6-month or 9-month result is never judged as if the
year were over; it is judged against the year's plan of the same indicator, and says so.

The rule, row by row, for a result of an in-year period (quý, 6 tháng, 9 tháng):

1. The period's own reported verdict (a 'Đánh giá' column of the file) wins where given.
2. A target of the period's own (a "Kế hoạch 6 tháng" column) is judged as any target is
   (`attainment` in etl/schema.sql) when that verdict can be decided.
3. Otherwise the result is set beside the year's target (the row of the same locality and
   indicator in the year the period lies in, `queries.observations` brings it as `year_*`):
   - amounts and counts (`KINDS_BY_PROGRESS`: revenue, production, new jobs, crimes), when the
     period runs from 1 January (Q1, H1, 9M), are compared with the share of the year elapsed
     (H1 50 %, 9M 75 %, Q1 25 %): the % of the year's target reached (as reported, else
     computed) against that share, within ±`TOLERANCE` đúng tiến độ, above vượt, under chậm
     tiến độ — the rule and words of the budget card. Spending and other amounts without a
     direction are shown against the time elapsed but not judged (and not counted). An amount
     of a period that does not start in January (quý II, 6 tháng cuối năm) is the period's own
     amount, not a running total: shown beside the year's target, not judged;
   - rates, levels and growth (every other kind, and uncatalogued names) are shown beside the
     year's target, not judged, until the period's own result arrives (DESIGN.md, "Judging a
     period inside the target's period"): a poverty rate or a growth estimate at mid-year is
     not the year's.
4. Rows judged so count on the cards and the scorecard like any judged row; đúng and vượt tiến
   độ count with Đạt and Vượt as met.

The export's computed_status is untouched: it stays the verdict for the target's own period
(an in-year row with no target of its own stays 'Không xác định' there).
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.fmt import is_missing, target_of
from dashboard.periods import share_of_year, year_of
from etl.periods import IN_YEAR_KINDS

__all__ = [
    "AHEAD",
    "BEHIND",
    "KINDS_BY_PROGRESS",
    "ON_TRACK",
    "PROGRESS",
    "TOLERANCE",
    "against_year",
    "progress_verdict",
    "with_progress",
]

AHEAD, ON_TRACK, BEHIND = "Vượt tiến độ", "Đúng tiến độ", "Chậm tiến độ"
PROGRESS = (AHEAD, ON_TRACK, BEHIND)
KINDS_BY_PROGRESS = ("amount", "count")  # what adds up over the year
TOLERANCE = 0.10  # within ±10 % of the expected share is on track (76 % at 9 months: đúng)


def progress_verdict(pct: float, expected: float, direction: object) -> str | None:
    """The verdict of `pct` % of the year's target when `expected` % of the year has passed;
    None when the indicator has no direction (spending is not judged as revenue)."""
    if direction not in ("up", "down") or not expected:
        return None
    ratio = pct / expected
    if direction == "down":
        ratio = 2 - ratio  # lower is better: under the pro-rata line is ahead
    if ratio > 1 + TOLERANCE:
        return AHEAD
    return ON_TRACK if ratio >= 1 - TOLERANCE else BEHIND




def against_year(year: str) -> str:
    """The words every verdict against the year's plan carries: 'so với kế hoạch năm 2024'."""
    return f"so với kế hoạch năm {year}"


def _year_targets(obs: pd.DataFrame) -> dict[tuple[str, str, str], pd.Series]:
    """(locality_id, year code, indicator_id) -> the row holding that year's target."""
    rows = obs[obs["target_text"].notna()]
    return {(r["locality_id"], r["period"], r["indicator_id"]): r for _, r in rows.iterrows()}


def _year_row(row: pd.Series, targets: dict) -> dict | pd.Series | None:
    """The year's target of an in-year row: the `year_*` columns `queries.observations` joins,
    else that year's row among the observations themselves."""
    if not is_missing(row.get("year_target_text")):
        return {"target_op": row["year_target_op"], "target_low": row["year_target_low"],
                "target_high": row["year_target_high"], "target_text": row["year_target_text"]}
    return targets.get((row["locality_id"], year_of(row["period"]), row["indicator_id"]))


def _pct_of_year(row: pd.Series, year_row) -> float | None:
    """The in-year result as % of the year's target: as reported, else computed."""
    if not is_missing(row.get("pct_target")):
        return float(row["pct_target"])
    if year_row is None or is_missing(row.get("actual_value")):
        return None
    target = target_of(year_row)
    reference = None if target is None else target.reference(row.get("direction"))
    return float(row["actual_value"]) / reference * 100 if reference else None


def with_progress(obs: pd.DataFrame) -> pd.DataFrame:
    """A copy of observations (with period_kind, start_date, end_date) plus, for in-year rows:
    `elapsed` (share of the year, in %), `pct_year` (% of the year's target), `year_target`
    (the year whose target was used) and `progress` (the verdict, None when not judged) for
    amounts and counts; `year_plan` (the year's target as written, shown beside) for all."""
    out = obs.copy()
    targets = _year_targets(obs)
    elapsed, pcts, years, verdicts, plans = [], [], [], [], []
    for _, row in out.iterrows():
        in_year = row["period_kind"] in IN_YEAR_KINDS
        year_row = _year_row(row, targets) if in_year else None
        plans.append(None if year_row is None else year_row.get("target_text"))
        share = share_of_year(row["period_kind"], row["start_date"], row["end_date"])
        if share is None or row.get("kind") not in KINDS_BY_PROGRESS:
            elapsed.append(math.nan), pcts.append(math.nan), years.append(None)
            verdicts.append(None)
            continue
        pct = _pct_of_year(row, year_row)
        elapsed.append(share * 100)
        pcts.append(math.nan if pct is None else pct)
        years.append(year_of(row["period"]) if year_row is not None else None)
        verdicts.append(None if pct is None else progress_verdict(pct, share * 100,
                                                                  row.get("direction")))
    out["elapsed"], out["pct_year"], out["year_target"] = elapsed, pcts, years
    out["progress"], out["year_plan"] = verdicts, plans
    return out
