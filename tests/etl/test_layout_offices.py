"""Held-out tables written the way province, district and commune offices write them —
bilingual header cells, a header spread word by word over unmerged rows, a blank header over
the names, column-number rows '(1) (2) 3=1/2', 'Xã, thị trấn' and 'Đơn vị' columns, a stray
'Đơn vị tính:' cell, footnotes — loaded through the same prepare path as the CLI."""

from __future__ import annotations

import pytest

from etl.errors import Refused
from tests.seed import prepare
from tests.workbook import write_xlsx


def _load(tmp_path, rows, name="t.xlsx", merges=(), **kw):
    return prepare(write_xlsx(tmp_path / name, rows, merges=merges), **kw).table


def _by(table, locality_id, indicator_start):
    return next(r for r in table.records if r.locality_id == locality_id
                and r.indicator_as_written.startswith(indicator_start))


COMMUNES = [
    ["UBND HUYỆN ĐỨC TRỌNG"],
    ["KẾT QUẢ THU, CHI NGÂN SÁCH CÁC XÃ, THỊ TRẤN NĂM 2023"],
    [None, None, None, "Đơn vị tính: Triệu đồng"],
    ["SỐ", None, "THU NSNN", "CHI"],
    [None, None, "TRÊN", "NGÂN SÁCH"],
    ["TT", "Xã, thị trấn", "ĐỊA BÀN", "XÃ"],
    ["(1)", "(2)", "(3)", "4=3/2"],
    [1, "Thị trấn Liên Nghĩa", 52_310, "41.250,5"],
    [2, "Xã N'Thôl Hạ", 4_120, 9_870],
    [3, "Xã Tà Năng", "3.915", 8_800],
    [None, "Ghi chú: số liệu thu chưa gồm thu bổ sung từ ngân sách cấp trên."],
]


def test_word_per_row_header_over_communes(tmp_path):
    table = _load(tmp_path, COMMUNES, period="2023")
    spec = table.spec
    assert [c.parts for c in spec.columns] == [
        ["SỐ TT"], ["Xã, thị trấn"], ["THU NSNN TRÊN ĐỊA BÀN"], ["CHI NGÂN SÁCH XÃ"]]
    assert spec.layout == "by_locality" and spec.locality_tier == "xã"
    assert spec.first_data_row == 7  # the '(1) (2) (3) 4=3/2' row closed the header
    assert spec.unit_hint == "Triệu đồng"
    revenue = _by(table, "X63-24958", "THU NSNN")
    assert revenue.actual.low == 52_310 and revenue.actual_source == "Sheet1!C8"
    assert _by(table, "X63-24988", "THU NSNN").actual.low == 3915
    assert _by(table, "X63-24958", "CHI").actual.low == 41_250.5
    assert len(table.records) == 6  # three communes × two columns; the footnote is not data


PROVINCES = [
    ["BỘ TÀI CHÍNH", None, None, "Phụ lục 09"],
    ["DỰ TOÁN THU NGÂN SÁCH CỦA CÁC TỈNH NĂM 2024"],
    ["PLAN OF PROVINCIAL REVENUES FY 2024"],
    [None, None, None, "Triệu đồng - Millions of dong"],
    ["STT\nNo", "Tỉnh, thành phố\nName of provinces",
     "Tổng thu NSNN trên địa bàn\nTotal revenues", "Bổ sung từ NSTW\nTransfers", None],
    [None, None, None, "Bổ sung \ncân đối\nBalance transfers",
     "Bổ sung \ncân đối\nTarget transfers"],
    ["A", "B", 1, 2, 3],
    [None, "TỔNG SỐ - TOTAL", "(1) 1.000.000", 300, 200],
    ["I", "TÂY NGUYÊN\nCENTRAL HIGHLANDS", 60_000, 120, 80],
    [1, "ĐẮC LẮC", 25_000, 60, 40],
    [2, "Đắc Nông", 15_000, 30, 20],
    [3, "LÂM\u00a0ĐỒNG ", 20_000, 30, 20],
    [None, "(1) Chưa gồm thu viện trợ."],
]


