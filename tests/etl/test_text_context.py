"""What a table's words say beyond its figures: status wording, which table of a document is
the indicator table, localities read in the title's context, total and footnote rows, and
refusing files that hold no data. Files are written here; imports go through
`etl.pipeline.prepare`/`commit` on real DuckDB files."""

from __future__ import annotations

import docx
import duckdb
import openpyxl
import pytest

from etl import localities
from etl.accounts import Actor
from etl.cli import main
from etl.errors import Refused
from etl.pipeline import commit
from etl.records import is_footnote
from tests.seed import prepare
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
        commit(con, prepared, Actor.local_operator())
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
    assert "Bảng 1" in message and "Bảng 2 ('Nơi nhận:" in message
    assert caught.value.field == "sheet" and "--sheet" in str(caught.value)
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


COMMUNE_ROWS = [["UBND HUYỆN ĐỨC TRỌNG", None, None, None],
                ["KẾT QUẢ THU NGÂN SÁCH VÀ GIẢM NGHÈO NĂM 2023 PHÂN THEO XÃ", None, None, None],
                ["STT", "Địa phương", "Thu ngân sách (triệu đồng)", "Số hộ nghèo (hộ)"],
                [None, "Toàn huyện", 1200, 95],
                [1, "Liên Hiệp", 400, 30],
                [2, "Xã Tân Hội", 500, 40],
                [3, "Thị trấn Liên Nghĩa", 300, 25],
                ["Ghi chú: số liệu thu ngân sách là ước thực hiện", None, None, None],
                [None, "Nguồn: Chi cục Thống kê huyện Đức Trọng", None, None],
                [None, "(*) Hộ nghèo theo chuẩn 2022-2025", None, None]]


def test_title_unit_narrows_commune_names_and_total_row_is_the_unit(tmp_path):
    prepared = prepare(write_xlsx(tmp_path / "xa.xlsx", COMMUNE_ROWS))
    table = prepared.table
    by_row = {r.row_no: r.locality_id for r in table.records}
    names = {r.locality_id: localities.get(r.locality_id).name for r in table.records}
    assert by_row[4] == "H63-678"  # 'Toàn huyện' is Huyện Đức Trọng itself
    assert {names[by_row[n]] for n in (5, 6, 7)} == {"Xã Liên Hiệp", "Xã Tân Hội",
                                                    "Thị trấn Liên Nghĩa"}
    assert all(localities.get(by_row[n]).parent_id == "H63-678" for n in (5, 6, 7))
    assert max(by_row) == 7  # the footnotes are not data
    assert sum("ghi chú" in s for s in table.skipped) == 3
    with duckdb.connect(str(tmp_path / "ct.duckdb")) as con:
        commit(con, prepared, Actor.local_operator())
        total = con.execute("select actual_value from observations where locality_id = "
                            "'H63-678' and indicator_as_written like 'Thu%'").fetchall()
    assert total == [(1200.0,)]


def test_same_names_without_a_title_unit_are_refused_as_ambiguous(tmp_path):
    rows = [r for r in COMMUNE_ROWS if r[0] != "UBND HUYỆN ĐỨC TRỌNG"]
    with pytest.raises(Refused, match="Liên Hiệp' khớp với"):
        prepare(write_xlsx(tmp_path / "xa.xlsx", rows))


@pytest.mark.parametrize(("letterhead", "ids"), [
    ("ỦY BAN NHÂN DÂN XÃ TÀ XÙA - TỈNH SƠN LA", {"X63-03868", "X34-03868"}),  # both 2025 units
    ("UBND XÃ HIỆP THẠNH", {"X63-24967", "X34-24967"}),                      # five provinces
])
def test_a_title_unit_several_units_share_is_refused_with_its_candidates(tmp_path, letterhead,
                                                                         ids):
    rows = [[letterhead], ["CHỈ TIÊU KẾ HOẠCH NĂM 2025"], REPORT_HEADER,
            [1, "Tỷ lệ hộ nghèo", "%", "2", None, None]]
    with pytest.raises(Refused) as refused:
        prepare(write_xlsx(tmp_path / "xa.xlsx", rows))
    err = refused.value
    assert err.message.startswith("Tiêu đề bảng nêu 'XÃ ") and err.field == "locality"
    assert ids <= set(err.candidates) and len(err.candidates) >= 2


