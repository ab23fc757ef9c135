"""Tests for etl.read: real files written here (openpyxl, csv bytes, python-docx) and the real
Ministry of Finance workbook."""

from __future__ import annotations

import codecs
import re
import struct
import unicodedata
import zipfile
from datetime import date
from pathlib import Path

import docx
import openpyxl
import pytest

from etl import read
from etl.errors import Refused
from etl.read import Grid, cell_ref, read_grid, sheet_names
from tests.workbook import write_xlsb, write_xlsx

FINAL_2013 = Path(__file__).resolve().parents[2] / "data" / "real" / "Final_2013.xls"
needs_final_2013 = pytest.mark.skipif(not FINAL_2013.exists(), reason="Final_2013.xls is not here")
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"


def write_bytes(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def to_cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: base letters precomposed, tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        tones = "".join(p for p in parts if p in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in TONE_MARKS))
        out.append(base + tones)
    return "".join(out).encode("cp1258")


def refusal(path: Path, sheet: str | None = None) -> str:
    with pytest.raises(Refused) as caught:
        read_grid(path, sheet)
    return caught.value.message


# --- xlsx -----------------------------------------------------------------------------------


def test_xlsx_title_rows_and_merged_cells(tmp_path):
    rows = [
        ["  PHỤ LỤC CHỈ TIÊU NĂM 2024  "],
        [],
        ["STT", "Chỉ tiêu", "Thực hiện"],
        [None, None, "Năm 2022", "Năm 2023"],
        [1, "Tốc độ tăng trưởng", 7.5, ""],
    ]
    path = write_xlsx(
        tmp_path / "phu_luc.xlsx", rows, sheet="PL", merges=["A1:D1", "C3:D3", "A3:A4"]
    )
    grid = read_grid(path)
    assert grid.sheet == "PL"
    assert grid.file_name == "phu_luc.xlsx"
    assert grid.rows[0] == ["PHỤ LỤC CHỈ TIÊU NĂM 2024", None, None, None]
    assert grid.rows[2][2] == "Thực hiện"
    assert grid.rows[4] == [1, "Tốc độ tăng trưởng", 7.5, None]
    assert sorted(grid.merged) == [(0, 0, 0, 3), (2, 0, 3, 0), (2, 2, 2, 3)]
    assert {len(row) for row in grid.rows} == {4}


@pytest.mark.parametrize(
    ("number_format", "is_percent"),
    [
        ("0.0%", True),  # custom format (numFmtId 164)
        ("#,##0.00%", True),
        ("0.0%;[Red]-0.0%", True),
        ("0.00%", True),  # built-in format 10
        ("0%", True),  # built-in format 9
        ("#,##0.0", False),
        ('0.0" %"', False),  # quoted: a literal sign, the number is not scaled
        ("0.0\\%", False),
    ],
)
def test_xlsx_percent_formats(tmp_path, number_format, is_percent):
    rows = [["Tỷ lệ hộ nghèo", 0.933], [None, 12.5]]
    path = write_xlsx(tmp_path / "pct.xlsx", rows, formats={"B1": number_format})
    grid = read_grid(path)
    assert grid.rows[0][1] == pytest.approx(0.933)
    assert grid.percent == ({(0, 1)} if is_percent else set())


def test_xlsx_percent_on_text_cell_is_not_reported(tmp_path):
    path = write_xlsx(tmp_path / "pct.xlsx", [["93,3", 0.5]], formats={"A1": "0.0%", "B1": "0.0%"})
    assert read_grid(path).percent == {(0, 1)}


def test_xlsx_sheet_starting_below_a1_keeps_origin(tmp_path):
    path = write_xlsx(
        tmp_path / "offset.xlsx",
        [[], [], [], [], [None, None, "Thực hiện"], [None, None, "Năm 2023", 0.25]],
        sheet="Dữ liệu",
        formats={"D6": "0.0%"},
        merges=["C5:D5", "D6:E7", "A1:B2"],  # the last two reach outside the data
    )
    grid = read_grid(path)
    assert grid.origin == (4, 2)
    assert grid.rows == [["Thực hiện", None], ["Năm 2023", 0.25]]
    assert grid.merged == [(0, 0, 0, 1)]
    assert grid.percent == {(1, 1)}
    assert cell_ref(grid, 1, 1) == "Dữ liệu!D6"


