"""Huyện Đức Trọng, first half of 2023 (seed 001): every figure of the report's text and
footnotes with a clear indicator, the 2023 targets it states, and the per-commune tree counts."""

from __future__ import annotations

from seed_model import DT, LONG_HEADER, Cell, Pct, Row, Sheet

# --- 001: Huyện Đức Trọng, first half of 2023 (text and footnotes) ------------------------------

TITLES_001 = (
    "HUYỆN ỦY ĐỨC TRỌNG",
    "PHỤ LỤC",
    "MỘT SỐ CHỈ TIÊU ƯỚC THỰC HIỆN 6 THÁNG ĐẦU NĂM 2023",
    "(Số liệu theo Báo cáo tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2023 của Huyện ủy Đức "
    "Trọng)",
)

H1_BUDGET = Sheet(
    name="Ngân sách",
    titles=TITLES_001,
    header=(
        ("STT", "Chỉ tiêu", "ĐVT", "Ước TH 6 tháng", "% so dự toán", "% so cùng kỳ", "Ghi chú"),
    ),
    locality=DT,
    rows=(
        ("1", "Tổng thu NSNN trên địa bàn huyện", "triệu đồng", 730734, 41, 84, None),
        (None, "Trong đó: thu NSNN do huyện quản lý", "triệu đồng", 451073, 37, 68, None),
        ("2", "Tổng chi ngân sách địa phương", "triệu đồng", 441301, 39, 127, None),
        (
            "3",
            "Tỷ lệ giải ngân vốn đầu tư công",
            "%",
            50,
            None,
            None,
            "Ước thực hiện giải ngân đến tháng 6/2023 đạt 50% kế hoạch vốn; tổng kế hoạch vốn "
            "đầu tư năm 2023 được phân bổ là 465.147 triệu đồng",
        ),
    ),
)

