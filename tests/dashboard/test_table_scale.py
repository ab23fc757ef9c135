"""What keeps Dữ liệu as fast on the country as on one district, read from DuckDB's own profile
of the queries it runs (rows read, columns read), never from a clock: a page reads the whole
rows of that page only, the filter option lists read the counts kept at each write (periods,
locality pickers, domains and indicator lists) instead of the current rows, and the name
search list is read only when there is a search."""

from __future__ import annotations

import json
from collections.abc import Iterator

import duckdb
import pandas as pd
import pytest

from dashboard import db, frames, queries
from tests.dashboard.test_pages import run

WIDE_COLUMN = "note"  # in every row, never filtered or sorted on: its scan is a wide read
KEY = ["locality_id", "period", "indicator_id"]


@pytest.fixture
def profiled(use_db, monkeypatch) -> duckdb.DuckDBPyConnection:
    """The dashboard's queries on one cursor that keeps DuckDB's profile of its last query."""
    cursor = db.connection().cursor()
    cursor.execute("PRAGMA enable_profiling = 'no_output'")
    monkeypatch.setattr(queries, "cursor", lambda: cursor)
    return cursor


def _scans(node: dict) -> Iterator[dict]:
    if node.get("type") == "TABLE_SCAN":
        yield node
    for child in node.get("children", []):
        yield from _scans(child)


def current_scans(cursor: duckdb.DuckDBPyConnection, table: str = "current_rows"
                  ) -> list[tuple[list[str], int]]:
    """(columns read, rows passed on) of each scan of `table` in the last query."""
    profile = json.loads(cursor.get_profiling_information(format="json"))
    scans = [scan for op in profile["operator"] for scan in _scans(op)
             if scan["extra_info"].get("Table", "").endswith(f".{table}")]
    return [(_listed(scan["extra_info"]["Projections"]), scan["intermediate_rows"])
            for scan in scans]


def _listed(projections: str | list[str]) -> list[str]:
    return [projections] if isinstance(projections, str) else list(projections)


def _uncached(version: str) -> str:
    return f"{version}|profiled"  # a version no cache holds yet: the query really runs


@pytest.mark.parametrize("offset", [0, 3_000, 7_870])
def test_a_page_reads_whole_rows_of_that_page_only(profiled, offset):
    version = _uncached(queries.data_version())
    rows = queries.table_page(version, queries.TableFilter(), offset, 5)
    assert 0 < len(rows) <= 5
    scans = current_scans(profiled)
    wide = [passed for columns, passed in scans if WIDE_COLUMN in columns]
    assert wide and max(wide) <= 5, scans


def test_a_page_is_the_same_cut_as_the_whole_table(use_db):
    version = queries.data_version()
    where = frames.table_filter(queries.indicator_names(version), (), (), ("ngân sách",), "")
    whole = pd.concat(queries.table_batches(version, where), ignore_index=True)
    for offset in (0, 7, 40):
        page = queries.table_page(version, where, offset, 7)
        expected = whole.iloc[offset:offset + 7]
        assert page[KEY].values.tolist() == expected[KEY].values.tolist()
        assert page["file_name"].tolist() == expected["file_name"].tolist()


def _filters(version: str) -> list[queries.TableFilter]:
    """No filter, the period most localities report, two localities: the filters a page is cut
    by counted names."""
    localities = queries.localities(version)["id"].tolist()
    counts = queries.observations(version).groupby("period")["locality_id"].nunique()
    return [queries.TableFilter(), queries.TableFilter(period_codes=(counts.idxmax(),)),
            queries.TableFilter(locality_ids=(localities[0], localities[-1]))]


@pytest.mark.parametrize("which", range(3))
def test_a_page_cut_by_locality_names_is_the_same_cut_as_the_whole_table(use_db, which):
    version = queries.data_version()
    where = _filters(version)[which]
    whole = pd.concat(queries.table_batches(version, where), ignore_index=True)
    names = whole["locality"].tolist()
    changes = [i for i in range(1, len(names)) if names[i] != names[i - 1]]
    assert changes, "the filter keeps more than one locality"
    size = 7
    offsets = {0, len(names) - 1, len(names), len(names) + size}
    offsets |= {max(0, at + shift) for at in changes[:3] + changes[-3:] for shift in (-size, -1, 0)}
    for offset in sorted(offsets):
        page = queries.table_page(version, where, offset, size)
        expected = whole.iloc[offset:offset + size]
        assert page[KEY].values.tolist() == expected[KEY].values.tolist(), offset


