"""The real dashboard holds its database: the CLI refuses to load into it or rebuild it (exit
2), names the dashboard and its PID, and leaves the file and the running server intact."""

from __future__ import annotations

import hashlib
import subprocess
import sys

import pytest

from etl.build import build_database
from tests.e2e.conftest import ROOT, streamlit_server, wait_until_drawn
from tests.etl import tables
from tests.workbook import write_xlsx

pytestmark = pytest.mark.e2e


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "etl", *args], cwd=ROOT, capture_output=True,
                          text=True, check=False)


def test_cli_refuses_a_database_the_dashboard_holds(page, tmp_path):
    db = build_database(tmp_path / "chitieu.duckdb", force=True)
    plan = write_xlsx(tmp_path / "plan.xlsx", tables.plan_2022())
    with streamlit_server(db) as url:
        page.goto(url)
        wait_until_drawn(page)  # a session has run: the server holds the file
        before = hashlib.sha256(db.read_bytes()).hexdigest()
        for args, advice in ((["load", str(plan)], "trang Nhập dữ liệu"),
                             (["build", "--force"], "Không dựng lại"),
                             (["export"], "trang Dữ liệu")):
            run = _cli(*args, "--db", str(db))
            assert run.returncode == 2, run.stderr
            assert "bảng điều khiển Chỉ Tiêu (Streamlit, PID" in run.stderr
            assert advice in run.stderr
        assert hashlib.sha256(db.read_bytes()).hexdigest() == before
        assert not (tmp_path / "chitieu.duckdb.building").exists()
        page.reload()
        wait_until_drawn(page)
        assert page.locator('[data-testid="stException"]').count() == 0
