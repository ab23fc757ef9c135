"""Page-shaped frames built from the observations frame (no SQL, no figures).

Growth by sector, budget components in a chosen đồng unit, poverty figures with their standard,
an indicator across localities and periods, and the tidy table the Dữ liệu page shows and exports.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace

import pandas as pd

from dashboard.fmt import (
    amount_factor,
    capitalize,
    convert_amount,
    fmt_date,
    fold,
    is_missing,
    is_true,
    target_of,
    target_words,
)
from dashboard.metrics import with_status
from dashboard.periods import dominant_kind
from dashboard.poverty import add_standards
from dashboard.queries import TableFilter

__all__ = [
    "BUDGET_COMPONENTS",
    "HOUSEHOLDS",
    "POINTS_SINCE_FIRST",
    "PCT_SINCE_FIRST",
    "POVERTY_RATES",
    "RelativeScope",
    "SECTORS",
    "STATE_LABELS",
    "budget_frame",
    "budget_table",
    "comparison_frame",
    "comparison_table",
    "batch_table",
    "left_out",
    "table_filter",
    "growth_frame",
    "growth_table",
    "households_frame",
    "lead_indicator",
    "poverty_frame",
    "poverty_table",
    "relative_scope",
    "tidy_table",
    "written_amount_unit",
]

SECTORS = {
    "growth_total": "Tổng giá trị sản xuất",
    "growth_agri": "Nông, lâm nghiệp và thủy sản",
    "growth_industry": "Công nghiệp",
    "growth_construction": "Xây dựng",
    "growth_industry_construction": "Công nghiệp – xây dựng",
    "growth_services": "Dịch vụ",
}
BUDGET_COMPONENTS = (
    "budget_revenue_total", "budget_revenue_local", "budget_revenue_tax_fee",
    "budget_spending_local",
)
POVERTY_RATES = {"poverty_rate": "Tỷ lệ hộ nghèo", "poverty_rate_ethnic": "Hộ nghèo DTTS"}
HOUSEHOLDS = {"poor_households": "Hộ nghèo", "near_poor_households": "Hộ cận nghèo"}
# What a comparison opens on, first to last, among the indicators the place reports.
LEAD_INDICATORS = ("growth_total", "budget_revenue_total", "poverty_rate")


def lookup(frame: pd.DataFrame, key: str, value: str) -> dict:
    """{key: value} of two columns, e.g. a picker's codes to their names. Through lists:
    iterating pandas' Arrow-backed strings element by element is five times slower (21 ms for
    the 14.000 localities of a national database)."""
    return dict(zip(frame[key].tolist(), frame[value].tolist(), strict=True))


def lead_indicator(names: Sequence[str], reported: Collection[str]) -> str:
    """The indicator a comparison opens on: the first of LEAD_INDICATORS among `names` (those
    with results, in list order) that the place looked at reports, else the first it reports,
    else the first of `names`."""
    mine = [i for i in names if i in reported]
    return next((i for i in LEAD_INDICATORS if i in mine), None) or (mine or list(names))[0]


def _estimates(rows: pd.DataFrame) -> pd.Series:
    """True where the actual is an estimate (ước thực hiện); missing flags count as False."""
    return rows["actual_is_estimate"].map(is_true).astype(bool)


def _estimate_words(flags: pd.Series) -> pd.Series:
    """'ước' where a value is an estimate (ước thực hiện), else empty."""
    return flags.map(lambda flag: "ước" if is_true(flag) else None)


def _target(row: dict) -> str | None:
    return None if is_missing(row["target_text"]) else target_words(row)


_TARGET_FIELDS = ["target_op", "target_low", "target_high", "target_text", "unit"]


def _target_rows(rows: pd.DataFrame) -> list[dict]:
    """Each row's target fields as a dict (what `target_of` and `target_words` read): far
    cheaper than a Series per row."""
    return rows[_TARGET_FIELDS].to_dict("records")


def _bands(targets: list[dict]) -> tuple[list[float], list[float]]:
    """(floor, ceiling) of each row's target, NaN on an open side or without a target."""
    bands = [(None, None) if t is None else t.band() for t in map(target_of, targets)]
    return ([math.nan if b[0] is None else b[0] for b in bands],
            [math.nan if b[1] is None else b[1] for b in bands])


