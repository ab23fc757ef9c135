"""Figures: Vietnamese separators, explicit tick formats with units, status colours with icons,
target bands and poverty-standard breaks."""

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, frames, metrics, queries
from dashboard.fmt import PLOTLY_SEPARATORS, TICKFORMAT
from dashboard.status import STATUS_COLORS

BL, DT = "H63-673", "H63-678"  # Thành phố Bảo Lộc, Huyện Đức Trọng


@pytest.fixture
def version(use_db) -> str:
    return queries.data_version()


@pytest.fixture(scope="module")
def figures(demo_db) -> dict[str, go.Figure]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CHITIEU_DB", str(demo_db))
        return _figures(queries.data_version())


def _figures(version: str) -> dict[str, go.Figure]:
    bl_term = queries.observations(version, (BL,), ("2021-2023",))
    dt_budget = frames.budget_frame(
        queries.observations(version, (DT,), ("2023-H1",), frames.BUDGET_COMPONENTS), "tỷ đồng")
    bl_all = queries.observations(version, (BL,))
    comparison, unit = frames.comparison_frame(
        queries.observations(version, (BL,), (), ("growth_total",)))
    growth = frames.growth_frame(bl_all[bl_all["indicator_id"] == "growth_total"])
    return {
        "domain": charts.domain_status(metrics.status_by_domain(bl_term)),
        "growth": charts.growth(growth, "Tổng giá trị sản xuất"),
        "progress": charts.budget_progress(dt_budget, 0.5),
        "prev": charts.budget_vs_prev(dt_budget),
        "amounts": charts.budget_amounts(dt_budget, "tỷ đồng"),
        "poverty": charts.poverty_rates(frames.poverty_frame(bl_all)),
        "households": charts.households(frames.households_frame(bl_all)),
        "bullets": charts.attainment_bullets(metrics.bullet_ratios(bl_term)),
        "matrix": charts.status_matrix(metrics.status_matrix(bl_term)),
        "comparison": charts.comparison(comparison, "Tăng trưởng", unit, bars=True),
    }


def test_every_figure_writes_numbers_the_vietnamese_way(figures):
    for name, fig in figures.items():
        layout = fig.layout
        assert layout.separators == PLOTLY_SEPARATORS, name
        assert layout.title.text and "(" in layout.title.text, name
        value_axes = [axis for axis in (layout.xaxis, layout.yaxis) if axis.tickformat]
        assert name == "matrix" or value_axes, name
        for axis in value_axes:
            assert axis.tickformat in (TICKFORMAT, ",d") and "s" not in axis.tickformat, name


@pytest.mark.parametrize(("name", "unit"), [("growth", "(%)"), ("amounts", "(tỷ đồng)"),
                                            ("progress", "(% dự toán)"), ("households", "(hộ)")])
def test_titles_name_the_unit(figures, name, unit):
    assert figures[name].layout.title.text.endswith(unit)


def test_growth_draws_the_target_band_and_term_average(figures):
    fig = figures["growth"]
    band = [shape for shape in fig.layout.shapes if shape.type == "rect"][0]
    assert (band.y0, band.y1) == (8.5, 9.5) and (band.x0, band.x1) == (2020.6, 2023.4)
    # Named in the legend (its swatch the band): a label on the chart ran into the data.
    assert band.name == "Mục tiêu 2021–2023: 8,5–9,5%/năm" and band.showlegend
    assert not any(a.text.startswith("Mục tiêu") for a in fig.layout.annotations)
    term = [t for t in fig.data if t.line.width == 5][0]
    assert list(term.y) == [7.8, 7.8] and "Bình quân 2021–2023: 7,8%" in term.text


def test_status_colours_come_with_icons(figures):
    fig = figures["domain"]
    for trace in fig.data:
        status = trace.name.split(" ", 1)[1]
        assert trace.marker.color == STATUS_COLORS[status]
        assert all(text.startswith(trace.name[0]) for text in trace.text)


def test_poverty_never_joins_standards():
    frame = pd.DataFrame({
        "series": ["Tỷ lệ hộ nghèo"] * 3, "period": ["2019", "2020", "2021"],
        "period_label": ["Năm 2019", "Năm 2020", "Năm 2021"],
        "end_date": pd.to_datetime(["2019-12-31", "2020-12-31", "2021-12-31"]),
        "value": [2.1, 1.8, 4.5], "estimate": [False, False, True],
        "target_low": [None, None, 4.0], "target_high": [None, None, 4.0],
        "target": [None, None, "4%"], "actual_standard": ["2016–2020", "2016–2020", "2021–2025"],
        "target_standard": ["2016–2020", "2016–2020", "2021–2025"], "unit": ["%"] * 3,
    })
    fig = charts.poverty_rates(frame)
    lines = [t for t in fig.data if "lines" in (t.mode or "")]
    assert sorted(len(t.x) for t in lines) == [1, 2]
    assert {t.name for t in lines} == {"Tỷ lệ hộ nghèo (chuẩn 2016–2020)",
                                       "Tỷ lệ hộ nghèo (chuẩn 2021–2025)"}
    breaks = [s for s in fig.layout.shapes if s.type == "line"]
    assert len(breaks) == 1 and breaks[0].x0 == 1.5
    assert any(a.text == "Đổi chuẩn nghèo → 2021–2025" for a in fig.layout.annotations)


