"""Fixtures every test folder shares: the demo database, built once per session from the seed
files in data/seed through the real ETL (as `make run` does), never by hand."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo database (read-only by convention: tests that write use `writable_db`)."""
    from etl.build import build_database

    return build_database(tmp_path_factory.mktemp("demo") / "chitieu.duckdb", force=True)


@pytest.fixture(scope="session")
def demo_ids(demo_db: Path) -> dict[str, str]:
    """Ids of the localities that have data in the demo database, by name."""
    con = duckdb.connect(str(demo_db))
    try:
        return dict(con.execute(
            "SELECT name, id FROM localities WHERE id IN (SELECT locality_id FROM observations)"
        ).fetchall())
    finally:
        con.close()


@pytest.fixture
def writable_db(demo_db: Path, tmp_path: Path) -> Path:
    """A private copy of the demo database for a test that changes data."""
    return Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))


@pytest.fixture
def use_db(monkeypatch: pytest.MonkeyPatch, demo_db: Path) -> Path:
    """Point the dashboard at the demo database."""
    monkeypatch.setenv("CHITIEU_DB", str(demo_db))
    return demo_db
