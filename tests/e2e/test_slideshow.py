"""The Trình chiếu page in Debian's Chromium at the hall projector's 1920×1080: sizes read
from the back row, the arrow keys, the deck in the address, the chrome hidden."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import tab

pytestmark = pytest.mark.e2e

BAO_LOC, DUC_PHO = "H63-673", "H63-534"
DECK = f"trinh_chieu?dia_phuong={BAO_LOC}&ky=2021-2023&so_sanh_voi={DUC_PHO}"


@pytest.fixture
def hall(browser):
    """The hall's projector: 1920×1080."""
    with tab(browser, 1920, 1080) as opened:
        yield opened


def _number(tab) -> tuple[int, int]:
    text = tab.inner_text(".slide-number").strip()
    match = re.fullmatch(r"(\d+) / (\d+)", text)
    assert match, text
    return int(match[1]), int(match[2])


def _wait_for(tab, number: int) -> None:
    """Slide `number` shown, the run over and the page's CSS applied: a rerun re-sends the
    style element, and a slide measured in that instant has the browser's 16 px."""
    tab.wait_for_function(
        "n => { const e = document.querySelector('.slide-number');"
        " return e && e.innerText.trim().startsWith(n + ' /')"
        " && parseFloat(getComputedStyle(e).fontSize) > 16.5"
        " && !document.querySelector('[data-testid=\"stStatusWidget\"]'); }",
        arg=number, timeout=30_000)


def _px(tab, selector: str) -> list[float]:
    return tab.eval_on_selector_all(
        selector, "els => els.filter(e => e.offsetParent !== null || e.closest('svg'))"
        ".map(e => parseFloat(getComputedStyle(e).fontSize))")


def test_slides_are_readable_from_the_back_and_arrow_keys_turn_them(hall, server):
    """Title slide at 1920×1080: title ≥ 28 px, body and source ≥ 28 px; → and ← change
    'n / N' and the address; the chart slide's numbers and labels are ≥ 20 px."""
    hall.goto(f"{server}/{DECK}&slide=1")
    _wait_for(hall, 1)
    number, total = _number(hall)
    assert number == 1 and total >= 5
    assert min(_px(hall, ".slide-title")) >= 28
    assert min(_px(hall, ".slide-cover p")) >= 28
    assert min(_px(hall, '[data-testid="stCaptionContainer"] p')) >= 28
    assert hall.inner_text('[data-testid="stCaptionContainer"]').startswith("Nguồn: ")
    assert hall.locator(".slide-cover svg").count() == 1  # the QR code
    for header in ('header[data-testid="stHeader"]', '[data-testid="stSidebar"]'):
        assert hall.locator(header).evaluate_all(
            "els => els.every(e => getComputedStyle(e).display === 'none')")

    hall.keyboard.press("ArrowRight")
    _wait_for(hall, 2)
    hall.keyboard.press("ArrowRight")
    _wait_for(hall, 3)  # growth by sector: a chart
    hall.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    chart_text = _px(hall, ".js-plotly-plot text")
    assert chart_text and min(chart_text) >= 20
    labels = hall.eval_on_selector_all(".js-plotly-plot text", "els => els.map(e => e.textContent)")
    assert "7,8%/năm" in labels
    assert parse_qs(urlparse(hall.url).query)["slide"] == ["3"]

    hall.keyboard.press("ArrowLeft")
    _wait_for(hall, 2)
    assert _number(hall) == (2, total)


def test_a_deck_address_opens_on_its_slide_in_the_dark_theme(hall, server):
    """A link prepared at the desk opens the same slide on the hall's computer."""
    hall.goto(f"{server}/{DECK}&slide=4&giao_dien=toi")
    _wait_for(hall, 4)
    background = hall.evaluate(
        "() => getComputedStyle(document.querySelector('.stApp')).backgroundColor")
    assert background == "rgb(0, 0, 0)"
    assert hall.locator('[data-testid="stException"]').count() == 0


