"""What a table's words say beyond its figures: status wording, which table of a document is
the indicator table, localities read in the title's context, total and footnote rows, and
refusing files that hold no data. Files are written here; imports go through
`etl.pipeline.prepare`/`commit` on real DuckDB files."""

from __future__ import annotations

import docx
import duckdb
import openpyxl
import pytest

from etl.cli import main
from etl.errors import Refused
from etl.pipeline import commit, prepare
from tests.workbook import write_xlsx

REPORT_TITLE = [["UBND HUYỆN ĐỨC TRỌNG", None, None, None, None, None],
                ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2023", None, None, None, None, None]]
REPORT_HEADER = ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá"]


def test_status_words_keep_their_wording_and_map_to_a_verdict(tmp_path):
    rows = REPORT_TITLE + [REPORT_HEADER,
                           [1, "Giải quyết việc làm", "lao động", "4.000", "3.900", "Cơ bản đạt"],
                           [2, "Trường học đạt chuẩn quốc gia", "trường", "2", "2", "Hoàn thành"],
                           [3, "Tỷ lệ hộ nghèo", "%", "0,24", "0,5", "Không hoàn thành"],
                           [4, "Thu NSNN do huyện quản lý", "tỷ đồng", "770,4", "800",
                            "Vượt kế hoạch"],
                           [5, "Tỷ lệ bảo hiểm y tế toàn dân", "%", "88", "90", "Đạt (vượt)"],
                           [6, "Tỷ lệ hộ dân nông thôn được sử dụng điện", "%", ">99", "99,5",
                            "Đạt"]]
    prepared = prepare(write_xlsx(tmp_path / "kq.xlsx", rows))
    with duckdb.connect(str(tmp_path / "ct.duckdb")) as con:
        commit(con, prepared)
        stored = con.execute(
            "select indicator_as_written, reported_status, note from observations order by row_no"
        ).fetchall()
    assert [(s, n) for _, s, n in stored] == [
        ("Đạt", "đánh giá ghi 'Cơ bản đạt'"), ("Đạt", "đánh giá ghi 'Hoàn thành'"),
        ("Chưa đạt", "đánh giá ghi 'Không hoàn thành'"), ("Vượt", "đánh giá ghi 'Vượt kế hoạch'"),
        ("Vượt", "đánh giá ghi 'Đạt (vượt)'"), ("Đạt", None),
    ]


def _docx_with_letterhead(path, *, indicator_rows=True):
    document = docx.Document()
    letterhead = document.add_table(rows=2, cols=2)
    for cell, text in zip(letterhead.rows[0].cells,
                          ["HUYỆN ỦY ĐỨC TRỌNG", "ĐẢNG CỘNG SẢN VIỆT NAM"], strict=True):
        cell.text = text
    for cell, text in zip(letterhead.rows[1].cells, ["*", "Đức Trọng, ngày 5 tháng 12 năm 2023"],
                          strict=True):
        cell.text = text
    document.add_paragraph("BÁO CÁO KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2023")
    rows = [REPORT_HEADER[:5], ["1", "Giải quyết việc làm", "lao động", "4.000", "4.250"],
            ["2", "Tỷ lệ hộ nghèo", "%", "0,24", "0,2"]]
    if indicator_rows:
        table = document.add_table(rows=len(rows), cols=5)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
    signature = document.add_table(rows=2, cols=2)
    signature.cell(0, 0).text = "Nơi nhận:\n- Ban Thường vụ Tỉnh ủy;\n- Lưu VP."
    signature.cell(0, 1).text = "T/M HUYỆN ỦY\nBÍ THƯ"
    signature.cell(1, 1).text = "Nguyễn Văn A"
    document.save(path)
    return path


def test_docx_letterhead_and_signature_tables_are_passed_over(tmp_path):
    prepared = prepare(_docx_with_letterhead(tmp_path / "bc.docx"))
    assert prepared.sheet == "Bảng 2"
    assert [r.indicator_as_written for r in prepared.table.records] == [
        "Giải quyết việc làm", "Tỷ lệ hộ nghèo"]
    assert (prepared.table.locality_id, prepared.table.period) == ("H63-678", "2023")
    notes = " ".join(prepared.table.notes)
    assert "đã đọc bảng 'Bảng 2', bỏ qua Bảng 1 ('HUYỆN ỦY ĐỨC TRỌNG | ĐẢNG CỘNG SẢN VIỆT NAM')" \
        in notes
    assert "tệp còn các bảng Bảng 3 ('Nơi nhận:" in notes


def test_docx_without_an_indicator_table_is_refused_naming_its_tables(tmp_path, capsys):
    path = _docx_with_letterhead(tmp_path / "bc.docx", indicator_rows=False)
    with pytest.raises(Refused) as caught:
        prepare(path)
    message = caught.value.message
    assert "Bảng 1" in message and "Bảng 2 ('Nơi nhận:" in message and "--sheet" in message
    assert main(["load", str(path), "--db", str(tmp_path / "ct.duckdb")]) == 2
    assert not (tmp_path / "ct.duckdb").exists()


def test_workbook_cover_sheet_is_passed_over(tmp_path):
    rows = REPORT_TITLE + [REPORT_HEADER[:5],
                           [1, "Giải quyết việc làm", "lao động", "4.000", "4.250"]]
    path = tmp_path / "kq.xlsx"
    wb = openpyxl.Workbook()
    cover = wb.active
    cover.title = "Bìa"
    cover.append(["BÁO CÁO KINH TẾ - XÃ HỘI NĂM 2023"])
    cover.append(["Đức Trọng, tháng 12 năm 2023"])
    data = wb.create_sheet("Phụ lục")
    for row in rows:
        data.append(row)
    wb.create_sheet("Ghi chú").append(["Số liệu ước tính đến 30/11"])
    wb.save(path)
    prepared = prepare(path)
    assert prepared.sheet == "Phụ lục" and len(prepared.table.records) == 1
    notes = " ".join(prepared.table.notes)
    assert "bỏ qua Bìa ('BÁO CÁO KINH TẾ - XÃ HỘI NĂM 2023')" in notes
    assert "tệp còn các trang Ghi chú ('Số liệu ước tính đến 30/11')" in notes
