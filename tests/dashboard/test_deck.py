"""Slides, PowerPoint and PNG exports on the demo database built by the ETL: the deck's titles
and values are the seed figures, the charts are native and editable, the PNGs are 1920×1080,
and Kaleido works with Debian's Chromium on a machine that never downloaded a Chrome."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE, XL_MARKER_STYLE
from pptx.enum.dml import MSO_FILL, MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Inches

from dashboard import charts, deck, frames, present, queries, slides

ROOT = Path(__file__).resolve().parents[2]
BAO_LOC, DUC_TRONG, DUC_PHO = "Thành phố Bảo Lộc", "Huyện Đức Trọng", "Thị xã Đức Phổ"


@pytest.fixture
def data(monkeypatch, demo_db, demo_ids):
    monkeypatch.setenv("CHITIEU_DB", str(demo_db))

    def load(name: str, period: str, compare: tuple[str, ...] = ()) -> slides.DeckData:
        ids = tuple(demo_ids[c] for c in compare)
        return slides.load_deck(queries.data_version(), demo_ids[name], period, ids)

    return load


def test_titles_are_sentences_from_the_figures(data):
    """Đức Trọng H1 2023: revenue 730.734 triệu đồng, 41 % of plan; Bảo Lộc growth 7,8 %."""
    budget = slides.build_slides(data(DUC_TRONG, "2023-H1"), ["ngan_sach"])
    assert budget[0].title == ("Tổng thu ngân sách nhà nước trên địa bàn 6 tháng đầu năm 2023 "
                               "ước đạt 730.734 triệu đồng, bằng 41% dự toán và 84% cùng kỳ")
    growth = slides.build_slides(data(BAO_LOC, "2021-2023"), ["tang_truong"])
    assert growth[0].title == ("Tăng trưởng tổng giá trị sản xuất giai đoạn 2021–2023 đạt "
                               "7,8%/năm, mục tiêu 8,5–9,5%/năm")
    assert all(s.source.startswith("Nguồn: ") for s in growth)


def test_ready_made_deck_has_only_slides_with_data(data):
    """Đức Trọng H1 2023 has budget and targets but no sector growth: no empty growth slide."""
    kinds = slides.available_kinds(data(DUC_TRONG, "2023-H1"))
    assert kinds[:2] == ["tieu_de", "tong_quan"] and "ngan_sach" in kinds
    assert "tang_truong" not in kinds and "so_sanh" not in kinds
    assert "so_sanh" in slides.available_kinds(data(BAO_LOC, "2021-2023", (DUC_PHO,)))


def test_scorecard_is_paged_for_the_back_row(data):
    pages = slides.build_slides(data(BAO_LOC, "2021-2023"), ["dat_chi_tieu"])
    assert len(pages) > 1 and all(len(p.headed_rows) <= slides.TABLE_ROWS for p in pages)
    assert f"(phần 1/{len(pages)}: Kinh tế" in pages[0].title
    assert len({p.title for p in pages}) == len(pages)  # every part's title reads apart


def test_scorecard_slides_keep_each_domain_together_under_its_heading(data):
    """Bảo Lộc's term: one domain's rows run together over the deck (no Kinh tế row among the
    Văn hóa – xã hội ones), and a slide spanning two domains heads each group."""
    pages = slides.build_slides(data(BAO_LOC, "2021-2023"), ["dat_chi_tieu"])
    order = [group for page in pages for group in page.groups]
    runs = [g for i, g in enumerate(order) if i == 0 or order[i - 1] != g]
    assert len(runs) == len(set(runs)) > 1
    mixed = [p for p in pages if len(set(p.groups)) > 1]
    assert mixed
    for page in mixed:
        headings = [group for group, index in page.headed_rows if index < 0]
        assert headings == list(dict.fromkeys(page.groups))
        assert page.headed_rows[0][1] < 0  # the first line is a heading
        assert page.title.endswith(f": {', '.join(headings)})")
    assert all(index >= 0 for p in pages if len(set(p.groups)) == 1
               for _, index in p.headed_rows)


def _copy(db: Path, folder: Path) -> Path:
    """A copy for the command line: this test process holds the demo database open."""
    return Path(shutil.copy(db, folder / "copy.duckdb"))


@pytest.fixture(scope="module")
def exported(tmp_path_factory, demo_db) -> tuple[Path, Path, str]:
    out = tmp_path_factory.mktemp("deck")
    db = _copy(demo_db, out)
    run = subprocess.run(
        [sys.executable, "-m", "dashboard.deck", "--locality", BAO_LOC, "--period", "2021-2023",
         "--compare", DUC_PHO, "--db", str(db), "--out", str(out / "deck.pptx"),
         "--png", str(out / "png")],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )
    assert run.returncode == 0, run.stderr
    return out / "deck.pptx", out / "png", run.stdout + run.stderr


def _charts(prs: Presentation) -> list:
    return [shape.chart for slide in prs.slides for shape in slide.shapes if shape.has_chart]


def test_pptx_has_native_charts_with_the_seed_values(exported):
    """Bảo Lộc growth 2021–2023 as a clustered column: 7,8 against 8,5–9,5, labelled '7,8%/năm'."""
    path, _, output = exported
    assert "Đã ghi 13 trang trình chiếu" in output and "No runtime" not in output
    prs = Presentation(str(path))
    assert len(prs.slides) == 13
    charts = _charts(prs)
    types = [c.chart_type for c in charts]
    assert {XL_CHART_TYPE.COLUMN_CLUSTERED, XL_CHART_TYPE.BAR_CLUSTERED,
            XL_CHART_TYPE.LINE_MARKERS} <= set(types)
    growth = charts[0]
    assert list(growth.plots[0].categories)[0] == "Tổng giá trị sản xuất"
    values = {s.name: list(s.values) for s in growth.plots[0].series}
    assert values["Thực hiện"][0] == 7.8
    assert (values["Mục tiêu (mức thấp)"][0], values["Mục tiêu (mức cao)"][0]) == (8.5, 9.5)
    assert growth.value_axis.tick_labels.number_format == '#,##0.0"%"'
    label = growth.plots[0].series[0].points[0].data_label.text_frame.text
    assert label == "7,8%/năm"


def test_pptx_text_is_vietnamese_in_arial_with_slide_numbers(exported):
    prs = Presentation(str(exported[0]))
    texts, fonts = [], set()
    for number, slide in enumerate(prs.slides, start=1):
        shapes = [s for s in slide.shapes if s.has_text_frame]
        texts.append(" ".join(s.text_frame.text for s in shapes))
        assert f"{number} / {len(prs.slides)}" in texts[-1]
        assert "Nguồn: " in texts[-1]
        fonts |= {r.font.name for s in shapes for p in s.text_frame.paragraphs for r in p.runs}
    assert fonts == {deck.FONT}
    assert texts[0].startswith("Thành phố Bảo Lộc: kết quả thực hiện các chỉ tiêu giai đoạn")
    pictures = [s for slide in prs.slides for s in slide.shapes
                if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert len(pictures) == 1  # the growth band over the years: not drawable natively


def test_pptx_cards_fill_the_slide_in_large_type(exported):
    """The overview slide: four cards two by two over the body, values at ≥ 48 pt, and the
    term's revenue card says there is no dự toán instead of 'Không xác định'."""
    prs = Presentation(str(exported[0]))
    overview = prs.slides[1]
    cards = [s for s in overview.shapes if s.has_text_frame and s.fill.type == MSO_FILL.SOLID]
    assert len(cards) == 4
    area = sum(s.width * s.height for s in cards)
    assert area >= 0.6 * prs.slide_width * prs.slide_height
    assert len({s.top for s in cards}) == 2 and len({s.left for s in cards}) == 2
    sizes = [r.font.size.pt for s in cards for p in s.text_frame.paragraphs for r in p.runs]
    assert max(sizes) >= 48 and min(sizes) >= 20
    budget = next(s.text_frame.text for s in cards if s.text_frame.text.startswith("Thu ngân"))
    assert "Chưa có dự toán; thực hiện 8.397 tỷ đồng" in budget
    assert "Không xác định" not in budget