H1_OTHER = Sheet(
    name="Kinh tế - xã hội",
    titles=TITLES_001,
    header=(
        ("STT", "Chỉ tiêu", "ĐVT", "Ước TH 6 tháng", "% so kế hoạch", "% so cùng kỳ", "Ghi chú"),
    ),
    locality=DT,
    rows=(
        ("I", "Lĩnh vực kinh tế", None, None, None, None, None),
        (
            "1",
            "Nông nghiệp, phát triển nông thôn, quản lý bảo vệ rừng, tài nguyên, môi trường",
            None, None, None, None, None,
        ),
        (None, "Tổng diện tích gieo trồng", "ha", 36340, 64.1, 101.1, None),
        (
            None, "Diện tích sản xuất theo hướng công nghệ cao", "ha", 10474.03, None, None,
            "Tăng 1.692,66 ha so với cùng kỳ năm 2022",
        ),
        (
            None,
            "Diện tích nông nghiệp công nghệ cao theo công nghệ 4.0, nông nghiệp hữu cơ",
            "ha", 5, None, None, "Khoảng 5 ha",
        ),
        (
            None, "Sản phẩm OCOP đạt từ 03 - 4 sao", "sản phẩm", 9, None, None,
            "Của 05 doanh nghiệp; dự kiến đến hết tháng 6/2023 có thêm ít nhất 9 - 10 sản phẩm "
            "được công nhận",
        ),
        (None, "Doanh nghiệp có sản phẩm OCOP", "doanh nghiệp", 5, None, None, None),
        (
            None,
            "Hộ sản xuất nông nghiệp tham gia các hình thức liên kết và tiêu thụ sản phẩm nông "
            "nghiệp",
            "hộ", 8774, None, None, None,
        ),
        (
            None, "Tỷ lệ hộ sản xuất nông nghiệp tham gia liên kết", "%", Pct(0.328), None, None,
            None,
        ),
        (None, "Hộ tham gia liên kết thông qua hợp đồng", "hộ", 2345, None, None, None),
        (
            None, "Tỷ lệ hộ liên kết thông qua hợp đồng", "%", 26.7, None, None,
            "Chiếm 26,7% số hộ liên kết",
        ),
        (None, "Tổng đàn gia súc", "con", 117486, None, None, None),
        (None, "Tổng đàn gia cầm, thủy cầm", "con", 1180000, None, None, None),
        (
            None, "Vụ vi phạm Luật Lâm nghiệp", "vụ", 11, None, None,
            "Tăng 01 vụ so với cùng kỳ",
        ),
        (None, "Vụ vi phạm Luật Lâm nghiệp đã xử lý", "vụ", 10, None, None, None),
        (
            None, "Thu nộp ngân sách từ xử lý vi phạm Luật Lâm nghiệp", "triệu đồng", 62.4, None,
            None, None,
        ),
        (
            None, "Vụ lấn chiếm đất lâm nghiệp trái pháp luật", "vụ", 25, None, None,
            "Giảm 08 vụ so với cùng kỳ; đã xử lý 01 vụ",
        ),
        (None, "Diện tích đất lâm nghiệp bị lấn chiếm", "m2", 41163, None, None, None),
        (
            None, "Diện tích đất lâm nghiệp bị lấn chiếm đã giải tỏa", "m2", 143434, None, None,
            None,
        ),
        (
            None, "Công trình nhà kính, nhà lưới trên đất lâm nghiệp đã vận động tháo dỡ",
            "công trình", 19, None, None,
            "19/26 công trình; còn lại 07 công trình/7.254m2 đang lập hồ sơ xử lý",
        ),
        (
            None, "Diện tích nhà kính, nhà lưới trên đất lâm nghiệp đã tháo dỡ", "m2", 28369,
            None, None, None,
        ),
        (None, "Cây xanh trồng qua lễ phát động", "cây", 6010, None, None, None),
        (None, "Cây hoa, lá màu trồng qua lễ phát động", "cây", 1195, None, None, None),
        (None, "Hồ sơ trồng rừng được phê duyệt", "hồ sơ", 3, None, None, "Diện tích 25ha"),
        (None, "Diện tích trồng rừng theo hồ sơ được phê duyệt", "ha", 25, None, None, None),
        (
            None, "Cây trồng theo hồ sơ trồng cây, trồng rừng năm 2023 được thẩm định", "cây",
            8927, None, None, "Cho 12 xã",
        ),
        (
            None, "Diện tích đất quy hoạch lâm nghiệp sau điều chỉnh", "ha", 31415, None, None,
            "Chiếm 34,7% diện tích tự nhiên",
        ),
        (None, "- Rừng đặc dụng", "ha", 106, None, None, None),
        (None, "- Rừng phòng hộ", "ha", 13281, None, None, None),
        (None, "- Rừng sản xuất", "ha", 18028, None, None, None),
        (None, "Xã đạt chuẩn nông thôn mới", "xã", 14, None, None, "14/14 xã"),
        (
            None, "Xã đạt chuẩn nông thôn mới nâng cao", "xã", 7, None, None,
            "Bình Thạnh, Tân Hội, Tân Thành, Ninh Loan, Hiệp Thạnh, Ninh Gia và Đà Loan",
        ),
        (
            None, "Hồ sơ chuyển mục đích sử dụng đất được giải quyết", "hồ sơ", 493, None, None,
            None,
        ),
        (
            None, "Hộ gia đình, cá nhân được cấp giấy chứng nhận quyền sử dụng đất", "hộ", 79,
            None, None, None,
        ),
        (
            None, "Diện tích thu hồi để thực hiện dự án hồ chứa nước Ta Hoét", "m2", 100192, None,
            None, None,
        ),
        ("2", "Quy hoạch, đầu tư, xây dựng, kinh tế hợp tác", None, None, None, None, None),
        (
            None, "Dự án được UBND tỉnh cấp quyết định chấp thuận đầu tư", "dự án", 1, None, None,
            "Đồng thời chấm dứt 01 dự án",
        ),
        (
            None,
            "Dự án được UBND tỉnh cấp quyết định chủ trương đầu tư, giấy chứng nhận đầu tư "
            "(đến nay)",
            "dự án", 134, None, None, None,
        ),
        (None, "Doanh nghiệp đăng ký hoạt động mới", "doanh nghiệp", 104, None, None, None),
        (None, "Doanh nghiệp tạm ngừng hoạt động", "doanh nghiệp", 72, None, None, None),
        (None, "Doanh nghiệp giải thể", "doanh nghiệp", 19, None, None, None),
        (None, "Lũy kế doanh nghiệp đăng ký hoạt động", "doanh nghiệp", 1242, None, None, None),
        (
            None, "Giấy chứng nhận đăng ký hộ kinh doanh được cấp", "giấy chứng nhận", 474, None,
            None, None,
        ),
        (None, "Hợp tác xã thành lập mới", "hợp tác xã", 2, None, None, None),
        (None, "Lũy kế tổ hợp tác", "tổ hợp tác", 18, None, None, None),
        (None, "Lũy kế hợp tác xã", "hợp tác xã", 62, None, None, None),
        ("II", "Lĩnh vực văn hóa - xã hội", None, None, None, None, None),
        (
            None, "Tỷ lệ người tham gia BHYT", "%", Pct(0.83, "0%"), None, None,
            "Số người tham gia BHYT đạt 83%",
        ),
        (
            "III",
            "Lĩnh vực quốc phòng, an ninh, cải cách hành chính, tiếp dân, thanh tra",
            None, None, None, None, None,
        ),
        (None, "Giao quân", "%", 100, None, None, "Hoàn thành chỉ tiêu giao quân đạt 100%"),
        (
            None, "Vụ phạm tội về trật tự xã hội", "vụ", 81, None, None,
            "Làm 03 người chết, 18 người bị thương, giảm 21% so với cùng kỳ",
        ),
        (
            None, "Vụ phạm tội về ma túy", "vụ", 43, None, None,
            "46 đối tượng; giảm 37,5% số vụ, 38,1% số đối tượng so với cùng kỳ",
        ),
        (
            None, "Vụ tội phạm về kinh tế - chức vụ", "vụ", 28, None, None,
            "39 đối tượng; tăng 254,5% số vụ, 300% số đối tượng so với cùng kỳ",
        ),
        (
            None, "Vụ tội phạm về môi trường", "vụ", 9, None, None,
            "09 đối tượng; tăng 09 vụ, 09 đối tượng",
        ),
        (
            None, "Vụ cháy", "vụ", 3, None, None,
            "Không có thiệt hại về người, bằng so với cùng kỳ",
        ),
        (
            None, "Tai nạn giao thông", "vụ", 2, None, None,
            "Làm 02 người chết và 01 người bị thương; giảm 02 vụ, 01 người chết, 03 người bị "
            "thương so với cùng kỳ",
        ),
        (None, "Cuộc tiếp dân định kỳ", "cuộc", 37, None, None, None),
        (None, "Cuộc tiếp dân thường xuyên", "cuộc", 268, None, None, None),
        (None, "Lượt công dân đến kiến nghị, phản ánh", "lượt", 329, None, None, None),
        (
            None, "Vụ việc được chỉ đạo giải quyết qua tiếp dân", "vụ việc", 82, None, None,
            "Hướng dẫn, đôn đốc, chuyển 223 vụ việc",
        ),
        (
            None, "Đơn tiếp nhận và xử lý", "đơn", 504, None, None,
            "325 đơn thuộc thẩm quyền; tồn cuối kỳ 152 đơn (trong đó có 02 đơn tồn quá hạn)",
        ),
        (None, "Đơn thuộc thẩm quyền đã giải quyết", "đơn", 173, None, None, None),
        (
            None, "Hồ sơ hành chính tiếp nhận", "hồ sơ", 16480, None, None,
            "Đến ngày 29/5/2023",
        ),
        (
            None, "Tỷ lệ hồ sơ cấp huyện giải quyết đúng hạn", "%", Pct(0.913), None, None,
            "2.349 hồ sơ thuộc thẩm quyền cấp huyện",
        ),
        (
            None, "Tỷ lệ hồ sơ cấp xã giải quyết đúng hạn", "%", Pct(0.96, "0%"), None, None,
            "14.131 hồ sơ thuộc thẩm quyền cấp xã",
        ),
        (
            None, "Tỷ lệ thu nhận hồ sơ cấp CCCD", "%", Pct(0.96, "0%"), None, None,
            "161.184/167.431 công dân, tính đến ngày 31/5/2023",
        ),
        (
            None, "Tỷ lệ thu nhận hồ sơ định danh điện tử mức 2", "%", Pct(0.7284, "0.00%"), None,
            None, "121.235/166.418 công dân",
        ),
        (
            None, "Tài khoản định danh điện tử mức 1", "tài khoản", 71011, None, None,
            "Tính đến ngày 31/5/2023",
        ),
        (
            None, "Hồ sơ đề nghị cấp tài khoản định danh điện tử mức 2 đã thu nhận", "hồ sơ",
            50224, None, None, None,
        ),
        (
            None, "Cuộc thanh tra", "cuộc", 7, None, None,
            "Đã ban hành 02 kết luận, đang triển khai 05 cuộc",
        ),
        (
            None, "Sai phạm phát hiện qua thanh tra", "triệu đồng", 243.9, None, None,
            "Phải thu hồi 160,3 triệu đồng; chấn chỉnh, xử lý khác 83,6 triệu đồng; kiến nghị "
            "kiểm điểm trách nhiệm 06 cá nhân",
        ),
        ("IV", "Công tác xây dựng Đảng, xây dựng hệ thống chính trị", None, None, None, None, None),
        (
            None, "Tổ chức cơ sở đảng", "tổ chức", 63, None, None,
            "43 chi bộ cơ sở, 20 đảng bộ; 276 chi bộ trực thuộc đảng bộ cơ sở",
        ),
        (None, "Tổng số đảng viên", "đảng viên", 4816, None, None, None),
        (None, "Kết nạp đảng viên mới", "đảng viên", 45, None, None, None),
        (None, "Xóa tên, cho ra khỏi đảng", "trường hợp", 7, None, None, None),
        (
            None, "Quần chúng ưu tú được bồi dưỡng lý luận chính trị", "người", 179, None, None,
            "Lớp bồi dưỡng LLCT đợt 1/2023; cử 08 đồng chí học Cao cấp chính trị, 05 đồng chí học "
            "Trung cấp chính trị; lớp đảng viên mới đợt 1 năm 2023 cho 104 đảng viên",
        ),
        (
            None, "Trường hợp được kết luận tiêu chuẩn chính trị", "trường hợp", 173, None, None,
            None,
        ),
        (
            None, "Đảng viên được kiểm tra", "đảng viên", 163, None, None,
            "Kiểm tra 19 tổ chức đảng; giám sát 13 tổ chức đảng và 40 đảng viên",
        ),
        (
            None, "Đảng viên bị thi hành kỷ luật", "đảng viên", 12, None, None,
            "11 khiển trách, 01 cảnh cáo; đình chỉ sinh hoạt đảng 01 đảng viên",
        ),
        (
            None, "Đơn tiếp nhận liên quan đến tổ chức đảng, đảng viên", "đơn", 21, None, None,
            "Chuyển cơ quan có thẩm quyền 09 đơn; hướng dẫn, giải thích 05 đơn",
        ),
    ),
)