def test_the_presenter_leaves_the_slideshow_for_the_dashboard_at_the_same_place(hall, server):
    """The slideshow hides the menu: 'Về bảng điều khiển' under the slide opens Tổng quan on
    the deck's locality and period, the menu back."""
    hall.goto(f"{server}/{DECK}&slide=3")
    _wait_for(hall, 3)
    hall.get_by_text("Về bảng điều khiển").click()
    hall.wait_for_selector('[data-testid="stSidebar"]', state="visible", timeout=30_000)
    hall.wait_for_function("() => document.querySelector('h1')?.innerText.includes('Tổng quan')",
                           timeout=30_000)
    query = parse_qs(urlparse(hall.url).query)
    assert query["dia_phuong"] == [BAO_LOC] and query["ky"] == ["2021-2023"]
    hall.wait_for_function(  # the page's own line naming the place and period it shows
        "() => document.body.innerText.includes('Thành phố Bảo Lộc – Giai đoạn 2021–2023')",
        timeout=30_000)


def test_the_timer_turns_the_slides_by_itself(hall, server):
    """With 'Tự chuyển trang: 10 giây' the deck moves to the next slide without a key."""
    hall.goto(f"{server}/{DECK}&slide=1&tu_chuyen=10")
    _wait_for(hall, 1)
    hall.wait_for_function(
        "() => document.querySelector('.slide-number').innerText.trim().startsWith('2 /')",
        timeout=25_000)


def test_the_page_downloads_the_deck_as_powerpoint(hall, server, tmp_path):
    """'Tải PowerPoint' under the slide gives a .pptx of the deck shown, 'n / N' slides."""
    from pptx import Presentation

    hall.goto(f"{server}/{DECK}&slide=1")
    _wait_for(hall, 1)
    _, total = _number(hall)
    hall.get_by_text("Chuẩn bị bộ trình chiếu").click()
    button = hall.get_by_role("button", name="Tải PowerPoint")
    button.wait_for(timeout=30_000)
    with hall.expect_download(timeout=240_000) as download:
        button.click()
    assert (download.value.suggested_filename
            == "trinh_chieu_thanh_pho_bao_loc_2021-2023.pptx")
    saved = tmp_path / "deck.pptx"
    download.value.save_as(saved)
    prs = Presentation(str(saved))
    assert len(prs.slides) == total
    assert any(shape.has_chart for slide in prs.slides for shape in slide.shapes)
    charted = {str(name) for slide in prs.slides for shape in slide.shapes if shape.has_chart
               for plot in shape.chart.plots
               for name in [*plot.categories, *(series.name for series in plot.series)]}
    assert "Thị xã Đức Phổ" in charted  # the place the address compares with


_OVERLAPS = """plot => {
    const boxes = [];
    for (const t of plot.querySelectorAll(
            '.annotation-text, text.textpoint, .bartext, .legendtext')) {
        const b = t.getBoundingClientRect();
        if (b.width && t.textContent.trim()) boxes.push([t.textContent, b]);
    }
    const hits = [];
    for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
        const [p, a] = boxes[i], [q, c] = boxes[j];
        if (a.left < c.right - 1 && c.left < a.right - 1 && a.top < c.bottom - 1
            && c.top < a.bottom - 1) hits.push(p + ' / ' + q);
    }
    return hits;
}"""


def test_the_growth_slide_target_labels_do_not_overlap(hall, server):
    """Bảo Lộc's growth over the years: the labels of the three target bands (2021–2023,
    2021–2025, 2023–2025) sit in the legend, clear of each other and of the yearly figures,
    in type read from the back (≥ 18 px)."""
    hall.goto(f"{server}/{DECK}&slide=4")
    _wait_for(hall, 4)
    hall.wait_for_selector(".js-plotly-plot .legendtext", timeout=30_000)
    plot = hall.locator(".js-plotly-plot").first
    labels = plot.evaluate("p => Array.from(p.querySelectorAll('.legendtext'))"
                           ".map(t => t.textContent)")
    assert sum(label.startswith("Mục tiêu") for label in labels) == 3
    assert plot.evaluate(_OVERLAPS) == []
    assert min(_px(hall, ".js-plotly-plot .legendtext")) >= 18


