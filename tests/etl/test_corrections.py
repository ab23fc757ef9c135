"""A person's correction of the detected layout (header row, column roles) through
`etl.pipeline.prepare` and `python -m etl load --header-row/--column`: honoured instead of the
guess, checked and refused in Vietnamese, and kept in the batch's options."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from etl.cli import main
from etl.corrections import Corrections, parse_column_flag
from etl.errors import Refused
from tests.seed import prepare
from tests.workbook import write_xlsx

TITLE = [["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ THỰC HIỆN NĂM 2022"], []]
# 'Đạt' (achieved) heads the results, a word the detector does not read as a measure.
RESULTS = [["TT", "Tên", "Đơn vị", "Mục tiêu", "Đạt"],
           [1, "Tỷ lệ hộ nghèo", "%", "0,24", "0,2"],
           [2, "Thu NSNN do huyện quản lý", "tỷ đồng", "770,4", "801,2"],
           [3, "Tỷ lệ bảo hiểm y tế toàn dân", "%", ">88", "90,1"]]
# A legend line above the real header reads as a header; the real one says 'Năm 2022' only.
LEGEND = [["UBND HUYỆN ĐỨC TRỌNG"], ["Chỉ tiêu", "Kế hoạch năm 2022 (Nghị quyết 04)"], [],
          ["STT", "Nội dung", "ĐVT", "Năm 2022"],
          [1, "Tỷ lệ hộ nghèo", "%", "0,24"],
          [2, "Thu NSNN do huyện quản lý", "tỷ đồng", "770,4"]]


@pytest.fixture
def results(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "ket_qua_2022.xlsx", TITLE + RESULTS)


@pytest.fixture
def legend(tmp_path: Path) -> Path:
    return write_xlsx(tmp_path / "ke_hoach_2022.xlsx", LEGEND)


def _actuals(path: Path, **fix) -> dict[str, str | None]:
    table = prepare(path, **fix).table
    return {r.indicator_as_written: r.actual and r.actual.text for r in table.records}


def test_guessed_layout_misses_the_results_column(results):
    spec = prepare(results).table.spec
    assert [(c.letter, c.role) for c in spec.columns][-1] == ("E", "other")
    assert set(_actuals(results).values()) == {None}


def test_a_column_role_given_by_hand_is_read(results):
    prepared = prepare(results, roles={"E": "actual"})
    assert _actuals(results, roles={"E": "actual"})["Tỷ lệ hộ nghèo"] == "0,2"
    column = prepared.table.spec.columns[-1]
    assert (column.letter, column.role, column.guess) == ("E", "actual", "other")
    assert prepared.options == "--column E=actual"


def test_lowercase_letters_are_the_same_column(results):
    assert _actuals(results, roles={"e": "actual"})["Thu NSNN do huyện quản lý"] == "801,2"


def test_wrong_header_row_is_refused_then_read_at_the_row_given(legend):
    with pytest.raises(Refused):
        prepare(legend)
    prepared = prepare(legend, header_row=4, roles={"D": "target"})
    spec = prepared.table.spec
    assert spec.sheet_rows() == [4]
    assert [(c.letter, c.role) for c in spec.columns] == [
        ("A", "stt"), ("B", "name"), ("C", "unit"), ("D", "target")]
    assert [(r.row_no, r.target.text, r.period) for r in prepared.table.records] == [
        (5, "0,24", "2022"), (6, "770,4", "2022")]
    assert prepared.options == "--header-row 4 --column D=target"


def test_a_name_given_by_hand_takes_the_role_from_the_guessed_column(tmp_path):
    coded = [*TITLE, ["STT", "Chỉ tiêu", "Diễn giải", "Kế hoạch"],
             [1, "Nghèo", "Tỷ lệ hộ nghèo", "0,24"], [2, "BHYT", "Tỷ lệ bảo hiểm y tế", ">88"]]
    path = write_xlsx(tmp_path / "ma_chi_tieu.xlsx", coded)
    assert [r.indicator_as_written for r in prepare(path).table.records] == ["Nghèo", "BHYT"]
    table = prepare(path, roles={"C": "name"}).table
    assert [r.indicator_as_written for r in table.records] == ["Tỷ lệ hộ nghèo",
                                                                "Tỷ lệ bảo hiểm y tế"]
    assert [c.role for c in table.spec.columns] == ["stt", "other", "name", "target"]


@pytest.mark.parametrize(("fix", "words"), [
    ({"roles": {"E": "ket_qua"}}, "Cột E: không có vai trò 'ket_qua'"),
    ({"roles": {"B": "other"}}, "không có cột tên chỉ tiêu hay địa phương"),
    ({"roles": {"Z": "actual"}}, "Không có cột Z trong bảng (các cột A–E)"),
    ({"roles": {"5": "actual"}}, "'5' không phải tên cột"),
    ({"roles": {"B": "name", "D": "name"}}, "Cột B và cột D cùng được chọn là «Tên chỉ tiêu»"),
    ({"header_row": 40}, "Dòng tiêu đề 40 nằm ngoài bảng (bảng có các dòng 1–7)"),
    ({"header_row": 0}, "Dòng tiêu đề 0 không có"),
])
def test_bad_corrections_are_refused_in_vietnamese(results, fix, words):
    with pytest.raises(Refused) as err:
        prepare(results, **fix)
    assert words in err.value.message


def test_corrections_are_false_when_empty():
    assert not Corrections() and Corrections(header_row=3) and Corrections(roles={"B": "name"})


def test_column_flag_needs_a_role():
    assert parse_column_flag(" e = actual ") == ("E", "actual")
    with pytest.raises(Refused):
        parse_column_flag("E")


def test_cli_flags_load_the_corrected_reading_and_keep_them(tmp_path, results, capsys):
    db = tmp_path / "ct.duckdb"
    assert main(["load", str(results), "--db", str(db), "--column", "E=actual"]) == 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        options = con.execute("SELECT options FROM batches").fetchall()
        actual = con.execute("SELECT actual_text FROM observations WHERE row_no = 5").fetchall()
    finally:
        con.close()
    assert options == [("--column E=actual",)] and actual == [("0,2",)]
    assert main(["load", str(results), "--db", str(db), "--column", "E=ket_qua"]) == 2
    assert "không có vai trò 'ket_qua'" in capsys.readouterr().err


def test_header_cells_name_each_column_of_the_row_asked(legend):
    from etl.corrections import header_cells

    assert header_cells(legend, None, 4) == [("A", "STT"), ("B", "Nội dung"), ("C", "ĐVT"),
                                             ("D", "Năm 2022")]
    with pytest.raises(Refused):
        header_cells(legend, None, 99)


PLAIN = [["TT", "Tên", "Đơn vị", "Kế hoạch", "Thực hiện"],
         [1, "Tỷ lệ hộ nghèo", "%", "0,24", "0,2"],
         [2, "Thu NSNN do huyện quản lý", "tỷ đồng", "770,4", "801,2"]]


def _left(path: Path, roles: dict[str, str]) -> str | None:
    """`figures_left` over the columns as the reader guessed them in the file."""
    from etl.corrections import figures_left

    columns = [(c.letter, c.header, c.guess) for c in prepare(path).table.spec.columns]
    return figures_left(columns, roles)


@pytest.mark.parametrize("roles", [{}, {"D": "", "E": ""}, {"E": "other"}, {"D": "other"},
                                   {"D": "actual", "E": "note"}, {"B": "other"}])
def test_roles_that_keep_a_result_or_a_target_say_nothing(tmp_path, roles):
    assert _left(write_xlsx(tmp_path / "kq.xlsx", TITLE + PLAIN), roles) is None


def test_roles_leaving_no_figure_column_name_the_columns_taken(tmp_path):
    said = _left(write_xlsx(tmp_path / "kq.xlsx", TITLE + PLAIN), {"D": "other", "E": "other"})
    assert "không còn cột số liệu nào" in said
    assert "cột D · Kế hoạch đang là «Không đọc cột này»" in said
    assert "cột E · Thực hiện đang là «Không đọc cột này»" in said


def test_roles_leaving_neither_result_nor_target_say_what_is_left(tmp_path):
    """Such a table still loads — figures nobody can judge — so the form must say so."""
    path = write_xlsx(tmp_path / "kq.xlsx", TITLE + PLAIN)
    roles = {"D": "pct_prev", "E": "note"}
    said = _left(path, roles)
    assert "không có cột «Thực hiện» và cũng không có cột «Kế hoạch / chỉ tiêu»" in said
    assert "chỉ còn «% so với cùng kỳ» (cột D)" in said
    assert "cột E · Thực hiện đang là «Ghi chú»" in said
    records = prepare(path, roles=roles).table.records
    assert records and not any(r.target or r.actual for r in records)
