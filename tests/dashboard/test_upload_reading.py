"""Nhập dữ liệu, "Cách đọc tệp": the page says how it read the file (sheet, header row, each
column's role, locality, period), the person corrects a column's role or the header row, the
preview follows, and saving stores the corrected figures with the correction in the batch's
options; the preview marks unreadable cells and uncatalogued names with the closest catalog
names; a conflicting duplicate names its rows and offers no save. AppTest, logged in as staff
of Huyện Đức Trọng, on a private copy of the demo database."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dashboard import preview_marks, reading
from tests.dashboard.logins import click
from tests.dashboard.test_upload import XLSX, _page, _upload, _xlsx
from tests.etl.tables import revised_budget
from tests.etl.test_corrections import LEGEND, PLAIN, RESULTS, TITLE


@pytest.fixture
def db(staff_db: Path) -> Path:
    return staff_db


def _read(rows: list[list[object]], name: str = "ket_qua_2022.xlsx"):
    """The page, logged in, with this workbook uploaded; and the file's key in the form (taken
    from the very bytes uploaded: a workbook written twice differs in its timestamps)."""
    data = _xlsx(rows)
    at = _page()
    at.file_uploader(key="tep").upload(name, data, XLSX)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at, reading.file_key(data)


def _results(db: Path, batch: int) -> tuple[str, list[tuple[int, str | None]]]:
    con = duckdb.connect(str(db))
    try:
        options = con.execute("SELECT options FROM batches WHERE id = ?", [batch]).fetchone()[0]
        rows = con.execute("SELECT row_no, actual_text FROM observations WHERE batch_id = ? "
                           "ORDER BY row_no", [batch]).fetchall()
    finally:
        con.close()
    return options, rows


def _last_batch(db: Path) -> int:
    con = duckdb.connect(str(db))
    try:
        return con.execute("SELECT max(id) FROM batches").fetchone()[0]
    finally:
        con.close()


def test_the_page_says_how_it_read_the_file_and_fills_locality_and_period(db):
    at, fk = _read(TITLE + RESULTS)
    said = next(c.value for c in at.caption if "Đã đọc trang" in c.value)
    assert "tiêu đề ở dòng 4" in said and "B: Tên chỉ tiêu" in said
    assert "phụ lục" in said and "Huyện Đức Trọng" in said and "Năm 2022" in said
    assert at.number_input(key=reading.header_key(fk)).value == 4
    box = at.selectbox(key=reading.role_key(fk, 4, "E"))
    assert "Cột E · Đạt" in box.label and box.format_func(box.value) == "Không đọc cột này (tự đọc)"
    assert at.text_input(key=reading.LOCALITY_KEY).value == "Huyện Đức Trọng"
    assert at.text_input(key=reading.PERIOD_KEY).value == "Năm 2022"  # as history writes it


def test_correcting_a_column_changes_the_preview_and_the_saved_figures(db):
    at, fk = _read(TITLE + RESULTS)
    preview = at.dataframe[0].value
    assert set(preview["Thực hiện"]) == {""}
    at.selectbox(key=reading.role_key(fk, 4, "E")).select("actual").run()
    assert not at.exception and not at.error
    preview = at.dataframe[0].value
    assert list(preview["Thực hiện"]) == ["0,2", "801,2", "90,1"]
    assert "E: Thực hiện" in next(c.value for c in at.caption if "Đã đọc trang" in c.value)
    click(at, "Ghi vào cơ sở dữ liệu")
    options, rows = _results(db, _last_batch(db))
    assert options == "--column E=actual"
    assert rows == [(5, "0,2"), (6, "801,2"), (7, "90,1")]


def test_a_header_row_read_wrong_is_corrected_in_the_form(db):
    legend = [*revised_budget(LEGEND)[:3], ["STT", "Nội dung", "ĐVT", "Kế hoạch năm 2022"],
              *revised_budget(LEGEND)[4:]]
    at, fk = _read(legend, "ke_hoach_2022.xlsx")
    assert at.error and not at.dataframe or "Lô" in at.dataframe[0].value.columns
    at.number_input(key=reading.header_key(fk)).set_value(4).run()
    assert not at.exception and not at.error
    assert list(at.dataframe[0].value["Kế hoạch / chỉ tiêu"]) == ["0,24", "800"]
    assert at.text_input(key=reading.LOCALITY_KEY).value == "Huyện Đức Trọng"  # from the title
    click(at, "Ghi vào cơ sở dữ liệu")
    options, rows = _results(db, _last_batch(db))
    assert options == "--header-row 4"
    assert [r for r, _ in rows] == [5, 6]


def test_a_column_the_reader_read_otherwise_can_be_given_its_role(db):
    at, fk = _read(revised_budget(LEGEND), "ke_hoach_2022.xlsx")
    assert at.error and at.number_input(key=reading.header_key(fk)).value is None
    at.number_input(key=reading.header_key(fk)).set_value(4).run()
    # 'Năm 2022' alone beside the names reads as results; the legend above says plan
    assert not at.error and list(at.dataframe[0].value["Thực hiện"]) == ["0,24", "800"]
    box = at.selectbox(key=reading.role_key(fk, 4, "D"))
    assert "Cột D · Năm 2022" in box.label and box.format_func(box.value) == "Thực hiện (tự đọc)"
    box.select("target").run()
    assert not at.exception and not at.error
    assert list(at.dataframe[0].value["Kế hoạch / chỉ tiêu"]) == ["0,24", "800"]
    click(at, "Ghi vào cơ sở dữ liệu")
    assert _results(db, _last_batch(db))[0] == "--header-row 4 --column D=target"


def test_a_wrong_correction_is_refused_and_can_be_taken_back(db):
    at, fk = _read(TITLE + revised_budget(RESULTS), "ket_qua_2022.xlsx")
    at.selectbox(key=reading.role_key(fk, 4, "B")).select("other").run()
    assert "không có cột tên chỉ tiêu" in at.error[0].value
    at.selectbox(key=reading.role_key(fk, 4, "C")).select("name").run()
    at.selectbox(key=reading.role_key(fk, 4, "B")).select("name").run()
    assert "cùng được chọn là «Tên chỉ tiêu»" in at.error[0].value
    assert not [b for b in at.button if b.label == "Ghi vào cơ sở dữ liệu"]
    at.selectbox(key=reading.role_key(fk, 4, "C")).select("").run()
    assert not at.error and [b for b in at.button if b.label == "Ghi vào cơ sở dữ liệu"]


def test_preview_marks_unreadable_cells_and_offers_closest_catalog_names(db):
    rows = [*TITLE, ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
            [1, "Tỷ lệ hộ nghèo", "%", "0,24", "chưa có số liệu"],
            [2, "Tỷ lệ hộ nghẻo đa chiều xã vùng cao", "%", "1,5", "1,2"]]
    at = _upload(_page(), rows, "ket_qua_2022.xlsx")
    preview = at.dataframe[0].value
    first, second = preview.iloc[0], preview.iloc[1]
    assert first[preview_marks.CHECK] == preview_marks.UNREADABLE
    assert second[preview_marks.CHECK] == preview_marks.UNCATALOGUED
    assert "Tỷ lệ hộ nghèo" in second[preview_marks.CLOSEST].split("; ")
    assert first[preview_marks.CLOSEST] == ""


def test_preview_marks_a_name_matched_only_approximately(db):
    """A typo the catalog reads as its nearest indicator is shown for a person to check."""
    rows = [*TITLE, ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"],
            [1, "Tỷ lệ hộ nghèo", "%", "0,24", "0,2"],
            [2, "Số xã đạt chuẩn nông thông mới", "xã", "12", "11"]]
    at = _upload(_page(), rows, "ket_qua_2022.xlsx")
    preview = at.dataframe[0].value
    assert preview.iloc[0][preview_marks.CHECK] == preview_marks.OK
    assert preview.iloc[1][preview_marks.CHECK] == preview_marks.APPROXIMATE
    assert preview.iloc[1]["Chỉ tiêu trong danh mục"] != "— chưa có trong danh mục —"


def test_a_conflicting_duplicate_names_its_rows_and_blocks_saving(db):
    rows = [*TITLE, ["TT", "Chỉ tiêu", "ĐVT", "Kế hoạch"],
            [1, "Tỷ lệ hộ nghèo", "%", "0,24"], [2, "Tỷ lệ hộ nghèo", "%", "0,3"]]
    at = _upload(_page(), rows, "ke_hoach_2022.xlsx")
    assert "dòng 5" in at.error[0].value and "dòng 6" in at.error[0].value
    assert not [b for b in at.button if b.label == "Ghi vào cơ sở dữ liệu"]


def test_another_file_does_not_keep_the_locality_read_from_the_last_one(db):
    at, _ = _read(TITLE + RESULTS)
    assert at.text_input(key=reading.LOCALITY_KEY).value == "Huyện Đức Trọng"
    untitled = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2024"],
                [1, "Tỷ lệ hộ nghèo", "%", "< 0,3"]]
    at.file_uploader(key="tep").upload("ke_hoach.xlsx", _xlsx(untitled), XLSX)
    at.run()
    assert at.text_input(key=reading.LOCALITY_KEY).value == ""
    assert "ô «Địa phương»" in at.error[0].value


def test_the_period_box_takes_the_words_of_a_report(db):
    """'6 tháng đầu năm 2023' typed in «Kỳ» is read as that period and saved under 2023-H1."""
    at, _ = _read(TITLE + RESULTS)
    at.text_input(key=reading.PERIOD_KEY).input("6 tháng đầu năm 2023").run()
    assert not at.exception and not at.error
    said = next(c.value for c in at.caption if "Đã đọc trang" in c.value)
    assert "kỳ: 6 tháng đầu năm 2023" in said
    click(at, "Ghi vào cơ sở dữ liệu")
    options, _ = _results(db, _last_batch(db))
    assert options == "--period 2023-H1"
    con = duckdb.connect(str(db))
    try:
        periods = con.execute("SELECT DISTINCT period FROM observations WHERE batch_id = ?",
                              [_last_batch(db)]).fetchall()
    finally:
        con.close()
    assert periods == [("2023-H1",)]


def test_a_period_the_box_cannot_read_is_refused_with_examples(db):
    at, _ = _read(TITLE + RESULTS)
    at.text_input(key=reading.PERIOD_KEY).input("2023 H1").run()
    assert not at.exception
    refusal = at.error[0].value
    assert "Không đọc được kỳ '2023 H1'" in refusal
    assert "6 tháng đầu năm 2023" in refusal and "Quý I/2023" in refusal
    assert "ô «Kỳ»" in refusal and "--period" not in refusal
    assert not [b for b in at.button if b.label == "Ghi vào cơ sở dữ liệu"]



def _in_order(at) -> list[str]:
    """The page's warnings and subheaders, in the order the page shows them."""
    return [node.value for node in at.main if node.type in ("warning", "subheader")]