@pytest.mark.parametrize(("letterhead", "unit_id"), [
    (["UBND THÀNH PHỐ BẢO LỘC", "UBND PHƯỜNG 2"], "X63-24820"),
    (["UBND THÀNH PHỐ BẢO LỘC", "UBND PHƯỜNG 1"], "X63-24823"),
    (["UBND THÀNH PHỐ ĐÀ LẠT", "ỦY BAN NHÂN DÂN PHƯỜNG 10"], "X63-24796"),
    (["UBND PHƯỜNG 12, THÀNH PHỐ VŨNG TÀU"], "X63-26542"),
    (["UBND THÀNH PHỐ HỒ CHÍ MINH", "UBND QUẬN 3"], "H63-770"),
    (["UBND QUẬN 3", "UBND PHƯỜNG 5"], "X63-27151"),
])
def test_a_numbered_ward_is_read_inside_the_unit_above_it(tmp_path, letterhead, unit_id):
    rows = [*[[line] for line in letterhead], ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2024"],
            REPORT_HEADER, [1, "Tỷ lệ hộ nghèo", "%", "0,2", "0,15", "Đạt"]]
    table = prepare(write_xlsx(tmp_path / "phuong.xlsx", rows)).table
    assert {r.locality_id for r in table.records} == {unit_id}


@pytest.mark.parametrize("letterhead", [["UBND PHƯỜNG 2"],
                                        ["UBND TỈNH LÂM ĐỒNG", "UBND PHƯỜNG 2"]])
def test_a_numbered_ward_the_title_cannot_place_is_refused(tmp_path, letterhead):
    """'Phường 2' alone is one of 26 wards; under 'TỈNH LÂM ĐỒNG' one of Đà Lạt's or Bảo
    Lộc's: refused with its candidates, not stored under the province."""
    rows = [*[[line] for line in letterhead], ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2024"],
            REPORT_HEADER, [1, "Tỷ lệ hộ nghèo", "%", "0,2", "0,15", "Đạt"]]
    with pytest.raises(Refused) as refused:
        prepare(write_xlsx(tmp_path / "phuong.xlsx", rows))
    err = refused.value
    assert err.message.startswith("Tiêu đề bảng nêu 'PHƯỜNG 2'") and err.field == "locality"
    assert {"X63-24820", "X63-24781"} <= set(err.candidates)


def test_province_title_narrows_district_names(tmp_path):
    rows = [["UBND TỈNH LÂM ĐỒNG", None, None],
            ["THU NGÂN SÁCH NHÀ NƯỚC NĂM 2023", None, None],
            ["STT", "Địa phương", "Thu NSNN trên địa bàn (tỷ đồng)"],
            [None, "Toàn tỉnh", 9000], [1, "Đức Trọng", 1100], [2, "Di Linh", 400],
            [3, "Bảo Lộc", 900], ["Nguồn: Sở Tài chính", None, None]]
    table = prepare(write_xlsx(tmp_path / "tinh.xlsx", rows)).table
    assert [r.locality_id for r in table.records][:2] == ["T63-68", "H63-678"]
    names = [localities.get(r.locality_id).name for r in table.records]
    assert names == ["Tỉnh Lâm Đồng", "Huyện Đức Trọng", "Huyện Di Linh", "Thành phố Bảo Lộc"]


