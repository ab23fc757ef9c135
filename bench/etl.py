"""Load throughput, the whole process as staff run it: `python -m etl load FILE` (startup,
imports, read → layout → parse → validate → store, exit) against a process that only reads the
same sheet with python-calamine (startup and import included), on a 100,000-row synthetic
workbook (long layout) into an existing database; then the 19 real Ministry of Finance
appendices in data/real/ (by-province sheets), one `etl load` process each into one database,
against one bare-read process each.

On the workbook each process runs `--repeat` times and the fastest run counts (other work on
the machine only ever slows a run down); the 19 files run once each, their times summed. Wall
time is what staff wait; CPU time (user + system, all threads) is what the machine's load
disturbs least. Also prints where the time goes inside one process (read+parse+validate,
store), as before.

Usage: python bench/etl.py [--rows 100000] [--repeat 3] [--keep DIR] [--real-only]
Prints figures and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl import store  # noqa: E402
from etl.accounts import Actor  # noqa: E402
from etl.indicators import Catalog  # noqa: E402
from etl.pipeline import commit, prepare  # noqa: E402
from etl.synth import write_synthetic  # noqa: E402

BARE = ("import sys; from python_calamine import CalamineWorkbook; "
        "CalamineWorkbook.from_path(sys.argv[1]).get_sheet_by_name(sys.argv[2]).to_python()")


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process(args: list[str], before=None) -> tuple[float, float]:
    """(wall, CPU) seconds of one process; `before` runs first, untimed (a fresh database)."""
    if before:
        before()
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run([sys.executable, *args], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr[-2000:]}")
    return wall, _children_cpu() - cpu


def _fastest(runs: list[tuple[float, float]]) -> tuple[float, float]:
    return min(r[0] for r in runs), min(r[1] for r in runs)


def _empty_database(path: Path) -> None:
    """A database with the schema and catalogs, as in daily use (not the first load ever)."""
    path.unlink(missing_ok=True)
    con = store.connect(path)
    store.ensure_schema(con)
    con.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--real-only", action="store_true")
    args = parser.parse_args()
    _compile_project()
    work = args.keep or Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"load average at start: {', '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"({os.cpu_count()} cores)")
    if not args.real_only:
        synthetic(work, args.rows, args.repeat)
    real_files(work)


def _compile_project() -> None:
    """Bytecode for etl/, as a machine that writes it on first import has (`make bytecode`):
    with PYTHONDONTWRITEBYTECODE set, each timed process would compile the project again."""
    import compileall

    compileall.compile_dir(ROOT / "etl", quiet=2, workers=0)


def synthetic(work: Path, wanted: int, repeat: int) -> None:
    indicators, periods = 50, 10
    localities = max(1, wanted // (indicators * periods))
    book = work / "synthetic.xlsx"
    _, t_write = _timed(lambda: write_synthetic(book, localities, indicators, periods))
    rows = localities * indicators * periods
    print(f"workbook: {rows:,} rows ({localities} xã × {indicators} chỉ tiêu × {periods} kỳ), "
          f"{book.stat().st_size / 1e6:.1f} MB, written in {t_write:.1f} s")
    empty, db = work / "empty.duckdb", work / "bench.duckdb"
    _empty_database(empty)

    def fresh() -> None:
        shutil.copyfile(empty, db)

    sheet = "Số liệu"
    bare = _fastest([_process(["-c", BARE, str(book), sheet]) for _ in range(repeat)])
    load = _fastest([_process(["-m", "etl", "load", str(book), "--db", str(db)], fresh)
                     for _ in range(repeat)])
    print(f"bare calamine read (process): {bare[0]:6.2f} s wall  {bare[1]:6.2f} s CPU")
    print(f"etl load (whole process):     {load[0]:6.2f} s wall  {load[1]:6.2f} s CPU  "
          f"({rows / load[0]:,.0f} rows/s)")
    print(f"ratio whole load / bare read: {load[0] / bare[0]:.2f}× wall, "
          f"{load[1] / bare[1]:.2f}× CPU  (aim: ≤ 2×)")
    _in_process(book, sheet, db, fresh, rows)


def _bare_read(path: Path, sheet: str) -> list[list]:
    """The sheet's cells as python-calamine gives them: the floor of any load."""
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def _in_process(book: Path, sheet: str, db: Path, fresh, rows: int) -> None:
    """Where the time goes, measured inside this process with the catalogs already loaded (as
    a running server has them), against a bare read in the same process: the ratio issue #6
    set its aim on."""
    catalog = Catalog.load()
    from etl import localities as loc

    loc.load_index()
    _, t_bare = min((_timed(lambda: _bare_read(book, sheet)) for _ in range(3)),
                    key=lambda run: run[1])
    prepared, t_prepare = _timed(lambda: prepare(book, catalog=catalog))
    fresh()

    def write():
        con = store.connect(db)
        try:
            return commit(con, prepared, Actor.local_operator())
        finally:
            con.close()

    _, t_store = _timed(write)
    print(f"  in one process, catalogs loaded: read+parse+validate {t_prepare:.2f} s, "
          f"store (one transaction) {t_store:.2f} s ({rows / (t_prepare + t_store):,.0f} rows/s)")
    print(f"  the load in one process / a bare read in it ({t_bare:.2f} s): "
          f"{(t_prepare + t_store) / t_bare:.2f}×  (aim of issue #6: ≤ 3×)")


