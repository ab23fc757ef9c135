"""Refusals carry structured fields (reason, field, row, column, candidates) and state the
problem only; the CLI adds advice naming its flags, and no other etl text names a flag."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from etl.cli import main
from etl.errors import CLI_ADVICE, FIELDS, Refused, render
from etl.read import read_grid
from tests.seed import prepare
from tests.workbook import write_xlsx

ETL = Path(__file__).resolve().parents[2] / "etl"
FLAG_OWNERS = {ETL / "cli.py", ETL / "cli_users.py", ETL / "errors.py"}  # CLI, advice table
# The flags of the inputs the upload form also has (etl.errors.FIELDS).
FORM_FLAGS = re.compile(r"--(locality|period|sheet|header-row|column)\b")
NO_PERIOD = [["UBND HUYỆN ĐỨC TRỌNG"], ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"],
             [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]
LONG = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
        ["Thị xã Đức Phổ", "2022", "Tỷ lệ hộ nghèo", "%", "3,62"],
        ["Xã Không Có Thật", "2022", "Tỷ lệ hộ nghèo", "%", "1,5"]]


def _refused(path: Path, **given: str) -> Refused:
    with pytest.raises(Refused) as caught:
        prepare(path, **given)
    return caught.value


def test_no_period_names_the_period_field(tmp_path):
    err = _refused(write_xlsx(tmp_path / "p.xlsx", NO_PERIOD))
    assert (err.reason, err.field, err.example) == ("no_period", "period", "2023-H1")
    assert "--" not in err.message and "kỳ" in err.message
    assert str(err) == render(err, CLI_ADVICE)
    assert str(err).endswith('Hãy ghi rõ bằng --period (ví dụ --period "2023-H1").')


def test_ambiguous_locality_given_by_the_person(tmp_path):
    rows = [["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch"], [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]
    err = _refused(write_xlsx(tmp_path / "x.xlsx", rows), locality="Đức Phổ", period="2022")
    assert (err.reason, err.field) == ("ambiguous_locality", "locality")
    assert len(err.candidates) >= 2 and "--" not in err.message


def test_locality_given_where_rows_name_theirs(tmp_path):
    err = _refused(write_xlsx(tmp_path / "long.xlsx", LONG), locality="Thành phố Bảo Lộc")
    assert (err.reason, err.field, err.column) == ("locality_per_row", "locality", "A")
    assert "--" not in err.message and "Hãy bỏ --locality" in str(err)


def test_unknown_locality_in_a_row_names_the_row(tmp_path):
    err = _refused(write_xlsx(tmp_path / "long.xlsx", LONG))
    assert (err.reason, err.field, err.row) == ("unknown_locality", None, 3)
    assert err.message.startswith("Dòng 3:")


def test_missing_sheet(tmp_path):
    path = write_xlsx(tmp_path / "two.xlsx", [[1]], sheet="M01+", extra_sheets={"M02+": [[2]]})
    with pytest.raises(Refused) as caught:
        read_grid(path, "M09+")
    err = caught.value
    assert (err.reason, err.field, err.candidates) == ("sheet_missing", "sheet", ["M01+", "M02+"])


def test_cli_stderr_names_the_flag(tmp_path, capsys):
    path = write_xlsx(tmp_path / "p.xlsx", NO_PERIOD)
    assert main(["load", str(path), "--db", str(tmp_path / "d.duckdb")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Từ chối: Không xác định được kỳ") and "--period" in err


def test_refusal_field_must_be_known():
    with pytest.raises(ValueError):
        Refused("x", field="periode")
    assert {"locality", "period", "sheet", "header_row", "column"} == FIELDS


def _flagged_refusals(path: Path) -> list[str]:
    """'file:line' of each Refused(...) in `path` whose text names a flag of FORM_FLAGS."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(node, ast.Call) and getattr(node.func, "id", "") == "Refused"):
            continue
        texts = [n.value for n in ast.walk(node)
                 if isinstance(n, ast.Constant) and isinstance(n.value, str)]
        if any(FORM_FLAGS.search(text) for text in texts):
            found.append(f"{path.relative_to(ETL.parent)}:{node.lineno}")
    return found


def test_no_etl_refusal_names_a_flag():
    """Only the CLI (and its advice table) words advice with flags: a refusal raised elsewhere
    in etl/ states the problem, so the upload page can name its own boxes instead."""
    sources = [p for p in sorted(ETL.rglob("*.py")) if p not in FLAG_OWNERS]
    assert len(sources) > 20
    assert [hit for path in sources for hit in _flagged_refusals(path)] == []


def test_a_refusal_names_the_file_as_given_not_as_kept(tmp_path):
    """QA 8: the page keeps an upload under a temporary name; a refusal names the file the
    person chose (prepare's file_name), here from the header search of a text file."""
    kept = tmp_path / "tmp74dm3nbz.txt"
    kept.write_text("Báo cáo không có bảng\nchỉ có chữ\n", encoding="utf-8")
    err = _refused(kept, file_name="bao_cao_6_thang.txt")
    assert "bao_cao_6_thang.txt" in str(err) and "tmp74dm3nbz" not in str(err)


PARAGRAPH = ("Ước thực hiện năm 2023 theo báo cáo của các phòng, ban chuyên môn và Ủy ban nhân "
             "dân các xã, thị trấn trên địa bàn huyện, đã được rà soát, đối chiếu với số liệu "
             "thống kê chính thức của Chi cục Thống kê khu vực")


def test_quoted_cells_are_cut_to_a_readable_length(tmp_path):
    """QA 8: two columns headed by whole paragraphs (no figure column, since a paragraph is not
    a header): the refusal names each column cut short ('…'), not a screen of text."""
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["KẾT QUẢ NĂM 2023"],
            ["STT", "Chỉ tiêu", "ĐVT", PARAGRAPH + " (lần 1)", PARAGRAPH + " (lần 2)"],
            [1, "Tỷ lệ hộ nghèo", "%", "0,2", "0,3"]]
    err = _refused(write_xlsx(tmp_path / "hai_cot.xlsx", rows))
    assert err.message.startswith("Không tìm thấy cột số liệu")
    said = render(err, {})
    assert PARAGRAPH not in said and " … " in said
    assert "(lần 1)'" in said and "(lần 2)'" in said and len(said) < 400  # the ends that differ


def test_text_between_short_quotes_is_never_cut():
    message = ("Chỉ tiêu 'Toàn xã' (2025) xuất hiện hai lần với số liệu khác nhau, ghi ở hai dòng "
               "xa nhau trong bảng: dòng 8 (chỉ tiêu '5', thực hiện '7') và dòng 9.")
    assert render(Refused(message), {}) == message
