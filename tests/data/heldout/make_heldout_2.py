"""A second held-out set of report tables, written after the first one passed and never used to
fix the reader: a provincial department's table with the districts in columns, units inside the
indicator names, a province's budget estimate in tỷ đồng with Roman-numeral groups, thousands
written with spaces and dots, real Excel numbers with percent formats, statuses in a 9-month
report, a mid-term table with typed targets ('≥ 8,5', 'Trên 95%', '7-7,5', 'Giảm 1%/năm'), a
Word report whose first table is the Party letterhead, a Windows-1258 CSV, hidden helper columns
and an empty first column, a ward whose name exists in many provinces, and a district whose name
exists in two provinces (to be refused), each with what a careful reader would store.

    python tests/data/heldout/make_heldout_2.py OUT            # write the files into OUT
    python tests/data/heldout/make_heldout_2.py OUT --check DB # and load each through the CLI
                                                               # into a fresh DB and compare

Deterministic: the same files every run. Not a test the suite runs."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.data.heldout import harness  # noqa: E402
from tests.data.heldout.harness import Case, xlsx  # noqa: E402
from tests.workbook import write_csv  # noqa: E402

LAM_DONG = "T63-68"
DA_LAT, BAO_LOC, DAM_RONG, LAC_DUONG = "H63-672", "H63-673", "H63-674", "H63-675"
LAM_HA, DON_DUONG, DUC_TRONG, DI_LINH = "H63-676", "H63-677", "H63-678", "H63-679"
PHUONG_2_BAO_LOC = "X63-24820"


class _Skip:
    def __repr__(self) -> str:
        return "—"


SKIP = _Skip()   # a field the case does not check


class Row(NamedTuple):
    """One stored observation as expected: None is a measure that must be empty, SKIP one not
    checked. `target` is the target's low bound (its value for '='), `high` its high bound."""

    locality: str
    name: str
    period: str
    target: float | None | _Skip = None
    actual: float | None | _Skip = None
    pct_target: float | None | _Skip = None
    pct_prev: float | None | _Skip = None
    op: str | None | _Skip = SKIP
    high: float | None | _Skip = SKIP
    target_text: str | None | _Skip = SKIP
    unit: str | None | _Skip = SKIP
    status: str | None | _Skip = SKIP


def _split(locality: str, rows: list[tuple], target_period: str, actual_period: str,
           ) -> list[Row]:
    return harness.split(Row, locality, rows, target_period, actual_period)


# --- the cases ------------------------------------------------------------------------------

def case_department_districts_in_columns() -> Case:
    """A provincial department's table: indicators in rows, the province and its districts in
    columns."""
    cols = [("Toàn tỉnh", LAM_DONG), ("TP. Đà Lạt", DA_LAT), ("TP. Bảo Lộc", BAO_LOC),
            ("Huyện Đức Trọng", DUC_TRONG), ("Huyện Lâm Hà", LAM_HA), ("Huyện Di Linh", DI_LINH)]
    data = [("Số hộ nghèo", "hộ", [5_120, 210, 180, 640, 590, 980]),
            ("Tỷ lệ hộ nghèo", "%", [1.45, 0.32, 0.41, 1.12, 1.35, 2.41]),
            ("Số hộ cận nghèo", "hộ", [6_300, 330, 260, 720, 800, 1_100])]
    rows = [
        ["UBND TỈNH LÂM ĐỒNG"],
        ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"],
        ["KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023 PHÂN THEO HUYỆN, THÀNH PHỐ"],
        [],
        ["STT", "Chỉ tiêu", "ĐVT", *[c for c, _ in cols]],
        *[[i, n, u, *v] for i, (n, u, v) in enumerate(data, 1)],
    ]
    expected = [Row(loc, n, "2023", actual=v) for n, _, vs in data
                for (_, loc), v in zip(cols, vs, strict=True)]
    return Case("department_districts_in_columns", "01_so_theo_huyen.xlsx", xlsx(rows),
                expected, what="indicators in rows, 'Toàn tỉnh | TP. Đà Lạt | … ' in columns")


