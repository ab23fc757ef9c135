"""Tests for etl.numbers: Vietnamese numbers, target/actual cells and statuses."""

from __future__ import annotations

import unicodedata
from datetime import date, datetime
from decimal import Decimal

import pytest

from etl.numbers import (
    Parsed,
    format_vn,
    parse_cell,
    parse_number,
    parse_status,
    status_wording,
)

# ---------------------------------------------------------------- parse_number

@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("770,4", 770.4),
        ("4.000", 4000),
        ("1.234,5", 1234.5),
        ("8.397", 8397),
        ("01", 1),
        ("0,24", 0.24),
        ("10,79", 10.79),
        ("1.234.567", 1234567),
        ("10.79", 10.79),
        ("0.5", 0.5),
        ("0.500", 0.5),
        ("1234.567", 1234.567),
        ("1,234,567", 1234567),
        ("1,234.5", 1234.5),
        ("1.234.567,89", 1234567.89),
        ("1 234", 1234),
        ("1\u00a0234,5", 1234.5),
        ("1 234 567", 1234567),
        ("-5", -5),
        ("−2,5", -2.5),
        ("+3", 3),
        ("-1.234,5", -1234.5),
        ("93,3%", 93.3),
        ("93,3 %", 93.3),
        ("  12 tỷ đồng ", 12),
        ("100", 100),
        (42, 42),
        (4.5, 4.5),
    ],
)
def test_parse_number(text: str, expected: float) -> None:
    assert parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["", "   ", "-", "abc", "Tăng 13%", "8,5-9,5", "48/63", "1.2.3", "1,2,3", "12,5.3", "- 5"],
)
def test_parse_number_refuses(text: str) -> None:
    assert parse_number(text) is None


def test_parse_number_bool_is_not_a_number() -> None:
    assert parse_number(True) is None  # type: ignore[arg-type]


# ---------------------------------------------------------------- format_vn

@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (1234.5, None, "1.234,5"),
        (93.3, None, "93,3"),
        (4000.0, None, "4.000"),
        (1234567, None, "1.234.567"),
        (0.1 + 0.2, None, "0,3"),
        (0.0, None, "0"),
        (-0.0, None, "0"),
        (-1234.5, None, "-1.234,5"),
        (1234.567, 1, "1.234,6"),
        (1234.5, 0, "1.234"),
        (-0.04, 1, "0,0"),
        (0.24, 2, "0,24"),
    ],
)
def test_format_vn(x: float, decimals: int | None, expected: str) -> None:
    assert format_vn(x, decimals) == expected


# ---------------------------------------------------------------- targets

@pytest.mark.parametrize(
    ("text", "op", "low", "high", "note"),
    [
        ("770,4", "=", 770.4, 770.4, None),
        ("100", "=", 100, 100, None),
        ("0,24", "=", 0.24, 0.24, None),
        ("Tăng 6 - 7", "range", 6, 7, None),
        ("Tăng 9 - 10", "range", 9, 10, None),
        ("8,5-9,5", "range", 8.5, 9.5, None),
        ("90 – 95", "range", 90, 95, None),
        ("01-02", "range", 1, 2, None),
        ("từ 110 – 120", "range", 110, 120, None),
        ("Bình quân kết nạp từ 110 – 120", "range", 110, 120, "Bình quân kết nạp"),
        ("4.000-4.500", "range", 4000, 4500, None),
        ("15-20", "range", 15, 20, None),
        ("9,5-11", "range", 9.5, 11, None),
        ("3,5-4,5", "range", 3.5, 4.5, None),
        ("10 đến 11", "range", 10, 11, None),
        ("6% - 7%", "range", 6, 7, None),
        ("khoảng 10-11", "range", 10, 11, "khoảng"),
        ("5-5", "range", 5, 5, None),
        ("> 64", ">", 64, None, None),
        ("trên 98%", ">", 98, None, None),
        (">88", ">", 88, None, None),
        ("đạt trên 95%", ">", 95, None, None),
        ("trên mức 90", ">", 90, None, None),
        ("≥ 2", ">=", 2, None, None),
        (">=2", ">=", 2, None, None),
        ("> = 2", ">=", 2, None, None),
        ("từ 2 trở lên", ">=", 2, None, None),
        ("30% trở lên", ">=", 30, None, None),
        ("ít nhất 2", ">=", 2, None, None),
        ("tối thiểu 2", ">=", 2, None, None),
        ("không dưới 2", ">=", 2, None, None),
        ("<18", "<", None, 18, None),
        ("<10,3", "<", None, 10.3, None),
        ("dưới 1,0", "<", None, 1.0, None),
        ("< 10,3", "<", None, 10.3, None),
        ("≤ 0,2", "<=", None, 0.2, None),
        ("<=0,2", "<=", None, 0.2, None),
        ("từ 0,2 trở xuống", "<=", None, 0.2, None),
        ("tối đa 0,2", "<=", None, 0.2, None),
        ("không quá 0,2", "<=", None, 0.2, None),
        ("0,2 (theo tiêu chí cũ)", "=", 0.2, 0.2, "theo tiêu chí cũ"),
        ("giảm 1 - 1,5", "range", -1.5, -1, "giảm"),
        # a per-year percentage keeps its unit whole in the note, as '120 đảng viên/năm' does
        ("Giảm 1%/năm", "=", -1, -1, "Giảm %/năm"),
        ("Tăng 8,5%/năm trở lên", ">=", 8.5, None, "%/năm"),
        ("Giảm 0,5-1% /năm", "range", -1, -0.5, "Giảm % /năm"),
        ("Tăng 13%", "=", 13, 13, None),
    ],
)
def test_parse_cell_targets(
    text: str, op: str, low: float | None, high: float | None, note: str | None
) -> None:
    parsed = parse_cell(text)
    assert (parsed.text, parsed.op, parsed.note) == (text, op, note)
    assert parsed.low == (pytest.approx(low) if low is not None else None)
    assert parsed.high == (pytest.approx(high) if high is not None else None)


