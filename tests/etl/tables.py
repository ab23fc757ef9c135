"""Tables taken from the seed reports, as staff keep them, for tests to write as workbooks."""

from __future__ import annotations

PLAN_2022_TITLE = [
    ["UBND HUYỆN ĐỨC TRỌNG", None, None, None],
    ["PHỤ LỤC", None, None, None],
    ["CHỈ TIÊU KẾ HOẠCH NĂM 2022", None, None, None],
    ["(Kèm theo Nghị quyết số 04 -NQ/HU ngày 10 /12/2021 của Huyện ủy Đức Trọng)", None, None,
     None],
    [None, None, None, None],
]
PLAN_2022_HEADER = ["STT", "CHỈ TIÊU", "ĐƠN VỊ TÍNH", "CHỈ TIÊU"]
# Seed 002, appendix (first rows and the page-break header).
PLAN_2022_ROWS = [
    [1, "Giá trị sản xuất (theo giá so sánh năm 2010)", None, None],
    [None, "Ngành Nông, lâm nghiệp và thuỷ sản", "%", "Tăng 6 - 7"],
    [None, "Ngành Công nghiệp", "%", "Tăng 9 - 10"],
    [None, "Ngành Xây dựng", "%", "Tăng 10 - 11"],
    [None, "Ngành Dịch vụ", "%", "Tăng 10 - 11"],
    [2, "Thu NSNN do huyện quản lý", "tỷ đồng", "770,4"],
    [3, "Giải quyết việc làm", "lao động", "4.000-4.500"],
    [None, "Trong đó, tỷ lệ lao động qua đào tạo", "%", "> 64"],
    [4, "Trường học đạt chuẩn quốc gia", "trường", "≥ 2"],
    [5, "Tỷ lệ hộ nghèo", "%", "0,24"],
    [None, "Trong đó hộ nghèo dân tộc thiểu số", "%", "0,4"],
    [8, "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", None, None],
    [None, "Theo thẻ thấp còi", "%", "<18"],
    [None, "Theo thẻ cân nặng", "%", "<10,3"],
    [9, "Tỷ lệ tăng dân số tự nhiên", "%", "<1,02"],
    [10, "Tỷ lệ bảo hiểm y tế toàn dân", "%", ">88"],
    PLAN_2022_HEADER,
    [11, "Tỷ lệ hộ dân nông thôn được sử dụng điện", "%", ">99"],
    [17, "Tổ chức Đảng hoàn thành tốt nhiệm vụ", "%", ">85"],
    [None, "Tổ chức Đảng hoàn thành XSNV", "%", "15-20"],
]

MIDTERM_TITLE = [
    ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU THEO NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ THÀNH PHỐ BẢO LỘC "
     "LẦN THỨ VI", None, None, None, None, None],
    ["(Kèm theo Báo cáo số 203-BC/ThU ngày 25/5/2023 của Thành ủy)", None, None, None, None, None],
]
MIDTERM_HEADER = ["TT", "CHỈ TIÊU", "ĐVT", "Chỉ tiêu Nghị quyết ĐH VI", "Kết quả thực hiện",
                  "So sánh NQ ĐH VI"]
# Seed 003, appendix (selected rows, in order, with the header repeated at a page break).
MIDTERM_ROWS = [
    ["I", "Các chỉ tiêu về kinh tế - xã hội", None, None, None, None],
    [1, "Về kinh tế", None, None, None, None],
    ["1.1", "Tăng trưởng tổng giá trị sản xuất bình quân giai đoạn 2021 -2023 (theo giá so sánh "
            "năm 2010), trong đó:", "%/năm", "8,5-9,5", 7.8, "Chưa đạt"],
    [None, "- Khu vực công nghiệp - xây dựng tăng", "%/năm", "9,5-11", 8.5, "Chưa đạt"],
    [None, "- Khu vực dịch vụ tăng;", "%/năm", "10-11", 8.8, "Chưa đạt"],
    [None, "- Khu vực nông, lâm nghiệp và thuỷ sản tăng.", "%/năm", "3,5-4,5", 3, "Chưa đạt"],
    ["1.2", "Tổng thu ngân sách nhà nước giai đoạn 2021-2023 ước đạt 8.397 tỷ đồng, tăng bình "
            "quân:", "%/năm", "11-12", 20.4, "Đạt"],
    [2, "Văn hóa – xã hội", None, None, None, None],
    ["2.1", "Tỷ lệ hộ nghèo", "%", "0,2 (theo tiêu chí cũ)", 0.37, "Chưa đạt"],
    ["2.2", "Tỷ lệ tăng dân số tự nhiên", "%", "dưới 1,0", 0.85, "Đạt"],
    MIDTERM_HEADER,
    ["2.4", "Tỷ lệ bảo hiểm y tế toàn dân đến năm 2023", "%", "95", 0.933, "Chưa đạt"],
    ["II", "Về xây dựng hệ thống chính trị", None, None, None, None],
    [1, "Hàng năm, có trên 80% tổ chức cơ sở đảng đạt tiêu chuẩn “Hoàn thành tốt nhiệm vụ” trở "
        "lên", "%", "> 80", "> 80", "Đạt"],
    [None, "- Kết nạp được 263 quần chúng ưu tú vào Đảng, đạt 47,8%.", "đảng viên mới/năm",
     "Bình quân kết nạp từ 110 – 120", "263 đảng viên/ 3 năm", "Chưa đạt"],
]
# The BHYT result 0.933 is stored as a percent-formatted cell (93,3 %).
MIDTERM_PERCENT_ROW = 11


def revised_budget(rows: list[list[object]]) -> list[list[object]]:
    """`rows` with the budget target (fourth column of 'Thu NSNN do huyện quản lý') revised to
    800: something new to save over the demo, which holds the 2022 plan as it is (a file with
    nothing new offers no save)."""
    return [[*r[:3], "800", *r[4:]] if r[1:2] == ["Thu NSNN do huyện quản lý"] else list(r)
            for r in rows]


def plan_2022() -> list[list[object]]:
    return PLAN_2022_TITLE + [PLAN_2022_HEADER] + PLAN_2022_ROWS


def midterm() -> list[list[object]]:
    return MIDTERM_TITLE + [MIDTERM_HEADER] + MIDTERM_ROWS


def midterm_percent_cell() -> str:
    """Excel ref of the BHYT result cell (column E) in `midterm()`."""
    row = len(MIDTERM_TITLE) + 1 + MIDTERM_PERCENT_ROW + 1
    return f"E{row}"