def case_unit_in_name() -> Case:
    data = [("Thu nhập bình quân đầu người", "triệu đồng/người", 75, "76,5", 102.0, 75, 76.5),
            ("Tổng thu ngân sách nhà nước trên địa bàn", "tỷ đồng", "1.050", "1.112,4", 105.9,
             1_050, 1_112.4),
            ("Tỷ lệ hộ nghèo", "%", "0,3", "0,25", None, 0.3, 0.25),
            ("Số lượt khách du lịch", "lượt", "1.200.000", "1.260.500", 105.0, 1_200_000,
             1_260_500)]
    rows = [
        ["UBND THÀNH PHỐ BẢO LỘC"],
        ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU CHỦ YẾU NĂM 2023"],
        ["STT", "Chỉ tiêu", "Kế hoạch 2023", "Thực hiện 2023", "So với KH (%)"],
        *[[i, f"{n} ({u})", t, a, p] for i, (n, u, t, a, p, _, _) in enumerate(data, 1)],
    ]
    expected = [Row(BAO_LOC, n, "2023", target=t, actual=a, pct_target=p, unit=u)
                for n, u, _, _, p, t, a in data]
    return Case("unit_in_name", "02_dvt_trong_ten.xlsx", xlsx(rows), expected,
                what="no ĐVT column: 'Thu nhập bình quân đầu người (triệu đồng/người)'")


def case_province_budget_roman() -> Case:
    data = [(None, "TỔNG THU NSNN TRÊN ĐỊA BÀN", 11_500, 12_650.5, 110.0),
            ("I", "Thu nội địa", 10_900, 11_980.5, 109.9),
            (1, "Thu từ doanh nghiệp nhà nước trung ương", 1_250, 1_310.2, 104.8),
            (2, "Thu từ khu vực công thương nghiệp ngoài quốc doanh", 2_400, 2_615.0, 109.0),
            ("a", "Thuế giá trị gia tăng", 1_500, 1_620.3, 108.0),
            ("b", "Thuế thu nhập doanh nghiệp", 600, 655.7, 109.3),
            ("II", "Thu từ hoạt động xuất nhập khẩu", 600, 670.0, 111.7)]
    rows = [
        ["UBND TỈNH LÂM ĐỒNG"],
        ["ƯỚC THỰC HIỆN THU NGÂN SÁCH NHÀ NƯỚC NĂM 2024"],
        [None, None, None, None, "Đơn vị: Tỷ đồng"],
        ["STT", "Nội dung", "Dự toán HĐND tỉnh giao", "Ước thực hiện cả năm", "% so DT"],
        ["A", "B", 1, 2, "3=2/1"],
        *[list(r) for r in data],
    ]
    expected = [Row(LAM_DONG, n, "2024", target=t, actual=a, pct_target=p, unit="tỷ đồng")
                for _, n, t, a, p in data]
    return Case("province_budget_roman", "03_du_toan_tinh.xlsx", xlsx(rows), expected,
                what="'Dự toán HĐND tỉnh giao | Ước thực hiện cả năm | % so DT', I/1/a groups")


def case_thousands_spaces_dots() -> Case:
    data = [("Tổng diện tích gieo trồng", "ha", "46 250", "46 812", 46_250, 46_812),
            ("Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "1.150.000", "1.234.567",
             1_150_000, 1_234_567),
            ("Số lượt khách du lịch", "lượt", "120\u00a0000", "135\u00a0400", 120_000, 135_400),
            ("Sản lượng cà phê nhân", "Tấn", "92 345,5", "95 010,8", 92_345.5, 95_010.8)]
    rows = [
        ["UBND HUYỆN DI LINH"],
        ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023"],
        *[[i, n, u, t, a] for i, (n, u, t, a, _, _) in enumerate(data, 1)],
    ]
    expected = [Row(DI_LINH, n, "2023", target=t, actual=a) for n, _, _, _, t, a in data]
    return Case("thousands_spaces_dots", "04_dau_cach_hang_nghin.xlsx", xlsx(rows), expected,
                what="'46 250', '1.234.567', '120 000' (no-break space), '92 345,5' as text")