def test_bilingual_province_table(tmp_path):
    table = _load(tmp_path, PROVINCES, merges=["D5:E5"], period="2024")
    cols = table.spec.columns
    assert [c.parts[-1] for c in cols[:3]] == ["STT", "Tỉnh, thành phố",
                                               "Tổng thu NSNN trên địa bàn"]
    assert cols[3].parts[-1] == "Bổ sung cân đối - Balance transfers"
    assert cols[4].parts[-1] == "Bổ sung cân đối - Target transfers"
    assert table.spec.unit_hint == "Triệu đồng"
    revenue = {r.locality_id: r for r in table.records if r.indicator_id == "budget_revenue_total"}
    assert set(revenue) == {"VN", "T63-66", "T63-67", "T63-68"}  # no region row
    assert revenue["VN"].target.low == 1_000_000  # a dự toán: the target
    assert revenue["T63-66"].target.low == 25_000 and revenue["T63-66"].actual is None
    twins = {r.indicator_id for r in table.records if r.locality_id == "T63-68"} - {
        "budget_revenue_total"}
    assert len(twins) == 2


def test_blank_name_header_with_stacked_measures(tmp_path):
    rows = [
        ["UBND XÃ TÀ NĂNG"],
        ["CHỈ TIÊU PHÁT TRIỂN KINH TẾ - XÃ HỘI"],
        ["STT", None, "ĐVT", "Ước tính", "Kế hoạch"],
        [None, None, None, "năm 2023", "năm 2024"],
        ["A", "B", "C", "(1)", "(2)"],
        ["I", "Kinh tế", None, None, None],
        [1, "Tổng sản lượng lương thực", "Tấn", "4.210", "4.300"],
        [2, "Thu ngân sách trên địa bàn", "Triệu đồng", "3.915", "4.100"],
        [None, "Nguồn: UBND xã Tà Năng."],
    ]
    table = _load(tmp_path, rows, locality="Xã Tà Năng")
    spec = table.spec
    assert spec.columns[1].role == "name"
    assert [(c.role, c.period, c.estimate) for c in spec.columns[3:]] == [
        ("actual", "2023", True), ("target", "2024", False)]
    food = [r for r in table.records if r.indicator_as_written == "Tổng sản lượng lương thực"]
    assert {(r.period, (r.actual or r.target).low) for r in food} == {("2023", 4210),
                                                                      ("2024", 4300)}
    assert all(r.locality_id == "X63-24988" for r in table.records)


def test_by_year_title_naming_several_periods_needs_no_period(tmp_path):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["TÌNH HÌNH THỰC HIỆN GIAI ĐOẠN 2021 - 2023 VÀ KẾ HOẠCH NĂM 2024"],
        ["TT", "Chỉ tiêu", "ĐVT", "Thực hiện", None, None, "Kế hoạch năm 2024"],
        [None, None, None, "Năm 2021", "Năm 2022", "Ước năm 2023", None],
        [1, "Tốc độ tăng trưởng kinh tế", "%", 4.2, 9.7, 9.8, "9,7-10"],
    ]
    table = _load(tmp_path, rows, merges=["D3:F3"], locality="Huyện Đức Trọng")
    assert table.spec.layout == "by_year"
    assert sorted(r.period for r in table.records) == ["2021", "2022", "2023", "2024"]


def test_don_vi_column_of_communes(tmp_path):
    rows = [
        ["SỐ LIỆU CÁC XÃ NĂM 2023"],
        ["STT", "Đơn vị", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)"],
        ["(1)", "(2)", "(3)", "(4)"],
        [1, "Xã Tà Hine", 41, "3,2"],
        [2, "Xã Đà Loan", 37, "2,9"],
    ]
    table = _load(tmp_path, rows, period="2023")
    assert table.spec.role("locality").index == 1
    assert {r.locality_id for r in table.records} == {"X63-24991", "X63-24994"}


def test_xa_phuong_thi_tran_column(tmp_path):
    rows = [["Xã, phường, thị trấn", "Dân số (người)"], ["Thị trấn D'Ran", 12_000],
            ["Xã Lạc Xuân", 9_000]]
    table = _load(tmp_path, rows, period="2023")
    assert {r.locality_id for r in table.records} == {"X63-24928", "X63-24934"}


def test_final_accounts_over_sub_columns_are_distinct(tmp_path):
    rows = [
        ["QUYẾT TOÁN THU NGÂN SÁCH HUYỆN ĐỨC TRỌNG"],
        ["STT", "Chỉ tiêu", "Quyết toán\nFinal accounts 2007", None, None],
        [None, None, "Tổng số", "NSTW", "NSĐP"],
        ["A", "B", "1=2+3", 2, 3],
        [1, "Thu nội địa", 900, 300, 600],
    ]
    table = _load(tmp_path, rows, merges=["C2:E2"], locality="Huyện Đức Trọng")
    got = {r.indicator_as_written: r.actual.low for r in table.records}
    assert got == {"Thu nội địa - Tổng số": 900, "Thu nội địa - NSTW": 300,
                   "Thu nội địa - NSĐP": 600}
    assert {r.period for r in table.records} == {"2007"}


