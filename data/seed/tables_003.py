"""Thành phố Bảo Lộc, mid-term report 2020–2025 (seed 003): the appendix with its header
repeated at page breaks, the yearly figures, and the text's remaining-term targets and results."""

from __future__ import annotations

from seed_model import BL, Row, Sheet

# --- 003: Thành phố Bảo Lộc, mid-term report — appendix with its header repeated --------------

HEADER_003: Row = (
    "TT", "CHỈ TIÊU", "ĐVT", "Chỉ tiêu Nghị quyết ĐH VI", "Kết quả thực hiện", "So sánh NQ ĐH VI",
)

MIDTERM_BAO_LOC = Sheet(
    name="Phụ lục",
    titles=(
        "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU",
        "THEO NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ THÀNH PHỐ",
        "LẦN THỨ VI, NHIỆM KỲ 2020 – 2025",
        "(Kèm theo Báo cáo số 203-BC/ThU ngày 25/5/2023 của Thành ủy)",
    ),
    header=(HEADER_003,),
    locality=BL,
    period="2021-2023",
    rows=(
        ("I", "Các chỉ tiêu về kinh tế - xã hội", None, None, None, None),
        ("1", "Về kinh tế", None, None, None, None),
        (
            "1.1",
            "Tăng trưởng tổng giá trị sản xuất bình quân giai đoạn 2021 -2023 (theo giá so sánh "
            "năm 2010), trong đó:",
            "%/năm", "8,5-9,5", 7.8, "Chưa đạt",
        ),
        (None, "- Khu vực công nghiệp - xây dựng tăng", "%/năm", "9,5-11", 8.5, "Chưa đạt"),
        (None, "- Khu vực dịch vụ tăng;", "%/năm", "10-11", 8.8, "Chưa đạt"),
        (
            None, "- Khu vực nông, lâm nghiệp và thuỷ sản tăng.", "%/năm", "3,5-4,5", 3,
            "Chưa đạt",
        ),
        (
            "1.2",
            "Tổng thu ngân sách nhà nước giai đoạn 2021-2023 ước đạt 8.397 tỷ đồng, tăng bình "
            "quân:",
            "%/năm", "11-12", 20.4, "Đạt",
        ),
        (None, "Trong đó: thuế, phí tăng bình quân", "%/năm", "12-14", 19.4, "Đạt"),
        (
            "1.3",
            "Tổng kim ngạch xuất khẩu 3 năm ước đạt 575 triệu USD, đạt 33% so kế hoạch giai đoạn "
            "2021-2025.",
            "%/năm", 10, 8.5, "Chưa đạt",
        ),
        ("2", "Văn hóa – xã hội", None, None, None, None),
        ("2.1", "Tỷ lệ hộ nghèo", "%", "0,2 (theo tiêu chí cũ)", 0.37, "Chưa đạt"),
        ("2.2", "Tỷ lệ tăng dân số tự nhiên", "%", "dưới 1,0", 0.85, "Đạt"),
        (
            "2.3",
            "100% phường giữ vững chuẩn văn minh đô thị và đạt chuẩn phường phát triển toàn diện; "
            "100% số xã đạt chuẩn nông thôn mới với chỉ số điểm chuẩn 90% trở lên.",
            "%", 100, 100, "Đạt",
        ),
        HEADER_003,
        (None, "Có 01 xã đạt chuẩn nông thôn mới kiểu mẫu.", "xã", "01-02", "01", "Đạt"),
        ("2.4", "Tỷ lệ bảo hiểm y tế toàn dân đến năm 2023", "%", 95, 93.3, "Chưa đạt"),
        ("2.5", "Có 100% xã, phường đạt chuẩn quốc gia về y tế", None, None, None, None),
        (None, "Tỷ lệ bác sĩ/1 vạn dân.", "Bác sĩ/1 vạn dân", "9-10", 10.79, "Đạt"),
        (None, "Có giường bệnh/1 vạn dân.", "giường bệnh/1 vạn dân", 39, 34.11, "Chưa đạt"),
        (
            "2.6",
            "- Tỷ lệ hộ gia đình văn hóa đạt %; - Thôn, tổ dân phố văn hóa đạt 100%; xã, phường "
            "đạt chuẩn văn hóa %;",
            "%", "90 – 95", 97.3, "Đạt",
        ),
        (
            None,
            "- Cơ quan, đơn vị, doanh nghiệp có tổ chức công đoàn đạt chuẩn văn hóa;",
            "%", 98, 100, "Đạt",
        ),
        (
            None, "+ Có 50% thôn, tổ dân phố đạt chuẩn “Khu dân cư tiêu biểu”,", "%", 50, 50,
            "Đạt",
        ),
        (None, "+ Có 30% trở lên đạt “Khu dân cư kiểu mẫu”", "%", 30, 30, "Đạt"),
        ("2.7", "Tỷ lệ kiên cố hóa trường lớp", "%", 95, 95, "Đạt"),
        (
            None, "Số trường công lập đạt chuẩn quốc gia giai đoạn 1 là 57/66 trường", "%", 100,
            88.14, "Chưa đạt",
        ),
        (
            None, "Số trường công lập đạt chuẩn QG giai đoạn 2 là 18/57 trường.", "%", 50, 18.57,
            "Chưa đạt",
        ),
        (
            "2.8", "Tỷ lệ hộ dân khu vực nội thị sử dụng nước hợp vệ sinh", "%", "> 98", 98,
            "Đạt",
        ),
        (None, "- Sử dụng nước máy", "%", "> 90", 54.3, "Chưa đạt"),
        (None, "- Sử dụng nước hợp vệ sinh khu vực nông thôn", "%", "> 98", 99, "Đạt"),
        HEADER_003,
        ("2.9", "Tỷ lệ thu gom và xử lý rác thải đô thị", "%", 95, 92, "Chưa đạt"),
        ("2.10", "Tỷ lệ che phủ rừng", "%", "> 6", 6.5, "Đạt"),
        ("II", "Về xây dựng hệ thống chính trị", None, None, None, None),
        (
            "1",
            "Hàng năm, có trên 80% tổ chức cơ sở đảng đạt tiêu chuẩn “Hoàn thành tốt nhiệm vụ” "
            "trở lên",
            "%", "> 80", "> 80", "Đạt",
        ),
        (
            None,
            "- Kết nạp được 263 quần chúng ưu tú vào Đảng, đạt 47,8%.",
            "đảng viên mới/năm", "Bình quân kết nạp từ 110 – 120", "263 đảng viên/ 3 năm",
            "Chưa đạt",
        ),
    ),
)

