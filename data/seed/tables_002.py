"""Huyện Đức Trọng, from Nghị quyết 04-NQ/HU (seed 002): the appendix 'CHỈ TIÊU KẾ HOẠCH NĂM
2022' exactly as printed, and the 2021 results stated in the resolution's text."""

from __future__ import annotations

from seed_model import DT, Row, Sheet

# --- 002: Huyện ủy Đức Trọng, Nghị quyết 04-NQ/HU — appendix "CHỈ TIÊU KẾ HOẠCH NĂM 2022" ------

HEADER_002: Row = ("STT", "CHỈ TIÊU", "ĐƠN VỊ TÍNH", "CHỈ TIÊU")

PLAN_2022 = Sheet(
    name="Phụ lục",
    titles=(
        "HUYỆN ỦY ĐỨC TRỌNG",
        "PHỤ LỤC",
        "CHỈ TIÊU KẾ HOẠCH NĂM 2022",
        "(Kèm theo Nghị quyết số 04 -NQ/HU ngày 10 /12/2021 của Huyện ủy Đức Trọng)",
    ),
    header=(HEADER_002,),
    locality=DT,
    period="2022",
    rows=(
        (1, "Giá trị sản xuất (theo giá so sánh năm 2010)", None, None),
        (None, "Ngành Nông, lâm nghiệp và thuỷ sản", "%", "Tăng 6 - 7"),
        (None, "Ngành Công nghiệp", "%", "Tăng 9 - 10"),
        (None, "Ngành Xây dựng", "%", "Tăng 10 - 11"),
        (None, "Ngành Dịch vụ", "%", "Tăng 10 - 11"),
        (2, "Thu NSNN do huyện quản lý", "tỷ đồng", 770.4),
        (3, "Giải quyết việc làm", "lao động", "4.000-4.500"),
        (None, "Trong đó, tỷ lệ lao động qua đào tạo", "%", "> 64"),
        (4, "Trường học đạt chuẩn quốc gia", "trường", "≥ 2"),
        (5, "Tỷ lệ hộ nghèo", "%", 0.24),
        (None, "Trong đó hộ nghèo dân tộc thiểu số", "%", 0.4),
        (6, "Chỉ tiêu về lĩnh vực văn hóa", None, None),
        (
            None,
            "Giữ vững Thôn, tổ dân phố, cơ quan, đơn vị, doanh nghiệp được công nhận đạt chuẩn "
            "văn hóa",
            "%",
            98,
        ),
        (None, 'Giữ vững "xã đạt chuẩn văn hóa nông thôn mới"', "xã", 14),
        (None, 'Giữ vững "thị trấn đạt chuẩn văn minh đô thị"', "thị trấn", 1),
        (None, "Số hộ gia đình văn hóa", "%", 96.5),
        (7, "Chỉ tiêu về y tế", None, None),
        (None, "Duy trì xã, thị trấn đạt bộ tiêu chí quốc gia về y tế", "đơn vị", 15),
        (None, "Số bác sĩ/1 vạn dân", "bác sĩ", 6),
        (None, "Số giường bệnh/1 vạn dân", "giường bệnh", 16),
        (8, "Tỷ lệ trẻ em dưới 5 tuổi suy dinh dưỡng", None, None),
        (None, "Theo thẻ thấp còi", "%", "<18"),
        (None, "Theo thẻ cân nặng", "%", "<10,3"),
        (9, "Tỷ lệ tăng dân số tự nhiên", "%", "<1,02"),
        (10, "Tỷ lệ bảo hiểm y tế toàn dân", "%", ">88"),
        HEADER_002,
        (11, "Tỷ lệ hộ dân nông thôn được sử dụng điện", "%", ">99"),
        (12, "Chỉ tiêu về xây dựng nông thôn mới", None, None),
        (None, "Củng cố, nâng cao chất lượng các tiêu chí nông thôn mới", "xã", 14),
        (None, "Xã đạt chuẩn nông thôn mới nâng cao", "xã", "≥ 2"),
        (13, "Chỉ tiêu về dân số sử dụng nước sạch, thu gom xử lý rác thải", None, None),
        (None, "Tỷ lệ dân số nông thôn, đô thị được sử dụng nước hợp vệ sinh", "%", ">98"),
        (None, "Rác thải đô thị", "%", ">98"),
        (None, "Rác thải nông thôn", "%", ">95"),
        (None, "Rác thải y tế", "%", 100),
        (14, "Chỉ tiêu về trồng rừng", None, None),
        (None, "Trồng rừng trên diện tích lấn chiếm", "ha", "> 600"),
        (None, "Trồng rừng làm giải phân cách", "ha", "≥ 50"),
        (15, "Hoàn thành dữ liệu số đáp ứng công tác CCHC và chính quyền điện tử", None, None),
        (16, "Giữ vững ổn định chính trị xã hội, quốc phòng – an ninh", None, None),
        (17, "Tổ chức Đảng hoàn thành tốt nhiệm vụ", "%", ">85"),
        (None, "Tổ chức Đảng hoàn thành XSNV", "%", "15-20"),
        (None, "Đảng viên hoàn thành tốt nhiệm vụ", "%", "80-90"),
        (None, "Trong đó đảng viên hoàn thành XSNV", "%", "15-20"),
        (18, "Phát triển đảng", "đảng viên", 100),
    ),
)