def test_no_header_says_which_rows_came_closest(tmp_path):
    rows = [["BÁO CÁO"], [], [], [], [], [], [], [], ["STT", "TỈNH, THÀNH PHỐ"],
            [1, "Lâm Đồng"]]
    with pytest.raises(Refused) as err:
        _load(tmp_path, rows, period="2023")
    assert "dòng 9 có 'TỈNH, THÀNH PHỐ' nhưng thiếu cột số liệu" in err.value.message


def test_bilingual_indicator_names_keep_the_vietnamese(tmp_path):
    rows = [
        ["QUYẾT TOÁN CÂN ĐỐI NGÂN SÁCH NHÀ NƯỚC NĂM 2007"],
        ["STT\nNo", "Chỉ tiêu - Items", "Quyết toán\nFinal accounts 2007"],
        ["I", "Thu nội địa (không kể thu từ dầu thô)\nDomestic revenues (excluding oil)", 182_993],
        [1, "Thu dầu thô - Oil revenues", 78_634],
        [2, "Thu từ khu vực ngoài quốc doanh - GRDP", 1_000],
    ]
    table = _load(tmp_path, rows, locality="Cả nước")
    assert [r.indicator_as_written for r in table.records] == [
        "Thu nội địa (không kể thu từ dầu thô)", "Thu dầu thô",
        "Thu từ khu vực ngoài quốc doanh - GRDP"]
    assert {r.period for r in table.records} == {"2007"}


def test_two_columns_that_could_be_the_names_are_refused_showing_both(tmp_path):
    rows = [
        ["STT", None, None, "Kế hoạch năm 2024"],
        [1, "Tổng sản lượng lương thực", "Sản lượng lúa và ngô", 4300],
        [2, "Thu ngân sách trên địa bàn", "Gồm cả thu tiền sử dụng đất", 4100],
    ]
    with pytest.raises(Refused) as err:
        _load(tmp_path, rows, locality="Xã Tà Năng", period="2024")
    message = err.value.message
    assert "cột B ('Tổng sản lượng lương thực')" in message
    assert "cột C ('Sản lượng lúa và ngô')" in message


def test_a_results_column_in_words_is_kept_but_one_of_footnote_marks_is_not(tmp_path):
    rows = [
        ["STT", "Chỉ tiêu", "Kế hoạch năm 2024", "Thực hiện", "Thực hiện năm 2024"],
        [1, "Xây dựng nông thôn mới", "Đạt chuẩn", "Hoàn thành", "(1)"],
        [2, "Tỷ lệ hộ nghèo", "< 2", "Hoàn thành", None],
    ]
    table = _load(tmp_path, rows, locality="Xã Tà Năng", period="2024")
    roles = [c.role for c in table.spec.columns]
    assert roles[3] == "actual" and roles[4] == "empty"
    assert {r.actual.text for r in table.records} == {"Hoàn thành"}


def _national_table(year: int, leave_out: set[str]) -> list[list[object]]:
    """A national revenue table of `year`: every legacy province by its short name, less
    `leave_out`, revenue in column C."""
    from etl import localities

    provinces = [u for u in localities._catalog.all_units()
                 if u.id.startswith("T63-") and u.id != "T63-46"
                 and u.short_name not in leave_out]
    rows: list[list[object]] = [
        ["BỘ TÀI CHÍNH"], [f"DỰ TOÁN THU NGÂN SÁCH NHÀ NƯỚC NĂM {year}"],
        [None, None, "Đơn vị tính: Triệu đồng"],
        ["STT", "Tỉnh, thành phố", "Tổng thu NSNN trên địa bàn"],
    ]
    rows += [[i, u.short_name, 1_000 + i] for i, u in enumerate(provinces, 1)]
    return rows


def test_a_national_table_after_a_split_without_the_new_province_is_said_undivided(tmp_path):
    table = _load(tmp_path, _national_table(2005, {"Đắk Nông"}))
    assert [n for n in table.notes if "tách ra từ" in n] == [
        "bảng năm 2005 không có Tỉnh Đắk Nông (tách ra từ Đắk Lắk ngày 01/01/2004): số liệu "
        "của Tỉnh Đắk Lắk có thể gồm cả Tỉnh Đắk Nông"]
    dak_lak = [r for r in table.records if r.locality_id == "T63-66"]
    assert dak_lak and "có thể gồm cả Tỉnh Đắk Nông" in dak_lak[0].note
    assert not any("gồm cả" in (r.note or "") for r in table.records if r.locality_id != "T63-66")