def growth_frame(obs: pd.DataFrame) -> pd.DataFrame:
    """Sector growth rows of whole years and terms, with the year span each covers.

    Columns: locality, indicator_id, sector, period, period_label, kind, x0, x1, value,
    estimate, target_low, target_high, target, unit, batch_id, file_name, loaded_at.
    """
    rows = obs[obs["indicator_id"].isin(list(SECTORS)) & obs["period_kind"].isin(["year", "term"])]
    rows = rows[rows["actual_value"].notna() | rows["target_text"].notna()]
    targets = _target_rows(rows)
    low, high = _bands(targets)
    return pd.DataFrame({
        "locality": rows["locality"],
        "indicator_id": rows["indicator_id"],
        "sector": rows["indicator_id"].map(SECTORS),
        "period": rows["period"],
        "period_label": rows["period_label"],
        "kind": rows["period_kind"],
        "x0": pd.to_datetime(rows["start_date"]).dt.year,
        "x1": pd.to_datetime(rows["end_date"]).dt.year,
        "value": rows["actual_value"],
        "estimate": _estimates(rows),
        "target_low": low,
        "target_high": high,
        "target": [_target(t) for t in targets],
        "unit": rows["unit"],
        "batch_id": rows["batch_id"],
        "file_name": rows["file_name"],
        "loaded_at": rows["loaded_at"],
    }).reset_index(drop=True)


def growth_table(obs: pd.DataFrame) -> pd.DataFrame:
    """Every growth row (half years included), Vietnamese headers, for the table view."""
    table = pd.DataFrame({
        "Địa phương": obs["locality"],
        "Kỳ": obs["period_label"],
        "Khu vực": obs["indicator_id"].map(SECTORS),
        "Thực hiện (%)": obs["actual_value"],
        "Ước tính": _estimate_words(obs["actual_is_estimate"]),
        "Mục tiêu": obs["target_text"],
        "Đánh giá (báo cáo)": obs["reported_status"],
        "Đánh giá (tính toán)": obs["computed_status"],
    })
    return table.reset_index(drop=True)


def _plan_amount(row: pd.Series, unit: str) -> float | None:
    target = target_of(row)
    if target is None or target.floor is None:
        return None
    return convert_amount(target.floor, row["unit"], unit)


def budget_frame(obs: pd.DataFrame, unit: str, period: str | None = None) -> pd.DataFrame:
    """Budget components of one locality and `period` (the only one in `obs` when None; `obs`
    may also hold the year's rows, whose dự toán in-year progress is measured against), amounts
    in `unit` (triệu or tỷ đồng).

    Columns: indicator_id, component, actual, plan, pct_plan, pct_prev, estimate, status,
    elapsed (% of the year gone, in-year only), batch_id, file_name, loaded_at. % of plan is
    the reported one, else actual ÷ plan (the year's plan for an in-year period).
    """
    rows = with_status(obs[obs["indicator_id"].isin(BUDGET_COMPONENTS)])
    if period is not None:
        rows = rows[rows["period"] == period]
    rows = rows.set_index("indicator_id").reindex(
        [c for c in BUDGET_COMPONENTS if c in set(rows["indicator_id"])]).reset_index()
    records = []
    for _, row in rows.iterrows():
        actual = convert_amount(row["actual_value"], row["unit"], unit)
        plan = _plan_amount(row, unit)
        pct = row["pct_target"] if is_missing(row["pct_year"]) else row["pct_year"]
        if is_missing(pct) and actual is not None and plan:
            pct = actual / plan * 100
        records.append({
            "indicator_id": row["indicator_id"], "component": row["indicator"],
            "actual": actual, "plan": plan, "pct_plan": None if is_missing(pct) else float(pct),
            "pct_prev": None if is_missing(row["pct_prev"]) else float(row["pct_prev"]),
            "estimate": is_true(row["actual_is_estimate"]), "status": row["status"],
            "elapsed": row["elapsed"], "batch_id": row["batch_id"], "file_name": row["file_name"],
            "loaded_at": row["loaded_at"],
        })
    columns = ["indicator_id", "component", "actual", "plan", "pct_plan", "pct_prev", "estimate",
               "status", "elapsed", "batch_id", "file_name", "loaded_at"]
    return pd.DataFrame(records, columns=columns)


def budget_table(budget: pd.DataFrame, unit: str) -> pd.DataFrame:
    """The budget frame with Vietnamese headers, for the table view."""
    return pd.DataFrame({  # the verdict right after the name: on a phone it stays on screen
        "Khoản": budget["component"],
        "Đánh giá": budget["status"],
        f"Thực hiện ({unit})": budget["actual"],
        "Ước tính": _estimate_words(budget["estimate"]),
        f"Dự toán ({unit})": budget["plan"],
        "% dự toán": budget["pct_plan"],
        "% cùng kỳ": budget["pct_prev"],
    })