def test_default_sheet_is_first_with_a_value(tmp_path):
    path = write_xlsx(
        tmp_path / "two.xlsx",
        [["   "]],
        sheet="Trống",
        extra_sheets={"M01+": [[], [None, "Thu ngân sách"]], "M02+": [["Chi"]]},
    )
    assert sheet_names(path) == ["Trống", "M01+", "M02+"]
    assert read_grid(path).sheet == "M01+"
    assert read_grid(path, "M02+").rows == [["Chi"]]
    assert read_grid(path, " m02+ ").sheet == "M02+"


def test_missing_sheet_lists_the_sheets(tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", [[1]], sheet="M01+", extra_sheets={"M02+": [[2]]})
    with pytest.raises(Refused) as caught:
        read_grid(path, "M09+")
    assert caught.value.message == 'Không có trang tính "M09+". Các trang có: M01+, M02+.'
    assert caught.value.candidates == ["M01+", "M02+"]


def test_workbook_without_values_is_refused(tmp_path):
    path = write_xlsx(tmp_path / "empty.xlsx", [])
    assert "không có ô nào chứa dữ liệu" in refusal(path)


def test_xlsx_cell_types_and_nfc(tmp_path):
    nfd = unicodedata.normalize("NFD", " Hà Nội ")
    grid = read_grid(write_xlsx(tmp_path / "types.xlsx", [[True, 3, nfd, date(2024, 6, 30)]]))
    assert grid.rows[0][0] is True
    assert grid.rows[0][1] == 3
    assert grid.rows[0][2] == "Hà Nội"
    assert unicodedata.is_normalized("NFC", grid.rows[0][2])
    assert grid.rows[0][3] == date(2024, 6, 30)


def test_hidden_sheet_is_not_the_default(tmp_path):
    path = write_xlsx(
        tmp_path / "hidden.xlsx", [["nháp"]], sheet="Nháp", extra_sheets={"PL": [["Phụ lục"]]}
    )
    workbook = openpyxl.load_workbook(path)
    workbook["Nháp"].sheet_state = "hidden"
    workbook.save(path)
    assert read_grid(path).sheet == "PL"
    assert read_grid(path, "Nháp").rows == [["nháp"]]


# --- the real Ministry of Finance workbook -----------------------------------------------------


@needs_final_2013
def test_real_final_2013_m09():
    grid = read_grid(FINAL_2013, "M09+")
    assert len(grid.rows) == 84
    assert grid.rows[14][1] == "HÀ GIANG"
    assert grid.rows[14][2] == pytest.approx(1996313.1, abs=0.1)
    assert cell_ref(grid, 14, 2) == "M09+!C15"
    assert (9, 3, 11, 4) in grid.merged  # "TỶ LỆ PHÂN CHIA NGUỒN THU" over two columns
    assert grid.rows[7][9] == "Đơn vị tính: Triệu đồng"


@needs_final_2013
def test_real_final_2013_sheets_and_percent():
    assert sheet_names(FINAL_2013)[:2] == ["M01+", "M02+"]
    assert read_grid(FINAL_2013).sheet == "M01+"
    grid = read_grid(FINAL_2013, "M01+")
    assert grid.rows[30][1] == "Tỷ lệ phần trăm (%) bội chi NSNN so với GDP"
    assert grid.percent == {(30, 3)}


# --- text files -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "STT,Chỉ tiêu,Kết quả\n1,Thu ngân sách,770.4\n",
            [["STT", "Chỉ tiêu", "Kết quả"], ["1", "Thu ngân sách", "770.4"]],
        ),
        (
            "STT;Chỉ tiêu;Kết quả\n1;Thu ngân sách;1.234,5\n2;Chi;4,5\n",
            [
                ["STT", "Chỉ tiêu", "Kết quả"],
                ["1", "Thu ngân sách", "1.234,5"],
                ["2", "Chi", "4,5"],
            ],
        ),
        (
            '"Thu, chi ngân sách";Kết quả\n"Tăng 6, 7";8,5\n',
            [["Thu, chi ngân sách", "Kết quả"], ["Tăng 6, 7", "8,5"]],
        ),
        ("A\tB\n 1,5 \t\n", [["A", "B"], ["1,5", None]]),
        ("Tiêu đề\nA,B,C\n1,2\n\n\n", [["Tiêu đề", None, None], ["A", "B", "C"], ["1", "2", None]]),
        ("Chỉ tiêu\nThu ngân sách\n", [["Chỉ tiêu"], ["Thu ngân sách"]]),
    ],
    ids=["comma", "semicolon-decimal-comma", "quoted", "tab", "ragged", "one-column"],
)
def test_csv_delimiters(tmp_path, content, expected):
    grid = read_grid(write_bytes(tmp_path, "bang.csv", content.encode("utf-8")))
    assert grid.rows == expected
    assert (grid.sheet, grid.percent, grid.merged, grid.origin) == ("", set(), [], (0, 0))
    assert sheet_names(tmp_path / "bang.csv") == [""]


