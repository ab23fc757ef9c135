"""Lịch sử nhập liệu through AppTest on a copy of the demo database: batches in Vietnamese words
and dates, the rows of a batch, rollback with a confirmation by its owner or an admin (and
refused at the write for anyone else), and the audit log for admins."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from etl import accounts, store
from etl.accounts import Actor
from etl.pipeline import commit
from tests.dashboard.logins import click, login
from tests.etl import tables
from tests.seed import prepare
from tests.workbook import write_xlsx

APP = Path(__file__).resolve().parents[2] / "app.py"


@pytest.fixture
def batch(staff_db: Path, tmp_path: Path) -> int:
    """A plan for Huyện Đức Trọng loaded by the staff account 'ductrong'."""
    path = write_xlsx(tmp_path / "ke_hoach_2022.xlsx", tables.plan_2022())
    con = store.connect(staff_db)
    try:
        return commit(con, prepare(path), Actor("ductrong")).batch_id
    finally:
        con.close()


def _page(name: str | None = None, batch: int | None = None) -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/lich_su.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    if name:
        login(at, name)
    if batch is not None:
        at.selectbox(key="lich_su_lo").select(batch).run()
    return at


def _state(db: Path, batch: int) -> str:
    con = duckdb.connect(str(db))
    try:
        return con.execute("SELECT state FROM batches WHERE id = ?", [batch]).fetchall()[0][0]
    finally:
        con.close()


def test_batches_in_vietnamese_words_and_dates(staff_db, batch):
    at = _page()
    frame = at.dataframe[0].value
    assert list(frame.columns) == ["Lô", "Thời điểm", "Người nạp", "Tệp", "Địa phương", "Kỳ",
                                   "Số liệu", "Trạng thái"]
    row = frame.loc[frame["Lô"] == batch].iloc[0]
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", row["Thời điểm"])
    assert (row["Người nạp"], row["Địa phương"], row["Trạng thái"]) == (
        "ductrong", "Huyện Đức Trọng", "Đang dùng")
    assert set(frame["Trạng thái"]) <= {"Đang dùng", "Đã hoàn tác"} | {
        s for s in frame["Trạng thái"] if s.startswith("Đã thay thế (bởi lô ")}
    shown = frame.to_string()
    for code in ("by_year", "phu_luc", "active", "rolled_back", "T0", "2025-"):
        assert code not in shown
    assert "dữ liệu mẫu" in set(frame["Người nạp"])


def test_opening_a_batch_shows_its_rows(staff_db, batch):
    rows = _page(batch=batch).dataframe[1].value
    assert "Tăng 6 - 7" in set(rows["Kế hoạch / chỉ tiêu"])
    assert set(rows["Địa phương"]) == {"Huyện Đức Trọng"} and set(rows["Kỳ"]) == {"Năm 2022"}


def test_visitor_sees_no_rollback(staff_db, batch):
    at = _page(batch=batch)
    assert not [b for b in at.button if b.label.startswith("Hoàn tác")]
    assert not [d for d in at.subheader if d.value == "Nhật ký hoạt động"]


def test_owner_rolls_back_after_confirming(staff_db, batch):
    at = _page("ductrong", batch)
    button = at.button(key="hoan_tac_lich_su")
    assert button.disabled and _state(staff_db, batch) == "active"
    at.checkbox(key=f"xac_nhan_{batch}").check().run()
    click(at, f"Hoàn tác lô {batch}")
    assert f"Đã hoàn tác lô {batch}" in at.success[0].value
    assert _state(staff_db, batch) == "rolled_back"


def test_another_staff_member_is_not_offered_the_rollback(staff_db, batch):
    at = _page("baoloc", batch)
    assert not [b for b in at.button if b.key == "hoan_tac_lich_su"]
    assert any("Chỉ người nạp lô" in c.value for c in at.caption)


def test_a_stale_page_is_refused_at_the_write(staff_db, batch):
    """The owner's page offers the rollback; the account is removed before the click: the ETL
    refuses, whatever the page showed."""
    at = _page("ductrong", batch)
    at.checkbox(key=f"xac_nhan_{batch}").check().run()
    con = duckdb.connect(str(staff_db))
    accounts.remove_user(con, "ductrong", actor=Actor.local_operator())
    con.close()
    click(at, f"Hoàn tác lô {batch}")
    assert "Cần đăng nhập để hoàn tác" in at.error[0].value
    assert _state(staff_db, batch) == "active"


def test_admin_rolls_back_anyones_batch_and_reads_the_audit_log(staff_db, batch):
    at = _page("quantri", batch)
    at.checkbox(key=f"xac_nhan_{batch}").check().run()
    click(at, f"Hoàn tác lô {batch}")
    assert _state(staff_db, batch) == "rolled_back"
    log = at.dataframe[-1].value
    assert [d.value for d in at.subheader][-1] == "Nhật ký hoạt động"
    done = set(zip(log["Người"], log["Việc"], log["Đối tượng"], strict=True))
    assert ("ductrong", "Nạp tệp", f"lô {batch}") in done
    assert ("quantri", "Hoàn tác lô", f"lô {batch}") in done
    assert ("quantri", "Đăng nhập", "–") in done
    assert "Tạo tài khoản" in set(log["Việc"])


def _corrected_plan() -> list[list[object]]:
    """plan_2022 corrected: one target changed, one row gone, one row added."""
    rows = [list(r) for r in tables.plan_2022() if r[1:2] != ["Ngành Dịch vụ"]]
    for row in rows:
        if row[1] == "Thu NSNN do huyện quản lý":
            row[3] = "800"
    return [*rows, [18, "Tỷ lệ che phủ rừng", "%", "55"]]


def test_two_batches_of_one_locality_and_period_are_compared(staff_db, batch, tmp_path):
    path = write_xlsx(tmp_path / "ke_hoach_2022_sua.xlsx", _corrected_plan())
    con = store.connect(staff_db)
    try:
        later = commit(con, prepare(path), Actor("ductrong")).batch_id
    finally:
        con.close()
    at = _page(batch=later)
    frame = at.dataframe[0].value.set_index("Lô")
    offered = [int(label.split(" · ")[0].removeprefix("Lô "))
               for label in at.selectbox(key="lich_su_so_sanh").options]
    assert batch in offered and later not in offered
    assert set(frame.loc[offered, "Địa phương"]) == {"Huyện Đức Trọng"}
    assert set(frame.loc[offered, "Kỳ"]) == {"Năm 2022"}
    at.selectbox(key="lich_su_so_sanh").select(batch).run()
    assert not at.exception
    compared = at.dataframe[2].value.set_index("Chỉ tiêu")
    verdict = compared["So với lô trước"]
    assert verdict["Thu NSNN do huyện quản lý"] == "Thay đổi"
    assert compared.loc["Thu NSNN do huyện quản lý", "Kế hoạch / chỉ tiêu"] == "770,4 → 800"
    assert verdict["Ngành Dịch vụ"] == "Không còn" and verdict["Tỷ lệ che phủ rừng"] == "Mới"
    assert verdict["Ngành Công nghiệp"] == "Không đổi"
    said = next(c.value for c in at.caption if c.value.startswith(f"Lô {later} so với lô {batch}"))
    assert "1 mới · 1 thay đổi" in said and "· 1 không còn" in said


def test_a_batch_of_many_localities_is_not_compared(staff_db):
    at = _page()
    raw = at.dataframe[0].value
    many = raw.loc[raw["Địa phương"].str.endswith(" địa phương"), "Lô"]
    assert len(many), "the demo has batches of many localities (the ministry tables)"
    at.selectbox(key="lich_su_lo").select(int(many.iloc[0])).run()
    assert not [s for s in at.selectbox if s.key == "lich_su_so_sanh"]
    assert any(c.value.startswith("Không có lô nào khác cùng một địa phương") for c in at.caption)



def test_a_long_batch_shows_its_first_rows_and_says_so(staff_db, tmp_path):
    """A province's import has tens of thousands of rows: the page draws the first 1.000, in
    the file's order, and says how many values the batch holds."""
    from dashboard import queries
    from etl.synth import write_synthetic

    csv_file = write_synthetic(tmp_path / "tinh.csv", 45, 27, 1, province="Lâm Đồng")
    con = store.connect(staff_db)
    try:
        big = commit(con, prepare(csv_file), Actor.local_operator()).batch_id
    finally:
        con.close()
    at = _page(batch=big)
    shown = at.dataframe[1].value
    whole = queries.batch_rows(queries.data_version(), big)
    assert len(whole) > 1000 and len(shown) == 1000
    assert shown["Dòng"].tolist() == whole["row_no"].head(1000).tolist()
    assert any(c.value.startswith(f"Hiển thị 1.000 dòng đầu của lô ({len(whole):,}".replace(
        ",", ".")) for c in at.caption), [c.value for c in at.caption]


