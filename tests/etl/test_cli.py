"""The CLI contract end to end on real DuckDB files: load → export → history → rollback, and
every refusal leaving the database byte-for-byte as it was."""

from __future__ import annotations

import csv
import hashlib
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import duckdb
import pytest

from etl import read
from etl.cli import main
from etl.export import EXPORT_COLUMNS
from tests.etl import tables
from tests.holder import held
from tests.workbook import write_xlsx

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _export_rows(db: Path, capsys) -> list[dict[str, str]]:
    capsys.readouterr()
    assert main(["export", "--db", str(db)]) == 0
    text = capsys.readouterr().out
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def plan(tmp_path):
    return write_xlsx(tmp_path / "plan.xlsx", tables.plan_2022())


@pytest.fixture
def db(tmp_path, plan, capsys):
    path = tmp_path / "ct.duckdb"
    assert main(["load", str(plan), "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def test_module_entry_point_loads_and_exports(tmp_path, plan):
    path = tmp_path / "m.duckdb"
    run = subprocess.run(
        [sys.executable, "-m", "etl", "load", str(plan), "--db", str(path)],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert "Đã nạp lô 1" in run.stdout
    out = subprocess.run(
        [sys.executable, "-m", "etl", "export", "--db", str(path)],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout
    assert out.splitlines()[0] == ",".join(EXPORT_COLUMNS)


def test_export_contract_rows(db, capsys):
    rows = _export_rows(db, capsys)
    agri = next(r for r in rows if r["indicator_as_written"].startswith("Ngành Nông"))
    assert agri["locality"] == "Huyện Đức Trọng"
    assert agri["period"] == "2022"
    assert (agri["target_op"], agri["target_low"], agri["target_high"]) == ("range", "6", "7")
    assert agri["target_text"] == "Tăng 6 - 7"
    assert agri["computed_status"] == "Không xác định"
    assert agri["batch_id"] == "1" and agri["source"] == "Sheet1!D8"
    revenue = next(r for r in rows if r["indicator_as_written"] == "Thu NSNN do huyện quản lý")
    assert revenue["target_low"] == "770.4" and revenue["unit"] == "tỷ đồng"


def test_reload_same_file_is_noop(db, plan, capsys):
    before = _digest(db)
    assert main(["load", str(plan), "--db", str(db)]) == 0
    assert "không có gì thay đổi" in capsys.readouterr().out
    assert _digest(db) == before


def _revenue_rows(db: Path, capsys) -> list[dict[str, str]]:
    return [r for r in _export_rows(db, capsys) if r["indicator_as_written"].startswith("Thu NSNN")]


def test_correction_supersedes_and_rollback_restores(tmp_path, db, capsys):
    rows = tables.plan_2022()
    fixed = [list(r) for r in rows]
    for r in fixed:
        if r[1] == "Thu NSNN do huyện quản lý":
            r[3] = "800"
    corrected = write_xlsx(tmp_path / "plan_v2.xlsx", fixed)
    assert main(["load", str(corrected), "--db", str(db)]) == 0
    assert "Thay thế lô 1" in capsys.readouterr().out
    revenue = _revenue_rows(db, capsys)
    assert revenue[0]["target_low"] == "800" and revenue[0]["batch_id"] == "2"
    assert main(["history", "--db", str(db)]) == 0
    listing = capsys.readouterr().out
    assert "replaced" in listing and "active" in listing
    assert main(["rollback", "2", "--db", str(db)]) == 0
    revenue = _revenue_rows(db, capsys)
    assert revenue[0]["target_low"] == "770.4" and revenue[0]["batch_id"] == "1"
    assert main(["rollback", "2", "--db", str(db)]) == 2


def test_a_smaller_file_updates_its_rows_and_keeps_the_others(tmp_path, db, capsys):
    one = tables.PLAN_2022_TITLE + [tables.PLAN_2022_HEADER, [5, "Tỷ lệ hộ nghèo", "%", "0,3"]]
    before = len(_export_rows(db, capsys))
    assert main(["load", str(write_xlsx(tmp_path / "one.xlsx", one)), "--db", str(db)]) == 0
    assert "Thay thế" not in capsys.readouterr().out
    rows = _export_rows(db, capsys)
    assert len(rows) == before
    poverty = [r for r in rows if r["indicator_as_written"] == "Tỷ lệ hộ nghèo"]
    assert [(r["target_text"], r["batch_id"]) for r in poverty] == [("0,3", "2")]


def test_targets_and_results_from_two_documents_meet(tmp_path, db, capsys):
    report = [
        ["UBND HUYỆN ĐỨC TRỌNG"],
        ["KẾT QUẢ THỰC HIỆN NĂM 2022"],
        ["STT", "Chỉ tiêu", "ĐVT", "Thực hiện", "Đánh giá"],
        [1, "Tốc độ tăng giá trị sản xuất ngành nông, lâm nghiệp và thủy sản", "%", "5,1",
         "Chưa đạt"],
    ]
    assert main(["load", str(write_xlsx(tmp_path / "r.xlsx", report)), "--db", str(db)]) == 0
    rows = [r for r in _export_rows(db, capsys) if "ngành nông, lâm" in r["indicator"]]
    agri = [r for r in rows if r["period"] == "2022"]
    assert len(agri) == 1
    assert agri[0]["target_text"] == "Tăng 6 - 7" and agri[0]["actual_value"] == "5.1"
    assert agri[0]["computed_status"] == "Chưa đạt" and agri[0]["reported_status"] == "Chưa đạt"


def _zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (600 * 1024 * 1024))
    return path


def _refusals(tmp_path: Path) -> dict[str, Path]:
    cases = {
        "unreadable": tmp_path / "broken.xlsx",
        "no_header": write_xlsx(tmp_path / "nohead.xlsx", [["Báo cáo tình hình"], ["..."]]),
        "no_figures": write_xlsx(tmp_path / "empty.xlsx", [
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"], [1, "Tỷ lệ hộ nghèo", "%", None]]),
        "conflict": write_xlsx(tmp_path / "dup.xlsx", [
            ["UBND HUYỆN ĐỨC TRỌNG"], ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"],
            [1, "Tỷ lệ hộ nghèo", "%", "0,2"], [2, "Tỷ lệ hộ nghèo", "%", "0,3"]]),
        "ambiguous": write_xlsx(tmp_path / "amb.xlsx", [
            ["UBND ĐỨC PHỔ"], ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"],
            [1, "Tỷ lệ hộ nghèo", "%", "0,2"]]),
    }
    cases["unreadable"].write_bytes(b"PK\x03\x04 this is not a workbook")
    return cases


@pytest.mark.parametrize(
    "case", ["unreadable", "no_header", "no_figures", "conflict", "ambiguous"]
)
def test_refused_file_leaves_database_unchanged(tmp_path, db, case, capsys):
    before = _digest(db)
    path = _refusals(tmp_path)[case]
    extra = ["--locality", "Đức Phổ"] if case == "ambiguous" else []
    assert main(["load", str(path), "--db", str(db), *extra]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Từ chối:") and "Traceback" not in err
    assert _digest(db) == before


def test_zip_bomb_and_size_limit_refused(tmp_path, db, capsys, monkeypatch):
    before = _digest(db)
    bomb = _zip_bomb(tmp_path / "bomb.xlsx")
    assert main(["load", str(bomb), "--db", str(db)]) == 2
    monkeypatch.setattr(read, "MAX_FILE_BYTES", 1000)
    big = write_xlsx(tmp_path / "big.xlsx", tables.plan_2022())
    assert main(["load", str(big), "--db", str(db)]) == 2
    errors = capsys.readouterr().err
    assert errors.count("Từ chối:") == 2
    assert _digest(db) == before


def test_refused_load_does_not_create_database(tmp_path, capsys):
    path = tmp_path / "none.duckdb"
    bad = write_xlsx(tmp_path / "nohead.xlsx", [["nothing here"]])
    assert main(["load", str(bad), "--db", str(path)]) == 2
    assert not path.exists()


def test_cli_refuses_when_dashboard_holds_the_database(db, plan, capsys):
    with held(db) as holder:
        assert main(["load", str(plan), "--db", str(db)]) == 2
        assert f"PID {holder.pid}" in capsys.readouterr().err


def test_export_xlsx_neutralises_formulas(tmp_path, capsys):
    path = tmp_path / "f.duckdb"
    rows = [["UBND HUYỆN ĐỨC TRỌNG"], ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"],
            [1, "@Tỷ lệ hộ nghèo", "%", "0,2"]]
    assert main(["load", str(write_xlsx(tmp_path / "f.xlsx", rows)), "--db", str(path)]) == 0
    out = tmp_path / "out.csv"
    assert main(["export", "--db", str(path), "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    assert "'@Tỷ lệ hộ nghèo" in text
    xlsx = tmp_path / "out.xlsx"
    assert main(["export", "--db", str(path), "--format", "xlsx", "--out", str(xlsx)]) == 0
    with duckdb.connect(str(path), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM current_observations").fetchone()[0] == 1


def test_export_numbers_and_operators_in_machine_form(tmp_path, capsys):
    path = tmp_path / "n.duckdb"
    rows = [["UBND HUYỆN ĐỨC TRỌNG"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022", "Thực hiện năm 2022"],
            [1, "Tỷ lệ hộ nghèo", "%", 0.00001, "1e5"]]
    assert main(["load", str(write_xlsx(tmp_path / "n.xlsx", rows)), "--db", str(path)]) == 0
    (row,) = _export_rows(path, capsys)
    assert (row["target_op"], row["target_low"], row["actual_value"]) == ("=", "0.00001", "100000")


def test_export_xlsx_to_stdout_and_unwritable_out(db, tmp_path):
    run = subprocess.run(
        [sys.executable, "-m", "etl", "export", "--db", str(db), "--format", "xlsx"],
        cwd=ROOT, capture_output=True, check=False,
    )
    assert run.returncode == 0 and run.stdout[:2] == b"PK"
    assert main(["export", "--db", str(db), "--out", str(tmp_path / "no" / "x.csv")]) == 2


def test_locality_flag_refused_where_rows_name_their_locality(tmp_path, capsys):
    rows = [["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"],
            ["Thị xã Đức Phổ", "2022", "Tỷ lệ hộ nghèo", "%", "3,62"]]
    path = write_xlsx(tmp_path / "long.xlsx", rows)
    assert main(["load", str(path), "--db", str(tmp_path / "d.duckdb"),
                 "--locality", "Thành phố Bảo Lộc"]) == 2
    assert "ghi địa phương ở từng dòng" in capsys.readouterr().err
    assert main(["load", str(path), "--db", str(tmp_path / "d.duckdb"), "--period", "2020"]) == 2
    assert not (tmp_path / "d.duckdb").exists()


def test_notes_for_overridden_title_unread_cells_and_other_sheets(tmp_path, capsys):
    rows = tables.plan_2022() + [[18, "Chỉ tiêu định tính", "%", "abc"]]
    path = write_xlsx(tmp_path / "p.xlsx", rows, extra_sheets={"Khác": [["x"]]})
    assert main(["load", str(path), "--db", str(tmp_path / "d.duckdb"), "--dry-run",
                 "--period", "2024", "--locality", "Thành phố Bảo Lộc"]) == 0
    out = capsys.readouterr().out
    assert "tiêu đề bảng ghi kỳ Năm 2022" in out and "tiêu đề bảng ghi Huyện Đức Trọng" in out
    assert "1 ô không đọc được thành số" in out and "'abc'" in out
    assert "ô D" in out and "(mục tiêu) 'abc'" in out  # the cell and the measure, not a row
    assert "tệp còn các trang Khác" in out


def test_numbers_out_of_range_are_kept_as_text_and_never_exported_as_infinity(tmp_path, capsys):
    path = tmp_path / "big.duckdb"
    rows = [["UBND HUYỆN ĐỨC TRỌNG"],
            ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022", "Thực hiện năm 2022"],
            [1, "Thu NSNN do huyện quản lý", "tỷ đồng", "1e308", "9" * 400],
            [2, "Tỷ lệ hộ nghèo", "%", "giảm 1,5", "0,8"],
            [3, "Giải quyết việc làm", "lao động", 1e300, 4000]]
    assert main(["load", str(write_xlsx(tmp_path / "big.xlsx", rows)), "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "3 ô không đọc được thành số" in out
    assert "chỉ tiêu tỷ lệ có mục tiêu âm" in out and "'Tỷ lệ hộ nghèo': -1,5" in out
    exported = _export_rows(path, capsys)
    assert not [v for row in exported for v in row.values() if "inf" in v.lower()]
    revenue = next(r for r in exported if r["indicator_as_written"].startswith("Thu NSNN"))
    assert revenue["target_text"] == "1e308" and revenue["target_low"] == ""
    assert revenue["actual_text"] == "9" * 400 and revenue["actual_value"] == ""


def test_period_flag_takes_the_words_of_a_report(tmp_path, plan, capsys):
    """`--period "6 tháng đầu năm 2023"` loads into 2023-H1 and the batch keeps the code."""
    db = tmp_path / "words.duckdb"
    assert main(["load", str(plan), "--db", str(db), "--period", "6 tháng đầu năm 2023"]) == 0
    assert {r["period"] for r in _export_rows(db, capsys)} == {"2023-H1"}
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT options FROM batches").fetchone()[0] == "--period 2023-H1"
    finally:
        con.close()


def test_unreadable_period_flag_is_refused_with_examples(tmp_path, plan, capsys):
    db = tmp_path / "none.duckdb"
    assert main(["load", str(plan), "--db", str(db), "--period", "2023 H1"]) == 2
    err = capsys.readouterr().err
    assert "Không đọc được kỳ '2023 H1'" in err and "Quý I/2023" in err and "--period" in err
    assert "Traceback" not in err and not db.exists()


def test_long_table_period_cells_in_words(tmp_path, capsys):
    """A long table's Kỳ column may say 'Quý I/2023'; a cell no period phrase reads names its
    row."""
    head = ["Địa phương", "Kỳ", "Chỉ tiêu", "ĐVT", "Thực hiện"]
    good = write_xlsx(tmp_path / "long.xlsx", [
        head, ["Thị xã Đức Phổ", "Quý I/2023", "Tỷ lệ hộ nghèo", "%", "3,62"],
        ["Thị xã Đức Phổ", "6 tháng đầu năm 2023", "Tỷ lệ hộ nghèo", "%", "3,5"]])
    db = tmp_path / "long.duckdb"
    assert main(["load", str(good), "--db", str(db)]) == 0
    assert sorted(r["period"] for r in _export_rows(db, capsys)) == ["2023-H1", "2023-Q1"]
    bad = write_xlsx(tmp_path / "bad.xlsx", [
        head, ["Thị xã Đức Phổ", "đầu năm nay", "Tỷ lệ hộ nghèo", "%", "3,62"]])
    assert main(["load", str(bad), "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "Dòng 2: Không đọc được kỳ 'đầu năm nay'" in err and "--period" not in err


def test_the_command_line_itself_speaks_vietnamese(capsys):
    """argparse's usage, help and errors were English ('usage:', 'error: the following
    arguments are required'): staff read them in Vietnamese, with the same exit code 2."""
    with pytest.raises(SystemExit) as ended:
        main(["load"])
    assert ended.value.code == 2
    said = capsys.readouterr().err
    assert said.startswith("cách dùng: python -m etl load") and "lỗi: thiếu đối số: file" in said
    with pytest.raises(SystemExit):
        main(["export", "--format", "pdf"])
    assert "giá trị 'pdf' không có trong các lựa chọn ('csv', 'xlsx', 'phuluc')" in (
        capsys.readouterr().err)
    with pytest.raises(SystemExit) as ended:
        main(["--help"])
    assert ended.value.code == 0
    shown = capsys.readouterr().out
    assert "tùy chọn:" in shown and "hiện hướng dẫn này rồi thoát" in shown
    assert "usage" not in shown and "show this help" not in shown
