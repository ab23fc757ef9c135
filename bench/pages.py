"""Server-side time of each dashboard page (AppTest, the real app.py navigation) on the demo
database and on a bigger one: by default a synthetic province (every legacy commune of one
province × the catalog's indicators × 10 periods), with `--national` the whole country
(bench/national.py: every legacy commune × 27 indicators × 10 years, ~2.7 M observations),
both loaded through the real ETL on top of the demo data.

Usage: python bench/pages.py [--province "Lâm Đồng" | --national] [--runs 3]
Prints a table (cold first run, then the median of warm runs, in ms, and the big/demo ratio of
cold runs); asserts nothing.
"""

from __future__ import annotations

import argparse
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
from etl import store  # noqa: E402
from etl.accounts import Actor  # noqa: E402
from etl.build import build_database  # noqa: E402
from etl.indicators import Catalog  # noqa: E402
from etl.localities import catalog_frame  # noqa: E402
from etl.pipeline import commit, prepare  # noqa: E402
from etl.synth import write_synthetic  # noqa: E402

PAGES = ["tong_quan", "tang_truong", "thu_ngan_sach", "ho_ngheo", "dat_chi_tieu", "so_sanh",
         "du_lieu", "nhap_du_lieu", "lich_su"]


def province_db(demo: Path, work: Path, province: str) -> tuple[Path, int, float]:
    """The demo database plus every commune of `province` × all indicators × 10 years."""
    db = work / "province.duckdb"
    shutil.copy(demo, db)
    communes = catalog_frame()
    communes = communes[(communes["tier"] == "xã") & communes["id"].str.startswith("X63-")
                        & communes["province"].str.contains(province, regex=False)]
    indicators = len(Catalog.load().frame())
    book = write_synthetic(work / "province.xlsx", len(communes), indicators, 10,
                           province=province)
    start = time.perf_counter()
    con = store.connect(db)
    try:
        result = commit(con, prepare(book, catalog=Catalog.load()), Actor.local_operator())
        rows = len(con.execute("SELECT 1 FROM observations WHERE batch_id = ?",
                               [result.batch_id]).fetchall())
    finally:
        con.close()
    return db, rows, time.perf_counter() - start


def databases(prefix: str, province: str) -> tuple[Path, Path, Path, int, float]:
    """A work folder with the demo database and the province-sized one built on top of it."""
    work = Path(tempfile.mkdtemp(prefix=prefix))
    demo = build_database(work / "demo.duckdb", force=True)
    big, rows, load_s = province_db(demo, work, province)
    return work, demo, big, rows, load_s


def print_table(first: str, names: list[str], results: dict, heads: tuple[str, str],
                big: str = "big") -> None:
    """One row per name: demo then the big database, each as (first run, later runs), and the
    big/demo ratio of the first runs."""
    cold, warm = heads
    print(f"\n{first:<16}{'demo ' + cold:>12}{'demo ' + warm:>12}{big + ' ' + cold:>14}"
          f"{big + ' ' + warm:>14}{'ratio':>8}   (ms)")
    for name in names:
        (dc, dw), (pc, pw) = results["demo"][name], results["big"][name]
        print(f"{name:<16}{dc:>12.0f}{dw:>12.0f}{pc:>14.0f}{pw:>14.0f}{pc / dc:>8.2f}")


def time_page(name: str, runs: int) -> tuple[float, float]:
    from streamlit.testing.v1 import AppTest

    timings = []
    for _ in range(runs + 1):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
        if name != "tong_quan":
            at.switch_page(f"pages/{name}.py")
        start = time.perf_counter()
        at.run()
        timings.append(time.perf_counter() - start)
        if at.exception:
            raise SystemExit(f"{name}: {at.exception[0].message}")
    return timings[0] * 1000, statistics.median(timings[1:]) * 1000


def bench(db: Path, runs: int) -> dict[str, tuple[float, float]]:
    os.environ["CHITIEU_DB"] = str(db)
    return {name: time_page(name, runs) for name in PAGES}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--province", default="Lâm Đồng")
    parser.add_argument("--national", action="store_true",
                        help="the whole country (bench/national.py), built once and reused")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chitieu-pages-"))
    demo = build_database(work / "demo.duckdb", force=True)
    if args.national:
        big, label = national_db(), "national"
        print(f"national database: {big.stat().st_size / 1e6:.0f} MB")
    else:
        big, rows, load_s = province_db(demo, work, args.province)
        label = "prov"
        print(f"province database: {big.stat().st_size / 1e6:.1f} MB, +{rows:,} observations "
              f"({args.province}), loaded in {load_s:.1f} s")
    print(f"demo database: {demo.stat().st_size / 1e6:.1f} MB")
    results = {"demo": bench(demo, args.runs), "big": bench(big, args.runs)}
    print_table("page", PAGES, results, ("cold", "warm"), label)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
