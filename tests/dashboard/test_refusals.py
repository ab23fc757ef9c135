"""The pages' words for the ETL's refusals: the problem, then advice naming the form's box
(never a command-line flag), for refusals made by the real ETL from real workbooks."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.refusals import PAGE_ADVICE, said
from etl.errors import CLI_ADVICE, FIELDS, Refused
from tests.seed import prepare
from tests.workbook import write_xlsx

NO_PERIOD = [["UBND HUYỆN ĐỨC TRỌNG"], ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"],
             [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]
LONG = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Thị xã Đức Phổ", "2022", "Tỷ lệ hộ nghèo", "%", "3,62"]]


def _refused(path, **given) -> Refused:
    with pytest.raises(Refused) as caught:
        prepare(path, **given)
    return caught.value


def test_every_advice_has_words_for_both_audiences():
    assert set(PAGE_ADVICE) == set(CLI_ADVICE) and FIELDS <= set(PAGE_ADVICE)
    assert not [words for words in PAGE_ADVICE.values() if "--" in words]


def test_no_period_asks_in_the_period_box(tmp_path):
    err = _refused(write_xlsx(tmp_path / "p.xlsx", NO_PERIOD))
    assert said(err) == f"{err.message} Hãy ghi ở ô «Kỳ» (ví dụ 2023-H1)."


def test_per_row_locality_asks_to_empty_the_box(tmp_path):
    err = _refused(write_xlsx(tmp_path / "long.xlsx", LONG), locality="Thành phố Bảo Lộc")
    assert "ô «Địa phương»" in said(err) and "--" not in said(err)


def test_no_table_in_any_sheet_gives_both_advices(tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", NO_PERIOD, sheet="A",
                      extra_sheets={"B": [["Nơi nhận:"], ["- Lưu VT"]]})
    err = _refused(path)
    assert err.reason == "no_table" and err.inner is not None
    page = said(err)
    assert "ô «Kỳ»" in page and "ô «Trang tính»" in page and "--" not in page
    assert "--period" in str(err) and "--sheet" in str(err)


PROSE = Path(__file__).resolve().parents[1] / "data" / "ket_luan_van_xuoi.txt"
READ = (".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".csv", ".tsv", ".txt")


def test_a_report_in_prose_is_told_which_files_are_read(tmp_path):
    """A Party conclusion saved as .txt: whether it is refused for its missing locality or
    (once locality and period are given) for holding no figures, the advice says which files
    are read and to paste the report's table into Excel or Word — never to pick a sheet a
    text file does not have."""
    report = Path(shutil.copy(PROSE, tmp_path / "ket_luan.txt"))
    for given in ({}, {"locality": "Thị xã Đức Phổ", "period": "6 tháng đầu năm 2023"}):
        err = _refused(report, **given)
        page = said(err)
        assert err.reason == "not_a_table_file"
        assert all(kind in page for kind in READ) and "dán bảng chỉ tiêu" in page
        assert "Excel hoặc vào một bảng trong Word" in page
        assert "«Trang tính»" not in page and "--" not in page
        assert ".xlsb" in str(err) and ".xlsb" in page  # read by the CLI and the uploader
    assert "ô «Địa phương»" in said(_refused(report))  # the asked box still comes first


def test_the_page_names_every_type_its_uploader_takes():
    from dashboard.upload import ACCEPTED_TYPES

    advice = PAGE_ADVICE["not_a_table_file"]
    assert all(f".{kind}" in advice for kind in ACCEPTED_TYPES) and "xlsb" in ACCEPTED_TYPES


def test_a_csv_without_a_table_is_not_called_prose(tmp_path):
    path = tmp_path / "bang.csv"
    path.write_text("Báo cáo\nkhông có bảng\n", encoding="utf-8")
    err = _refused(path)
    assert err.reason == "no_header" and "lời văn" not in said(err)


def test_a_one_sheet_workbook_without_a_table_names_its_sheet(tmp_path):
    path = write_xlsx(tmp_path / "bao_cao.xlsx", [["Báo cáo tình hình"], ["không có bảng"]],
                      sheet="Báo cáo")
    err = _refused(path)
    assert (err.reason, err.example) == ("one_sheet", "Báo cáo")
    page = said(err)
    assert "Tệp chỉ có một trang tính, «Báo cáo»" in page and "«Dòng tiêu đề»" in page
    assert "--header-row" in str(err) and "--" not in page


def test_a_sheet_asked_of_a_one_sheet_workbook_names_the_sheet_it_has(tmp_path):
    path = write_xlsx(tmp_path / "bao_cao.xlsx", NO_PERIOD, sheet="Kết quả")
    err = _refused(path, sheet="Sheet1")
    assert (err.reason, err.field, err.example) == ("only_sheet", "sheet", "Kết quả")
    assert said(err).endswith("Tệp chỉ có trang «Kết quả»: hãy chọn trang đó ở ô «Trang tính».")
    assert str(err).endswith('hãy bỏ --sheet, hoặc --sheet "Kết quả".')


def test_a_many_sheet_workbook_keeps_its_sheet_advice(tmp_path):
    path = write_xlsx(tmp_path / "hai.xlsx", [["Báo cáo"], ["không có bảng"]], sheet="A",
                      extra_sheets={"B": [["Nơi nhận:"], ["- Lưu VT"]]})
    err = _refused(path)
    assert err.reason == "no_table" and "một trang tính" not in said(err)
    assert _refused(path, sheet="C").reason == "sheet_missing"
