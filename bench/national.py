"""The national benchmark database: the demo plus every legacy commune × 27 catalog indicators ×
10 years (about 2.7 M observations), loaded through the real ETL one CSV per province (each under
the upload size limit), as staff in 63 provinces would. Built once into bench/out/ and reused.

Usage: python bench/national.py [--out bench/out/national.duckdb] [--force]
Prints what it built and how long each part took; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl import store, store_catalog  # noqa: E402
from etl.accounts import Actor  # noqa: E402
from etl.build import build_database  # noqa: E402
from etl.localities import catalog_frame  # noqa: E402
from etl.pipeline import commit, prepare  # noqa: E402
from etl.synth import write_synthetic  # noqa: E402

OUT = ROOT / "bench" / "out"
INDICATORS, YEARS = 27, 10


def legacy_provinces() -> list[str]:
    """Province names of the legacy (63-province) communes, in catalog order."""
    frame = catalog_frame()
    communes = frame[(frame["tier"] == "xã") & frame["id"].str.startswith("X63-")]
    return list(dict.fromkeys(communes["province"]))


def national_db(out: Path = OUT / "national.duckdb", *, force: bool = False) -> Path:
    """Build (or reuse) the national database; returns its path."""
    if out.exists() and not force:
        return out
    out.parent.mkdir(parents=True, exist_ok=True)
    work = out.parent / "national-csv"
    work.mkdir(exist_ok=True)
    building = out.with_name(out.name + ".building")
    building.unlink(missing_ok=True)
    build_database(building, force=True)
    start = time.perf_counter()
    con = store.connect(building)
    try:
        catalog = store_catalog.catalog(con)  # the live catalog of the database written to
        for number, province in enumerate(legacy_provinces(), 1):
            csv_file = write_synthetic(work / f"tinh_{number:02d}.csv", 100_000, INDICATORS,
                                       YEARS, province=province)
            commit(con, prepare(csv_file, catalog=catalog), Actor.local_operator())
            print(f"  {number:2d} {province}: {csv_file.stat().st_size / 1e6:5.1f} MB",
                  flush=True)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    shutil.rmtree(work, ignore_errors=True)
    building.replace(out)
    print(f"national database {out}: {out.stat().st_size / 1e6:.0f} MB, loaded in "
          f"{time.perf_counter() - start:.0f} s")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=OUT / "national.duckdb")
    parser.add_argument("--force", action="store_true")
    args = parser.parse_args()
    national_db(args.out, force=args.force)


if __name__ == "__main__":
    main()
