"""Addresses typed by hand: the first page answers at its own path too, and a path no page has
says so in Vietnamese instead of Streamlit's English 'Page not found'."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import wait_until_drawn

pytestmark = pytest.mark.e2e

ENGLISH_NOTICE = "Page not found"
# Streamlit's notice goes away by itself after a few seconds: keep every text seen meanwhile.
_WATCH = """() => {
    window.__seen = '';
    setInterval(() => {
        const text = document.body ? document.body.innerText : '';
        if (text.includes('Page not found') || text.includes('Không có trang'))
            window.__seen += text;
    }, 50);
}"""


def _settled(page, path: str) -> str:
    """Open `path` and return what it showed until its chart was drawn, notices included."""
    page.add_init_script(f"({_WATCH})()")
    page.goto(path)
    wait_until_drawn(page)
    page.wait_for_timeout(1000)  # a notice sent at the end of the run has arrived
    return page.evaluate("window.__seen") + page.inner_text("body")


def test_the_overview_opens_at_its_own_path(page, server):
    """/tong_quan shows Tổng quan with no 'Page not found' notice, on a first visit to the
    server as on later ones."""
    for _ in range(2):
        text = _settled(page, f"{server}/tong_quan")
        assert page.locator("h1").first.inner_text().strip() == "Tổng quan"
        assert ENGLISH_NOTICE not in text and "Không có trang" not in text


def test_an_unknown_path_says_so_in_vietnamese(page, server):
    """/khong_co opens Tổng quan under a notice naming the path, in Vietnamese."""
    text = _settled(page, f"{server}/khong_co")
    assert ENGLISH_NOTICE not in text
    assert "Không có trang “/khong_co”" in text and "Đang mở trang Tổng quan" in text
    assert page.locator("h1").first.inner_text().strip() == "Tổng quan"


def test_a_known_path_has_no_notice(page, server):
    """/tang_truong opens Tăng trưởng itself, with no notice."""
    text = _settled(page, f"{server}/tang_truong")
    assert page.locator("h1").first.inner_text().strip() == "Tăng trưởng"
    assert "Không có trang" not in text and ENGLISH_NOTICE not in text


def test_a_page_for_admins_only_asks_for_a_login(page, server):
    """/tai_khoan for a visitor: a notice that the page needs a login, in Vietnamese."""
    text = _settled(page, f"{server}/tai_khoan")
    assert ENGLISH_NOTICE not in text
    assert "Trang “/tai_khoan” cần đăng nhập" in text
    assert page.locator("h1").first.inner_text().strip() == "Tổng quan"
