"""The pages' words for the ETL's refusals: the problem, then advice naming the form's box
(never a command-line flag), for refusals made by the real ETL from real workbooks."""

from __future__ import annotations

import pytest

from dashboard.refusals import PAGE_ADVICE, said
from etl.errors import CLI_ADVICE, FIELDS, Refused
from tests.seed import prepare
from tests.workbook import write_xlsx

NO_PERIOD = [["UBND HUYỆN ĐỨC TRỌNG"], ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"],
             [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]
LONG = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Thị xã Đức Phổ", "2022", "Tỷ lệ hộ nghèo", "%", "3,62"]]


def _refused(path, **given) -> Refused:
    with pytest.raises(Refused) as caught:
        prepare(path, **given)
    return caught.value


def test_every_advice_has_words_for_both_audiences():
    assert set(PAGE_ADVICE) == set(CLI_ADVICE) and FIELDS <= set(PAGE_ADVICE)
    assert not [words for words in PAGE_ADVICE.values() if "--" in words]


def test_no_period_asks_in_the_period_box(tmp_path):
    err = _refused(write_xlsx(tmp_path / "p.xlsx", NO_PERIOD))
    assert said(err) == f"{err.message} Hãy ghi ở ô «Kỳ» (ví dụ 2023-H1)."


def test_per_row_locality_asks_to_empty_the_box(tmp_path):
    err = _refused(write_xlsx(tmp_path / "long.xlsx", LONG), locality="Thành phố Bảo Lộc")
    assert "ô «Địa phương»" in said(err) and "--" not in said(err)


def test_no_table_in_any_sheet_gives_both_advices(tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", NO_PERIOD, sheet="A",
                      extra_sheets={"B": [["Nơi nhận:"], ["- Lưu VT"]]})
    err = _refused(path)
    assert err.reason == "no_table" and err.inner is not None
    page = said(err)
    assert "ô «Kỳ»" in page and "ô «Trang tính»" in page and "--" not in page
    assert "--period" in str(err) and "--sheet" in str(err)