def test_the_card_slide_fills_the_screen_in_large_type(hall, server):
    """The overview slide: four cards over most of the 1080 px height, all on screen, values
    ≥ 80 px, no card text cut off; the term's revenue card says there is no dự toán yet."""
    hall.goto(f"{server}/{DECK}&slide=2")
    _wait_for(hall, 2)
    grid = hall.locator(".slide-cards").bounding_box()
    assert grid["height"] >= 0.55 * 1080 and grid["y"] + grid["height"] <= 1080
    assert hall.locator(".slide-card").count() == 4
    assert min(_px(hall, ".slide-card .value")) >= 80
    assert min(_px(hall, ".slide-card p")) >= 28
    cut = hall.eval_on_selector_all(
        ".slide-card", "cards => cards.filter(c => c.scrollHeight > c.clientHeight + 1)"
        ".map(c => c.innerText)")
    assert cut == []
    budget = hall.locator(".slide-card", has_text="Thu ngân sách").inner_text()
    assert "Chưa có dự toán; thực hiện 8.397 tỷ đồng" in budget
    assert "Không xác định" not in budget


def test_the_deck_reads_on_the_audiences_phones(browser, server):
    """The cover's QR code opens the deck on a 390 px phone: the cover's lines (beside the QR
    code on the projector, wrapped a letter a line on a phone) and the cards get the screen's
    width in one column, nothing runs off the side and no card is cut."""
    with tab(browser, 390, 844) as phone:
        phone.goto(f"{server}/{DECK}&slide=1")
        _wait_for(phone, 1)
        heights = phone.eval_on_selector_all(  # in font sizes: ≤ 2 lines of text each
            ".slide-cover .lines p", "ps => ps.map(p => p.getBoundingClientRect().height"
            " / parseFloat(getComputedStyle(p).fontSize))")
        assert heights and max(heights) <= 3.2
        assert min(_px(phone, ".slide-cover p")) >= 16
        assert phone.evaluate("document.documentElement.scrollWidth") <= 391
        phone.goto(f"{server}/{DECK}&slide=2")
        _wait_for(phone, 2)
        widths = [box["width"] for box in (card.bounding_box()
                                           for card in phone.locator(".slide-card").all())]
        assert len(widths) == 4 and min(widths) >= 300
        cut = phone.eval_on_selector_all(
            ".slide-card", "cards => cards.filter(c => c.scrollHeight > c.clientHeight + 1)"
            ".map(c => c.innerText)")
        assert cut == []
        assert phone.evaluate("document.documentElement.scrollWidth") <= 391
        phone.goto(f"{server}/{DECK}&slide=3")  # a chart: its box had no height on a phone
        _wait_for(phone, 3)
        phone.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
        chart = phone.locator('[data-testid="stPlotlyChart"]').bounding_box()
        source = phone.locator('[data-testid="stCaptionContainer"]').bounding_box()
        assert chart["height"] >= 300 and source["y"] >= chart["y"] + chart["height"] - 1
        assert min(_px(phone, ".st-key-sau button p")) >= 16
        number, total = _number(phone)
        tables = 0
        while number < total:  # every table slide: it had no height, then ran off the side
            phone.keyboard.press("ArrowRight")
            number += 1
            _wait_for(phone, number)
            if phone.locator(".slide-rows").count():
                tables += 1
                assert _phone_rows_fit(phone) == [], f"slide {number}"
        assert tables, "the deck has table slides"


def _phone_rows_fit(phone) -> list[str]:
    """What is wrong with a table slide on a phone: the grid shown instead of one block per
    row, a block wider than the screen or under the source line, a verdict missing."""
    return phone.evaluate("""() => {
      const problems = [], width = document.documentElement.clientWidth;
      if (document.querySelector('.slide-body table').offsetParent !== null)
        problems.push('the five-column grid is shown');
      const source = document.querySelector('[data-testid="stCaptionContainer"]')
        .getBoundingClientRect().top;
      const rows = [...document.querySelectorAll('.slide-row')];
      if (!rows.length) problems.push('no rows');
      for (const row of rows) {
        const box = row.getBoundingClientRect(), name = row.querySelector('.name').innerText;
        if (box.height < 16 || box.bottom > source + 1) problems.push('under the source: ' + name);
        for (const part of row.querySelectorAll('span'))
          if (part.getBoundingClientRect().right > width + 1)
            problems.push('off the side: ' + name);
        if (!row.querySelector('.status').innerText.trim()) problems.push('no verdict: ' + name);
      }
      if (document.documentElement.scrollWidth > width + 1)
        problems.push('the page scrolls sideways');
      return problems; }""")