# --- 001: targets for 2023 and the 2022 ranking (long layout), and the per-commune figures -----



def _dt(period: str, name: str, unit: str, target: Cell, actual: Cell, note: Cell) -> Row:
    return ("Lâm Đồng", DT, period, name, unit, target, actual, None, note)


DT_TARGETS_2023 = Sheet(
    name="Huyện",
    titles=(),
    header=(LONG_HEADER,),
    rows=(
        _dt(
            "2023", "Vốn đầu tư công", "triệu đồng", 465147, None,
            "Tổng kế hoạch vốn đầu tư năm 2023 được phân bổ",
        ),
        _dt("2023-H1", "Tỷ lệ giải ngân vốn đầu tư công", "%", "trên 50%", None, None),
        _dt("2023-9M", "Tỷ lệ giải ngân vốn đầu tư công", "%", "trên 70%", None, None),
        _dt("2023", "Tỷ lệ giải ngân vốn đầu tư công", "%", "trên 95%", None, None),
        _dt(
            "2023", "Xã hoàn thành các tiêu chí nông thôn mới nâng cao", "xã", 3, None,
            "Đăng ký: xã Liên Hiệp, Phú Hội, Hiệp An",
        ),
        _dt(
            "2023", "Xã hoàn thành các tiêu chí nông thôn mới kiểu mẫu", "xã", 2, None,
            "Đăng ký: xã Ninh Loan (An ninh trật tự), xã Bình Thạnh (Giáo dục)",
        ),
        _dt(
            "2023", "Sản phẩm OCOP mỗi xã, thị trấn", "sản phẩm", "1-2", None,
            "Mỗi xã, thị trấn phải xây dựng tối thiểu 1-2 sản phẩm OCOP trong năm 2023",
        ),
        _dt(
            "2022", "Xếp hạng chỉ số CCHC cấp huyện", "hạng", None, 7,
            "Xếp hạng 7/12 huyện, thành phố",
        ),
    ),
)

_TREES = "Cây trồng theo hồ sơ trồng cây, trồng rừng năm 2023 được thẩm định"

DT_COMMUNES_2023_H1 = Sheet(
    name="Các xã",
    titles=(),
    header=(LONG_HEADER,),
    rows=tuple(
        ("Lâm Đồng", commune, "2023-H1", _TREES, "cây", None, trees, None, None)
        for commune, trees in (
            ("Xã Đà Loan", 1000),
            ("Xã Đa Quyn", 150),
            ("Xã Hiệp Thạnh", 500),
            ("Thị trấn Liên Nghĩa", 2944),
            ("Xã Ninh Loan", 303),
            ("Xã Bình Thạnh", 470),
            ("Xã Phú Hội", 1465),
            ("Xã Tà Năng", 735),
            ("Xã Tà Hine", 100),
            ("Xã Liên Hiệp", 500),
            ("Xã Tân Thành", 100),
        )
    ),
)