def test_a_changed_percentage_shows_in_the_batch_comparison(staff_db, tmp_path):
    """QA 1: the 6-month budget sheet again with D7 730734 → 735000 and E9 (% so dự toán)
    39 → 40: two changes against the seed's batch, the % column reading '39 → 40'."""
    from openpyxl import load_workbook

    seed = APP.parent / "data" / "seed" / "duc_trong_2023_6_thang.xlsx"
    sheet = load_workbook(seed)["Ngân sách"]
    sheet["D7"], sheet["E9"] = 735000, 40
    path = write_xlsx(tmp_path / "thu_chi_6_thang.xlsx",
                      [list(r) for r in sheet.iter_rows(values_only=True)], sheet="Ngân sách")
    con = store.connect(staff_db)
    try:
        earlier = con.execute(
            "SELECT DISTINCT batch_id FROM observations WHERE period = '2023-H1' "
            "AND indicator_as_written = 'Tổng chi ngân sách địa phương'").fetchall()[0][0]
        later = commit(con, prepare(path), Actor("ductrong")).batch_id
    finally:
        con.close()
    at = _page(batch=later)
    at.selectbox(key="lich_su_so_sanh").select(earlier).run()
    assert not at.exception
    compared = at.dataframe[2].value.set_index("Chỉ tiêu")
    spending = compared.loc["Tổng chi ngân sách địa phương"]
    assert spending["So với lô trước"] == "Thay đổi" and spending["% kế hoạch"] == "39 → 40"
    assert compared.loc["Tổng thu NSNN trên địa bàn huyện", "Thực hiện"] == "730.734 → 735.000"
    said = next(c.value for c in at.caption if c.value.startswith(f"Lô {later} so với lô"))
    assert "0 mới · 2 thay đổi · 2 không đổi" in said
