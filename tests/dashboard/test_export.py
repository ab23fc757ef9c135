"""CSV and Excel downloads: formula-like text is neutralised, numbers and diacritics survive."""

import csv
import io

import openpyxl
import pandas as pd
import pytest

from dashboard.export import neutralise, neutralise_frame, to_csv_bytes, to_xlsx_bytes


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+84 912", "'+84 912"),
        ("- Khu vực dịch vụ tăng;", "'- Khu vực dịch vụ tăng;"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("\rCR", "'\rCR"),
        ("Tỷ lệ hộ nghèo", "Tỷ lệ hộ nghèo"),
        ("8,5-9,5", "8,5-9,5"),
        (" =A1", " =A1"),
        ("", ""),
        (-16.0, -16.0),
        (None, None),
    ],
)
def test_neutralise(value, expected):
    assert neutralise(value) == expected


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame({
        "Chỉ tiêu (nguyên văn)": ["- Khu vực công nghiệp - xây dựng tăng", "=HYPERLINK(\"x\")",
                                  "Tổng thu NSNN"],
        "Kế hoạch (nguyên văn)": ["9,5-11", "+5", None],
        "Giá trị thực hiện": [8.5, -3.25, 730734.0],
        "Lô": [4, 4, 2],
        "Ước tính": [False, True, True],
        "Ngày nạp": pd.to_datetime(["2025-11-21 09:30", "2025-11-21 09:30", "2025-11-20 08:05"]),
    })


def test_neutralise_frame_leaves_numbers(table):
    out = neutralise_frame(table)
    assert out["Giá trị thực hiện"].tolist() == [8.5, -3.25, 730734.0]
    assert out["Chỉ tiêu (nguyên văn)"].tolist()[:2] == [
        "'- Khu vực công nghiệp - xây dựng tăng", "'=HYPERLINK(\"x\")"]


def test_csv_download(tmp_path, table):
    path = tmp_path / "chi_tieu.csv"
    path.write_bytes(to_csv_bytes(table))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][0] == "Chỉ tiêu (nguyên văn)"
    assert rows[1][:3] == ["'- Khu vực công nghiệp - xây dựng tăng", "9,5-11", "8.5"]
    assert rows[2][:3] == ["'=HYPERLINK(\"x\")", "'+5", "-3.25"]
    assert rows[3][2] == "730734"


def test_xlsx_download(tmp_path, table):
    path = tmp_path / "chi_tieu.xlsx"
    path.write_bytes(to_xlsx_bytes(table))
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Dữ liệu"
    cells = [[cell.value for cell in row] for row in sheet.iter_rows(min_row=2)]
    assert cells[0][0] == "'- Khu vực công nghiệp - xây dựng tăng"
    assert cells[1][:3] == ["'=HYPERLINK(\"x\")", "'+5", -3.25]
    assert all(sheet.cell(row=r, column=1).data_type == "s" for r in range(2, 5))
    assert cells[2][2] == 730734


def test_xlsx_drops_control_characters(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_bytes(to_xlsx_bytes(pd.DataFrame({"a": ["bad\x0bcell"]})))
    assert openpyxl.load_workbook(path).active["A2"].value == "badcell"


def test_csv_reads_back_with_pandas(table):
    back = pd.read_csv(io.BytesIO(to_csv_bytes(table)), encoding="utf-8-sig")
    assert back["Lô"].tolist() == [4, 4, 2]


def test_xlsx_dates_read_in_vietnamese(tmp_path, table):
    """Ngày nạp stays a date in Excel (sortable) but shows as 21/11/2025 09:30, not ISO."""
    path = tmp_path / "chi_tieu.xlsx"
    path.write_bytes(to_xlsx_bytes(table))
    sheet = openpyxl.load_workbook(path).active
    loaded = sheet.cell(row=2, column=6)
    assert loaded.is_date and loaded.number_format == "dd/mm/yyyy hh:mm"
