"""Time from opening the app in Chromium to the first chart drawn, on the demo database and on
a province-sized one (see bench/pages.py), against the real `streamlit run` server.

Usage: python bench/browser.py [--province "Lâm Đồng"] [--runs 3]
Prints milliseconds from navigation start to the first Plotly chart; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pages import databases, print_table  # noqa: E402
from tests.e2e.conftest import chromium, streamlit_server, wait_until_drawn  # noqa: E402

VIEWS = {"Tổng quan": "/", "Tăng trưởng": "/tang_truong", "Thu ngân sách": "/thu_ngan_sach"}


def first_chart_ms(browser, url: str) -> float:
    """A fresh browser context (no cache): navigation start to the first drawn chart."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url)
    wait_until_drawn(page, timeout=120_000)
    elapsed = (time.perf_counter() - start) * 1000
    context.close()
    return elapsed


def measure(db: Path, runs: int) -> dict[str, tuple[float, float]]:
    results = {}
    with streamlit_server(db) as base, chromium() as browser:
        for name, path in VIEWS.items():
            times = [first_chart_ms(browser, base + path) for _ in range(runs + 1)]
            results[name] = (times[0], statistics.median(times[1:]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", default="Lâm Đồng")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work, demo, big, rows, _ = databases("chitieu-browser-", args.province)
    table = {"demo": measure(demo, args.runs), "big": measure(big, args.runs)}
    print(f"province database: +{rows:,} observations ({args.province})")
    print_table("to first chart", list(VIEWS), table, ("first", "next"), "prov")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