def test_a_split_is_not_said_when_both_have_rows_or_before_it_or_in_a_region(tmp_path):
    both = _load(tmp_path, _national_table(2004, set()), name="du.xlsx")
    before = _load(tmp_path, _national_table(2003, {"Đắk Nông", "Điện Biên", "Hậu Giang"}),
                   name="truoc.xlsx")
    region = _load(tmp_path, _national_table(2005, {"Đắk Nông"})[:20], name="vung.xlsx")
    for table in (both, before, region):
        assert table.records and not any("tách ra từ" in n for n in table.notes)


@pytest.mark.parametrize(("plan", "ratios"), [
    ("Kế hoạch năm 2024", ("TH/KH (%)", "TH/CK (%)")),
    ("Dự toán năm 2024", ("Ước TH/DT", "So sánh TH/CK")),
    ("Dự toán HĐND tỉnh giao năm 2024", ("% so DT", "% so CK")),
    ("Kế hoạch năm 2024", ("So với KH (%)", "So với CK (%)")),
])
def test_ratio_headers_are_percentages_not_results(tmp_path, plan, ratios):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", plan, "Thực hiện 6 tháng", *ratios],
        [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 850_000, 410_200, 48.3, 105.2],
    ]
    table = _load(tmp_path, rows)
    assert [c.role for c in table.spec.columns[3:]] == [
        "target", "actual", "pct_target", "pct_prev"]
    result = next(r for r in table.records if r.period == "2024-H1")
    assert (result.actual.low, result.pct_target, result.pct_prev) == (410_200, 48.3, 105.2)


@pytest.mark.parametrize(("title", "plan", "period"), [
    ("6 THÁNG ĐẦU NĂM 2024", "Kế hoạch năm", "2024-H1"),
    ("QUÝ I NĂM 2024", "Dự toán năm (triệu đồng)", "2024-Q1"),
    ("9 THÁNG NĂM 2024", "KH cả năm", "2024-9M"),
    ("QUÝ III NĂM 2024", "Dự toán HĐND giao", "2024-Q3"),
])
def test_a_yearly_plan_without_its_year_is_the_report_years(tmp_path, title, plan, period):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        [f"BÁO CÁO KẾT QUẢ THỰC HIỆN {title}"],
        ["STT", "Chỉ tiêu", "ĐVT", plan, "Ước thực hiện"],
        [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 850_000, 410_200],
    ]
    got = {(r.period, (r.target or r.actual).low) for r in _load(tmp_path, rows).records}
    assert got == {("2024", 850_000), (period, 410_200)}


