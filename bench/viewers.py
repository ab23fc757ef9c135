"""Many viewers at once: time from opening a page to its first chart for one viewer alone, then
for N viewers opening pages at the same moment, against the real `streamlit run` server on the
demo or the national database (bench/national.py).

Usage: python bench/viewers.py [--viewers 10] [--national] [--clients browser|protocol]
                               [--rounds 3] [--profile DIR]
`--clients browser` (the default) drives Chromium (fresh contexts, no cache) to the first drawn
chart: on the server's own machine the browsers' drawing dominates. `--clients protocol` opens
Streamlit sessions with a light websocket client (bench/protocol.py) to the first Plotly chart
the server sends and to the end of the run: the server's side alone. It measures each page
twice alone (the first visit, when this data version's caches are empty, then again), N at once
on a server just started (empty caches) and N at once again, `--rounds` times; `--profile DIR`
writes a cProfile of every script run of the server into DIR (protocol mode).
Prints each viewer's milliseconds, the median and worst, the ratio to one viewer alone
(aim: ≤ 2×), the server's CPU per viewer and the machine's load around the run; asserts nothing.
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
from bench.protocol import PageRun, open_page  # noqa: E402
from etl.build import build_database  # noqa: E402
from tests.e2e.conftest import CHROMIUM_ARGS, streamlit_server  # noqa: E402

PAGES = ["/", "/tang_truong", "/thu_ngan_sach", "/ho_ngheo", "/dat_chi_tieu", "/so_sanh"]
WARM_UP = "/du_lieu"  # the server's own first run (imports, the database), on no measured page
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


def shown_ms(run: PageRun) -> float:
    """When the viewer sees its first chart (the end of the run on a page that drew none)."""
    return run.first_chart_ms if run.first_chart_ms is not None else run.finished_ms


async def timed_runs(base: str, paths: list[str], *, at_once: bool) -> tuple[list[PageRun], float]:
    """Sessions opening `paths` in turn or all at once, and the server's CPU seconds per
    session over the phase."""
    cpu = server_cpu_s(base)
    if at_once:
        runs = list(await asyncio.gather(*(open_page(base, path) for path in paths)))
    else:
        runs = [await open_page(base, path) for path in paths]
    return runs, (server_cpu_s(base) - cpu) / len(paths)


PHASES = ("alone, first visit", "alone, again", "at once, first visit", "at once, again")


async def warm_server_phases(base: str, viewers: int) -> dict[str, tuple[list[PageRun], float]]:
    """On a server that has run only WARM_UP: each page alone (its first visit, then again),
    then `viewers` sessions at once with this data version's caches filled."""
    await open_page(base, WARM_UP)
    many = [PAGES[i % len(PAGES)] for i in range(viewers)]
    return {PHASES[0]: await timed_runs(base, PAGES, at_once=False),
            PHASES[1]: await timed_runs(base, PAGES, at_once=False),
            PHASES[3]: await timed_runs(base, many, at_once=True)}


async def cold_server_phase(base: str, viewers: int) -> tuple[list[PageRun], float]:
    """`viewers` sessions at once on a server that has run only WARM_UP: every page's first
    visit, as after an import."""
    await open_page(base, WARM_UP)
    return await timed_runs(base, [PAGES[i % len(PAGES)] for i in range(viewers)], at_once=True)


def profiling_env(out: Path) -> None:
    """Make the Streamlit servers started from now on write a cProfile of each script run
    into `out` (a sitecustomize on PYTHONPATH wraps ScriptRunner._run_script; cProfile sees
    only the thread it runs in, and each session's script runs in its own thread). Times are
    the thread's CPU: with ten sessions at once, wall time would count the wait for the GIL."""
    out.mkdir(parents=True, exist_ok=True)
    hook = Path(tempfile.mkdtemp(prefix="chitieu-profile-"))
    (hook / "sitecustomize.py").write_text(PROFILE_HOOK)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        [str(hook), *filter(None, [os.environ.get("PYTHONPATH")])])
    os.environ["CHITIEU_BENCH_PROFILE"] = str(out.resolve())


