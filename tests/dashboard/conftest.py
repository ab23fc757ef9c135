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


@pytest.fixture
def page(use_db, demo_ids):
    """Run a page (tests.dashboard.test_pages.run) with query parameters; locality names in
    the parameters become ids."""
    from tests.dashboard.test_pages import run

    def open_page(name: str, **params: str | list[str]) -> object:
        return run(name, **{key: as_ids(value, demo_ids) for key, value in params.items()})

    return open_page


def as_ids(value: str | list[str], ids: dict[str, str]) -> str | list[str]:
    """Locality names among query parameter values as their ids."""
    if isinstance(value, list):
        return [ids.get(v, v) for v in value]
    return ids.get(value, value)