# --- 002, Phần thứ nhất: results of 2021 stated in the text (a csv export, ';' + BOM) ----------

RESULTS_2021 = Sheet(
    name="",
    titles=(
        "HUYỆN ỦY ĐỨC TRỌNG",
        "KẾT QUẢ THỰC HIỆN NGHỊ QUYẾT NĂM 2021",
        "(Trích Nghị quyết số 04-NQ/HU ngày 10/12/2021 của Huyện ủy Đức Trọng)",
    ),
    header=(("STT", "CHỈ TIÊU", "ĐVT", "Thực hiện năm 2021", "Đánh giá", "Ghi chú"),),
    locality=DT,
    period="2021",
    rows=(
        ("1", "Giá trị sản xuất", None, None, None, "Tăng so với cùng kỳ"),
        (None, "Ngành nông lâm nghiệp và thủy sản", "%", "5,79", None, None),
        (None, "Công nghiệp", "%", "8,35", None, None),
        (None, "Ngành xây dựng", "%", "6,67", None, None),
        (
            None,
            "Ngành Dịch vụ",
            "%",
            "6,53",
            "Chưa đạt",
            "Giá trị sản xuất ngành Thương mại - Dịch vụ chưa đạt Nghị quyết đề ra",
        ),
        (
            "2",
            "Trường đạt chuẩn quốc gia",
            "trường",
            "48",
            None,
            "Nâng tổng số trường đạt chuẩn quốc gia lên 48/63 trường",
        ),
        (None, "Tỷ lệ trường đạt chuẩn quốc gia", "%", "76,2", None, None),
        (None, "Số trường đạt chuẩn quốc gia tăng thêm", "trường", "02", None, None),
        ("3", "Chỉ tiêu về hộ nghèo", None, None, "Đạt", "Đạt kế hoạch"),
        ("4", "Công tác tuyển chọn gọi công dân nhập ngũ", "%", "100", "Đạt", "Đạt 100% kế hoạch"),
        ("5", "Phát triển đảng viên", "%", "100", "Đạt", "Đạt chỉ tiêu 100%"),
        (
            "6",
            "Diễn tập phòng thủ dân sự",
            "đơn vị cấp xã",
            "4",
            None,
            "Hiệp An, Hiệp Thạnh, Liên Hiệp và Liên Nghĩa",
        ),
        ("7", "Một số chỉ tiêu chưa đạt Nghị quyết đề ra", None, None, None, None),
        (None, "Kim ngạch xuất khẩu", None, None, "Chưa đạt", None),
        (None, "Chỉ tiêu về y tế", None, None, "Chưa đạt", None),
        (None, "Chỉ tiêu xây dựng xã nông thôn mới kiểu mẫu", None, None, "Chưa đạt", None),
        (None, "Chỉ tiêu về trồng rừng", None, None, "Chưa đạt", None),
        (None, "Tỷ lệ tham gia bảo hiểm y tế", None, None, "Chưa đạt", None),
    ),
)
