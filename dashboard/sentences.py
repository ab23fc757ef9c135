"""One-line Vietnamese statements generated from the figures, in the words reports use.

"Thu ngân sách 6 tháng đầu năm 2023 ước đạt 730.734 triệu đồng, bằng 41% dự toán và 84% cùng
kỳ, chậm tiến độ (đã qua 50% thời gian năm)." — templates, not free text: every number comes
from the same row and goes through the same formatting (`dashboard.fmt`) as the chart or card
beside it, so a sentence never says a number the chart does not show. Cards and charts carry
these sentences as their titles; Tổng quan joins them into the *Nhận xét* paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from dashboard import status as st_
from dashboard.fmt import (
    fmt_num,
    fmt_pct,
    fmt_signed,
    fmt_value,
    is_missing,
    is_true,
    lower_first,
    target_of,
    target_words,
    unit_suffix,
)
from dashboard.poverty import row_standards
from dashboard.progress import BEHIND, PROGRESS, against_year

if TYPE_CHECKING:
    from dashboard.frames import RelativeScope

__all__ = [
    "attainment",
    "budget",
    "budget_component",
    "budget_amounts",
    "budget_gap",
    "budget_vs_prev",
    "comparison",
    "domains",
    "estimated",
    "growth",
    "growth_change",
    "households",
    "in_year_note",
    "latest",
    "latest_growth",
    "latest_poverty",
    "matrix",
    "met_words",
    "missing_localities",
    "relative_notes",
    "over_ceiling",
    "plan",
    "plan_count",
    "poverty",
    "two_standards",
    "remarks",
    "single_period_note",
    "verdict_words",
]

_SHORT_NAMES = {
    "budget_revenue_total": "Thu ngân sách",
    "budget_revenue_local": "Thu ngân sách do địa phương quản lý",
    "budget_revenue_tax_fee": "Thu thuế, phí",
    "budget_spending_local": "Chi ngân sách địa phương",
    "growth_total": "Tăng trưởng",
    "poverty_rate": "Tỷ lệ hộ nghèo",
    "poverty_rate_ethnic": "Tỷ lệ hộ nghèo đồng bào dân tộc thiểu số",
}
_VERDICTS = {
    st_.EXCEEDED: "vượt mục tiêu", st_.MET: "đạt mục tiêu", st_.NOT_MET: "chưa đạt mục tiêu",
}


def _name(row: Mapping[str, Any]) -> str:
    name = _SHORT_NAMES.get(row.get("indicator_id"))
    return name or str(row.get("indicator") or row.get("indicator_as_written") or "")


def _reached(row: Mapping[str, Any]) -> str:
    return "ước đạt" if is_true(row.get("actual_is_estimate")) else "đạt"


def estimated(flag: Any) -> str:
    """' (ước)' after a figure that is an estimate (ước thực hiện), else nothing: a sentence
    never says an estimate as if it were the result."""
    return " (ước)" if is_true(flag) else ""


def growth_change(first: Mapping[str, Any], last: Mapping[str, Any], name: str) -> str:
    """'Tăng trưởng … từ 4,2% năm 2021 lên 9,8% năm 2023 (ước)' — two years of a growth frame
    (value, x0, estimate), each estimate said so."""
    def at(row: Mapping[str, Any]) -> str:
        return f"{fmt_pct(row['value'], 2)} năm {row['x0']}{estimated(row.get('estimate'))}"

    if last["value"] >= first["value"]:
        return f"{name} từ {at(first)} lên {at(last)}"
    return f"{name} giảm từ {at(first)} còn {at(last)}"


def verdict_words(status: Any, target: str | None) -> str | None:
    """', chưa đạt mục tiêu 8,5–9,5%' — the verdict with the target; just the target when it is
    not judged yet; None without a target."""
    if not target:
        return None
    words = _VERDICTS.get(status)
    return f", {words} {target}" if words else f" (mục tiêu {target})"


def _unit(row: Mapping[str, Any]) -> str | None:
    unit = row.get("unit")
    return None if is_missing(unit) else str(unit)


def budget(row: Mapping[str, Any], period_label: str) -> str:
    """A budget line of one period: amount, % of dự toán, % of cùng kỳ and, in a running year,
    its progress. `row` is an observation row after `metrics.with_status` (actual_value, unit,
    pct_target or pct_year, pct_prev, elapsed, status)."""
    parts = [f"{_name(row)} {lower_first(period_label)} {_reached(row)} "
             f"{fmt_value(row['actual_value'], _unit(row))}"]
    pct = row.get("pct_year")
    pct = row.get("pct_target") if is_missing(pct) else pct
    shares = [f"{fmt_pct(pct)} dự toán"] if not is_missing(pct) else []
    if not is_missing(row.get("pct_prev")):
        shares.append(f"{fmt_pct(row['pct_prev'])} cùng kỳ")
    if shares:
        parts.append("bằng " + " và ".join(shares))
    elapsed = row.get("elapsed")
    if not is_missing(elapsed) and not is_missing(pct):
        status = row.get("status")
        when = f"đã qua {fmt_pct(elapsed)} thời gian năm"
        parts.append(f"{status.lower()} ({when})" if status in PROGRESS else f"({when})")
    return ", ".join(parts).replace(", (", " (") + "."


def budget_component(row: Mapping[str, Any], period_label: str, unit: str) -> str:
    """`budget` for a row of `frames.budget_frame` (amounts already in `unit`)."""
    return budget({
        "indicator_id": row["indicator_id"], "indicator": row["component"],
        "actual_value": row["actual"], "unit": unit, "actual_is_estimate": row["estimate"],
        "pct_year": row["pct_plan"], "pct_prev": row["pct_prev"], "elapsed": row["elapsed"],
        "status": row["status"],
    }, period_label)


def budget_vs_prev(frame: pd.DataFrame) -> str | None:
    """'So với cùng kỳ: thu ngân sách bằng 84%, chi ngân sách địa phương bằng 127%.'"""
    rows = frame[frame["pct_prev"].notna()]
    if rows.empty:
        return None
    parts = [f"{lower_first(_name({'indicator_id': r.indicator_id, 'indicator': r.component}))}"
             f" bằng {fmt_pct(r.pct_prev)}" for r in rows.itertuples()]
    return "So với cùng kỳ: " + ", ".join(parts) + "."


def latest(rows: pd.DataFrame) -> pd.Series | None:
    """The latest observation with a result (a term before a year ending the same day: it is
    the one with the target) — the row a chart's sentence speaks of."""
    rows = rows[rows["actual_value"].notna()]
    if rows.empty:
        return None
    order = rows.assign(_term=rows["period_kind"] == "term").sort_values(["end_date", "_term"])
    return order.iloc[-1]


