"""Every SQL query the dashboard runs, cached per database version.

Each cached function takes `version` (from `data_version()`) as its first argument: an import,
a correction or a rollback changes the version, so cached results are never stale, and the
database path is part of the version so two databases never share a cache entry.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import streamlit as st

from dashboard.db import cursor, db_path

__all__ = [
    "batches",
    "data_version",
    "indicators",
    "localities",
    "observations",
    "periods",
]

_CACHE = {"show_spinner": False, "max_entries": 512}
_TIER_ORDER = "CASE l.tier WHEN 'quốc gia' THEN 0 WHEN 'tỉnh' THEN 1 WHEN 'huyện' THEN 2 ELSE 3 END"


def _df(sql: str, params: dict | None = None) -> pd.DataFrame:
    return cursor().execute(sql, params or {}).df()


def _in(column: str, param: str) -> str:
    """A filter that keeps every row when the list parameter is empty."""
    return f"(len(${param}::VARCHAR[]) = 0 OR list_contains(${param}::VARCHAR[], {column}))"


def data_version() -> str:
    """Changes whenever an import, correction, rollback or catalog rebuild changes the data."""
    row = cursor().execute(
        """
        SELECT (SELECT count(*) FROM batches), (SELECT coalesce(max(id), 0) FROM batches),
               (SELECT coalesce(sum(hash(id, state)), 0) FROM batches),
               (SELECT count(*) FROM observations), (SELECT count(*) FROM localities),
               (SELECT count(*) FROM indicators), (SELECT count(*) FROM periods)
        """
    ).fetchone()
    return f"{db_path()}|" + "|".join(str(part) for part in row or ())


@st.cache_data(**_CACHE)
def localities(version: str) -> pd.DataFrame:
    """Localities that have current data: id, name, short_name, level, tier, province,
    valid_from, n_actual (how many results they have)."""
    return _df(
        f"""
        SELECT l.id, l.name, l.short_name, l.level, l.tier, l.province, l.valid_from,
               n.n_actual
        FROM localities l
        JOIN (SELECT locality_id, count(actual_value) AS n_actual FROM current_observations
              GROUP BY locality_id) n ON n.locality_id = l.id
        ORDER BY {_TIER_ORDER}, l.name
        """
    )


@st.cache_data(**_CACHE)
def periods(
    version: str, locality_ids: Sequence[str] = (), indicator_ids: Sequence[str] = ()
) -> pd.DataFrame:
    """Periods with current data for the localities and indicators (all when empty), latest first.

    Columns: code, kind, start_date, end_date, label, n_obs, n_actual, n_target, n_judged
    (rows with a target and a result, or a verdict in the report). Among periods ending on the
    same day the one with more results comes first (a term table before a footnote).
    """
    return _df(
        f"""
        SELECT p.code, p.kind, p.start_date, p.end_date, p.label,
               count(*) AS n_obs, count(o.actual_value) AS n_actual,
               count(o.target_text) AS n_target,
               count(*) FILTER (WHERE o.reported_status IS NOT NULL OR (
                   o.target_text IS NOT NULL AND o.actual_text IS NOT NULL)) AS n_judged
        FROM current_observations o JOIN periods p ON p.code = o.period
        WHERE {_in("o.locality_id", "locs")} AND {_in("o.indicator_id", "inds")}
        GROUP BY ALL
        ORDER BY p.end_date DESC, n_actual DESC, n_obs DESC, p.code
        """,
        {"locs": list(locality_ids), "inds": list(indicator_ids)},
    )


@st.cache_data(**_CACHE)
def indicators(version: str) -> pd.DataFrame:
    """Indicators that have current data, by domain then name.

    Columns: id, name, unit, direction, domain, kind, notes, parent_id, n_actual.
    """
    return _df(
        """
        SELECT i.id, i.name, i.unit, i.direction, i.domain, i.kind, i.notes, i.parent_id,
               count(o.actual_value) AS n_actual
        FROM indicators i JOIN current_observations o ON o.indicator_id = i.id
        GROUP BY ALL
        ORDER BY i.domain NULLS LAST, i.name
        """
    )


@st.cache_data(**_CACHE)
def observations(
    version: str,
    locality_ids: Sequence[str] = (),
    period_codes: Sequence[str] = (),
    indicator_ids: Sequence[str] = (),
) -> pd.DataFrame:
    """Current observations (one row per locality × period × indicator), filtered.

    All columns of the `current_observations` view, plus the period (period_kind, start_date,
    end_date, period_label) and the batch the shown value came from (file_name, loaded_at,
    sheet, row_no). Ordered by locality, period end, then as the rows stood in the report.
    """
    return _df(
        f"""
        SELECT o.*, p.kind AS period_kind, p.start_date, p.end_date, p.label AS period_label,
               b.file_name, b.loaded_at, b.sheet,
               (SELECT min(r.row_no) FROM observations r
                WHERE r.batch_id = o.batch_id AND r.locality_id = o.locality_id
                  AND r.period = o.period AND r.indicator_id = o.indicator_id) AS row_no
        FROM current_observations o
        JOIN periods p ON p.code = o.period
        LEFT JOIN batches b ON b.id = o.batch_id
        WHERE {_in("o.locality_id", "locs")} AND {_in("o.period", "pers")}
          AND {_in("o.indicator_id", "inds")}
        ORDER BY o.locality, p.end_date, o.batch_id, row_no, o.indicator_id
        """,
        {"locs": list(locality_ids), "pers": list(period_codes), "inds": list(indicator_ids)},
    )


@st.cache_data(**_CACHE)
def batches(version: str) -> pd.DataFrame:
    """All imports, newest first: id, file_name, loaded_at, state, locality, period, row_count."""
    return _df(
        """
        SELECT b.id, b.file_name, b.loaded_at, b.state, l.name AS locality, b.period,
               b.row_count, b.sheet, b.layout
        FROM batches b LEFT JOIN localities l ON l.id = b.locality_id
        ORDER BY b.id DESC
        """
    )
