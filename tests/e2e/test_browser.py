"""What a user sees in a real browser, one behaviour per test."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import PAGE_PATHS, streamlit_server, wait_until_drawn
from tests.etl import tables
from tests.workbook import write_xlsx

pytestmark = pytest.mark.e2e

DUC_TRONG, BAO_LOC = "H63-678", "H63-673"


def _no_exception(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    assert "Traceback" not in page.inner_text("body")


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_every_page_loads_without_errors_and_draws(page, server, path):
    """Each page opens from its address, shows no error box and draws its chart or table."""
    page.goto(f"{server}/{path}")
    if path in ("du_lieu", "nhap_du_lieu"):
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    else:
        wait_until_drawn(page)
    _no_exception(page)
    assert page.locator("h1").first.inner_text().strip()


def test_overview_shows_the_first_half_2023_budget(page, server):
    """Đức Trọng, first half of 2023: revenue 730.734 triệu đồng, 41 % of plan, 84 % cùng kỳ."""
    page.goto(f"{server}/?dia_phuong={DUC_TRONG}&ky=2023-H1")
    wait_until_drawn(page)
    body = page.inner_text("body")
    assert "730.734" in body and "41% dự toán" in body and "84% cùng kỳ" in body


def _choose(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def _chart_titles(page) -> list[str]:
    return page.eval_on_selector_all(
        ".js-plotly-plot", "plots => plots.map(p => p.layout.title && p.layout.title.text)"
    )


def _chart_data(page) -> str:
    return page.eval_on_selector_all(
        ".js-plotly-plot", "plots => JSON.stringify(plots.map(p => p.data.map(t => [t.x, t.y])))"
    )


def test_changing_a_filter_changes_the_address_and_the_chart(page, server):
    """Picking another locality puts it in the address and redraws the charts with its data."""
    page.goto(f"{server}/?dia_phuong={DUC_TRONG}&ky=2023-H1")
    wait_until_drawn(page)
    before = _chart_data(page)
    _choose(page, "Địa phương", "Thành phố Bảo Lộc")
    page.wait_for_function(
        "code => window.location.search.includes(code)", arg=BAO_LOC, timeout=30_000
    )
    wait_until_drawn(page)
    page.wait_for_function(
        "old => JSON.stringify(Array.from(document.querySelectorAll('.js-plotly-plot'))"
        ".map(p => p.data.map(t => [t.x, t.y]))) !== old", arg=before, timeout=30_000,
    )
    assert parse_qs(urlparse(page.url).query)["dia_phuong"] == [BAO_LOC]


def test_a_copied_address_opens_the_same_view(browser, server):
    """Opening a copied address in a fresh window shows the same selection and the same chart."""
    first = browser.new_page(viewport={"width": 1366, "height": 768})
    first.goto(f"{server}/tang_truong?cac_dia_phuong={BAO_LOC}")
    wait_until_drawn(first)
    address, titles, data = first.url, _chart_titles(first), _chart_data(first)
    first.close()
    second = browser.new_page(viewport={"width": 1366, "height": 768})
    second.goto(address)
    wait_until_drawn(second)
    assert "Thành phố Bảo Lộc" in second.inner_text('[data-testid="stMultiSelect"]')
    assert _chart_titles(second) == titles and _chart_data(second) == data
    second.close()


def test_a_shared_link_works_as_the_first_visit_to_a_new_server(browser, demo_db, tmp_path):
    """A link to a page (not the home page) opened right after the server starts shows that
    page with the app's navigation, not Streamlit's file-name page list."""
    import shutil

    db = shutil.copy(demo_db, tmp_path / "fresh.duckdb")
    with streamlit_server(db) as url:
        tab = browser.new_page(viewport={"width": 1366, "height": 768})
        tab.goto(f"{url}/tang_truong?cac_dia_phuong={BAO_LOC}")
        wait_until_drawn(tab)
        nav = tab.inner_text('[data-testid="stSidebarNav"]')
        heading = tab.locator("h1").first.inner_text()
        tab.close()
    assert heading == "Tăng trưởng"
    assert "Tổng quan" in nav and "tong quan" not in nav


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1366, 768)])
def test_overview_fits_the_screen(browser, server, width, height):
    """The overview fits a phone and a laptop screen without sideways scrolling."""
    tab = browser.new_page(viewport={"width": width, "height": height})
    tab.goto(f"{server}/?dia_phuong={DUC_TRONG}&ky=2023-H1")
    wait_until_drawn(tab)
    overflow = tab.evaluate(
        "() => document.documentElement.scrollWidth - window.innerWidth"
    )
    tab.close()
    assert overflow <= 1


def test_charts_download_as_png(page, server):
    """Each chart's toolbar has Plotly's PNG button, and it saves a PNG picture."""
    page.goto(f"{server}/tang_truong?cac_dia_phuong={BAO_LOC}")
    wait_until_drawn(page)
    plots = page.locator(".js-plotly-plot")
    buttons = page.locator('.modebar-btn[data-title="Tải biểu đồ dạng PNG"]')
    assert buttons.count() == plots.count()
    plots.first.hover()
    with page.expect_download(timeout=30_000) as download:
        buttons.first.click()
    assert download.value.suggested_filename.endswith(".png")
    with open(download.value.path(), "rb") as saved:
        assert saved.read(8) == b"\x89PNG\r\n\x1a\n"


def test_upload_preview_save_and_undo(page, server, tmp_path):
    """Staff upload a plan, see the preview, save it as a batch, then undo it."""
    plan = write_xlsx(tmp_path / "ke_hoach_2022.xlsx", tables.plan_2022())
    page.goto(f"{server}/nhap_du_lieu")
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(plan))
    page.get_by_text("Kiểm tra (chưa ghi)").wait_for(timeout=30_000)
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    saved = page.get_by_text("Đã nạp lô")
    saved.wait_for(timeout=30_000)
    batch = saved.inner_text().split("Đã nạp lô ")[1].split(":")[0]
    _no_exception(page)
    page.get_by_role("button", name="Hoàn tác lô").click()
    page.get_by_text(f"Đã hoàn tác lô {batch}").wait_for(timeout=30_000)
    _no_exception(page)
