"""Build the demo database from the seed files in data/seed/, through the same load path staff
use (prepare → commit), into a temporary file that replaces the target only when complete."""

from __future__ import annotations

import csv
import os
from pathlib import Path

from etl import store
from etl.accounts import Actor
from etl.pipeline import commit, prepare

__all__ = ["SEED_DIR", "seed_manifest", "build_database"]

SEED_DIR = Path(__file__).resolve().parent.parent / "data" / "seed"
SEED_LOADER = Actor.local_operator("dữ liệu mẫu")  # what `loaded_by` says for the demo data


def seed_manifest(seed_dir: Path = SEED_DIR) -> list[dict[str, str]]:
    """Rows of manifest.csv: file, sheet, locality, period (empty = read from the title)."""
    with (seed_dir / "manifest.csv").open(encoding="utf-8-sig", newline="") as handle:
        return [
            {k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(handle)
            if (row.get("file") or "").strip() and not row["file"].startswith("#")
        ]


def build_database(db_path: Path, *, force: bool = False, seed_dir: Path = SEED_DIR) -> Path:
    """Create `db_path` with every seed file loaded, in manifest order."""
    db_path = Path(db_path)
    if db_path.exists() and not force:
        return db_path
    db_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = db_path.with_name(db_path.name + ".building")
    for leftover in (tmp, Path(str(tmp) + ".wal")):
        leftover.unlink(missing_ok=True)
    con = store.connect(tmp)
    try:
        for row in seed_manifest(seed_dir):
            prepared = prepare(
                seed_dir / row["file"], locality=row.get("locality") or None,
                period=row.get("period") or None, sheet=row.get("sheet") or None,
            )
            commit(con, prepared, SEED_LOADER)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    os.replace(tmp, db_path)
    return db_path
