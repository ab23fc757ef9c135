"""Records held column by column (`etl.columnar`): the long layout's records reach the
validation and the store as columns, never as one object per row, and give the same batch as
records made row by row: the same rows stored, the same notes, the same refusals."""

from __future__ import annotations

import dataclasses

import pytest

from etl import columnar, store
from etl.accounts import Actor
from etl.columnar import Records, codes, column, distinct_cells, identity_codes
from etl.numbers import parse_cell
from etl.parse import parse_table
from etl.pipeline import load_file
from etl.records import Record
from etl.validate import validate
from tests.etl.test_parse_long import ROWS, _table
from tests.seed import SEED, prepare
from tests.workbook import write_csv


def _record(row_no: int, indicator: str = "poverty_rate", **fields) -> Record:
    return Record(row_no, "tinh_lam_dong", "2023", indicator, True, indicator, None, "%",
                  **fields)


def _as_columns(records: list[Record]) -> Records:
    return Records({name: [getattr(r, name) for r in records] for name in columnar.FIELDS})


def test_records_read_a_column_without_making_rows_and_rows_once_asked():
    rows = [_record(4, target=parse_cell("3,5")), _record(5, "budget_revenue_total")]
    records = _as_columns(rows)
    assert column(records, "row_no") == [4, 5] and not records.made
    assert len(records) == 2 and records == rows and records.made
    records[0].row_no = 40  # from now on the rows are what every read sees
    assert column(records, "row_no") == [40, 5]
    assert list(records) == [records[0], rows[1]]
    assert column(rows, "indicator_id") == ["poverty_rate", "budget_revenue_total"]


def test_columns_of_different_lengths_or_missing_ones_are_refused():
    fields = {name: [None] for name in columnar.FIELDS}
    with pytest.raises(ValueError, match="lengths"):
        Records({**fields, "row_no": [1, 2]})
    with pytest.raises(ValueError, match="missing"):
        Records({name: values for name, values in fields.items() if name != "note"})
    assert len(Records({name: [] for name in columnar.FIELDS})) == 0


def test_codes_keep_the_order_values_first_come_in():
    positions, distinct = codes(["b", "a", "b", None, "a"])
    assert distinct == ["b", "a", None]
    assert positions.tolist() == [0, 1, 0, 2, 1]


def test_parsed_cells_are_told_apart_by_identity_even_when_equal():
    first = parse_cell("1,5")
    same_value = dataclasses.replace(first)  # equal, another object
    assert first == same_value and first is not same_value
    positions, distinct = identity_codes([first, first, None, same_value, None])
    assert positions.tolist() == [0, 0, 1, 2, 1]
    assert distinct[0] is first and distinct[1] is None and distinct[2] is same_value
    records = _as_columns([_record(4, target=first), _record(5, target=first)])
    assert distinct_cells(records, "target") is distinct_cells(records, "target")  # kept
    assert distinct_cells(records, "target")[1] == [first] and not records.made


def test_a_long_table_is_loaded_without_one_object_per_row(tmp_path):
    rows = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Kế hoạch", "Thực hiện"]]
    for place in ("Huyện Đức Trọng", "Thành phố Bảo Lộc"):
        for year in ("2022", "2023"):
            rows += [[place, year, "Tỷ lệ hộ nghèo", "%", "3,5", "3,1"],
                     [place, year, "Thu ngân sách nhà nước", "Tỷ đồng", "chưa giao", "đang tính"]]
    path = write_csv(tmp_path / "long.csv", rows)
    db = tmp_path / "x.duckdb"
    prepared, result = load_file(path, db, actor=Actor.local_operator())
    records = prepared.table.records
    assert isinstance(records, Records) and not records.made
    unread = next(n for n in prepared.table.notes if "không đọc được thành số" in n)
    assert unread.startswith("8 ô") and "ô E3 (mục tiêu) 'chưa giao'; ô F3 (thực hiện) 'đang " \
        "tính'; ô E5 (mục tiêu)" in unread  # in the records' order, a row's target first
    con = store.connect(db, read_only=True)
    try:
        stored = con.execute(
            "SELECT row_no, locality_id, period, indicator_id, target_text, target_source, "
            "actual_text, actual_value, actual_source FROM observations WHERE batch_id = ? "
            "ORDER BY row_no", [result.batch_id]).fetchall()
    finally:
        con.close()
    expected = [(r.row_no, r.locality_id, r.period, r.indicator_id, r.target.text,
                 r.target_source, r.actual.text, r.actual.value if r.actual.op else None,
                 r.actual_source) for r in records]
    assert stored == expected and len(stored) == 8
    assert stored[1][4] == "chưa giao" and stored[1][6] == "đang tính" and stored[1][7] is None
    assert stored[0][5].endswith("E2") and stored[0][8].endswith("F2")


def test_the_validation_of_columns_is_that_of_rows(tmp_path):
    """The same table validated as columns and as a list of records: the same records, notes,
    new indicators and skipped rows — for a table in order, and one with a repeated row."""
    repeated = [ROWS[0], ROWS[0], *ROWS[1:]]  # row 5 repeats row 4
    for rows in (ROWS, repeated):
        grid, spec = _table(tmp_path, rows)
        as_columns, as_rows = (parse_table(grid, spec, SEED) for _ in range(2))
        assert isinstance(as_columns.records, Records)
        as_rows.records = list(as_rows.records)
        validate(as_columns, SEED)
        validate(as_rows, SEED)
        for field in ("notes", "new_indicators", "skipped"):
            assert getattr(as_columns, field) == getattr(as_rows, field)
        assert list(as_columns.records) == as_rows.records
    assert any("trùng dòng" in s for s in as_rows.skipped)


def test_a_row_made_from_columns_is_a_plain_record(tmp_path):
    path = write_csv(tmp_path / "long.csv", [
        ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Huyện Đức Trọng", "2022", "Tỷ lệ hộ nghèo", "%", "3,1"],
    ])
    rec = prepare(path).table.records[0]
    assert type(rec) is Record
    assert type(rec.row_no) is int and type(rec.catalogued) is bool
    assert type(rec.actual_estimate) is bool
