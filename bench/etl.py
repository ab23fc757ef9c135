"""Load throughput: a 100,000-row synthetic workbook (long layout) through the whole load
(read → layout → parse → validate → store) against a bare python-calamine read of the same file.

Usage: python bench/etl.py [--rows 100000] [--keep DIR]
Prints figures and the ratio; asserts nothing.
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
from etl.pipeline import catalog, commit, prepare  # noqa: E402
from etl.synth import write_synthetic  # noqa: E402


def _timed(fn):
    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--keep", type=Path)
    args = parser.parse_args()
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
    catalog()  # load the catalogs outside the timing, as a running server has them
    from etl import localities as loc

    loc.catalog_frame()
    loc.resolve("Huyện Đức Trọng", tier="huyện")  # builds the name index once
    prepared, t_prepare = _timed(lambda: prepare(book))
    db = work / "bench.duckdb"
    db.unlink(missing_ok=True)
    con = store.connect(db)
    store.ensure_schema(con, catalog())  # an existing database, as in daily use
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


if __name__ == "__main__":
    main()
