"""Guard rails of the database file on real DuckDB files: no command replaces or overwrites a
database another program holds or needs, a stale WAL never stays beside a new file, and a held,
foreign or missing database is a refusal (exit 2) that names its holder and fits the command."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from etl.cli import main
from etl.dbfile import wal_of
from tests.etl import tables
from tests.holder import held
from tests.workbook import write_xlsx

ROOT = Path(__file__).resolve().parents[2]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path, capsys) -> Path:
    path = tmp_path / "ct.duckdb"
    plan = write_xlsx(tmp_path / "plan.xlsx", tables.plan_2022())
    assert main(["load", str(plan), "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def _count(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT count(*) FROM batches").fetchone()[0]


def test_build_force_refuses_a_held_database_and_keeps_it(db, capsys):
    before = _digest(db)
    with held(db) as holder:
        assert main(["build", "--force", "--db", str(db)]) == 2
        err = capsys.readouterr().err
        assert f"PID {holder.pid}" in err and "Không dựng lại" in err
    assert _digest(db) == before and _count(db) == 1
    assert not Path(str(db) + ".building").exists()


def test_build_force_never_leaves_a_stale_wal(db, capsys):
    # A process killed with uncommitted-to-file work leaves a WAL beside the database.
    code = (f"import duckdb, os, signal; c = duckdb.connect({str(db)!r}); "
            "c.execute('CREATE TABLE extra AS SELECT range AS x FROM range(10)'); "
            "os.kill(os.getpid(), signal.SIGKILL)")
    run = subprocess.run([sys.executable, "-c", code], check=False)
    assert run.returncode == -signal.SIGKILL and wal_of(db).exists()
    assert main(["build", "--force", "--db", str(db)]) == 0
    assert not wal_of(db).exists()
    capsys.readouterr()
    assert main(["history", "--db", str(db)]) == 0
    assert "duc_trong_2022_ke_hoach.xlsx" in capsys.readouterr().out


@pytest.mark.parametrize("target", ["db", "wal", "other_db"])
def test_export_never_overwrites_a_database(db, tmp_path, target, capsys):
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).close()
    out = {"db": db, "wal": wal_of(db), "other_db": other}[target]
    before = {p: _digest(p) for p in (db, other)}
    for fmt in ("csv", "xlsx"):
        assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out)]) == 2
        assert "cơ sở dữ liệu" in capsys.readouterr().err
    assert {p: _digest(p) for p in (db, other)} == before
    assert not wal_of(db).exists()


def test_export_refuses_the_database_by_another_name(db, tmp_path, capsys):
    link = tmp_path / "link.csv"
    os.symlink(db, link)
    before = _digest(db)
    assert main(["export", "--db", str(db), "--out", str(link)]) == 2
    assert _digest(db) == before


@pytest.mark.parametrize("command", [["load", "FILE"], ["export"], ["history"],
                                     ["rollback", "1"]])
def test_db_that_is_a_folder_or_a_text_file_is_refused(tmp_path, command, capsys):
    plan = write_xlsx(tmp_path / "plan.xlsx", tables.plan_2022())
    argv = [str(plan) if a == "FILE" else a for a in command]
    text = tmp_path / "notes.txt"
    text.write_text("không phải cơ sở dữ liệu\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for db, words in ((folder, "là một thư mục"), (text, "không phải cơ sở dữ liệu DuckDB")):
        assert main([*argv, "--db", str(db)]) == 2
        assert words in capsys.readouterr().err
    assert text.read_text(encoding="utf-8") == "không phải cơ sở dữ liệu\n"


def test_path_with_block_in_it_is_not_taken_for_a_lock(tmp_path, capsys):
    folder = tmp_path / "blocks"
    folder.mkdir()
    db = folder / "block.duckdb"
    db.write_text("x", encoding="utf-8")
    assert main(["history", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert "không phải cơ sở dữ liệu DuckDB" in err and "đang được" not in err


@pytest.mark.parametrize(("command", "advice"), [
    (["export"], "đang được chương trình khác mở"),
    (["history"], "đang được chương trình khác mở"),
])
def test_a_lock_held_by_another_program_names_it(db, command, advice, capsys):
    with held(db) as holder:
        assert main([*command, "--db", str(db)]) == 2
        err = capsys.readouterr().err
    assert advice in err and f"PID {holder.pid}" in err
    assert "bảng điều khiển" not in err and "nạp tệp" not in err


def test_a_lock_held_by_another_cli_command_is_not_blamed_on_the_dashboard(db, tmp_path, capsys):
    # A real load holds the file only for the instant of its transaction, too short to meet;
    # this process has the command line of one (`python -m etl load …`) and holds it longer.
    pkg = tmp_path / "fake" / "etl"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "__main__.py").write_text(
        "import duckdb, sys, time\n"
        f"c = duckdb.connect({str(db)!r})\n"
        "print('ok', flush=True)\ntime.sleep(60)\n", encoding="utf-8")
    holder = subprocess.Popen([sys.executable, "-m", "etl", "load", "x.xlsx"],
                              cwd=tmp_path / "fake", stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        assert main(["rollback", "1", "--db", str(db)]) == 2
        err = capsys.readouterr().err
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert "lệnh python -m etl khác" in err and f"PID {holder.pid}" in err
    assert "bảng điều khiển" not in err


def test_disk_full_at_commit_is_a_refusal_naming_it(db, tmp_path, capsys):
    """The WAL on /dev/full: the COMMIT fails with ENOSPC as on a full disk."""
    before = _digest(db)
    os.symlink("/dev/full", wal_of(db))
    plan = tmp_path / "plan.xlsx"
    assert main(["load", str(plan), "--db", str(db), "--period", "2024"]) == 2
    err = capsys.readouterr().err
    assert "hết dung lượng đĩa" in err and "cannot rollback" not in err
    assert main(["rollback", "1", "--db", str(db)]) == 2
    assert "hết dung lượng đĩa" in capsys.readouterr().err
    wal_of(db).unlink()
    assert _digest(db) == before and _count(db) == 1


def test_build_never_replaces_a_folder_or_a_file_that_is_not_a_database(tmp_path, capsys):
    text = tmp_path / "notes.txt"
    text.write_text("ghi chú\n", encoding="utf-8")
    folder = tmp_path / "folder"
    folder.mkdir()
    for target in (text, folder):
        for force in ([], ["--force"]):
            assert main(["build", *force, "--db", str(target)]) == 2
            assert "không phải" in capsys.readouterr().err
    assert text.read_text(encoding="utf-8") == "ghi chú\n" and folder.is_dir()


def test_a_dry_run_beside_the_dashboard_matches_the_seed_catalog_and_says_so(db, tmp_path,
                                                                           capsys):
    """The database's own catalog cannot be read while another program holds the file: a dry
    run (nothing written) still checks the file, against data/indicators.csv, and says so; a
    real load is refused as before."""
    plan = write_xlsx(tmp_path / "plan2.xlsx", tables.plan_2022())
    with held(db):
        assert main(["load", str(plan), "--db", str(db), "--dry-run"]) == 0
        assert "danh mục gốc (data/indicators.csv)" in capsys.readouterr().out
        assert main(["load", str(plan), "--db", str(db)]) == 2
    assert _count(db) == 1