def case_excel_percent_cells() -> Case:
    rows = [
        ["UBND THÀNH PHỐ ĐÀ LẠT"],
        ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "TH/KH"],
        [1, "Tỷ lệ hộ nghèo", "%", 0.005, 0.0042, 0.84],
        [2, "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", 0.95, 0.962, 1.013],
        [3, "Số lượt khách du lịch", "lượt", 8_500_000, 8_700_000, 1.024],
        [4, "Tỷ lệ che phủ rừng", "%", 0.65, 0.652, 1.003],
    ]
    formats = {"D4": "0.0%", "E4": "0.00%", "F4": "0%",
               "D5": "0%", "E5": "0.0%", "F5": "0.0%",
               "D6": "#,##0", "E6": "#,##0", "F6": "0.0%",
               "D7": "0%", "E7": "0.0%", "F7": "0.0%"}
    expected = [Row(DA_LAT, "Tỷ lệ hộ nghèo", "2023", 0.5, 0.42, 84.0),
                Row(DA_LAT, "Tỷ lệ dân số tham gia bảo hiểm y tế", "2023", 95, 96.2, 101.3),
                Row(DA_LAT, "Số lượt khách du lịch", "2023", 8_500_000, 8_700_000, 102.4),
                Row(DA_LAT, "Tỷ lệ che phủ rừng", "2023", 65, 65.2, 100.3)]
    return Case("excel_percent_cells", "05_o_phan_tram.xlsx", xlsx(rows, formats=formats),
                expected, what="numeric cells formatted '0.0%', '0%', '#,##0'; 'TH/KH' as 84%")


def case_nine_months_statuses() -> Case:
    data = [("Tổng diện tích gieo trồng", "ha", 21_500, 21_850, "Vượt", "Vượt"),
            ("Tỷ lệ hộ nghèo", "%", "1,2", "1,2", "Đạt", "Đạt"),
            ("Tỷ lệ dân số tham gia bảo hiểm y tế", "%", 95, "92,4", "Không đạt", "Chưa đạt"),
            ("Tỷ lệ hộ gia đình văn hóa", "%", 92, "91,5", "Cơ bản đạt", "Đạt")]
    values = {"1,2": 1.2, "92,4": 92.4, "91,5": 91.5}
    rows = [
        ["UBND HUYỆN ĐƠN DƯƠNG"],
        ["BÁO CÁO TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI 9 THÁNG NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 9 tháng năm 2024",
         "Đánh giá"],
        *[[i, n, u, t, a, s] for i, (n, u, t, a, s, _) in enumerate(data, 1)],
    ]
    expected = []
    for n, _, t, a, _, verdict in data:
        expected.append(Row(DON_DUONG, n, "2024", target=values.get(t, t)))
        expected.append(Row(DON_DUONG, n, "2024-9M", actual=values.get(a, a), status=verdict))
    return Case("nine_months_statuses", "06_9_thang_danh_gia.xlsx", xlsx(rows), expected,
                what="'Đạt', 'Không đạt', 'Vượt', 'Cơ bản đạt' in a 9-month report")


