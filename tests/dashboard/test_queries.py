"""Named queries on the fixture database, and cache invalidation when an import changes data."""

from datetime import datetime

import pytest

from dashboard import db, queries

BL, DT = "Thành phố Bảo Lộc", "Huyện Đức Trọng"


@pytest.fixture
def version(use_db) -> str:
    return queries.data_version()


def _id(version: str, name: str) -> str:
    frame = queries.localities(version)
    return frame.loc[frame["name"] == name, "id"].iloc[0]


def test_localities_have_data_and_higher_tiers_first(version):
    names = queries.localities(version)["name"].tolist()
    assert names[0] == DT and names[-1] == "Xã Đức Trọng"
    assert "Tỉnh Lâm Đồng" not in names  # no observations


def test_periods_latest_first_with_results_before_footnotes(version):
    periods = queries.periods(version, (_id(version, BL),))
    assert periods["code"].tolist()[:3] == ["2025", "2021-2023", "2023"]
    assert periods.set_index("code").loc["2021-2023", "n_judged"] == 19


def test_periods_filtered_by_indicator(version):
    codes = queries.periods(version, (_id(version, DT),), ("budget_revenue_total",))["code"]
    assert codes.tolist() == ["2023-H1"]


def test_observations_ignore_rolled_back_batches(version):
    obs = queries.observations(version, (_id(version, BL),), ("2021-2023",), ("growth_total",))
    row = obs.iloc[0]
    assert (row["actual_value"], row["target_low"], row["target_high"]) == (7.8, 8.5, 9.5)
    assert row["file_name"] == "003_fc28039f31bd1fb8.txt" and row["source"] == "Sheet1!E5"


def test_observations_keep_report_order(version):
    obs = queries.observations(version, (_id(version, BL),), ("2021-2023",))
    assert obs["indicator_id"].tolist()[:3] == [
        "growth_total", "growth_industry_construction", "growth_services"]


def _add_batch(batch_id: int, value: float) -> None:
    cursor = db.cursor()
    cursor.execute(
        "INSERT INTO batches (id, file_name, sha256, layout, loaded_at, locality_id, period, scope,"
        " row_count, state) VALUES (?, 'moi.xlsx', 'x', 'long', ?, 'H63-672', '2021-2023', 's', 1,"
        " 'active')", [batch_id, datetime(2025, 11, 22)])
    cursor.execute(
        "INSERT INTO observations (batch_id, row_no, locality_id, period, indicator_id,"
        " indicator_as_written, unit, actual_text, actual_op, actual_value) VALUES"
        " (?, 1, 'H63-672', '2021-2023', 'growth_total', 'Tăng trưởng', '%', '8', '=', ?)",
        [batch_id, value])


def _growth(version: str) -> float:
    obs = queries.observations(version, ("H63-672",), ("2021-2023",), ("growth_total",))
    return float(obs["actual_value"].iloc[0])


def test_an_import_and_a_rollback_change_the_version(monkeypatch, writable_db):
    monkeypatch.setenv("CHITIEU_DB", str(writable_db))
    before = queries.data_version()
    assert _growth(before) == 7.8
    _add_batch(90, 8.0)
    after_import = queries.data_version()
    assert after_import != before and _growth(after_import) == 8.0
    db.cursor().execute("UPDATE batches SET state = 'rolled_back' WHERE id = 90")
    after_rollback = queries.data_version()
    assert after_rollback not in (before, after_import) and _growth(after_rollback) == 7.8


def test_version_sees_a_swap_of_states(monkeypatch, writable_db):
    """A correction rolled back restores the batch it replaced: same counts, other states."""
    monkeypatch.setenv("CHITIEU_DB", str(writable_db))
    db.cursor().execute("UPDATE batches SET state = 'replaced' WHERE id = 4")
    replaced = queries.data_version()
    db.cursor().execute("UPDATE batches SET state = CASE id WHEN 4 THEN 'active'"
                        " ELSE 'replaced' END WHERE id IN (4, 5)")
    assert queries.data_version() != replaced


def test_version_names_the_database(version, fixture_db):
    assert version.startswith(str(fixture_db))


def test_missing_database_message(monkeypatch, tmp_path):
    monkeypatch.setenv("CHITIEU_DB", str(tmp_path / "khong_co.duckdb"))
    assert "Chưa có cơ sở dữ liệu" in db.missing_message()
    assert not (tmp_path / "khong_co.duckdb").exists()


def test_fixture_database_is_complete(use_db):
    assert db.missing_message() is None
