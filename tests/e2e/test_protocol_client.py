"""bench/protocol.py against the real server: a session opened over Streamlit's own websocket
protocol runs the page its BackMsg names and receives its charts (what `bench/viewers.py
--clients protocol` times), and a page without charts says so."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from bench.protocol import PageRun, open_page


def visit(base: str, path: str) -> PageRun:
    """One session, in a thread of its own: Playwright's sync API (the session's browser)
    keeps an event loop running in the test's thread."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, open_page(base, path, timeout=60)).result()


def test_a_protocol_session_runs_the_named_page_and_gets_its_charts(server):
    growth = visit(server, "/tang_truong")
    assert growth.charts >= 2  # one per sector of the first locality
    assert growth.first_chart_ms is not None
    assert growth.first_chart_ms <= growth.finished_ms


def test_the_query_string_reaches_the_page(server):
    # Huyện Đức Trọng, 6 tháng đầu năm 2023: the budget page draws its three charts
    budget = visit(server, "/thu_ngan_sach?dia_phuong=H63-678&ky=2023-H1")
    assert budget.charts == 3


def test_a_page_without_charts_finishes_with_none(server):
    data = visit(server, "/du_lieu")
    assert data.charts == 0 and data.first_chart_ms is None and data.elements > 0