TEXT = "Chỉ tiêu;Kết quả\nTỷ lệ hộ nghèo;3,62\n"
ROWS = [["Chỉ tiêu", "Kết quả"], ["Tỷ lệ hộ nghèo", "3,62"]]


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        unicodedata.normalize("NFD", TEXT).encode("utf-8"),
        codecs.BOM_UTF16_LE + TEXT.replace(";", "\t").replace("\n", "\r\n").encode("utf-16-le"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        to_cp1258(TEXT),
    ],
    ids=["utf8", "utf8-bom", "utf8-nfd", "utf16le-tab", "utf16be", "cp1258"],
)
def test_text_encodings(tmp_path, data):
    assert read_grid(write_bytes(tmp_path, "bang.txt", data)).rows == ROWS


def test_cp1258_round_trip_is_nfc():
    raw = to_cp1258("Tỷ lệ hộ nghèo")
    assert raw.startswith(b"Ty\xd2")  # tone marks are combining bytes in Windows-1258
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) != raw.decode("cp1258")
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == "Tỷ lệ hộ nghèo"


@pytest.mark.parametrize(
    "data",
    [
        bytes(range(256)),
        b"caf\xe9 na\xefve;1\n",  # Latin-1 French: cp1258 decodes it, but it is not Vietnamese
        b"\x81\x8d\x8f\x90 \xff\xfe",
        "Chỉ tiêu;Kết quả\n".encode("utf-16-le"),  # UTF-16 without its BOM
        "Tỷ lệ hộ nghèo;3,62\n".encode() + b"\xff",  # UTF-8 with one damaged byte
    ],
    ids=["binary", "latin1", "undefined-cp1258", "utf16-no-bom", "damaged-utf8"],
)
def test_undecodable_text_is_refused(tmp_path, data):
    message = refusal(write_bytes(tmp_path, "bang.csv", data))
    assert message.startswith("Không đọc được bảng mã của tệp bang.csv")
    assert "CSV UTF-8" in message


def test_blank_text_file_is_refused(tmp_path):
    assert "không có dữ liệu" in refusal(write_bytes(tmp_path, "blank.csv", b" \n;;\n\n"))


# --- limits and bad files -------------------------------------------------------------------


def test_empty_file_is_refused(tmp_path):
    assert refusal(write_bytes(tmp_path, "rong.xlsx", b"")) == "Tệp rong.xlsx rỗng (0 byte)."