def test_every_pptx_card_keeps_its_lines_inside_its_box(exported):
    """Each card of the overview: its lines at the largest size whose wrapped height fits
    under the title and value (four lines at 20 pt ran out of the box); the demo's cards keep
    20 pt, a card of four long lines (each two lines at 20 pt) gets less, and fits."""
    prs = Presentation(str(exported[0]))
    cards = [s for s in prs.slides[1].shapes if s.has_text_frame and s.fill.type == MSO_FILL.SOLID]
    for card in cards:
        lines = [p.text for p in card.text_frame.paragraphs[2:]]
        size = deck.card_line_size(lines, card.width, card.height)
        assert {r.font.size.pt for p in card.text_frame.paragraphs[2:] for r in p.runs} <= {size}
        assert size == 20
    long = ["Tổng thu ngân sách nhà nước trên địa bàn, ước thực hiện cả năm"] * 4
    size = deck.card_line_size(long, cards[0].width, cards[0].height)
    assert size < 20
    room = cards[0].height / 12700 - 7.2 - 78 * 1.2
    assert deck._height_pt(long, size, cards[0].width / 12700 - 14.4) <= room


def test_pptx_scorecard_table_colours_status_and_says_it(exported):
    prs = Presentation(str(exported[0]))
    tables = [s.table for slide in prs.slides for s in slide.shapes if s.has_table]
    cells = [row.cells[4] for table in tables for row in list(table.rows)[1:]]
    words = {c.text_frame.text for c in cells}
    assert {"✓ Đạt", "✗ Chưa đạt"} <= words
    not_met = next(c for c in cells if c.text_frame.text == "✗ Chưa đạt")
    assert str(not_met.fill.fore_color.rgb) == "C45200"