def test_period_options_read_the_counts_not_the_current_rows(profiled):
    version = _uncached(queries.data_version())
    options = queries.period_options(version)
    assert current_scans(profiled) == []
    assert [columns for columns, _ in current_scans(profiled, "current_counts")] == [["period"]]
    expected = queries.periods(version)
    assert set(options["code"]) == set(expected["code"])
    assert options.set_index("code")["label"].to_dict() == (
        expected.set_index("code")["label"].to_dict())
    ends = expected.set_index("code").loc[options["code"], "end_date"]
    assert ends.is_monotonic_decreasing  # latest first


def test_the_locality_picker_reads_the_counts_not_the_current_rows(profiled):
    version = _uncached(queries.data_version())
    picker = queries.localities(version)
    assert current_scans(profiled) == [] and current_scans(profiled, "current_counts")
    with_results = queries.localities(_uncached(version), "poverty_rate")
    assert current_scans(profiled) == [] and current_scans(profiled, "indicator_counts")
    counted = db.connection().execute(
        "SELECT locality_id, count(actual_value) FROM current_rows GROUP BY ALL").fetchall()
    assert picker.set_index("id")["n_actual"].to_dict() == dict(counted)
    reporting = db.connection().execute(
        "SELECT locality_id, count(actual_value) FROM current_rows "
        "WHERE indicator_id = 'poverty_rate' GROUP BY ALL HAVING count(actual_value) > 0"
    ).fetchall()
    assert with_results.set_index("id")["n_actual"].to_dict() == dict(reporting) != {}


def test_indicator_lists_read_the_counts_not_the_current_rows(profiled):
    version = _uncached(queries.data_version())
    domains = queries.domain_options(version)
    assert current_scans(profiled) == [] and current_scans(profiled, "indicator_counts")
    listed = queries.indicators(_uncached(version))
    assert current_scans(profiled) == []
    assert domains == sorted(listed["domain"].dropna().unique())
    counted = db.connection().execute(
        "SELECT indicator_id, count(actual_value) FROM current_rows GROUP BY ALL").fetchall()
    assert listed.set_index("id")["n_actual"].to_dict() == dict(counted)
    catalog = queries.catalog_table(_uncached(version))
    assert current_scans(profiled) == []
    rows = dict(db.connection().execute(
        "SELECT indicator_id, count(*) FROM current_rows GROUP BY ALL").fetchall())
    assert catalog.set_index("id")["n_rows"].to_dict() == {
        i: rows.get(i, 0) for i in catalog["id"]}


def test_indicator_names_are_the_rows_distinct_names(use_db):
    version = queries.data_version()
    rows = pd.concat(queries.table_batches(version, queries.TableFilter()))
    expected = rows[["indicator_id", "indicator", "domain", "indicator_as_written"]]
    names = queries.indicator_names(version)
    assert (sorted(map(tuple, names.fillna("").values.tolist()))
            == sorted(map(tuple, expected.drop_duplicates().fillna("").values.tolist())))


def test_data_page_lists_names_only_for_a_search(use_db, monkeypatch):
    asked = []
    listing = queries.indicator_names
    monkeypatch.setattr(queries, "indicator_names", lambda v: asked.append(v) or listing(v))
    run("du_lieu")
    assert asked == []
    at = run("du_lieu", tim="ngan sach")
    assert len(asked) == 1
    assert "Tổng thu ngân sách nhà nước trên địa bàn" in set(at.dataframe[0].value["Chỉ tiêu"])


def test_data_page_shows_the_latest_imports_and_links_the_whole_history(use_db):
    every = queries.batches(queries.data_version())
    assert len(every) > 20  # the demo has more imports than the expander lists
    at = run("du_lieu")
    history = at.dataframe[-1].value
    assert history["Lô"].tolist() == [str(b) for b in every["id"][:20]]  # newest first
    (link,) = [link for link in at.get("page_link") if link.proto.page.endswith("lich_su")]
    assert link.proto.label == f"Xem cả {len(every)} lần nạp ở trang Lịch sử nhập liệu"

