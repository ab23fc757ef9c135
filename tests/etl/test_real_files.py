"""The 19 real Ministry of Finance budget appendices in data/real/ (dự toán Plan_YYYY, quyết
toán Final_YYYY, 2004–2016) load as they are, and every figure stored is the figure of its
cell, read here independently with python-calamine."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import duckdb
import pytest
from python_calamine import CalamineWorkbook

from etl.accounts import Actor
from etl.read._grid import column_index
from etl.text import fold
from tests.seed import prepare

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "data" / "real"
SHEETS = {
    "Plan_2004": "Sheet1", "Plan_2006": "Sheet1", "Plan_2007": "mau so 09",
    "Plan_2008": "Sheet1", "Plan_2009": "Sheet1", "Plan_2010": "Sheet1",
    "Plan_2011": "M09(R)", "Plan_2012": "M08", "Plan_2013": "M09", "Plan_2014": "M09",
    "Plan_2015": "M09", "Plan_2016": "M09",
    "Final_2006": "Sheet1", "Final_2007": "M09+", "Final_2008": "Sheet1",
    "Final_2009": "M09+", "Final_2011": "M09+", "Final_2013": "M09+", "Final_2014": "M09+",
}
REVENUE = "budget_revenue_total"


def test_every_real_file_is_tested():
    assert sorted(p.stem for p in REAL.glob("*.xls")) == sorted(SHEETS)


@cache
def _cells(stem: str) -> list[list[object]]:
    sheet = CalamineWorkbook.from_path(str(REAL / f"{stem}.xls")).get_sheet_by_name(SHEETS[stem])
    return sheet.to_python(skip_empty_area=False)


@cache
def _prepared(stem: str):
    return prepare(REAL / f"{stem}.xls", period=stem[-4:], sheet=SHEETS[stem])


def _number(value: object) -> float | None:
    """The figure of a cell as this test reads it: a number, or digits with '.' thousands
    after an optional footnote mark ('(1) 419.278.223')."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(?:\(\d\)\s*)?(-?[\d.]+)\s*", value.replace("\xa0", " "))
        if m and re.fullmatch(r"-?\d{1,3}(\.\d{3})*", m[1]):
            return float(m[1].replace(".", ""))
    return None


def _province_rows(stem: str) -> list[int]:
    """Rows numbered 1, 2, 3 … in column A with a name in B and a figure in C."""
    return [r for r, row in enumerate(_cells(stem))
            if isinstance(row[0], (int, float)) and not isinstance(row[0], bool)
            and float(row[0]).is_integer() and 1 <= row[0] <= 70
            and isinstance(row[1], str) and row[1].strip() and _number(row[2]) is not None]


def _total_row(stem: str) -> int:
    return next(r for r, row in enumerate(_cells(stem))
                if isinstance(row[1], str) and fold(row[1]).startswith("tong so"))


def _at(stem: str, ref: str) -> object:
    sheet, cell = ref.split("!")
    assert sheet == SHEETS[stem]
    letters, digits = re.fullmatch(r"([A-Z]+)(\d+)", cell).groups()
    return _cells(stem)[int(digits) - 1][column_index(letters)]


def _figure(rec):
    parsed = rec.target or rec.actual
    return parsed.low, rec.target_source or rec.actual_source


@pytest.mark.parametrize("stem", sorted(SHEETS))
def test_revenue_of_every_province_is_its_column_c(stem):
    table = _prepared(stem).table
    provinces = _province_rows(stem)
    revenue = [r for r in table.records if r.indicator_id == REVENUE]
    by_row = {int(re.sub(r"\D", "", _figure(r)[1].split("!")[1])) - 1: r for r in revenue}
    # every numbered province row and the national total, nothing else
    assert set(by_row) == set(provinces) | {_total_row(stem)}
    assert len({r.locality_id for r in revenue}) == len(revenue)
    assert by_row[_total_row(stem)].locality_id == "VN"
    assert 61 <= len(provinces) <= 64
    for row, rec in by_row.items():
        value, source = _figure(rec)
        assert source.split("!")[1].startswith("C")
        assert value == pytest.approx(_number(_cells(stem)[row][2])), source
        # a dự toán is the target, a quyết toán the actual
        assert (rec.target is not None) == stem.startswith("Plan")
        assert (rec.actual is not None) == stem.startswith("Final")