def test_district_column_narrows_communes_in_a_long_table(tmp_path):
    rows = [["Huyện", "Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
            ["Đức Trọng", "Liên Hiệp", "2023", "Tỷ lệ hộ nghèo", "%", "1,5", "1,2"],
            [None, "Tân Hội", "2023", "Tỷ lệ hộ nghèo", "%", "2", "1,8"],
            ["Di Linh", "Di Linh", "2023", "Tỷ lệ hộ nghèo", "%", "1", "0,9"],
            ["Ghi chú: số liệu sơ bộ", None, None, None, None, None, None]]
    table = prepare(write_xlsx(tmp_path / "dai.xlsx", rows)).table
    units = [localities.get(r.locality_id) for r in table.records]
    assert [u.name for u in units] == ["Xã Liên Hiệp", "Xã Tân Hội", "Thị trấn Di Linh"]
    assert [localities.get(u.parent_id).name for u in units] == [
        "Huyện Đức Trọng", "Huyện Đức Trọng", "Huyện Di Linh"]


def test_total_row_without_a_known_unit_is_skipped_not_a_place(tmp_path):
    rows = [["KẾT QUẢ NĂM 2023", None, None], ["STT", "Địa phương", "Số hộ nghèo (hộ)"],
            [None, "Toàn huyện", 95], [1, "Xã Liên Hiệp, huyện Đức Trọng", 30]]
    table = prepare(write_xlsx(tmp_path / "t.xlsx", rows)).table
    assert [r.row_no for r in table.records] == [4]
    assert any("dòng tổng 'Toàn huyện'" in s for s in table.skipped)


def test_footnotes_under_a_phu_luc_are_not_data(tmp_path):
    rows = REPORT_TITLE + [REPORT_HEADER,
                           [1, "Giải quyết việc làm", "lao động", "4.000", "4.250", "Vượt"],
                           [None, "Ghi chú: (1) số liệu ước thực hiện đến 30/11", None, None, "1",
                            None],
                           ["(*) Theo chuẩn nghèo đa chiều giai đoạn 2022-2025", None, None, None,
                            None, None],
                           [None, "Nguồn: Chi cục Thống kê", None, "2023", None, None]]
    table = prepare(write_xlsx(tmp_path / "kq.xlsx", rows)).table
    assert [r.indicator_as_written for r in table.records] == ["Giải quyết việc làm"]
    assert sum("ghi chú" in s for s in table.skipped) == 3


def _plan(rows):
    return REPORT_TITLE + [REPORT_HEADER] + rows


def test_file_without_a_readable_figure_is_refused(tmp_path, capsys):
    rows = _plan([[1, "Công tác xây dựng Đảng", None, "Tốt", "Khá", None],
                  [2, "Công tác dân vận", None, "Tốt", "Tốt", None],
                  [3, "Công tác kiểm tra", None, "Thường xuyên", "Có", None]])
    path = write_xlsx(tmp_path / "chu.xlsx", rows)
    with pytest.raises(Refused, match="Không có ô số liệu nào đọc được thành số") as caught:
        prepare(path)
    assert "dòng 4 'Công tác xây dựng Đảng'" in caught.value.message
    db = tmp_path / "ct.duckdb"
    assert main(["load", str(path), "--db", str(db)]) == 2
    assert not db.exists()


def test_file_with_most_rows_unreadable_is_refused_naming_rows(tmp_path):
    rows = _plan([[1, "Giải quyết việc làm", "lao động", "4.000", "4.250", None],
                  [2, "Tỷ lệ hộ nghèo", "%", "không rõ", "chưa có", None],
                  [3, "Trường học đạt chuẩn", "trường", "nhiều", "ít", None],
                  [4, "Tỷ lệ bao phủ bảo hiểm y tế", "%", "cao", "thấp", None]])
    with pytest.raises(Refused, match="3 trên 4 dòng không có số liệu") as caught:
        prepare(write_xlsx(tmp_path / "x.xlsx", rows))
    assert "dòng 5 'Tỷ lệ hộ nghèo': 'không rõ; chưa có'" in caught.value.message


def test_a_few_qualitative_rows_still_load(tmp_path):
    rows = _plan([[1, "Giải quyết việc làm", "lao động", "4.000", "4.250", None],
                  [2, "Tỷ lệ hộ nghèo", "%", "0,24", "0,2", None],
                  [3, "Công tác dân vận", None, "Tốt", "Tốt", None]])
    assert len(prepare(write_xlsx(tmp_path / "x.xlsx", rows)).table.records) == 3


def test_numbers_that_belong_to_the_name_keep_indicators_apart(tmp_path):
    rows = _plan([[1, "Số xã đạt chuẩn nông thôn mới nâng cao mức 1", "xã", "3", "3", None],
                  [2, "Số xã đạt chuẩn nông thôn mới nâng cao mức 2", "xã", "1", "0", None],
                  [3, "Trường Tiểu học số 1 đạt chuẩn quốc gia", "%", "100", "100", None],
                  [4, "Trường Tiểu học số 2 đạt chuẩn quốc gia", "%", "100", "90", None],
                  [5, "Tiến độ giải phóng mặt bằng Quốc lộ 20", "%", "100", "85", None],
                  [6, "Tiến độ giải phóng mặt bằng Quốc lộ 27", "%", "100", "70", None]])
    prepared = prepare(write_xlsx(tmp_path / "x.xlsx", rows))
    ids = [r.indicator_id for r in prepared.table.records]
    assert len(ids) == 6 and len(set(ids)) == 6
    with duckdb.connect(str(tmp_path / "ct.duckdb")) as con:
        commit(con, prepared, Actor.local_operator())
        assert con.execute("select count(distinct indicator_id) from observations").fetchone() \
            == (6,)


def test_a_value_written_into_the_name_is_read(tmp_path):
    rows = _plan([[1, "Giải quyết việc làm", "lao động", "4.000", "4.250", None],
                  [2, "Tỷ lệ hộ nghèo còn 2,5%", None, None, None, None],
                  [3, "Thu ngân sách trên địa bàn đạt 850 tỷ đồng", None, None, None, None],
                  [4, "Trong đó: năm 2023", None, None, None, None]])
    records = prepare(write_xlsx(tmp_path / "x.xlsx", rows)).table.records
    poverty, budget = records[1], records[2]
    assert len(records) == 3
    assert poverty.indicator_as_written == "Tỷ lệ hộ nghèo còn 2,5%"
    assert (poverty.actual.op, poverty.actual.low, poverty.unit) == ("=", 2.5, "%")
    assert poverty.indicator_id == "poverty_rate" and poverty.actual_source == "Sheet1!B5"
    assert (budget.actual.low, budget.unit) == (850, "tỷ đồng")


def test_district_column_narrows_a_by_locality_table_and_is_not_a_figure(tmp_path):
    rows = [["SỐ HỘ NGHÈO NĂM 2023 PHÂN THEO XÃ", None, None, None],
            ["STT", "Huyện", "Địa phương", "Số hộ nghèo (hộ)"],
            [1, "Huyện Đức Trọng", None, 95],
            [2, None, "Liên Hiệp", 30],
            [3, None, "Tân Hội", 40],
            [4, "Di Linh", "Di Linh", 12]]
    table = prepare(write_xlsx(tmp_path / "xa.xlsx", rows)).table
    units = [localities.get(r.locality_id).name for r in table.records]
    assert units == ["Huyện Đức Trọng", "Xã Liên Hiệp", "Xã Tân Hội", "Thị trấn Di Linh"]
    assert {r.indicator_as_written for r in table.records} == {"Số hộ nghèo (hộ)"}


def test_commune_table_through_the_cli(tmp_path, capsys):
    path, db = write_xlsx(tmp_path / "xa.xlsx", COMMUNE_ROWS), tmp_path / "ct.duckdb"
    assert main(["load", str(path), "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "4 địa phương" in out and "ghi chú 'Nguồn: Chi cục Thống kê" in out
    assert main(["export", "--db", str(db)]) == 0
    exported = capsys.readouterr().out
    assert "Xã Liên Hiệp" in exported and "Huyện Đức Trọng" in exported


def test_refusal_of_a_legacy_looking_file_says_so(tmp_path):
    """Too little legacy text to convert surely (three letters), in a file refused anyway."""
    rows = [["Gi¶i quyÕt", None], ["viÖc", 4000]]
    with pytest.raises(Refused, match="Không tìm thấy dòng tiêu đề") as caught:
        prepare(write_xlsx(tmp_path / "x.xlsx", rows))
    assert "bảng mã cũ TCVN3 hoặc VNI ('viÖc', 'Gi¶i quyÕt')" in caught.value.message


@pytest.mark.parametrize(("text", "footnote"), [
    ("Ghi chú: số liệu ước", True), ("GHI CHÚ:", True), ("Nguồn: Chi cục Thống kê", True),
    ("Nguồn số liệu - Sở Tài chính", True), ("(*) Theo chuẩn mới", True),
    ("* Ghi chú: ước", True), ("Chú thích: x", True),
    ("* Về kinh tế", False), ("Nguồn vốn ngân sách", False), ("Ghi chú", False),
    ("Tỷ lệ hộ nghèo (*)", False), (12, False), (None, False),
])
def test_footnote_lines(text, footnote):
    assert is_footnote(text) is footnote


def test_a_conflict_names_each_row_as_written_when_their_names_differ(tmp_path):
    """'Toàn xã' under an indicator reads as that indicator's figure: against the indicator's
    own row it is a conflict, said with both rows' names, the indicator first."""
    rows = [["UBND XÃ ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2025"], REPORT_HEADER,
            ["1", "Số trường đạt chuẩn quốc gia", "trường", "5", "4", None],
            [None, "Toàn xã", "trường", "6", "6", None]]
    with pytest.raises(Refused) as refused:
        prepare(write_xlsx(tmp_path / "xa.xlsx", rows))
    assert refused.value.message.startswith(
        "Chỉ tiêu 'Số trường đạt chuẩn quốc gia' (Năm 2025) xuất hiện hai lần với số liệu khác "
        "nhau: dòng 4 'Số trường đạt chuẩn quốc gia' (chỉ tiêu '5', thực hiện '4') và dòng 5 "
        "'Toàn xã' (chỉ tiêu '6', thực hiện '6')")


def test_a_table_by_hamlet_is_refused_saying_the_catalog_stops_at_the_commune(tmp_path):
    rows = [["UBND XÃ ĐỨC TRỌNG"], ["TỶ LỆ HỘ NGHÈO THEO THÔN, TỔ DÂN PHỐ NĂM 2025"],
            ["STT", "Thôn, tổ dân phố", "Số hộ", "Số hộ nghèo", "Tỷ lệ hộ nghèo (%)"],
            [1, "Thôn Phú Trung", "1.250", "12", "0,96"], [2, "Tổ dân phố 1", "980", "3", "0,31"],
            [None, "Toàn xã", "2.230", "15", "0,67"]]
    with pytest.raises(Refused) as refused:
        prepare(write_xlsx(tmp_path / "theo_thon.xlsx", rows))
    assert ("dòng 3 có 'Thôn, tổ dân phố': bảng theo thôn, tổ dân phố — danh mục địa phương chỉ "
            "đến cấp xã") in refused.value.message
    assert "dòng 4" not in refused.value.message  # the hamlets' own names are not headers


def test_a_footnote_in_the_number_column_of_a_long_table_is_said_skipped(tmp_path):
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["TÌNH HÌNH THỰC HIỆN CHỈ TIÊU 6 THÁNG ĐẦU NĂM 2024"],
            ["TT", "Xã, thị trấn", "Chỉ tiêu", "ĐVT", "Kết quả", "Đánh giá"],
            [1, "Xã Hiệp Thạnh", "Tỷ lệ hộ nghèo", "%", "0,85", "Đạt"],
            [2, "Toàn huyện", "Tỷ lệ hộ nghèo", "%", "0,9", "Cơ bản đạt"],
            ["(*) Số liệu sơ bộ", None, None, None, None, None]]
    table = prepare(write_xlsx(tmp_path / "dai.xlsx", rows)).table
    assert table.spec.layout == "long" and len(table.records) == 2
    assert "dòng 6: ghi chú '(*) Số liệu sơ bộ'" in table.skipped


def test_kinh_te_xa_hoi_in_a_title_is_no_unit(tmp_path):
    """'… KINH TẾ - XÃ HỘI NĂM 2025' reads 'XÃ HỘI' like a commune's name: it is not one, so a
    typed period before the commune existed is refused for that reason, and its own year
    loads."""
    rows = [["UBND XÃ ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU KINH TẾ - XÃ HỘI NĂM 2025"],
            REPORT_HEADER, [1, "Tỷ lệ hộ nghèo", "%", "1,5", "1,2", None]]
    book = write_xlsx(tmp_path / "xa.xlsx", rows)
    assert prepare(book).table.locality_id == "X34-24958"
    with pytest.raises(Refused) as refused:
        prepare(book, period="Năm 2024")
    assert "Xã Đức Trọng (Lâm Đồng) chỉ có từ 01/07/2025" in refused.value.message
    assert "XÃ HỘI" not in refused.value.message
