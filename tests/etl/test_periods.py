"""Periods as people write them: `read_period` takes a code or the words of a report (the upload
form's «Kỳ» box, `--period`, a long table's Kỳ cell) and refuses, with examples, what names no
period, several, or leaves figures unread; `find_periods` still reads titles as before."""

from __future__ import annotations

import pytest

from etl.errors import Refused
from etl.periods import EXAMPLES, find_periods, read_period


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("2023", "2023"), ("2023-H1", "2023-H1"), ("2023-h2", "2023-H2"), ("2023-9M", "2023-9M"),
        ("2023-Q3", "2023-Q3"), ("2021-2025", "2021-2025"),
        ("Năm 2023", "2023"), ("  năm 2023 ", "2023"), ("KH 2024", "2024"),
        ("6 tháng đầu năm 2023", "2023-H1"), ("6 tháng cuối năm 2023", "2023-H2"),
        ("6 THÁNG ĐẦU NĂM 2023", "2023-H1"), ("6 tháng năm 2023", "2023-H1"),
        ("9 tháng năm 2023", "2023-9M"), ("9 tháng đầu năm 2023", "2023-9M"),
        ("Giai đoạn 2021-2025", "2021-2025"), ("2021 - 2025", "2021-2025"),
        ("2021–2025", "2021-2025"), ("Nhiệm kỳ 2020 - 2025", "2020-2025"),
        ("Quý I/2023", "2023-Q1"), ("Quý IV năm 2023", "2023-Q4"), ("quý 2/2023", "2023-Q2"),
        ("Báo cáo 6 tháng đầu năm 2023", "2023-H1"), ("2023 (ước)", "2023"),
    ],
)
def test_a_period_is_read_as_staff_write_it(written, code):
    assert read_period(written).code == code


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("đầu năm nay", "Không đọc được kỳ 'đầu năm nay'"),
        ("", "Không đọc được kỳ ''"),
        ("2023 H1", "Không đọc được kỳ '2023 H1'"),          # the '1' would be dropped unread
        ("Quý 5/2023", "Không đọc được kỳ 'Quý 5/2023'"),
        ("ngày 10/12/2023", "Không đọc được kỳ"),            # a date is not a period
        ("Năm 2024 và giai đoạn 2021-2025", "nêu nhiều kỳ (Năm 2024, Giai đoạn 2021–2025)"),
    ],
)
def test_a_period_that_cannot_be_read_is_refused_with_examples(written, says):
    with pytest.raises(Refused) as refused:
        read_period(written)
    err = refused.value
    assert says in err.message
    assert EXAMPLES in err.message and "6 tháng đầu năm 2023" in EXAMPLES
    assert err.field == "period" and "--period" in str(err)


def test_titles_are_read_as_before():
    assert find_periods("KẾT QUẢ 6 THÁNG ĐẦU NĂM 2023 VÀ KẾ HOẠCH NĂM 2024") == ["2023-H1", "2024"]
    assert find_periods("Nghị quyết ngày 10/12/2021, giai đoạn 2021 - 2025") == ["2021-2025"]
    assert find_periods("Quý I/2023, quý I năm 2023") == ["2023-Q1"]