# ---------------------------------------------------------------- actuals

@pytest.mark.parametrize(
    ("text", "op", "low", "high", "note", "basis", "estimate"),
    [
        ("7,8", "=", 7.8, 7.8, None, None, False),
        ("01", "=", 1, 1, None, None, False),
        ("> 80", ">", 80, None, None, None, False),
        ("263 đảng viên/ 3 năm", "=", 263, 263, "đảng viên/ 3 năm", "3 năm", False),
        ("120 đảng viên/năm", "=", 120, 120, "đảng viên/năm", None, False),
        ("40 đảng viên/ 6 tháng", "=", 40, 40, "đảng viên/ 6 tháng", "6 tháng", False),
        ("ước 9,8", "=", 9.8, 9.8, None, None, True),
        ("Ước đạt 93,3", "=", 93.3, 93.3, None, None, True),
        ("9,8 (ước)", "=", 9.8, 9.8, None, None, True),
        ("ước tính 3,08", "=", 3.08, 3.08, None, None, True),
        ("giảm 8,5", "=", -8.5, -8.5, "giảm", None, False),
        ("giảm còn 3,08", "=", 3.08, 3.08, None, None, False),
        ("Tăng 13%", "=", 13, 13, None, None, False),
        ("-5", "=", -5, -5, None, None, False),
        ("- 5", "=", 5, 5, None, None, False),
        ("3,62 (6/2023)", "=", 3.62, 3.62, "6/2023", None, False),
        ("10,79 bác sĩ/1 vạn dân", "=", 10.79, 10.79, "bác sĩ/1 vạn dân", None, False),
        ("Có 01 xã đạt chuẩn", "=", 1, 1, "Có xã đạt chuẩn", None, False),
        ("1\u00a0234,5", "=", 1234.5, 1234.5, None, None, False),
    ],
)
def test_parse_cell_actuals(
    text: str,
    op: str,
    low: float | None,
    high: float | None,
    note: str | None,
    basis: str | None,
    estimate: bool,
) -> None:
    parsed = parse_cell(text)
    assert (parsed.text, parsed.op, parsed.note, parsed.basis) == (text, op, note, basis)
    assert parsed.estimate is estimate
    assert parsed.low == (pytest.approx(low) if low is not None else None)
    assert parsed.high == (pytest.approx(high) if high is not None else None)


# ---------------------------------------------------------------- cells kept as text

