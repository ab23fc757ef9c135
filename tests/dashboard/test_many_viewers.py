"""What many viewers opening pages at the same moment share in one server process: the one
DuckDB connection (each query on its own cursor) and the caches."""

from __future__ import annotations

import threading

from dashboard import db


def test_many_sessions_check_the_database_at_once(use_db):
    """Every page run starts with the database check; ten viewers run it at the same moment
    and none of them gets 'connection is busy' (it once failed one viewer in ten)."""
    db.connection()
    start, problems, errors = threading.Barrier(12), [], []

    def check() -> None:
        start.wait()
        for _ in range(40):
            try:
                problems.append(db.missing_message())
            except Exception as err:  # noqa: BLE001 - any failure is the finding
                errors.append(repr(err))

    threads = [threading.Thread(target=check) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and set(problems) == {None}
