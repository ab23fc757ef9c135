"""Held-out report tables written the way district, commune and provincial offices write them
(periods in titles and headers, 'TH/KH (%)' and 'TH/CK (%)' columns, bare 'Năm 2021' columns,
group headers merged over two columns, header lines continued on the next row, signature
blocks, footnotes, a cover sheet, Vietnamese number formats, a Word report naming two periods),
each with the values it must be stored with.

    python tests/data/heldout/make_heldout.py OUT            # write the files into OUT
    python tests/data/heldout/make_heldout.py OUT --check DB # and load each through the CLI
                                                             # into a fresh DB and compare

Deterministic: the same files every run. Not a test the suite runs: the cases it found are
pinned by focused tests in tests/etl/."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))

from tests.data.heldout import harness  # noqa: E402
from tests.data.heldout.harness import Case, xlsx  # noqa: E402
from tests.workbook import write_csv, write_xlsx  # noqa: E402

DUC_TRONG, BAO_LOC = "H63-678", "H63-673"
TA_NANG, HIEP_THANH = "X63-24988", "X63-24967"
LIEN_NGHIA, TA_HINE, DA_LOAN = "X63-24958", "X63-24991", "X63-24994"


class Row(NamedTuple):
    """One stored observation as expected: None is a measure that must be empty."""

    locality: str
    name: str
    period: str
    target: float | None = None
    actual: float | None = None
    pct_target: float | None = None
    pct_prev: float | None = None


def _split(locality: str, rows: list[tuple], target_period: str, actual_period: str,
           ) -> list[Row]:
    return harness.split(Row, locality, rows, target_period, actual_period)


# --- the cases ------------------------------------------------------------------------------

H1 = [("Thu ngân sách nhà nước trên địa bàn", 850_000, 410_200, 48.3, 105.2),
      ("Tổng sản lượng lương thực", 52_000, 24_100, 46.3, 101.5),
      ("Giải quyết việc làm", 4_200, 2_150, 51.2, 98.6)]


def _h1_rows(plan_header: str, actual_header: str, pct: tuple[str, str]) -> list[list[object]]:
    units = ["Triệu đồng", "Tấn", "Lao động"]
    return [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ - XÃ HỘI 6 THÁNG ĐẦU NĂM 2024"],
        [],
        ["STT", "Chỉ tiêu", "ĐVT", plan_header, actual_header, *pct],
        *[[i, n, u, t, a, pt, pp]
          for i, ((n, t, a, pt, pp), u) in enumerate(zip(H1, units, strict=True), 1)],
    ]


def case_h1_th_kh() -> Case:
    rows = _h1_rows("Kế hoạch năm 2024", "Thực hiện 6 tháng", ("TH/KH (%)", "TH/CK (%)"))
    return Case("h1_th_kh_ck", "01_h1_th_kh.xlsx", xlsx(rows),
                _split(DUC_TRONG, H1, "2024", "2024-H1"),
                what="'TH/KH (%)', 'TH/CK (%)' in a 6-month report")


def case_h1_plan_without_year() -> Case:
    rows = _h1_rows("Kế hoạch năm", "Ước TH 6 tháng", ("TH/KH (%)", "So cùng kỳ (%)"))
    return Case("h1_plan_without_year", "02_h1_ke_hoach_nam.xlsx", xlsx(rows),
                _split(DUC_TRONG, H1, "2024", "2024-H1"),
                what="'Kế hoạch năm' without a year in a 6-month report")


Q1 = [("Tổng thu ngân sách xã", 5_200, 1_310, 25.2),
      ("Thu thuế, phí, lệ phí", 1_800, 420, 23.3),
      ("Tổng chi ngân sách xã", 5_200, 1_150, 22.1)]


def case_q1_commune() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG", None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["UBND XÃ TÀ NĂNG", None, "Độc lập - Tự do - Hạnh phúc"],
        ["BÁO CÁO THU, CHI NGÂN SÁCH XÃ QUÝ I NĂM 2024"],
        [None, None, None, "Đơn vị tính: Triệu đồng"],
        ["TT", "Nội dung", "Dự toán năm", "Thực hiện quý I", "TH/DT (%)"],
        *[[i, n, t, a, p] for i, (n, t, a, p) in enumerate(Q1, 1)],
    ]
    return Case("q1_commune_du_toan", "03_q1_xa_ta_nang.xlsx", xlsx(rows),
                _split(TA_NANG, [(n, t, a, p, None) for n, t, a, p in Q1], "2024", "2024-Q1"),
                what="'Dự toán năm' and 'TH/DT (%)' in a commune's Quý I report")


def case_nine_months_text_numbers() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["TÌNH HÌNH THỰC HIỆN CÁC CHỈ TIÊU 9 THÁNG NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "KH năm 2024", "TH 9 tháng", "So sánh (%)"],
        [1, "Thu ngân sách nhà nước trên địa bàn", "Tỷ đồng", "1.234,5", "987,6", "80,0"],
        [2, "Tỷ lệ che phủ rừng", "%", "55,5%", "55,2%", "99,5%"],
        [3, "Số hộ được vay vốn", "hộ", "1.200", "1.050", "87,5"],
    ]
    expected = [("Thu ngân sách nhà nước trên địa bàn", 1234.5, 987.6, 80.0, None),
                ("Tỷ lệ che phủ rừng", 55.5, 55.2, 99.5, None),
                ("Số hộ được vay vốn", 1200, 1050, 87.5, None)]
    return Case("nine_months_text_numbers", "04_9_thang.xlsx", xlsx(rows),
                _split(DUC_TRONG, expected, "2024", "2024-9M"),
                what="9 tháng, '1.234,5' and '55,5%' as text, 'So sánh (%)'")


def case_by_year_bare_years() -> Case:
    data = [("Tốc độ tăng trưởng kinh tế", 7.1, 8.2, 7.8),
            ("Thu nhập bình quân đầu người", 62.5, 68.0, 74.3),
            ("Tỷ lệ hộ nghèo", 0.52, 0.41, 0.37)]
    rows = [
        ["UBND THÀNH PHỐ BẢO LỘC"],
        ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2021 - 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2021", "Năm 2022", "Năm 2023"],
        *[[i, n, u, *v] for i, ((n, *v), u) in
          enumerate(zip(data, ["%", "Triệu đồng/người", "%"], strict=True), 1)],
    ]
    expected = [Row(BAO_LOC, n, str(y), actual=v) for n, *vs in data
                for y, v in zip((2021, 2022, 2023), vs, strict=True)]
    return Case("by_year_bare_years", "05_theo_nam.xlsx", xlsx(rows), expected,
                what="bare 'Năm 2021 | Năm 2022 | Năm 2023' columns are results")


def case_group_merged() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2023 VÀ NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2023", None, "Năm 2024", None],
        [None, None, None, "Kế hoạch", "Thực hiện", "Kế hoạch", "Ước TH"],
        [1, "Tổng sản lượng lương thực", "Tấn", 50_000, 51_200, 52_000, 52_500],
        [2, "Giải quyết việc làm", "Lao động", 4_000, 4_150, 4_200, 4_300],
    ]
    merges = ["D3:E3", "F3:G3", "A3:A4", "B3:B4", "C3:C4"]
    expected = [Row(DUC_TRONG, n, p, target=t, actual=a) for n, (p, t, a) in [
        ("Tổng sản lượng lương thực", ("2023", 50_000, 51_200)),
        ("Tổng sản lượng lương thực", ("2024", 52_000, 52_500)),
        ("Giải quyết việc làm", ("2023", 4_000, 4_150)),
        ("Giải quyết việc làm", ("2024", 4_200, 4_300))]]
    return Case("group_merged", "06_nhom_gop.xlsx", xlsx(rows, merges), expected,
                what="'Năm 2023' / 'Năm 2024' merged over 'Kế hoạch | Thực hiện'")


def case_group_unmerged() -> Case:
    rows = [
        ["UBND XÃ TÀ NĂNG, HUYỆN ĐỨC TRỌNG"],
        ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2023", None, "So sánh (%)", None],
        [None, None, None, "Kế hoạch", "Thực hiện", "TH/KH", "TH/CK"],
        [1, "Tổng diện tích gieo trồng", "ha", 4_100, 4_180, 102.0, 101.3],
        [2, "Số hộ nghèo", "hộ", 40, 37, 92.5, 88.1],
    ]
    expected = [Row(TA_NANG, "Tổng diện tích gieo trồng", "2023", 4_100, 4_180, 102.0, 101.3),
                Row(TA_NANG, "Số hộ nghèo", "2023", 40, 37, 92.5, 88.1)]
    return Case("group_unmerged", "07_nhom_khong_gop.xlsx", xlsx(rows), expected,
                what="'So sánh (%)' written once over 'TH/KH | TH/CK', not merged")


def case_continuation_lines() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện", "Tỷ lệ thực hiện so",
         "So với cùng"],
        [None, None, "tính", "năm 2023", "năm 2023", "với kế hoạch (%)", "kỳ (%)"],
        [1, "Tổng vốn đầu tư toàn xã hội", "Tỷ đồng", 9_500, 9_820, 103.4, 108.2],
        [2, "Tỷ lệ lao động qua đào tạo", "%", 65, 66.2, 101.8, 102.0],
    ]
    expected = [Row(DUC_TRONG, "Tổng vốn đầu tư toàn xã hội", "2023", 9_500, 9_820, 103.4, 108.2),
                Row(DUC_TRONG, "Tỷ lệ lao động qua đào tạo", "2023", 65, 66.2, 101.8, 102.0)]
    return Case("continuation_lines", "08_dong_noi_tiep.xlsx", xlsx(rows), expected,
                what="header text continued on the next row of the same column")


def case_signature_block() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["UBND XÃ HIỆP THẠNH", None, None, "Độc lập - Tự do - Hạnh phúc"],
        [None, None, None, "Hiệp Thạnh, ngày 15 tháng 01 năm 2024"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá"],
        [1, "Tỷ lệ hộ nghèo", "%", "1,5", "1,2", "Đạt"],
        [2, "Tỷ lệ tham gia bảo hiểm y tế", "%", "95", "93,1", "Chưa đạt"],
        [3, "Số trường đạt chuẩn quốc gia", "trường", 1, 1, "Đạt"],
        [],
        [None, "Nơi nhận:", None, None, "TM. ỦY BAN NHÂN DÂN"],
        [None, "- UBND huyện (b/c);", None, None, "KT. CHỦ TỊCH"],
        [None, "- Lưu: VP.", None, None, "PHÓ CHỦ TỊCH"],
        [],
        [None, None, None, None, "Nguyễn Văn Bình"],
    ]
    expected = [Row(HIEP_THANH, "Tỷ lệ hộ nghèo", "2023", 1.5, 1.2),
                Row(HIEP_THANH, "Tỷ lệ tham gia bảo hiểm y tế", "2023", 95, 93.1),
                Row(HIEP_THANH, "Số trường đạt chuẩn quốc gia", "2023", 1, 1)]
    return Case("signature_block", "09_chu_ky.xlsx", xlsx(rows), expected,
                what="'Nơi nhận:' / 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' under the table")


def case_preparer_signatures() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["SỐ HỘ NGHÈO CÁC XÃ, THỊ TRẤN NĂM 2023"],
        ["STT", "Xã, thị trấn", "Số hộ nghèo (hộ)", "Tỷ lệ hộ nghèo (%)"],
        [1, "Thị trấn Liên Nghĩa", 41, 0.42],
        [2, "Xã Tà Hine", 37, 2.9],
        [3, "Xã Đà Loan", 25, 1.7],
        [],
        [None, "Người lập biểu", None, "Thủ trưởng đơn vị"],
        [None, "(Ký, ghi rõ họ tên)", None, "(Ký tên, đóng dấu)"],
        [None, "Trần Thị Hoa", None, "Lê Văn Tâm"],
    ]
    expected = [Row(loc, name, "2023", actual=v) for loc, a, b in
                [(LIEN_NGHIA, 41, 0.42), (TA_HINE, 37, 2.9), (DA_LOAN, 25, 1.7)]
                for name, v in (("Số hộ nghèo (hộ)", a), ("Tỷ lệ hộ nghèo (%)", b))]
    return Case("preparer_signatures", "10_nguoi_lap_bieu.xlsx", xlsx(rows), expected,
                what="'Người lập biểu' / 'Thủ trưởng đơn vị' under a table of communes")


def case_cover_sheet() -> Case:
    cover = [["UBND HUYỆN ĐỨC TRỌNG"], ["PHÒNG TÀI CHÍNH - KẾ HOẠCH"], [], ["BÁO CÁO"],
             ["TÌNH HÌNH THỰC HIỆN DỰ TOÁN THU NGÂN SÁCH NĂM 2023"],
             ["Đức Trọng, tháng 01 năm 2024"]]
    data = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["Biểu 01: THU NGÂN SÁCH NHÀ NƯỚC NĂM 2023"],
        [None, None, None, None, "ĐVT: Triệu đồng"],
        ["STT", "Nội dung", "Dự toán", "Quyết toán", "So sánh (%)"],
        ["A", "B", 1, 2, "3=2/1"],
        ["I", "Thu nội địa", 800_000, 812_400, 101.6],
        [1, "Thu tiền sử dụng đất", 250_000, 231_000, 92.4],
        [2, "Thu lệ phí trước bạ", 60_000, 66_500, 110.8],
    ]

    def write(path: Path) -> None:
        write_xlsx(path, cover, sheet="Bìa", extra_sheets={"Biểu 01": data})

    expected = [Row(DUC_TRONG, n, "2023", t, a, p) for n, t, a, p in [
        ("Thu nội địa", 800_000, 812_400, 101.6), ("Thu tiền sử dụng đất", 250_000, 231_000, 92.4),
        ("Thu lệ phí trước bạ", 60_000, 66_500, 110.8)]]
    return Case("cover_sheet", "11_bia.xlsx", write, expected,
                what="a cover sheet before the data sheet")


def case_footnotes() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["CÁC CHỈ TIÊU XÃ HỘI NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023"],
        [1, "Tỷ lệ hộ nghèo", "%", "1,5", "1,32"],
        [2, "Tỷ lệ bao phủ bảo hiểm y tế", "%", "93", "93,6 (*)"],
        [],
        [None, "Ghi chú:"],
        [None, "- Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2022 - 2025: 1,32%"],
        [None, "- Số hộ nghèo còn 412 hộ."],
        [None, "(*) Số liệu ước tính của Bảo hiểm xã hội huyện."],
    ]
    expected = [Row(DUC_TRONG, "Tỷ lệ hộ nghèo", "2023", 1.5, 1.32),
                Row(DUC_TRONG, "Tỷ lệ bao phủ bảo hiểm y tế", "2023", 93, 93.6)]
    return Case("footnotes", "12_ghi_chu.xlsx", xlsx(rows), expected,
                what="a 'Ghi chú:' block whose lines carry figures")


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    for line in ("UBND HUYỆN ĐỨC TRỌNG", "BÁO CÁO",
                 "Tình hình thực hiện nhiệm vụ 6 tháng đầu năm 2024 và phương hướng, nhiệm vụ "
                 "6 tháng cuối năm 2024", "PHỤ LỤC CÁC CHỈ TIÊU CHỦ YẾU"):
        document.add_paragraph(line)
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 6 tháng đầu năm 2024",
             "TH/KH (%)"],
            ["1", "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "850.000", "410.200",
             "48,3"],
            ["2", "Tổng sản lượng lương thực", "Tấn", "52.000", "24.100", "46,3"]]
    harness.docx_table(document, rows)
    harness.docx_signature(document, "Nơi nhận:\n- Thường trực Huyện ủy;\n- Lưu: VT.",
                           "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn An")
    document.save(path)


def case_docx_two_periods() -> Case:
    expected = _split(DUC_TRONG, [("Thu ngân sách nhà nước trên địa bàn", 850_000, 410_200,
                                   48.3, None),
                                  ("Tổng sản lượng lương thực", 52_000, 24_100, 46.3, None)],
                      "2024", "2024-H1")
    return Case("docx_two_periods", "13_bao_cao.docx", _docx, expected,
                what="a Word report whose title names 6 tháng đầu and 6 tháng cuối năm 2024")


def case_commune_three_years() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["UBND XÃ TÀ NĂNG"],
        ["KẾT QUẢ NĂM 2022, ƯỚC THỰC HIỆN NĂM 2023 VÀ KẾ HOẠCH NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện năm 2022", "Ước thực hiện năm 2023",
         "Kế hoạch năm 2024", "So sánh KH 2024/ƯTH 2023 (%)"],
        [1, "Tổng sản lượng lương thực", "Tấn", 4_050, 4_210, 4_300, 102.1],
        [2, "Thu ngân sách trên địa bàn", "Triệu đồng", 3_700, 3_915, 4_100, 104.7],
    ]
    expected = [Row(TA_NANG, n, p, **{k: v}) for n, a22, a23, t24 in [
        ("Tổng sản lượng lương thực", 4_050, 4_210, 4_300),
        ("Thu ngân sách trên địa bàn", 3_700, 3_915, 4_100)]
        for p, k, v in (("2022", "actual", a22), ("2023", "actual", a23),
                        ("2024", "target", t24))]
    return Case("commune_three_years", "14_xa_ba_nam.xlsx", xlsx(rows), expected,
                what="a ratio of next year's plan to this year's estimate is neither "
                     "% of plan nor % of cùng kỳ")


def case_csv_quarter_percent() -> Case:
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["BÁO CÁO KẾT QUẢ QUÝ I NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Ước thực hiện quý I/2024",
         "Tỷ lệ (%) so với KH năm", "So với cùng kỳ năm trước (%)"],
        ["1", "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "850.000", "212.400", "25,0%",
         "103,2%"],
        ["2", "Tổng vốn đầu tư toàn xã hội", "Tỷ đồng", "9.800", "2.010,5", "20,5%", "99,1%"],
    ]
    expected = _split(DUC_TRONG, [("Thu ngân sách nhà nước trên địa bàn", 850_000, 212_400,
                                   25.0, 103.2),
                                  ("Tổng vốn đầu tư toàn xã hội", 9_800, 2_010.5, 20.5, 99.1)],
                      "2024", "2024-Q1")
    return Case("csv_quarter_percent", "15_quy_1.csv", lambda p: write_csv(p, rows), expected,
                what="a semicolon CSV of Quý I with '25,0%' and 'Quý I/2024'")


CASES: list[Callable[[], Case]] = [
    case_h1_th_kh, case_h1_plan_without_year, case_q1_commune, case_nine_months_text_numbers,
    case_by_year_bare_years, case_group_merged, case_group_unmerged, case_continuation_lines,
    case_signature_block, case_preparer_signatures, case_cover_sheet, case_footnotes,
    case_docx_two_periods, case_commune_three_years, case_csv_quarter_percent,
]


# --- checking -------------------------------------------------------------------------------

_COLUMNS = "locality_id, indicator_as_written, period, target_low, actual_value, pct_target, " \
           "pct_prev"


def stored(db: Path) -> list[Row]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [Row(*r) for r in con.execute(f"SELECT {_COLUMNS} FROM current_observations")
                .fetchall()]
    finally:
        con.close()


def _same(a: float | None, b: float | None) -> bool:
    return a is None and b is None or a is not None and b is not None and abs(a - b) < 1e-6


def compare(expected: list[Row], got: list[Row]) -> list[str]:
    """What differs, one line each: rows missing, rows extra, measures that differ."""
    want = {(r.locality, r.name, r.period): r for r in expected}
    have = {(r.locality, r.name, r.period): r for r in got}
    problems = [f"missing {k}" for k in want if k not in have]
    problems += [f"extra {k} = {have[k][3:]}" for k in have if k not in want]
    for key in want.keys() & have.keys():
        for measure in ("target", "actual", "pct_target", "pct_prev"):
            w, h = getattr(want[key], measure), getattr(have[key], measure)
            if not _same(w, h):
                problems.append(f"{key} {measure}: want {w}, got {h}")
    return problems


def check(case: Case, out: Path, db: Path) -> list[str]:
    code, message = harness.load(out / case.file, db, case.args)
    if code != 0:
        return [f"refused: {message[:600]}"]
    return compare(case.rows, stored(db))


def main(argv: list[str] | None = None) -> int:
    return harness.main(__doc__, [make() for make in CASES], check, argv)


if __name__ == "__main__":
    raise SystemExit(main())