def _sizes(shape) -> list[float]:
    frames = ([c.text_frame for row in shape.table.rows for c in row.cells] if shape.has_table
              else [shape.text_frame])
    return [r.font.size.pt for f in frames for p in f.paragraphs for r in p.runs]


def test_pptx_tables_and_sources_are_read_from_the_back(exported):
    """Table text ≥ 18 pt, the source line ≥ 14 pt; the table stays on its slide, and a slide
    spanning two domains has a heading row across the table for each."""
    prs = Presentation(str(exported[0]))
    tables = [s for slide in prs.slides for s in slide.shapes if s.has_table]
    assert tables and min(min(_sizes(t)) for t in tables) >= 18
    assert all(t.top + t.height <= prs.slide_height - Inches(0.68) for t in tables)
    feet = [s for slide in prs.slides for s in slide.shapes
            if s.has_text_frame and s.text_frame.text.startswith("Nguồn: ")]
    assert len(feet) == len(prs.slides) and min(min(_sizes(f)) for f in feet) >= 14
    headed = [t.table for t in tables if t.table.cell(1, 0).span_width == 5]
    assert headed and all(t.cell(1, 0).text_frame.text for t in headed)


def test_each_chart_png_is_full_hd(exported):
    _, png_dir, _ = exported
    files = sorted(png_dir.glob("*.png"))
    assert [f.name for f in files][:2] == ["01_tang_truong_theo_khu_vuc.png",
                                            "02_tang_truong_qua_cac_nam.png"]
    assert len(files) == 5
    for file in files:
        with Image.open(file) as image:
            image.load()
            assert image.size == (1920, 1080)
            colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
            assert colours is not None and len(colours) > 50  # drawn, not a blank page


