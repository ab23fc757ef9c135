"""What a table's words say beyond its figures: status wording, which table of a document is
the indicator table, localities read in the title's context, total and footnote rows, and
refusing files that hold no data. Files are written here; imports go through
`etl.pipeline.prepare`/`commit` on real DuckDB files."""

from __future__ import annotations

import duckdb

from etl.pipeline import commit, prepare
from tests.workbook import write_xlsx

REPORT_TITLE = [["UBND HUYỆN ĐỨC TRỌNG", None, None, None, None, None],
                ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2023", None, None, None, None, None]]
REPORT_HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá"]


def test_status_words_keep_their_wording_and_map_to_a_verdict(tmp_path):
    rows = REPORT_TITLE + [REPORT_HEADER,
                           [1, "Giải quyết việc làm", "lao động", "4.000", "3.900", "Cơ bản đạt"],
                           [2, "Trường học đạt chuẩn quốc gia", "trường", "2", "2", "Hoàn thành"],
                           [3, "Tỷ lệ hộ nghèo", "%", "0,24", "0,5", "Không hoàn thành"],
                           [4, "Thu NSNN do huyện quản lý", "tỷ đồng", "770,4", "800",
                            "Vượt kế hoạch"],
                           [5, "Tỷ lệ bảo hiểm y tế toàn dân", "%", "88", "90", "Đạt (vượt)"],
                           [6, "Tỷ lệ hộ dân nông thôn được sử dụng điện", "%", ">99", "99,5",
                            "Đạt"]]
    prepared = prepare(write_xlsx(tmp_path / "kq.xlsx", rows))
    with duckdb.connect(str(tmp_path / "ct.duckdb")) as con:
        commit(con, prepared)
        stored = con.execute(
            "select indicator_as_written, reported_status, note from observations order by row_no"
        ).fetchall()
    assert [(s, n) for _, s, n in stored] == [
        ("Đạt", "đánh giá ghi 'Cơ bản đạt'"), ("Đạt", "đánh giá ghi 'Hoàn thành'"),
        ("Chưa đạt", "đánh giá ghi 'Không hoàn thành'"), ("Vượt", "đánh giá ghi 'Vượt kế hoạch'"),
        ("Vượt", "đánh giá ghi 'Đạt (vượt)'"), ("Đạt", None),
    ]
