"""Poverty standards (chuẩn nghèo): which standard a poverty figure was measured under.

Figures under different standards are never joined into one line, so each observation gets a
standard for its actual and one for its target:
- a note or indicator note naming the standard ('chuẩn nghèo đa chiều giai đoạn 2021-2025');
- otherwise the period: ≤ 2015 → 2011–2015, 2016–2020, 2021–2025, ≥ 2026 → 2026–2030;
- 'theo tiêu chí cũ' (old criteria) moves a figure back to the standard before that one. Written
  in the target cell it concerns the target only; in the note alone, both target and actual.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from dashboard.fmt import fold

__all__ = ["STANDARDS", "add_standards", "previous_standard", "row_standards",
           "standard_for_year", "stated"]

STANDARDS = ("2011–2015", "2016–2020", "2021–2025", "2026–2030")
_STATED = re.compile(r"(20\d\d)\s*[-–—]\s*(20\d\d)")


def standard_for_year(year: int) -> str:
    """The standard in force in a year."""
    if year <= 2015:
        return STANDARDS[0]
    if year <= 2020:
        return STANDARDS[1]
    if year <= 2025:
        return STANDARDS[2]
    return STANDARDS[3]


def previous_standard(standard: str) -> str:
    """The standard before this one (the first has none before it and stays)."""
    index = STANDARDS.index(standard)
    return STANDARDS[max(index - 1, 0)]


def stated(text: Any) -> str | None:
    """The one standard a note names ('chuẩn nghèo … 2021-2025'), or None — also when the note
    lists several ('chuẩn thay đổi theo giai đoạn 2016–2020 / 2021–2025')."""
    folded = fold(text)
    if "chuan ngheo" not in folded and "tieu chi" not in folded:
        return None
    named = {f"{a}–{b}" for a, b in _STATED.findall(folded)} & set(STANDARDS)
    return named.pop() if len(named) == 1 else None


def _is_old(text: Any) -> bool:
    return "tieu chi cu" in fold(text) or "chuan cu" in fold(text)


def row_standards(row: Any) -> tuple[str, str]:
    """(the actual's standard, the target's) of one observation row (with `end_date`)."""
    base = stated(row.get("note")) or stated(row.get("indicator_notes"))
    base = base or standard_for_year(pd.Timestamp(row["end_date"]).year)
    old_target = _is_old(row.get("target_text"))
    old_row = not old_target and _is_old(row.get("note"))
    actual = previous_standard(base) if old_row else base
    target = previous_standard(base) if (old_target or old_row) else base
    return actual, target


def add_standards(obs: pd.DataFrame) -> pd.DataFrame:
    """A copy of observations (with `end_date`) plus `actual_standard` and `target_standard`."""
    out = obs.copy()
    if out.empty:
        out["actual_standard"] = pd.Series(dtype="object")
        out["target_standard"] = pd.Series(dtype="object")
        return out
    pairs = out.apply(row_standards, axis=1, result_type="expand")
    out["actual_standard"], out["target_standard"] = pairs[0], pairs[1]
    return out