# --- 003: yearly figures (by-year layout, two header rows) --------------------------------------

BY_YEAR_BAO_LOC = Sheet(
    name="Theo năm",
    titles=("THÀNH PHỐ BẢO LỘC", "MỘT SỐ CHỈ TIÊU QUA CÁC NĂM CỦA NHIỆM KỲ"),
    header=(
        ("STT", "Chỉ tiêu", "ĐVT", "Thực hiện", None, None, "Kế hoạch giai đoạn 2023 - 2025"),
        (None, None, None, "Năm 2021", "Năm 2022", "Ước năm 2023", None),
    ),
    header_merges=((1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 1, 6), (1, 7, 2, 7)),
    locality=BL,
    rows=(
        (
            "1", "Tăng trưởng tổng giá trị sản xuất (theo giá so sánh năm 2010)", "%", 4.2, 9.7,
            9.8, "9,7-10",
        ),
        (None, "- Công nghiệp - xây dựng", "%", None, None, None, "10,5-11"),
        (None, "- Thương mại - dịch vụ", "%", None, None, None, "11-12"),
        (None, "- Nông nghiệp", "%", None, None, None, "4-5"),
        ("2", "Số lượt khách du lịch đến địa bàn", "lượt", 86260, 135327, 145000, None),
        ("3", "Tổ chức cơ sở đảng hoàn thành tốt nhiệm vụ", "%", 80.88, 82.08, None, None),
        (None, "Tổ chức cơ sở đảng hoàn thành xuất sắc nhiệm vụ", "%", 20, 14.54, None, None),
        (None, "Tổ chức cơ sở đảng hoàn thành nhiệm vụ", "%", 19.12, 13.32, None, None),
        (None, "Tổ chức cơ sở đảng không hoàn thành nhiệm vụ", "%", None, 4.41, None, None),
        ("4", "Đảng viên hoàn thành xuất sắc nhiệm vụ", "%", 17.67, 15.93, None, None),
        (None, "Đảng viên hoàn thành tốt nhiệm vụ", "%", 87.61, 95.48, None, None),
        (None, "Đảng viên hoàn thành nhiệm vụ", "%", 3.38, 3.89, None, None),
        (None, "Đảng viên không hoàn thành nhiệm vụ", "%", 0.51, 0.42, None, None),
    ),
)

# --- 003: remaining-term targets and the other figures of the text (long csv, ',' no BOM) ------