@pytest.mark.parametrize("results", ["Thực hiện", "Thực hiện 9 tháng"])
def test_a_year_plan_stays_the_years_when_the_period_is_typed(tmp_path, results):
    """A title without its period, 'Kế hoạch năm 2025' in the header, and '9 tháng 2025'
    typed in the Kỳ box: the plan was stored as the 9 months' target."""
    rows = [["UBND XÃ ĐỨC TRỌNG"], ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2025", results],
            [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", "1.234,5", "640,2"]]
    table = _load(tmp_path, rows, period="9 tháng 2025")
    got = {(r.period, (r.target or r.actual).low) for r in table.records}
    assert got == {("2025", 1234.5), ("2025-9M", 640.2)}


def test_a_plan_not_said_to_be_yearly_keeps_the_report_period(tmp_path):
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2024"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
            [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 420_000, 410_200]]
    assert {r.period for r in _load(tmp_path, rows).records} == {"2024-H1"}


def test_bare_year_columns_beside_the_names_are_results(tmp_path):
    rows = [
        ["UBND THÀNH PHỐ BẢO LỘC"],
        ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU CHỦ YẾU GIAI ĐOẠN 2021 - 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2021", "Năm 2022", "6 tháng đầu năm 2023"],
        [1, "Tốc độ tăng trưởng kinh tế", "%", 7.1, 8.2, 7.8],
    ]
    table = _load(tmp_path, rows)
    assert table.spec.layout == "by_year"
    assert {(r.period, r.actual.low) for r in table.records} == {
        ("2021", 7.1), ("2022", 8.2), ("2023-H1", 7.8)}
    assert all(r.target is None and r.locality_id == "H63-673" for r in table.records)


SIGNATURES = [
    [[], [None, "Nơi nhận:", None, None, "TM. ỦY BAN NHÂN DÂN"],
     [None, "- UBND huyện (b/c);", None, None, "KT. CHỦ TỊCH"],
     [None, "- Lưu: VP.", None, None, "PHÓ CHỦ TỊCH"], [None, None, None, None, "Nguyễn Văn Bình"]],
    [[None, "Người lập biểu", None, None, "Thủ trưởng đơn vị"],
     [None, "(Ký, ghi rõ họ tên)", None, None, "(Ký tên, đóng dấu)"]],
    [[None, None, None, None, "Hiệp Thạnh, ngày 15 tháng 01 năm 2024"],
     [None, None, None, None, "T/M UBND XÃ"], [None, None, None, None, "CHỦ TỊCH"]],
]


@pytest.mark.parametrize("signature", SIGNATURES)
def test_the_signature_block_under_a_table_is_not_data(tmp_path, signature):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"], ["UBND XÃ HIỆP THẠNH"],
        ["BÁO CÁO KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
        [1, "Tỷ lệ hộ nghèo", "%", "1,5", "1,2"],
        [2, "Số trường đạt chuẩn quốc gia", "trường", 1, "Hoàn thành"],
        *signature,
    ]
    table = _load(tmp_path, rows)
    assert [r.indicator_as_written for r in table.records] == [
        "Tỷ lệ hộ nghèo", "Số trường đạt chuẩn quốc gia"]
    assert any("phần ký tên" in s for s in table.skipped)


TWO_APPENDICES = [
    ["UBND HUYỆN ĐỨC TRỌNG", None, None, "Đức Trọng, ngày 10 tháng 7 năm 2024"],
    ["PHỤ LỤC 1"], ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU KINH TẾ 6 THÁNG ĐẦU NĂM 2024"],
    ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm", "Thực hiện 6 tháng"],
    [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 850_000, 410_200],
    [2, "Tỷ lệ hộ nghèo", "%", "0,5", "0,6"],
    [None, None, None, "TM. ỦY BAN NHÂN DÂN"], [None, None, None, "KT. CHỦ TỊCH"],
    [None, None, None, "PHÓ CHỦ TỊCH"], [None, None, None, "Nguyễn Văn Bình"], [],
    ["PHỤ LỤC 2"], ["KẾ HOẠCH CÁC CHỈ TIÊU XÃ HỘI NĂM 2025"],
    ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"],
    [1, "Số lao động được tạo việc làm mới", "Người", 3_200],
    [2, "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "95"],
]


def test_a_table_under_the_signature_block_is_named_not_read(tmp_path):
    """The signature ends the first appendix; the second under it, on the same sheet, is not
    read with it (its rows were dropped without a word) but named with its header row."""
    table = _load(tmp_path, TWO_APPENDICES)
    assert {(r.indicator_as_written[:8], r.period) for r in table.records} == {
        ("Thu ngân", "2024"), ("Thu ngân", "2024-H1"), ("Tỷ lệ hộ", "2024"),
        ("Tỷ lệ hộ", "2024-H1")}
    assert {r.locality_id for r in table.records} == {"H63-678"}  # the letterhead's date kept it
    (note,) = [n for n in table.notes if "dưới phần ký tên" in n]
    assert "'KẾ HOẠCH CÁC CHỈ TIÊU XÃ HỘI NĂM 2025', tiêu đề ở dòng 14" in note
    assert "chọn dòng tiêu đề 14" in note and "--" not in note


def test_the_table_under_the_signature_block_reads_its_own_title(tmp_path):
    """Chosen by its header row, the second appendix's title is its own (Năm 2025), not the
    first appendix's above the signature (6 tháng đầu năm 2024: 'nhiều kỳ', refused)."""
    table = _load(tmp_path, TWO_APPENDICES, header_row=14, locality="Huyện Đức Trọng")
    assert table.spec.title.splitlines()[-2:] == ["PHỤ LỤC 2",
                                                  "KẾ HOẠCH CÁC CHỈ TIÊU XÃ HỘI NĂM 2025"]
    assert {(r.indicator_as_written[:8], r.period, r.target.low) for r in table.records} == {
        ("Số lao đ", "2025", 3_200), ("Tỷ lệ dâ", "2025", 95)}
    assert not [n for n in table.notes if "dưới phần ký tên" in n]


def test_the_signature_block_under_a_table_of_communes_is_not_data(tmp_path):
    rows = [["SỐ HỘ NGHÈO CÁC XÃ NĂM 2023"], ["STT", "Xã, thị trấn", "Số hộ nghèo"],
            [1, "Xã Tà Hine", 41], [2, "Xã Đà Loan", 37],
            [None, "Người lập biểu", "Thủ trưởng đơn vị"], [None, "Xã Tà Năng", "Lê Văn Tâm"]]
    table = _load(tmp_path, rows, period="2023")
    assert {r.locality_id for r in table.records} == {"X63-24991", "X63-24994"}


def test_a_header_line_continued_in_the_cell_below_is_one_phrase(tmp_path):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "Đơn vị", "Kế hoạch", "Thực hiện", "Tỷ lệ thực hiện so",
         "So với cùng"],
        [None, None, "tính", "năm 2023", "năm 2023", "với kế hoạch (%)", "kỳ (%)"],
        [1, "Tổng vốn đầu tư toàn xã hội", "Tỷ đồng", 9_500, 9_820, 103.4, 108.2],
    ]
    table = _load(tmp_path, rows)
    assert [(c.header, c.role) for c in table.spec.columns[2:]] == [
        ("Đơn vị tính", "unit"), ("Kế hoạch năm 2023", "target"),
        ("Thực hiện năm 2023", "actual"), ("Tỷ lệ thực hiện so với kế hoạch (%)", "pct_target"),
        ("So với cùng kỳ (%)", "pct_prev")]
    (rec,) = table.records
    assert (rec.target.low, rec.actual.low, rec.pct_target, rec.pct_prev) == (
        9_500, 9_820, 103.4, 108.2)