def real_files(work: Path) -> None:
    """The MOF appendices as staff would load them: one `etl load` process per file, all into
    one database, against one bare-read process per file."""
    from etl.build import REAL_DIR, seed_manifest

    rows = seed_manifest(REAL_DIR)
    paths = [(REAL_DIR / r["file"], r["sheet"], r["period"]) for r in rows]
    empty, db = work / "empty.duckdb", work / "real.duckdb"
    if not empty.exists():
        _empty_database(empty)

    def bare_all() -> tuple[float, float]:
        runs = [_process(["-c", BARE, str(p), sheet]) for p, sheet, _ in paths]
        return sum(r[0] for r in runs), sum(r[1] for r in runs)

    def load_all() -> tuple[float, float]:
        shutil.copyfile(empty, db)
        runs = [_process(["-m", "etl", "load", str(p), "--period", period, "--sheet", sheet,
                          "--db", str(db)]) for p, sheet, period in paths]
        return sum(r[0] for r in runs), sum(r[1] for r in runs)

    bare, load = bare_all(), load_all()
    figures = store.connect(db, read_only=True)
    try:
        count = figures.execute("SELECT count(*) FROM observations").fetchone()[0]
    finally:
        figures.close()
    print(f"\nreal MOF files: {len(paths)} sheets, {count:,} figures, one process each")
    print(f"bare calamine reads:   {bare[0]:6.2f} s wall  {bare[1]:6.2f} s CPU")
    print(f"etl load processes:    {load[0]:6.2f} s wall  {load[1]:6.2f} s CPU  "
          f"({load[0] / bare[0]:.2f}× wall, {load[1] / bare[1]:.2f}× CPU the bare reads)")
    print(f"  per file: {load[0] / len(paths):.2f} s an `etl load`, "
          f"{bare[0] / len(paths):.3f} s a bare read")
    _real_in_process(paths)


def _real_in_process(paths: list[tuple[Path, str, str]]) -> None:
    """The same 19 files read, parsed and validated inside one process (catalogs loaded)."""
    def bare():
        for path, sheet, _ in paths:
            _bare_read(path, sheet)

    bare()  # warm the file cache for both
    _, t_bare = _timed(bare)
    catalog = Catalog.load()
    prepare(paths[0][0], catalog=catalog, period=paths[0][2], sheet=paths[0][1])  # index once
    _, t_prepare = _timed(lambda: [prepare(p, catalog=catalog, period=period, sheet=sheet)
                                   for p, sheet, period in paths])
    print(f"  in one process: bare reads {t_bare:.3f} s, read+parse+validate {t_prepare:.2f} s")


if __name__ == "__main__":
    main()