def test_roles_leaving_no_result_nor_target_are_warned_before_the_preview(db):
    at, fk = _read(TITLE + PLAIN)
    assert not at.warning
    at.selectbox(key=reading.role_key(fk, 4, "D")).select("pct_prev").run()
    at.selectbox(key=reading.role_key(fk, 4, "E")).select("note").run()
    assert not at.exception and not at.error
    shown = _in_order(at)
    warning = next(w for w in shown if "Với vai trò cột đã chọn" in w)
    assert "không có cột «Thực hiện» và cũng không có cột «Kế hoạch / chỉ tiêu»" in warning
    assert "cột E · Thực hiện đang là «Ghi chú»" in warning
    assert shown.index(warning) < shown.index("Xem trước (chưa ghi)")
    at.selectbox(key=reading.role_key(fk, 4, "E")).select("actual").run()
    assert not at.warning


def test_roles_removing_every_figure_column_are_warned_by_name(db):
    at, fk = _read(TITLE + PLAIN)
    at.selectbox(key=reading.role_key(fk, 4, "D")).select("other").run()
    assert not at.warning  # the results column is still read
    at.selectbox(key=reading.role_key(fk, 4, "E")).select("other").run()
    assert "Không tìm thấy cột số liệu" in at.error[0].value
    warning = at.warning[0].value
    assert "không còn cột số liệu nào" in warning
    assert "cột D · Kế hoạch đang là «Không đọc cột này»" in warning
    assert "cột E · Thực hiện đang là «Không đọc cột này»" in warning


