"""In-year progress (tiến độ): a 6-month, 9-month or quarterly result is never judged as if the
year were over.

Amounts and counts (revenue, new jobs, area sown) are compared with the year's target × the
share of the year elapsed (H1 50 %, 9M 75 %, Q1 25 %) and called *vượt / đúng / chậm tiến độ*.
Spending and other indicators without a direction are shown against the time elapsed but not
judged. Rates and growth keep the verdict of a target of their own period, if any, and are not
judged against the year's target. The export's computed_status is untouched: it stays the
verdict for the target's own period.
"""

from __future__ import annotations

import math

import pandas as pd

from dashboard.fmt import is_missing, target_of
from dashboard.periods import share_of_year, year_of

__all__ = [
    "AHEAD",
    "BEHIND",
    "KINDS_BY_PROGRESS",
    "ON_TRACK",
    "PROGRESS",
    "TOLERANCE",
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


def _year_targets(obs: pd.DataFrame) -> dict[tuple[str, str, str], pd.Series]:
    """(locality_id, year code, indicator_id) -> the row holding that year's target."""
    rows = obs[obs["target_text"].notna()]
    return {(r["locality_id"], r["period"], r["indicator_id"]): r for _, r in rows.iterrows()}


def _pct_of_year(row: pd.Series, year_row: pd.Series | None) -> float | None:
    """The in-year result as % of the year's target: as reported, else computed."""
    if not is_missing(row.get("pct_target")):
        return float(row["pct_target"])
    if year_row is None or is_missing(row.get("actual_value")):
        return None
    target = target_of(year_row)
    reference = None if target is None else target.reference(row.get("direction"))
    return float(row["actual_value"]) / reference * 100 if reference else None


def with_progress(obs: pd.DataFrame) -> pd.DataFrame:
    """A copy of observations (with period_kind, start_date, end_date) plus `elapsed` (share of
    the year, in %), `pct_year` (% of the year's target), `year_target` (that target's row
    period) and `progress` (the verdict, None when not judged) for in-year amounts and counts."""
    out = obs.copy()
    targets = _year_targets(obs)
    elapsed, pcts, years, verdicts = [], [], [], []
    for _, row in out.iterrows():
        share = share_of_year(row["period_kind"], row["start_date"], row["end_date"])
        if share is None or row.get("kind") not in KINDS_BY_PROGRESS:
            elapsed.append(math.nan), pcts.append(math.nan), years.append(None)
            verdicts.append(None)
            continue
        year = year_of(row["period"])
        year_row = targets.get((row["locality_id"], year, row["indicator_id"]))
        pct = _pct_of_year(row, year_row)
        elapsed.append(share * 100)
        pcts.append(math.nan if pct is None else pct)
        years.append(year if year_row is not None else None)
        verdicts.append(None if pct is None else progress_verdict(pct, share * 100,
                                                                  row.get("direction")))
    out["elapsed"], out["pct_year"], out["year_target"] = elapsed, pcts, years
    out["progress"] = verdicts
    return out
