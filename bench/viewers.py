"""Many viewers at once: time from opening a page to its first drawn chart for one browser
alone, then for N browsers (fresh contexts, no cache) opening pages at the same moment, against
the real `streamlit run` server on the demo or the national database (bench/national.py).

Usage: python bench/viewers.py [--viewers 10] [--national]
Prints each viewer's milliseconds, the median and worst, the ratio to one viewer alone
(aim: ≤ 2×) and the machine's load around the run; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.national import national_db  # noqa: E402
from etl.build import build_database  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, streamlit_server  # noqa: E402

PAGES = ["/", "/tang_truong", "/thu_ngan_sach", "/ho_ngheo", "/dat_chi_tieu", "/so_sanh"]
DRAWN = """() => {
    const running = document.querySelector('[data-testid="stStatusWidget"]');
    return !running && document.querySelectorAll('.js-plotly-plot .main-svg').length >= 1;
}"""


async def first_chart_ms(browser, url: str) -> float:
    context = await browser.new_context(viewport={"width": 1366, "height": 768})
    page = await context.new_page()
    start = time.perf_counter()
    # Not until the 'load' event: under ten viewers the app's scripts take longer than
    # Playwright's 30 s to arrive, and the first chart is what is timed anyway.
    await page.goto(url, wait_until="commit", timeout=180_000)
    await page.wait_for_function(DRAWN, timeout=180_000)
    elapsed = (time.perf_counter() - start) * 1000
    await context.close()
    return elapsed


def server_cpu_s(base: str) -> float:
    """CPU seconds (user + system) the Streamlit process serving `base` has used so far, from
    /proc (Linux): what tells the server's share of a slow first chart from the browsers'."""
    port = base.rsplit(":", 1)[1]
    for proc in Path("/proc").iterdir():
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
            if b"streamlit" in b" ".join(command) and port.encode() in command:
                fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            continue
    return float("nan")


async def measure(base: str, viewers: int) -> tuple[list[float], list[float], tuple[float, float]]:
    """First-chart times alone (each page in turn) and together, and the server's CPU seconds
    per viewer in each phase."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                                   args=CHROMIUM_ARGS)
        await first_chart_ms(browser, base + "/")  # the server's own first run, not measured
        cpu = server_cpu_s(base)
        alone = [await first_chart_ms(browser, base + path) for path in PAGES]
        cpu_alone, cpu = (server_cpu_s(base) - cpu) / len(PAGES), server_cpu_s(base)
        together = await asyncio.gather(*(
            first_chart_ms(browser, base + PAGES[i % len(PAGES)]) for i in range(viewers)))
        cpu_together = (server_cpu_s(base) - cpu) / viewers
        await browser.close()
    return alone, list(together), (cpu_alone, cpu_together)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--viewers", type=int, default=10)
    parser.add_argument("--national", action="store_true")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chitieu-viewers-"))
    db = national_db() if args.national else build_database(work / "demo.duckdb", force=True)
    load_before = os.getloadavg()[0]
    with streamlit_server(db, timeout=300) as base:
        alone, together, (cpu_alone, cpu_together) = asyncio.run(measure(base, args.viewers))
    one = statistics.median(alone)
    # The machine may be shared: the ratio compares runs made back to back under the same load.
    print(f"database: {db.name}; pages: {', '.join(PAGES)}; machine load (1 min) "
          f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after, {os.cpu_count()} cores")
    print("one viewer alone (ms):   " + " ".join(f"{v:.0f}" for v in alone)
          + f"   median {one:.0f}")
    print(f"{args.viewers} viewers at once (ms): " + " ".join(f"{v:.0f}" for v in together))
    print(f"median {statistics.median(together):.0f}, worst {max(together):.0f}; "
          f"worst / one alone: {max(together) / one:.2f}×  (aim: ≤ 2×)")
    print(f"server CPU per viewer: {cpu_alone:.2f} s alone, {cpu_together:.2f} s at once "
          "(the rest of the wait is the browsers' own work and the machine's other load)")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
