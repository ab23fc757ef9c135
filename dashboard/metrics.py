"""Overview cards and attainment tables, computed from the observations frame (no SQL here).

Input frames come from `queries.observations`; outputs are what the Tổng quan and Đạt chỉ tiêu
pages show: `Card`s, counts by domain and status, the scorecard and the localities × indicators
matrix.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from dashboard import sentences
from dashboard import status as st_
from dashboard.fmt import (
    capitalize,
    convert_amount,
    fmt_num,
    fmt_pct,
    fmt_signed,
    fmt_value,
    is_missing,
    is_true,
    target_of,
    target_words,
)
from dashboard.periods import year_of
from dashboard.progress import AHEAD, ON_TRACK, against_year, with_progress

__all__ = [
    "Card",
    "attainment_counts",
    "bullet_ratios",
    "compared_with",
    "overview_cards",
    "scorecard",
    "scorecard_table",
    "status_by_domain",
    "status_matrix",
    "with_status",
    "year_plan_of",
]

BUDGET_CARD_IDS = ("budget_revenue_total", "budget_revenue_local")
OTHER_DOMAIN = "Khác"


@dataclass(frozen=True)
class Card:
    """One overview card: a headline value, its change and its status."""

    title: str
    value: str
    delta: str | None = None
    delta_color: str = "gray"  # blue = better, orange = worse (colour-blind safe pair)
    status: str | None = None
    lines: tuple[str, ...] = ()
    empty: bool = False
    breakdown: tuple[tuple[str, str], ...] = ()  # (status, text) badges, e.g. ('Đạt', '✓ 8 Đạt')
    sentence: str | None = None  # the card's statement in words (dashboard.sentences)


_STATUS_COLUMNS = {"status", "against", "checked", "disagree", "progress", "elapsed", "pct_year",
                   "year_plan"}


def with_status(obs: pd.DataFrame) -> pd.DataFrame:
    """A copy with `status`, `against` and `disagree` (Đạt/Vượt vs Chưa đạt, report against
    computation).

    `status` is the reported verdict where the report gives one; else the computed one where
    the row has a target of its own that decides it; else, for an in-year amount or count, its
    tiến độ against the year's plan (`dashboard.progress`), `against` then saying so ('so với
    kế hoạch năm 2024'); else the computed one ('Không xác định' without a target: an in-year
    rate is shown beside the year's plan, not judged). Rows that already have these columns
    (`dashboard.observed`, or a subset of its rows) are only copied."""
    if _STATUS_COLUMNS <= set(obs.columns):
        return obs.copy()
    out = with_progress(obs) if {"period_kind", "start_date"} <= set(obs.columns) else obs.copy()
    if "progress" not in out:
        out["progress"], out["elapsed"], out["pct_year"] = None, math.nan, math.nan
        out["year_plan"] = None
    statuses, against = [], []
    for reported, computed, target, progress, period in zip(
            out["reported_status"], out["computed_status"], out["target_text"], out["progress"],
            out.get("period", pd.Series(None, index=out.index)), strict=True):
        own = st_.effective_status(reported, computed)
        decided = not is_missing(reported) or (not is_missing(target) and own != st_.UNKNOWN)
        by_year = progress if isinstance(progress, str) else None
        if decided or by_year is None:
            statuses.append(own), against.append(None)
        else:
            statuses.append(by_year), against.append(against_year(year_of(str(period))))
    out["status"], out["against"] = statuses, against
    # What the figures say, to set beside the report's verdict: an in-year result without a
    # target of its own is checked by its tiến độ against the year's plan.
    out["checked"] = [
        progress if isinstance(progress, str) and is_missing(target) else computed
        for computed, progress, target in zip(out["computed_status"], out["progress"],
                                              out["target_text"], strict=True)
    ]
    out["disagree"] = [
        st_.disagrees(r, c) for r, c in zip(out["reported_status"], out["checked"], strict=True)
    ]
    return out


def _domains(domains: pd.Series) -> pd.Series:
    return domains.fillna(OTHER_DOMAIN).map(capitalize)


def _names(rows: pd.DataFrame) -> pd.Series:
    """The canonical indicator name, else the name as written (uncatalogued indicators)."""
    return rows["indicator"].fillna(rows["indicator_as_written"])


def _judged(obs: pd.DataFrame) -> pd.DataFrame:
    """Rows that can be judged: a target with a result, a verdict in the report, or an in-year
    result judged against the year's plan (an in-year amount without a direction, such as
    spending, is shown against the time elapsed but not judged)."""
    rows = with_status(obs)
    result = rows["actual_value"].notna() | rows["actual_text"].notna()
    own = rows["target_text"].notna() & result & rows["elapsed"].isna()
    return rows[own | rows["reported_status"].notna() | rows["against"].notna()
                | (rows["target_text"].notna() & result & (rows["status"] != st_.UNKNOWN))]


MET_WORDS = (st_.EXCEEDED, st_.MET, AHEAD, ON_TRACK)  # counted as met (đạt và vượt)


def attainment_counts(obs: pd.DataFrame) -> dict[str, int]:
    """Counts per verdict (`status.VERDICTS`) among judged rows, plus 'met' (Đạt, Vượt, đúng
    and vượt tiến độ), 'total' and 'in_year' (how many were judged against the year's plan)."""
    judged = _judged(obs)
    counts = {name: int((judged["status"] == name).sum()) for name in st_.VERDICTS}
    counts["met"] = sum(counts[name] for name in MET_WORDS)
    counts["total"] = len(judged)
    counts["in_year"] = int(judged["against"].notna().sum())
    return counts


def status_by_domain(obs: pd.DataFrame) -> pd.DataFrame:
    """Judged rows counted by domain and status: columns domain, status, count."""
    judged = _judged(obs).assign(domain=lambda d: _domains(d["domain"]))
    if judged.empty:
        return pd.DataFrame(columns=["domain", "status", "count"])
    return judged.groupby(["domain", "status"], sort=False).size().reset_index(name="count")


def _row(obs: pd.DataFrame, period: str | None, indicator: str) -> pd.Series | None:
    if period is None:
        return None
    match = obs[(obs["period"] == period) & (obs["indicator_id"] == indicator)]
    return None if match.empty else match.iloc[0]


def _tone(change: float, direction: str | None) -> str:
    if abs(change) < 1e-9 or direction not in ("up", "down"):
        return "gray"
    return "blue" if (change > 0) == (direction == "up") else "orange"


def _estimate(row: pd.Series) -> str:
    return " (ước)" if is_true(row.get("actual_is_estimate")) else ""


def _target_line(row: pd.Series) -> tuple[str, ...]:
    if is_missing(row.get("target_text")):
        return ()
    return (f"Mục tiêu: {target_words(row)}",)


NO_RESULT = "Chưa có kết quả thực hiện"


def _has_target(row: pd.Series | None) -> bool:
    return row is not None and not is_missing(row.get("target_text"))


def _plan_card(title: str, row: pd.Series, period_label: str) -> Card:
    """A card whose period has the target but no result yet: the plan, nothing judged."""
    return Card(title, "–", lines=(NO_RESULT,), sentence=sentences.plan(row, period_label))


def _year_plan_lines(row: pd.Series) -> tuple[str, ...]:
    """An in-year rate without a target of its own: its year's target beside it, not judged
    until the year's result arrives (DESIGN.md, tiến độ)."""
    if is_missing(row.get("year_plan")) or not is_missing(row.get("target_text")):
        return ()
    said = ("Đánh giá theo báo cáo; tỷ lệ giữa năm" if not is_missing(row.get("reported_status"))
            else "Chưa đánh giá: tỷ lệ giữa năm, chờ kết quả cả năm")
    return (f"Kế hoạch năm {year_of(str(row['period']))}: "
            f"{_percent(str(row['year_plan']), row['unit'])}", said)


def _disagree_lines(row: pd.Series) -> tuple[str, ...]:
    """'⚠ Lệch: báo cáo Vượt, tính toán Chậm tiến độ' when the report's verdict and the
    figures disagree (the card wears the report's)."""
    if not bool(row.get("disagree")):
        return ()
    return (f"⚠ Lệch: báo cáo {st_.label(row['reported_status'])}, "
            f"tính toán {st_.label(row['checked'])}",)


def _points_card(title: str, indicator: str, obs: pd.DataFrame, period: str,
                 previous: str | None, labels: dict[str, str],
                 say: Callable[[pd.Series, str], str]) -> Card:
    """A rate card (growth, poverty): change vs the previous period in percentage points."""
    row = _row(obs, period, indicator)
    if row is not None and is_missing(row["actual_value"]) and _has_target(row):
        return _plan_card(title, row, labels.get(period, period))
    if row is None or is_missing(row["actual_value"]):
        return Card(title, "–", empty=True)
    delta, tone = None, "gray"
    before = _row(obs, previous, indicator)
    if before is not None and not is_missing(before["actual_value"]):
        change = float(row["actual_value"]) - float(before["actual_value"])
        delta = f"{fmt_signed(change, 2)} điểm % so với {labels.get(previous, previous)}"
        tone = _tone(change, row["direction"])
    status = row["status"]
    unit = "" if is_missing(row["unit"]) else str(row["unit"])
    lines = _target_line(row) + _year_plan_lines(row) + _disagree_lines(row)
    lines += (f"Đơn vị: {unit}",) if unit.startswith("%/") else ()
    value = fmt_value(row["actual_value"], "%" if unit.startswith("%") else unit)
    return Card(title, value + _estimate(row), delta, tone, status, lines,
                sentence=say(row, labels.get(period, period)))


def _without_plan(row: pd.Series, pct: object) -> bool:
    """A revenue row with no dự toán: no target and no reported % of one."""
    return (is_missing(row["target_low"]) and is_missing(row["target_high"])
            and is_missing(pct))


def _budget_card(obs: pd.DataFrame, period: str, previous: str | None,
                 labels: dict[str, str]) -> Card:
    title = "Thu ngân sách"
    rows = [_row(obs, period, ind) for ind in BUDGET_CARD_IDS]
    row = next((r for r in rows if r is not None and not is_missing(r["actual_value"])), None)
    if row is None:  # no result yet: the plan when there is one
        planned = next((r for r in rows if _has_target(r)), None)
        return (Card(title, "–", empty=True) if planned is None
                else _plan_card(title, planned, labels.get(period, period)))
    lines = [f"{row['indicator']}"]
    pct = row["pct_target"] if is_missing(row["pct_year"]) else row["pct_year"]
    lines += [f"{fmt_pct(pct)} dự toán"] if not is_missing(pct) else []
    if not is_missing(row["elapsed"]):
        lines.append(f"Mốc thời gian {fmt_pct(row['elapsed'])} năm")
    lines += [f"{fmt_pct(row['pct_prev'])} cùng kỳ"] if not is_missing(row["pct_prev"]) else []
    delta, tone = None, "gray"
    before = _row(obs, previous, row["indicator_id"])
    now_amount = convert_amount(row["actual_value"], row["unit"], "triệu đồng")
    then_amount = None if before is None else convert_amount(
        before["actual_value"], before["unit"], "triệu đồng")
    if now_amount is not None and then_amount:
        change = (now_amount / then_amount - 1) * 100
        delta = f"{fmt_signed(change)}% so với {labels.get(previous, previous)}"
        tone = _tone(change, "up")
    elif not is_missing(row["pct_prev"]):
        change = float(row["pct_prev"]) - 100
        delta, tone = f"{fmt_signed(change)}% so với cùng kỳ", _tone(change, "up")
    if is_true(row["actual_is_estimate"]):
        lines.append("Ước thực hiện")
    lines += _disagree_lines(row)
    status = row["status"]
    unit = row["unit"] if not is_missing(row["unit"]) else ""
    if _without_plan(row, pct):  # nothing to judge against: say so, not 'Không xác định'
        status = None
        lines.insert(1, "Chưa có dự toán" if is_missing(row["actual_value"]) else
                     f"Chưa có dự toán; thực hiện {fmt_value(row['actual_value'], unit)}")
    # The unit goes in the title so the value fits a phone-width card.
    value = fmt_value(row["actual_value"], unit, show_unit=False)
    return Card(f"{title} ({unit})" if unit else title, value, delta, tone, status, tuple(lines),
                sentence=sentences.budget(row, labels.get(period, period)))


def _targets_card(obs: pd.DataFrame, period: str, previous: str | None,
                  labels: dict[str, str]) -> Card:
    title = "Đạt chỉ tiêu"
    rows = obs[obs["period"] == period]
    now = attainment_counts(rows)
    if now["total"] == 0:
        targets = rows[rows["target_text"].notna()]
        reported = targets["actual_value"].notna() | targets["actual_text"].notna()
        if targets.empty or reported.any():  # results on progress, not yet judged
            return Card(title, "–", empty=True)
        return Card(title, "–", lines=(f"{fmt_num(len(targets))} mục tiêu", NO_RESULT),
                    sentence=sentences.plan_count(len(targets), labels.get(period, period)))
    share = now["met"] / now["total"] * 100
    delta, tone = None, "gray"
    before = attainment_counts(obs[obs["period"] == previous]) if previous else {"total": 0}
    if before["total"]:
        change = share - before["met"] / before["total"] * 100
        delta = f"{fmt_signed(change)} điểm % so với {labels.get(previous, previous)}"
        tone = _tone(change, "up")
    breakdown = tuple(
        (name, st_.label(name).replace(" ", f" {now[name]} ", 1))
        for name in st_.VERDICTS if now[name]
    )
    year = year_of(period)
    lines = (f"{now['met']}/{now['total']} chỉ tiêu {sentences.met_words(now, year)}",)
    value = f"{now['met']}/{now['total']}"
    return Card(title, value, delta, tone, None, lines, breakdown=breakdown,
                sentence=sentences.attainment(now, labels.get(period, period), year))


def overview_cards(obs: pd.DataFrame, period: str, previous: str | None,
                   labels: dict[str, str]) -> list[Card]:
    """The four Tổng quan cards for one locality and period.

    `obs` holds that locality's rows for `period` (and `previous`, the comparable earlier
    period, when there is one, and the year `period` lies in, whose targets in-year progress is
    measured against); `labels` maps period codes to their labels.
    """
    obs = with_status(obs)
    return [
        _points_card("Tăng trưởng", "growth_total", obs, period, previous, labels,
                     sentences.growth),
        _budget_card(obs, period, previous, labels),
        _points_card("Tỷ lệ hộ nghèo", "poverty_rate", obs, period, previous, labels,
                     sentences.poverty),
        _targets_card(obs, period, previous, labels),
    ]


def compared_with(cards: list[Card], previous_label: str | None) -> str:
    """The overview caption's tail: ' · so sánh với Năm 2021' only when a card shows a change
    against that period; else why nothing is compared."""
    if previous_label is None:
        return " · chưa có kỳ trước để so sánh"
    if any(card.delta and card.delta.endswith(previous_label) for card in cards):
        return f" · so sánh với {previous_label}"
    return f" · {previous_label} không có số liệu cùng chỉ tiêu để so sánh"


def _percent(text: str, unit: object) -> str:
    """A figure in a percentage unit with its sign ('50' -> '50%'), as targets are written."""
    percent = not is_missing(unit) and str(unit).startswith("%")
    if percent and "%" not in text and any(ch.isdigit() for ch in text):
        return f"{text}%"
    return text


def _actual_text(row: pd.Series) -> str:
    text = row["actual_text"]
    if is_missing(text):
        return "–" if is_missing(row["actual_value"]) else _percent(
            fmt_num(row["actual_value"]), row["unit"])
    return f"{_percent(str(text), row['unit'])}{_estimate(row)}"


def _pace(row: pd.Series) -> str | None:
    """An in-year amount's progress in words: '41% kế hoạch năm, mốc 50% năm'."""
    if is_missing(row["pct_year"]) or is_missing(row["elapsed"]):
        return None
    return f"{fmt_pct(row['pct_year'])} kế hoạch năm, mốc {fmt_pct(row['elapsed'])} năm"


def scorecard(obs: pd.DataFrame) -> pd.DataFrame:
    """One row per judged indicator (target, reported verdict, or an in-year result beside its
    year's target), in report order.

    Columns: domain, indicator, as_written, unit, target, actual, reported, computed (the
    computed verdict; an in-year result's tiến độ where it has no target of its own), status,
    disagree, batch_id, file_name, loaded_at; for an in-year period also year_plan (the year's
    target as written), against ('so với kế hoạch năm 2024' where `status` is the verdict
    against it) and pace (an amount's % of the year's plan and the share of the year gone).
    """
    rows = with_status(obs)
    result = rows["actual_value"].notna() | rows["actual_text"].notna()
    rows = rows[rows["target_text"].notna() | rows["reported_status"].notna()
                | rows["against"].notna() | (rows["year_plan"].notna() & result)]
    return pd.DataFrame({
        "domain": _domains(rows["domain"]),
        "indicator": _names(rows),
        "as_written": rows["indicator_as_written"],
        "unit": rows["unit"],
        "target": rows["target_text"].fillna("–"),
        "actual": [_actual_text(r) for _, r in rows.iterrows()],
        "reported": rows["reported_status"],
        "computed": rows["checked"],
        "status": rows["status"],
        "disagree": rows["disagree"],
        "batch_id": rows["batch_id"],
        "file_name": rows["file_name"],
        "loaded_at": rows["loaded_at"],
        "year_plan": rows["year_plan"],
        "against": rows["against"],
        "pace": [_pace(r) for _, r in rows.iterrows()],
    }).reset_index(drop=True)


def year_plan_of(card: pd.DataFrame) -> str | None:
    """The year whose plan an in-year scorecard is set against ('2024'), None for a scorecard
    of a year or a term (no row beside a year's target)."""
    against = card["against"].dropna() if "against" in card else pd.Series(dtype=object)
    if not against.empty:
        return str(against.iloc[0]).rsplit(" ", 1)[-1]
    return None


def scorecard_table(card: pd.DataFrame) -> pd.DataFrame:
    """Scorecard rows with Vietnamese headers; 'Lệch' flags report vs computation. An in-year
    scorecard also has the year's plan, the verdict against it and the progress of amounts."""
    # The verdicts come right after the name: on a phone they stay on screen.
    table = pd.DataFrame({
        "Chỉ tiêu": card["indicator"],
        "Báo cáo": card["reported"],
        "Tính toán": card["computed"],
        "Lệch": card["disagree"].map({True: "⚠ Lệch", False: ""}),
        "Mục tiêu (nguyên văn)": card["target"],
        "Thực hiện": card["actual"],
        "ĐVT": card["unit"],
    }).reset_index(drop=True)
    year = year_plan_of(card)
    if year is None and not ("year_plan" in card and card["year_plan"].notna().any()):
        return table
    words = against_year(year) if year else "so với kế hoạch năm"
    by_year = card["against"].notna().reset_index(drop=True)
    verdict = card["status"].reset_index(drop=True).where(by_year, None)
    # Beside the year's target only: the row has no target of its own, nothing to compute on.
    own = (card["target"] != "–").reset_index(drop=True) | card["reported"].notna().to_numpy()
    table["Tính toán"] = table["Tính toán"].where(own, None)
    table.insert(3, capitalize(words), verdict)
    table.insert(6, f"Kế hoạch năm {year}" if year else "Kế hoạch năm",
                 card["year_plan"].fillna("–").reset_index(drop=True))
    table["Tiến độ"] = card["pace"].fillna("").reset_index(drop=True)
    return table


def _reference(row: pd.Series) -> tuple[float, float, float] | None:
    """(reference, band_low, band_high) of a target, the band in % of the reference (NaN on an
    open side: '> 8' meets anything from 100 % up)."""
    target = target_of(row)
    ref = None if target is None else target.reference(row["direction"])
    if not ref:
        return None
    floor, ceiling = target.band()
    return (ref, math.nan if floor is None else floor / ref * 100,
            math.nan if ceiling is None else ceiling / ref * 100)


def _bullet_label(row: pd.Series) -> str:
    """The result with its unit; for 'lower is better' above the ceiling, by how much."""
    value = fmt_value(row["actual_value"], row["unit"])
    unit = None if is_missing(row["unit"]) else str(row["unit"])
    standards = sentences.two_standards(row)
    if standards:
        return f"{value} (mục tiêu theo chuẩn nghèo {standards[1]})"
    over = (sentences.over_ceiling(target_of(row), row["actual_value"], unit)
            if row["direction"] == "down" else None)
    return f"{value} (cao hơn mục tiêu {over})" if over else value


def bullet_ratios(obs: pd.DataFrame) -> pd.DataFrame:
    """Actual as % of the target's reference value, for the bullet chart of one locality.

    Columns: indicator, ratio, band_low, band_high, status, label (the result with its unit),
    target (in words), direction. Rows without a numeric, comparable actual or target are left out.
    """
    rows = with_status(obs).assign(indicator=lambda d: _names(d))
    records = []
    for _, row in rows.iterrows():
        ref = _reference(row)
        comparable = row["actual_comparable"]
        if ref is None or is_missing(row["actual_value"]) or (
                not is_missing(comparable) and not comparable):
            continue
        target = target_words(row)
        records.append({
            "indicator": row["indicator"],
            "ratio": float(row["actual_value"]) / ref[0] * 100,
            "band_low": ref[1], "band_high": ref[2], "status": row["status"],
            "label": _bullet_label(row), "target": target,
            "direction": row["direction"],
        })
    return pd.DataFrame(records, columns=["indicator", "ratio", "band_low", "band_high", "status",
                                          "label", "target", "direction"])


def status_matrix(obs: pd.DataFrame, localities: list[str] | None = None) -> pd.DataFrame:
    """Indicators (rows, report order) × localities (columns) of the judged rows' status;
    empty cells where a locality has no verdict. `localities` fixes the columns shown."""
    judged = _judged(obs)
    if judged.empty:
        return pd.DataFrame()
    judged = judged.assign(indicator=_names(judged))
    matrix = judged.pivot_table(index="indicator", columns="locality", values="status",
                                aggfunc="first", sort=False)
    return matrix.reindex(columns=localities) if localities else matrix
