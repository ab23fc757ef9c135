"""Thị xã Đức Phổ, mid-term conclusions 2023 (seed 004), and Xã Đức Trọng, formed on
1 July 2025 (seed 000)."""

from __future__ import annotations

from seed_model import DP, LONG_HEADER, XDT, Pct, Row, Sheet

# --- 004: Thị xã Đức Phổ (Quảng Ngãi), mid-term conclusions 2023 (long csv, ';' + BOM) -------


def _dp(
    period: str, name: str, unit: str, target: str, actual: str, note: str = "",
    pct_prev: str = "",
) -> Row:
    return ("Quảng Ngãi", DP, period, name, unit, target, actual, pct_prev, None, note or None)


# "tăng 13% so với cùng kỳ" is 113 % of the same period last year: a '% so cùng kỳ' column.
DUC_PHO_HEADER: Row = LONG_HEADER[:7] + ("% so cùng kỳ",) + LONG_HEADER[7:]

DUC_PHO = Sheet(
    name="",
    titles=(),
    header=(DUC_PHO_HEADER,),
    rows=(
        _dp(
            "2021-2023", "Tốc độ tăng trưởng bình quân", "%", "", "7,22",
            "Ước đạt, bình quân 03 năm 2021 - 2023",
        ),
        _dp(
            "2023-H1", "Tổng giá trị sản xuất", "tỷ đồng", "", "15.840",
            "Tăng 13% so với cùng kỳ", pct_prev="113",
        ),
        _dp(
            "2023-H1", "Tỷ trọng công nghiệp - xây dựng, dịch vụ", "%", "", "86,7",
            "Chiếm khoảng 86,7%",
        ),
        _dp(
            "2023-H1", "Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "", "",
            "Thu ngân sách tăng 19,6% so với cùng kỳ", pct_prev="119,6",
        ),
        _dp("2023-H1", "Tỷ lệ hộ nghèo", "%", "", "3,62", "Đến tháng 6/2023"),
        _dp("2023", "Tỷ lệ hộ nghèo", "%", "", "3,08", "Ước đến cuối năm 2023"),
        _dp(
            "2023", "Xã đạt chuẩn nông thôn mới nâng cao", "xã", "02", "",
            "Xã Phổ An, xã Phổ Thuận",
        ),
        _dp("2025", "Xã đạt chuẩn nông thôn mới nâng cao", "xã", "05", ""),
        _dp("2025", "Tỷ lệ đô thị hoá", "%", "khoảng 60%", ""),
        _dp(
            "2025", "Trường đạt chuẩn quốc gia mức độ 1", "%", "100", "",
            "100% trường đạt chuẩn và duy trì đạt chuẩn quốc gia mức độ 1",
        ),
        _dp("2025", "Trường đạt chuẩn quốc gia mức độ 2", "trường", "từ 03 đến 05", ""),
        # The 2026 target 'giảm ít nhất 01 phòng chuyên môn' is left out: thị xã Đức Phổ
        # ceased to exist on 1 July 2025, so no unit is valid for that period.
    ),
)

# --- 000: Xã Đức Trọng (2025 system), columns in another order --------------------------------

XA_DUC_TRONG = Sheet(
    name="Xã Đức Trọng",
    titles=(),
    header=(("Kỳ", "Tỉnh", "Địa phương", "Chỉ tiêu", "ĐVT", "Thực hiện", "Kế hoạch", "Ghi chú"),),
    rows=(
        (
            2025, "Lâm Đồng", XDT, "Diện tích tự nhiên", "km²", 148.78, None,
            "Thành lập theo Nghị quyết số 1671/NQ-UBTVQH15 ngày 16/6/2025, sáp nhập thị trấn "
            "Liên Nghĩa và xã Phú Hội (cũ)",
        ),
        (2025, "Lâm Đồng", XDT, "Dân số", "người", 85163, None, None),
        (2025, "Lâm Đồng", XDT, "Người dân tộc thiểu số", "người", 31878, None, None),
        (
            2025, "Lâm Đồng", XDT, "Tỷ lệ người dân tộc thiểu số", "%", Pct(0.37, "0%"), None,
            "Chiếm khoảng 37% dân số",
        ),
        (
            "2025-2030", "Lâm Đồng", XDT,
            "Tốc độ tăng tổng thu ngân sách nhà nước trên địa bàn xã bình quân hàng năm",
            "%/năm", None, "khoảng 10-11%", None,
        ),
        (
            "2020-2025", "Lâm Đồng", XDT, "Tổng mức đầu tư các công trình được phê duyệt",
            "tỷ đồng", 2000, None, "Khoảng 2.000 tỷ đồng",
        ),
    ),
)