@pytest.mark.parametrize("heading", ["Ghi chú:", "Ghi chú (*):", "* GHI CHÚ (1):", "Chú thích:"])
def test_lines_under_a_notes_heading_are_notes_though_they_carry_figures(tmp_path, heading):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"], ["CÁC CHỈ TIÊU XÃ HỘI NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023"],
        [1, "Tỷ lệ hộ nghèo", "%", "1,5", "1,32"],
        [None, heading],
        [None, "- Tỷ lệ hộ nghèo theo chuẩn nghèo đa chiều giai đoạn 2022 - 2025: 1,32%"],
        [None, "- Số hộ nghèo còn 412 hộ."],
    ]
    table = _load(tmp_path, rows)
    assert [r.indicator_as_written for r in table.records] == ["Tỷ lệ hộ nghèo"]
    assert sum("ghi chú" in s for s in table.skipped) == 3


def test_a_numbered_heading_after_a_note_is_the_table_again(tmp_path):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"], ["CÁC CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2023", "Thực hiện năm 2023"],
        ["I", "Kinh tế"], [1, "Tổng vốn đầu tư", "Tỷ đồng", 9_500, 9_820],
        [None, "(*) Số liệu ước."],
        ["II", "Xã hội"], [1, "Tỷ lệ hộ nghèo", "%", "1,5", "1,32"],
    ]
    table = _load(tmp_path, rows)
    assert [r.indicator_as_written for r in table.records] == ["Tổng vốn đầu tư",
                                                                "Tỷ lệ hộ nghèo"]
    assert [s for s in table.skipped if "ghi chú" in s] == ["dòng 6: ghi chú '(*) Số liệu ước.'"]


def test_a_percentage_without_a_period_is_of_the_results_period(tmp_path):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["TÌNH HÌNH 6 THÁNG ĐẦU NĂM 2024 VÀ NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 6 tháng đầu năm 2024",
         "TH/KH (%)"],
        [1, "Tổng sản lượng lương thực", "Tấn", 52_000, 24_100, 46.3],
    ]
    got = {(r.period, r.target and r.target.low, r.actual and r.actual.low, r.pct_target)
           for r in _load(tmp_path, rows).records}
    assert got == {("2024", 52_000, None, None), ("2024-H1", None, 24_100, 46.3)}


