"""The one typed target: what each comparison means for charts, bands, distances and words."""

import math

import pandas as pd
import pytest

from dashboard import charts, frames
from etl.targets import Target, point_value

NAN = math.nan


@pytest.mark.parametrize(("op", "low", "high", "band", "words"), [
    ("=", 770.4, 770.4, (770.4, 770.4), "770,4 tỷ đồng"),
    ("range", 8.5, 9.5, (8.5, 9.5), "8,5–9,5 tỷ đồng"),
    (">", 64, None, (64, None), "> 64 tỷ đồng"),
    (">=", 2, NAN, (2, None), "≥ 2 tỷ đồng"),
    ("<", None, 18, (None, 18), "< 18 tỷ đồng"),
    ("<=", NAN, 0.2, (None, 0.2), "≤ 0,2 tỷ đồng"),
])
def test_band_and_words(op, low, high, band, words):
    target = Target.of(op, low, high)
    assert target.band() == band
    assert target.text("tỷ đồng") == words


def test_percent_sticks_to_the_number():
    assert Target.of("range", 8.5, 9.5).text("%") == "8,5–9,5%"
    assert Target.of("<", None, 0.2).text("%/năm") == "< 0,2%/năm"


@pytest.mark.parametrize(("op", "low", "high"), [
    (None, 1, 1), ("range", None, None), ("~", 1, 2), (">", None, 5), ("<", 5, NAN),
])
def test_no_target_without_a_usable_bound(op, low, high):
    assert Target.of(op, low, high) is None


@pytest.mark.parametrize(("op", "low", "high", "direction", "reference"), [
    ("range", 8.5, 9.5, "up", 8.5),
    ("range", 1.0, 1.5, "down", 1.5),
    ("=", 0.2, 0.2, "down", 0.2),
    (">", 8, None, None, 8),
    ("<", None, 0.2, None, 0.2),
])
def test_reference_is_the_bound_to_reach(op, low, high, direction, reference):
    assert Target.of(op, low, high).reference(direction) == reference


@pytest.mark.parametrize(("op", "low", "high", "actual", "direction", "margin"), [
    ("range", 8.5, 9.5, 7.8, "up", -0.7),
    ("<", None, 0.2, 0.37, None, -0.17),  # lower is better: 0,17 points above the ceiling
    ("=", 0.2, 0.2, 0.1, "down", 0.1),
    (">", 8, None, 9, None, 1),
])
def test_margin_is_signed_by_direction(op, low, high, actual, direction, margin):
    assert Target.of(op, low, high).margin(actual, direction) == pytest.approx(margin)


def test_scaled_for_part_of_the_period():
    assert Target.of("=", 1000, 1000).scaled(0.75).band() == (750, 750)
    assert Target.of(">", 100, None).scaled(0.5).band() == (50, None)


@pytest.mark.parametrize(("op", "low", "high", "value"), [
    ("=", 5, 5, 5), (">", 64, None, 64), ("<=", None, 0.2, 0.2), ("range", 6, 7, None),
    (None, None, None, None),
])
def test_point_value_is_what_the_store_keeps(op, low, high, value):
    assert point_value(op, low, high) == value


def test_floor_only_growth_target_draws_a_band_with_height():
    """A '> 8' growth target is a band from 8 upwards, not a line of zero height."""
    obs = pd.DataFrame([{
        "locality": "Thành phố Bảo Lộc", "indicator_id": "growth_total", "period": "2023",
        "period_label": "Năm 2023", "period_kind": "year", "start_date": "2023-01-01",
        "end_date": "2023-12-31", "actual_value": 9.8, "actual_is_estimate": False,
        "target_text": "> 8", "target_op": ">", "target_low": 8.0, "target_high": None,
        "unit": "%", "batch_id": 1, "file_name": "f.xlsx", "loaded_at": None,
    }])
    growth = frames.growth_frame(obs)
    fig = charts.growth(growth, "Tổng giá trị sản xuất")
    band = next(shape for shape in fig.layout.shapes if shape.type == "rect")
    assert band.y0 == 8 and band.y1 > 9.8
