"""prepare(): real workbooks in every layout → records, without touching a database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etl.errors import Refused
from tests.etl import tables
from tests.seed import prepare
from tests.workbook import write_csv, write_xlsx

REAL_2013 = Path(__file__).resolve().parents[2] / "data" / "real" / "Final_2013.xls"


def _by_name(prepared, text):
    return next(r for r in prepared.table.records if r.indicator_as_written.startswith(text))


@pytest.fixture
def plan_file(tmp_path):
    return write_xlsx(tmp_path / "phu_luc_2022.xlsx", tables.plan_2022(),
                      merges=["A1:D1", "A2:D2", "A3:D3", "A4:D4"])


@pytest.fixture
def midterm_file(tmp_path):
    return write_xlsx(tmp_path / "bao_loc.xlsx", tables.midterm(),
                      formats={tables.midterm_percent_cell(): "0.0%"})


def test_plan_reads_locality_and_period_from_title(plan_file):
    prepared = prepare(plan_file)
    assert prepared.table.spec.layout == "phu_luc"
    assert prepared.table.locality_id == "H63-678"
    assert prepared.table.period == "2022"


def test_plan_targets_parsed_with_hierarchy(plan_file):
    prepared = prepare(plan_file)
    agri = _by_name(prepared, "Ngành Nông")
    assert agri.parent_as_written.startswith("Giá trị sản xuất")
    assert (agri.target.op, agri.target.low, agri.target.high) == ("range", 6, 7)
    assert agri.indicator_id == "growth_agri"
    jobs = _by_name(prepared, "Giải quyết việc làm")
    assert (jobs.target.op, jobs.target.low, jobs.target.high) == ("range", 4000, 4500)
    trained = _by_name(prepared, "Trong đó, tỷ lệ lao động")
    assert trained.parent_as_written == "Giải quyết việc làm"
    assert (trained.target.op, trained.target.low) == (">", 64)


def test_repeated_header_is_skipped_not_data(plan_file):
    prepared = prepare(plan_file)
    names = [r.indicator_as_written for r in prepared.table.records]
    assert "CHỈ TIÊU" not in names
    assert any("tiêu đề lặp lại" in s for s in prepared.table.skipped)
    assert len(names) == 17


def test_midterm_statuses_percent_and_qualifiers(midterm_file):
    prepared = prepare(midterm_file, locality="Thành phố Bảo Lộc", period="2021-2023")
    growth = _by_name(prepared, "Tăng trưởng tổng giá trị")
    assert growth.indicator_id == "growth_total"
    assert growth.actual.low == 7.8 and growth.reported_status == "Chưa đạt"
    bhyt = _by_name(prepared, "Tỷ lệ bảo hiểm y tế")
    assert bhyt.actual.low == pytest.approx(93.3)
    party = _by_name(prepared, "Hàng năm, có trên 80%")
    assert (party.actual.op, party.actual.low) == (">", 80)
    members = _by_name(prepared, "Kết nạp được 263")
    assert members.actual.low == 263 and members.actual.basis
    poverty = _by_name(prepared, "Tỷ lệ hộ nghèo")
    assert poverty.target.note and "tiêu chí cũ" in poverty.target.note


def test_plan_and_report_spellings_meet_on_one_indicator(plan_file, midterm_file):
    plan = prepare(plan_file)
    report = prepare(midterm_file, locality="Thành phố Bảo Lộc", period="2021-2023")
    agri_report = next(r for r in report.table.records if "nông, lâm" in r.indicator_as_written)
    assert agri_report.indicator_id == _by_name(plan, "Ngành Nông").indicator_id


def test_by_year_layout_gives_each_column_its_period(tmp_path):
    rows = [
        ["THÀNH PHỐ BẢO LỘC", None, None, None, None, None, None],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", None, None, "Kế hoạch năm 2024"],
        [None, None, None, "Năm 2021", "Năm 2022", "Ước năm 2023", None],
        [1, "Tốc độ tăng tổng giá trị sản xuất", "%", 4.2, 9.7, "9,8", "9,7-10"],
    ]
    path = write_xlsx(tmp_path / "by_year.xlsx", rows, merges=["D2:F2", "G2:G3"])
    prepared = prepare(path)
    assert prepared.table.spec.layout == "by_year"
    got = {(r.period, r.indicator_id): r for r in prepared.table.records}
    assert got[("2021", "growth_total")].actual.low == 4.2
    assert got[("2023", "growth_total")].actual_estimate is True
    assert got[("2024", "growth_total")].target.op == "range"


def test_long_csv_with_semicolons_and_many_localities(tmp_path):
    rows = [
        ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện", "Đánh giá"],
        ["Thị xã Đức Phổ", "2021-2023", "Tốc độ tăng trưởng giá trị sản xuất", "%", "", "7,22", ""],
        ["Huyện Đức Trọng", "6 tháng đầu năm 2023", "Tỷ lệ hộ nghèo", "%", "", "3,62", ""],
        ["Thành phố Bảo Lộc", "2022", "Tỷ lệ hộ nghèo", "%", "< 0,2", "0,37", "Chưa đạt"],
    ]
    prepared = prepare(write_csv(tmp_path / "long.csv", rows))
    assert prepared.table.spec.layout == "long"
    periods = sorted(r.period for r in prepared.table.records)
    assert periods == ["2021-2023", "2022", "2023-H1"]
    assert prepared.table.locality_id is None


def test_real_ministry_workbook_by_province():
    prepared = prepare(REAL_2013, sheet="M09+")
    table = prepared.table
    assert table.spec.layout == "by_locality"
    assert table.period == "2013"
    revenue = {r.locality_id: r for r in table.records if r.indicator_id == "budget_revenue_total"}
    assert len(revenue) == 64  # 63 provinces + the national total
    assert revenue["T63-02"].actual.low == pytest.approx(1996313.1015819998)  # Hà Giang
    assert revenue["T63-79"].actual.low == pytest.approx(252535162.15011394)  # Hồ Chí Minh
    assert revenue["VN"].actual.low == pytest.approx(1076723842.225285)
    assert revenue["T63-02"].unit.lower() == "triệu đồng"
    assert revenue["T63-02"].actual_source == "M09+!C15"
    assert any("MIỀN NÚI PHÍA BẮC" in s for s in table.skipped)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([["Báo cáo"], ["không có bảng"]], "Không tìm thấy dòng tiêu đề"),
        ([["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", None]],
         "Không có số liệu"),
        ([["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", "0,2"],
          [2, "Tỷ lệ hộ nghèo", "%", "0,5"]], "xuất hiện hai lần"),
    ],
)
def test_refusals_name_the_reason(tmp_path, rows, message):
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    with pytest.raises(Refused, match=message):
        prepare(path, locality="Huyện Đức Trọng", period="2022")


def test_missing_locality_asks_for_the_flag(tmp_path):
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"], [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]
    with pytest.raises(Refused, match="--locality"):
        prepare(write_xlsx(tmp_path / "x.xlsx", rows))


def test_ambiguous_locality_lists_candidates(tmp_path):
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]
    with pytest.raises(Refused) as err:
        prepare(write_xlsx(tmp_path / "x.xlsx", rows), locality="Đức Phổ", period="2022")
    assert "Quảng Ngãi" in err.value.message and "Lâm Đồng" in err.value.message


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1258", ";")],
)
def test_text_exports_in_every_encoding_load_the_same(tmp_path, encoding, delimiter):
    rows = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["CHỈ TIÊU KẾ HOẠCH NĂM 2022"],
        ["STT", "CHỈ TIÊU", "ĐƠN VỊ TÍNH", "CHỈ TIÊU"],
        ["1", "Thu NSNN do huyện quản lý", "tỷ đồng", "770,4"],
        ["2", "Tỷ lệ hộ nghèo", "%", "0,24"],
    ]
    path = write_csv(tmp_path / "export.txt", rows, delimiter=delimiter, encoding=encoding)
    prepared = prepare(path)
    got = {r.indicator_id: (r.target.op, r.target.low) for r in prepared.table.records}
    assert got == {"budget_revenue_local": ("=", 770.4), "poverty_rate": ("=", 0.24)}
    assert prepared.table.locality_id == "H63-678" and prepared.table.period == "2022"


def test_word_document_table_loads(tmp_path):
    from docx import Document

    doc = Document()
    doc.add_paragraph("UBND THÀNH PHỐ BẢO LỘC")
    doc.add_paragraph("KẾT QUẢ THỰC HIỆN CHỈ TIÊU GIAI ĐOẠN 2021-2023")
    table = doc.add_table(rows=2, cols=5)
    for cell, text in zip(table.rows[0].cells, ["TT", "CHỈ TIÊU", "ĐVT", "Chỉ tiêu NQ",
                                                 "Kết quả thực hiện"], strict=True):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ["1", "Tỷ lệ hộ nghèo", "%", "0,2", "0,37"],
                          strict=True):
        cell.text = text
    doc.save(tmp_path / "bao_cao.docx")
    prepared = prepare(tmp_path / "bao_cao.docx")
    (rec,) = prepared.table.records
    assert (rec.locality_id, rec.period, rec.indicator_id) == ("H63-673", "2021-2023",
                                                               "poverty_rate")
    assert rec.actual.low == 0.37 and rec.actual_source == "Bảng 1!E2"


def test_without_sheet_the_first_sheet_that_reads_is_loaded_and_the_others_named():
    prepared = prepare(REAL_2013, period="2013")
    assert prepared.sheet == "M09+"
    note = next(n for n in prepared.table.notes if n.startswith("đã đọc trang 'M09+'"))
    assert "M01+ ('BỘ TÀI CHÍNH | Phụ lục số 01/CKTC-NSNN')" in note


def test_a_load_tells_its_stages_to_a_progress_callback(tmp_path):
    """What the upload page's progress bar shows: each stage in Vietnamese, in order, ending
    with the count read; the write is told when it starts and ends."""
    from etl import store
    from etl.accounts import Actor
    from etl.pipeline import commit

    rows = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"]]
    rows += [["Huyện Đức Trọng", str(year), "Tỷ lệ hộ nghèo", "%", "< 2", "1,5"]
             for year in range(1950, 2025)] * 20  # 1.500 rows, the duplicates dropped
    told: list[tuple[float, str]] = []
    prepared = prepare(write_xlsx(tmp_path / "long.xlsx", rows, sheet="Số liệu"),
                       progress=lambda share, what: told.append((share, what)))
    shares = [share for share, _ in told]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert [what for _, what in told] == [
        "Đang mở tệp…", "Đang tìm bảng chỉ tiêu (trang 'Số liệu', 1.501 dòng)…",
        "Đang đọc các dòng số liệu (trang 'Số liệu')…", "Đang kiểm tra 1.500 số liệu…",
        "Đã đọc xong: 75 số liệu."]
    told.clear()
    con = store.connect(tmp_path / "ct.duckdb")
    try:
        result = commit(con, prepared, Actor.local_operator(),
                        lambda share, what: told.append((share, what)))
    finally:
        con.close()
    assert told == [(0.0, "Đang ghi 75 số liệu (một lần, trọn vẹn)…"),
                    (1.0, f"Đã ghi lô {result.batch_id}.")]


def _dated_phu_luc(tmp_path: Path) -> Path:
    """A phụ lục whose title and measure header both say 2023, with an undated Đánh giá."""
    return write_xlsx(tmp_path / "nam_2023.xlsx", [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["KẾT QUẢ THỰC HIỆN CHỈ TIÊU NĂM 2023"],
        ["STT", "Chỉ tiêu", "ĐVT", "Năm 2023", None, "Đánh giá"],
        [None, None, None, "Kế hoạch", "Thực hiện", None],
        ["1", "Tỷ lệ hộ nghèo", "%", "2,5", "2,1", "Đạt"],
        ["2", "Tỷ lệ dân số tham gia bảo hiểm y tế", "%", "92", "90,5", "Chưa đạt"],
    ], merges=["D3:E3"])


def test_a_period_the_person_gives_moves_the_whole_dated_phu_luc(tmp_path):
    """Corrected to 2022, the figures under 'Năm 2023' and their Đánh giá land in one period
    (they used to split: figures in 2023, statuses alone in 2022)."""
    path = _dated_phu_luc(tmp_path)
    as_read = prepare(path)
    corrected = prepare(path, period="2022")
    assert {r.period for r in as_read.table.records} == {"2023"}
    assert {r.period for r in corrected.table.records} == {"2022"}
    assert len(corrected.table.records) == len(as_read.table.records) == 2
    poverty = next(r for r in corrected.table.records if r.indicator_id == "poverty_rate")
    assert (poverty.target.low, poverty.actual.value, poverty.reported_status) == (2.5, 2.1, "Đạt")
    assert any("tiêu đề bảng ghi kỳ Năm 2023" in note for note in corrected.table.notes)


def test_a_catalog_given_as_a_function_is_fetched_once_the_rows_are_read(tmp_path):
    """The CLI reads the database's catalog while the file is read: `prepare` calls the
    function only when it matches names, so a file refused before that never waits for it."""
    from etl import pipeline
    from tests.seed import SEED

    asked: list[str] = []

    def catalog():
        asked.append("catalog")
        return SEED

    empty = write_xlsx(tmp_path / "trong.xlsx", [["Báo cáo"], [], ["Không có bảng số liệu"]])
    with pytest.raises(Refused):
        pipeline.prepare(empty, catalog=catalog)
    assert asked == []
    prepared = pipeline.prepare(write_xlsx(tmp_path / "ke_hoach.xlsx", tables.plan_2022()),
                                catalog=catalog)
    assert asked and prepared.table.records
    assert prepared.table.records == prepare(tmp_path / "ke_hoach.xlsx").table.records


# A Party conclusion as staff paste it from Word: sentences, one header-like line.
PROSE = Path(__file__).resolve().parents[1] / "data" / "ket_luan_van_xuoi.txt"


def test_a_report_in_prose_is_refused_even_with_its_place_and_period_given(tmp_path):
    """A conclusion typed as sentences (semicolons split it into 'cells' when read as text, a
    line of it reads as a header) holds no table: refused, never stored as a table of
    sentences whose one number ('Covid-19', '1.5.') looked like a figure."""
    report = Path(shutil.copy(PROSE, tmp_path / "ket_luan.txt"))
    with pytest.raises(Refused) as refused:
        prepare(report, locality="Thị xã Đức Phổ", period="6 tháng đầu năm 2023")
    assert "Không có ô số liệu nào đọc được thành số" in refused.value.message
    assert len(refused.value.message) < 900  # quoted paragraphs are cut


@pytest.mark.skipif(not (Path(__file__).resolve().parents[3] / "shared" / "seeds").is_dir(),
                    reason="the seed reports are not beside the repo")
def test_none_of_the_five_seed_reports_in_prose_loads_as_a_table():
    reports = sorted((Path(__file__).resolve().parents[3] / "shared" / "seeds").glob("*.txt"))
    assert len(reports) == 5
    for report in reports:
        with pytest.raises(Refused):
            prepare(report, locality="Thị xã Đức Phổ", period="2023-H1")
