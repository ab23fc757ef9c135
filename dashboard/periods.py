"""Period logic the pages need: the previous comparable period, the next one, and the share of a
year elapsed.

Works on the `periods` frame from `queries.periods` (code, kind, start_date, end_date, label).
"""

from __future__ import annotations

import pandas as pd

from etl.periods import IN_YEAR_KINDS, parse_code

__all__ = [
    "dominant_kind", "elapsed_share", "following", "previous_comparable", "shared_kind",
    "share_of_year", "year_of",
]

_KIND_PREFERENCE = ("year", "term", "half", "nine_months", "quarter")


def _row(periods: pd.DataFrame, code: str) -> pd.Series | None:
    match = periods[periods["code"] == code]
    return None if match.empty else match.iloc[0]


def previous_comparable(code: str, periods: pd.DataFrame) -> str | None:
    """The latest earlier period of the same kind covering the same part of the year.

    2023-H1 -> 2022-H1, 2022 -> 2021, 2023-9M -> 2022-9M, 2021-2023 -> the latest term that
    ended before 2021 (2016-2020, not the overlapping 2021-2022).
    Only periods present in `periods` are candidates.
    """
    current = _row(periods, code)
    if current is None:
        return None
    start, end = pd.Timestamp(current["start_date"]), pd.Timestamp(current["end_date"])
    same = periods[periods["kind"] == current["kind"]].copy()
    same["start"] = pd.to_datetime(same["start_date"])
    same["end"] = pd.to_datetime(same["end_date"])
    if current["kind"] == "term":  # an earlier term that does not overlap this one
        earlier = same[same["end"] < start]
    else:  # the same months of an earlier year
        earlier = same[
            (same["end"] < end)
            & (same["start"].dt.strftime("%m-%d") == start.strftime("%m-%d"))
            & (same["end"].dt.strftime("%m-%d") == end.strftime("%m-%d"))
        ]
    if earlier.empty:
        return None
    return str(earlier.sort_values("end").iloc[-1]["code"])


def following(code: str) -> str:
    """The period that comes after `code`, of the same kind: 2023 -> 2024, 2023-H2 -> 2024-H1,
    2023-Q4 -> 2024-Q1, 2023-9M -> 2024-9M, 2021-2025 -> 2026-2030."""
    period = parse_code(code)
    year = period.start.year
    if period.kind == "half":
        return f"{year}-H2" if period.start.month == 1 else f"{year + 1}-H1"
    if period.kind == "quarter":
        quarter = (period.start.month - 1) // 3 + 1
        return f"{year}-Q{quarter + 1}" if quarter < 4 else f"{year + 1}-Q1"
    if period.kind == "nine_months":
        return f"{year + 1}-9M"
    if period.kind == "term":
        last = period.end.year
        return f"{last + 1}-{2 * last + 1 - year}"
    return str(year + 1)


def share_of_year(kind: str, start: object, end: object) -> float | None:
    """For a running year counted from 1 January (Q1, H1, 9M), the share of the year elapsed:
    6 tháng -> 0,5, 9 tháng -> 0,75, quý I -> 0,25; None for whole years, terms and periods that
    do not start in January."""
    if kind not in IN_YEAR_KINDS:
        return None
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if (first.month, first.day) != (1, 1) or (last.month, last.day) == (12, 31):
        return None
    return last.month / 12


def elapsed_share(code: str, periods: pd.DataFrame) -> float | None:
    """`share_of_year` of a period of `periods`: the expected progress against the year's plan."""
    row = _row(periods, code)
    return None if row is None else share_of_year(row["kind"], row["start_date"], row["end_date"])


def year_of(code: str) -> str:
    """The whole year a period lies in: '2023-9M' -> '2023' (a term keeps its code)."""
    head = code.split("-", 1)[0]
    return head if len(head) == 4 and head.isdigit() and not code[5:].isdigit() else code


def dominant_kind(periods: pd.DataFrame) -> list[str]:
    """Codes of the kind of period that occurs most (years first on a tie), in time order.

    Comparisons start there so that one line never joins a year to a half year or a term.
    """
    if periods.empty:
        return []
    counts = periods["kind"].value_counts()
    best = max(counts.index, key=lambda kind: (counts[kind], _preference(kind)))
    chosen = periods[periods["kind"] == best].sort_values("end_date")
    return [str(code) for code in chosen["code"]]


def _preference(kind: str) -> int:
    return -_KIND_PREFERENCE.index(kind) if kind in _KIND_PREFERENCE else -99


def shared_kind(obs: pd.DataFrame) -> list[str]:
    """Codes of the periods with a result of the kind most localities have results in (then the
    kind with the most such periods, years first on a tie), in time order.

    A comparison opens there: a town that reported only its term average (Đức Phổ, 2021–2023)
    is compared with another's term average, not left out of a chart of years.
    """
    rows = obs[obs["actual_value"].notna()]
    if rows.empty:
        return []
    reach = rows.groupby("period_kind").agg(localities=("locality_id", "nunique"),
                                            periods=("period", "nunique"))
    best = max(reach.index, key=lambda kind: (reach.loc[kind, "localities"],
                                              reach.loc[kind, "periods"], _preference(kind)))
    chosen = rows[rows["period_kind"] == best].drop_duplicates("period").sort_values("end_date")
    return [str(code) for code in chosen["period"]]
