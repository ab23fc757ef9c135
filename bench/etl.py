"""Load throughput: a 100,000-row synthetic workbook (long layout) through the whole load
(read → layout → parse → validate → store) against a bare python-calamine read of the same file;
then the 19 real Ministry of Finance appendices in data/real/ (by-province sheets), each loaded
into one database, against a bare calamine read of the same sheets.

Usage: python bench/etl.py [--rows 100000] [--keep DIR] [--real-only]
Prints figures and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from python_calamine import CalamineWorkbook  # noqa: E402

from etl import store  # noqa: E402
from etl.accounts import Actor  # noqa: E402
from etl.indicators import Catalog  # noqa: E402
from etl.pipeline import commit, prepare  # noqa: E402
from etl.synth import write_synthetic  # noqa: E402


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--real-only", action="store_true")
    args = parser.parse_args()
    if args.real_only:
        real_files(args.keep)
        return
    indicators, periods = 50, 10
    localities = max(1, args.rows // (indicators * periods))
    work = args.keep or Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    book = work / "synthetic.xlsx"
    _, t_write = _timed(lambda: write_synthetic(book, localities, indicators, periods))
    rows = localities * indicators * periods
    print(f"workbook: {rows:,} rows ({localities} xã × {indicators} chỉ tiêu × {periods} kỳ), "
          f"{book.stat().st_size / 1e6:.1f} MB, written in {t_write:.1f} s")

    def bare():
        wb = CalamineWorkbook.from_path(str(book))
        return wb.get_sheet_by_index(0).to_python()

    _, t_bare = _timed(bare)
    catalog = Catalog.load()  # outside the timing, as a running server has it
    from etl import localities as loc

    loc.catalog_frame()
    loc.resolve("Huyện Đức Trọng", tier="huyện")  # builds the name index once
    prepared, t_prepare = _timed(lambda: prepare(book, catalog=catalog))
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    con = store.connect(db)
    store.ensure_schema(con)  # an existing database, as in daily use
    con.close()

    def write():
        con = store.connect(db)
        try:
            return commit(con, prepared, Actor.local_operator())
        finally:
            con.close()

    _, t_store = _timed(write)
    total = t_prepare + t_store
    print(f"bare calamine read:      {t_bare:6.2f} s  ({rows / t_bare:10,.0f} rows/s)")
    print(f"read+parse+validate:     {t_prepare:6.2f} s")
    print(f"store (one transaction):    {t_store:6.2f} s")
    print(f"whole load:              {total:6.2f} s  ({rows / total:10,.0f} rows/s)")
    print(f"ratio whole load / bare read: {total / t_bare:.2f}×  (aim: ≤ 3×)")
    real_files(work)


def real_files(work: Path | None) -> None:
    """The MOF appendices as `etl build` loads them: prepare + commit per file, one database."""
    from etl.build import REAL_DIR, seed_manifest

    rows = seed_manifest(REAL_DIR)
    paths = [(REAL_DIR / r["file"], r["sheet"], r["period"]) for r in rows]

    def bare():
        for path, sheet, _ in paths:
            CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()

    bare()  # warm the file cache for both
    _, t_bare = _timed(bare)
    catalog = Catalog.load()
    work = work or Path(tempfile.mkdtemp(prefix="chitieu-bench-"))
    db = work / "real.duckdb"
    db.unlink(missing_ok=True)
    con = store.connect(db)
    store.ensure_schema(con)
    prepare(paths[0][0], catalog=catalog, period=paths[0][2], sheet=paths[0][1])  # index once

    def load():
        return [prepare(p, catalog=catalog, period=period, sheet=sheet)
                for p, sheet, period in paths]

    prepared, t_prepare = _timed(load)
    _, t_store = _timed(lambda: [commit(con, p, Actor.local_operator()) for p in prepared])
    con.close()
    figures = sum(len(p.table.records) for p in prepared)
    total = t_prepare + t_store
    print(f"\nreal MOF files: {len(paths)} sheets, {figures:,} figures")
    print(f"bare calamine read:      {t_bare:6.2f} s")
    print(f"read+parse+validate:     {t_prepare:6.2f} s  ({t_prepare / t_bare:.2f}× the bare read)")
    print(f"store ({len(paths)} transactions): {t_store:6.2f} s")
    print(f"whole load:              {total:6.2f} s  ({total / t_bare:.2f}× the bare read)")


if __name__ == "__main__":
    main()
