"""Text from a file is text for every viewer: a file name and indicator names written as markdown
or HTML show as written in the real browser, with no link, bold or tag in the rendered DOM."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from etl.accounts import Actor
from etl.pipeline import commit
from etl.store import connect
from tests.e2e.conftest import PAGE_PATHS, log_in, streamlit_server, wait_until_drawn
from tests.seed import prepare

pytestmark = pytest.mark.e2e

DUC_TRONG = "H63-678"
FILE_NAME = "[Bấm vào đây](https://evil.example/x) **đậm**.csv"
LINK_NAME = '<a href="https://evil.example/y">Bấm tôi</a> :red[đỏ]'
BOLD_NAME = "Chỉ tiêu **đậm** _nghiêng_ https://evil.example/z"
EVIL_HOSTS = "evil.example"


def _shown(text: str) -> str:
    """Text as the page shows it: an invisible word joiner keeps 'https://' from linking."""
    return text.replace("://", ":\u2060//")


def _write_csv(path: Path) -> Path:
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN NĂM 2022"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022", "Thực hiện năm 2022"],
            [1, LINK_NAME, "%", "> 50", "60"],
            [2, BOLD_NAME, "%", "> 50", "40"]]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture(scope="module")
def evil_server(tmp_path_factory, e2e_db) -> str:
    folder = tmp_path_factory.mktemp("plain")
    db = shutil.copy(e2e_db, folder / "chitieu.duckdb")
    con = connect(db)
    try:
        # The name as a browser sends it (a name on disk cannot hold the '/').
        commit(con, prepare(_write_csv(folder / "upload.csv"), file_name=FILE_NAME),
               Actor.local_operator())
    finally:
        con.close()
    with streamlit_server(db) as url:
        yield url


def _no_markup_from_the_file(page) -> None:
    links = page.eval_on_selector_all("a", "as => as.map(a => a.href)")
    assert not [h for h in links if EVIL_HOSTS in h], links
    bold = page.eval_on_selector_all(
        "[data-testid=stMain] strong, [data-testid=stMain] em, [data-testid=stMain] b",
        "els => els.map(e => e.textContent)")
    assert not [b for b in bold if "đậm" in b or "nghiêng" in b or "Bấm" in b], bold
    svg_links = page.eval_on_selector_all(".js-plotly-plot a", "as => as.length")
    assert svg_links == 0


def test_file_name_and_indicator_names_show_as_written(page, evil_server):
    page.goto(f"{evil_server}/dat_chi_tieu?dia_phuong={DUC_TRONG}&ky=2022")
    wait_until_drawn(page)
    page.wait_for_function("() => document.body.innerText.includes('Nguồn:')")
    _no_markup_from_the_file(page)
    body = page.inner_text("body")
    assert _shown(FILE_NAME) in body
    # Bar names are written above the bars, one annotation per wrapped line.
    labels = " ".join(page.eval_on_selector_all(
        ".js-plotly-plot .annotation-text", "ts => ts.map(t => t.textContent)"))
    assert LINK_NAME in labels and BOLD_NAME in labels, labels
    bars = page.locator(".js-plotly-plot .bars .point path")
    for index in range(bars.count()):
        bars.nth(index).hover(force=True)
        page.wait_for_selector(".hoverlayer .hovertext", timeout=5_000)
        hover = page.eval_on_selector(".hoverlayer", "h => h.textContent")
        if "Bấm tôi" in hover:
            break
    assert LINK_NAME in hover, hover
    assert page.eval_on_selector_all(".hoverlayer a", "as => as.length") == 0


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_no_page_turns_file_text_into_markup(page, evil_server, path):
    page.goto(f"{evil_server}/{path}?dia_phuong={DUC_TRONG}&ky=2022")
    page.wait_for_selector('[data-testid="stMain"] h1', timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    _no_markup_from_the_file(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_upload_preview_and_success_show_names_as_written(page, evil_server, tmp_path):
    path = _write_csv(tmp_path / "upload.csv")
    data = path.read_text(encoding="utf-8").replace("2022", "2021").encode("utf-8")
    page.goto(f"{evil_server}/nhap_du_lieu")
    log_in(page)
    page.wait_for_selector('[data-testid="stFileUploaderDropzoneInput"]', state="attached")
    page.set_input_files('[data-testid="stFileUploaderDropzoneInput"]',
                         files=[{"name": FILE_NAME, "mimeType": "text/csv", "buffer": data}])
    page.get_by_text("Kiểm tra (chưa ghi)").wait_for(timeout=30_000)
    _no_markup_from_the_file(page)
    info = page.locator('[data-testid="stAlert"]').first.inner_text()
    assert _shown(LINK_NAME) in info and _shown(BOLD_NAME) in info
    page.get_by_role("button", name="Ghi vào cơ sở dữ liệu").click()
    page.get_by_text("Đã nạp lô").wait_for(timeout=30_000)
    _no_markup_from_the_file(page)
    success = page.get_by_text("Đã nạp lô").inner_text()
    assert _shown(LINK_NAME) in success and _shown(BOLD_NAME) in success