@pytest.mark.parametrize("stem", sorted(SHEETS))
def test_every_stored_figure_is_the_figure_of_its_cell(stem):
    table = _prepared(stem).table
    total = _total_row(stem)
    below = next(r for r in range(total + 1, len(_cells(stem))) if _cells(stem)[r][1])
    allowed_rows = set(_province_rows(stem)) | set(range(total, below))  # merged total rows
    for rec in table.records:
        value, source = _figure(rec)
        assert value == pytest.approx(_number(_at(stem, source))), source
        assert int(re.sub(r"\D", "", source.split("!")[1])) - 1 in allowed_rows, source
        assert rec.unit is None or "đồng" in rec.unit.lower() or rec.unit == "%"


@pytest.mark.parametrize("stem", ["Final_2009", "Final_2013", "Final_2014", "Plan_2016"])
def test_a_figure_reads_as_the_report_shows_it_not_as_every_digit_of_its_float(stem):
    """The final accounts hold formulas (8835806.8821479976 for Lâm Đồng's 2014 spending, a
    zero computed as 1e-10): the text shown and exported has at most 2 decimals from 1 up and
    6 below; the value keeps every digit."""
    for rec in _prepared(stem).table.records:
        for parsed in (rec.target, rec.actual):
            if parsed is None or parsed.op != "=":
                continue
            decimals = parsed.text.rpartition(",")[2] if "," in parsed.text else ""
            assert len(decimals) <= (2 if abs(parsed.low) >= 1 else 6), parsed.text
            assert parsed.low == pytest.approx(float(parsed.text.replace(".", "")
                                                     .replace(",", ".")), abs=0.005)


def _revenue_of(stem: str, locality_id: str) -> float:
    rec = next(r for r in _prepared(stem).table.records
               if r.indicator_id == REVENUE and r.locality_id == locality_id)
    return _figure(rec)[0]


def _column_c_of(stem: str, *spellings: str) -> float:
    keys = {fold(s) for s in spellings}
    row = next(row for row in _cells(stem)
               if isinstance(row[1], str) and fold(row[1]).strip() in keys)
    return _number(row[2])


@pytest.mark.parametrize("stem", ["Final_2006", "Plan_2010", "Plan_2016", "Plan_2011"])
def test_bac_kan_as_written_then(stem):
    assert _revenue_of(stem, "T63-06") == _column_c_of(stem, "BẮC CẠN", "Bắc Cạn")


@pytest.mark.parametrize("stem", ["Plan_2004", "Plan_2006", "Plan_2007", "Plan_2008",
                                  "Final_2006", "Final_2007"])
def test_ha_tay_until_its_merge(stem):
    assert _revenue_of(stem, "T63-28") == _column_c_of(stem, "HÀ TÂY", "Hà Tây")
    assert _revenue_of(stem, "T63-01") == _column_c_of(stem, "HÀ NỘI", "Hà Nội")


@pytest.mark.parametrize("stem", ["Final_2008", "Plan_2009", "Final_2014"])
def test_after_the_merge_ha_noi_only(stem):
    ids = {r.locality_id for r in _prepared(stem).table.records}
    assert "T63-28" not in ids and "T63-01" in ids


def test_spellings_of_their_time():
    # 'ĐĂK LĂK', 'ĐẮC NÔNG', 'TP. HỒ CHÍ MINH', 'THỪA THIÊN - HUẾ' as the 2016 plan writes them
    stem = "Plan_2016"
    assert _revenue_of(stem, "T63-66") == _column_c_of(stem, "ĐĂK LĂK")
    assert _revenue_of(stem, "T63-67") == _column_c_of(stem, "ĐẮC NÔNG")
    assert _revenue_of(stem, "T63-79") == _column_c_of(stem, "TP. HỒ CHÍ MINH")
    assert _revenue_of(stem, "T63-46-TTH") == _column_c_of(stem, "THỪA THIÊN - HUẾ")


def test_spot_checks_against_the_published_figures():
    # figures read off the sheets by eye
    assert _revenue_of("Plan_2004", "VN") == 154_820_000
    assert _revenue_of("Plan_2004", "T63-22") == 3_596_880  # Quảng Ninh
    assert _revenue_of("Final_2008", "VN") == 419_278_223  # '(1) 419.278.223' as text
    assert _revenue_of("Plan_2016", "T63-02") == 1_538_000  # Hà Giang