def test_png_works_on_a_fresh_machine_with_debian_chromium(tmp_path, demo_db):
    """A home where no Chrome was ever downloaded, BROWSER_PATH unset: Debian's Chromium."""
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if k != "BROWSER_PATH"}
    env.update(HOME=str(home), XDG_DATA_HOME=str(home / "share"),
               XDG_CACHE_HOME=str(home / "cache"))
    code = ("import sys; from choreographer.cli.defaults import default_download_path as d; "
            "from dashboard import deck; from dashboard.slides import ChartSpec, Series, Slide; "
            "s = Slide('x', 'Thử nghiệm', 'Nguồn: kiểm thử', chart=ChartSpec('column', "
            "('a', 'b'), (Series('Thực hiện', (1234.5, 2.0)),), '', 1), name='x'); "
            "png = deck.chart_pngs([s])['x']; "
            "print(d.exists(), png[:8] == b'\\x89PNG\\r\\n\\x1a\\n', len(png) > 10000)")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=180, check=False)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[-3:] == ["False", "True", "True"]


def test_deck_for_a_period_without_data_is_refused(demo_db, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "dashboard.deck", "--locality", DUC_TRONG, "--period", "2019",
         "--db", str(_copy(demo_db, tmp_path)), "--out", str(tmp_path / "x.pptx")],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120,
    )
    assert run.returncode == 2 and "Chưa có số liệu của Huyện Đức Trọng" in run.stderr
    assert not (tmp_path / "x.pptx").exists()


def test_without_chromium_the_deck_keeps_its_native_charts(data, monkeypatch):
    """No Chromium on the server: the picture slide says why; native charts are unaffected."""
    monkeypatch.setenv("BROWSER_PATH", "/nonexistent/chromium")
    deck_slides = slides.build_slides(data(BAO_LOC, "2021-2023"), ["tang_truong"])
    prs = Presentation(io.BytesIO(deck.pptx_bytes(deck_slides)))
    assert len(prs.slides) == 2
    assert _charts(prs)[0].chart_type == XL_CHART_TYPE.COLUMN_CLUSTERED
    text = " ".join(s.text_frame.text for s in prs.slides[1].shapes if s.has_text_frame)
    assert deck.NO_PICTURE in text


def test_the_poverty_slide_draws_the_target_its_title_names(data):
    """Bảo Lộc 2021–2023: 'Tỷ lệ hộ nghèo … là 0,37%, mục tiêu 0,2%' draws 0,2 as a hollow
    diamond on a dashed line, labelled 'mục tiêu 0,2%', on the slideshow and in PowerPoint."""
    (slide,) = slides.build_slides(data(BAO_LOC, "2021-2023"), ["ho_ngheo"])
    assert slide.title.endswith("là 0,37%, mục tiêu 0,2%")
    figure = present.slide_figure(slide, present.THEMES["sang"])
    (target,) = [t for t in figure.data if t.name.startswith("Mục tiêu")]
    assert list(target.y) == [0.2] and list(target.text) == ["mục tiêu 0,2%"]
    assert target.marker.symbol == "diamond-open" and target.line.dash == "dash"
    assert target.textfont.size >= 18
    prs = Presentation(io.BytesIO(deck.pptx_bytes([slide])))
    (chart,) = _charts(prs)
    shown = {s.name: s for s in chart.plots[0].series}
    (name,) = [n for n in shown if n.startswith("Mục tiêu")]
    assert name == "Mục tiêu tỷ lệ hộ nghèo (chuẩn 2016–2020)"
    assert list(shown[name].values) == [0.2] and chart.has_legend
    assert shown[name].format.line.dash_style == MSO_LINE_DASH_STYLE.DASH
    assert shown[name].marker.style == XL_MARKER_STYLE.DIAMOND
    assert shown[name].points[0].data_label.text_frame.text == "mục tiêu 0,2%"
    actual = [s for n, s in shown.items() if n != name][0]
    assert list(actual.values) == [0.37]