@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Hoàn thành", None),
        ("Giữ vững", None),
        ("CHỈ TIÊU", None),
        ("48/63 trường", "phân số 48/63"),
        ("57 / 66", "phân số 57/66"),
        ("25/5/2023", "ngày tháng"),
        ("6/2023", "ngày tháng"),
        ("đến năm 2025 đạt 95", "nhiều số"),
        ("100% phường; 90% xã", "nhiều số"),
        ("10-8", "khoảng ngược (số đầu lớn hơn số sau)"),
        ("trên 2 trở xuống", "dấu so sánh mâu thuẫn"),
        ("trên 6 - 7", "dấu so sánh mâu thuẫn"),
        ("1.2.3", "số không đọc được: 1.2.3"),
    ],
)
def test_parse_cell_without_a_single_figure(text: str, note: str | None) -> None:
    assert parse_cell(text) == Parsed(text, None, None, None, note=note)


@pytest.mark.parametrize("cell", [None, "", "   ", "-", "—", "–", "x", "X", float("nan")])
def test_parse_cell_empty(cell: object) -> None:
    assert parse_cell(cell) == Parsed("", None, None, None)


# ---------------------------------------------------------------- cells Excel holds as numbers

@pytest.mark.parametrize(
    ("cell", "percent_cell", "text", "value"),
    [
        (93.3, False, "93,3", 93.3),
        (4000.0, False, "4.000", 4000),
        (4000, False, "4.000", 4000),
        (770.4, False, "770,4", 770.4),
        (-8.5, False, "-8,5", -8.5),
        (0.933, True, "93,3", 93.3),
        (0.0024, True, "0,24", 0.24),
        (1, True, "100", 100),
        (Decimal("12.5"), False, "12,5", 12.5),
    ],
)
def test_parse_cell_numeric(cell: object, percent_cell: bool, text: str, value: float) -> None:
    parsed = parse_cell(cell, percent_cell=percent_cell)
    assert parsed == Parsed(text, "=", value, value)


@pytest.mark.parametrize(
    ("cell", "text"),
    [
        (8835806.8821479976, "8.835.806,88"),  # a formula's result in the MOF final accounts
        (1674380.5, "1.674.380,5"),
        (64.12345, "64,12"),
        (0.0123456, "0,01235"),
        (0.000001, "0,000001"),
        (1.0000000000000001e-10, "0"),  # a formula's zero
        (-0.5, "-0,5"),
    ],
)
def test_a_number_cell_reads_as_a_report_shows_it(cell: float, text: str) -> None:
    parsed = parse_cell(cell)
    assert (parsed.text, parsed.low, parsed.high) == (text, cell, cell)


def test_percent_cell_rounds_float_noise() -> None:
    assert parse_cell(0.07, percent_cell=True).value == 7.0  # 0.07 * 100 == 7.000000000000001


def test_percent_cell_does_not_touch_text() -> None:
    assert parse_cell("93,3%", percent_cell=True).value == pytest.approx(93.3)


@pytest.mark.parametrize(
    "cell", [datetime(2023, 5, 25, 0, 0), date(2023, 5, 25)]
)
def test_parse_cell_dates_are_not_numbers(cell: object) -> None:
    assert parse_cell(cell) == Parsed(str(cell), None, None, None)


def test_parse_cell_bool_is_not_a_number() -> None:
    assert parse_cell(True).op is None


@pytest.mark.parametrize(
    ("text", "op", "low", "high", "note"),
    [
        ("trên 98%", ">", 98, None, None),
        ("từ 0,2 trở xuống", "<=", None, 0.2, None),
        ("0,2 (theo tiêu chí cũ)", "=", 0.2, 0.2, "theo tiêu chí cũ"),
        ("Bình quân kết nạp từ 110 – 120", "range", 110, 120, "Bình quân kết nạp"),
    ],
)
def test_parse_cell_decomposed_text(
    text: str, op: str, low: float | None, high: float | None, note: str | None
) -> None:
    """Text from Windows-1258 files arrives NFD-decomposed; it parses the same, stored NFC."""
    parsed = parse_cell(unicodedata.normalize("NFD", text))
    assert parsed == Parsed(text, op, low, high, note=note)


# ---------------------------------------------------------------- Parsed.value

@pytest.mark.parametrize(
    ("text", "value"),
    [("770,4", 770.4), ("> 64", 64), ("≥ 2", 2), ("<18", 18), ("≤ 0,2", 0.2),
     ("8,5-9,5", None), ("Hoàn thành", None), ("", None)],
)
def test_value(text: str, value: float | None) -> None:
    assert parse_cell(text).value == value


# ---------------------------------------------------------------- statuses

