"""Previous comparable period, share of the year elapsed, and the dominant kind of period."""

import pandas as pd
import pytest

from dashboard.periods import dominant_kind, elapsed_share, previous_comparable, shared_kind
from etl.periods import parse_code

CODES = ["2021", "2022", "2023", "2022-H1", "2023-H1", "2023-H2", "2023-9M", "2023-Q1",
         "2016-2020", "2021-2023", "2022-Q2", "2021-2022"]


@pytest.fixture
def periods() -> pd.DataFrame:
    rows = [parse_code(code) for code in CODES]
    return pd.DataFrame({"code": [p.code for p in rows], "kind": [p.kind for p in rows],
                         "start_date": [p.start for p in rows], "end_date": [p.end for p in rows],
                         "label": [p.label for p in rows]})


@pytest.mark.parametrize(
    ("code", "expected"),
    [("2023", "2022"), ("2021", None), ("2023-H1", "2022-H1"), ("2023-H2", None),
     ("2021-2023", "2016-2020"), ("2023-9M", None), ("2023-Q1", None), ("1999", None)],
)
def test_previous_comparable(periods, code, expected):
    assert previous_comparable(code, periods) == expected


@pytest.mark.parametrize(
    ("code", "expected"),
    [("2023-H1", 0.5), ("2023-9M", 0.75), ("2023-Q1", 0.25), ("2022-Q2", None),
     ("2023-H2", None), ("2023", None), ("2021-2023", None)],
)
def test_elapsed_share(periods, code, expected):
    assert elapsed_share(code, periods) == expected


def test_dominant_kind_prefers_the_most_common(periods):
    assert dominant_kind(periods) == ["2021", "2022", "2023"]


def test_overlapping_terms_are_not_comparable(periods):
    assert previous_comparable("2021-2022", periods) == "2016-2020"


def test_dominant_kind_breaks_ties_with_years(periods):
    two_of_each = periods[periods["code"].isin(["2021", "2022", "2022-H1", "2023-H1"])]
    assert dominant_kind(two_of_each) == ["2021", "2022"]
    assert dominant_kind(periods.iloc[0:0]) == []


def _results(rows: list[tuple[str, str]]) -> pd.DataFrame:
    """Observation-like rows (locality_id, period) with a result, dated from the period code."""
    parsed = [parse_code(code) for _, code in rows]
    return pd.DataFrame({"locality_id": [loc for loc, _ in rows],
                         "period": [p.code for p in parsed],
                         "period_kind": [p.kind for p in parsed],
                         "end_date": [p.end for p in parsed], "actual_value": 1.0})


def test_shared_kind_prefers_the_periods_every_locality_has():
    """Bảo Lộc has three years and the term, Đức Phổ only the term: the term, for both."""
    rows = _results([("BL", "2021"), ("BL", "2022"), ("BL", "2023"), ("BL", "2021-2023"),
                     ("DP", "2021-2023")])
    assert shared_kind(rows) == ["2021-2023"]
    assert shared_kind(rows[rows["locality_id"] == "BL"]) == ["2021", "2022", "2023"]
    assert shared_kind(rows.iloc[0:0]) == []


def test_shared_kind_leaves_out_periods_without_a_result():
    rows = _results([("BL", "2021-2023"), ("BL", "2021-2025")])
    rows.loc[1, "actual_value"] = None  # the term's target only
    assert shared_kind(rows) == ["2021-2023"]
