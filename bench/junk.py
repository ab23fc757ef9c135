"""A file with a plausible header and N rows of unique junk names (none in the catalog), through
the whole load: how long reading and storing take, and how many indicators it creates.

Usage: python bench/junk.py [--rows 30000]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import csv
import random
import string
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from etl import store  # noqa: E402
from etl.accounts import Actor  # noqa: E402
from etl.indicators import Catalog  # noqa: E402
from etl.pipeline import commit, prepare  # noqa: E402


def write_junk(path: Path, rows: int) -> Path:
    rng = random.Random(1)
    lines = [["UBND HUYỆN ĐỨC TRỌNG"], ["CHỈ TIÊU KẾ HOẠCH NĂM 2022"],
             ["STT", "Chỉ tiêu", "ĐVT", "Kế hoạch năm 2022"]]
    lines += [[i, "".join(rng.choices(string.ascii_lowercase, k=12)), "%", rng.randint(1, 99)]
              for i in range(1, rows + 1)]
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(lines)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=30_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chitieu-junk-"))
    path = write_junk(work / "junk.csv", args.rows)
    catalog = Catalog.load()
    start = time.perf_counter()
    prepared = prepare(path, catalog=catalog)
    t_prepare = time.perf_counter() - start
    con = store.connect(work / "junk.duckdb")
    try:
        start = time.perf_counter()
        commit(con, prepared, Actor.local_operator())
        t_store = time.perf_counter() - start
    finally:
        con.close()
    print(f"{args.rows:,} junk rows: read+parse+validate {t_prepare:.2f} s, "
          f"store {t_store:.2f} s, {len(prepared.table.new_indicators):,} new indicators")


if __name__ == "__main__":
    main()