def written_amount_unit(obs: pd.DataFrame) -> str | None:
    """The đồng unit most budget rows are written in ('triệu đồng' or 'tỷ đồng'), if any."""
    units = obs.loc[obs["indicator_id"].isin(BUDGET_COMPONENTS), "unit"].dropna()
    factors = [amount_factor(u) for u in units]
    big = sum(1 for f in factors if f is not None and f >= 1000)
    small = sum(1 for f in factors if f is not None and f < 1000)
    if not big and not small:
        return None
    return "tỷ đồng" if big > small else "triệu đồng"


def _by_period(rows: pd.DataFrame) -> pd.DataFrame:
    return rows.sort_values(["end_date", "period"]).reset_index(drop=True)


def poverty_frame(obs: pd.DataFrame) -> pd.DataFrame:
    """Poverty rate rows (overall and ethnic minority) with actual and target standards.

    Columns: series, period, period_label, end_date, value, estimate, target_low, target_high,
    target, actual_standard, target_standard, unit, batch_id, file_name, loaded_at.
    """
    rows = add_standards(obs[obs["indicator_id"].isin(list(POVERTY_RATES))])
    if rows.empty:
        return pd.DataFrame(columns=["series", "period", "period_label", "end_date", "value"])
    targets = _target_rows(rows)
    rows = rows.assign(
        series=rows["indicator_id"].map(POVERTY_RATES),
        value=rows["actual_value"],
        # The mark drawn for a target: its reference ('< 0,2' marks 0,2).
        target_low=[math.nan if t is None else t.reference("down")
                    for t in map(target_of, targets)],
        target_high=_bands(targets)[1],
        estimate=_estimates(rows),
        target=[_target(t) for t in targets],
    )
    keep = ["series", "indicator_id", "period", "period_label", "end_date", "value", "estimate",
            "target_low", "target_high", "target", "actual_standard", "target_standard", "unit",
            "batch_id", "file_name", "loaded_at"]
    return _by_period(rows[keep])


def households_frame(obs: pd.DataFrame) -> pd.DataFrame:
    """Poor and near-poor household counts with their standard.

    Columns: series, period, period_label, end_date, value, standard, unit, batch_id, file_name,
    loaded_at.
    """
    wanted = obs["indicator_id"].isin(list(HOUSEHOLDS)) & obs["actual_value"].notna()
    rows = add_standards(obs[wanted])
    if rows.empty:
        return pd.DataFrame(columns=["series", "period", "period_label", "end_date", "value"])
    rows = rows.assign(series=rows["indicator_id"].map(HOUSEHOLDS), value=rows["actual_value"],
                       standard=rows["actual_standard"],
                       order=rows["indicator_id"].map(list(HOUSEHOLDS).index))
    keep = ["series", "period", "period_label", "end_date", "value", "standard", "unit",
            "batch_id", "file_name", "loaded_at"]
    return rows.sort_values(["order", "end_date"])[keep].reset_index(drop=True)


def poverty_table(rates: pd.DataFrame, counts: pd.DataFrame) -> pd.DataFrame:
    """Rates and counts in one table with their standard, Vietnamese headers."""
    parts = []
    if not rates.empty:
        parts.append(pd.DataFrame({
            "Kỳ": rates["period_label"], "Chỉ tiêu": rates["series"], "Giá trị": rates["value"],
            "ĐVT": rates["unit"], "Ước tính": _estimate_words(rates["estimate"]),
            "Chuẩn nghèo": rates["actual_standard"], "Mục tiêu": rates["target"],
            "Chuẩn của mục tiêu": rates["target_standard"].where(rates["target"].notna()),
        }))
    if not counts.empty:
        parts.append(pd.DataFrame({
            "Kỳ": counts["period_label"], "Chỉ tiêu": counts["series"], "Giá trị": counts["value"],
            "ĐVT": counts["unit"], "Chuẩn nghèo": counts["standard"],
        }))
    return pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()


def _comparison_targets(rows: pd.DataFrame, unit: str) -> tuple[list[float], list[str | None]]:
    """Each row's target level (its reference, in the comparison's unit) and words."""
    values, words = [], []
    for _, row in rows.iterrows():
        target = target_of(row)
        level = None if target is None else target.reference(row.get("direction"))
        if level is not None and amount_factor(unit) is not None:
            level = convert_amount(level, row["unit"], unit)
        values.append(math.nan if level is None else level)
        words.append(None if level is None else target_words(row))
    return values, words


