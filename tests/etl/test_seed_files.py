"""The demo seed files in data/seed/: the key figures of the five reports sit verbatim in the
right rows, the appendices match the report text line for line (headers repeated at page breaks
included), the manifest points at real files and sheets, and generate.py reproduces the files."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from etl.periods import parse_code

ROOT = Path(__file__).resolve().parents[2]
SEED_DIR = ROOT / "data" / "seed"
REPORTS = ROOT.parent / "shared" / "seeds"

Cells = list[object]


def _csv_rows(path: Path) -> list[Cells]:
    text = path.read_text(encoding="utf-8-sig")
    delimiter = ";" if ";" in text.splitlines()[0] else ","
    return [list(row) for row in csv.reader(text.splitlines(), delimiter=delimiter)]


def rows_of(file: str, sheet: str | None = None) -> list[Cells]:
    """Every row of a seed file as cell values (csv: text; xlsx: what Excel holds)."""
    path = SEED_DIR / file
    if path.suffix == ".csv":
        return _csv_rows(path)
    workbook = load_workbook(path)
    worksheet = workbook[sheet] if sheet else workbook.active
    return [[cell.value for cell in row] for row in worksheet.iter_rows()]


def manifest() -> list[dict[str, str]]:
    with (SEED_DIR / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


# (file, sheet, cells that must all sit in one row)
FIGURES = [
    ("duc_trong_2023_6_thang.xlsx", "Ngân sách",
     ("Tổng thu NSNN trên địa bàn huyện", "triệu đồng", 730734, 41, 84)),
    ("duc_trong_2023_6_thang.xlsx", "Ngân sách",
     ("Trong đó: thu NSNN do huyện quản lý", "triệu đồng", 451073, 37, 68)),
    ("duc_trong_2023_6_thang.xlsx", "Ngân sách",
     ("Tổng chi ngân sách địa phương", "triệu đồng", 441301, 39, 127)),
    ("duc_trong_2023_6_thang.xlsx", "Ngân sách", ("Tỷ lệ giải ngân vốn đầu tư công", "%", 50)),
    ("duc_trong_2023_6_thang.xlsx", "Kinh tế - xã hội",
     ("Tổng diện tích gieo trồng", "ha", 36340, 64.1, 101.1)),
    ("duc_trong_2023_6_thang.xlsx", "Kinh tế - xã hội",
     ("Diện tích sản xuất theo hướng công nghệ cao", "ha", 10474.03)),
    ("duc_trong_2023_muc_tieu.xlsx", "Huyện",
     ("Huyện Đức Trọng", "2023", "Vốn đầu tư công", "triệu đồng", 465147)),
    ("duc_trong_2023_muc_tieu.xlsx", "Huyện",
     ("2023", "Tỷ lệ giải ngân vốn đầu tư công", "trên 95%")),
    ("duc_trong_2023_muc_tieu.xlsx", "Các xã", ("Thị trấn Liên Nghĩa", "2023-H1", 2944)),
    ("duc_trong_2022_ke_hoach.xlsx", "Phụ lục",
     ("Ngành Nông, lâm nghiệp và thuỷ sản", "%", "Tăng 6 - 7")),
    ("duc_trong_2022_ke_hoach.xlsx", "Phụ lục", (2, "Thu NSNN do huyện quản lý", "tỷ đồng", 770.4)),
    ("duc_trong_2022_ke_hoach.xlsx", "Phụ lục",
     (3, "Giải quyết việc làm", "lao động", "4.000-4.500")),
    ("duc_trong_2022_ke_hoach.xlsx", "Phụ lục",
     ("Trong đó, tỷ lệ lao động qua đào tạo", "%", "> 64")),
    ("duc_trong_2022_ke_hoach.xlsx", "Phụ lục", (4, "Trường học đạt chuẩn quốc gia", "≥ 2")),
    ("duc_trong_2022_ke_hoach.xlsx", "Phụ lục", (18, "Phát triển đảng", "đảng viên", 100)),
    ("duc_trong_2021_ket_qua.csv", None, ("Ngành nông lâm nghiệp và thủy sản", "%", "5,79")),
    ("duc_trong_2021_ket_qua.csv", None, ("Công nghiệp", "%", "8,35")),
    ("duc_trong_2021_ket_qua.csv", None, ("Ngành xây dựng", "%", "6,67")),
    ("duc_trong_2021_ket_qua.csv", None, ("Ngành Dịch vụ", "%", "6,53", "Chưa đạt")),
    ("duc_trong_2021_ket_qua.csv", None, ("Trường đạt chuẩn quốc gia", "trường", "48")),
    ("duc_trong_2021_ket_qua.csv", None, ("Tỷ lệ trường đạt chuẩn quốc gia", "%", "76,2")),
    ("bao_loc_giua_nhiem_ky.xlsx", "Phụ lục", ("1.1", "%/năm", "8,5-9,5", 7.8, "Chưa đạt")),
    ("bao_loc_giua_nhiem_ky.xlsx", "Phụ lục",
     ("2.1", "Tỷ lệ hộ nghèo", "0,2 (theo tiêu chí cũ)", 0.37, "Chưa đạt")),
    ("bao_loc_giua_nhiem_ky.xlsx", "Phụ lục", ("2.2", "dưới 1,0", 0.85, "Đạt")),
    ("bao_loc_giua_nhiem_ky.xlsx", "Phụ lục", ("2.4", 95, 93.3, "Chưa đạt")),
    ("bao_loc_giua_nhiem_ky.xlsx", "Phụ lục", ("2.10", "Tỷ lệ che phủ rừng", "> 6", 6.5, "Đạt")),
    ("bao_loc_giua_nhiem_ky.xlsx", "Phụ lục",
     ("Bình quân kết nạp từ 110 – 120", "263 đảng viên/ 3 năm", "Chưa đạt")),
    ("bao_loc_theo_nam.xlsx", "Theo năm",
     ("Tăng trưởng tổng giá trị sản xuất (theo giá so sánh năm 2010)", 4.2, 9.7, 9.8, "9,7-10")),
    ("bao_loc_theo_nam.xlsx", "Theo năm", ("- Công nghiệp - xây dựng", "10,5-11")),
    ("bao_loc_muc_tieu_va_so_lieu.csv", None,
     ("Thành phố Bảo Lộc", "2025", "Tỷ lệ hộ nghèo theo tiêu chí mới", "dưới 0,20%")),
    ("bao_loc_muc_tieu_va_so_lieu.csv", None, ("2025", "Tỷ lệ bảo hiểm y tế toàn dân", "trên 95%")),
    ("bao_loc_muc_tieu_va_so_lieu.csv", None,
     ("2021-2023", "Tổng thu ngân sách nhà nước", "tỷ đồng", "8.397")),
    ("duc_pho_2023.csv", None,
     ("Thị xã Đức Phổ", "2021-2023", "Tốc độ tăng trưởng bình quân", "%", "7,22")),
    ("duc_pho_2023.csv", None, ("2023-H1", "Tổng giá trị sản xuất", "tỷ đồng", "15.840")),
    ("duc_pho_2023.csv", None, ("2023-H1", "Tổng giá trị sản xuất", "15.840", "113")),
    ("duc_pho_2023.csv", None, ("2023-H1", "Tỷ trọng công nghiệp - xây dựng, dịch vụ", "86,7")),
    ("duc_pho_2023.csv", None, ("2023-H1", "Tổng thu ngân sách nhà nước trên địa bàn", "119,6")),
    ("duc_pho_2023.csv", None, ("2023-H1", "Tỷ lệ hộ nghèo", "%", "3,62")),
    ("duc_pho_2023.csv", None, ("2023", "Tỷ lệ hộ nghèo", "%", "3,08")),
    ("duc_pho_2023.csv", None, ("2023", "Xã đạt chuẩn nông thôn mới nâng cao", "02")),
    ("xa_duc_trong_2025.xlsx", None, (2025, "Xã Đức Trọng", "Diện tích tự nhiên", "km²", 148.78)),
    ("xa_duc_trong_2025.xlsx", None, (2025, "Dân số", "người", 85163)),
    ("xa_duc_trong_2025.xlsx", None, (2025, "Người dân tộc thiểu số", "người", 31878)),
    ("xa_duc_trong_2025.xlsx", None, ("2025-2030", "%/năm", "khoảng 10-11%")),
]


@pytest.mark.parametrize(("file", "sheet", "cells"), FIGURES)
def test_figure_sits_in_one_row(file: str, sheet: str | None, cells: tuple[object, ...]) -> None:
    rows = rows_of(file, sheet)
    assert any(all(cell in row for cell in cells) for row in rows), cells


@pytest.mark.parametrize(
    ("file", "header", "next_rows"),
    [
        ("duc_trong_2022_ke_hoach.xlsx", ("STT", "CHỈ TIÊU", "ĐƠN VỊ TÍNH", "CHỈ TIÊU"), [1, 11]),
        (
            "bao_loc_giua_nhiem_ky.xlsx",
            ("TT", "CHỈ TIÊU", "ĐVT", "Chỉ tiêu Nghị quyết ĐH VI", "Kết quả thực hiện",
             "So sánh NQ ĐH VI"),
            ["I", None, "2.9"],
        ),
    ],
)
def test_header_repeated_where_the_report_repeats_it(
    file: str, header: tuple[str, ...], next_rows: list[object]
) -> None:
    rows = rows_of(file, "Phụ lục")
    at = [i for i, row in enumerate(rows) if tuple(row) == header]
    assert [rows[i + 1][0] for i in at] == next_rows


def test_bao_loc_second_header_comes_before_the_model_commune_row() -> None:
    rows = rows_of("bao_loc_giua_nhiem_ky.xlsx", "Phụ lục")
    at = [i for i, row in enumerate(rows) if row[0] == "TT"]
    assert rows[at[1] - 1][0] == "2.3"
    assert rows[at[1] + 1][1] == "Có 01 xã đạt chuẩn nông thôn mới kiểu mẫu."


def _as_written(value: object) -> str:
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return "" if value is None else str(value).strip()


def _joined(cells: list[object]) -> str:
    return " ".join(text for text in map(_as_written, cells) if text)


def _report_table(report: str, header: str) -> list[str]:
    """The appendix lines of a report, from its first header line to the next plain line."""
    lines = (REPORTS / report).read_text(encoding="utf-8").splitlines()
    start = lines.index(header)
    table: list[str] = []
    for line in lines[start:]:
        if line.strip() and "\t" not in line:
            break
        if line.strip():
            table.append(_joined(line.split("\t")))
    return table


@pytest.mark.skipif(not REPORTS.is_dir(), reason="the seed reports are not beside the repo")
@pytest.mark.parametrize(
    ("file", "report", "header"),
    [
        ("duc_trong_2022_ke_hoach.xlsx", "002_c7c87d5997a4d916.txt",
         "STT\tCHỈ TIÊU\tĐƠN VỊ TÍNH\tCHỈ TIÊU"),
        ("bao_loc_giua_nhiem_ky.xlsx", "003_fc28039f31bd1fb8.txt",
         "TT\tCHỈ TIÊU\tĐVT\tChỉ tiêu Nghị quyết ĐH VI\tKết quả thực hiện\tSo sánh NQ ĐH VI"),
    ],
)
def test_appendix_matches_the_report_line_for_line(file: str, report: str, header: str) -> None:
    rows = rows_of(file, "Phụ lục")
    first = next(i for i, row in enumerate(rows) if _joined(row) == _joined(header.split("\t")))
    transcribed = [_joined(row) for row in rows[first:] if _joined(row)]
    assert transcribed == _report_table(report, header)


def test_appendix_titles_are_merged_across_the_table_then_a_blank_row() -> None:
    worksheet = load_workbook(SEED_DIR / "duc_trong_2022_ke_hoach.xlsx")["Phụ lục"]
    merged = {str(r) for r in worksheet.merged_cells.ranges}
    assert {"A1:D1", "A2:D2", "A3:D3", "A4:D4"} <= merged
    assert worksheet["C3"].value is None and worksheet["A3"].value == "CHỈ TIÊU KẾ HOẠCH NĂM 2022"
    assert all(cell.value is None for cell in worksheet[5])
    assert worksheet["A6"].value == "STT"


def test_by_year_header_has_thuc_hien_merged_over_the_years() -> None:
    worksheet = load_workbook(SEED_DIR / "bao_loc_theo_nam.xlsx")["Theo năm"]
    assert "D4:F4" in {str(r) for r in worksheet.merged_cells.ranges}
    assert [c.value for c in worksheet[4]] == [
        "STT", "Chỉ tiêu", "ĐVT", "Thực hiện", None, None, "Kế hoạch giai đoạn 2023 - 2025",
    ]
    assert [c.value for c in worksheet[5]][3:6] == ["Năm 2021", "Năm 2022", "Ước năm 2023"]


@pytest.mark.parametrize(
    ("file", "sheet", "name", "value", "number_format"),
    [
        ("xa_duc_trong_2025.xlsx", "Xã Đức Trọng", "Tỷ lệ người dân tộc thiểu số", 0.37, "0%"),
        ("duc_trong_2023_6_thang.xlsx", "Kinh tế - xã hội",
         "Tỷ lệ hồ sơ cấp huyện giải quyết đúng hạn", 0.913, "0.0%"),
        ("duc_trong_2023_6_thang.xlsx", "Kinh tế - xã hội",
         "Tỷ lệ thu nhận hồ sơ định danh điện tử mức 2", 0.7284, "0.00%"),
    ],
)
def test_percent_formatted_cells_hold_a_fraction(
    file: str, sheet: str, name: str, value: float, number_format: str
) -> None:
    worksheet = load_workbook(SEED_DIR / file)[sheet]
    row = next(row for row in worksheet.iter_rows() if name in [c.value for c in row])
    cell = next(c for c in row if c.value == value)
    assert cell.number_format == number_format


@pytest.mark.parametrize(
    ("file", "delimiter", "bom"),
    [
        ("duc_trong_2021_ket_qua.csv", ";", True),
        ("duc_pho_2023.csv", ";", True),
        ("bao_loc_muc_tieu_va_so_lieu.csv", ",", False),
    ],
)
def test_csv_files_use_the_delimiter_and_encoding_staff_export(
    file: str, delimiter: str, bom: bool
) -> None:
    raw = (SEED_DIR / file).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") is bom
    first = raw.decode("utf-8-sig").splitlines()[0]
    assert first.count(delimiter) >= 5


def test_every_manifest_row_points_at_an_existing_file_and_sheet() -> None:
    rows = manifest()
    assert rows and list(rows[0]) == ["file", "sheet", "locality", "period"]
    for row in rows:
        path = SEED_DIR / row["file"]
        assert path.is_file(), row
        if path.suffix == ".xlsx":
            assert row["sheet"] in load_workbook(path, read_only=True).sheetnames, row
        else:
            assert row["sheet"] == "", row
        if row["period"]:
            assert parse_code(row["period"]).code == row["period"]


def test_every_seed_data_file_is_in_the_manifest() -> None:
    listed = {row["file"] for row in manifest()}
    on_disk = {p.name for p in SEED_DIR.iterdir() if p.suffix in {".xlsx", ".csv"}}
    assert listed == on_disk - {"manifest.csv"}


def test_every_workbook_sheet_is_in_the_manifest() -> None:
    listed = {(row["file"], row["sheet"]) for row in manifest()}
    for path in SEED_DIR.glob("*.xlsx"):
        for name in load_workbook(path, read_only=True).sheetnames:
            assert (path.name, name) in listed


def _xlsx_values(path: Path) -> dict[str, list[Cells]]:
    return {
        ws.title: [[c.value for c in row] for row in ws.iter_rows()]
        for ws in load_workbook(path)
    }


def test_generate_reproduces_the_committed_files(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(SEED_DIR / "generate.py"), str(tmp_path)],
        check=True, capture_output=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    for fresh in sorted(tmp_path.iterdir()):
        committed = SEED_DIR / fresh.name
        if fresh.suffix == ".xlsx":
            assert _xlsx_values(fresh) == _xlsx_values(committed), fresh.name
        else:
            assert fresh.read_bytes() == committed.read_bytes(), fresh.name


def test_the_demo_holds_both_sheets_of_the_six_month_report(demo_db) -> None:
    """Its two sheets cover the same district, period and measures: the second was once taken
    for the first loaded again, and 75 figures were missing from the demo."""
    import duckdb

    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        sheets = con.execute("SELECT sheet, row_count FROM batches WHERE file_name = "
                             "'duc_trong_2023_6_thang.xlsx' AND state = 'active' ORDER BY id"
                             ).fetchall()
    finally:
        con.close()
    assert [s for s, _ in sheets] == ["Ngân sách", "Kinh tế - xã hội"]
    assert all(n > 0 for _, n in sheets)