def test_file_over_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 2048)
    path = write_bytes(tmp_path, "lon.csv", b"a,b\n" * 1024)
    assert refusal(path) == "Tệp lon.csv quá lớn (4 KB); giới hạn là 2 KB."


def declare_size(zip_bytes: bytes, member: str, size: int) -> bytes:
    """Rewrite the central-directory entry of `member` to declare `size` uncompressed bytes."""
    data = bytearray(zip_bytes)
    entry = data.find(b"PK\x01\x02")
    while entry != -1:
        name_length = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_length] == member.encode():
            struct.pack_into("<I", data, entry + 24, size)
            return bytes(data)
        entry = data.find(b"PK\x01\x02", entry + 4)
    raise AssertionError(member)


def test_zip_declaring_huge_member_is_refused(tmp_path):
    source = write_xlsx(tmp_path / "ok.xlsx", [[1]])
    bomb = declare_size(source.read_bytes(), "xl/worksheets/sheet1.xml", 0xFFFF_FFF0)
    message = refusal(write_bytes(tmp_path, "bom.xlsx", bomb))
    assert "zip bomb" in message and "vượt giới hạn 500 MB" in message


def test_zip_with_absurd_ratio_is_refused(tmp_path):
    path = tmp_path / "nen.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (3 * 1024 * 1024))
    message = refusal(path)
    assert "tỷ lệ bất thường" in message and "zip bomb" in message


def test_zip_over_unzipped_limit_is_refused(tmp_path, monkeypatch):
    source = write_xlsx(tmp_path / "ok.xlsx", [["Thu ngân sách"]])
    monkeypatch.setattr(read, "MAX_UNZIPPED_BYTES", 1000)
    assert "vượt giới hạn 1000 byte" in refusal(source)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("hong.xlsx", b"this is not a workbook at all"),
        ("hong.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600),
        ("cat.xlsx", b"PK\x03\x04" + b"\0" * 100),
    ],
    ids=["text-as-xlsx", "broken-ole", "truncated-zip"],
)
def test_corrupt_workbook_is_refused(tmp_path, name, data):
    message = refusal(write_bytes(tmp_path, name, data))
    assert message.startswith(f"Tệp {name} không mở được như một bảng tính Excel")
    assert "lưu lại dạng .xlsx" in message
    assert not re.search(r"\b(?:cannot|error|invalid|file|format)\b", message, re.I)  # English


def test_zip_that_is_not_office_is_refused(tmp_path):
    path = tmp_path / "tai_lieu.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "xin chào")
    assert "không phải bảng tính hay văn bản Word" in refusal(path)


@needs_final_2013
def test_unknown_extension_is_sniffed(tmp_path):
    xlsx = write_xlsx(tmp_path / "a.xlsx", [["Chỉ tiêu"]])
    renamed = write_bytes(tmp_path, "tai_len.bin", xlsx.read_bytes())
    assert read_grid(renamed).rows == [["Chỉ tiêu"]]
    xls_renamed = write_bytes(tmp_path, "bao_cao.xlsx", FINAL_2013.read_bytes())
    assert read_grid(xls_renamed, "M09+").rows[14][1] == "HÀ GIANG"
    text = write_bytes(tmp_path, "tai_len.dat", b"A;B\n1;2\n")
    assert read_grid(text).rows == [["A", "B"], ["1", "2"]]


def test_excel_binary_workbook_is_read_and_loaded(tmp_path):
    """A .xlsb (written record by record: no library here writes one) reads as the same grid,
    also renamed, and loads through the CLI as a .xlsx would."""
    from etl.cli import main

    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["KẾ HOẠCH NĂM 2024"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024"],
            [1, "Tỷ lệ hộ nghèo", "%", "< 0,3"],
            [2, "Thu ngân sách nhà nước", "Triệu đồng", 850_000]]
    book = write_xlsb(tmp_path / "ke_hoach.xlsb", rows, sheet="Phụ lục 1")
    assert sheet_names(book) == ["Phụ lục 1"]
    grid = read_grid(book)
    assert grid.rows[3] == [1, "Tỷ lệ hộ nghèo", "%", "< 0,3"] and grid.rows[4][3] == 850_000
    assert grid.rows[0][1:] == [None, None, None]
    renamed = write_bytes(tmp_path, "tai_len.bin", book.read_bytes())
    assert read_grid(renamed).rows == grid.rows
    assert main(["load", str(book), "--db", str(tmp_path / "x.duckdb")]) == 0


