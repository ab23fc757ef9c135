"""Named queries on the demo database, and cache invalidation when an import changes data."""

from pathlib import Path

import pytest

from dashboard import db, queries
from etl import store
from etl.accounts import Actor
from etl.pipeline import Prepared, commit
from tests.current import counts_differ, pairs_differ
from tests.seed import prepare
from tests.workbook import write_xlsx

BL, DT = "Thành phố Bảo Lộc", "Huyện Đức Trọng"
OPERATOR = Actor.local_operator("kiểm thử")  # the CLI's rights: these tests are not about accounts


@pytest.fixture
def version(use_db) -> str:
    return queries.data_version()


def _id(version: str, name: str) -> str:
    frame = queries.localities(version)
    return frame.loc[frame["name"] == name, "id"].iloc[0]


def test_localities_have_data_and_higher_tiers_first(version):
    names = queries.localities(version)["name"].tolist()
    assert names[0] == "Cả nước" and names[-1] == "Xã Đức Trọng"  # the ministry's total row
    assert "Tỉnh Lâm Đồng" in names  # the ministry tables give every province


def test_localities_of_an_indicator_are_those_with_a_result_for_it(version):
    """So sánh's picker: filtered and counted in SQL, in the same order as all localities."""
    every = queries.localities(version)
    growth = queries.localities(version, "growth_total")
    assert not growth.empty and len(growth) < len(every)
    assert growth["id"].tolist() == [i for i in every["id"] if i in set(growth["id"])]
    counts = queries.observations(version, tuple(growth["id"]), (), ("growth_total",))
    counted = counts[counts["actual_value"].notna()].groupby("locality_id").size()
    assert growth.set_index("id")["n_actual"].to_dict() == counted.to_dict()
    assert _id(version, DT) not in set(growth["id"])  # Đức Trọng reports no total growth


def test_periods_latest_first_with_results_before_footnotes(version):
    periods = queries.periods(version, (_id(version, BL),))
    assert periods["code"].tolist()[:4] == ["2025", "2023-2025", "2021-2025", "2021-2023"]
    assert periods.set_index("code").loc["2021-2023", "n_judged"] == 30  # report 003's table


def test_periods_filtered_by_indicator(version):
    codes = queries.periods(version, (_id(version, DT),), ("budget_revenue_total",))["code"]
    assert codes.tolist() == ["2023-H1"]


def test_observations_carry_target_actual_and_source(version):
    obs = queries.observations(version, (_id(version, BL),), ("2021-2023",), ("growth_total",))
    row = obs.iloc[0]
    assert (row["actual_value"], row["target_low"], row["target_high"]) == (7.8, 8.5, 9.5)
    assert row["file_name"] == "bao_loc_giua_nhiem_ky.xlsx"
    assert row["source"].startswith("Phụ lục!")


def test_observations_keep_report_order(version):
    obs = queries.observations(version, (_id(version, BL),), ("2021-2023",))
    assert obs["indicator_id"].tolist()[:3] == [
        "growth_total", "growth_industry_construction", "growth_services"]


def _correction_book(tmp_path: Path, growth: str) -> Path:
    """A one-row correction of Bảo Lộc's 2021–2023 growth, as staff would upload it."""
    return write_xlsx(tmp_path / f"sua_{growth}.xlsx", [
        ["UBND THÀNH PHỐ BẢO LỘC"], ["KẾT QUẢ THỰC HIỆN GIAI ĐOẠN 2021 - 2023"], [],
        ["STT", "Chỉ tiêu", "ĐVT", "Kết quả thực hiện"],
        [1, "Tốc độ tăng trưởng tổng giá trị sản xuất", "%", growth],
    ])


def _correction(tmp_path: Path, growth: str) -> Prepared:
    return prepare(_correction_book(tmp_path, growth), locality=BL, period="2021-2023")


def _growth(version: str) -> float:
    obs = queries.observations(version, (_id(version, BL),), ("2021-2023",), ("growth_total",))
    return float(obs["actual_value"].iloc[0])


def test_an_import_and_a_rollback_change_the_version(monkeypatch, writable_db, tmp_path):
    monkeypatch.setenv("CHITIEU_DB", str(writable_db))
    before = queries.data_version()
    assert _growth(before) == 7.8
    batch = commit(db.connection(), _correction(tmp_path, "8,0"), OPERATOR).batch_id
    after_import = queries.data_version()
    assert after_import != before and _growth(after_import) == 8.0
    store.rollback(db.connection(), batch, actor=OPERATOR)
    after_rollback = queries.data_version()
    assert after_rollback not in (before, after_import) and _growth(after_rollback) == 7.8


def test_the_same_file_again_keeps_the_version(monkeypatch, writable_db, tmp_path):
    """Loading a file already loaded writes nothing, so every cached page stays valid."""
    monkeypatch.setenv("CHITIEU_DB", str(writable_db))
    book = _correction_book(tmp_path, "8,1")   # written once: openpyxl stamps the save time
    commit(db.connection(), prepare(book, locality=BL, period="2021-2023"), OPERATOR)
    loaded = queries.data_version()
    again = prepare(book, locality=BL, period="2021-2023")
    assert commit(db.connection(), again, OPERATOR).unchanged
    assert queries.data_version() == loaded


def test_current_rows_match_the_view_after_writes(monkeypatch, writable_db, tmp_path):
    """The materialised current rows are the view's rows after an import and a rollback."""
    monkeypatch.setenv("CHITIEU_DB", str(writable_db))
    con = db.connection()
    batch = commit(con, _correction(tmp_path, "8,2"), OPERATOR).batch_id
    assert _same_rows(con)
    store.rollback(con, batch, actor=OPERATOR)
    assert _same_rows(con)


def _same_rows(con) -> bool:
    differ = con.execute(
        "SELECT count(*) FROM ((SELECT * FROM current_rows EXCEPT ALL "
        "SELECT * FROM current_observations) UNION ALL (SELECT * FROM current_observations "
        "EXCEPT ALL SELECT * FROM current_rows))").fetchall()
    return differ[0][0] == 0 and counts_differ(con) == [] and pairs_differ(con) == []


def test_version_names_the_database(version, demo_db):
    assert version.startswith(str(demo_db))


def test_missing_database_message(monkeypatch, tmp_path):
    monkeypatch.setenv("CHITIEU_DB", str(tmp_path / "khong_co.duckdb"))
    assert "Chưa có cơ sở dữ liệu" in db.missing_message()
    assert not (tmp_path / "khong_co.duckdb").exists()


def test_fixture_database_is_complete(use_db):
    assert db.missing_message() is None


def test_units_read_one_way_on_the_pages_and_as_written_in_the_export(version):
    """The ministry's tables say 'Đơn vị tính: Triệu đồng', the seed reports 'triệu đồng':
    the pages write both 'triệu đồng' (acronyms and '%' as they are); the export keeps the
    file's 'Triệu đồng'."""
    shown = set(queries.observations(version)["unit"].dropna())
    assert "triệu đồng" in shown and "Triệu đồng" not in shown
    assert {"%", "triệu USD"} <= shown
    assert not [u for u in shown if u[:1].isupper() and u[1:2].islower()]
    exported = set(store.current_view(db.cursor(), ["unit"])["unit"].dropna())
    assert {"Triệu đồng", "triệu đồng"} <= exported