def bar_labels(annotations) -> list[str]:
    """The label written above each bar: its lines (annotations named 'nhan_N') joined, with
    no-break spaces as spaces."""
    lines: dict[str, list[str]] = {}
    for note in annotations:
        name = note.get("name") if isinstance(note, dict) else note.name
        text = note["text"] if isinstance(note, dict) else note.text
        if name and name.startswith("nhan_"):
            lines.setdefault(name, []).append(text)
    return [" ".join(parts).replace("\xa0", " ") for parts in lines.values()]


def test_budget_progress_marks_the_time_elapsed(figures):
    fig = figures["progress"]
    assert any(s.x0 == 50 for s in fig.layout.shapes)
    assert any(a.text == "Mốc thời gian 50%" for a in fig.layout.annotations)
    values = [label.split(": ")[1].split(" ")[0] for label in bar_labels(fig.layout.annotations)]
    assert values == ["41%", "37%", "39%"]


def test_amount_labels_use_vietnamese_numbers(figures):
    labels = bar_labels(figures["amounts"].layout.annotations)
    assert [label.split("thực hiện ")[1].split(" ")[0] for label in labels] == [
        "730,73", "451,07", "441,3"]


def test_bar_names_and_values_sit_above_the_bars(figures):
    """No axis labels eating a phone's width: each bar's name and value is written above it,
    wrapped to fit, across the full width."""
    for name in ("progress", "prev", "amounts"):
        fig = figures[name]
        assert fig.layout.yaxis.showticklabels is False
        above = [a for a in fig.layout.annotations if a.xref == "paper" and a.x == 0]
        assert above and all(len(a.text) <= 40 or "\xa0" in a.text for a in above)


def test_comparison_lines_join_one_kind_of_period(version):
    comparison, unit = frames.comparison_frame(
        queries.observations(version, (BL,), (), ("growth_total",)))
    fig = charts.comparison(comparison, "Tăng trưởng", unit, bars=False)
    lines = [t for t in fig.data if t.name != "Mục tiêu"]
    assert sorted(len(t.x) for t in lines) == [1, 3]
    # One line: named at its end, not in a legend; the legend only explains the target mark.
    assert [a.text for a in fig.layout.annotations] == ["Thành phố Bảo Lộc"]
    assert [t.name for t in fig.data if t.showlegend] == ["Mục tiêu"]


@pytest.fixture
def demo_version(monkeypatch, demo_db) -> str:
    monkeypatch.setenv("CHITIEU_DB", str(demo_db))
    return queries.data_version()


def test_comparison_draws_targets_and_percent_ticks(demo_version, demo_ids):
    bao_loc = demo_ids["Thành phố Bảo Lộc"]
    comparison, unit = frames.comparison_frame(
        queries.observations(demo_version, (bao_loc,), (), ("growth_total",)))
    fig = charts.comparison(comparison, "Tăng trưởng", unit, bars=True)
    (target,) = [t for t in fig.data if t.name == "Mục tiêu"]
    assert list(target.y) == [8.5] and list(target.customdata) == ["8,5–9,5%/năm"]
    assert fig.layout.yaxis.ticksuffix == "%"


def test_bullet_for_lower_is_better_shows_the_distance_above_the_ceiling(demo_version, demo_ids):
    """Poverty 0,37% against a 0,2% ceiling: a bar from the target line outwards, labelled with
    how far above it, in the Chưa đạt colour — not a long bar that reads over-achieved."""
    bao_loc = demo_ids["Thành phố Bảo Lộc"]
    bullets = metrics.bullet_ratios(
        queries.observations(demo_version, (bao_loc,), ("2021-2023",)))
    fig = charts.attainment_bullets(bullets)
    (missed,) = [t for t in fig.data if t.name == "✗ Chưa đạt"]
    at = [row[0] for row in missed.customdata].index("Tỷ lệ hộ nghèo")
    assert missed.base[at] == 100 and missed.x[at] == pytest.approx(85)
    labels = bar_labels(fig.layout.annotations)
    assert "Tỷ lệ hộ nghèo: ✗ 0,37% (mục tiêu theo chuẩn nghèo 2016–2020)" in labels


def test_the_legend_sits_under_the_axis_on_short_and_tall_charts(figures):
    """12 % of the plot's height under it on a chart of a few hundred px; on the scorecard of
    Bảo Lộc's 30 term indicators (1.000 px and more) that was 170 px of white: at most 46."""
    for name, fig in figures.items():
        plot = fig.layout.height - 64
        gap = -fig.layout.legend.y * plot
        assert 0 < gap <= 46.5, name
        if plot < 380:
            assert fig.layout.legend.y == pytest.approx(-0.12), name
    assert figures["bullets"].layout.height > 1000


def test_domain_counts_have_whole_number_ticks(figures):
    axis = figures["domain"].layout.xaxis
    assert axis.tickformat == ",d" and axis.dtick >= 1
