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
    # the seed's results of 2021 to mid-2023 hold Năm 2022 among their periods
    assert set(frame.loc[offered, "Kỳ"]) == {"Năm 2022", "4 kỳ, từ năm 2022 đến năm 2023"}
    at.selectbox(key="lich_su_so_sanh").select(batch).run()
    assert not at.exception
    compared = at.dataframe[2].value.set_index("Chỉ tiêu")
    verdict = compared["So với lô trước"]
    assert verdict["Thu NSNN do huyện quản lý"] == "Thay đổi"
    assert compared.loc["Thu NSNN do huyện quản lý", "Kế hoạch / chỉ tiêu"] == "770,4 → 800"
    assert verdict["Ngành Dịch vụ"] == "Chỉ có ở lô trước"
    assert verdict["Tỷ lệ che phủ rừng"] == "Mới"
    assert verdict["Ngành Công nghiệp"] == "Không đổi"
    said = next(c.value for c in at.caption if c.value.startswith(f"Lô {later} so với lô {batch}"))
    assert "1 mới · 1 thay đổi" in said and "· 1 chỉ có ở lô trước" in said


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


def test_after_a_rollback_the_selector_and_the_note_say_it_is_undone(staff_db, batch):
    """The browser keeps a selector's label as the page last set it: after the rollback the
    page sets it again, with 'Đã hoàn tác'; the owner is told the batch is undone, not that
    only its owner may undo it."""
    at = _page("ductrong", batch)
    at.checkbox(key=f"xac_nhan_{batch}").check().run()
    click(at, f"Hoàn tác lô {batch}")
    shown = at.selectbox(key="lich_su_lo")
    assert shown.value == batch and shown.proto.set_value
    assert shown.proto.raw_value.startswith(f"Lô {batch} · ") and shown.proto.raw_value.endswith(
        " · Đã hoàn tác")
    notes = [c.value for c in at.caption]
    assert f"Lô {batch} đã được hoàn tác: số liệu của lô không còn được dùng." in notes
    assert not any("Chỉ người nạp lô" in n for n in notes)


def _commune_2025(path: Path) -> Path:
    """Xã Đức Trọng's 2025 results as a phụ lục: one period, the xã of the 2025 reform."""
    return write_xlsx(path, [
        ["UBND XÃ ĐỨC TRỌNG", None, None, None, None],
        ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2025", None, None, None, None],
        [None, None, None, None, None],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch 2025", "Thực hiện 2025"],
        ["1", "Dân số", "người", None, "86.000"],
        ["2", "Tỷ lệ hộ nghèo", "%", "1,5", "1,2"],
    ], merges=["A1:E1", "A2:E2"])


def test_a_batch_of_several_periods_is_compared_on_the_period_both_hold(staff_db, tmp_path):
    """The seed's xa_duc_trong_2025.xlsx (a long table: 2025 figures with a 2020–2025 and a
    2025–2030 target, so no single period of its own) and a 2025 phụ lục of the same xã: each
    is offered against the other, and only their common 2025 rows are compared."""
    con = store.connect(staff_db)
    try:
        seed = con.execute("SELECT id FROM batches WHERE file_name = "
                           "'xa_duc_trong_2025.xlsx'").fetchall()[0][0]
        later = commit(con, prepare(_commune_2025(tmp_path / "xa_duc_trong_2025_pl.xlsx")),
                       Actor.local_operator()).batch_id
        assert {r[0] for r in con.execute("SELECT DISTINCT locality_id FROM observations "
                                          "WHERE batch_id IN (?, ?)", [seed, later]).fetchall()
                } == {"X34-24958"}
    finally:
        con.close()
    at = _page(batch=later)
    offered = at.selectbox(key="lich_su_so_sanh")
    assert [int(o.split(" · ")[0].removeprefix("Lô ")) for o in offered.options] == [seed]
    compared = at.dataframe[2].value.set_index("Chỉ tiêu")
    assert set(compared["Kỳ"]) == {"Năm 2025"}
    assert compared.loc["Dân số", "So với lô trước"] == "Thay đổi"
    assert compared.loc["Tỷ lệ hộ nghèo", "So với lô trước"] == "Mới"
    said = next(c.value for c in at.caption if c.value.startswith(f"Lô {later} so với lô {seed}"))
    assert "phần chung của hai lô (Xã Đức Trọng, năm 2025)" in said
    back = _page(batch=seed)
    assert later in [int(o.split(" · ")[0].removeprefix("Lô "))
                     for o in back.selectbox(key="lich_su_so_sanh").options]


def test_a_replaced_batch_says_which_batch_to_undo(staff_db, batch, tmp_path):
    """A corrected file replaces the owner's batch: the page says by which batch, and that
    undoing that one brings this one back (not that only its owner may undo it)."""
    whole = [*tables.plan_2022(), [18, "Tỷ lệ che phủ rừng", "%", "55"]]  # every row, and one
    path = write_xlsx(tmp_path / "ke_hoach_2022.xlsx", whole)
    con = store.connect(staff_db)
    try:
        later = commit(con, prepare(path), Actor("ductrong")).batch_id
    finally:
        con.close()
    assert _state(staff_db, batch) == "replaced"
    at = _page("ductrong", batch)
    assert (f"Lô {batch} đã được thay bằng lô {later}; hoàn tác lô {later} thì lô {batch} được "
            "dùng lại.") in [c.value for c in at.caption]


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