def test_the_2004_plan_still_counts_the_provinces_split_that_year_undivided():
    """Drawn up in 2003: Lai Châu, Đắk Lắk, Cần Thơ with no row for Điện Biên, Đắk Nông, Hậu
    Giang. The figures stay under the name the file gives, said to cover the undivided unit."""
    table = _prepared("Plan_2004").table
    said = [n for n in table.notes if "tách ra từ" in n]
    assert len(said) == 3 and any("không có Tỉnh Điện Biên" in n for n in said)
    lai_chau = [r for r in table.records if r.locality_id == "T63-12"]
    assert lai_chau and all("có thể gồm cả Tỉnh Điện Biên" in r.note for r in lai_chau)
    for stem in ("Plan_2006", "Final_2006", "Plan_2016"):  # every province has its own row
        assert not any("tách ra từ" in n for n in _prepared(stem).table.notes)


def test_headers_as_written_in_the_word_per_row_file():
    spec = _prepared("Plan_2010").table.spec
    headers = {c.index: c.parts for c in spec.columns}
    assert headers[0] == ["SỐ TT"]
    assert headers[2] == ["TỔNG THU NSNN TRÊN ĐỊA BÀN"]
    assert headers[9][0] == "BỔ SUNG TỪ NGÂN SÁCH TRUNG ƯƠNG CHO NGÂN SÁCH ĐỊA PHƯƠNG"
    assert headers[9][-1] == "TH CÁC DỰ ÁN, CÔNG TRÌNH QUAN TRỌNG (VỐN ĐẦU TƯ)"


def test_bilingual_header_cells_keep_the_vietnamese():
    spec = _prepared("Final_2007").table.spec
    assert spec.columns[0].parts == ["STT"] and spec.columns[0].role == "stt"
    assert spec.columns[1].parts == ["Tỉnh, thành phố"]
    assert spec.columns[2].parts == ["Tổng thu NSNN trên địa bàn từng tỉnh, thành phố"]
    # the file types 'Bổ sung cân đối' over two columns; the English lines tell them apart
    assert spec.columns[6].parts[-1] == "Bổ sung cân đối - Balance transfers"
    assert spec.columns[7].parts[-1] == "Bổ sung cân đối - Target transfers"


def test_the_plan_without_a_title_says_why_it_is_a_target_and_that_it_has_no_unit():
    notes = _prepared("Plan_2004").table.notes
    assert any("theo tên tệp Plan_2004.xls" in n for n in notes)
    assert any("không ghi đơn vị tính" in n for n in notes)
    assert {r.unit for r in _prepared("Plan_2004").table.records} == {None, "%"}
    # the demo build gives the unit the ministry states in the other years
    given = prepare(REAL / "Plan_2004.xls", period="2004", sheet="Sheet1", unit="triệu đồng")
    assert {r.unit for r in given.table.records} == {"triệu đồng", "%"}
    assert not any("không ghi đơn vị tính" in n for n in given.table.notes)


def test_cli_loads_a_real_file_into_duckdb(tmp_path):
    db = tmp_path / "real.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "etl", "load", str(REAL / "Final_2008.xls"), "--period", "2008",
         "--sheet", "Sheet1", "--db", str(db)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    assert done.returncode == 0, done.stderr
    con = duckdb.connect(str(db), read_only=True)
    got = con.execute(
        "SELECT count(*), sum(actual_value) FILTER (WHERE locality_id = 'VN') FROM observations"
        " WHERE indicator_id = ?", [REVENUE],
    ).fetchone()
    con.close()
    assert got == (len(_province_rows("Final_2008")) + 1, 419_278_223)


def test_demo_manifest_loads_every_real_file_with_its_source():
    from etl.build import REAL_DIR, seed_manifest

    rows = seed_manifest(REAL_DIR)
    assert {Path(r["file"]).stem: r["sheet"] for r in rows} == SHEETS
    for row in rows:
        kind = "dự toán" if row["file"].startswith("Plan") else "quyết toán"
        assert row["period"] == row["file"][-8:-4]
        assert row["source"] == f"Bộ Tài chính, phụ lục {kind} NSNN năm {row['period']}"


def test_an_older_database_gets_the_units_that_ended(tmp_path):
    from etl import store
    from etl.pipeline import commit

    db = tmp_path / "old.duckdb"
    con = store.connect(db)
    commit(con, _prepared("Final_2014"), Actor.local_operator())
    # a database made before Hà Tây was in the catalog
    con.execute("DELETE FROM localities WHERE id = 'T63-28'")
    con.execute("UPDATE meta SET value = 'old' WHERE key = 'localities'")
    commit(con, _prepared("Plan_2006"), Actor.local_operator())
    got = con.execute("SELECT name, valid_to FROM localities WHERE id = 'T63-28'").fetchall()
    source = con.execute("SELECT source FROM batches ORDER BY id").fetchall()
    con.close()
    assert [(n, str(d)) for n, d in got] == [("Tỉnh Hà Tây", "2008-07-31")]
    assert source == [(None,), (None,)]  # loaded without a source: none invented


