"""Two people pressing Ghi (or Hoàn tác) at the same moment: threads calling the dashboard's write
path on a real DuckDB file, as Streamlit runs two sessions' callbacks. Both saves land in order,
exactly one of two undos of a batch succeeds, and no DuckDB exception reaches the page."""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from dashboard import auth, upload
from dashboard import db as dashboard_db
from etl.accounts import Actor
from etl.dbfile import wal_of
from tests.dashboard.logins import add_accounts
from tests.etl import tables
from tests.workbook import write_xlsx

APP = Path(__file__).resolve().parents[2] / "app.py"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STAFF = Actor("ductrong", via="web")  # an account of tests/dashboard/logins.py

@pytest.fixture
def db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    add_accounts(path)
    monkeypatch.setenv("CHITIEU_DB", str(path))
    yield path
    dashboard_db.connection().close()
    dashboard_db._connect.clear()


def _together(*calls: Callable[[], object]) -> list[object]:
    """Run the calls in threads released at the same instant; results or raised exceptions."""
    start = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i: int, call: Callable[[], object]) -> None:
        start.wait()
        try:
            results[i] = call()
        except Exception as err:  # noqa: BLE001 - the test reports what each caller got
            results[i] = err

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _plan(tmp_path: Path, name: str, period: str, value: str) -> upload.Prepared:
    rows = [r[:] for r in tables.plan_2022()]
    for row in rows:
        if row[1] == "Tỷ lệ hộ nghèo":
            row[3] = value
    path = write_xlsx(tmp_path / name, rows)
    return upload.prepare_upload(path, name, period=period)


def _batches(db: Path) -> list[tuple[int, str]]:
    with duckdb.connect(str(db)) as con:  # the dashboard's settings: its shared instance
        return con.execute("SELECT id, state FROM batches ORDER BY id").fetchall()


@pytest.mark.parametrize("rounds", range(3))
def test_two_new_files_for_one_new_period_both_land_in_order(db, tmp_path, rounds):
    before = len(_batches(db))
    first = _plan(tmp_path, "a.xlsx", "2024-Q1", "0,2")
    second = _plan(tmp_path, "b.xlsx", "2024-Q1", "0,1")
    results = _together(lambda: upload.write(first, STAFF), lambda: upload.write(second, STAFF))
    assert not [r for r in results if isinstance(r, Exception)], results
    ids = sorted(r.batch_id for r in results)
    batches = _batches(db)
    assert len(batches) == before + 2
    # The later save replaces the earlier (same figures again); the earlier stays in history.
    assert dict(batches)[ids[0]] == "replaced" and dict(batches)[ids[1]] == "active"


@pytest.mark.parametrize("rounds", range(3))
def test_two_corrections_of_one_batch_both_land_in_order(db, tmp_path, rounds):
    base = upload.write(_plan(tmp_path, "base.xlsx", "2024-Q2", "0,3"), STAFF)
    first = _plan(tmp_path, "c1.xlsx", "2024-Q2", "0,2")
    second = _plan(tmp_path, "c2.xlsx", "2024-Q2", "0,1")
    results = _together(lambda: upload.write(first, STAFF), lambda: upload.write(second, STAFF))
    assert not [r for r in results if isinstance(r, Exception)], results
    states = dict(_batches(db))
    assert states[base.batch_id] == "replaced"
    assert sorted(states[r.batch_id] for r in results) == ["active", "replaced"]


@pytest.mark.parametrize("rounds", range(3))
def test_two_undos_of_one_batch_exactly_one_succeeds(db, tmp_path, rounds):
    batch = upload.write(_plan(tmp_path, "u.xlsx", "2024-Q3", "0,3"), STAFF).batch_id
    results = _together(lambda: upload.undo(batch, STAFF), lambda: upload.undo(batch, STAFF))
    done = [r for r in results if isinstance(r, list)]
    refused = [r for r in results if isinstance(r, upload.Refused)]
    assert len(done) == 1 and len(refused) == 1, results
    assert "đã được hoàn tác" in refused[0].message
    assert dict(_batches(db))[batch] == "rolled_back"


def test_disk_full_on_save_is_a_message_and_nothing_is_written(db, tmp_path):
    """The WAL on /dev/full: every write fails with ENOSPC at COMMIT, as on a full disk."""
    from streamlit.testing.v1 import AppTest

    before = _batches(db)
    os.symlink("/dev/full", wal_of(db))
    at = AppTest.from_file(str(APP), default_timeout=60)
    at.switch_page("pages/nhap_du_lieu.py")
    # Logged in as the login form leaves the session (the form itself writes the audit log,
    # which this full disk would refuse before the save under test).
    at.session_state[auth.SESSION_KEY] = {"name": "ductrong", "last_seen": datetime.now()}
    at.run()
    plan = write_xlsx(tmp_path / "day.xlsx", tables.revised_budget(tables.plan_2022()))
    at.file_uploader(key="tep").upload("day.xlsx", plan.read_bytes(), XLSX)
    at.run()
    next(b for b in at.button if b.label == "Ghi vào cơ sở dữ liệu").click().run()
    assert not at.exception, [e.message for e in at.exception]
    message = at.error[0].value
    assert "hết dung lượng đĩa" in message and "cannot rollback" not in message
    assert not at.success
    dashboard_db.connection().close()
    dashboard_db._connect.clear()
    wal_of(db).unlink()
    assert _batches(db) == before
