"""The DuckDB model: attainment with direction (the SQL macro), the current view across
documents, supersede scope, and one transaction per import."""

from __future__ import annotations

import random

import duckdb
import pytest

from etl import store
from etl.accounts import Actor
from etl.pipeline import commit
from tests.current import counts_differ, pairs_differ
from tests.seed import prepare
from tests.workbook import write_xlsx


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    store.ensure_schema(connection)
    yield connection
    connection.close()


@pytest.mark.parametrize(
    ("op", "lo", "hi", "a_op", "a", "direction", "expected"),
    [
        ("range", 8.5, 9.5, "=", 7.8, "up", "Chưa đạt"),     # Bảo Lộc growth
        ("range", 8.5, 9.5, "=", 9.0, "up", "Đạt"),
        ("range", 11, 12, "=", 20.4, "up", "Vượt"),           # budget growth, reported Đạt
        ("=", 95, 95, "=", 93.3, "up", "Chưa đạt"),           # BHYT
        ("=", 95, 95, "=", 95, "up", "Đạt"),
        (">", 80, None, ">", 80, "up", "Đạt"),                # '> 80' against '> 80'
        (">", 64, None, "=", 64, "up", "Chưa đạt"),
        (">=", 2, None, "=", 2, "up", "Đạt"),
        ("=", 0.2, 0.2, "=", 0.37, "down", "Chưa đạt"),       # poverty
        ("=", 0.2, 0.2, "=", 0.1, "down", "Vượt"),
        ("<", None, 1.0, "=", 0.85, "down", "Đạt"),           # population growth
        ("<", None, 18, "=", 18, "down", "Chưa đạt"),
        ("<=", None, 0.2, "=", 0.2, "down", "Đạt"),
        ("=", 100, 100, "=", 50, None, "Không xác định"),     # no direction
        ("<", None, 1.0, "=", 0.5, "up", "Không xác định"),   # op against direction
        ("=", 95, 95, None, None, "up", "Không xác định"),    # no actual
    ],
)
def test_attainment_with_direction(con, op, lo, hi, a_op, a, direction, expected):
    got = con.execute(
        "SELECT attainment(?, ?, ?, ?, ?, ?, TRUE, TRUE)", [op, lo, hi, a_op, a, direction]
    ).fetchall()[0][0]
    assert got == expected


@pytest.mark.parametrize(
    ("op", "lo", "hi", "a_op", "a", "expected"),
    [
        ("=", 5, 5, "=", 5, "Đạt"),                     # met exactly: either way
        ("range", 8, 10, "=", 9, "Đạt"),                # inside the range
        ("range", 8, 10, "=", 10.5, "Không xác định"),  # above: better or worse is unknown
        ("=", 100, 100, "=", 50, "Không xác định"),
        ("=", 5, 5, ">", 5, "Không xác định"),          # 'more than 5' is not 5
        (">=", 90, None, "=", 92, "Đạt"),               # '≥ 90' says which way is better
        (">=", 90, None, "=", 85, "Chưa đạt"),
        ("<", None, 1.0, "=", 0.8, "Đạt"),
        ("<", None, 1.0, "=", 1.2, "Chưa đạt"),
    ],
)
def test_attainment_of_an_uncatalogued_indicator(con, op, lo, hi, a_op, a, expected):
    got = con.execute("SELECT attainment(?, ?, ?, ?, ?, NULL, TRUE, FALSE)",
                      [op, lo, hi, a_op, a]).fetchall()[0][0]
    assert got == expected


def test_a_catalogued_indicator_without_direction_is_not_judged(con):
    """The catalog leaves the revenue-sharing rate without a direction on purpose: the plan's
    50 % and the final account's 50 % are not a target met."""
    got = con.execute("SELECT attainment('=', 50, 50, '=', 50, NULL, TRUE, TRUE), "
                      "attainment('>=', 50, NULL, '=', 60, NULL, TRUE, TRUE)").fetchall()[0]
    assert got == ("Không xác định", "Không xác định")


def test_not_comparable_actual_is_undecided(con):
    got = con.execute("SELECT attainment('range', 110, 120, '=', 263, 'up', FALSE, TRUE)")\
        .fetchall()
    assert got[0][0] == "Không xác định"


def _load(db, path, **kw):
    connection = store.connect(db)
    try:
        return commit(connection, prepare(path, **kw), Actor.local_operator())
    finally:
        connection.close()


