"""Layout detection on workbooks the tests write: header spellings, column order, multi-row
headers, column-number rows, stray unit cells, and the row hierarchy."""

from __future__ import annotations

import pytest

from etl.errors import Refused
from etl.hierarchy import HierarchyTracker, marker_of, split_leading_marker
from etl.layout import detect
from etl.read import read_grid
from tests.workbook import write_xlsx


def _spec(tmp_path, rows, **kw):
    return detect(read_grid(write_xlsx(tmp_path / "t.xlsx", rows, **kw)))


def _roles(spec) -> list[str]:
    return [c.role for c in spec.columns]


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        (["STT", "CHỈ TIÊU", "ĐƠN VỊ TÍNH", "CHỈ TIÊU"], ["stt", "name", "unit", "target"]),
        (["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá"],
         ["stt", "name", "unit", "target", "actual", "status"]),
        (["Nội dung", "Đơn vị", "KH", "Ước TH", "Ghi chú"],
         ["name", "unit", "target", "actual", "note"]),
        (["Thực hiện", "Chỉ tiêu", "Kế hoạch", "ĐVT"], ["actual", "name", "target", "unit"]),
        (["STT", "Chỉ tiêu", "ĐVT", "Dự toán năm 2023", "Ước TH 6 tháng", "% so dự toán",
          "% so cùng kỳ"], ["stt", "name", "unit", "target", "actual", "pct_target", "pct_prev"]),
        (["TT", "CHỈ TIÊU", "ĐVT", "Chỉ tiêu Nghị quyết ĐH VI", "Kết quả thực hiện",
          "So sánh NQ ĐH VI"], ["stt", "name", "unit", "target", "actual", "status"]),
        (["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Tỷ lệ %"],
         ["stt", "name", "unit", "target", "actual", "pct_target"]),
    ],
)
def test_header_spellings_and_order(tmp_path, header, roles):
    data = {"stt": 1, "name": "Tỷ lệ hộ nghèo", "unit": "%", "target": "0,2", "actual": "0,3",
            "status": "Chưa đạt", "note": "ghi chú", "pct_target": 41, "pct_prev": 84}
    row = [data[r] for r in roles]
    spec = _spec(tmp_path, [["BÁO CÁO"], [], header, row])
    assert _roles(spec) == roles
    assert spec.header_rows == [2] and spec.first_data_row == 3


def test_so_sanh_with_numbers_is_a_percentage(tmp_path):
    spec = _spec(tmp_path, [["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "So sánh (%)"],
                            [1, "Thu ngân sách", 100, 41, 41]])
    assert spec.columns[4].role == "pct_target"


def test_two_row_header_with_merged_actual_and_plan(tmp_path):
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", None, None, "Kế hoạch năm 2024"],
        [None, None, None, "Năm 2021", "Năm 2022", "Ước năm 2023", None],
        [1, "Tăng trưởng", "%", 4.2, 9.7, 9.8, "9,7-10"],
    ]
    spec = _spec(tmp_path, rows, merges=["D1:F1", "G1:G2", "A1:A2", "B1:B2", "C1:C2"])
    assert spec.layout == "by_year"
    assert [(c.role, c.period, c.estimate) for c in spec.columns[3:]] == [
        ("actual", "2021", False), ("actual", "2022", False), ("actual", "2023", True),
        ("target", "2024", False),
    ]
    assert spec.first_data_row == 2


def test_two_row_header_without_merge_information(tmp_path):
    rows = [
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", None, "Kế hoạch năm 2024"],
        [None, None, None, "Năm 2021", "Năm 2022", None],
        [1, "Tăng trưởng", "%", 4.2, 9.7, "9,7-10"],
    ]
    spec = _spec(tmp_path, rows)
    assert [(c.role, c.period) for c in spec.columns[3:]] == [
        ("actual", "2021"), ("actual", "2022"), ("target", "2024")]


def test_column_number_row_and_stray_unit_are_read(tmp_path):
    rows = [
        ["BIỂU TỔNG HỢP THU NGÂN SÁCH NĂM 2013"],
        [None, None, None, "Đơn vị tính: Triệu đồng"],
        ["STT", "Tên tỉnh, thành phố", "Tổng thu NSNN", "Tổng chi"],
        ["A", "B", 1, 2],
        [1, "Lâm Đồng", 5301920, 8322039],
    ]
    spec = _spec(tmp_path, rows)
    assert spec.layout == "by_locality"
    assert spec.unit_hint == "Triệu đồng"
    assert spec.first_data_row == 4
    assert spec.locality_tier == "tỉnh"
    assert [c.role for c in spec.columns] == ["stt", "locality", "value", "value"]


