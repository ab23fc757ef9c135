"""The real thing: the demo database built by the ETL, `streamlit run app.py` on a free port, and
Debian's Chromium driven by Playwright. One server and one browser for the session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
PAGE_PATHS = ["", "tang_truong", "thu_ngan_sach", "ho_ngheo", "dat_chi_tieu", "so_sanh",
              "du_lieu", "nhap_du_lieu", "lich_su"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def streamlit_server(db: Path, timeout: float = 60) -> Iterator[str]:
    """`streamlit run app.py` against `db`; yields the base URL, stops the server after."""
    port = _free_port()
    env = {**os.environ, "CHITIEU_DB": str(db)}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not start on {url}")
            time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def chromium() -> Iterator[object]:
    """Debian's Chromium under Playwright (Playwright cannot download browsers here)."""
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if not executable:
        pytest.fail("Debian's chromium is missing: `make test` installs it (apt-get install "
                    "chromium).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def wait_until_drawn(page, *, charts: int = 1, timeout: float = 30_000) -> None:
    """The app has run: no script running, and at least `charts` Plotly charts drawn."""
    page.wait_for_selector('[data-testid="stApp"]', timeout=timeout)
    page.wait_for_function(
        """n => {
            const running = document.querySelector('[data-testid="stStatusWidget"]');
            const plots = document.querySelectorAll('.js-plotly-plot .main-svg').length;
            return !running && plots >= n;
        }""",
        arg=charts, timeout=timeout,
    )


def wait_until_settled(page, *, quiet_ms: int = 1_500, timeout: float = 30_000) -> int:
    """`wait_until_drawn`, then until the number of drawn charts has not changed for
    `quiet_ms` (a page draws its charts one after another); returns that number."""
    wait_until_drawn(page, timeout=timeout)
    page.wait_for_function(
        """quiet => {
            const running = document.querySelector('[data-testid="stStatusWidget"]');
            const plots = document.querySelectorAll('.js-plotly-plot .main-svg').length;
            const now = Date.now();
            if (running || window.__plots !== plots) {
                window.__plots = plots;
                window.__since = now;
                return false;
            }
            return now - window.__since >= quiet;
        }""",
        arg=quiet_ms, timeout=timeout, polling=250,
    )
    return page.locator(".js-plotly-plot .main-svg").count()


STAFF_NAME, STAFF_PASSWORD = "ductrong", "mật-khẩu-trình-duyệt-2025"


@pytest.fixture(scope="session")
def e2e_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo database with one staff account of Huyện Đức Trọng (made as `etl user
    add` makes it): what the shared server serves."""
    from etl import accounts, store
    from etl.accounts import Actor

    path = Path(shutil.copy(demo_db, tmp_path_factory.mktemp("e2e") / "chitieu.duckdb"))
    con = store.connect(path)
    try:
        accounts.add_user(con, STAFF_NAME, STAFF_PASSWORD, "staff", ["Huyện Đức Trọng"],
                          actor=Actor.local_operator())
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def saved_batch(page) -> str:
    """The batch number the upload page says it saved ('Đã nạp lô N: …'), once it says so."""
    saved = page.get_by_text("Đã nạp lô")
    saved.wait_for(timeout=30_000)
    return saved.inner_text().split("Đã nạp lô ")[1].split(":")[0]


def log_in(page, name: str = STAFF_NAME, password: str = STAFF_PASSWORD) -> None:
    """Fill the login form shown on the page and wait until the form is gone."""
    page.get_by_label("Tên đăng nhập").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_role("button", name="Đăng xuất").wait_for(timeout=30_000)


@pytest.fixture(scope="session")
def server(e2e_db: Path) -> Iterator[str]:
    with streamlit_server(e2e_db) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    with chromium() as launched:
        yield launched


@contextmanager
def tab(browser, width: int, height: int) -> Iterator[object]:
    """A fresh browser context (no cache, no session) of this size, in Vietnamese."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="vi-VN")
    try:
        yield context.new_page()
    finally:
        context.close()


@pytest.fixture
def page(browser):
    with tab(browser, 1366, 768) as opened:
        yield opened
