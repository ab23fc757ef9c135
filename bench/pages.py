"""Server-side time of each dashboard page (AppTest, the real app.py navigation) on the demo
database and on a bigger one: by default a synthetic province (every legacy commune of one
province × the catalog's indicators × 10 periods), with `--national` the whole country
(bench/national.py: every legacy commune × 27 indicators × 10 years, ~2.7 M observations),
both loaded through the real ETL on top of the demo data.

Usage: python bench/pages.py [--province "Lâm Đồng" | --national] [--runs 3]
Prints a table (the median of cold runs, each after forgetting every cache and the database
connections, then the median of warm runs, in ms, and the big/demo ratio of cold runs; the two
databases take turns run by run); asserts nothing. The first page run of a process also pays
one-time imports (Streamlit's emoji table on the first segmented control): one untimed run of
every page comes first.
"""

from __future__ import annotations

import argparse
import functools
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
         "du_lieu", "nhap_du_lieu", "lich_su", "trinh_chieu"]


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


def _cold(dbs: list[Path]) -> None:
    """Forget what a running server remembers: every cached query and figure, and the database
    connections (closed, so DuckDB's buffers go too): the next run is a first visit."""
    import streamlit as st

    from dashboard import db

    for path in dbs:
        os.environ["CHITIEU_DB"] = str(path)
        db.connection().close()
    st.cache_data.clear()
    st.cache_resource.clear()


@functools.cache
def _components() -> object:
    """Streamlit's registry of installed components, scanned once as a server does at start.
    A new AppTest scans every installed package's metadata on its first run (0,15–0,2 s, the
    same on any database): left in, it is most of a cold run of a small page and hides what
    the page itself costs."""
    from streamlit.components.v2.component_manager import BidiComponentManager

    components = BidiComponentManager()
    components.discover_and_register_components(start_file_watching=False)
    return components


def _page_run(name: str, address: dict[str, str] | None = None) -> float:
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at._bidi_component_manager = _components()  # private; AppTest scans again without it
    if name != "tong_quan":
        at.switch_page(f"pages/{name}.py")
    for key, value in (address or {}).items():
        at.query_params[key] = value
    start = time.perf_counter()
    at.run()
    took = time.perf_counter() - start
    if at.exception:
        raise SystemExit(f"{name}: {at.exception[0].message}")
    return took


def bench(dbs: dict[str, Path], runs: int, address: dict[str, str] | None = None
          ) -> dict[str, dict[str, tuple[float, float]]]:
    """Per database, per page: the median of `runs` cold runs (each after `_cold`) and of as
    many warm ones, in ms. The databases take turns run by run, so a moment when another
    process has the CPU (one run of a page is a few hundred ms, which that can double) falls
    on both sides of a ratio alike."""
    for path in dbs.values():  # the process's one-time imports, paid before anything is timed
        os.environ["CHITIEU_DB"] = str(path)
        for name in PAGES:
            _page_run(name)
    times = {label: {name: ([], []) for name in PAGES} for label in dbs}
    for name in PAGES:
        for _ in range(runs):
            for label, path in dbs.items():
                _cold(list(dbs.values()))
                os.environ["CHITIEU_DB"] = str(path)
                cold, warm = times[label][name]
                cold.append(_page_run(name, address))
                warm.append(_page_run(name, address))
    return {label: {name: (statistics.median(c) * 1000, statistics.median(w) * 1000)
                    for name, (c, w) in pages.items()} for label, pages in times.items()}


def opened_place(db: Path) -> str:
    """The locality a first visit to Tổng quan shows on `db` (its address after the run)."""
    from streamlit.testing.v1 import AppTest

    os.environ["CHITIEU_DB"] = str(db)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300).run()
    return str(at.query_params["dia_phuong"])


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
    dbs = {"demo": demo, "big": big}
    results = bench(dbs, args.runs)
    print("\nA first visit (each database opens on its locality with the most results, which "
          "on the bigger one is one with more years of data):")
    print_table("page", PAGES, results, ("cold", "warm"), label)
    place = {"dia_phuong": opened_place(demo)}
    results = bench(dbs, args.runs, place)
    print(f"\nThe same place on both (?dia_phuong={place['dia_phuong']}): what the country's "
          "size alone costs:")
    print_table("page", PAGES, results, ("cold", "warm"), label)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
