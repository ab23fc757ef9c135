"""Every SQL query the dashboard runs, cached per database version.

Each cached function takes `version` (from `data_version()`) as its first argument: an import,
a correction or a rollback changes the version, so cached results are never stale, and the
database path is part of the version so two databases never share a cache entry. The caches
are process-wide, so a query runs once per data version however many viewers ask for it.

Pages read `current_rows`, the current view materialised by `etl.store` at every write, and
every filter is a parameter of the SQL: no page pulls the whole table into pandas.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dashboard.db import cursor, db_path
from etl.periods import IN_YEAR_KINDS

__all__ = [
    "TableFilter",
    "batch_rows",
    "batches",
    "batches_sharing",
    "catalog_table",
    "catalog_version",
    "catalog_choices",
    "data_version",
    "domain_options",
    "indicator_names",
    "indicators",
    "latest_batches",
    "localities",
    "mapped_names",
    "names_of",
    "observations",
    "period_options",
    "periods",
    "table_count",
    "table_page",
    "table_batches",
    "uncatalogued_names",
    "template_rows",
]

_CACHE = {"show_spinner": False, "max_entries": 512}
_TIER_ORDER = "CASE l.tier WHEN 'quốc gia' THEN 0 WHEN 'tỉnh' THEN 1 WHEN 'huyện' THEN 2 ELSE 3 END"


# A row of an in-year period (quarter, half, 9 months) beside the row of the same locality and
# indicator in the year the period lies in, when that row holds a target (`dashboard.progress`).
_IN_YEAR = ", ".join(f"'{kind}'" for kind in IN_YEAR_KINDS)  # SQL list of etl.periods' kinds
_YEAR_ROW = f"""LEFT JOIN current_rows y ON p.kind IN ({_IN_YEAR})
        AND y.locality_id = o.locality_id AND y.indicator_id = o.indicator_id
        AND y.period = strftime(p.start_date, '%Y') AND y.target_text IS NOT NULL"""


def _df(sql: str, params: dict | None = None) -> pd.DataFrame:
    return cursor().execute(sql, params or {}).df()


def _in(column: str, param: str) -> str:
    """A filter that keeps every row when the list parameter is empty."""
    return f"(len(${param}::VARCHAR[]) = 0 OR list_contains(${param}::VARCHAR[], {column}))"


def data_version() -> str:
    """Changes whenever an import, correction, rollback or catalog rebuild changes the data:
    the counter `etl.store` bumps in the same transaction as every write (one row to read)."""
    rows = cursor().execute("SELECT value FROM meta WHERE key = 'data_version'").fetchall()
    return f"{db_path()}|{rows[0][0] if rows else ''}"


def catalog_version() -> str:
    """Changes whenever the live catalog does (an admin's edit or mapping stamps `edited_at`, a
    new seed CSV its digest), not at every import: what the catalog uploads match against is
    cached on (building it takes a third of a second)."""
    row = cursor().execute(
        "SELECT count(*), max(edited_at), any_value(m.value) FROM indicators "
        "LEFT JOIN meta m ON m.key = 'indicators_seed' WHERE catalogued").fetchone()
    return f"{db_path()}|{row[0]}|{row[1]}|{row[2]}"


@st.cache_data(**_CACHE)
def localities(version: str, indicator_id: str | None = None) -> pd.DataFrame:
    """Localities that have current data: id, name, short_name, level, tier, province,
    valid_from, n_actual (how many results they have). With `indicator_id`, only those with a
    result for it, n_actual counting those: filtered in SQL, so a picker of one indicator over
    the whole country never sorts or filters ten thousand rows in pandas."""
    counts = ("SELECT locality_id, n_actual FROM indicator_counts "
              "WHERE indicator_id = $ind AND n_actual > 0"
              if indicator_id else  # the counts kept at each write: a few thousand rows
              "SELECT locality_id, CAST(sum(n_actual) AS BIGINT) AS n_actual "
              "FROM current_counts GROUP BY locality_id")
    return _df(
        f"""
        SELECT l.id, l.name, l.short_name, l.level, l.tier, l.province, l.valid_from,
               n.n_actual
        FROM localities l JOIN ({counts}) n ON n.locality_id = l.id
        ORDER BY {_TIER_ORDER}, l.name
        """,
        {"ind": indicator_id} if indicator_id else None,
    )


@st.cache_data(**_CACHE)
def periods(
    version: str, locality_ids: Sequence[str] = (), indicator_ids: Sequence[str] = ()
) -> pd.DataFrame:
    """Periods with current data for the localities and indicators (all when empty), latest first.

    Columns: code, kind, start_date, end_date, label, n_obs, n_actual, n_target, n_judged
    (rows with a target and a result, or a verdict in the report), n_year_plan (results of an
    in-year period whose indicator has a target in the year, see `_YEAR_ROW`, or that give their
    % of the year's plan). Among periods ending on the
    same day the one with more results comes first (a term table before a footnote).
    """
    return _df(
        f"""
        SELECT p.code, p.kind, p.start_date, p.end_date, p.label,
               count(*) AS n_obs, count(o.actual_value) AS n_actual,
               count(o.target_text) AS n_target,
               count(*) FILTER (WHERE o.reported_status IS NOT NULL OR (
                   o.target_text IS NOT NULL AND o.actual_text IS NOT NULL)) AS n_judged,
               count(*) FILTER (WHERE o.actual_text IS NOT NULL AND (y.target_text IS NOT NULL
                   OR (o.pct_target IS NOT NULL AND p.kind IN ({_IN_YEAR}))))
                   AS n_year_plan
        FROM current_rows o JOIN periods p ON p.code = o.period
        {_YEAR_ROW}
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
               CAST(sum(o.n_actual) AS BIGINT) AS n_actual
        FROM indicators i JOIN indicator_counts o ON o.indicator_id = i.id
        GROUP BY ALL
        ORDER BY i.domain NULLS LAST, i.name
        """
    )


@st.cache_data(**_CACHE)
def catalog_table(version: str) -> pd.DataFrame:
    """The live catalog for its editor, in catalog order, with how many current rows each
    indicator shows. Columns: id, name, unit, direction, kind, domain, synonyms, edited_at,
    n_rows."""
    return _df(
        """
        SELECT i.id, i.name, i.unit, i.direction, i.kind, i.domain, i.synonyms, i.edited_at,
               CAST(coalesce(sum(c.n_rows), 0) AS BIGINT) AS n_rows
        FROM indicators i LEFT JOIN indicator_counts c ON c.indicator_id = i.id
        WHERE i.catalogued
        GROUP BY ALL
        ORDER BY any_value(i.position) NULLS LAST, i.id
        """
    )


@st.cache_data(**_CACHE)
def uncatalogued_names(version: str, limit: int = 1000) -> pd.DataFrame:
    """Names kept as written because the catalog had no match, not mapped yet, most current rows
    first. Columns: id, name, unit, n_rows, n_localities."""
    return _df(
        """
        SELECT i.id, i.name, i.unit, count(c.indicator_id) AS n_rows,
               count(DISTINCT c.locality_id) AS n_localities
        FROM indicators i LEFT JOIN current_rows c ON c.indicator_id = i.id
        WHERE NOT i.catalogued AND i.id NOT IN (SELECT from_id FROM indicator_aliases)
        GROUP BY ALL
        ORDER BY n_rows DESC, i.name
        LIMIT $limit
        """,
        {"limit": int(limit)},
    )


@st.cache_data(**_CACHE)
def mapped_names(version: str) -> pd.DataFrame:
    """Uncatalogued names an admin mapped onto a catalogued indicator, newest first. Columns:
    id, name, to_id, target, mapped_by, mapped_at, n_rows (active rows stored under the name)."""
    return _df(
        """
        SELECT a.from_id AS id, f.name, a.to_id, t.name AS target, a.mapped_by, a.mapped_at,
               (SELECT count(*) FROM observations o JOIN batches b ON b.id = o.batch_id
                WHERE o.indicator_id = a.from_id AND b.state = 'active') AS n_rows
        FROM indicator_aliases a
        LEFT JOIN indicators f ON f.id = a.from_id LEFT JOIN indicators t ON t.id = a.to_id
        ORDER BY a.mapped_at DESC, f.name
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

    All columns of the `current_rows` table (the unit as shown: `shown_unit` in schema.sql),
    plus the period (period_kind, start_date, end_date, period_label) and the batch the shown
    value came from (file_name — with who published it first, when the batch names a source —,
    loaded_at, sheet, row_no), and for a row of an in-year period the target of its year
    (year_period, year_target_text/op/low/high, `_YEAR_ROW`; see `dashboard.progress`).
    Ordered by locality, period end, then as the rows stood in the report.
    """
    return _df(
        f"""
        SELECT o.* REPLACE (shown_unit(o.unit) AS unit), p.kind AS period_kind, p.start_date,
               p.end_date, p.label AS period_label,
               coalesce(b.source || ': ' || b.file_name, b.file_name) AS file_name,
               b.loaded_at, b.sheet,
               y.period AS year_period, y.target_text AS year_target_text,
               y.target_op AS year_target_op, y.target_low AS year_target_low,
               y.target_high AS year_target_high
        FROM current_rows o
        JOIN periods p ON p.code = o.period
        LEFT JOIN batches b ON b.id = o.batch_id
        {_YEAR_ROW}
        WHERE {_in("o.locality_id", "locs")} AND {_in("o.period", "pers")}
          AND {_in("o.indicator_id", "inds")}
        ORDER BY o.locality, p.end_date, o.batch_id, o.row_no, o.indicator_id
        """,
        {"locs": list(locality_ids), "pers": list(period_codes), "inds": list(indicator_ids)},
    )


@st.cache_data(**_CACHE)
def batches(version: str) -> pd.DataFrame:
    """All imports, newest first: id, file_name, loaded_at, state, locality, period, row_count,
    sheet, layout, loaded_by, replaced_by, period_label, localities and periods (how many the
    rows name), first_period and last_period (the labels of the earliest and latest),
    locality_id. From the pairs each import wrote, not the observations."""
    return _df(
        """
        WITH pairs AS (SELECT batch_id, locality_id, period FROM batch_pairs),
        spans AS (
            SELECT q.batch_id, count(DISTINCT q.locality_id) AS localities,
                   count(DISTINCT q.period) AS periods,
                   arg_min(p.label, p.start_date) AS first_period,
                   arg_max(p.label, p.end_date) AS last_period
            FROM pairs q JOIN periods p ON p.code = q.period
            GROUP BY q.batch_id
        )
        SELECT b.id, b.file_name, b.loaded_at, b.state, l.name AS locality, b.period,
               b.row_count, b.sheet, b.layout, b.loaded_by, b.replaced_by,
               p.label AS period_label, coalesce(s.localities, 0) AS localities,
               coalesce(s.periods, 0) AS periods, s.first_period, s.last_period, b.locality_id
        FROM batches b LEFT JOIN localities l ON l.id = b.locality_id
        LEFT JOIN periods p ON p.code = b.period
        LEFT JOIN spans s ON s.batch_id = b.id
        ORDER BY b.id DESC
        """
    )


@st.cache_data(**_CACHE)
def batches_sharing(version: str, batch_id: int) -> pd.DataFrame:
    """The other batches whose rows name a locality and period that batch `batch_id` names too,
    newest first, one row per batch and shared pair: batch_id, locality, period_label (as
    `batch_rows` writes them), locality_id, period. A batch of several periods (a long table
    of 2025 with its 2020–2025 and 2025–2030 targets) shares its 2025 with a batch of 2025."""
    return _df(
        """
        WITH mine AS (SELECT locality_id, period FROM batch_pairs WHERE batch_id = $batch),
             theirs AS (SELECT batch_id, locality_id, period FROM batch_pairs
                        WHERE batch_id <> $batch)
        SELECT t.batch_id, coalesce(l.name, t.locality_id) AS locality,
               coalesce(p.label, t.period) AS period_label, t.locality_id, t.period
        FROM theirs t JOIN mine m ON m.locality_id = t.locality_id AND m.period = t.period
        LEFT JOIN localities l ON l.id = t.locality_id
        LEFT JOIN periods p ON p.code = t.period
        ORDER BY t.batch_id DESC, t.locality_id, t.period
        """,
        {"batch": int(batch_id)},
    )


@st.cache_data(**_CACHE)
def latest_batches(version: str, limit: int) -> pd.DataFrame:
    """The `limit` newest imports, from the batches table alone: id, file_name, loaded_at,
    state, locality, period, row_count, and how many imports there are in all (`total`)."""
    return _df(
        """
        SELECT b.id, b.file_name, b.loaded_at, b.state, l.name AS locality, b.period,
               b.row_count, count(*) OVER () AS total
        FROM batches b LEFT JOIN localities l ON l.id = b.locality_id
        ORDER BY b.id DESC
        LIMIT $limit
        """,
        {"limit": int(limit)},
    )


@st.cache_data(**_CACHE)
def indicators_with_actual(version: str, locality_id: str) -> list[str]:
    """Ids of the indicators the locality has a result for (one locality's rows: the filter
    reaches the scan of current_rows, which is ordered by locality)."""
    rows = cursor().execute(
        """SELECT DISTINCT indicator_id FROM current_rows
           WHERE locality_id = $loc AND actual_value IS NOT NULL ORDER BY 1""",
        {"loc": locality_id},
    ).fetchall()
    return [row[0] for row in rows]


@st.cache_data(**_CACHE)
def indicator_names(version: str) -> pd.DataFrame:
    """Every name an indicator is shown or written under: indicator_id, indicator, domain,
    indicator_as_written (one row per distinct pair; what a name search runs over)."""
    # Only the written name varies by row: the catalog name and domain are the indicator's, so
    # the distinct pass over the current rows runs on two columns, not four.
    return _df(
        """
        SELECT w.indicator_id, i.name AS indicator, i.domain, w.indicator_as_written
        FROM (SELECT DISTINCT indicator_id, indicator_as_written FROM current_rows) w
        LEFT JOIN indicators i ON i.id = w.indicator_id
        """
    )


@st.cache_data(**_CACHE)
def period_options(version: str) -> pd.DataFrame:
    """The periods with current data, latest first: code, label (a filter's option list: the
    current rows give only which periods occur, the rest comes from the `periods` table)."""
    return _df(
        """
        SELECT p.code, p.label FROM periods p
        WHERE p.code IN (SELECT period FROM current_counts)
        ORDER BY p.end_date DESC, p.start_date DESC, p.code
        """
    )


@st.cache_data(**_CACHE)
def domain_options(version: str) -> list[str]:
    """The domains of the indicators with current data, in alphabetical order."""
    rows = cursor().execute(
        """
        SELECT DISTINCT i.domain FROM indicators i
        WHERE i.domain IS NOT NULL AND i.id IN (SELECT indicator_id FROM indicator_counts)
        ORDER BY i.domain
        """
    ).fetchall()
    return [row[0] for row in rows]


@dataclass(frozen=True)
class TableFilter:
    """What the Dữ liệu table is narrowed to; an empty tuple means no filter on that column.

    `indicator_ids` and `written_names` come from a name search (either matching keeps a row);
    `searched` tells an empty search result (no row) from no search at all (every row)."""

    locality_ids: tuple[str, ...] = ()
    period_codes: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    indicator_ids: tuple[str, ...] = ()
    written_names: tuple[str, ...] = ()
    searched: bool = False

    def params(self) -> dict[str, object]:
        return {"locs": list(self.locality_ids), "pers": list(self.period_codes),
                "doms": list(self.domains), "inds": list(self.indicator_ids),
                "names": list(self.written_names), "searched": self.searched}


_TABLE_WHERE = f"""
    {_in("o.locality_id", "locs")} AND {_in("o.period", "pers")} AND {_in("o.domain", "doms")}
    AND (NOT $searched OR list_contains($inds::VARCHAR[], o.indicator_id)
         OR list_contains($names::VARCHAR[], o.indicator_as_written))
"""


@st.cache_data(**_CACHE)
def table_count(version: str, where: TableFilter) -> int:
    """How many current rows the Dữ liệu filter keeps (counted in DuckDB)."""
    rows = cursor().execute(
        f"SELECT count(*) FROM current_rows o WHERE {_TABLE_WHERE}", where.params()
    ).fetchall()
    return int(rows[0][0])


_TABLE_ORDER = ("o.locality, p.end_date, o.batch_id, o.row_no, o.indicator_id, o.locality_id, "
                "o.period")
_TABLE_SQL = f"""
    SELECT o.*, p.kind AS period_kind, p.start_date, p.end_date, p.label AS period_label,
           coalesce(b.source || ': ' || b.file_name, b.file_name) AS file_name,
           b.loaded_at, b.sheet
    FROM current_rows o JOIN periods p ON p.code = o.period
    LEFT JOIN batches b ON b.id = o.batch_id
    WHERE {_TABLE_WHERE}
    ORDER BY {_TABLE_ORDER}
"""
# A page is cut in two steps: first the row ids of the page, sorted on the few columns of the
# order (a narrow top-N over the filtered rows), then the page's whole rows by those ids, which
# DuckDB pushes into the scan as a row-id filter. Cutting the wide rows directly reads every
# column of every candidate row: ~170 ms for the first page of the national table, ~25 ms so.
_PAGE_SQL = f"""
    WITH keys AS (
        SELECT o.rowid AS rid
        FROM current_rows o JOIN periods p ON p.code = o.period
        WHERE {_TABLE_WHERE} AND {{window}}
        ORDER BY {_TABLE_ORDER}
        LIMIT $limit OFFSET $offset
    )
    SELECT o.*, p.kind AS period_kind, p.start_date, p.end_date, p.label AS period_label,
           coalesce(b.source || ': ' || b.file_name, b.file_name) AS file_name,
           b.loaded_at, b.sheet
    FROM current_rows o JOIN periods p ON p.code = o.period
    LEFT JOIN batches b ON b.id = o.batch_id
    WHERE o.rowid IN (SELECT rid FROM keys)
    ORDER BY {_TABLE_ORDER}
"""


@st.cache_data(**_CACHE)
def table_page(version: str, where: TableFilter, offset: int, limit: int) -> pd.DataFrame:
    """One page of the Dữ liệu table: the columns of `observations()`, `limit` rows from
    `offset`, sorted and cut in DuckDB.

    DuckDB cuts the first page on its own (its top-N filter skips the row groups whose names
    sort after the page's). A later page's offset defeats that: every row before it would be
    sorted (0,6 s a page deep into the national table). Where the filter is by locality and
    period alone, the counts kept at each write say which locality names the page's rows have
    (the table is sorted by name first), so only their rows are sorted (under 40 ms)."""
    params = {**where.params(), "offset": offset, "limit": limit}
    counted = offset > 0 and not (where.domains or where.searched)
    window = _name_window(where, offset, limit) if counted else None
    if window is None:
        return _df(_PAGE_SQL.format(window="TRUE"), params)
    first, last, before = window
    return _df(_PAGE_SQL.format(window="o.locality BETWEEN $first AND $last"),
               {**params, "first": first, "last": last, "offset": offset - before})


def _name_window(where: TableFilter, offset: int, limit: int) -> tuple[str, str, int] | None:
    """(first name, last name, rows before the first) of the locality names whose rows hold
    rows `offset` to `offset + limit` of the table, from `current_counts`; None when a
    counted locality has no name (its rows sort last, outside any window) or the page is past
    the end."""
    row = cursor().execute(
        f"""
        WITH named AS (
            SELECT l.name, sum(c.n_rows) AS n, count(*) FILTER (WHERE l.name IS NULL) AS unnamed
            FROM current_counts c LEFT JOIN localities l ON l.id = c.locality_id
            WHERE {_in("c.locality_id", "locs")} AND {_in("c.period", "pers")}
            GROUP BY l.name
        ), placed AS (
            SELECT name, n, sum(n) OVER (ORDER BY name) - n AS before FROM named
            WHERE name IS NOT NULL
        )
        SELECT min(name), max(name), CAST(min(before) AS BIGINT),
               (SELECT sum(unnamed) FROM named)
        FROM placed WHERE before < $offset + $limit AND before + n > $offset
        """,
        {"locs": list(where.locality_ids), "pers": list(where.period_codes),
         "offset": offset, "limit": limit},
    ).fetchall()[0]
    first, last, before, unnamed = row
    return None if first is None or unnamed else (first, last, before)


def table_batches(version: str, where: TableFilter) -> Iterator[pd.DataFrame]:
    """Every row the filter keeps, in the table's order, a few thousand at a time from one
    query: what the downloads are written from without holding the whole result as one frame."""
    result = cursor().execute(_TABLE_SQL, where.params())
    while not (chunk := result.fetch_df_chunk(_CHUNK_VECTORS)).empty:
        yield chunk


_CHUNK_VECTORS = 25  # × 2,048 rows per chunk
def batch_rows(version: str, batch_id: int, limit: int | None = None) -> pd.DataFrame:
    """The rows one batch holds (the first `limit` when given), whatever its state, in the
    order of the file (a mapped name under the indicator it was mapped onto): row_no, locality,
    period_label, indicator_as_written, indicator, unit, target_text, actual_text,
    reported_status, pct_target, pct_prev, note, source, and the keys locality_id, period,
    indicator_id."""
    return _df(
        """
        SELECT o.row_no, coalesce(l.name, o.locality_id) AS locality,
               coalesce(p.label, o.period) AS period_label, o.indicator_as_written,
               i.name AS indicator, i.catalogued, coalesce(o.unit, i.unit) AS unit,
               o.target_text, o.actual_text, o.reported_status, o.pct_target, o.pct_prev,
               o.note, coalesce(o.actual_source, o.target_source) AS source,
               o.locality_id, o.period, o.indicator_id
        FROM observations o
        LEFT JOIN localities l ON l.id = o.locality_id
        LEFT JOIN periods p ON p.code = o.period
        LEFT JOIN indicator_aliases a ON a.from_id = o.indicator_id
        LEFT JOIN indicators i ON i.id = coalesce(a.to_id, o.indicator_id)
        WHERE o.batch_id = $batch
        ORDER BY o.row_no, o.indicator_id, o.period
        LIMIT $limit
        """,
        {"batch": int(batch_id), "limit": limit},
    )


def names_of(locality_ids: Sequence[str], indicator_ids: Sequence[str]) -> dict[str, str]:
    """Names of these localities and indicators by id (an upload's preview; not cached: the
    file's ids are new each time)."""
    rows = cursor().execute(
        "SELECT id, name FROM localities WHERE list_contains($ids, id) "
        "UNION ALL SELECT id, name FROM indicators WHERE list_contains($ind, id)",
        {"ids": list(locality_ids), "ind": list(indicator_ids)},
    ).fetchall()
    return dict(rows)


@st.cache_data(**_CACHE)
def catalog_choices(version: str) -> list[tuple[str, str | None]]:
    """(name, unit) of every catalogued indicator, by name: the upload template's drop-downs
    (the catalog as the database holds it, so an admin's edit shows in the next template)."""
    rows = cursor().execute(
        "SELECT name, unit FROM indicators WHERE catalogued ORDER BY name"
    ).fetchall()
    return [(name, unit) for name, unit in rows]


@st.cache_data(**_CACHE)
def template_rows(version: str, locality_id: str, period: str) -> pd.DataFrame:
    """Current rows of one locality and period for the pre-filled upload template, in report
    order: locality (its name) and code (Mã ĐVHC), indicator (the catalog name where
    catalogued, else as written), unit, target_text."""
    return _df(
        """
        SELECT l.name AS locality, l.code,
               CASE WHEN o.catalogued THEN o.indicator ELSE o.indicator_as_written END
                   AS indicator,
               o.unit, o.target_text
        FROM current_rows o JOIN localities l ON l.id = o.locality_id
        WHERE o.locality_id = $loc AND o.period = $period
        ORDER BY o.batch_id, o.row_no, o.indicator_id
        """,
        {"loc": locality_id, "period": period},
    )
