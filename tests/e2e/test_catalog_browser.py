"""Danh mục chỉ tiêu in a real browser: an admin logs in, turns an indicator's direction round,
and Đạt chỉ tiêu judges it the other way. On a private server: the change would move the
statuses other browser tests read."""

from __future__ import annotations

import re
import shutil

import pytest

from tests.e2e.conftest import log_in, streamlit_server, wait_until_drawn

pytestmark = pytest.mark.e2e

ADMIN, PASSWORD = "quantri", "mật-khẩu-quản-trị-2025"
GROWTH_NAME = "Tốc độ tăng tổng thu ngân sách nhà nước trên địa bàn"
SCORECARD = "dat_chi_tieu?dia_phuong=H63-673&ky=2021-2023"  # Thành phố Bảo Lộc, 2021–2023


def _disagreements(page, url: str) -> int:
    """How many indicators Đạt chỉ tiêu flags as reported otherwise than computed (the
    report says 'Đạt' for this growth: computed 'Vượt' agrees, 'Chưa đạt' does not)."""
    page.goto(f"{url}/{SCORECARD}")
    wait_until_drawn(page)
    found = re.search(r"(\d+) chỉ tiêu có đánh giá trong báo cáo khác", page.inner_text("body"))
    return int(found.group(1)) if found else 0


def _choose(page, label: str, option: str) -> None:
    """Pick `option` in the box `label`, once the run a previous choice started is over: a run
    still drawing the form redraws the box and closes its list (a slow CI run waited 30 s for
    an option of a list already gone)."""
    wait_until_drawn(page, charts=0)
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.keyboard.type(option[:30])
    page.get_by_role("option", name=option, exact=True).click()
    wait_until_drawn(page, charts=0)


def test_admin_turns_a_direction_and_the_chart_judges_it_again(browser, demo_db, tmp_path):
    """Computed 'Vượt' under 'tăng là tốt' becomes 'Chưa đạt' once the admin saves 'giảm là
    tốt', so the scorecard flags one more disagreement with the report."""
    from etl import accounts, store
    from etl.accounts import Actor

    db = shutil.copy(demo_db, tmp_path / "danh_muc.duckdb")
    con = store.connect(db)
    try:
        accounts.add_user(con, ADMIN, PASSWORD, "admin", [], actor=Actor.local_operator())
        con.execute("CHECKPOINT")
    finally:
        con.close()
    with streamlit_server(db) as url:
        page = browser.new_page(viewport={"width": 1366, "height": 900}, locale="vi-VN")
        try:
            before = _disagreements(page, url)
            page.goto(f"{url}/nhap_du_lieu")
            log_in(page, ADMIN, PASSWORD)
            page.get_by_role("link", name="Danh mục chỉ tiêu").click()
            page.get_by_role("heading", name="Sửa chỉ tiêu").wait_for(timeout=30_000)
            _choose(page, "Chỉ tiêu", GROWTH_NAME)
            _choose(page, "Hướng đánh giá", "giảm là tốt")
            page.get_by_role("button", name="Lưu thay đổi").click()
            page.get_by_text("hướng: tăng là tốt → giảm là tốt").wait_for(timeout=90_000)
            after = _disagreements(page, url)
        finally:
            page.close()
    assert after == before + 1