def test_growth_target_labels_sit_in_the_legend_in_hall_type(data):
    """Bảo Lộc over the years: three target bands (2021–2023 and 2021–2025 share a start and
    a range) are named in the legend, never written on the chart where they ran into each other
    and into the yearly labels; every text of the slide is at least 18 px."""
    (_, years) = slides.build_slides(data(BAO_LOC, "2021-2023"), ["tang_truong"])
    figure = present.slide_figure(years, present.THEMES["sang"])
    named = [s.name for s in figure.layout.shapes if s.showlegend]
    assert named == ["Mục tiêu 2021–2023: 8,5–9,5%/năm", "Mục tiêu 2021–2025: 8,5–9,5%",
                     "Mục tiêu 2023–2025: 9,7–10%"]
    assert not [a.text for a in figure.layout.annotations if a.text.startswith("Mục tiêu")]
    sizes = [figure.layout.legend.font.size, figure.layout.font.size,
             *(a.font.size for a in figure.layout.annotations),
             *(t.textfont.size for t in figure.data if t.textfont.size is not None)]
    assert min(sizes) >= 18


def test_several_localities_name_their_own_targets(data):
    """Two localities on one growth chart: each band says whose target it is."""
    both = data(BAO_LOC, "2021-2023", (DUC_PHO,))
    growth = frames.growth_frame(pd.concat([both.obs, both.compare]))
    figure = charts.growth(growth[growth["indicator_id"] == "growth_total"],
                           "Tổng giá trị sản xuất")
    named = [s.name for s in figure.layout.shapes if s.showlegend]
    assert "Thành phố Bảo Lộc – mục tiêu 2021–2023: 8,5–9,5%/năm" in named


def test_a_title_about_an_estimate_says_uoc(data):
    """Bảo Lộc over the years: 2023's 9,8% is an estimate (hollow on the chart, 'ước'): the
    title says so; Đức Trọng's H1 revenue is an estimate too: 'ước đạt', as the page says."""
    (_, years) = slides.build_slides(data(BAO_LOC, "2021-2023"), ["tang_truong"])
    assert years.title.endswith("lên 9,8% năm 2023 (ước)")
    (budget,) = slides.build_slides(data(DUC_TRONG, "2023-H1"), ["ngan_sach"])
    assert " ước đạt 730.734 triệu đồng" in budget.title


def test_on_a_phone_the_sector_names_sit_level_under_their_columns(data):
    """Bảo Lộc's growth by sector on a 390 px phone: Plotly slanted the four long names off
    the chart's right edge; on a narrow screen they wrap on words (≤ 10 characters a line,
    level) and the values run up the columns at the chart's type size, never shrunk."""
    (by_sector, _) = slides.build_slides(data(BAO_LOC, "2021-2023"), ["tang_truong"])
    theme = present.THEMES["sang"]
    wide = present.slide_figure(by_sector, theme, None, 13)
    narrow = present.slide_figure(by_sector, theme, None, 13, narrow=True)
    names = list(narrow.data[0].x)
    assert [n.replace("<br>", " ") for n in names] == list(wide.data[0].x)
    assert any("<br>" in n for n in names)
    assert max(len(line) for n in names for line in n.split("<br>")) <= 10
    assert narrow.layout.xaxis.tickangle == 0 and narrow.layout.uniformtext.minsize == 13
    assert {t.textangle for t in narrow.data} == {-90}
    assert wide.layout.xaxis.tickangle is None and wide.layout.uniformtext.minsize is None


def test_on_a_phone_the_term_average_label_starts_where_its_line_starts(data):
    """'Bình quân 2021–2023: 7,8%' is written leftwards from the end of the term's line: on a
    390 px phone it ran past the chart's left edge. There it starts at the line's start and
    runs right, over the later years; the projector keeps the dashboard's placement."""
    (_, years) = slides.build_slides(data(BAO_LOC, "2021-2023"), ["tang_truong"])
    theme = present.THEMES["sang"]

    def term_line(figure):
        (line,) = [t for t in figure.data if any(str(x).startswith("Bình quân")
                                                 for x in (t.text or ()))]
        return line

    wide = term_line(present.slide_figure(years, theme, None, 13))
    narrow = term_line(present.slide_figure(years, theme, None, 13, narrow=True))
    assert wide.textposition == "bottom left" and wide.text[0] == ""
    assert narrow.textposition == "bottom right"
    assert narrow.text[0] == wide.text[-1] == "Bình quân 2021–2023: 7,8%"
    assert not any(narrow.text[1:])