def case_midterm_typed_targets() -> Case:
    rows = [
        ["UBND HUYỆN DI LINH"],
        ["ĐÁNH GIÁ GIỮA NHIỆM KỲ KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NGHỊ QUYẾT ĐẠI HỘI ĐẢNG BỘ "
         "HUYỆN GIAI ĐOẠN 2021-2025"],
        ["STT", "Chỉ tiêu", "ĐVT", "Mục tiêu giai đoạn 2021-2025", "Ước TH 2021-2023",
         "Đánh giá"],
        [1, "Tốc độ tăng trưởng kinh tế bình quân", "%", "≥ 8,5%", "8,1", "Chưa đạt"],
        [2, "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "Trên 95%", "95,6", "Đạt"],
        [3, "Tốc độ tăng giá trị sản xuất ngành nông, lâm nghiệp và thủy sản", "%", "7-7,5%",
         "7,2", "Đạt"],
        [4, "Tỷ lệ hộ nghèo", "%", "Giảm 1%/năm", "2,1", "Đạt"],
    ]
    t, a = "2021-2025", "2021-2023"
    expected = [
        Row(DI_LINH, "Tốc độ tăng trưởng kinh tế bình quân", t, target=8.5, op=">=", high=None),
        Row(DI_LINH, "Tốc độ tăng trưởng kinh tế bình quân", a, actual=8.1, status="Chưa đạt"),
        Row(DI_LINH, "Tỷ lệ dân số tham gia bảo hiểm y tế", t, target=95, op=">", high=None),
        Row(DI_LINH, "Tỷ lệ dân số tham gia bảo hiểm y tế", a, actual=95.6, status="Đạt"),
        Row(DI_LINH, "Tốc độ tăng giá trị sản xuất ngành nông, lâm nghiệp và thủy sản", t,
            target=7, op="range", high=7.5),
        Row(DI_LINH, "Tốc độ tăng giá trị sản xuất ngành nông, lâm nghiệp và thủy sản", a,
            actual=7.2, status="Đạt"),
        # 'Giảm 1%/năm' is a pace, not a level: kept as written, its parse not checked
        Row(DI_LINH, "Tỷ lệ hộ nghèo", t, target=SKIP, target_text="Giảm 1%/năm"),
        Row(DI_LINH, "Tỷ lệ hộ nghèo", a, actual=2.1, status="Đạt"),
    ]
    return Case("midterm_typed_targets", "07_giua_nhiem_ky.xlsx", xlsx(rows), expected,
                what="'Mục tiêu giai đoạn 2021-2025 | Ước TH 2021-2023' with '≥ 8,5%', "
                     "'Trên 95%', '7-7,5%', 'Giảm 1%/năm'")


def _docx_letterhead(path: Path) -> None:
    import docx

    document = docx.Document()
    head = document.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "HUYỆN ỦY LẠC DƯƠNG\n*\nSố 125-BC/HU"
    head.cell(0, 1).text = ("ĐẢNG CỘNG SẢN VIỆT NAM\n"
                            "Lạc Dương, ngày 12 tháng 12 năm 2023")
    for line in ("BÁO CÁO", "kết quả thực hiện các chỉ tiêu chủ yếu năm 2023"):
        document.add_paragraph(line)
    rows = [["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Ước thực hiện", "Đánh giá"],
            ["1", "Tốc độ tăng trưởng kinh tế", "%", "8,5", "8,7", "Vượt"],
            ["2", "Thu nhập bình quân đầu người", "Triệu đồng", "58", "59,2", "Vượt"],
            ["3", "Tỷ lệ hộ nghèo", "%", "Dưới 5", "4,6", "Đạt"],
            ["4", "Số xã đạt chuẩn nông thôn mới", "Xã", "4", "4", "Đạt"]]
    harness.docx_table(document, rows)
    harness.docx_signature(document, "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy;\n- Lưu VPHU.",
                           "T/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nK'Sơn")
    document.save(path)


def case_docx_party_letterhead() -> Case:
    expected = [
        Row(LAC_DUONG, "Tốc độ tăng trưởng kinh tế", "2023", 8.5, 8.7, status="Vượt"),
        Row(LAC_DUONG, "Thu nhập bình quân đầu người", "2023", 58, 59.2, status="Vượt"),
        Row(LAC_DUONG, "Tỷ lệ hộ nghèo", "2023", None, 4.6, op="<", high=5, status="Đạt"),
        Row(LAC_DUONG, "Số xã đạt chuẩn nông thôn mới", "2023", 4, 4, status="Đạt"),
    ]
    return Case("docx_party_letterhead", "08_huyen_uy.docx", _docx_letterhead, expected,
                what="a Word report: letterhead table 'HUYỆN ỦY LẠC DƯƠNG | ĐẢNG CỘNG SẢN VIỆT "
                     "NAM' first, the data table second")


def case_csv_cp1258() -> Case:
    rows = [
        ["ỦY BAN NHÂN DÂN HUYỆN LÂM HÀ"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "KH năm 2024", "TH 6 tháng 2024", "So cùng kỳ (%)"],
        ["1", "Tổng thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "420.000", "198.350",
         "104,6"],
        ["2", "Diện tích trồng rừng", "ha", "350", "120,5", "96,4"],
        ["3", "Số lao động được giải quyết việc làm", "Lao động", "3.200", "1.750", "101,2"],
    ]
    expected = _split(LAM_HA, [("Tổng thu ngân sách nhà nước trên địa bàn", 420_000, 198_350,
                                None, 104.6),
                               ("Diện tích trồng rừng", 350, 120.5, None, 96.4),
                               ("Số lao động được giải quyết việc làm", 3_200, 1_750, None,
                                101.2)],
                      "2024", "2024-H1")
    return Case("csv_cp1258", "09_lam_ha_cp1258.csv",
                lambda p: write_csv(p, rows, delimiter=";", encoding="cp1258"), expected,
                what="a ';' CSV in Windows-1258 (tones as combining marks)")


def _hidden_columns(path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "TH 2024"
    rows = [
        [None, "UBND HUYỆN ĐAM RÔNG"],
        [None, "KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2024"],
        [],
        [None, "STT", "Chỉ tiêu", "Mã", "ĐVT", "Kế hoạch năm 2024", "Thực hiện năm 2024",
         "Hệ số"],
        [None, 1, "Tỷ lệ hộ nghèo", 301, "%", "8,5", "7,9", 1],
        [None, 2, "Số xã đạt chuẩn nông thôn mới", 112, "Xã", 6, 6, 2],
        [None, 3, "Tỷ lệ che phủ rừng", 405, "%", 72, "72,3", 1],
    ]
    for row in rows:
        ws.append(row)
    ws.column_dimensions["D"].hidden = True
    ws.column_dimensions["H"].hidden = True
    ws.column_dimensions["A"].width = 2
    wb.save(path)


def case_hidden_helper_columns() -> Case:
    expected = [Row(DAM_RONG, "Tỷ lệ hộ nghèo", "2024", 8.5, 7.9),
                Row(DAM_RONG, "Số xã đạt chuẩn nông thôn mới", "2024", 6, 6),
                Row(DAM_RONG, "Tỷ lệ che phủ rừng", "2024", 72, 72.3)]
    return Case("hidden_helper_columns", "10_cot_an.xlsx", _hidden_columns, expected,
                what="an empty column A, hidden 'Mã' (numeric codes) and 'Hệ số' columns")


def case_ward_resolved_by_city() -> Case:
    rows = [
        ["UBND THÀNH PHỐ BẢO LỘC", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["UBND PHƯỜNG 2", None, None, "Độc lập - Tự do - Hạnh phúc"],
        [None, None, None, "Phường 2, ngày 20 tháng 12 năm 2024"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2024"],
        ["TT", "Chỉ tiêu", "ĐVT", "Chỉ tiêu NQ HĐND phường giao", "Kết quả thực hiện",
         "Tỷ lệ TH/KH (%)"],
        [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "8.500", "9.120", "107,3"],
        [2, "Tỷ lệ hộ nghèo", "%", "0,2", "0,15", None],
        [3, "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "96", "96,8", "100,8"],
    ]
    expected = [Row(PHUONG_2_BAO_LOC, "Thu ngân sách nhà nước trên địa bàn", "2024", 8_500,
                    9_120, 107.3),
                Row(PHUONG_2_BAO_LOC, "Tỷ lệ hộ nghèo", "2024", 0.2, 0.15),
                Row(PHUONG_2_BAO_LOC, "Tỷ lệ dân số tham gia bảo hiểm y tế", "2024", 96, 96.8,
                    100.8)]
    return Case("ward_resolved_by_city", "11_phuong_2_bao_loc.xlsx", xlsx(rows), expected,
                what="'UBND PHƯỜNG 2' (26 units of that name) under 'UBND THÀNH PHỐ BẢO LỘC'")


def case_ambiguous_district() -> Case:
    rows = [
        ["UBND HUYỆN BẢO LÂM"],
        ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023"],
        [1, "Tỷ lệ hộ nghèo", "%", "2,5", "2,3"],
        [2, "Tỷ lệ che phủ rừng", "%", "62", "62,4"],
    ]
    return Case("ambiguous_district", "12_bao_lam.xlsx", xlsx(rows), [],
                what="'UBND HUYỆN BẢO LÂM' alone: Lâm Đồng's or Cao Bằng's — must be refused",
                refusal=("Bảo Lâm", "--locality"))


CASES: list[Callable[[], Case]] = [
    case_department_districts_in_columns, case_unit_in_name, case_province_budget_roman,
    case_thousands_spaces_dots, case_excel_percent_cells, case_nine_months_statuses,
    case_midterm_typed_targets, case_docx_party_letterhead, case_csv_cp1258,
    case_hidden_helper_columns, case_ward_resolved_by_city, case_ambiguous_district,
]


# --- checking -------------------------------------------------------------------------------

_COLUMNS = ("locality_id, indicator_as_written, indicator_id, period, target_low, actual_value, "
            "pct_target, pct_prev, target_op, target_high, target_text, unit, reported_status")
_MEASURES = ("target", "actual", "pct_target", "pct_prev", "op", "high", "target_text", "unit",
             "status")


class Got(NamedTuple):
    locality: str
    written: str
    indicator_id: str
    period: str
    target: float | None
    actual: float | None
    pct_target: float | None
    pct_prev: float | None
    op: str | None
    high: float | None
    target_text: str | None
    unit: str | None
    status: str | None


def stored(db: Path) -> list[Got]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [Got(*r) for r in con.execute(f"SELECT {_COLUMNS} FROM current_observations")
                .fetchall()]
    finally:
        con.close()


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def _names(g: Got) -> set[str]:
    """The names a stored row answers to: as written, without a trailing '(unit)', its id."""
    out = {_key(g.written), _key(g.indicator_id or "")}
    out.add(_key(re.sub(r"\s*\([^()]*\)\s*$", "", g.written)))
    return out


def _same(a: object, b: object) -> bool:
    if a is SKIP:
        return True
    if a is None or b is None:
        return a is None and b is None
    if isinstance(a, str) or isinstance(b, str):
        return _key(str(a)) == _key(str(b))
    return abs(float(a) - float(b)) < 1e-6


def compare(expected: list[Row], got: list[Got]) -> list[str]:
    """What differs, one line each: rows missing, rows extra, measures that differ."""
    problems, used = [], set()
    for w in expected:
        match = [i for i, g in enumerate(got) if i not in used and g.locality == w.locality
                 and g.period == w.period and _key(w.name) in _names(g)]
        if not match:
            problems.append(f"missing {(w.locality, w.name, w.period)}")
            continue
        g = got[match[0]]
        used.add(match[0])
        for measure in _MEASURES:
            if not _same(getattr(w, measure), getattr(g, measure)):
                problems.append(f"{(w.locality, w.name, w.period)} {measure}: "
                                f"want {getattr(w, measure)!r}, got {getattr(g, measure)!r}")
    for i, g in enumerate(got):
        if i not in used:
            problems.append(f"extra {(g.locality, g.written, g.period)} = target {g.target} "
                            f"actual {g.actual} pct {g.pct_target}/{g.pct_prev}")
    return problems


def check(case: Case, out: Path, db: Path) -> list[str]:
    code, message = harness.load(out / case.file, db, case.args)
    if case.refusal:
        if code != 2:
            return [f"loaded (exit {code}) where a refusal was expected: "
                    f"{message[:300]}"]
        missing = [w for w in case.refusal if w.casefold() not in message.casefold()]
        return [f"refused, but without {missing}: {message[:400]}"] if missing else []
    if code != 0:
        return [f"refused (exit {code}): {message[:600]}"]
    return compare(case.rows, stored(db))


def main(argv: list[str] | None = None) -> int:
    return harness.main(__doc__, [make() for make in CASES], check, argv)


if __name__ == "__main__":
    raise SystemExit(main())