@pytest.mark.parametrize(("title", "target", "result", "period"), [
    ("ĐÁNH GIÁ GIỮA NHIỆM KỲ THỰC HIỆN NGHỊ QUYẾT GIAI ĐOẠN 2021-2025",
     "Mục tiêu giai đoạn 2021-2025", "Ước TH 2021-2023", "2021-2023"),
    ("TÌNH HÌNH 6 THÁNG ĐẦU NĂM 2024 VÀ NHIỆM VỤ 6 THÁNG CUỐI NĂM 2024",
     "Kế hoạch năm 2024", "Thực hiện 6 tháng đầu năm 2024", "2024-H1"),
])
def test_a_status_without_a_period_is_of_the_results_period(tmp_path, title, target, result,
                                                             period):
    rows = [
        ["UBND HUYỆN DI LINH"], [title],
        ["STT", "Chỉ tiêu", "ĐVT", target, result, "Đánh giá", "So với KH (%)"],
        [1, "Tỷ lệ hộ nghèo", "%", "Giảm 1%/năm", "2,1", "Đạt", 102.0],
    ]
    table = _load(tmp_path, rows)
    assert table.spec.columns[5].period == table.spec.columns[6].period == period
    got = {r.period: (r.reported_status, r.pct_target) for r in table.records}
    assert got[period] == ("Đạt", 102.0)
    assert [s for p, (s, _) in got.items() if p != period] == [None]


@pytest.mark.parametrize(("ratio", "pct_prev"), [
    ("So sánh KH 2024/ƯTH 2023 (%)", None), ("So sánh TH 2023/TH 2022 (%)", 104.0)])
def test_a_ratio_of_two_periods_is_cung_ky_or_nothing_stored(tmp_path, ratio, pct_prev):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ NĂM 2022, NĂM 2023 VÀ KẾ HOẠCH NĂM 2024"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện năm 2022", "Ước thực hiện năm 2023",
         "Kế hoạch năm 2024", ratio],
        [1, "Tổng sản lượng lương thực", "Tấn", 4_050, 4_210, 4_300, 104.0],
    ]
    records = _load(tmp_path, rows).records
    assert not any(r.pct_target for r in records)
    assert [r.pct_prev for r in records if r.period == "2023"] == [pct_prev]


def test_a_unit_in_parentheses_at_the_end_of_a_name_is_the_rows_unit(tmp_path):
    """A table without a ĐVT column writes the unit into the name; a parenthesis that qualifies
    the name ('(theo chuẩn mới)') is not a unit, and a ĐVT cell wins over the name's."""
    rows = [
        ["UBND THÀNH PHỐ BẢO LỘC"],
        ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "Kế hoạch", "Thực hiện"],
        [1, "Thu nhập bình quân đầu người (triệu đồng/người)", "75", "76,2"],
        [2, "Dân số trung bình (nghìn người)", "165", "166,4"],
        [3, "Tỷ lệ hộ nghèo (theo chuẩn mới)", "< 1", "0,8"],
    ]
    units = {r.indicator_as_written: r.unit for r in _load(tmp_path, rows).records}
    assert units["Thu nhập bình quân đầu người (triệu đồng/người)"] == "triệu đồng/người"
    assert units["Dân số trung bình (nghìn người)"] == "nghìn người"
    assert units["Tỷ lệ hộ nghèo (theo chuẩn mới)"] is None
    with_column = [rows[0], rows[1], ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
                   [1, "Dân số trung bình (nghìn người)", "người", "165.000", "166.400"]]
    (record,) = _load(tmp_path, with_column, name="dvt.xlsx").records
    assert record.unit == "người"


DEPARTMENT = [
    ["SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LÂM ĐỒNG"],
    ["KẾT QUẢ RÀ SOÁT HỘ NGHÈO, HỘ CẬN NGHÈO NĂM 2023"],
    ["STT", "Chỉ tiêu", "ĐVT", "Toàn tỉnh", "TP. Đà Lạt", "TP. Bảo Lộc", "Huyện Đức Trọng",
     "Huyện Lâm Hà", "Huyện Di Linh"],
    [1, "Số hộ nghèo", "hộ", 5_120, 210, 180, 640, 590, 980],
    [2, "Tỷ lệ hộ nghèo", "%", 1.45, 0.32, 0.41, 1.12, 1.35, 2.41],
]


def test_a_departments_districts_in_columns_are_each_a_units_results(tmp_path):
    table = _load(tmp_path, DEPARTMENT)
    assert table.spec.layout == "phu_luc" and table.locality_id is None
    assert [c.place for c in table.spec.roles("actual")] == [
        "Toàn tỉnh", "TP. Đà Lạt", "TP. Bảo Lộc", "Huyện Đức Trọng", "Huyện Lâm Hà",
        "Huyện Di Linh"]
    assert len(table.records) == 12 and {r.period for r in table.records} == {"2023"}
    assert _by(table, "T63-68", "Số hộ nghèo").actual.low == 5_120  # 'Toàn tỉnh'
    lam_ha = _by(table, "H63-676", "Tỷ lệ hộ nghèo")
    assert lam_ha.actual.low == 1.35 and lam_ha.actual_source == "Sheet1!H5"
    assert lam_ha.unit == "%"
    assert _by(table, "H63-672", "Số hộ nghèo").actual.low == 210  # TP. Đà Lạt
    with pytest.raises(Refused, match="ở từng cột"):  # no one locality for the whole table
        _load(tmp_path, DEPARTMENT, name="again.xlsx", locality="Huyện Lâm Hà")