def _status(row: Mapping[str, Any]) -> str:
    status = row.get("status")
    return status if isinstance(status, str) else st_.effective_status(
        row.get("reported_status"), row.get("computed_status"))


def latest_growth(obs: pd.DataFrame) -> str | None:
    """`growth` of the latest result among one locality's rows of one indicator."""
    row = latest(obs)
    return None if row is None else growth(row, row["period_label"])


def latest_poverty(obs: pd.DataFrame) -> str | None:
    """`poverty` of the latest overall poverty rate among one locality's rows."""
    row = latest(obs[obs["indicator_id"] == "poverty_rate"])
    return None if row is None else poverty(row, row["period_label"])


def growth(row: Mapping[str, Any], period_label: str) -> str:
    """'Tăng trưởng giai đoạn 2021–2023 bình quân 7,8%/năm, chưa đạt mục tiêu 8,5–9,5%.'"""
    unit = _unit(row) or "%"
    term = row.get("period_kind") == "term"
    unit = unit if not term or unit.endswith("/năm") else f"{unit}/năm"
    value = fmt_value(row["actual_value"], unit)
    verb = "bình quân" if term else _reached(row)
    head = f"{_name(row)} {lower_first(period_label)} {verb} {value}"
    target = target_words({**row, "unit": "%"}) if target_of(row) is not None else None
    return head + (verdict_words(_status(row), target) or "") + "."


