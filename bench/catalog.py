"""What an admin's catalog change costs: one direction edit and one mapping of an uncatalogued
name (each one transaction that recomputes the current rows of the localities showing the
indicator), and the whole current view with the alias join against the same view without it.

Usage: python bench/catalog.py [--db PATH] [--runs 5]
Works on a copy of the demo database (built when no --db is given); prints ms; asserts nothing.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from etl import catalog_edit, store, store_catalog  # noqa: E402
from etl.accounts import Actor  # noqa: E402
from etl.build import build_database  # noqa: E402
from etl.catalog_edit import Change  # noqa: E402

OPERATOR = Actor.local_operator()
VIEW_WITHOUT_ALIASES = """SELECT count(*) FROM (
    SELECT o.locality_id, o.period, o.indicator_id, max(o.batch_id)
    FROM observations o JOIN batches b ON b.id = o.batch_id WHERE b.state = 'active'
    GROUP BY ALL)"""
VIEW_WITH_ALIASES = """SELECT count(*) FROM (
    SELECT o.locality_id, o.period, coalesce(a.to_id, o.indicator_id), max(o.batch_id)
    FROM observations o JOIN batches b ON b.id = o.batch_id
    LEFT JOIN indicator_aliases a ON a.from_id = o.indicator_id WHERE b.state = 'active'
    GROUP BY ALL)"""


def _ms(action) -> float:
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def _busiest(con, catalogued: bool) -> str:
    return con.execute("SELECT c.indicator_id FROM current_rows c JOIN indicators i "
                       "ON i.id = c.indicator_id WHERE i.catalogued = ? AND i.id NOT IN "
                       "(SELECT from_id FROM indicator_aliases) GROUP BY ALL "
                       "ORDER BY count(*) DESC LIMIT 1", [catalogued]).fetchone()[0]


def _free_target(con, from_id: str) -> str:
    """The busiest catalogued indicator the name shares no place and period with (a mapping
    that would hide a figure is refused)."""
    ids = [r[0] for r in con.execute(
        "SELECT c.indicator_id FROM current_rows c JOIN indicators i ON i.id = c.indicator_id "
        "WHERE i.catalogued GROUP BY ALL ORDER BY count(*) DESC").fetchall()]
    return next(i for i in ids if not store_catalog.shared_keys(con, from_id, i, limit=1))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="chitieu-catalog-"))
    source = args.db or build_database(work / "demo.duckdb")
    db = Path(shutil.copy(source, work / "bench.duckdb"))
    con = store.connect(db)
    try:
        rows = con.execute("SELECT count(*) FROM observations").fetchone()[0]
        target = _busiest(con, True)
        shown = store_catalog.localities_showing(con, target)
        ind = store_catalog.indicator(con, target)[0]
        edits = []
        for n in range(args.runs):
            direction = ("down", "up")[n % 2]
            change = Change(ind.unit, direction, ind.kind, ind.domain, ind.synonyms)
            edits.append(_ms(lambda c=change: catalog_edit.edit_indicator(
                con, target, c, actor=OPERATOR)))
        from_id = _busiest(con, False)
        moved = store_catalog.localities_showing(con, from_id)
        onto = _free_target(con, from_id)
        mapping = _ms(lambda: catalog_edit.map_name(con, from_id, onto, actor=OPERATOR))
        without = statistics.median(_ms(lambda: con.execute(VIEW_WITHOUT_ALIASES).fetchall())
                                    for _ in range(args.runs))
        with_aliases = statistics.median(_ms(lambda: con.execute(VIEW_WITH_ALIASES).fetchall())
                                         for _ in range(args.runs))
    finally:
        con.close()
    print(f"database: {rows:,} observations")
    print(f"edit direction of {target} ({shown[1]} current rows, {len(shown[0])} localities): "
          f"median {statistics.median(edits):.0f} ms over {args.runs}")
    print(f"map {from_id} onto {onto} ({moved[1]} rows, {len(moved[0])} localities): "
          f"{mapping:.0f} ms")
    print(f"current view grouping: {without:.0f} ms without aliases, {with_aliases:.0f} ms with "
          "the alias join (median)")


if __name__ == "__main__":
    main()