def test_long_layout_any_order(tmp_path):
    rows = [["Kỳ", "Chỉ tiêu", "Địa phương", "Thực hiện", "Kế hoạch", "Mã ĐVHC", "Tỉnh"],
            ["2023", "Tỷ lệ hộ nghèo", "Xã Đức Trọng", "1", "2", "24958", "Lâm Đồng"]]
    spec = _spec(tmp_path, rows)
    assert spec.layout == "long"
    assert _roles(spec) == ["period", "name", "locality", "actual", "target", "code", "province"]


@pytest.mark.parametrize(
    ("header", "roles"),
    [
        (["Huyện", "Xã", "Kỳ", "Chỉ tiêu", "Thực hiện"],
         ["other", "locality", "period", "name", "actual"]),
        (["Phường/Xã", "Năm", "Chỉ tiêu", "ĐVT", "Giá trị"],
         ["locality", "period", "name", "unit", "actual"]),
        (["Phường", "Năm", "Chỉ tiêu", "Kế hoạch", "Thực hiện"],
         ["locality", "period", "name", "target", "actual"]),
    ],
)
def test_a_long_table_headed_by_the_tier_alone(tmp_path, header, roles):
    """Communes headed 'Xã' or 'Phường/Xã' and a lone 'Giá trị' figure column, as statistical
    offices' long tables write them; the district column beside them narrows them."""
    cells = {"other": "Đức Trọng", "locality": "Liên Hiệp", "period": "2023",
             "name": "Tỷ lệ hộ nghèo", "unit": "%", "target": "2", "actual": "1,5"}
    spec = _spec(tmp_path, [header, [cells[r] for r in roles]])
    assert spec.layout == "long"
    assert _roles(spec) == roles


@pytest.mark.parametrize(
    "rows",
    [
        [["Chỉ tiêu", "Ghi chú"], ["a", "b"]],
        [["Báo cáo tình hình"], ["không có bảng"]],
    ],
)
def test_no_table_is_refused(tmp_path, rows):
    with pytest.raises(Refused):
        _spec(tmp_path, rows)


def test_two_columns_with_the_same_meaning_are_refused(tmp_path):
    with pytest.raises(Refused, match="Hai cột cùng nghĩa"):
        _spec(tmp_path, [["Chỉ tiêu", "Kế hoạch", "Kế hoạch"], ["a", 1, 2]])


@pytest.mark.parametrize(
    ("stt", "name", "kind", "depth"),
    [
        ("I", "Các chỉ tiêu về kinh tế", "roman", 0),
        ("II", "Về xây dựng hệ thống chính trị", "roman", 0),
        (1.0, "Về kinh tế", "number", 1),
        ("1.1", "Tăng trưởng", "number", 2),
        ("2.10", "Tỷ lệ che phủ rừng", "number", 2),
        (None, "- Khu vực dịch vụ tăng;", "dash", 0),
        (None, "+ Có 50% thôn", "plus", 0),
        (None, "Trong đó hộ nghèo dân tộc thiểu số", "among", 0),
        (None, "Ngành Xây dựng", "plain", 0),
    ],
)
def test_row_markers(stt, name, kind, depth):
    marker = marker_of(stt, name)
    assert (marker.kind, marker.depth) == (kind, depth)


def test_hierarchy_parents():
    tracker = HierarchyTracker()
    rows = [("I", "Kinh tế"), ("1", "Giá trị sản xuất"), (None, "Ngành Nông"),
            (None, "Ngành Xây dựng"), ("2", "Văn hóa"), (None, "- Gia đình văn hóa"),
            (None, "+ Khu dân cư tiêu biểu"), (None, "- Cơ quan văn hóa"), ("2.1", "Y tế"),
            (None, "Trong đó bác sĩ")]
    parents = [tracker.push(marker_of(stt, name), name) for stt, name in rows]
    assert parents == [None, None, "Giá trị sản xuất", "Giá trị sản xuất", None, "Văn hóa",
                       "- Gia đình văn hóa", "Văn hóa", "Văn hóa", "Y tế"]


def test_leading_marker_in_one_cell():
    assert split_leading_marker("I Các chỉ tiêu về kinh tế") == ("I", "Các chỉ tiêu về kinh tế")
    assert split_leading_marker("2.3. Có 01 xã") == ("2.3", "Có 01 xã")
    assert split_leading_marker("Ngành dịch vụ") == ("", "Ngành dịch vụ")