PROFILE_HOOK = """
import cProfile, itertools, os, time
from streamlit.runtime.scriptrunner import script_runner

_OUT, _COUNT = os.environ["CHITIEU_BENCH_PROFILE"], itertools.count()
_run_script = script_runner.ScriptRunner._run_script


def _profiled(self, rerun_data):
    profile = cProfile.Profile(time.thread_time)  # the thread's CPU, not the GIL's queue
    profile.enable()
    try:
        return _run_script(self, rerun_data)
    finally:
        profile.disable()
        profile.dump_stats(os.path.join(_OUT, f"run-{os.getpid()}-{next(_COUNT)}.prof"))


script_runner.ScriptRunner._run_script = _profiled
"""


def protocol_main(db: Path, viewers: int, rounds: int) -> None:
    """Each round on fresh servers, so alone and at once run back to back under the same load."""
    results: dict[str, list[tuple[list[PageRun], float]]] = {phase: [] for phase in PHASES}
    for _ in range(rounds):
        with streamlit_server(db, timeout=300) as base:
            for phase, figures in asyncio.run(warm_server_phases(base, viewers)).items():
                results[phase].append(figures)
        with streamlit_server(db, timeout=300) as base:
            results[PHASES[2]].append(asyncio.run(cold_server_phase(base, viewers)))
    print("first chart per session (ms), rounds split by |; then the run's end")
    for phase in PHASES:
        times = [shown_ms(run) for runs, _ in results[phase] for run in runs]
        ends = [run.finished_ms for runs, _ in results[phase] for run in runs]
        cpu = statistics.median(cpu for _, cpu in results[phase])
        print(f"{phase:22}: " + " | ".join(
            " ".join(f"{shown_ms(run):.0f}" for run in runs) for runs, _ in results[phase]))
        print(f"{'':22}  median {statistics.median(times):.0f}, worst {max(times):.0f}; run "
              f"ends median {statistics.median(ends):.0f}, worst {max(ends):.0f}; "
              f"server CPU per viewer {cpu:.2f} s")
    for alone, together in ((PHASES[0], PHASES[2]), (PHASES[1], PHASES[3])):
        one = statistics.median(shown_ms(run) for runs, _ in results[alone] for run in runs)
        worst = [max(map(shown_ms, runs)) / one for runs, _ in results[together]]
        print(f"worst {together} / median {alone}: "
              + " ".join(f"{ratio:.2f}×" for ratio in worst) + "  (aim: ≤ 2×)")


def browser_main(db: Path, viewers: int) -> None:
    with streamlit_server(db, timeout=300) as base:
        alone, together, (cpu_alone, cpu_together) = asyncio.run(measure(base, viewers))
    one = statistics.median(alone)
    # The machine may be shared: the ratio compares runs made back to back under the same load.
    print("one viewer alone (ms):   " + " ".join(f"{v:.0f}" for v in alone)
          + f"   median {one:.0f}")
    print(f"{viewers} viewers at once (ms): " + " ".join(f"{v:.0f}" for v in together))
    print(f"median {statistics.median(together):.0f}, worst {max(together):.0f}; "
          f"worst / one alone: {max(together) / one:.2f}×  (aim: ≤ 2×)")
    print(f"server CPU per viewer: {cpu_alone:.2f} s alone, {cpu_together:.2f} s at once "
          "(the rest of the wait is the browsers' own work and the machine's other load)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--viewers", type=int, default=10)
    parser.add_argument("--national", action="store_true")
    parser.add_argument("--clients", choices=["browser", "protocol"], default="browser")
    parser.add_argument("--rounds", type=int, default=3, help="protocol mode: rounds of phases")
    parser.add_argument("--profile", type=Path, help="protocol mode: cProfile files into DIR")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chitieu-viewers-"))
    db = national_db() if args.national else build_database(work / "demo.duckdb", force=True)
    if args.profile:
        profiling_env(args.profile)
    load_before = os.getloadavg()[0]
    if args.clients == "protocol":
        protocol_main(db, args.viewers, args.rounds)
    else:
        browser_main(db, args.viewers)
    print(f"database: {db.name}; pages: {', '.join(PAGES)}; {args.clients} clients; machine "
          f"load (1 min) {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, "
          f"{os.cpu_count()} cores")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
