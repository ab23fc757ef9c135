"""Vietnamese number, unit and target formatting (1.234,5)."""

from datetime import date, datetime

import pytest

from dashboard.fmt import (
    capitalize,
    convert_amount,
    fmt_date,
    fmt_num,
    fmt_pct,
    fmt_signed,
    fmt_target,
    fmt_value,
    fold,
    unit_suffix,
)


@pytest.mark.parametrize(
    ("value", "max_decimals", "expected"),
    [
        (730734, 2, "730.734"),
        (1234.5, 2, "1.234,5"),
        (7.8, 2, "7,8"),
        (0.24, 2, "0,24"),
        (10.79, 2, "10,79"),
        (1782278.456, 2, "1.782.278,46"),
        (8397, 2, "8.397"),
        (0, 2, "0"),
        (-16, 1, "-16"),
        (-0.0001, 2, "0"),
        (730.734, 1, "730,7"),
        (1e12, 0, "1.000.000.000.000"),
        (None, 2, "–"),
        (float("nan"), 2, "–"),
    ],
)
def test_fmt_num(value, max_decimals, expected):
    assert fmt_num(value, max_decimals) == expected


def test_fmt_num_keeps_min_decimals():
    assert fmt_num(7, 2, min_decimals=1) == "7,0"


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (730734, "triệu đồng", "730.734 triệu đồng"),
        (770.4, "tỷ đồng", "770,4 tỷ đồng"),
        (730.734, "tỷ đồng", "730,73 tỷ đồng"),
        (7.8, "%", "7,8%"),
        (7.8, "%/năm", "7,8%/năm"),
        (193, "hộ", "193 hộ"),
        (36340, "ha", "36.340 ha"),
        (3.5, None, "3,5"),
        (None, "%", "–"),
    ],
)
def test_fmt_value(value, unit, expected):
    assert fmt_value(value, unit) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(41, "41%"), (119.6, "119,6%"), (84.04, "84%"), (None, "–")]
)
def test_fmt_pct(value, expected):
    assert fmt_pct(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(2.5, "+2,5"), (-16, "-16"), (0, "0"), (0.01, "0"), (None, "–")]
)
def test_fmt_signed(value, expected):
    assert fmt_signed(value) == expected


@pytest.mark.parametrize(
    ("op", "low", "high", "unit", "text", "expected"),
    [
        ("range", 8.5, 9.5, "%", "8,5-9,5", "8,5–9,5%"),
        ("range", 4000, 4500, "lao động", "4.000-4.500", "4.000–4.500 lao động"),
        ("=", 0.2, 0.2, "%", "0,2 (theo tiêu chí cũ)", "0,2%"),
        (">", 64, None, "%", "> 64", "> 64%"),
        (">=", 2, None, "trường", "≥ 2", "≥ 2 trường"),
        ("<", None, 18, "%", "<18", "< 18%"),
        ("<=", None, 0.2, "%", "≤ 0,2", "≤ 0,2%"),
        (None, None, None, "%", "Giữ vững", "Giữ vững"),
        (None, None, None, "%", None, "–"),
    ],
)
def test_fmt_target(op, low, high, unit, text, expected):
    assert fmt_target(op, low, high, unit, text) == expected


@pytest.mark.parametrize(
    ("value", "source", "target", "expected"),
    [
        (730734, "triệu đồng", "tỷ đồng", 730.734),
        (770.4, "tỷ đồng", "triệu đồng", 770400),
        (770.4, "Tỷ đồng", "tỷ đồng", 770.4),
        (1500, "nghìn đồng", "triệu đồng", 1.5),
        (5, "tỉ đồng", "triệu đồng", 5000),
        (5, "%", "triệu đồng", None),
        (None, "tỷ đồng", "triệu đồng", None),
    ],
)
def test_convert_amount(value, source, target, expected):
    result = convert_amount(value, source, target)
    assert result == pytest.approx(expected) if expected is not None else result is None


@pytest.mark.parametrize(
    ("unit", "expected"), [("%", "%"), ("%/năm", "%/năm"), ("hộ", " hộ"), (None, ""), ("", "")]
)
def test_unit_suffix(unit, expected):
    assert unit_suffix(unit) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [(date(2025, 11, 21), "21/11/2025"), (datetime(2023, 6, 30, 8, 5), "30/06/2023"),
     ("2025-01-02T10:00:00", "02/01/2025"), (None, "–")],
)
def test_fmt_date(value, expected):
    assert fmt_date(value) == expected


@pytest.mark.parametrize(
    ("text", "expected"), [("Tỷ lệ  Hộ NGHÈO", "ty le ho ngheo"), ("Đức Trọng", "duc trong"),
                           (None, "")]
)
def test_fold(text, expected):
    assert fold(text) == expected


def test_capitalize_keeps_the_rest():
    assert capitalize("văn hóa – xã hội") == "Văn hóa – xã hội"
