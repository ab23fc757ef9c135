"""Two people press Ghi at the same moment in two browsers, for two files of the same new
period: both saves land one after the other, and neither sees an exception box."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.conftest import log_in, saved_batch, streamlit_server
from tests.etl import tables
from tests.workbook import write_xlsx

pytestmark = pytest.mark.e2e


def _plan_2024(path, poverty: str):
    rows = [r[:] for r in tables.plan_2022()]
    rows[2][0] = "CHỈ TIÊU KẾ HOẠCH NĂM 2024"
    for row in rows:
        if row[1] == "Tỷ lệ hộ nghèo":
            row[3] = poverty
    return write_xlsx(path, rows)


def _ready(browser, url: str, plan):
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="vi-VN")
    page = context.new_page()
    page.goto(f"{url}/nhap_du_lieu")
    log_in(page)
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(plan))
    page.get_by_text("Kiểm tra (chưa ghi)").wait_for(timeout=30_000)
    return context, page


def test_two_saves_at_the_same_moment_both_land(browser, e2e_db, tmp_path):
    db = shutil.copy(e2e_db, tmp_path / "chitieu.duckdb")
    plans = [_plan_2024(tmp_path / f"ke_hoach_{i}.xlsx", v) for i, v in enumerate(("0,2", "0,1"))]
    with streamlit_server(db) as url:
        opened = [_ready(browser, url, plan) for plan in plans]
        try:
            buttons = [p.get_by_role("button", name="Ghi vào cơ sở dữ liệu") for _, p in opened]
            for button in buttons:
                button.dispatch_event("click")  # both clicks leave before either save returns
            batches = []
            for _, page in opened:
                batches.append(saved_batch(page))
                assert page.locator('[data-testid="stException"]').count() == 0
                assert "Conflict" not in page.inner_text("body")
            assert len(set(batches)) == 2
        finally:
            for context, _ in opened:
                context.close()
