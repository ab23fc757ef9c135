"""Poverty standards: from the period, from a note, and 'theo tiêu chí cũ'."""

import pandas as pd
import pytest

from dashboard.poverty import add_standards, previous_standard, standard_for_year, stated


@pytest.mark.parametrize(
    ("year", "expected"),
    [(2012, "2011–2015"), (2015, "2011–2015"), (2016, "2016–2020"), (2020, "2016–2020"),
     (2021, "2021–2025"), (2025, "2021–2025"), (2026, "2026–2030"), (2031, "2026–2030")],
)
def test_standard_for_year(year, expected):
    assert standard_for_year(year) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("theo tiêu chí chuẩn nghèo đa chiều giai đoạn 2021-2025", "2021–2025"),
        ("chuẩn nghèo 2016 – 2020", "2016–2020"),
        ("giá so sánh 2010", None),
        ("chuẩn nghèo đa chiều; chuẩn thay đổi theo giai đoạn 2016–2020 / 2021–2025 / 2026–2030",
         None),
        ("kế hoạch 2021-2025", None),
        (None, None),
    ],
)
def test_stated(text, expected):
    assert stated(text) == expected


def test_previous_standard_stops_at_the_first():
    assert previous_standard("2021–2025") == "2016–2020"
    assert previous_standard("2011–2015") == "2011–2015"


def _row(end, target_text=None, note=None, indicator_notes=None):
    return {"end_date": pd.Timestamp(end), "target_text": target_text, "note": note,
            "indicator_notes": indicator_notes}


@pytest.mark.parametrize(
    ("row", "actual", "target"),
    [
        (_row("2023-12-31", "0,2 (theo tiêu chí cũ)", "theo tiêu chí cũ"), "2021–2025",
         "2016–2020"),
        (_row("2023-12-31", "0,2", "theo tiêu chí cũ"), "2016–2020", "2016–2020"),
        (_row("2019-12-31"), "2016–2020", "2016–2020"),
        (_row("2022-12-31", "0,24", "chuẩn nghèo đa chiều giai đoạn 2021-2025"), "2021–2025",
         "2021–2025"),
        (_row("2019-12-31", None, None, "chuẩn nghèo 2021-2025"), "2021–2025", "2021–2025"),
        (_row("2026-06-30"), "2026–2030", "2026–2030"),
    ],
)
def test_add_standards(row, actual, target):
    out = add_standards(pd.DataFrame([row]))
    assert (out["actual_standard"].iloc[0], out["target_standard"].iloc[0]) == (actual, target)


def test_add_standards_on_empty_frame():
    out = add_standards(pd.DataFrame(columns=["end_date", "target_text", "note"]))
    assert {"actual_standard", "target_standard"} <= set(out.columns) and out.empty