def poverty(row: Mapping[str, Any], period_label: str) -> str:
    """'Tỷ lệ hộ nghèo năm 2023 còn 2,1%, chưa đạt mục tiêu 1,8% (cao hơn 0,3 điểm %).' — for
    'lower is better' the distance says how far above the ceiling it is; a target under
    another poverty standard than the result ('0,2 (theo tiêu chí cũ)') is named as such,
    without a distance between the two."""
    unit = _unit(row) or "%"
    verb = "ước còn" if is_true(row.get("actual_is_estimate")) else "còn"
    head = f"{_name(row)} {lower_first(period_label)} {verb} {fmt_value(row['actual_value'], unit)}"
    target = target_of(row)
    if target is None:
        return head + "."
    words = verdict_words(_status(row), target.text(unit)) or ""
    standards = two_standards(row)
    if standards:  # no distance between rates of two standards
        return (f"{head}{words} (mục tiêu theo chuẩn nghèo {standards[1]}, kết quả theo "
                f"chuẩn {standards[0]}).")
    over = over_ceiling(target, row["actual_value"], unit)
    return head + words + (f" (cao hơn {over})" if over else "") + "."


def two_standards(row: Mapping[str, Any]) -> tuple[str, str] | None:
    """(the result's poverty standard, the target's) when they differ ('0,2 (theo tiêu chí
    cũ)' against a result of the standard now in force), else None; a row without a period
    end is not told apart."""
    if not str(row.get("indicator_id", "")).startswith("poverty") or is_missing(
            row.get("end_date")):
        return None
    actual, target = row_standards(row)
    return (actual, target) if actual != target else None


def over_ceiling(target: Any, actual: Any, unit: str | None) -> str | None:
    """'0,17 điểm %' — how far a 'lower is better' result is above its ceiling; None when it is
    not above it."""
    margin = None if target is None else target.margin(actual, "down")
    if margin is None or margin >= 0:
        return None
    points = "điểm %" if (unit or "").startswith("%") else (unit or "")
    return f"{fmt_num(-margin)} {points}".rstrip()


def plan(row: Mapping[str, Any], period_label: str) -> str:
    """'Kế hoạch năm 2022: thu ngân sách do địa phương quản lý 770,4 tỷ đồng.' — a target of a
    period that has no result for it yet (nothing to say 'đạt' of)."""
    return f"Kế hoạch {lower_first(period_label)}: {lower_first(_name(row))} {target_words(row)}."


def plan_count(count: int, period_label: str) -> str:
    """'Năm 2022 có 35 mục tiêu, chưa có kết quả thực hiện để đánh giá.'"""
    return f"{period_label} có {fmt_num(count)} mục tiêu, chưa có kết quả thực hiện để đánh giá."


def met_words(counts: Mapping[str, int], year: str | None = None) -> str:
    """How the met ones are named: 'đạt và vượt'; where some were judged against the year's
    plan (`metrics.attainment_counts`'s 'in_year'), 'đạt hoặc đúng tiến độ so với kế hoạch năm
    2024'."""
    if not counts.get("in_year") or year is None:
        return "đạt và vượt"
    return f"đạt hoặc đúng tiến độ {against_year(year)}"


def in_year_note(period_label: str, year: str, elapsed: float | None) -> str:
    """How an in-year scorecard judges (`dashboard.progress`), said under its count."""
    mark = f" ({fmt_pct(elapsed * 100)} thời gian của năm)" if elapsed else ""
    return (f"{period_label}: kết quả được đánh giá {against_year(year)}. Số cộng dồn cả năm "
            f"(thu ngân sách, sản lượng, số lượng) theo tiến độ, so với mốc thời gian đã qua{mark}"
            ": vượt, đúng hoặc chậm tiến độ. Tỷ lệ, mức và tốc độ tăng so sánh trực tiếp với kế "
            "hoạch năm: đây là ước đánh giá trong năm, chưa phải kết quả cả năm. Đánh giá ghi "
            "trong báo cáo và mục tiêu riêng của kỳ (nếu có) được giữ nguyên.")