def _bl(period: str, name: str, unit: str, target: str, actual: str, note: str = "") -> Row:
    return (BL, period, name, unit, target, actual, None, note or None)


_BL_TARGETS: tuple[Row, ...] = (
    _bl("2021-2025", "Tăng trưởng giá trị sản xuất", "%", "8,5 – 9,5", ""),
    _bl(
        "2023-2025", "Thuế phí tăng bình quân hàng năm", "%/năm", "12-14", "",
        "Hàng năm, hoàn thành dự toán Thu ngân sách nhà nước trên địa bàn",
    ),
    _bl(
        "2023-2025", "Tổng kim ngạch xuất khẩu", "triệu USD", "1.125", "",
        "Thực hiện trong 03 năm còn lại của nhiệm kỳ",
    ),
    _bl("2025", "Tỷ lệ tăng dân số tự nhiên", "%", "dưới 11%", "", "Như văn bản gốc"),
    _bl("2025", "Tỷ lệ hộ nghèo theo tiêu chí mới", "%", "dưới 0,20%", ""),
    _bl("2025", "Số trường công lập đạt chuẩn quốc gia", "trường", "59", "", "Đạt 100%"),
    _bl("2025", "Trường đạt chuẩn quốc gia giai đoạn 2", "%", "trên 50%", ""),
    _bl("2025", "Tỷ lệ hộ dân được sử dụng điện lưới quốc gia", "%", "100", ""),
    _bl("2025", "Tỷ lệ bảo hiểm y tế toàn dân", "%", "trên 95%", ""),
    _bl("2025", "Phường, xã đạt chuẩn quốc gia về y tế", "%", "100", ""),
    _bl("2025", "Bác sĩ/1 vạn dân", "bác sĩ/1 vạn dân", "9-10", ""),
    _bl("2025", "Tỷ lệ hộ gia đình văn hóa", "%", "trên 95%", ""),
    _bl("2025", "Thôn, tổ dân phố văn hóa", "%", "100", ""),
    _bl("2025", "Xã, phường đạt chuẩn văn hóa", "%", "100", ""),
    _bl(
        "2025", "Cơ quan, đơn vị, doanh nghiệp có tổ chức công đoàn đạt chuẩn văn hóa", "%",
        "100", "",
    ),
    _bl("2025", "Tỷ lệ hộ dân khu vực nội thị sử dụng nước máy", "%", "70", ""),
    _bl("2025", "Nước hợp vệ sinh khu vực nông thôn", "%", "98", ""),
    _bl("2025", "Tỷ lệ che phủ rừng", "%", "trên 6%", ""),
    _bl(
        "2023-2025",
        "Tổ chức cơ sở Đảng, đảng viên được đánh giá xếp loại từ hoàn thành tốt nhiệm vụ trở lên",
        "%", "trên 90%", "", "Hàng năm",
    ),
    _bl("2023-2025", "Tỷ lệ kết nạp đảng viên", "%/tổng số đảng viên", "3 - 4", ""),
    _bl("2025", "Doanh nghiệp hoạt động", "doanh nghiệp", "từ 2.200 - 2.500", ""),
    _bl(
        "2023-2025",
        "Tăng trưởng giá trị sản xuất các ngành chế biến nông sản, tơ lụa, dệt may", "%",
        "10 - 12", "",
    ),
    _bl("2023-2025", "Lượng khách lưu trú tăng bình quân", "%/năm", "từ 14 - 15", ""),
    _bl(
        "2023-2025",
        "Hợp tác xã ứng dụng công nghệ cao vào sản xuất, tiêu thụ sản phẩm nông nghiệp",
        "hợp tác xã", "từ 02", "",
    ),
)

