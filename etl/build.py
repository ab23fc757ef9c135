"""Build the demo database from the seed files in data/seed/ and the Ministry of Finance budget
appendices in data/real/, through the same load path staff use (prepare → commit), into a
temporary file that replaces the target only when complete."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from etl import dbfile, store, store_catalog
from etl.accounts import Actor
from etl.pipeline import commit, prepare

__all__ = ["SEED_DIR", "REAL_DIR", "DEMO_DIRS", "seed_manifest", "build_database"]

SEED_DIR = Path(__file__).resolve().parent.parent / "data" / "seed"
REAL_DIR = SEED_DIR.parent / "real"   # the Ministry of Finance budget appendices, 2004–2016
DEMO_DIRS = (SEED_DIR, REAL_DIR)
SEED_LOADER = Actor.local_operator("dữ liệu mẫu")  # what `loaded_by` says for the demo data


def seed_manifest(seed_dir: Path = SEED_DIR) -> list[dict[str, str]]:
    """Rows of manifest.csv: file, sheet, locality, period (empty = read from the title),
    source (who published the document, shown beside the file name) and unit (for a table
    that states none, as the other years of its series do)."""
    with (seed_dir / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(handle)
            if (row.get("file") or "").strip() and not row["file"].startswith("#")
        ]


def build_database(db_path: Path, *, force: bool = False,
                   seed_dirs: tuple[Path, ...] = DEMO_DIRS) -> Path:
    """Create `db_path` with every file of each folder's manifest loaded, in manifest order.

    With `force` an existing file is replaced, but never under a program that has it open (the
    dashboard): the file is held exclusively while it is rebuilt and swapped, a held file is a
    refusal, and the old file's WAL goes with it (a stale WAL beside a new file breaks it). A
    folder or a file that is not a DuckDB database is never replaced.
    """
    db_path = Path(db_path)
    foreign = db_path.is_file() and db_path.stat().st_size and not dbfile.is_database_file(db_path)
    if db_path.is_dir() or foreign:
        raise dbfile.open_failure(db_path, OSError(), "build")
    if db_path.exists() and not force:
        return db_path
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(db_path.name + ".building")
    with dbfile.exclusive(db_path, "build"):
        for leftover in (tmp, dbfile.wal_of(tmp)):
            leftover.unlink(missing_ok=True)
        try:
            _load_seeds(tmp, seed_dirs)
        except BaseException:
            for leftover in (tmp, dbfile.wal_of(tmp)):
                leftover.unlink(missing_ok=True)
            raise
        dbfile.wal_of(db_path).unlink(missing_ok=True)
        os.replace(tmp, db_path)
    return db_path


def _load_seeds(path: Path, seed_dirs: tuple[Path, ...]) -> None:
    con = store.connect(path, command="build")
    try:
        store.upgrade(con)  # seeds the catalog the files are matched against
        catalog = store_catalog.catalog(con)
        for folder in seed_dirs:
            for row in seed_manifest(folder):
                prepared = prepare(
                    folder / row["file"], catalog=catalog, locality=row.get("locality") or None,
                    period=row.get("period") or None, sheet=row.get("sheet") or None,
                    source=row.get("source") or None, unit=row.get("unit") or None,
                )
                commit(con, prepared, SEED_LOADER)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    if dbfile.wal_of(path).exists():  # everything is checkpointed: a WAL left means a failure
        raise RuntimeError(f"{dbfile.wal_of(path)} remains after CHECKPOINT")
