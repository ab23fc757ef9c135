"""Nhập dữ liệu: upload → preview (nothing written) → write → undo, and refused files leaving the
database as it was; through AppTest on a private copy of the demo database."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import duckdb
import pytest
from openpyxl import Workbook
from streamlit.testing.v1 import AppTest

from dashboard.plain import md
from tests.etl import tables

APP = Path(__file__).resolve().parents[2] / "app.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    monkeypatch.setenv("CHITIEU_DB", str(path))
    return path


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    for row in rows:
        wb.active.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _page() -> AppTest:
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
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
    at.file_uploader(key="tep").upload("phu_luc_2022.xlsx", _xlsx(tables.plan_2022()), XLSX)
    at.run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value
    assert "Ngành Nông, lâm nghiệp và thuỷ sản" in set(preview["Chỉ tiêu (như trong tệp)"])
    assert "Tăng 6 - 7" in set(preview["Kế hoạch / chỉ tiêu"])
    assert "Kiểm tra (chưa ghi)" in at.info[0].value
    assert _batches(db) == before
    at.button[0].click().run()
    assert "không có gì thay đổi" not in at.success[0].value
    assert len(_batches(db)) == len(before) + 1


def test_refused_file_is_explained_and_nothing_written(db):
    before = _batches(db)
    at = _page()
    at.file_uploader(key="tep").upload("bao_cao.xlsx", _xlsx([["Báo cáo"], ["không bảng"]]), XLSX)
    at.run()
    assert not at.exception
    assert md("Không nhận tệp bao_cao.xlsx") in at.error[0].value
    assert "Không tìm thấy dòng tiêu đề" in at.error[0].value
    assert not at.dataframe or "Lô" in at.dataframe[0].value.columns
    assert _batches(db) == before


def test_missing_locality_asks_in_the_form(db):
    at = _page()
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024"], [1, "Tỷ lệ hộ nghèo", "%", "< 0,3"]]
    at.file_uploader(key="tep").upload("ke_hoach.xlsx", _xlsx(rows), XLSX)
    at.run()
    assert "ô «Địa phương»" in at.error[0].value and "--locality" not in at.error[0].value
    at.text_input(key="nhap_dia_phuong").input("Huyện Đức Trọng").run()
    assert not at.error and "1 số liệu" in at.info[0].value


def test_undo_restores_the_previous_state(db):
    at = _page()
    last = _batches(db)[-1][0]
    at.selectbox(key="lo_hoan_tac").select(last).run()
    at.button[-1].click().run()
    assert not at.exception
    assert (last, "rolled_back") in _batches(db)
    assert f"Đã hoàn tác lô {last}" in at.success[0].value


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
