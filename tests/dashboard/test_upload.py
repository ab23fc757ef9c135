"""Nhập dữ liệu: login → upload → preview (nothing written) → write → undo, refused files leaving
the database as it was, and who may write what; through AppTest on a private copy of the demo
database whose accounts are made by the same function as `python -m etl user add`."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook, load_workbook
from streamlit.testing.v1 import AppTest

from dashboard import diff, queries
from dashboard.plain import md
from etl import accounts, store
from etl.accounts import Actor
from etl.pipeline import commit
from tests.dashboard.logins import PASSWORD, click, login
from tests.etl import tables
from tests.query import rows
from tests.seed import prepare
from tests.workbook import write_xlsb

APP = Path(__file__).resolve().parents[2] / "app.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(staff_db: Path) -> Path:
    return staff_db


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _page(name: str | None = "ductrong") -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return login(at, name) if name else at


def _upload(at: AppTest, rows: list[list[object]], name: str = "phu_luc_2022.xlsx") -> AppTest:
    at.file_uploader(key="tep").upload(name, _xlsx(rows), XLSX)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _batches(db: Path) -> list[tuple[int, str]]:
    con = duckdb.connect(str(db))
    try:
        return con.execute("SELECT id, state FROM batches ORDER BY id").fetchall()
    finally:
        con.close()


def test_preview_writes_nothing_until_saved(db):
    before = _batches(db)
    at = _page()
    revised = tables.revised_budget(tables.plan_2022())
    at.file_uploader(key="tep").upload("phu_luc_2022.xlsx", _xlsx(revised), XLSX)
    at.run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value
    assert "Ngành Nông, lâm nghiệp và thuỷ sản" in set(preview["Chỉ tiêu (như trong tệp)"])
    assert "Tăng 6 - 7" in set(preview["Kế hoạch / chỉ tiêu"])
    assert "Kiểm tra (chưa ghi)" in at.info[0].value
    assert _batches(db) == before
    click(at, "Ghi vào cơ sở dữ liệu")
    assert "không có gì thay đổi" not in at.success[0].value
    assert len(_batches(db)) == len(before) + 1


def test_an_excel_binary_workbook_is_taken_read_and_saved(db, tmp_path):
    """A .xlsb (Excel's binary workbook, which the readers read) is one of the uploader's types
    and goes through the same preview and save as a .xlsx."""
    before = _batches(db)
    at = _page()
    assert ".xlsb" in at.file_uploader(key="tep").allowed_type
    book = write_xlsb(tmp_path / "phu_luc_2022.xlsb", tables.revised_budget(tables.plan_2022()))
    at.file_uploader(key="tep").upload(book.name, book.read_bytes(), "application/vnd.ms-excel."
                                       "sheet.binary.macroEnabled.12")
    at.run()
    assert not at.exception and not at.error
    assert "Tăng 6 - 7" in set(at.dataframe[0].value["Kế hoạch / chỉ tiêu"])
    click(at, "Ghi vào cơ sở dữ liệu")
    assert len(_batches(db)) == len(before) + 1
    con = duckdb.connect(str(db))  # the page's own connection is read-write
    try:
        assert con.execute("SELECT file_name FROM batches ORDER BY id DESC LIMIT 1").fetchall() \
            == [("phu_luc_2022.xlsb",)]
    finally:
        con.close()


def test_a_file_already_stored_as_it_is_says_so(db):
    """The preview of a file whose every figure is stored already says the save changes none
    (no '… số liệu sẽ được nạp' standing alone against a diff of 'Không đổi')."""
    again = _page()  # the demo holds this plan already
    again.file_uploader(key="tep").upload("phu_luc_2022.xlsx", _xlsx(tables.plan_2022()), XLSX)
    again.run()
    assert [i for i in again.info if "đã có đúng như vậy" in i.value]
    assert "Ghi vào cơ sở dữ liệu" not in [b.label for b in again.button]


def test_refused_file_is_explained_and_nothing_written(db):
    before = _batches(db)
    at = _page()
    at.file_uploader(key="tep").upload("bao_cao.xlsx", _xlsx([["Báo cáo"], ["không bảng"]]), XLSX)
    at.run()
    assert not at.exception
    assert md("Không nhận tệp bao_cao.xlsx") in at.error[0].value
    assert at.error[0].value.count(md("bao_cao.xlsx")) == 1
    assert "Không tìm thấy dòng tiêu đề" in at.error[0].value
    assert not at.dataframe or "Lô" in at.dataframe[0].value.columns
    assert _batches(db) == before


def test_a_refusal_that_names_the_file_names_it_once(db):
    """The readers' refusals start 'Tệp X …' for the command line; the page does not add the
    name again ('Không nhận tệp X: Tệp X rỗng')."""
    at = _page()
    at.file_uploader(key="tep").upload("trong.xlsx", b"", XLSX)
    at.run()
    assert not at.exception
    shown = at.error[0].value
    assert shown.startswith("Không nhận tệp.") and shown.count(md("trong.xlsx")) == 1, shown


def test_missing_locality_asks_in_the_form(db):
    at = _page()
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024"], [1, "Tỷ lệ hộ nghèo", "%", "< 0,3"]]
    at.file_uploader(key="tep").upload("ke_hoach.xlsx", _xlsx(rows), XLSX)
    at.run()
    assert "ô «Địa phương»" in at.error[0].value and "--locality" not in at.error[0].value
    at.text_input(key="nhap_dia_phuong").input("Huyện Đức Trọng").run()
    assert not at.error and "1 số liệu" in at.info[0].value


def test_undo_restores_the_previous_state(db):
    at = _page("quantri")
    last = _batches(db)[-1][0]
    at.selectbox(key="lo_hoan_tac").select(last).run()
    button = next(b for b in at.button if b.label == "Hoàn tác lô")
    assert button.disabled  # not before the box naming the batch is ticked
    box = at.checkbox(key=f"xac_nhan_hoan_tac_{last}")
    assert f"hoàn tác lô {last}" in box.label and "số liệu" in box.label
    box.check().run()
    click(at, "Hoàn tác lô")
    assert not at.exception
    assert (last, "rolled_back") in _batches(db)
    assert f"Đã hoàn tác lô {last}" in at.success[0].value


def test_undo_waits_for_the_confirmation(db):
    before = _batches(db)
    at = _page("quantri")
    last = before[-1][0]
    at.selectbox(key="lo_hoan_tac").select(last).run()
    assert next(b for b in at.button if b.label == "Hoàn tác lô").disabled
    at.checkbox(key=f"xac_nhan_hoan_tac_{last}").check().run()
    at.checkbox(key=f"xac_nhan_hoan_tac_{last}").uncheck().run()  # changed their mind
    assert next(b for b in at.button if b.label == "Hoàn tác lô").disabled
    assert _batches(db) == before


@pytest.fixture
def upload_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    from dashboard import upload

    folder = tmp_path / "app" / "uploads"
    monkeypatch.setattr(upload, "UPLOAD_DIR", folder)
    return folder


def test_uploads_are_kept_privately_and_removed(db, upload_dir):
    import stat

    at = _page()
    at.file_uploader(key="tep").upload("phu_luc_2022.xlsx", _xlsx(tables.plan_2022()), XLSX)
    at.run()
    assert not at.exception and not at.error
    assert stat.S_IMODE(upload_dir.stat().st_mode) == 0o700
    assert list(upload_dir.iterdir()) == []  # prepared: the file is no longer needed
    at.file_uploader(key="tep").upload("bao_cao.xlsx", _xlsx([["Báo cáo"]]), XLSX)
    at.run()
    assert at.error and list(upload_dir.iterdir()) == []  # refused: removed too


def test_a_symlink_planted_as_the_upload_folder_is_refused(db, upload_dir, tmp_path):
    target = tmp_path / "elsewhere"
    target.mkdir()
    upload_dir.parent.mkdir(parents=True)
    upload_dir.symlink_to(target)
    at = _page()
    at.file_uploader(key="tep").upload("phu_luc_2022.xlsx", _xlsx(tables.plan_2022()), XLSX)
    at.run()
    assert not at.exception
    assert "không phải thư mục riêng" in at.error[0].value
    assert list(target.iterdir()) == []


def _loaded_by(db: Path) -> list[str]:
    con = duckdb.connect(str(db))
    try:
        return [r[0] for r in con.execute("SELECT loaded_by FROM batches ORDER BY id").fetchall()]
    finally:
        con.close()


def test_the_page_asks_for_a_login_before_anything(db):
    at = _page(None)
    assert not at.file_uploader and "Cần đăng nhập" in at.info[0].value
    assert [t.label for t in at.text_input] == ["Tên đăng nhập", "Mật khẩu"]


def test_wrong_password_is_refused_and_nothing_is_offered(db):
    at = login(_page(None), "ductrong", "sai-mat-khau")
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in at.error[0].value
    assert not at.file_uploader


def test_repeated_failures_lock_the_account_even_for_the_right_password(db):
    at = _page(None)
    for _ in range(accounts.SLOW_AFTER):
        login(at, "ductrong", "sai-mat-khau")
    login(at, "ductrong")
    assert "Hãy chờ" in at.error[0].value and not at.file_uploader
    con = duckdb.connect(str(db))
    con.execute("UPDATE login_failures SET failures = ?, last_failure = now() - INTERVAL 1 HOUR",
                [accounts.LOCK_AFTER - 1])
    con.close()
    login(at, "ductrong", "sai-mat-khau")
    assert "tạm khoá" in at.error[0].value
    login(at, "ductrong")
    assert "tạm khoá" in at.error[0].value and not at.file_uploader


def test_the_password_is_not_kept_in_the_session(db):
    at = _page("ductrong")
    assert at.file_uploader
    assert at.session_state["mat_khau"] == ""
    assert PASSWORD not in repr(at.session_state)
    assert at.session_state["nguoi_dung"]["name"] == "ductrong"


def test_an_idle_session_expires(db):
    at = _page("ductrong")
    info = at.session_state["nguoi_dung"]
    at.session_state["nguoi_dung"] = {**info, "last_seen": info["last_seen"] - timedelta(hours=1)}
    at.run()
    assert not at.file_uploader and "hết hạn" in at.warning[0].value


def test_staff_saves_its_own_locality_as_itself(db):
    at = _upload(_page("ductrong"), tables.revised_budget(tables.plan_2022()))
    click(at, "Ghi vào cơ sở dữ liệu")
    assert "Đã nạp lô" in at.success[0].value
    assert _loaded_by(db)[-1] == "ductrong"


def test_staff_of_another_locality_is_refused_before_and_at_the_save(db):
    before = _batches(db)
    at = _upload(_page("baoloc"), tables.plan_2022())
    assert "chỉ được nạp số liệu của Thành phố Bảo Lộc" in at.error[0].value
    assert "Huyện Đức Trọng (dòng" in at.error[0].value
    assert "Ghi vào cơ sở dữ liệu" not in [b.label for b in at.button]
    assert _batches(db) == before


def test_a_file_naming_another_locality_is_refused_whole(db):
    rows = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch"],
            ["Huyện Đức Trọng", "2024", "Tỷ lệ hộ nghèo", "%", "< 0,3"],
            ["Thành phố Bảo Lộc", "2024", "Tỷ lệ hộ nghèo", "%", "< 0,2"]]
    at = _upload(_page("ductrong"), rows, "hai_noi.xlsx")
    assert "Thành phố Bảo Lộc (dòng 3)" in at.error[0].value
    assert "Ghi vào cơ sở dữ liệu" not in [b.label for b in at.button]


def test_viewer_cannot_upload(db):
    at = _page("xem")
    assert not at.file_uploader and "chỉ được xem" in at.warning[0].value


def test_undo_offers_only_the_staff_members_own_batches(db):
    at = _upload(_page("ductrong"), tables.revised_budget(tables.plan_2022()))
    click(at, "Ghi vào cơ sở dữ liệu")
    mine = _batches(db)[-1][0]
    assert at.selectbox(key="lo_hoan_tac").options == [str(mine)]
    other = _page("baoloc")
    assert not [s for s in other.selectbox if s.key == "lo_hoan_tac"]
    at.checkbox(key=f"xac_nhan_hoan_tac_{mine}").check().run()
    click(at, "Hoàn tác lô")
    assert (mine, "rolled_back") in _batches(db)


POVERTY_2024 = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
                ["Huyện Đức Trọng", "2024", "Tỷ lệ hộ nghèo", "%", "< 0,3", "0,25"],
                ["Huyện Đức Trọng", "2024", "Giải quyết việc làm", "lao động", "4.000", ""]]


def _changes(at: AppTest):
    frame = next(d.value for d in at.dataframe if "So với hiện có" in d.value.columns)
    return frame.set_index("Chỉ tiêu")


def test_the_difference_from_the_database_comes_before_the_save(db):
    at = _upload(_page("ductrong"), POVERTY_2024, "ngheo_2024.xlsx")
    changes = _changes(at)
    assert set(changes["So với hiện có"]) == {"Mới"}
    assert "2 mới · 0 thay đổi · 0 không đổi" in [c.value for c in at.caption]
    click(at, "Ghi vào cơ sở dữ liệu")
    corrected = [row[:] for row in POVERTY_2024]
    corrected[1][4] = "< 0,2"
    at = _upload(_page("ductrong"), corrected, "ngheo_2024_sua.xlsx")
    changes = _changes(at)
    assert changes.loc["Tỷ lệ hộ nghèo", "So với hiện có"] == "Thay đổi"
    assert changes.loc["Tỷ lệ hộ nghèo", "Kế hoạch / chỉ tiêu"] == "< 0,3 → < 0,2"
    assert changes.loc["Tỷ lệ hộ nghèo", "Thực hiện"] == "0,25"
    assert changes.loc["Giải quyết việc làm", "So với hiện có"] == "Không đổi"


def test_a_changed_unit_or_name_as_written_counts_as_a_change(db):
    """The same figures with the indicator written another way ('Tỷ lệ hộ nghèo chung', a
    synonym of the same catalog indicator) or another unit (lao động → người) change what the
    pages show: 'Thay đổi' with 'cũ → mới', before the save and between the two batches."""
    at = _upload(_page("ductrong"), POVERTY_2024, "ngheo_2024.xlsx")
    click(at, "Ghi vào cơ sở dữ liệu")
    first = _batches(db)[-1][0]
    renamed = [row[:] for row in POVERTY_2024]
    renamed[1][2] = "Tỷ lệ hộ nghèo chung"
    renamed[2][3] = "người"
    at = _upload(_page("ductrong"), renamed, "ngheo_2024_sua.xlsx")
    assert "0 mới · 2 thay đổi · 0 không đổi" in [c.value for c in at.caption]
    changes = _changes(at)
    poverty, jobs = changes.loc["Tỷ lệ hộ nghèo chung"], changes.loc["Giải quyết việc làm"]
    assert poverty["So với hiện có"] == "Thay đổi" and jobs["So với hiện có"] == "Thay đổi"
    assert poverty["Tên trong tệp"] == "Tỷ lệ hộ nghèo → Tỷ lệ hộ nghèo chung"
    assert poverty["ĐVT"] == "%" and poverty["Kế hoạch / chỉ tiêu"] == "< 0,3"
    assert jobs["ĐVT"] == "lao động → người" and jobs["Tên trong tệp"] == ""  # not renamed
    click(at, "Ghi vào cơ sở dữ liệu")
    second = _batches(db)[-1][0]
    compared = diff.between_batches(queries.data_version(), first, second).set_index("Chỉ tiêu")
    assert set(compared[diff.BETWEEN]) == {diff.CHANGED}
    assert compared.loc["Tỷ lệ hộ nghèo chung", "Tên trong tệp"] == \
        "Tỷ lệ hộ nghèo → Tỷ lệ hộ nghèo chung"
    assert compared.loc["Giải quyết việc làm", "ĐVT"] == "lao động → người"


def test_after_saving_the_page_says_saved_and_links_to_the_charts(db):
    at = _upload(_page("ductrong"), POVERTY_2024, "ngheo_2024.xlsx")
    click(at, "Ghi vào cơ sở dữ liệu")
    batch = _batches(db)[-1][0]
    assert f"Đã ghi lô {batch}" in [s.value for s in at.subheader]
    assert "Xem trước (chưa ghi)" not in [s.value for s in at.subheader]
    assert "Ghi vào cơ sở dữ liệu" not in [b.label for b in at.button]
    links = at.get("page_link")
    assert len(links) == 1
    link = links[0].proto
    assert link.label == "Xem biểu đồ: Huyện Đức Trọng, Năm 2024"
    assert link.query_string == "dia_phuong=H63-678&ky=2024"
    at.checkbox(key=f"xac_nhan_hoan_tac_{batch}").check().run()
    click(at, "Hoàn tác lô")
    assert "Ghi vào cơ sở dữ liệu" in [b.label for b in at.button]  # undone: can be saved again


def test_a_many_sheet_workbook_is_searched_for_its_table_as_the_cli_does(db):
    """The ministry's Final_2009.xls starts with national sheets: by default the page tries
    every sheet, finds the table by province, and tells a district's staff why it may not save
    it — not that the locality is missing from the title of the first sheet."""
    real = Path(__file__).resolve().parents[2] / "data" / "real" / "Final_2009.xls"
    at = _page("ductrong")
    at.file_uploader(key="tep").upload(real.name, real.read_bytes(), "application/vnd.ms-excel")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="nhap_trang").value == ""  # "Tự tìm bảng chỉ tiêu"
    shown = " ".join(e.value for e in at.error)
    assert "chỉ được nạp số liệu của Huyện Đức Trọng" in shown
    assert "Không xác định được địa phương" not in shown
    assert "Ghi vào cơ sở dữ liệu" not in [b.label for b in at.button]


SEED_6_MONTHS = APP.parent / "data" / "seed" / "duc_trong_2023_6_thang.xlsx"


def _budget_sheet(changes: dict[str, object]) -> bytes:
    """The Ngân sách sheet of the 6-month seed report (in the demo database) rewritten as a new
    workbook, with `changes` ('D7': 735000) made to its cells."""
    sheet = load_workbook(SEED_6_MONTHS)["Ngân sách"]
    for ref, value in changes.items():
        sheet[ref] = value
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    wb = Workbook()
    wb.active.title = "Ngân sách"
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_a_changed_percentage_counts_as_a_change_shown_old_to_new(db):
    """QA 1: D7 730734 → 735000 and E9 (% so dự toán) 39 → 40 are two changes; the % column
    shows '39 → 40', and the periods read '6 tháng đầu năm 2023', not '2023-H1' (QA 16)."""
    at = _page("ductrong")
    data = _budget_sheet({"D7": 735000, "E9": 40})
    at.file_uploader(key="tep").upload("thu_chi_6_thang.xlsx", data, XLSX)
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "0 mới · 2 thay đổi · 2 không đổi" in [c.value for c in at.caption]
    changes = _changes(at)
    spending = changes.loc["Tổng chi ngân sách địa phương"]
    assert spending["So với hiện có"] == "Thay đổi"
    assert spending["% kế hoạch"] == "39 → 40" and spending["% cùng kỳ"] == "127"
    assert changes.loc["Tổng thu NSNN trên địa bàn huyện", "Thực hiện"] == "730.734 → 735.000"
    assert set(changes["Kỳ"]) == {"6 tháng đầu năm 2023"}
    assert set(at.dataframe[0].value["Kỳ"]) == {"6 tháng đầu năm 2023"}  # the preview
    assert "2023-H1" not in " ".join(i.value for i in at.info)
    assert at.text_input(key="nhap_ky").value == "6 tháng đầu năm 2023"  # the Kỳ box, filled


def test_a_file_already_stored_offers_no_save(db):
    """QA 9: re-uploading a file the database holds as it is: no Ghi button, the page says which
    batch holds it, and never 'Đã ghi lô …' for a save that would write nothing."""
    at = _page("ductrong")
    at.file_uploader(key="tep").upload("lai_6_thang.xlsx", _budget_sheet({}), XLSX)
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert "0 mới · 0 thay đổi · 4 không đổi" in [c.value for c in at.caption]
    assert "Ghi vào cơ sở dữ liệu" not in [b.label for b in at.button]
    held = rows(db, "SELECT DISTINCT batch_id FROM current_rows WHERE period = '2023-H1' "
                    "AND indicator_as_written = 'Tổng chi ngân sách địa phương'")
    said = " ".join(i.value for i in at.info)
    assert f"Tệp này đã có trong cơ sở dữ liệu (lô {held[0][0]})" in said
    assert "không có gì mới để ghi" in said
    assert not [s for s in at.subheader if s.value.startswith("Đã ghi")]


def test_a_save_that_writes_nothing_is_not_called_saved(db, tmp_path):
    """QA 9: the same file saved meanwhile (another session, the command line): pressing Ghi
    on the page still showing its preview writes nothing, and the page says so, without an
    'Đã ghi lô …' heading."""
    data = _xlsx(POVERTY_2024)
    at = _page("ductrong")
    at.file_uploader(key="tep").upload("ngheo_2024.xlsx", data, XLSX)
    at.run()
    path = tmp_path / "ngheo_2024.xlsx"
    path.write_bytes(data)
    con = store.connect(db)
    try:
        first = commit(con, prepare(path), Actor("ductrong")).batch_id
    finally:
        con.close()
    before = _batches(db)
    click(at, "Ghi vào cơ sở dữ liệu")
    assert _batches(db) == before
    assert f"Tệp này đã được nạp ở lô {first}" in " ".join(s.value for s in at.success)
    assert not [s for s in at.subheader if s.value.startswith("Đã ghi")]


def test_a_refused_text_file_is_named_as_chosen(db):
    """QA 8: the page reads an upload from a temporary file; the refusal names the file the
    person chose ('… của tệp ghi_chu.txt'), never the temporary one."""
    at = _page("ductrong")
    at.file_uploader(key="tep").upload("ghi_chu.txt", "Báo cáo\nkhông có bảng\n".encode(),
                                       "text/plain")
    at.run()
    assert not at.exception
    said = at.error[0].value
    assert "Không tìm thấy dòng tiêu đề" in said and md("dòng đầu của tệp ghi_chu.txt") in said
    assert "tmp" not in said


def test_after_saving_one_sheet_the_next_is_read_from_the_same_upload(db):
    """A workbook of two tables: the first sheet is read and saved, then 'Nạp tiếp trang' reads
    the other from the same upload, and it is saved as its own batch."""
    title = [["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2024"],
             ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"]]
    wb = Workbook()
    wb.active.title = "Ngân sách"
    for row in [*title, [1, "Thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "800", "820"]]:
        wb.active.append(row)
    social = wb.create_sheet("Xã hội")
    for row in [*title, [1, "Tỷ lệ hộ nghèo", "%", "0,5", "0,4"]]:
        social.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    at = _page()
    at.file_uploader(key="tep").upload("hai_trang_2024.xlsx", buffer.getvalue(), XLSX)
    at.run()
    click(at, "Ghi vào cơ sở dữ liệu")
    click(at, "Nạp tiếp trang «Xã hội»")
    assert at.selectbox(key="nhap_trang").value == "Xã hội"
    assert any("Tỷ lệ hộ nghèo" in str(df.value.values) for df in at.dataframe)
    click(at, "Ghi vào cơ sở dữ liệu")
    assert rows(db, "SELECT sheet FROM batches WHERE file_name = 'hai_trang_2024.xlsx' AND "
                    "state = 'active' ORDER BY id") == [("Ngân sách",), ("Xã hội",)]


def test_the_difference_shows_what_changed_first_and_coloured(db):
    """On a narrow screen the first columns are what is seen: changed rows come first, the
    measures that change right after the verdict, each 'cũ → mới' cell coloured."""
    at = _upload(_page("ductrong"), POVERTY_2024, "ngheo_2024.xlsx")
    click(at, "Ghi vào cơ sở dữ liệu")
    corrected = [row[:] for row in POVERTY_2024]
    corrected[2][3] = "người"  # the second row's unit only
    at = _upload(_page("ductrong"), corrected, "ngheo_2024_sua.xlsx")
    frame = next(d.value for d in at.dataframe if "So với hiện có" in d.value.columns)
    assert list(frame.columns[:4]) == ["Dòng", "Chỉ tiêu", "So với hiện có", "ĐVT"]
    assert list(frame["So với hiện có"]) == ["Thay đổi", "Không đổi"]
    assert frame.iloc[0]["ĐVT"] == "lao động → người"
    styled = diff.shown(frame).to_html()  # what the page sends: the changed cell coloured
    assert styled.count("background-color: #fff3cd") == 1
