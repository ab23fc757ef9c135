"""What a user sees in a real browser, one behaviour per test."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import (
    PAGE_PATHS,
    STAFF_NAME,
    log_in,
    saved_batch,
    streamlit_server,
    wait_until_drawn,
    wait_until_settled,
)
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
    if path == "nhap_du_lieu":  # writing needs a login: the form is what a visitor sees
        page.get_by_label("Tên đăng nhập").wait_for(timeout=30_000)
    elif path in ("du_lieu", "lich_su"):
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
    page.keyboard.type(option)  # a long list (every province) is filtered as a user would
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
    drawn = wait_until_settled(first)  # every chart, not the first of several
    address, titles, data = first.url, _chart_titles(first), _chart_data(first)
    first.close()
    second = browser.new_page(viewport={"width": 1366, "height": 768})
    second.goto(address)
    wait_until_drawn(second, charts=drawn)
    assert "Thành phố Bảo Lộc" in second.inner_text('[data-testid="stMultiSelect"]')
    assert _chart_titles(second) == titles and _chart_data(second) == data
    second.close()


def _shown_in(page, label: str) -> str:
    """What a one-choice box shows as chosen ('Huyện Đức Trọng')."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
    return box.locator("input").input_value()


def test_a_shared_link_keeps_its_place_and_period_from_page_to_page(page, server):
    """Opened on Thu ngân sách for Đức Trọng, first half of 2023, then Tổng quan and Đạt chỉ
    tiêu in the menu: each shows the same locality and period (Tổng quan used to open on Cả
    nước, 2014: a page's box of the same key started from its first option)."""
    page.goto(f"{server}/thu_ngan_sach?dia_phuong={DUC_TRONG}&ky=2023-H1")
    wait_until_drawn(page)
    for title in ("Tổng quan", "Đạt chỉ tiêu", "Hộ nghèo", "Thu ngân sách"):
        page.locator('[data-testid="stSidebarNav"]').get_by_text(title, exact=True).click()
        page.locator("h1").filter(has_text=title).wait_for(timeout=30_000)
        wait_until_drawn(page)
        query = parse_qs(urlparse(page.url).query)
        assert query.get("dia_phuong") == [DUC_TRONG], (title, page.url)
        if title != "Hộ nghèo":  # one locality's poverty over every period: no period box
            assert query.get("ky") == ["2023-H1"], (title, page.url)
            assert _shown_in(page, "Kỳ báo cáo").startswith("6 tháng đầu năm 2023"), title
        _no_exception(page)


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


def _uploader_words(page) -> dict[str, str]:
    """What the uploader draws: the button and hint texts as CSS shows them, and the font size
    left to Streamlit's own English words."""
    return page.evaluate("""() => {
        const button = document.querySelector(
            '[data-testid=stFileUploaderDropzone] [data-testid=stBaseButton-secondary] p');
        const hint = document.querySelector(
            '[data-testid=stFileUploaderDropzoneInstructions] span');
        return {button: getComputedStyle(button, '::after').content,
                hint: getComputedStyle(hint, '::after').content,
                english: getComputedStyle(button).fontSize + ' ' + getComputedStyle(hint).fontSize};
    }""")


def _dragging_words(page) -> list[str]:
    """While a file is dragged over the uploader: the word CSS draws, and the size of
    Streamlit's own English one."""
    drag = page.evaluate_handle("""() => {
        const d = new DataTransfer();
        d.items.add(new File(['a'], 'a.csv', {type: 'text/csv'}));
        return d; }""")
    page.dispatch_event('[data-testid="stFileUploaderDropzone"]', "dragenter",
                        {"dataTransfer": drag})
    selector = "[data-testid=stFileUploaderDropzone] > input + div > span"
    page.wait_for_selector(selector, state="attached")  # drawn by its ::after only
    words = page.evaluate(f"""() => {{ const s = document.querySelector('{selector}');
        return [getComputedStyle(s, '::after').content, getComputedStyle(s).fontSize]; }}""")
    page.dispatch_event('[data-testid="stFileUploaderDropzone"]', "dragleave",
                        {"dataTransfer": drag})
    return words


def test_login_upload_preview_save_and_undo(page, server, tmp_path):
    """Staff log in, see the uploader in Vietnamese, upload a plan, see the preview and the
    difference, save it as their batch (no second save button, a link to its charts), then undo
    it."""
    plan = write_xlsx(tmp_path / "ke_hoach_2022.xlsx", tables.revised_budget(tables.plan_2022()))
    page.goto(f"{server}/nhap_du_lieu")
    page.get_by_text("Cần đăng nhập").wait_for(timeout=30_000)
    page.get_by_label("Tên đăng nhập").fill(STAFF_NAME)
    hint = page.evaluate("""() => { const s = document.querySelector(
        '[data-testid=InputInstructions] > span:first-child');
        return [getComputedStyle(s, '::after').content, getComputedStyle(s).fontSize]; }""")
    assert hint == ['"Nhấn Enter để gửi"', "0px"]  # not Streamlit's 'Press Enter to submit form'
    log_in(page)
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
    words = _uploader_words(page)
    assert words["button"] == '"Chọn tệp"' and "tối đa 50 MB một tệp" in words["hint"]
    assert words["english"] == "0px 0px"
    assert _dragging_words(page) == ['"Thả tệp vào đây"', "0px"]
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]', str(plan))
    page.get_by_text("Kiểm tra (chưa ghi)").wait_for(timeout=30_000)
    page.get_by_text("So với số liệu hiện có").wait_for(timeout=30_000)
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    batch = saved_batch(page)
    _no_exception(page)
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").wait_for(state="detached",
                                                                  timeout=30_000)
    link = page.get_by_role("link", name="Xem biểu đồ: Huyện Đức Trọng, Năm 2022")
    assert "dia_phuong=H63-678" in link.get_attribute("href")
    assert page.get_by_role("button", name="Hoàn tác lô").is_disabled()
    page.get_by_text(f"Tôi chắc chắn muốn hoàn tác lô {batch}").click()
    page.get_by_role("button", name="Hoàn tác lô").click()
    page.get_by_text(f"Đã hoàn tác lô {batch}").wait_for(timeout=30_000)
    _no_exception(page)


def test_a_province_budget_from_the_ministry_tables(page, server, tmp_path):
    """Hà Nội 2013 in the browser: dự toán and quyết toán from the Ministry of Finance files,
    the ministry named as the source; the screenshot is kept for the record."""
    page.goto(f"{server}/thu_ngan_sach?dia_phuong=T63-01&ky=2013&don_vi=trieu")
    wait_until_drawn(page)
    _no_exception(page)
    body = page.inner_text("body")
    assert "Thành phố Hà Nội – Năm 2013" in body
    assert "161.475.000" in body and "198.238.683" in body and "122,8%" in body
    assert "Bộ Tài chính, phụ lục quyết toán NSNN năm 2013: Final_2013.xls" in body
    shot = tmp_path / "thu_ngan_sach_ha_noi_2013.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000