def attainment(counts: Mapping[str, int], period_label: str,
               year: str | None = None) -> str | None:
    """'Giai đoạn 2021–2023 có 8/19 chỉ tiêu đạt và vượt, 11 chỉ tiêu chưa đạt.'; for an
    in-year period (`year` the year it lies in), '6 tháng đầu năm 2024 có 5/9 chỉ tiêu đạt hoặc
    đúng tiến độ so với kế hoạch năm 2024, 3 chỉ tiêu chậm tiến độ, 1 chỉ tiêu chưa đạt.'"""
    if not counts.get("total"):
        return None
    text = f"{period_label} có {counts['met']}/{counts['total']} chỉ tiêu {met_words(counts, year)}"
    if counts.get(BEHIND):
        text += f", {counts[BEHIND]} chỉ tiêu chậm tiến độ"
    if counts.get(st_.NOT_MET):
        text += f", {counts[st_.NOT_MET]} chỉ tiêu chưa đạt"
    return text + "."


def domains(counts: pd.DataFrame) -> str | None:
    """The domain with the most targets not met (the tied ones, on a tie), from
    `metrics.status_by_domain`."""
    if counts.empty:
        return None
    totals = counts.groupby("domain", sort=False)["count"].sum()
    missed = counts[counts["status"] == st_.NOT_MET].groupby("domain", sort=False)["count"].sum()
    if missed.empty:
        return f"Cả {len(totals)} lĩnh vực không có chỉ tiêu chưa đạt."
    worst = [domain for domain, count in missed.items() if count == missed.max()]
    if len(worst) == 1:
        return (f"{worst[0]} có nhiều chỉ tiêu chưa đạt nhất: {int(missed[worst[0]])}/"
                f"{int(totals[worst[0]])} chỉ tiêu.")
    # A tie is said as a tie: no domain is singled out.
    named = [f"{d} ({int(missed[d])}/{int(totals[d])} chỉ tiêu)" for d in worst]
    return f"{', '.join(named[:-1])} và {named[-1]} cùng có nhiều chỉ tiêu chưa đạt nhất."


def households(counts: pd.DataFrame) -> str | None:
    """'Năm 2023 có 193 hộ nghèo và 574 hộ cận nghèo.' — the latest period of the chart."""
    if counts.empty:
        return None
    last = counts[counts["end_date"] == counts["end_date"].max()]
    parts = [f"{fmt_num(r.value)} {lower_first(r.series)}"
             for r in last.itertuples()]
    return f"{last['period_label'].iloc[0]} có {' và '.join(parts)}."


def comparison(frame: pd.DataFrame, indicator: str, unit: str) -> str | None:
    """The latest period of a comparison: the highest and lowest locality, or the one value."""
    if frame.empty:
        return None
    last = frame[frame["end_date"] == frame["end_date"].max()].dropna(subset=["value"])
    if last.empty:
        return None
    # One period only (a year and a term may end the same day): the one most localities have.
    period = last["period"].value_counts().idxmax()
    last = last[last["period"] == period]
    label = lower_first(last["period_label"].iloc[0])
    suffix = "%" if unit.startswith("%") else unit

    def value(row: pd.Series) -> str:
        if "so với" in unit:  # relative change against each locality's first period
            return f"{fmt_signed(row['value'], 2)}{unit_suffix(unit)}"
        return "ước " * is_true(row.get("estimate")) + fmt_value(row["value"], suffix or None)

    if len(last) == 1:
        row = last.iloc[0]
        return f"{indicator} {label}: {row['locality']} {value(row)}."
    top, bottom = last.loc[last["value"].idxmax()], last.loc[last["value"].idxmin()]
    return (f"{indicator} {label}: cao nhất {top['locality']} ({value(top)}), thấp nhất "
            f"{bottom['locality']} ({value(bottom)}).")


_MAX_NAMED_PERIODS = 3


def single_period_note(relative: bool) -> str:
    """What So sánh says when one period is picked: its localities are drawn as bars, and a
    relative change needs a first period to change from."""
    note = "Một kỳ: các địa phương được so sánh bằng biểu đồ cột."
    if relative:
        note += " Thay đổi tương đối cần ít nhất hai kỳ: chọn thêm kỳ để xem."
    return note