@dataclass(frozen=True)
class RelativeScope:
    """What a relative change (against each locality's first period) is computed from: the
    period codes of one kind (`kind`), and what of the picked periods and localities it leaves
    out — the labels of the periods of another kind, the names of the localities with fewer
    than two periods of that kind (no first period to change from)."""

    periods: list[str] = field(default_factory=list)
    kind: str = ""
    other_periods: list[str] = field(default_factory=list)
    single: dict[str, str] = field(default_factory=dict)  # {locality id: name}


def relative_scope(obs: pd.DataFrame, relative: bool = True) -> RelativeScope:
    """The scope of a relative change of `obs` (the picked periods' rows): only the kind of
    period most of the picked periods with a result are (years first on a tie), so that a
    three-year term average is never changed against a single year; and only the localities
    with at least two of those periods. Empty when not `relative`."""
    rows = obs[obs["actual_value"].notna()]
    if not relative or rows.empty:
        return RelativeScope()
    periods = pd.DataFrame({"code": rows["period"], "kind": rows["period_kind"],
                            "label": rows["period_label"], "end_date": rows["end_date"]})
    periods = periods.drop_duplicates("code").sort_values(["end_date", "code"])
    kept = dominant_kind(periods)
    kind = str(periods.loc[periods["code"] == kept[0], "kind"].iloc[0])
    other = periods.loc[~periods["code"].isin(kept), "label"]
    counts = rows[rows["period"].isin(kept)].groupby("locality_id")["period"].nunique()
    names = rows.sort_values("locality").drop_duplicates("locality_id")
    single = {str(lid): str(name) for lid, name in
              zip(names["locality_id"], names["locality"], strict=True) if counts.get(lid, 0) < 2}
    return RelativeScope(kept, kind, [str(label) for label in other], single)


PCT_SINCE_FIRST = "% so với kỳ đầu"
POINTS_SINCE_FIRST = "điểm % so với kỳ đầu"


def comparison_frame(obs: pd.DataFrame,
                     scope: RelativeScope | None = None) -> tuple[pd.DataFrame, str]:
    """One indicator across localities and periods, amounts in one unit; and that unit.

    With a relative `scope` (`relative_scope` of the same rows, which the page also tells its
    notes from; empty when not relative), only its rows are kept, and values become the change
    against each locality's first period: in % for
    amounts (unit PCT_SINCE_FIRST), in percentage points for an indicator that is itself a
    percentage (unit '%' or '%/năm': POINTS_SINCE_FIRST).
    Columns: locality, locality_id, period, period_label, period_kind, end_date, value, estimate,
    target_value (the target's level, NaN when none or relative), target, batch_id, file_name,
    loaded_at.
    """
    rows = obs[obs["actual_value"].notna()].copy()
    relative = scope is not None and bool(scope.periods)
    if relative:
        rows = rows[rows["period"].isin(scope.periods) & ~rows["locality_id"].isin(scope.single)]
    units = rows["unit"].dropna()
    unit = str(units.mode().iloc[0]) if not units.empty else ""
    if amount_factor(unit) is not None:
        rows["actual_value"] = [convert_amount(v, u, unit)
                                for v, u in zip(rows["actual_value"], rows["unit"], strict=True)]
        rows = rows[rows["actual_value"].notna()]
    rows = _by_period(rows).rename(columns={"actual_value": "value"})
    rows["estimate"] = _estimates(rows)
    rows["target_value"], rows["target"] = _comparison_targets(rows, unit)
    if relative and not rows.empty:
        first = rows.groupby("locality_id")["value"].transform("first")
        if unit.startswith("%"):  # a rate: 4,2% -> 9,7% is +5,5 points, not +130,95%
            rows["value"] = rows["value"] - first
            unit = POINTS_SINCE_FIRST
        else:
            rows["value"] = (rows["value"] / first.where(first != 0) - 1) * 100
            unit = PCT_SINCE_FIRST
        rows["target_value"], rows["target"] = math.nan, None
    keep = ["locality", "locality_id", "period", "period_label", "period_kind", "end_date",
            "value", "estimate", "target_value", "target", "batch_id", "file_name", "loaded_at"]
    return rows[keep], unit