def test_a_province_budget_table_reads_on_a_phone(browser, server):
    """The national budget's figures (Cả nước 2014: '1.120.237.007' triệu đồng) are too long
    for a five-column grid at 390 px: its verdict column ran off the screen. Each row is a
    block there, and the projector keeps the grid."""
    with tab(browser, 390, 844) as phone:
        phone.goto(f"{server}/trinh_chieu?dia_phuong=VN&ky=2014&slide=4")
        _wait_for(phone, 4)
        assert _phone_rows_fit(phone) == []
        assert "1.120.237.007" in phone.locator(".slide-rows").inner_text()
    with tab(browser, 1920, 1080) as hall:
        hall.goto(f"{server}/trinh_chieu?dia_phuong=VN&ky=2014&slide=4")
        _wait_for(hall, 4)
        assert hall.locator(".slide-body table").is_visible()
        assert not hall.locator(".slide-rows").is_visible()


def _bottoms(tab, selectors: tuple[str, ...]) -> dict[str, float]:
    return {s: tab.locator(s).first.bounding_box()["y"] + tab.locator(s).first.bounding_box()[
        "height"] for s in selectors}


_SHOWN = (".slide-title", '[data-testid="stCaptionContainer"]', ".slide-number", ".stButton")


def test_chart_and_table_slides_use_the_height_of_the_screen(hall, server):
    """At 1920×1080 the chart reaches below 80 % of the height and the table too (its text
    ≥ 28 px, a heading per domain); the title, the source line, 'n / N' and the small
    buttons all stay on screen; the cover's lines are large."""
    hall.goto(f"{server}/{DECK}&slide=3")
    _wait_for(hall, 3)
    hall.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
    bottoms = _bottoms(hall, (".js-plotly-plot", *_SHOWN))
    assert bottoms[".js-plotly-plot"] >= 0.8 * 1080
    assert max(bottoms.values()) <= 1080
    hall.goto(f"{server}/{DECK}&slide=8")
    _wait_for(hall, 8)
    bottoms = _bottoms(hall, (".slide-body table", *_SHOWN))
    assert bottoms[".slide-body table"] >= 0.8 * 1080 and max(bottoms.values()) <= 1080
    assert min(_px(hall, ".slide-body td")) >= 28
    assert hall.locator(".slide-body tr.group").count() == 2
    hall.goto(f"{server}/{DECK}&slide=1")
    _wait_for(hall, 1)
    assert min(_px(hall, ".slide-cover .lines p")) >= 48


_FITS = """h => {
    const bottom = s => { const e = document.querySelector(s);
        return e ? e.getBoundingClientRect().bottom : 0; };
    const top = s => { const e = document.querySelector(s);
        return e ? e.getBoundingClientRect().top : Infinity; };
    const problems = [];
    for (const s of ['.slide-title', '[data-testid="stCaptionContainer"]', '.slide-number',
                     '.st-key-sau']) if (bottom(s) > h + 1) problems.push(s + ' below the screen');
    if (bottom('.slide-body table') > top('[data-testid="stCaptionContainer"]') + 2)
        problems.push('the table runs into the source line');
    for (const c of document.querySelectorAll('.slide-card'))
        if (c.scrollHeight > c.clientHeight + 1) problems.push('card cut: ' + c.innerText);
    return problems;
}"""


@pytest.mark.parametrize(("width", "height"), [(1366, 768), (1280, 720)])
def test_every_slide_fits_a_laptop_screen_on_the_projector(browser, server, width, height):
    """A laptop at 1366×768 or 1280×720 on the projector: every slide has its title, body,
    source line, 'n / N' and 'Sau' on screen, no card cut and no table over the source line;
    the type is the 1080-line design scaled by the height (body 30 px → 30·h/1080)."""
    with tab(browser, width, height) as laptop:
        laptop.goto(f"{server}/{DECK}&slide=1")
        _wait_for(laptop, 1)
        _, total = _number(laptop)
        for number in range(1, total + 1):
            if number > 1:
                laptop.keyboard.press("ArrowRight")
                _wait_for(laptop, number)
            laptop.wait_for_timeout(300)  # the chart's resize after the slide is drawn
            assert laptop.evaluate(_FITS, height) == [], number
        assert min(_px(laptop, '[data-testid="stCaptionContainer"] p')) == pytest.approx(
            30 * height / 1080, abs=0.5)