_KIND_WORDS = {"year": "năm", "term": "giai đoạn", "half": "6 tháng", "nine_months": "9 tháng",
               "quarter": "quý"}


def relative_notes(scope: RelativeScope) -> list[str]:
    """What a relative change leaves out of the picked periods and localities, and why:
    'Thay đổi tương đối chỉ so các kỳ cùng loại (năm): không tính Giai đoạn 2021–2023.',
    'Thị xã Đức Phổ chưa có hai kỳ cùng loại: không tính được thay đổi so với kỳ đầu.'"""
    notes = []
    if scope.other_periods:
        kind = _KIND_WORDS.get(scope.kind)
        same = f"cùng loại ({kind})" if kind else "cùng loại"
        notes.append(f"Thay đổi tương đối chỉ so các kỳ {same}: không tính "
                     f"{', '.join(scope.other_periods)}.")
    if scope.single:
        notes.append(f"{', '.join(scope.single.values())} chưa có hai kỳ cùng loại: không tính "
                     "được thay đổi so với kỳ đầu.")
    return notes


def missing_localities(elsewhere: Mapping[str, Sequence[str]]) -> str | None:
    """'Chưa có số liệu cho các kỳ đã chọn: Thị xã Đức Phổ (có số liệu Giai đoạn 2021–2023).'
    — `elsewhere` maps each locality left out of a comparison to the labels of the periods it
    does have a result in."""
    if not elsewhere:
        return None
    parts = []
    for name, labels in elsewhere.items():
        named = ", ".join(labels[:_MAX_NAMED_PERIODS]) + ("…" if len(labels) > 3 else "")
        parts.append(f"{name} (có số liệu {named})" if labels else name)
    return f"Chưa có số liệu cho các kỳ đã chọn: {'; '.join(parts)}."


def budget_amounts(frame: pd.DataFrame, period_label: str, unit: str) -> str | None:
    """'Tổng thu … năm 2022: dự toán 770,4 tỷ đồng.' — the first component of the chart."""
    rows = frame[frame["actual"].notna() | frame["plan"].notna()]
    if rows.empty:
        return None
    row = rows.iloc[0]
    parts = [f"thực hiện {fmt_value(row['actual'], unit)}" if not is_missing(row["actual"])
             else None,
             f"dự toán {fmt_value(row['plan'], unit)}" if not is_missing(row["plan"]) else None]
    said = ", ".join(p for p in parts if p)
    return f"{row['component']} {lower_first(period_label)}: {said}."


_GAPS = {"pct_plan": "Chưa có dự toán cho kỳ này", "pct_prev": "Chưa có số liệu cùng kỳ để so sánh"}


def budget_gap(frame: pd.DataFrame, column: str) -> str | None:
    """Why a % chart is empty although the period has results: 'Chưa có dự toán cho kỳ này:
    Tổng thu ….' (`column` 'pct_plan') or '… cùng kỳ …' ('pct_prev') naming the components
    that have a result; None when no component has one (then the period has no data)."""
    rows = frame[frame["actual"].notna() & frame[column].isna()]
    if rows.empty:
        return None
    return f"{_GAPS[column]}: {', '.join(dict.fromkeys(rows['component']))}."


def matrix(table: pd.DataFrame) -> str | None:
    """'Thành phố Bảo Lộc đạt và vượt 15/28 chỉ tiêu; Thị xã Đức Phổ 1/1.' from the matrix."""
    parts = []
    for locality in table.columns:
        judged = table[locality].dropna()
        if judged.empty:
            continue
        met = int(judged.isin([st_.MET, st_.EXCEEDED]).sum())
        parts.append(f"{locality} {met}/{len(judged)}")
    if not parts:
        return None
    return "Đạt và vượt chỉ tiêu: " + "; ".join(parts) + "."


def remarks(lines: Sequence[str | None]) -> str:
    """The Nhận xét paragraph: the sentences in order, the empty ones left out."""
    return " ".join(line for line in lines if line)