# --- docx -----------------------------------------------------------------------------------


def write_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Báo cáo tình hình kinh tế - xã hội. " * 20)  # body text, not a title
    document.add_paragraph("PHỤ LỤC")
    document.add_paragraph("")
    document.add_paragraph("KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2024  ")
    table = document.add_table(rows=4, cols=4)
    for r, values in enumerate(
        [
            ["TT", "Chỉ tiêu", "Thực hiện", ""],
            ["", "", "Năm 2023", "Năm 2024"],
            ["1", "Thu ngân sách", "730.734", "800"],
            ["2", "Tỷ lệ hộ nghèo", "3,62", "3,08"],
        ]
    ):
        for c, value in enumerate(values):
            table.cell(r, c).text = value
    table.cell(0, 2).merge(table.cell(0, 3))
    table.cell(0, 0).merge(table.cell(1, 0))
    table.cell(0, 1).merge(table.cell(1, 1))
    document.add_paragraph("Bảng thứ hai")
    second = document.add_table(rows=1, cols=2)
    second.cell(0, 0).text = "Ghi chú"
    document.save(path)
    return path


def test_docx_table_with_title_and_merges(tmp_path):
    path = write_docx(tmp_path / "bao_cao.docx")
    assert sheet_names(path) == ["Bảng 1", "Bảng 2"]
    grid = read_grid(path)
    assert grid.sheet == "Bảng 1"
    assert grid.rows[:2] == [
        ["PHỤ LỤC", None, None, None],
        ["KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU NĂM 2024", None, None, None],
    ]
    assert grid.rows[2] == ["TT", "Chỉ tiêu", "Thực hiện", None]
    assert grid.rows[3] == [None, None, "Năm 2023", "Năm 2024"]
    assert grid.rows[4] == ["1", "Thu ngân sách", "730.734", "800"]
    assert grid.merged == [(2, 0, 3, 0), (2, 1, 3, 1), (2, 2, 2, 3)]
    assert cell_ref(grid, 4, 2) == "Bảng 1!C3"  # third row of the table itself


def test_docx_second_table_and_missing_table(tmp_path):
    path = write_docx(tmp_path / "bao_cao.docx")
    grid = read_grid(path, "Bảng 2")
    assert grid.rows == [["Bảng thứ hai", None], ["Ghi chú", None]]
    with pytest.raises(Refused) as caught:
        read_grid(path, "Bảng 3")
    assert caught.value.candidates == ["Bảng 1", "Bảng 2"]


def test_docx_without_table_is_refused(tmp_path):
    document = docx.Document()
    document.add_paragraph("Chỉ có văn bản")
    document.save(tmp_path / "van_ban.docx")
    assert "không có bảng nào" in refusal(tmp_path / "van_ban.docx")


# --- cell references ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sheet", "origin", "row", "col", "expected"),
    [
        ("M09+", (0, 0), 14, 2, "M09+!C15"),
        ("", (0, 0), 0, 0, "A1"),
        ("S", (0, 0), 9, 25, "S!Z10"),
        ("S", (0, 0), 0, 26, "S!AA1"),
        ("S", (0, 0), 0, 701, "S!ZZ1"),
        ("S", (0, 0), 0, 702, "S!AAA1"),
        ("S", (4, 2), 0, 0, "S!C5"),
    ],
)
def test_cell_ref(sheet, origin, row, col, expected):
    grid = Grid(rows=[], sheet=sheet, file_name="f", percent=set(), merged=[], origin=origin)
    assert cell_ref(grid, row, col) == expected
