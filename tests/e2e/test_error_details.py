"""An unexpected error shows visitors a generic box: no traceback, server path or SQL."""

from __future__ import annotations

import duckdb
import pytest

from etl.build import build_database
from tests.e2e.conftest import ROOT, streamlit_server

pytestmark = pytest.mark.e2e


def test_an_unexpected_error_shows_no_details(page, tmp_path):
    db = build_database(tmp_path / "chitieu.duckdb", force=True)
    with duckdb.connect(str(db)) as con:  # a damaged database: a table every page joins is gone
        con.execute("DROP TABLE periods")
    with streamlit_server(db) as url:
        page.goto(f"{url}/du_lieu")
        page.wait_for_selector('[data-testid="stException"]', timeout=30_000)
        shown = page.inner_text('[data-testid="stMain"]')
    assert "Traceback" not in shown and 'File "' not in shown
    assert str(ROOT) not in shown and str(tmp_path) not in shown
    assert "periods" not in shown and "Exception" not in shown
