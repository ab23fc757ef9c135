"""A result of the same period one year earlier beside the period's own ('Thực hiện 6 tháng 2024
| Cùng kỳ năm 2023', 'Thực hiện cùng kỳ' under a merged 'Thực hiện'): stored as that earlier
period's result, each column with its own period as a by-year table's, loaded into DuckDB
through the same prepare and commit as the CLI."""

from __future__ import annotations

import duckdb
import pytest

from etl import store
from etl.accounts import Actor
from etl.errors import Refused
from etl.periods import same_period_in
from etl.pipeline import commit
from tests.seed import prepare
from tests.workbook import write_xlsx

TITLE = [["UBND HUYỆN ĐỨC TRỌNG", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
         ["PHỤ LỤC"],
         ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2024"],
         ["(Kèm theo Báo cáo số 125/BC-UBND ngày 10/7/2024 của UBND huyện Đức Trọng)"]]
ROWS = [["I", "CHỈ TIÊU KINH TẾ"],
        [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 850_000, 410_200, 390_000,
         48.3, 105.2],
        [2, "Tổng vốn đầu tư phát triển toàn xã hội", "Tỷ đồng", "12.500", "5.830,5", "5.410",
         46.6, 107.8],
        [3, "Số lao động được tạo việc làm mới", "Người", 3_200, 1_650, 1_580, 51.6, 104.4]]


def _stored(tmp_path, rows, merges=()) -> dict[tuple[str, str], tuple]:
    """(indicator as written, period) -> (target, actual, % plan, % cùng kỳ, actual's cell)."""
    db = tmp_path / "x.duckdb"
    con = store.connect(db)
    try:
        commit(con, prepare(write_xlsx(tmp_path / "phu_luc.xlsx", rows, merges=merges)),
               Actor.local_operator())
    finally:
        con.close()
    with duckdb.connect(str(db), read_only=True) as c:
        got = c.execute("SELECT indicator_as_written, period, target_text, actual_value, "
                        "pct_target, pct_prev, actual_source FROM current_observations").fetchall()
    return {(name[:8], period): tuple(figures) for name, period, *figures in got}


def test_last_years_column_is_stored_as_the_same_half_year_of_2023(tmp_path):
    header = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 6 tháng 2024",
               "Cùng kỳ năm 2023", "So sánh (%)", None],
              [None, None, None, None, None, None, "TH/KH", "TH/CK"]]
    merges = ["A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:E6", "F5:F6", "G5:H5"]
    stored = _stored(tmp_path, TITLE + header + ROWS, merges)
    assert stored[("Thu ngân", "2024-H1")] == (None, 410_200, 48.3, 105.2, "Sheet1!E8")
    assert stored[("Thu ngân", "2023-H1")] == (None, 390_000, None, None, "Sheet1!F8")
    assert stored[("Thu ngân", "2024")][:2] == ("850.000", None)  # the year's plan
    assert stored[("Tổng vốn", "2023-H1")][1] == 5_410
    assert {p for _, p in stored} == {"2024", "2024-H1", "2023-H1"}


@pytest.mark.parametrize("words", ["Thực hiện cùng kỳ", "Cùng kỳ năm trước"])
def test_last_years_column_under_a_merged_thuc_hien_band(tmp_path, words):
    """'Thực hiện' merged over '6 tháng | Thực hiện cùng kỳ', the year from the title only: the
    two result columns were one measure of one period, refused as such."""
    header = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Thực hiện", None, "TH/KH (%)",
               "TH/CK (%)"],
              [None, None, None, None, "6 tháng", words, None, None]]
    merges = ["A5:A6", "B5:B6", "C5:C6", "D5:D6", "E5:F5", "G5:G6", "H5:H6"]
    stored = _stored(tmp_path, TITLE + header + ROWS, merges)
    assert stored[("Thu ngân", "2024-H1")] == (None, 410_200, 48.3, 105.2, "Sheet1!E8")
    assert stored[("Thu ngân", "2023-H1")] == (None, 390_000, None, None, "Sheet1!F8")
    assert stored[("Số lao đ", "2023-H1")][1] == 1_580


@pytest.mark.parametrize(("title", "results", "words", "earlier"), [
    ("BÁO CÁO ƯỚC THỰC HIỆN 9 THÁNG NĂM 2024", "Ước thực hiện 9 tháng", "TH cùng kỳ", "2023-9M"),
    ("BÁO CÁO KẾT QUẢ THỰC HIỆN NĂM 2024", "Thực hiện năm 2024", "Thực hiện cùng kỳ năm trước",
     "2023"),
])
def test_nine_months_and_a_year_compare_with_the_same_period_a_year_before(
        tmp_path, title, results, words, earlier):
    header = [["STT", "Chỉ tiêu", "ĐVT", "Dự toán năm 2024", results, words, "TH/DT (%)",
               "So với cùng kỳ (%)"]]
    stored = _stored(tmp_path, [TITLE[0], [title], *header, *ROWS])
    current = earlier.replace("2023", "2024")
    assert stored[("Thu ngân", current)][1:4] == (410_200, 48.3, 105.2)
    assert stored[("Thu ngân", earlier)] == (None, 390_000, None, None, "Sheet1!F5")


def test_last_years_column_beside_a_term_is_refused_naming_it(tmp_path):
    rows = [TITLE[0], ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIAI ĐOẠN 2021 - 2023"],
            ["STT", "Chỉ tiêu", "ĐVT", "Mục tiêu giai đoạn 2021-2025", "Ước TH 2021-2023",
             "Cùng kỳ", "Đánh giá"],
            [1, "Tốc độ tăng trưởng kinh tế", "%", "8,5-9,5", "7,8", "7,1", "Chưa đạt"]]
    with pytest.raises(Refused) as err:
        prepare(write_xlsx(tmp_path / "t.xlsx", rows))
    assert (err.value.reason, err.value.column) == ("prior_period", "F")
    assert "Cột F 'Cùng kỳ'" in err.value.message


def test_same_period_in_another_year():
    assert [same_period_in(c, 2023) for c in ("2024-H1", "2024-9M", "2024-Q3", "2024")] == [
        "2023-H1", "2023-9M", "2023-Q3", "2023"]
    assert same_period_in("2021-2025", 2020) is None
