"""The catalog a new database is seeded with (data/indicators.csv), and `prepare` against it:
what a file is matched against before any admin edits the catalog — the tests that load into a
fresh database or a copy of the demo one (built from the same seed)."""

from __future__ import annotations

from pathlib import Path

from etl import pipeline
from etl.indicators import Catalog

SEED = Catalog.load()


def prepare(path: Path, **options) -> pipeline.Prepared:
    """`pipeline.prepare` with the seed catalog passed explicitly."""
    return pipeline.prepare(path, catalog=SEED, **options)