_BL_RESULTS: tuple[Row, ...] = (
    _bl("2021-2023", "Tổng thu ngân sách nhà nước", "tỷ đồng", "", "8.397", "Ước đạt"),
    _bl(
        "2021-2023", "Tổng kim ngạch xuất khẩu", "triệu USD", "", "575",
        "Ước đạt; đạt 33% so kế hoạch giai đoạn 2021-2025; giảm bình quân 8,5%/năm",
    ),
    _bl(
        "2021-2023", "Tỷ trọng ngành công nghiệp xây dựng", "%", "", "45,29",
        "Cơ cấu ngành kinh tế",
    ),
    _bl("2021-2023", "Tỷ trọng ngành thương mại dịch vụ", "%", "", "41,69", "Cơ cấu ngành kinh tế"),
    _bl(
        "2021-2023", "Tỷ trọng ngành nông lâm nghiệp và thủy sản", "%", "", "13,01",
        "Cơ cấu ngành kinh tế",
    ),
    _bl(
        "2023", "Giá trị sản xuất nông nghiệp", "tỷ đồng", "", "2.524",
        "Ước đạt; tăng bình quân hàng năm 3%/năm",
    ),
    _bl("2023", "Tỷ trọng ngành chăn nuôi trong giá trị sản xuất nông nghiệp", "%", "", "37,94"),
    _bl("2023", "Tỷ trọng trồng trọt trong giá trị sản xuất nông nghiệp", "%", "", "58,64"),
    _bl(
        "2021-2023", "Giá trị thu hoạch trồng trọt trên đơn vị diện tích", "triệu đồng/ha", "",
        "145,5", "Tăng bình quân hàng năm 11,1%/năm",
    ),
    _bl(
        "2021-2023", "Số khách đến địa bàn và số khách lưu trú tại địa bàn tăng bình quân",
        "%/năm", "", "200",
    ),
    _bl("2023", "Cơ sở dịch vụ lưu trú", "cơ sở", "", "104", "Hiện có"),
    _bl(
        "2021-2022", "Trồng rừng, trồng cây phân tán", "cây", "3.871.000", "495.000",
        "Đạt 12,79% so kế hoạch giao",
    ),
    _bl("2021-2023", "Số doanh nghiệp tăng bình quân hàng năm", "%/năm", "", "4,5"),
    _bl("2023", "Doanh nghiệp đang hoạt động", "doanh nghiệp", "", "1.115", "Ước"),
    _bl("2023", "Hộ kinh doanh cá thể", "hộ", "", "trên 9.500"),
    _bl("2021-2023", "Hộ kinh doanh cá thể tăng bình quân", "%/năm", "", "1,6"),
    _bl(
        "2023", "Dự án trong danh mục kêu gọi thu hút đầu tư", "dự án", "", "41",
        "Được UBND tỉnh Lâm Đồng phê duyệt, tập trung vào 04 lĩnh vực",
    ),
    _bl(
        "2021-2022", "Kinh phí 3 chương trình mục tiêu quốc gia", "tỷ đồng", "18,3", "10,43",
        "Được phân bổ 18,3 tỷ đồng, đã triển khai 10,43 tỷ đồng",
    ),
    _bl(
        "2023", "Kinh phí 3 chương trình mục tiêu quốc gia", "tỷ đồng", "11,02", "",
        "Kế hoạch phân bổ",
    ),
    _bl(
        "2021-2023", "Vốn đầu tư công", "tỷ đồng", "1.167,81", "1.049,87",
        "Ước thực hiện đến hết năm 2023; kế hoạch tăng 756,71 tỷ đồng (184%), thực hiện tăng "
        "654,02 tỷ đồng (165%) so với cùng kỳ giai đoạn 2016 – 2018",
    ),
    _bl(
        "2021-2023", "Tỷ lệ giải ngân kế hoạch đầu tư công", "%", "", "89,9", "% kế hoạch vốn",
    ),
    _bl(
        "2016-2018", "Tỷ lệ giải ngân kế hoạch đầu tư công", "%", "", "96,29", "% kế hoạch vốn",
    ),
    _bl(
        "2023", "Tiêu chuẩn đô thị loại II đã đạt", "tiêu chuẩn", "", "42",
        "42/51 tiêu chuẩn",
    ),
    _bl("2022", "Tỷ lệ bác sĩ/1 vạn dân", "bác sĩ/1 vạn dân", "", "10,79"),
    _bl("2022", "Giường bệnh/1 vạn dân", "giường bệnh/1 vạn dân", "", "34,11"),
    _bl("2023", "Tỷ lệ bảo hiểm y tế toàn dân", "%", "", "93,3", "Ước đạt"),
    _bl(
        "2023", "Thôn, tổ dân phố được công nhận danh hiệu văn hóa", "đơn vị", "", "164",
        "164/164 đơn vị, chiếm tỷ lệ 100%",
    ),
    _bl("2023", "Hộ nghèo", "hộ", "", "193"),
    _bl("2023", "Hộ cận nghèo", "hộ", "", "574"),
    _bl(
        "2021-2023", "Giải quyết việc làm hàng năm", "lao động", "", "4.500 – 5.500",
        "Trung bình hàng năm",
    ),
    _bl("2021-2023", "Lao động qua đào tạo", "%", "", "65"),
    _bl("2023", "Lao động qua đào tạo có bằng cấp, chứng chỉ", "%", "", "24", "Ước năm 2023"),
    _bl("2021-2023", "Giao quân", "thanh niên", "", "315", "Đạt 100% chỉ tiêu"),
    _bl(
        "2021-2023", "Diễn tập khu vực phòng thủ thành phố", "cuộc", "1", "1",
        "1/1, đạt 100% kế hoạch nhiệm kỳ",
    ),
    _bl(
        "2021-2023", "Diễn tập chiến đấu phòng thủ xã, phường", "xã, phường", "", "5",
        "5/11, đạt 100% so với kế hoạch hàng năm",
    ),
    _bl(
        "2021-2023", "Lực lượng dân quân so với dân số", "%", "", "1,5",
        "Theo Đề án của UBND tỉnh",
    ),
    _bl("2021-2023", "Tai nạn giao thông", "vụ", "", "52"),
    _bl("2021-2023", "Số người chết do tai nạn giao thông", "người", "", "35"),
    _bl("2021-2023", "Số người bị thương do tai nạn giao thông", "người", "", "40"),
    _bl(
        "2021-2023", "Trường hợp vi phạm giao thông bị lập biên bản xử phạt", "trường hợp", "",
        "4.965",
    ),
    _bl("2021-2023", "Tiền xử phạt vi phạm giao thông", "tỷ đồng", "", "10,34"),
    _bl(
        "2021-2023", "Vụ phạm tội về trật tự xã hội", "vụ", "", "360",
        "48 vụ án rất nghiêm trọng, 6 vụ đặc biệt nghiêm trọng; làm chết 5 người, bị thương 79 "
        "người; thiệt hại tài sản 29,98 tỷ đồng",
    ),
    _bl("2021-2023", "Tỷ lệ điều tra phá án", "%", "", "89,2", "321/360 vụ"),
    _bl(
        "2021-2023",
        "Tỷ lệ điều tra phá án rất nghiêm trọng và đặc biệt nghiêm trọng", "%", "", "96,3",
        "52/54 vụ",
    ),
    _bl(
        "2021-2023",
        "Đối tượng vi phạm hành chính trong lĩnh vực kinh tế và môi trường được xử lý",
        "đối tượng", "", "231", "231/231 đối tượng; xử phạt 2,14 tỷ đồng",
    ),
    _bl(
        "2021-2023", "Vụ liên quan đến ma túy bị triệt phá", "vụ", "", "142",
        "Bắt giữ 270 đối tượng",
    ),
    _bl(
        "2023", "Tổ chức cơ sở đảng", "tổ chức", "", "69",
        "18 đảng bộ cơ sở, 51 chi bộ cơ sở; tăng 01 tổ chức so với đầu nhiệm kỳ",
    ),
    _bl("2023", "Chi bộ trực thuộc đảng ủy cơ sở", "chi bộ", "", "289"),
    _bl(
        "2023", "Tổng số đảng viên", "đảng viên", "", "5.156",
        "5.065 đảng viên chính thức, 100 đảng viên dự bị, 2.125 đảng viên nữ, 94 đảng viên dân "
        "tộc, 446 đảng viên là người có đạo",
    ),
    _bl(
        "2021-2023", "Cán bộ được bồi dưỡng nghiệp vụ cấp ủy cơ sở, Bí thư Chi bộ",
        "đồng chí", "", "714", "03 lớp",
    ),
    _bl("2021-2023", "Lượt tổ chức Đảng được kiểm tra, giám sát chuyên đề", "lượt", "", "363"),
    _bl("2021-2023", "Lượt đảng viên được kiểm tra, giám sát chuyên đề", "lượt", "", "463"),
    _bl(
        "2021-2023", "Đảng viên bị xử lý kỷ luật", "đảng viên", "", "53",
        "Đến ngày 30/4/2023; 01 tổ chức đảng bị xử lý kỷ luật; cấp ủy các cấp kỷ luật 33 đảng "
        "viên, Ủy ban Kiểm tra Thành ủy kỷ luật 33 đảng viên",
    ),
    _bl(
        "2021-2023", "Đơn tố cáo được tiếp nhận, xử lý", "đơn", "", "133",
        "Ủy ban Kiểm tra các cấp; UBKT Thành ủy tiếp nhận 129 đơn",
    ),
    _bl("2020", "Vụ tham nhũng được phát hiện, xử lý", "vụ", "", "01", "Tháng 11/2020"),
)

TEXT_BAO_LOC = Sheet(
    name="",
    titles=(),
    header=(
        ("Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá", "Ghi chú"),
    ),
    rows=_BL_TARGETS + _BL_RESULTS,
)
