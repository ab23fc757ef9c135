"""Another process holding a database file open, as the dashboard does, for the tests of what
the CLI says and refuses while a file is in use."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def held(db: Path, *argv: str) -> Iterator[subprocess.Popen]:
    """Another process with `db` open read-write, started as `python *argv`."""
    code = (f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); "
            "time.sleep(60)")
    holder = subprocess.Popen([sys.executable, *argv, "-c", code], stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "ok"
        yield holder
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
