"""The long layout read a column at a time (`etl.parse_long`) gives, row for row, the record
`etl.records.build_record` makes of that row — on a table with each case the reader meets: a
district column filled downwards, codes, a column of one period, two result columns, a status
with words, an estimate, a figure left as text, a percent-formatted cell, a unit only in the
name, notes, footnotes, the header repeated, a total row of no known unit, empty figures — and
refuses the first row a person would find wrong."""

from __future__ import annotations

import pytest

from etl import layout, read
from etl.corrections import Corrections
from etl.errors import Refused
from etl.layout import MEASURE_ROLES
from etl.parse import parse_table
from etl.records import Context, build_record
from tests.seed import SEED
from tests.workbook import write_xlsx

HEADER = ["Huyện", "Xã", "Mã ĐVHC", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện",
          "Ước thực hiện 2024", "Đánh giá", "Ghi chú"]
ROWS = [
    ["Huyện Đức Trọng", "Xã Hiệp An", "24826", "2023", "Tỷ lệ hộ nghèo", "%", 3.5, 3.1, None,
     "Đạt", None],
    [None, "Xã Hiệp An", "24826", "2023", "Thu ngân sách nhà nước", "Tỷ đồng", "1.234,5",
     None, "ước 1.300", "Vượt (vượt 5%)", "số liệu sơ bộ"],
    [None, "Xã Liên Hiệp", None, 2023, "Tỷ lệ bảo hiểm y tế", "%", 95, 0.933, None, None,
     None],
    [None, "Xã Liên Hiệp", None, "2024", "Số xã đạt chuẩn nông thôn mới (xã)", None, 2, 2,
     None, "Đạt", None],
    [None, "Xã Liên Hiệp", None, "2024", "Tỷ lệ hộ nghèo", "%", None, None, None, None,
     "chưa có số liệu"],
    [None, "Xã Liên Hiệp", None, "2024", "Tỷ lệ trường đạt chuẩn quốc gia", "%",
     "đang thống kê", 60, 62, "Chưa đạt", None],
    HEADER,
    ["Huyện Lâm Hà", "Xã Tân Hà", None, "2023", "Tỷ lệ hộ nghèo", "%", 4, 4.4, None, None,
     None],
    [None, "Toàn huyện", None, "2023", "Tỷ lệ hộ nghèo", "%", 4, 4.2, None, None, None],
    [None, "Xã Tân Hà", None, "2024", "Thu ngân sách nhà nước", "Tỷ đồng", 10, None, 11,
     "Đạt", "ghi chú cột"],
    ["Ghi chú: số liệu năm 2024 là số ước.", None, None, None, None, None, None, None, None,
     None, None],
]


def _table(tmp_path, rows=ROWS, header=HEADER):
    path = write_xlsx(tmp_path / "long.xlsx", [["SỐ LIỆU CÁC XÃ"], [], header, *rows],
                      formats={"H6": "0.0%"})
    grid = read.read_grid(path)
    spec = layout.detect(grid, Corrections(None, {}))
    assert spec.layout == "long"
    return grid, spec


def test_each_record_is_what_build_record_makes_of_its_row(tmp_path):
    grid, spec = _table(tmp_path)
    table = parse_table(grid, spec, SEED)
    ctx = Context(grid, spec, SEED, None, None)
    measures = [c for c in spec.columns if c.role in MEASURE_ROLES]
    name_col, unit_col, note_col = spec.role("name"), spec.role("unit"), spec.role("note")
    for rec in table.records:
        r = rec.row_no - 1
        row = grid.rows[r]
        cols = [c for c in measures if not c.period or c.period == rec.period]
        note = row[note_col.index] if note_col else None
        expected = build_record(ctx, r, cols, row[name_col.index], None,
                                row[unit_col.index] or "", note or None, rec.period,
                                rec.locality_id)
        assert rec == expected
    read_rows = [rec.row_no for rec in table.records]
    assert read_rows == sorted(read_rows)
    # every row of figures gave one record; the empty one, the repeated header, the total of no
    # known unit and the footnote none, and the last three are said
    assert read_rows == [4, 5, 6, 7, 9, 11, 13]
    assert [s.split(":")[0] for s in table.skipped] == ["dòng 12", "dòng 14"]
    assert "dòng tổng 'Toàn huyện'" in table.skipped[0]
    assert "ghi chú 'Ghi chú: số liệu năm 2024" in table.skipped[1]


def test_the_cases_read_as_a_person_means_them(tmp_path):
    grid, spec = _table(tmp_path)
    by_row = {rec.row_no: rec for rec in parse_table(grid, spec, SEED).records}
    assert by_row[4].locality_id == by_row[5].locality_id  # the district fills downwards
    assert by_row[5].target.low == 1234.5 and by_row[5].target_source.endswith("G5")
    assert by_row[5].actual is None  # the 2024 estimate column is not the 2023 row's
    assert by_row[5].reported_status == "Vượt" and "vượt 5%" in by_row[5].note
    assert "số liệu sơ bộ" in by_row[5].note
    assert by_row[6].actual.low == pytest.approx(93.3)  # a percent-formatted cell
    assert by_row[7].unit == "xã"  # the unit written only in the name
    assert by_row[9].target.op is None and by_row[9].target.text == "đang thống kê"
    assert by_row[9].actual.low == 62 and by_row[9].actual_source.endswith("I9")  # the later
    assert by_row[9].actual_estimate                              # result column, when filled
    assert by_row[13].actual.low == 11 and by_row[13].actual_estimate
    assert by_row[13].locality_id != by_row[4].locality_id  # the next district's commune
    assert by_row[4].actual_estimate is False


def test_the_first_row_a_person_would_find_wrong_is_refused(tmp_path):
    bad_place = ["Huyện Đức Trọng", "Xã Không Có Thật", None, "2023", "Tỷ lệ hộ nghèo", "%",
                 3, 3, None, None, None]
    bad_period = ["Huyện Đức Trọng", "Xã Hiệp An", None, "năm ngoái", "Tỷ lệ hộ nghèo", "%", 3,
                  3, None, None, None]
    for rows, row, what in (([ROWS[0], bad_place, bad_period], 5, "Xã Không Có Thật"),
                            ([ROWS[0], bad_period, bad_place], 5, "năm ngoái")):
        grid, spec = _table(tmp_path, rows)
        with pytest.raises(Refused) as refused:
            parse_table(grid, spec, SEED)
        assert refused.value.row == row
        assert refused.value.message.startswith(f"Dòng {row}:")
        assert what in refused.value.message
