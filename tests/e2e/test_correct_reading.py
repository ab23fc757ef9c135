"""In a real browser, logged in: the upload page says how it read a file, the person corrects a
column the reader did not recognise, the preview follows, and the saved batch holds the
corrected figures (read back on Lịch sử nhập liệu)."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.e2e.conftest import log_in, saved_batch, tab
from tests.etl.test_corrections import RESULTS, TITLE
from tests.workbook import write_xlsx

pytestmark = pytest.mark.e2e


def _cells(page, which: int) -> list[str]:
    """The texts of the accessible grid of the page's `which`-th table (the columns in view)."""
    grid = page.locator('[data-testid="stDataFrame"]').nth(which)
    grid.locator('td[role="gridcell"]').first.wait_for(state="attached", timeout=30_000)
    return grid.evaluate("g => Array.from(g.querySelectorAll('td[role=gridcell]'))"
                         ".map(td => td.textContent.trim())")


def _shows(page, which: int, texts: list[str]) -> None:
    """Wait until the `which`-th table's accessible grid holds every one of these texts."""
    page.wait_for_function(
        """([which, texts]) => {
            const grid = document.querySelectorAll('[data-testid="stDataFrame"]')[which];
            if (!grid) return false;
            const shown = new Set(Array.from(grid.querySelectorAll('td[role=gridcell]'))
                                  .map(td => td.textContent.trim()));
            return texts.every(t => shown.has(t));
        }""",
        arg=[which, texts], timeout=30_000,
    )


def _idle(page) -> None:
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')",
                           timeout=60_000)


def _open_list(page, box) -> None:
    """Open a selectbox's list once the app has stopped running (a rerun landing meanwhile
    draws the box again, closed), trying again if it closed all the same."""
    for _ in range(3):
        _idle(page)
        box.locator("input").click()
        try:
            page.get_by_role("option").first.wait_for(timeout=10_000)
            return
        except PlaywrightTimeout:
            page.keyboard.press("Escape")
    page.get_by_role("option").first.wait_for(timeout=10_000)


def test_correcting_a_column_then_saving_stores_the_corrected_figures(browser, server, tmp_path):
    """Column E ('Đạt') is not read until the person calls it Thực hiện; then the preview shows
    the results and the saved batch holds them."""
    results = write_xlsx(tmp_path / "ket_qua_2022.xlsx", TITLE + RESULTS)
    with tab(browser, 2200, 1400) as page:
        page.goto(f"{server}/nhap_du_lieu")
        log_in(page)
        page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
        page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(results))
        page.get_by_text("Đã đọc trang «Sheet1»").wait_for(timeout=30_000)
        assert "0,2" not in _cells(page, 0)
        page.get_by_text("Cách đọc tệp").click()
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Cột E · Đạt").first
        box.wait_for(state="visible", timeout=30_000)
        _open_list(page, box)
        page.keyboard.type("Thực")  # the list filtered as a user would
        page.get_by_role("option", name="Thực hiện", exact=True).click()
        page.get_by_text("E: Thực hiện").wait_for(timeout=30_000)
        _shows(page, 0, ["0,2", "801,2", "90,1"])
        page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
        batch = saved_batch(page)
        assert page.locator('[data-testid="stException"]').count() == 0
        page.goto(f"{server}/lich_su")
        page.get_by_text(f"Các dòng của lô {batch}").wait_for(timeout=30_000)
        _shows(page, 1, ["0,2", "801,2", "90,1"])


def test_a_period_typed_in_words_reads_and_saves_the_table(browser, server, tmp_path):
    """A table whose title names no period: the person types the period as their reports say
    it ('6 tháng đầu năm 2023') in the Kỳ box; the preview and the saved batch use it."""
    book = write_xlsx(tmp_path / "sau_thang.xlsx", [
        ["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU"], [],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
        [1, "Tỷ lệ hộ nghèo", "%", "2,5", "2,2"],
    ])
    with tab(browser, 1400, 1000) as page:
        page.goto(f"{server}/nhap_du_lieu")
        log_in(page)
        page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
        page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(book))
        box = page.get_by_label("Kỳ (đọc từ tiêu đề bảng; sửa nếu sai)")
        box.wait_for(timeout=30_000)
        _idle(page)
        box.fill("6 tháng đầu năm 2023")
        box.press("Enter")
        page.get_by_text("Kiểm tra (chưa ghi)").wait_for(timeout=30_000)
        page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
        saved_batch(page)
        link = page.get_by_role("link", name="Xem biểu đồ: Huyện Đức Trọng, 6 tháng đầu năm 2023")
        assert "ky=2023-H1" in link.get_attribute("href")
        assert page.locator('[data-testid="stException"]').count() == 0