def left_out(every: pd.DataFrame, frame: pd.DataFrame, chosen: dict[str, str],
             explained: Collection[str] = ()) -> dict[str, list[str]]:
    """The chosen localities ({id: name}) absent from a comparison `frame`, each with the labels
    of the periods it has a result in among `every` (its rows of the indicator, all periods);
    but not those `explained` otherwise (ids, e.g. a RelativeScope's `single`)."""
    shown = set(frame["locality_id"]) | set(explained)
    results = every[every["actual_value"].notna()].sort_values("end_date")
    return {name: list(dict.fromkeys(results.loc[results["locality_id"] == lid, "period_label"]))
            for lid, name in chosen.items() if lid not in shown}


def comparison_table(frame: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Localities as rows, periods as columns (in time order), each header with the unit."""
    order = list(dict.fromkeys(frame.sort_values("end_date")["period_label"]))
    table = frame.pivot_table(index="locality", columns="period_label", values="value",
                              aggfunc="first", sort=False).reindex(columns=order)
    table.columns = [f"{label} ({unit})" if unit else label for label in table.columns]
    return table.reset_index().rename(columns={"locality": "Địa phương"})


TIDY_COLUMNS = {
    "locality": "Địa phương", "period_label": "Kỳ", "domain": "Lĩnh vực",
    "indicator": "Chỉ tiêu", "indicator_as_written": "Chỉ tiêu (nguyên văn)", "unit": "ĐVT",
    "target_text": "Kế hoạch (nguyên văn)",
    # The plan as numbers (a spreadsheet adds them up): both the same for one figure, one side
    # for '> 64' or '< 18', both for a range.
    "target_low": "Kế hoạch tối thiểu", "target_high": "Kế hoạch tối đa",
    "actual_text": "Thực hiện (nguyên văn)",
    "actual_value": "Giá trị thực hiện", "actual_is_estimate": "Ước tính",
    "pct_target": "% kế hoạch", "pct_prev": "% cùng kỳ", "reported_status": "Đánh giá (báo cáo)",
    "computed_status": "Đánh giá (tính toán)", "note": "Ghi chú", "file_name": "Tệp nguồn",
    "batch_id": "Lô", "loaded_at": "Ngày nạp", "source": "Ô nguồn",
}


def tidy_table(obs: pd.DataFrame) -> pd.DataFrame:
    """The Dữ liệu page table: one row per current observation, Vietnamese headers, with the
    source file, batch and cell each value came from (the plan also as numbers, the domain
    capitalised as on the other pages, no internal period code)."""
    table = obs.reindex(columns=list(TIDY_COLUMNS))
    table["domain"] = table["domain"].map(lambda d: None if is_missing(d) else capitalize(d))
    return table.rename(columns=TIDY_COLUMNS).reset_index(drop=True)


def table_filter(names: pd.DataFrame | Callable[[], pd.DataFrame], locality_ids: Sequence[str],
                 period_codes: Sequence[str], domains: Sequence[str], search: str) -> TableFilter:
    """The Dữ liệu filter for DuckDB. The search text is matched here, ignoring case and
    diacritics ('ho ngheo' finds 'Tỷ lệ hộ nghèo'), against the indicator names of
    `queries.indicator_names` (hundreds of names, not millions of rows): a row is kept when its
    catalog name or its name as written matches. `names` may be a function giving them, called
    only when there is a search (listing the names reads every current row)."""
    base = TableFilter(tuple(locality_ids), tuple(period_codes), tuple(domains))
    needle = fold(search)
    if not needle:
        return base
    if callable(names):
        names = names()
    by_name = names[_contains(names["indicator"], needle)]["indicator_id"]
    as_written = names[_contains(names["indicator_as_written"], needle)]["indicator_as_written"]
    return replace(base, indicator_ids=tuple(dict.fromkeys(by_name)),
                   written_names=tuple(dict.fromkeys(as_written)), searched=True)


def _contains(texts: pd.Series, needle: str) -> pd.Series:
    return texts.fillna("").map(fold).str.contains(needle, regex=False)


STATE_LABELS = {"active": "đang dùng", "replaced": "đã thay thế", "rolled_back": "đã hoàn tác"}


def batch_table(batches: pd.DataFrame) -> pd.DataFrame:
    """Import history with Vietnamese headers and states."""
    return pd.DataFrame({
        "Lô": batches["id"], "Tệp": batches["file_name"],
        "Ngày nạp": batches["loaded_at"].map(fmt_date),
        "Trạng thái": batches["state"].map(lambda s: STATE_LABELS.get(s, s)),
        "Địa phương": batches["locality"], "Kỳ": batches["period"], "Số dòng": batches["row_count"],
    })
