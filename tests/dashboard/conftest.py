"""Dashboard-only fixtures; the demo database itself comes from tests/conftest.py."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest


@pytest.fixture
def staff_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the demo database with the accounts of tests/dashboard/logins.py, and
    the dashboard pointed at it."""
    from tests.dashboard.logins import add_accounts

    path = Path(shutil.copy(demo_db, tmp_path / "chitieu.duckdb"))
    add_accounts(path)
    monkeypatch.setenv("CHITIEU_DB", str(path))
    return path
