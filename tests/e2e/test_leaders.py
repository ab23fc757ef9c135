"""What a leader sees at a glance, in a real browser: whole values on a phone, the verdict
column on screen, and no English anywhere."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import PAGE_PATHS, log_in, wait_until_drawn

pytestmark = pytest.mark.e2e

DUC_TRONG, BAO_LOC = "H63-678", "H63-673"
PHONE = {"width": 390, "height": 844}
# English that Plotly or Streamlit would show if left untranslated.
ENGLISH = re.compile(
    r"\b(Zoom|Pan|Autoscale|Reset|Download|Select|Lasso|Produced with|Double-click|Toggle|"
    r"Compare data|Show closest|None|NaN|null|undefined|Drag and drop|Browse files|Limit \d+MB|"
    r"per file|Upload|Choose|No results|Running|Deploy)\b")

_OUTSIDE = """plot => {
    const frame = plot.querySelector('.main-svg').getBoundingClientRect();
    const out = [];
    for (const text of plot.querySelectorAll('.annotation-text, .bartext, text.textpoint')) {
        const box = text.getBoundingClientRect();
        if (box.width === 0) continue;
        if (box.left < frame.left - 1 || box.right > frame.right + 1) out.push(text.textContent);
    }
    return out;
}"""


def _clipped(tab) -> list[str]:
    return [t for plot in tab.locator(".js-plotly-plot").all() for t in plot.evaluate(_OUTSIDE)]


@pytest.mark.parametrize(("path", "charts"), [
    (f"thu_ngan_sach?dia_phuong={DUC_TRONG}&ky=2023-H1&don_vi=trieu", 3),
    (f"dat_chi_tieu?dia_phuong={BAO_LOC}&ky=2021-2023", 1),
    (f"?dia_phuong={BAO_LOC}&ky=2021-2023", 1),
])
def test_phone_bar_values_are_whole(browser, server, path, charts):
    """At 390 px every bar's name and value is inside the chart, none cut at the edge."""
    tab = browser.new_page(viewport=PHONE)
    tab.goto(f"{server}/{path}")
    wait_until_drawn(tab, charts=charts)
    clipped = _clipped(tab)
    texts = tab.eval_on_selector_all(".js-plotly-plot .annotation-text, .js-plotly-plot .bartext",
                                     "nodes => nodes.map(n => n.textContent)")
    tab.close()
    assert texts and clipped == []


_ON_SCREEN = """(rows, width) => rows.slice(0, 6).map(row => {
    const parts = [row.querySelector('.name'), ...row.querySelectorAll('.figures > span')];
    return parts.map(p => {
        const b = p.getBoundingClientRect();
        return [p.textContent, b.width > 0 && b.left >= 0 && b.right <= width];
    });
})"""


def test_phone_scorecard_shows_target_result_and_verdict(browser, server):
    """At 390 px each indicator of the scorecard shows its name, Mục tiêu, Kết quả and the
    verdict badge on screen without scrolling sideways; the wide grid is not shown."""
    tab = browser.new_page(viewport=PHONE)
    tab.goto(f"{server}/dat_chi_tieu?dia_phuong={BAO_LOC}&ky=2021-2023")
    wait_until_drawn(tab)
    tab.wait_for_selector(".score-row", timeout=30_000)
    rows = tab.locator(".score-row").evaluate_all(_ON_SCREEN, PHONE["width"])
    grid_shown = tab.locator('[data-testid="stDataFrame"]').evaluate_all(
        "grids => grids.some(g => g.getBoundingClientRect().width > 0)")
    first = tab.locator(".score-row").first.inner_text()
    tab.close()
    assert len(rows) == 6 and all(shown for row in rows for _, shown in row)
    assert [len(row) for row in rows] == [4] * 6  # name, Mục tiêu, Kết quả, verdict
    assert "Tốc độ tăng trưởng tổng giá trị sản xuất" in first
    assert "Mục tiêu: 8,5-9,5" in first and "Kết quả: 7,8" in first and "✗ Chưa đạt" in first
    assert not grid_shown


def test_wide_screen_scorecard_keeps_the_grid(page, server):
    """At 1366 px the scorecard is the grid with its verdict columns; no phone blocks."""
    page.goto(f"{server}/dat_chi_tieu?dia_phuong={BAO_LOC}&ky=2021-2023")
    wait_until_drawn(page)
    page.wait_for_selector('[data-testid="stDataFrame"] th[role="columnheader"]',
                           state="attached", timeout=30_000)
    shown = page.locator('[data-testid="stDataFrame"]').first.evaluate(
        "grid => Array.from(grid.querySelectorAll('th[role=columnheader]'))"
        ".map(th => th.textContent)")
    blocks = page.locator(".score-row").evaluate_all(
        "rows => rows.filter(r => r.getBoundingClientRect().width > 0).length")
    assert {"Chỉ tiêu", "Báo cáo", "Tính toán", "Thực hiện"} <= set(shown)
    assert blocks == 0


@pytest.mark.parametrize("path", PAGE_PATHS)
def test_no_english_on_any_page(page, server, path):
    """At 1366 px no English words: page text, Plotly toolbar tooltips and notices."""
    page.goto(f"{server}/{path}")
    if path == "nhap_du_lieu":
        log_in(page)  # the page asks for a login before anything else
    if path in ("du_lieu", "nhap_du_lieu", "lich_su"):
        page.wait_for_selector('[data-testid="stDataFrame"]', timeout=30_000)
    else:
        wait_until_drawn(page)
    shown = page.inner_text("body")
    tooltips = page.eval_on_selector_all(
        ".js-plotly-plot [data-title]", "nodes => nodes.map(n => n.getAttribute('data-title'))")
    found = ENGLISH.findall(shown + "\n" + "\n".join(tooltips))
    assert found == [], found