def test_plan_and_report_do_not_replace_each_other(tmp_path):
    db = tmp_path / "x.duckdb"
    plan = write_xlsx(tmp_path / "plan.xlsx", [
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", "< 0,5"]])
    report = write_xlsx(tmp_path / "report.xlsx", [
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"], [1, "Tỷ lệ hộ nghèo", "%", "0,4"]])
    first = _load(db, plan, locality="Huyện Đức Trọng", period="2022")
    second = _load(db, report, locality="Huyện Đức Trọng", period="2022")
    assert second.replaced == [] and first.batch_id != second.batch_id
    with duckdb.connect(str(db), read_only=True) as c:
        row = c.execute(
            "SELECT target_text, actual_value, computed_status, target_batch_id, actual_batch_id "
            "FROM current_observations WHERE indicator_id = 'poverty_rate'"
        ).fetchall()
    assert row == [("< 0,5", 0.4, "Đạt", 1, 2)]


def test_failed_insert_rolls_back_everything(tmp_path, monkeypatch):
    db = tmp_path / "x.duckdb"
    path = write_xlsx(tmp_path / "p.xlsx", [
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", "< 0,5"]])
    _load(db, path, locality="Huyện Đức Trọng", period="2022")
    other = write_xlsx(tmp_path / "q.xlsx", [
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", "< 0,4"]])

    def boom(*_args, **_kw):
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_insert_new_indicators", boom)
    with pytest.raises(RuntimeError):
        _load(db, other, locality="Huyện Đức Trọng", period="2022")
    with duckdb.connect(str(db), read_only=True) as c:
        assert c.execute("SELECT id, state FROM batches").fetchall() == [(1, "active")]
        assert c.execute("SELECT count(*) FROM observations").fetchall() == [(1,)]


def test_catalogs_are_loaded(tmp_path):
    db = tmp_path / "x.duckdb"
    path = write_xlsx(tmp_path / "p.xlsx", [
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", "< 0,5"]])
    _load(db, path, locality="Xã Đức Trọng", period="2026")
    with duckdb.connect(str(db), read_only=True) as c:
        assert c.execute("SELECT count(*) FROM localities").fetchall()[0][0] > 14000
        lineage = c.execute(
            "SELECT count(*) FROM lineage WHERE new_id = 'X34-24958' AND kind = 'full'"
        ).fetchall()[0][0]
        assert lineage == 2
        assert c.execute(
            "SELECT label FROM periods WHERE code = '2026'").fetchall() == [("Năm 2026",)]


def test_many_names_not_in_the_catalog_are_all_kept_once(tmp_path):
    """New indicators go in as one statement: each kept with its name and unit, none twice."""
    rng = random.Random(7)  # junk names as a careless file has them (no i/y: 'ki' is 'ky')
    names = sorted({"".join(rng.choices("bcdfghklmnpqrstvx", k=10)) for _ in range(1200)})
    head = [["UBND HUYỆN ĐỨC TRỌNG"], ["CHỈ TIÊU KẾ HOẠCH NĂM 2022"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"]]
    first = write_xlsx(tmp_path / "a.xlsx",
                       head + [[i, n, "hộ", i] for i, n in enumerate(names, start=1)])
    again = write_xlsx(tmp_path / "b.xlsx", head + [[1, names[0], "hộ", 5],
                                                    [2, "Chỉ tiêu mới hẳn", "lượt", 7]])
    con = duckdb.connect(str(tmp_path / "d.duckdb"))
    try:
        commit(con, prepare(first), Actor.local_operator())
        commit(con, prepare(again), Actor.local_operator())
        rows = con.execute(
            "SELECT name, unit, synonyms, count(*) OVER (PARTITION BY name) FROM indicators "
            "WHERE NOT catalogued").fetchall()
    finally:
        con.close()
    assert len(rows) == len(names) + 1
    assert {r[0] for r in rows} == {*names, "Chỉ tiêu mới hẳn"}
    assert all(r[3] == 1 for r in rows)
    assert (names[6], "hộ", names[6], 1) in rows
    assert ("Chỉ tiêu mới hẳn", "lượt", "Chỉ tiêu mới hẳn", 1) in rows


def test_two_sheets_of_one_file_covering_the_same_are_two_batches(tmp_path):
    """Same bytes, same locality, period and measures: the second sheet is not 'already
    loaded' (it was, before the sheet was part of that check); loading a sheet again is."""
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"]
    book = write_xlsx(tmp_path / "hai_trang.xlsx", [header, [1, "Tỷ lệ hộ nghèo", "%", "1", "0,9"]],
                      sheet="Xã hội", extra_sheets={"Ngân sách": [
                          header, [1, "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "8", "9"]]})
    db, where = tmp_path / "x.duckdb", {"locality": "Huyện Đức Trọng", "period": "2024"}
    first = _load(db, book, sheet="Xã hội", **where)
    second = _load(db, book, sheet="Ngân sách", **where)
    assert not second.unchanged and second.batch_id != first.batch_id
    assert _load(db, book, sheet="Ngân sách", **where).unchanged


def _current_rows_differ(db) -> list[tuple]:
    """Rows `current_rows` holds that the view does not give, and the other way round; and
    the same of `current_counts` against the counts of `current_rows`, and of `batch_pairs`
    against the observations."""
    with duckdb.connect(str(db)) as c:  # as the dashboard opens it, which may hold it open
        return c.execute("""
            (SELECT * FROM current_rows EXCEPT ALL SELECT * FROM current_observations)
            UNION ALL
            (SELECT * FROM current_observations EXCEPT ALL SELECT * FROM current_rows)
            """).fetchall() + counts_differ(c) + pairs_differ(c)


def test_the_demo_current_rows_are_the_views_rows(demo_db):
    """Every demo file went in through a store that added new localities' rows as they are
    (no merge) or merged them key by key: either way what a viewer reads is the view."""
    with duckdb.connect(str(demo_db)) as c:
        assert c.execute("SELECT count(*) FROM current_rows").fetchone()[0] > 1000
    assert _current_rows_differ(demo_db) == []


def test_a_new_file_then_one_on_top_keep_the_current_rows_right(tmp_path):
    db = tmp_path / "x.duckdb"
    header = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"]
    first = write_xlsx(tmp_path / "a.xlsx", [
        header, [1, "Tỷ lệ hộ nghèo", "%", "< 0,5", "0,6"],
        [2, "Số sáng kiến được công nhận", "sáng kiến", "10", "12"]])
    on_top = write_xlsx(tmp_path / "b.xlsx", [
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"], [1, "Tỷ lệ hộ nghèo", "%", "0,4"]])
    _load(db, first, locality="Huyện Đức Trọng", period="2022")   # new: added as it is
    _load(db, first, locality="Huyện Lâm Hà", period="2022")      # another new locality
    _load(db, on_top, locality="Huyện Đức Trọng", period="2022")  # shares: merged
    assert _current_rows_differ(db) == []
    with duckdb.connect(str(db), read_only=True) as c:
        got = c.execute("SELECT locality, target_text, actual_text, computed_status, batch_id "
                        "FROM current_rows WHERE indicator_id = 'poverty_rate' "
                        "ORDER BY locality").fetchall()
    assert got == [("Huyện Lâm Hà", "< 0,5", "0,6", "Chưa đạt", 2),
                   ("Huyện Đức Trọng", "< 0,5", "0,4", "Đạt", 3)]


def test_a_new_file_with_a_mapped_name_shows_it_under_its_indicator(writable_db, tmp_path):
    """A file matched against a catalog from before the mapping keeps the name's own id: its
    rows still count under the indicator the admin mapped it onto."""
    from etl import catalog_edit

    name = "Số sáng kiến cải tiến kỹ thuật được công nhận"
    header = ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện"]
    for period in ("2023", "2024"):
        write_xlsx(tmp_path / f"{period}.xlsx", [header, [1, name, "sáng kiến", "12"]])
    _load(writable_db, tmp_path / "2023.xlsx", locality="Huyện Đức Trọng", period="2023")
    con = store.connect(writable_db)
    try:
        (from_id,), = con.execute("SELECT DISTINCT indicator_id FROM observations "
                                  "WHERE indicator_as_written = ?", [name]).fetchall()
        catalog_edit.map_name(con, from_id, "jobs_created", actor=Actor.local_operator())
    finally:
        con.close()
    _load(writable_db, tmp_path / "2024.xlsx", locality="Huyện Đức Trọng", period="2024")
    with duckdb.connect(str(writable_db), read_only=True) as c:
        got = c.execute("SELECT period, indicator_id FROM current_rows "
                        "WHERE indicator_as_written = ? ORDER BY period", [name]).fetchall()
    assert got == [("2023", "jobs_created"), ("2024", "jobs_created")]
    assert _current_rows_differ(writable_db) == []


def test_a_database_made_before_the_kept_tables_gets_them_when_opened(writable_db):
    """A file from before the tables of counts and batch_pairs (those absent, an older
    schema recorded) has them filled from its rows the first time it is opened."""
    with duckdb.connect(str(writable_db)) as c:
        c.execute("DROP TABLE current_counts")
        c.execute("DROP TABLE indicator_counts")
        c.execute("DROP TABLE batch_pairs")
        c.execute("UPDATE meta SET value = 'older' WHERE key = 'schema'")
    con = store.connect(writable_db)
    try:
        store.upgrade(con)
        assert con.execute("SELECT count(*) FROM batch_pairs").fetchone()[0] > 10
    finally:
        con.close()
    assert _current_rows_differ(writable_db) == []


def test_another_period_of_a_place_adds_to_its_counts_by_indicator(tmp_path):
    """A file of a new period for a place that has others goes in without merging, and its
    counts by indicator are added to those the earlier periods left."""
    db = tmp_path / "x.duckdb"
    book = write_xlsx(tmp_path / "a.xlsx", [
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
        [1, "Tỷ lệ hộ nghèo", "%", "< 0,5", "0,6"],
        [2, "Số sáng kiến được công nhận", "sáng kiến", "10", ""]])
    for period in ("2022", "2023", "2024"):
        _load(db, book, locality="Huyện Đức Trọng", period=period)
    assert _current_rows_differ(db) == []
    with duckdb.connect(str(db)) as c:
        got = c.execute("SELECT indicator_id, n_rows, n_actual FROM indicator_counts "
                        "ORDER BY ALL").fetchall()
    assert [(rows, results) for _, rows, results in got] == [(3, 3), (3, 0)]