@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("Đạt", "Đạt"),
        ("đạt", "Đạt"),
        ("ĐẠT", "Đạt"),
        ("Dat", "Đạt"),
        ("Hoàn thành", "Đạt"),
        ("Đạt kế hoạch", "Đạt"),
        (" Đạt. ", "Đạt"),
        ("Vượt", "Vượt"),
        ("Vượt kế hoạch", "Vượt"),
        ("Đạt và vượt", "Vượt"),
        ("Vượt chỉ tiêu", "Vượt"),
        ("Hoàn thành vượt mức", "Vượt"),
        ("Vượt 5%", "Vượt"),
        ("Chưa đạt", "Chưa đạt"),
        ("Chua dat", "Chưa đạt"),
        ("CHƯA ĐẠT", "Chưa đạt"),
        ("Không đạt", "Chưa đạt"),
        ("Khong dat", "Chưa đạt"),
        ("Không hoàn thành", "Chưa đạt"),
        ("chưa hoàn thành", "Chưa đạt"),
        ("Không  đạt", "Chưa đạt"),
        (unicodedata.normalize("NFD", "Chưa đạt"), "Chưa đạt"),
        (unicodedata.normalize("NFD", "Vượt"), "Vượt"),
        ("Cơ bản đạt", "Đạt"),
        ("Cơ bản hoàn thành", "Đạt"),
        ("cơ bản không đạt", "Chưa đạt"),
        ("Đạt (vượt)", "Vượt"),
        ("Đạt(vượt)", "Vượt"),
        ("Hoàn thành vượt kế hoạch", "Vượt"),
        ("Đạt 90% kế hoạch", None),
        ("không vượt", None),
        ("Giữ vững", None),
        ("93,3", None),
        ("", None),
        (None, None),
        (1.0, None),
    ],
)
def test_parse_status(cell: object, expected: str | None) -> None:
    assert parse_status(cell) == expected


@pytest.mark.parametrize("cell", ["1e308", "9" * 400, "1,5E20", 1e308, float("inf"),
                                  float("-inf"), -3e16, "12.345.678.901.234.567"])
def test_numbers_out_of_any_sane_range_are_kept_as_text_with_a_note(cell):
    parsed = parse_cell(cell)
    assert parsed.op is None and parsed.low is None and parsed.high is None
    assert parsed.text and "số quá lớn" in parsed.note


@pytest.mark.parametrize(("cell", "value"), [("9.999.999.999.999", 9_999_999_999_999.0),
                                             (1.5e15, 1.5e15), ("730.734", 730_734.0)])
def test_large_but_plausible_numbers_are_read(cell, value):
    assert parse_cell(cell).value == value


@pytest.mark.parametrize(
    ("cell", "verdict", "wording"),
    [("Cơ bản đạt", "Đạt", "Cơ bản đạt"), ("Hoàn thành", "Đạt", "Hoàn thành"),
     ("Đạt (vượt)", "Vượt", "Đạt (vượt)"), ("Không hoàn thành", "Chưa đạt", "Không hoàn thành"),
     ("ĐẠT", "Đạt", None), (" Đạt. ", "Đạt", None), ("Chua dat", "Chưa đạt", None)],
)
def test_status_wording_is_kept_when_it_says_more(cell, verdict, wording) -> None:
    assert parse_status(cell) == verdict
    assert status_wording(cell, verdict) == wording


@pytest.mark.parametrize(("cell", "why"), [
    ("Trong bối cảnh đầu nhiệm kỳ với nhiều khó khăn, thách thức, nhất là đại dịch kéo dài "
     "suốt 03 năm, kinh tế của thị xã vẫn giữ được đà tăng trưởng khá", "đoạn văn"),
    ("1.5. Chỉ đạo nâng cao hiệu lực, hiệu quả quản lý nhà nước", "số thứ tự của một mục"),
    ("2) Tập trung thu hút đầu tư", "số thứ tự của một mục"),
    ("phòng, chống dịch Covid-19", "số thuộc một tên"),
])
def test_a_report_sentence_with_one_number_is_not_a_figure(cell, why):
    parsed = parse_cell(cell)
    assert parsed.op is None and parsed.text == cell and why in parsed.note


@pytest.mark.parametrize(("cell", "value"), [
    ("Bình quân kết nạp từ 110 – 120", 110), ("1.5", 1.5), ("12.", 12), ("Trên 50%", 50),
    ("Phấn đấu đạt trên 95% dân số tham gia bảo hiểm y tế", 95),
])
def test_short_figures_with_words_are_still_read(cell, value):
    assert parse_cell(cell).low == value
