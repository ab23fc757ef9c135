"""The upload template in a real browser: staff download the blank template from Nhập dữ liệu,
fill it in (openpyxl, as Excel would save it), upload it, see the preview and save it, and find
the batch on Lịch sử nhập liệu. On a server of its own, so the batch it saves stays out of the
other browser tests' database."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.conftest import log_in, saved_batch, streamlit_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def own_server(e2e_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = Path(shutil.copy(e2e_db, tmp_path_factory.mktemp("mau") / "chitieu.duckdb"))
    with streamlit_server(path) as url:
        yield url


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


def test_download_fill_upload_and_save_the_blank_template(page, own_server, tmp_path):
    """The blank template comes from the page, goes back filled, is previewed and saved, and
    its batch is on the history page."""
    page.goto(f"{own_server}/nhap_du_lieu")
    log_in(page)
    page.get_by_text("Tải mẫu nhập liệu (Excel)").click()
    with page.expect_download(timeout=30_000) as download:
        page.get_by_role("button", name="Tải mẫu trống").click()
    assert download.value.suggested_filename == "mau_nhap_lieu.xlsx"
    filled = tmp_path / "mau_ket_qua_2024.xlsx"
    download.value.save_as(filled)
    wb = load_workbook(filled)
    assert wb.sheetnames == ["Số liệu", "Hướng dẫn", "Danh mục"]
    sheet = wb["Số liệu"]
    sheet.append(["Huyện Đức Trọng", "2024", "Tỷ lệ hộ nghèo", "%", "≤ 2", "1,85", "Đạt"])
    sheet.append(["Huyện Đức Trọng", "2024", "Tốc độ tăng trưởng tổng giá trị sản xuất", "%",
                  "8,5 - 9,5", "9,1", None])
    wb.save(filled)

    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(filled))
    page.get_by_text("Kiểm tra (chưa ghi): 2 số liệu sẽ được nạp.").wait_for(timeout=30_000)
    page.get_by_text("mẫu nhập liệu: đã đọc trang 'Số liệu'").wait_for(timeout=30_000)
    page.get_by_text("So với số liệu hiện có").wait_for(timeout=30_000)
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    batch = saved_batch(page)
    _no_exception(page)

    page.goto(f"{own_server}/lich_su")
    page.get_by_text(f"Các dòng của lô {batch}").wait_for(timeout=30_000)
    shown = page.get_by_role("combobox", name="Xem lô").input_value()
    assert shown == f"Lô {batch} · mau_ket_qua_2024.xlsx · Huyện Đức Trọng · Năm 2024 · Đang dùng"
    _no_exception(page)