def test_thua_thien_hue_under_its_name_of_the_time():
    # the province became the centrally-run Thành phố Huế only on 1 January 2025
    for stem in ("Plan_2004", "Final_2013", "Plan_2016"):
        ids = {r.locality_id for r in _prepared(stem).table.records}
        assert "T63-46-TTH" in ids and "T63-46" not in ids


def test_every_budget_row_names_the_unit_of_its_period(demo_db):
    # nothing a later change made (Huế in 01/2025, the merges of 07/2025) renames 2004–2016:
    # each unit existed during its row's period (Hà Tây until 31/07/2008)
    con = duckdb.connect(str(demo_db), read_only=True)
    rows = con.execute(
        """SELECT DISTINCT o.period, l.id, l.name FROM observations o
           JOIN batches b ON b.id = o.batch_id JOIN periods p ON p.code = o.period
           JOIN localities l ON l.id = o.locality_id
           WHERE (b.file_name LIKE 'Plan_%' OR b.file_name LIKE 'Final_%')
             AND NOT (coalesce(l.valid_from, DATE '1900-01-01') <= p.end_date
                      AND coalesce(l.valid_to, DATE '9999-12-31') >= p.start_date)"""
    ).fetchall()
    named = con.execute(
        """SELECT DISTINCT o.period, l.name FROM observations o JOIN localities l
           ON l.id = o.locality_id WHERE l.code = '46' ORDER BY 1"""
    ).fetchall()
    con.close()
    assert rows == []
    assert {n for _, n in named} == {"Tỉnh Thừa Thiên Huế"} and len(named) == 12  # no 2005 file


def test_an_older_database_moves_hue_rows_to_the_province_of_their_time(tmp_path):
    from etl import store
    from etl.pipeline import commit

    db = tmp_path / "old.duckdb"
    con = store.connect(db)
    commit(con, _prepared("Final_2014"), Actor.local_operator())
    # a database made before the rename was in the catalog: Huế's 2014 rows under T63-46
    con.execute("UPDATE observations SET locality_id = 'T63-46' WHERE locality_id = 'T63-46-TTH'")
    con.execute("DELETE FROM localities WHERE id = 'T63-46-TTH'")
    con.execute("UPDATE meta SET value = 'old' WHERE key = 'localities'")
    commit(con, _prepared("Plan_2006"), Actor.local_operator())
    got = con.execute(
        "SELECT period, locality_id, count(*) FROM observations WHERE locality_id LIKE 'T63-46%'"
        " GROUP BY ALL ORDER BY ALL").fetchall()
    shown = con.execute("SELECT DISTINCT locality FROM current_observations"
                        " WHERE locality_id LIKE 'T63-46%'").fetchall()
    con.close()
    assert [(p, i) for p, i, _ in got] == [("2006", "T63-46-TTH"), ("2014", "T63-46-TTH")]
    assert shown == [("Tỉnh Thừa Thiên Huế",)]


def test_a_plan_uploaded_from_a_temporary_copy_is_still_a_plan(tmp_path):
    """The page reads an upload from a copy under another name: the file-name rule ('Plan_…'
    is a dự toán, the title saying neither) reads the name the person chose."""
    import shutil

    copy = Path(shutil.copy(REAL / "Plan_2004.xls", tmp_path / "tmp8f3k2l1q.xls"))
    table = prepare(copy, file_name="Plan_2004.xls", period="2004", sheet="Sheet1").table
    revenue = [r for r in table.records if r.indicator_id == REVENUE]
    assert revenue and all(r.target and r.actual is None for r in revenue)
    assert any("theo tên tệp Plan_2004.xls" in n for n in table.notes)


def test_a_budget_appendix_without_sheet_or_period_says_what_each_sheet_lacked():
    """Plan_2012.xls opens on national summary sheets (no locality); its by-province sheet
    M08 lacks only the period. The refusal says so for M08, not just the first sheet's
    'no locality', so staff type the period instead of a locality."""
    from etl.errors import Refused

    with pytest.raises(Refused) as refused:
        prepare(REAL / "Plan_2012.xls")
    message = refused.value.message
    assert "Đã đọc trang 'M01'; cũng vậy ở trang M02, M03" in message
    assert "trang M08: Tiêu đề bảng nêu nhiều kỳ (2012, 2007)" in message
    assert refused.value.reason == "no_table"