def test_a_districts_communes_in_columns_with_its_total(tmp_path):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["KẾT QUẢ THỰC HIỆN MỘT SỐ CHỈ TIÊU NĂM 2023 CỦA CÁC XÃ, THỊ TRẤN"],
        ["STT", "Chỉ tiêu", "ĐVT", "Toàn huyện", "Xã Hiệp Thạnh", "Xã Tân Hội",
         "Thị trấn Liên Nghĩa"],
        [1, "Số hộ nghèo", "hộ", 640, 85, 60, 40],
        [2, "Số xã đạt chuẩn nông thôn mới", "xã", 12, 1, 1, None],
    ]
    table = _load(tmp_path, rows)
    assert _by(table, "H63-678", "Số hộ nghèo").actual.low == 640  # 'Toàn huyện'
    assert _by(table, "X63-24967", "Số hộ nghèo").actual.low == 85
    assert _by(table, "X63-24976", "Số xã").actual.low == 1
    assert _by(table, "X63-24958", "Số hộ nghèo").actual.low == 40
    assert len(table.records) == 7  # Liên Nghĩa's empty cell is no result


@pytest.mark.parametrize("header, words", [
    ("Huyện Lâm Hải", "Không tìm thấy"),
    ("Huyện Ba Vì", "không thuộc Tỉnh Lâm Đồng"),
])
def test_a_unit_column_that_names_no_unit_of_the_title_is_refused_naming_it(tmp_path, header,
                                                                              words):
    rows = [list(r) for r in DEPARTMENT]
    rows[2][7] = header
    with pytest.raises(Refused) as err:
        _load(tmp_path, rows)
    assert f"Cột H '{header}'" in err.value.message and words in err.value.message
    assert err.value.column == "H"


@pytest.mark.parametrize("header", ["Cùng kỳ năm trước", "Cùng kỳ năm 2023"])
def test_last_years_figure_is_never_stored_as_a_percentage(tmp_path, header):
    """A 'Cùng kỳ năm trước' column holds last year's amount (390.000 triệu đồng), not a
    percentage of it: it was stored as % cùng kỳ 390000."""
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2024"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 6 tháng", header,
             "So với cùng kỳ (%)"],
            [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 850_000, 410_200,
             390_000, 105.2]]
    table = _load(tmp_path, rows)
    result = next(r for r in table.records if r.period == "2024-H1")
    assert (result.actual.low, result.pct_prev) == (410_200, 105.2)
    assert all(r.pct_prev in (None, 105.2) for r in table.records)


@pytest.mark.parametrize(("band", "of_plan", "of_last_year"), [
    ("So sánh (%)", "KH năm", "Cùng kỳ"), ("So sánh", "Dự toán", "Cùng kỳ năm trước"),
    ("Thực hiện so với (%)", "Kế hoạch năm", "Cùng kỳ"), ("Tỷ lệ (%)", "Kế hoạch", "Cùng kỳ"),
])
def test_a_comparison_band_over_the_plan_and_last_year_holds_percentages(
        tmp_path, band, of_plan, of_last_year):
    """'So sánh (%)' merged over 'KH năm | Cùng kỳ': the first is the % of the plan, not a
    plan (48,3 was stored as the half year's target), the second the % of last year."""
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["BÁO CÁO KẾT QUẢ THỰC HIỆN 6 THÁNG ĐẦU NĂM 2024"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024", "Thực hiện 6 tháng 2024", band, None],
            [None, None, None, None, None, of_plan, of_last_year],
            [1, "Thu ngân sách nhà nước trên địa bàn", "Triệu đồng", 850_000, 410_200, 48.3, 105.2]]
    merges = ["A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:E4", "F3:G3"]
    table = _load(tmp_path, rows, merges=merges)
    half = next(r for r in table.records if r.period == "2024-H1")
    assert (half.target, half.actual.low, half.pct_target, half.pct_prev) == (
        None, 410_200, 48.3, 105.2)
    year = next(r for r in table.records if r.period == "2024")
    assert (year.target.low, year.actual, year.pct_target) == (850_000, None, None)