PROSE = Path(__file__).resolve().parents[1] / "data" / "ket_luan_van_xuoi.txt"


def test_a_report_in_prose_uploaded_is_told_which_files_are_read(db):
    """The Party conclusion as .txt on the page: besides the box it asks for, the refusal
    says which files are read and that a report in prose needs its table pasted into Excel or
    Word; nothing is previewed."""
    at = _page()
    at.file_uploader(key="tep").upload(PROSE.name, PROSE.read_bytes(), "text/plain")
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    shown = at.error[0].value
    assert "(.xlsx, .xlsm, .xlsb, .xls)" in shown and ".docx" in shown
    assert ".csv, .tsv, .txt" in shown
    assert "dán bảng chỉ tiêu của báo cáo vào Excel hoặc vào một bảng trong Word" in shown
    assert "Ghi vào cơ sở dữ liệu" not in [b.label for b in at.button]


def test_a_one_sheet_workbook_without_a_table_names_its_sheet_on_the_page(db):
    at, _ = _read([["UBND HUYỆN ĐỨC TRỌNG"], ["Báo cáo tình hình 6 tháng"]], "bao_cao.xlsx")
    shown = at.error[0].value
    assert "Tệp chỉ có một trang tính, «Sheet»" in shown and "«Dòng tiêu đề»" in shown
    assert "«Trang tính»" not in shown
