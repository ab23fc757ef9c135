"""Figures built once per distinct view and shared by every session (`dashboard.figures`): the
figure a session gets is the one the builder draws, the builder runs once for equal frames and
again for a frame that differs in one value, and frames too large to be hashed whole are never
shared."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard import charts, figures, frames, queries

BL = "H63-673"  # Thành phố Bảo Lộc
BUILT: list[int] = []


def _bars(frame: pd.DataFrame, title: str) -> go.Figure:
    """A builder that counts its calls."""
    BUILT.append(len(frame))
    fig = go.Figure(go.Bar(x=list(frame["name"]), y=list(frame["value"])))
    return fig.update_layout(title={"text": title}, height=300)


def _json(fig: go.Figure) -> dict:
    return json.loads(pio.to_json(fig, validate=False))


@pytest.fixture(autouse=True)
def fresh_cache():
    figures._drawn.clear()
    BUILT.clear()
    yield
    figures._drawn.clear()


def test_a_shared_figure_is_the_builders_figure_with_its_title_above(use_db):
    version = queries.data_version()
    rows = queries.observations(version, (BL,))
    growth = frames.growth_frame(rows[rows["indicator_id"] == "growth_total"])
    expected = charts.growth(growth, "Tổng giá trị sản xuất")
    title = expected.layout.title.text
    expected.update_layout(title=None, margin={"t": 32})
    for _ in range(2):  # built, then from the cache
        shown = figures.drawn(figures.later(charts.growth, growth, "Tổng giá trị sản xuất"),
                              titled=True)
        assert _json(shown.figure()) == _json(expected)
        assert shown.title == title


def test_the_builder_runs_once_for_equal_frames_and_again_for_a_changed_value():
    frame = pd.DataFrame({"name": ["Thu ngân sách", "Hộ nghèo"], "value": [1.5, 2.0]})
    first = figures.drawn(figures.later(_bars, frame, "Tiêu đề"), titled=False)
    again = figures.drawn(figures.later(_bars, frame.copy(), "Tiêu đề"), titled=False)
    assert BUILT == [2]
    assert again == first
    changed = frame.assign(value=[1.5, 2.5])
    other = figures.drawn(figures.later(_bars, changed, "Tiêu đề"), titled=False)
    assert BUILT == [2, 2]
    assert other.spec["data"][0]["y"] == [1.5, 2.5]
    figures.drawn(figures.later(_bars, frame, "Tiêu đề khác"), titled=False)
    assert BUILT == [2, 2, 2]


def test_the_title_moves_above_the_figure_with_or_without_a_sentence():
    frame = pd.DataFrame({"name": ["A"], "value": [1.0]})
    untitled = figures.drawn(figures.later(_bars, frame, "Tỷ lệ &lt;5%"), titled=False)
    assert untitled.title == "Tỷ lệ <5%"  # unescaped: ui.statement escapes it once
    assert "text" not in untitled.spec["layout"].get("title", {})
    assert untitled.spec["layout"]["margin"]["t"] == 32
    bare = _bars(frame, "")
    kept = figures.untitled(bare, titled=False)
    assert kept.title is None and "margin" not in kept.spec["layout"]


def test_frames_hashed_by_a_sample_are_built_by_every_session():
    frame = pd.DataFrame({"name": ["x"] * 50_000, "value": [1.0] * 50_000})
    for _ in range(2):
        figures.drawn(figures.later(_bars, frame, "Lớn"), titled=False)
    assert BUILT == [50_000, 50_000]
